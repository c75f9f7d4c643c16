"""The schemas of every YAML file of a Cahiers repository: the reference for contributors.

Each `Field.doc` is user documentation; `cahiers schema` could print it, the README quotes it.
"""

from __future__ import annotations

from cahiers.load.schema import Field
from cahiers.model import CONTRIBUTION_STATUSES, GROUP_STATUSES, LANGUAGES, ORGANIZATION_KINDS

ORGANIZATION = (
    Field("name", "line", required=True, doc="full name"),
    Field("short_name", "line", doc="acronym or short form"),
    Field("kind", "choice", required=True, choices=ORGANIZATION_KINDS),
    Field("products", "lines", doc="product names, for the vendor lexicon"),
    Field("aliases", "lines", doc="other names of the organisation"),
    Field("domains", "lines", doc="web domains"),
)

PERSON = (
    Field("name", "line", required=True),
    Field("organization", "id", required=True, doc="an id of organizations.yml"),
    Field("role", "line", doc="job title"),
    Field("consent", "bool", required=True, doc="may this person be named in print?"),
    Field("github", "line", doc="GitHub handle, for CODEOWNERS"),
    Field("emails", "lines", doc="git identities; never published"),
)

MEMBERSHIP = (
    Field("person", "id", required=True),
    Field("since", "date", required=True),
    Field("until", "date"),
)

GROUP = (
    Field("title", "line", required=True),
    Field("summary", "line", required=True, doc="one line"),
    Field("status", "choice", required=True, choices=GROUP_STATUSES),
    Field("associations", "ids", required=True, doc="co-owning associations"),
    Field("chairs", "ids", required=True),
    Field("members", "records", required=True, record=MEMBERSHIP),
    Field("charter", "text", required=True, max_length=20000, doc="Markdown"),
)

INTEREST = (
    Field("person", "id", required=True),
    Field("organization", "id", required=True),
    Field("statement", "line", required=True, max_length=500),
)

EXCEPTION = (
    Field("rule", "line", required=True, doc="the id of the review rule"),
    Field("reason", "line", required=True, max_length=500),
    Field("approved_by", "id", required=True),
)

CONTRIBUTION = (
    Field("title", "line", required=True, max_length=200),
    Field("authors", "ids", required=True),
    Field("status", "choice", required=True, choices=CONTRIBUTION_STATUSES),
    Field("summary", "line", max_length=1000),
    Field("tags", "lines"),
    Field("lang", "choice", choices=LANGUAGES),
    Field("reviewers", "ids"),
    Field("interests", "records", record=INTEREST),
    Field("exceptions", "records", record=EXCEPTION),
)

KEY_MESSAGE = (
    Field("title", "line", required=True, max_length=300),
    Field("text", "text", required=True, max_length=3000, doc="Markdown"),
)

PART = (
    Field("group", "id", required=True),
    Field("title", "line"),
    Field("contributions", "ids", required=True),
)

PAPER = (
    Field("title", "line", required=True),
    Field("subtitle", "line"),
    Field("edition", "line", required=True),
    Field("date", "date", required=True),
    Field("associations", "ids", required=True),
    Field("editors", "ids", required=True),
    Field("license", "line", required=True, doc="an SPDX licence id, e.g. CC-BY-4.0"),
    Field("preamble", "line", required=True, doc="a Markdown file next to paper.yml"),
    Field("bibliography", "line", doc="a CSL JSON file next to paper.yml"),
    Field("key_messages", "records", required=True, record=KEY_MESSAGE),
    Field("parts", "records", required=True, record=PART),
)
