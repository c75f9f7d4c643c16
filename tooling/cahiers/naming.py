"""Who may be named, and in what order: the consent rule shared by the site and the book.

A person who declined to be named (`consent: false`) is counted by the outputs, never named.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from cahiers.model import Person, Project


@dataclass(frozen=True, slots=True)
class Consented:
    """People of a list, each once, in the list's order, split by consent."""

    named: tuple[Person, ...]  # consenting people of the registry
    declined: int  # registered people who declined to be named
    unknown: int  # ids the registry does not know (a check finding; counted, never named)


def split_by_consent(project: Project, person_ids: Iterable[str]) -> Consented:
    named: list[Person] = []
    declined = unknown = 0
    seen: set[str] = set()
    for person_id in person_ids:
        if person_id in seen:
            continue
        seen.add(person_id)
        person = project.people.get(person_id)
        if person is None:
            unknown += 1
        elif not person.consent:
            declined += 1
        else:
            named.append(person)
    return Consented(tuple(named), declined, unknown)


def sort_key(text: str) -> str:
    """Alphabetical order that puts `É` with `E` (no locale: the output never varies)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
