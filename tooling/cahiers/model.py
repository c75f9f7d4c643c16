"""The typed, frozen content model. Built by `cahiers.load`; read by every other stage.

Only values that passed validation reach the model: a field is either valid or the loader
reported a finding and left the element out (or used a safe default).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cahiers.findings import Location

OrganizationKind = Literal["user", "vendor", "public", "association", "academic"]
ORGANIZATION_KINDS: tuple[OrganizationKind, ...] = (
    "user",
    "vendor",
    "public",
    "association",
    "academic",
)
GroupStatus = Literal["active", "dormant", "closed"]
GROUP_STATUSES: tuple[GroupStatus, ...] = ("active", "dormant", "closed")
ContributionStatus = Literal["draft", "review", "approved"]
CONTRIBUTION_STATUSES: tuple[ContributionStatus, ...] = ("draft", "review", "approved")
LANGUAGES = ("fr", "en")


def span(spans: Mapping[str, Location], key: str, default: Location) -> Location:
    """Where the value `key` (e.g. "authors[1]") was written, or the record's own location."""
    return spans.get(key, default)


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    name: str
    kind: OrganizationKind
    location: Location
    short_name: str | None = None
    products: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    organization: str  # an Organization id
    consent: bool  # agrees to be named in print and on the site
    location: Location
    role: str | None = None  # job title, e.g. "DSI", "RSSI"
    github: str | None = None
    emails: tuple[str, ...] = ()  # git identities only; never published
    spans: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Membership:
    person: str
    since: dt.date
    location: Location
    until: dt.date | None = None
    spans: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    def active_on(self, day: dt.date) -> bool:
        return self.since <= day and (self.until is None or day <= self.until)


@dataclass(frozen=True, slots=True)
class Interest:
    """A declared interest: an author's tie to a supplier named in the text."""

    person: str
    organization: str
    statement: str
    location: Location
    spans: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class ReviewException:
    """A granted exception to a review rule; reported to reviewers and on the transparency page."""

    rule: str
    reason: str
    approved_by: str
    location: Location
    spans: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Contribution:
    slug: str
    group: str
    path: str  # repo-relative POSIX path of the .md file
    title: str
    authors: tuple[str, ...]
    status: ContributionStatus
    body: str  # Markdown without the front matter
    body_line: int  # 1-based line of the file where `body` starts
    location: Location  # of the front matter
    summary: str = ""
    tags: tuple[str, ...] = ()
    lang: str = "fr"
    reviewers: tuple[str, ...] = ()
    interests: tuple[Interest, ...] = ()
    exceptions: tuple[ReviewException, ...] = ()
    spans: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Group:
    slug: str
    title: str
    summary: str
    charter: str  # Markdown
    status: GroupStatus
    associations: tuple[str, ...]  # Organization ids of kind "association"
    chairs: tuple[str, ...]
    members: tuple[Membership, ...]
    location: Location  # of group.yml
    contributions: tuple[Contribution, ...] = ()
    spans: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)

    @property
    def directory(self) -> str:
        return f"groups/{self.slug}"


@dataclass(frozen=True, slots=True)
class KeyMessage:
    title: str
    text: str  # Markdown
    location: Location


@dataclass(frozen=True, slots=True)
class Part:
    group: str
    contributions: tuple[str, ...]  # contribution slugs, in reading order
    location: Location
    title: str | None = None  # defaults to the group's title
    spans: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Paper:
    slug: str
    title: str
    edition: str
    date: dt.date
    associations: tuple[str, ...]
    editors: tuple[str, ...]
    license: str
    preamble: str  # Markdown
    preamble_path: str | None
    preamble_line: int
    key_messages: tuple[KeyMessage, ...]
    parts: tuple[Part, ...]
    location: Location  # of paper.yml
    subtitle: str = ""
    bibliography: str | None = None  # repo-relative path to CSL JSON
    spans: Mapping[str, Location] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Project:
    root: Path
    organizations: Mapping[str, Organization]
    people: Mapping[str, Person]
    groups: Mapping[str, Group]
    papers: Mapping[str, Paper]
    assets: tuple[str, ...] = field(default=())  # repo-relative image paths under groups/, papers/
    # Contribution and group files that exist but could not be loaded (already reported):
    # references to them are not reported a second time as "unknown".
    unreadable: tuple[str, ...] = field(default=())

    def contributions(self) -> Iterator[Contribution]:
        for group in self.groups.values():
            yield from group.contributions

    def contribution(self, slug: str) -> Contribution | None:
        for contribution in self.contributions():
            if contribution.slug == slug:
                return contribution
        return None

    def contribution_by_path(self, path: str) -> Contribution | None:
        for contribution in self.contributions():
            if contribution.path == path:
                return contribution
        return None

    def paper_contributions(self, paper: Paper) -> Iterator[tuple[Part, Contribution]]:
        """The contributions of a paper, in reading order; unknown slugs are skipped (findings)."""
        by_slug = {c.slug: c for c in self.contributions()}
        for part in paper.parts:
            for slug in part.contributions:
                if slug in by_slug:
                    yield part, by_slug[slug]

    def organization_of(self, person_id: str) -> Organization | None:
        person = self.people.get(person_id)
        return self.organizations.get(person.organization) if person else None
