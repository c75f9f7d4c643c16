"""Naming people on the site: consent is respected everywhere, in one place.

A person who declined to be named is counted, never named, and their organisation is not shown
next to a count (an organisation with one member would name them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cahiers.model import Project
from cahiers.naming import sort_key, split_by_consent


@dataclass(frozen=True, slots=True)
class NamedPerson:
    id: str
    name: str
    organization: str | None  # display name


@dataclass(frozen=True, slots=True)
class PeopleList:
    """People to show, in the given order, and how many others declined to be named."""

    named: tuple[NamedPerson, ...]
    unnamed: int

    @property
    def empty(self) -> bool:
        return not self.named and not self.unnamed


@dataclass(frozen=True, slots=True)
class OrganizationPeople:
    organization: str
    people: tuple[NamedPerson, ...]


def organization_name(project: Project, org_id: str | None) -> str | None:
    org = project.organizations.get(org_id) if org_id else None
    return org.name if org else None


def people_list(project: Project, person_ids: Iterable[str]) -> PeopleList:
    # An unknown id is a check finding; the build never gets here with one.
    consented = split_by_consent(project, person_ids)
    named = tuple(
        NamedPerson(person.id, person.name, organization_name(project, person.organization))
        for person in consented.named
    )
    return PeopleList(named, consented.declined)


def by_organization(people: Iterable[NamedPerson]) -> tuple[OrganizationPeople, ...]:
    """Named people grouped by organisation (alphabetical), people by name within each."""
    groups: dict[str, list[NamedPerson]] = {}
    for person in people:
        groups.setdefault(person.organization or "—", []).append(person)
    return tuple(
        OrganizationPeople(org, tuple(sorted(members, key=lambda p: (sort_key(p.name), p.id))))
        for org, members in sorted(groups.items(), key=lambda item: sort_key(item[0]))
    )
