"""The back of the book: who contributed, and how the texts were kept independent.

- contributors: from the credits stage (which applied consent), limited to this paper;
- transparency: declared interests, granted exceptions to the review rules, and how the review
  was done (how many reviewers, from how many organisations).
A person who declined to be named is counted, or written "une personne qui a choisi de ne pas
être nommée"; never named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cahiers.book.labels import Labels
from cahiers.book.people import PeopleLine, credited_people, organisation_name
from cahiers.credit.types import Credits
from cahiers.model import Contribution, Paper, Project


@dataclass(frozen=True, slots=True)
class Interest:
    person: str  # a name, or the "unnamed person" label
    organisation: str
    statement: str
    chapter: str


@dataclass(frozen=True, slots=True)
class GrantedException:
    rule: str
    reason: str
    approved_by: str
    chapter: str


@dataclass(frozen=True, slots=True)
class ReviewStats:
    contributions: int
    approved: int
    reviewers: int
    organisations: int
    independent: bool  # every approved text: >= 2 reviewers, not authors, >= 2 organisations


def contributors(
    project: Project,
    paper: Paper,
    credits: Credits | None,
    contributions: Sequence[Contribution],
    labels: Labels,
) -> PeopleLine:
    relevant = {c.path for c in contributions}
    relevant |= {p for p in (paper.preamble_path, paper.location.path) if p}
    roles: set[str] = set(paper.editors)
    for contribution in contributions:
        roles |= set(contribution.authors) | set(contribution.reviewers)
    for part in paper.parts:
        group = project.groups.get(part.group)
        if group is not None:
            roles |= set(group.chairs)
            relevant.add(group.location.path)
    return credited_people(credits, project, frozenset(relevant), frozenset(roles), labels.roles)


def _person_label(project: Project, person_id: str, labels: Labels) -> str:
    person = project.people.get(person_id)
    return person.name if person is not None and person.consent else labels.unnamed_person


def interests(
    project: Project, contributions: Sequence[Contribution], titles: dict[str, str], labels: Labels
) -> tuple[Interest, ...]:
    return tuple(
        Interest(
            person=_person_label(project, interest.person, labels),
            organisation=organisation_name(project, interest.organization) or "",
            statement=interest.statement,
            chapter=titles.get(contribution.path, contribution.title),
        )
        for contribution in contributions
        for interest in contribution.interests
    )


def exceptions(
    project: Project, contributions: Sequence[Contribution], titles: dict[str, str], labels: Labels
) -> tuple[GrantedException, ...]:
    return tuple(
        GrantedException(
            rule=exception.rule,
            reason=exception.reason,
            approved_by=_person_label(project, exception.approved_by, labels),
            chapter=titles.get(contribution.path, contribution.title),
        )
        for contribution in contributions
        for exception in contribution.exceptions
    )


def review_stats(project: Project, contributions: Sequence[Contribution]) -> ReviewStats:
    approved = [c for c in contributions if c.status == "approved"]
    reviewers = {r for c in approved for r in c.reviewers}
    organisations = {project.people[r].organization for r in reviewers if r in project.people}

    def independent(contribution: Contribution) -> bool:
        outside = [
            r
            for r in contribution.reviewers
            if r not in contribution.authors and r in project.people
        ]
        return len(outside) >= 2 and len({project.people[r].organization for r in outside}) >= 2

    return ReviewStats(
        contributions=len(contributions),
        approved=len(approved),
        reviewers=len(reviewers),
        organisations=len(organisations),
        independent=bool(approved) and all(independent(c) for c in approved),
    )
