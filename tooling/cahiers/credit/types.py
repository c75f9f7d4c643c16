"""What the credits stage hands to the site, the book and `cahiers credits`.

Consent is applied here once: `name` is None for a person who declined to be named, and no e-mail
address ever leaves this stage except in `UnknownIdentity` (for editors, never published).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ROLES = ("author", "reviewer", "editor", "chair", "contributor")


@dataclass(frozen=True, slots=True)
class CreditedPerson:
    id: str
    name: str | None  # None when the person declined to be named
    organization: str | None  # organisation display name
    organization_id: str | None
    roles: tuple[str, ...]  # subset of ROLES, in ROLES order
    contributions: tuple[str, ...]  # repo-relative paths of contributions they wrote or edited
    commits: int


@dataclass(frozen=True, slots=True)
class UnknownIdentity:
    name: str
    email: str
    commits: tuple[str, ...]  # abbreviated hashes (12 digits), oldest first
    paths: tuple[str, ...]  # current paths, in the order they were first touched


@dataclass(frozen=True, slots=True)
class FileHistory:
    """History of one file, following renames."""

    path: str
    last_updated: dt.datetime | None  # author date of the last commit touching it
    created: dt.datetime | None  # author date of the first commit touching it (renames followed)
    people: tuple[str, ...]  # person ids, by number of commits then id
    # `people` are registry ids, including people who declined to be named: print them through
    # `Credits.person(id).name` (None when declined), never the id itself.


@dataclass(frozen=True, slots=True)
class Credits:
    people: tuple[CreditedPerson, ...]
    unknown_identities: tuple[UnknownIdentity, ...]
    shallow: bool
    files: dict[str, FileHistory] = field(default_factory=dict)
    head_commit: str | None = None  # full hash of HEAD, for the colophon
    head_date: dt.datetime | None = None  # committer date of HEAD, for SOURCE_DATE_EPOCH

    def person(self, person_id: str) -> CreditedPerson | None:
        """The credited person with this id, if credited in this scope."""
        for person in self.people:
            if person.id == person_id:
                return person
        return None

    @property
    def anonymous_count(self) -> int:
        return sum(1 for person in self.people if person.name is None)
