"""A CITATION.cff (Citation File Format 1.2.0) for one paper.

Authors are the people credited in the paper who agreed to be named, each with their organisation
as `affiliation` and, when the name has several words, the first as `given-names` and the rest as
`family-names` (French surnames such as "Le Goff" keep their particle; a single name is the
`family-names`). No e-mail is ever written.
If nobody can be named, the publishing associations are the authors.
"""

from __future__ import annotations

import yaml

from cahiers.credit.formats import labels
from cahiers.credit.types import CreditedPerson, Credits
from cahiers.model import Paper

CFF_VERSION = "1.2.0"


def split_name(name: str) -> dict[str, str]:
    words = name.split()
    if len(words) < 2:  # a single name is what a citation prints first: the family name
        return {"family-names": name}
    return {"given-names": words[0], "family-names": " ".join(words[1:])}


def cff_author(person: CreditedPerson) -> dict[str, str]:
    assert person.name is not None
    author = split_name(person.name)
    if person.organization:
        author["affiliation"] = person.organization
    return author


def format_cff(credits: Credits, paper: Paper, associations: dict[str, str] | None = None) -> str:
    """`associations` maps the paper's association ids to their names (fallback authors)."""
    authors: list[dict[str, str]] = [cff_author(p) for p in credits.people if p.name is not None]
    if not authors:
        names = associations or {}
        authors = [{"name": names.get(slug, slug)} for slug in paper.associations]
    if not authors:
        authors = [{"name": "Anonyme"}]
    title = f"{paper.title}\u202f: {paper.subtitle}" if paper.subtitle else paper.title
    data: dict[str, object] = {
        "cff-version": CFF_VERSION,
        "message": labels.CFF_MESSAGE,
        "title": title,
        "authors": authors,
        "version": paper.edition,
        "date-released": paper.date.isoformat(),
        "license": paper.license,
    }
    if credits.head_commit:
        data["commit"] = credits.head_commit
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
