"""What the findings of the text rules depend on, as one digest per text: the review cache's key.

The text rules are pure functions of:
- the text (visible lines, links, the Markdown source and where it starts, the word count);
- its contribution's front matter (title, summary, authors, status, reviewers, interests, the
  positions of its keys) — the whole `Contribution` is hashed;
- the registry entries of the people named in that front matter (authors, reviewers, people of
  declared interests) and of their organisations (`registry_view`): the rules are handed exactly
  these, so they cannot read an entry the key does not cover;
- the compiled policy (the policy files and the vendor lexicon merged from the registry);
- the rules' own code (a digest of this package, of `findings.py` and `model.py`).

So a cached result is the result the rules would give. Exceptions are applied after the cache
(they read the whole people registry) and the paper rules run on cached per-text numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import Any, Protocol

from cahiers import __version__
from cahiers.check.review.lexicon import CompiledPolicy
from cahiers.check.review.types import ReviewInput
from cahiers.findings import Finding
from cahiers.model import Contribution, Organization, Person

FORMAT = 1


class FindingsMemo(Protocol):
    """Remembers the findings of the text rules by key (see `TextKeys`)."""

    def get(self, key: str) -> list[Finding] | None: ...

    def put(self, key: str, findings: list[Finding]) -> None: ...


def registry_view(
    contribution: Contribution | None,
    people: Mapping[str, Person],
    organizations: Mapping[str, Organization],
) -> tuple[dict[str, Person], dict[str, Organization]]:
    """The registry entries the text rules may read for this contribution (and nothing else)."""
    if contribution is None:
        return {}, {}
    ids = [*contribution.authors, *contribution.reviewers]
    ids += [interest.person for interest in contribution.interests]
    persons = {i: people[i] for i in ids if i in people}
    org_ids = [p.organization for p in persons.values()]
    org_ids += [interest.organization for interest in contribution.interests]
    orgs = {i: organizations[i] for i in org_ids if i in organizations}
    return persons, orgs


@cache
def rules_fingerprint() -> str:
    """A digest of the code the text rules run (a new version of it invalidates every entry)."""
    digest = hashlib.sha256(f"{__version__}:{FORMAT}".encode())
    review = resources.files("cahiers.check.review")
    package = resources.files("cahiers")
    files = [review.joinpath(name) for name in sorted(p.name for p in review.iterdir())]
    files += [package.joinpath("findings.py"), package.joinpath("model.py")]
    for file in files:
        if file.name.endswith(".py"):
            digest.update(file.name.encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def policy_digest(compiled: CompiledPolicy) -> str:
    """A digest of the policy and of the vendor lexicon merged from the registry."""
    vendors = [canonical(v) for _key, v in sorted(compiled.vendors.items())]
    return _digest([rules_fingerprint(), canonical(compiled.policy), vendors])


class TextKeys:
    """The keys of texts reviewed under one compiled policy.

    A key hashes the policy digest, the text, the whole `Contribution`, and the registry
    entries of `registry_view` (each entry's digest is computed once per run).
    """

    def __init__(self, compiled: CompiledPolicy) -> None:
        self.policy = policy_digest(compiled)
        self._entries: dict[int, tuple[object, str]] = {}

    def key(
        self,
        text: ReviewInput,
        contribution: Contribution | None,
        people: Mapping[str, Person],
        organizations: Mapping[str, Organization],
    ) -> str:
        texts = [x.text for x in text.lines]
        lines = [[x.line for x in text.lines], [len(t) for t in texts]]
        links = [[x.target, x.line, x.column, x.kind, x.text] for x in text.links]
        registry = [
            *(f"person {key} {self._entry(value)}" for key, value in sorted(people.items())),
            *(f"org {key} {self._entry(value)}" for key, value in sorted(organizations.items())),
        ]
        head = [self.policy, text.path, text.source_line, text.word_count, lines, links, registry]
        # The body is long and usually the text's source: hashed as it is, not as JSON.
        front = None if contribution is None else dataclasses.replace(contribution, body="")
        body = "-" if contribution is None else "+" + contribution.body
        if contribution is not None and contribution.body == text.source:
            body = "="
        digest = hashlib.sha256()
        for part in (_json(head), _json(canonical(front)), body, text.source, "".join(texts)):
            data = part.encode("utf-8", "surrogatepass")
            digest.update(b"%d:" % len(data))
            digest.update(data)
        return digest.hexdigest()

    def _entry(self, value: object) -> str:
        """The digest of a registry entry, remembered by identity for this run."""
        known = self._entries.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        digest = _digest([canonical(value)])
        self._entries[id(value)] = (value, digest)
        return digest


def _json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _digest(payload: list[Any]) -> str:
    return hashlib.sha256(_json(payload).encode("utf-8", "surrogatepass")).hexdigest()


def canonical(value: Any) -> Any:
    """`value` as JSON data in one deterministic form (sets sorted, dataclasses by field).

    Every field counts, including positions: a rule may print any of them.
    """
    kind = type(value)
    if value is None or kind in _PLAIN:
        return value
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        items = [getattr(value, name) for name in names]
        return [kind.__name__, [v if type(v) in _PLAIN else canonical(v) for v in items]]
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return [[canonical(k), canonical(v)] for k, v in sorted(value.items(), key=_item_order)]
    if isinstance(value, AbstractSet):
        return sorted((canonical(item) for item in value), key=_json)
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot digest a {type(value).__name__}")


_PLAIN = frozenset({str, int, float, bool})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _item_order(item: tuple[Any, Any]) -> Any:
    key = item[0]
    return key if type(key) is str else _json(canonical(key))
