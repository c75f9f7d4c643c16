"""People as the book names them: consent applied once, here, for every page of the book.

A person who declined to be named is counted ("et 2 autres membres …") and never named: neither
their name nor their organisation reaches the HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cahiers import naming
from cahiers.credit.types import Credits
from cahiers.model import Project


@dataclass(frozen=True, slots=True)
class NamedPerson:
    name: str
    organisation: str | None = None
    note: str | None = None  # e.g. a role ("présidence") or the list of roles in credits


@dataclass(frozen=True, slots=True)
class PeopleLine:
    """A list of people as printed: the named ones, plus how many declined to be named."""

    named: tuple[NamedPerson, ...]
    unnamed: int = 0

    def __bool__(self) -> bool:
        return bool(self.named) or self.unnamed > 0

    @property
    def total(self) -> int:
        return len(self.named) + self.unnamed


def sort_key(name: str) -> str:
    """The shared alphabetical order, the name itself breaking ties (stable across machines)."""
    return naming.sort_key(name) + "\x00" + name


def organisation_name(
    project: Project, organisation_id: str | None, *, full: bool = False
) -> str | None:
    """The short name where one is given (bylines), or the full name (`full`: associations)."""
    if organisation_id is None:
        return None
    organisation = project.organizations.get(organisation_id)
    if organisation is None:
        return None
    return organisation.name if full else organisation.short_name or organisation.name


def people_line(
    project: Project,
    person_ids: Iterable[str],
    *,
    sort: bool = False,
    notes: dict[str, str] | None = None,
) -> PeopleLine:
    """Named people in the given order (or sorted), unknown or declining ones only counted."""
    consented = naming.split_by_consent(project, person_ids)
    named = [
        NamedPerson(
            person.name,
            organisation_name(project, person.organization),
            (notes or {}).get(person.id),
        )
        for person in consented.named
    ]
    unnamed = consented.declined + consented.unknown
    if sort:
        named.sort(key=lambda p: sort_key(p.name))
    return PeopleLine(tuple(named), unnamed)


def credited_people(
    credits: Credits | None,
    project: Project,
    relevant: frozenset[str],
    role_ids: frozenset[str],
    role_names: Mapping[str, str],
) -> PeopleLine:
    """Contributors of this paper from the credits stage, which has applied consent already.

    A person counts when they touched one of the `relevant` files, or hold a declared role on the
    paper (`role_ids`: authors, reviewers, editors, chairs). Without credits (no git), the declared
    roles alone are used, with consent taken from the people registry.
    """
    if credits is None:
        return people_line(project, sorted(role_ids), sort=True)
    named: list[NamedPerson] = []
    unnamed = 0
    missing = set(role_ids) - {credited.id for credited in credits.people}
    extra = people_line(project, sorted(missing))  # declared roles without any commit
    named.extend(extra.named)
    unnamed += extra.unnamed
    for credited in credits.people:
        touched = any(path in relevant for path in credited.contributions)
        if not touched and credited.id not in role_ids:
            continue
        person = project.people.get(credited.id)
        # Consent is applied by the credits stage; the registry is a second guard, so that a
        # stale credits cache can never name someone who withdrew their consent.
        if credited.name is None or (person is not None and not person.consent):
            unnamed += 1
            continue
        roles = ", ".join(role_names.get(role, role) for role in credited.roles)
        # The registry's short name, as in the bylines; the credits' name when it has no id.
        organisation = organisation_name(project, credited.organization_id)
        named.append(
            NamedPerson(credited.name, organisation or credited.organization, roles or None)
        )
    named.sort(key=lambda p: sort_key(p.name))
    return PeopleLine(tuple(named), unnamed)
