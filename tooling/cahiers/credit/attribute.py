"""Pure attribution: declared roles + history → `Credits`, for the whole project or one paper.

Scope:
- the whole project: every contribution, group and paper; history of the files inside
  `groups/<group>/` and `papers/<paper>/` (the registries `groups/*.yml` are administration, not
  authorship);
- a paper: its contributions, the `group.yml` of its parts' groups, and `papers/<paper>/`.

Roles: authors and reviewers of the contributions in scope, chairs of their groups, editors of the
paper(s); "contributor" for a registered person who appears only in history. Consent is applied
here, once: a person who declined is counted with `name`, `organization` and `organization_id` set
to None (an organisation and a role can be enough to recognise someone).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cahiers.credit.gitlog import Identity
from cahiers.credit.history import History
from cahiers.credit.identities import IdentityResolver, Kind
from cahiers.credit.types import (
    ROLES,
    CreditedPerson,
    Credits,
    FileHistory,
    UnknownIdentity,
)
from cahiers.model import Contribution, Project

SHORT_HASH = 12


@dataclass(frozen=True, slots=True)
class Scope:
    contributions: tuple[Contribution, ...]
    chairs_of: tuple[str, ...]  # group slugs whose chairs are credited
    editors_of: tuple[str, ...]  # paper slugs whose editors are credited
    contains: Callable[[str], bool]  # whether a file's history counts


def project_scope(project: Project) -> Scope:
    def contains(path: str) -> bool:
        parts = path.split("/")
        return len(parts) >= 3 and parts[0] in ("groups", "papers")

    return Scope(
        tuple(project.contributions()), tuple(project.groups), tuple(project.papers), contains
    )


def paper_scope(project: Project, slug: str) -> Scope:
    paper = project.papers.get(slug)
    if paper is None:
        raise ValueError(f"unknown paper `{slug}` (known: {', '.join(sorted(project.papers))})")
    contributions = tuple(contribution for _, contribution in project.paper_contributions(paper))
    groups = tuple(dict.fromkeys(p.group for p in paper.parts if p.group in project.groups))
    files = {c.path for c in contributions} | {f"groups/{group}/group.yml" for group in groups}
    prefix = f"papers/{slug}/"
    return Scope(contributions, groups, (slug,), lambda p: p in files or p.startswith(prefix))


@dataclass(slots=True)
class _Unknown:
    identity: Identity  # the newest spelling seen
    commits: list[str] = field(default_factory=list)  # newest first
    paths: list[str] = field(default_factory=list)  # newest first touch last
    oldest: int = 0  # position of its oldest commit in the history (newest first)


def attribute(
    project: Project, history: History, resolver: IdentityResolver, *, paper: str | None = None
) -> Credits:
    scope = paper_scope(project, paper) if paper else project_scope(project)
    roles = _declared_roles(project, scope)
    written: dict[str, set[str]] = defaultdict(set)
    for contribution in scope.contributions:
        for author in contribution.authors:
            written[author].add(contribution.path)
    contribution_paths = {c.path for c in scope.contributions}
    commits: Counter[str] = Counter()
    unknown: dict[str, _Unknown] = {}
    for position, commit in enumerate(history.commits):
        paths = [path for path in commit.paths if scope.contains(path)]
        if not paths:
            continue
        for identity in commit.identities:
            resolution = resolver.resolve(identity)
            if resolution.kind is Kind.PERSON and resolution.person_id is not None:
                commits[resolution.person_id] += 1
                written[resolution.person_id].update(p for p in paths if p in contribution_paths)
            elif resolution.kind is Kind.UNKNOWN:
                key = identity.email.lower() or identity.name.lower()
                entry = unknown.setdefault(key, _Unknown(identity))
                entry.commits.append(commit.hash[:SHORT_HASH])
                entry.oldest = position
                entry.paths.extend(reversed(paths))
    people = [
        _credited(project, person_id, roles.get(person_id, set()), written, commits)
        for person_id in sorted(set(roles) | set(commits))
        if person_id in project.people
    ]
    people.sort(key=_display_order)
    return Credits(
        people=tuple(people),
        unknown_identities=tuple(_unknown_identity(entry) for entry in _by_first_seen(unknown)),
        shallow=history.shallow,
        files=file_histories(history, resolver),
        head_commit=history.head_commit,
        head_date=history.head_date,
    )


def _declared_roles(project: Project, scope: Scope) -> dict[str, set[str]]:
    roles: dict[str, set[str]] = defaultdict(set)
    for contribution in scope.contributions:
        for person_id in contribution.authors:
            roles[person_id].add("author")
        for person_id in contribution.reviewers:
            roles[person_id].add("reviewer")
    for slug in scope.editors_of:
        for person_id in project.papers[slug].editors:
            roles[person_id].add("editor")
    for slug in scope.chairs_of:
        for person_id in project.groups[slug].chairs:
            roles[person_id].add("chair")
    return roles


def _credited(
    project: Project,
    person_id: str,
    declared: set[str],
    written: dict[str, set[str]],
    commits: Counter[str],
) -> CreditedPerson:
    person = project.people[person_id]
    organization = project.organization_of(person_id) if person.consent else None
    roles = tuple(role for role in ROLES if role in declared) or ("contributor",)
    return CreditedPerson(
        id=person_id,
        name=person.name if person.consent else None,
        organization=organization.name if organization else None,
        organization_id=organization.id if organization else None,
        roles=roles,
        contributions=tuple(sorted(written.get(person_id, ()))),
        commits=commits[person_id],
    )


def sort_key(text: str) -> str:
    """Alphabetical order for French names: accents and case do not matter."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _display_order(person: CreditedPerson) -> tuple[int, str, str]:
    # People who declined come last, so that their place in the list says nothing of their name.
    if person.name is None:
        return (1, "", person.id)
    return (0, sort_key(person.name), person.id)


def _by_first_seen(unknown: dict[str, _Unknown]) -> Iterable[_Unknown]:
    """Oldest first: the order in which the identities appeared in history."""
    return sorted(unknown.values(), key=lambda entry: -entry.oldest)


def _unknown_identity(entry: _Unknown) -> UnknownIdentity:
    paths = list(dict.fromkeys(reversed(entry.paths)))  # in the order they were first touched
    return UnknownIdentity(
        name=entry.identity.name,
        email=entry.identity.email,
        commits=tuple(reversed(entry.commits)),
        paths=tuple(paths),
    )


def file_histories(history: History, resolver: IdentityResolver) -> dict[str, FileHistory]:
    """Per-file dates and people, over every file (bots' commits count as updates)."""
    dates: dict[str, list[dt.datetime]] = defaultdict(list)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for commit in history.commits:
        person_ids = {
            r.person_id
            for r in (resolver.resolve(i) for i in commit.identities)
            if r.kind is Kind.PERSON and r.person_id is not None
        }
        for path in commit.paths:
            dates[path].append(commit.date)
            counts[path].update(person_ids)
    return {
        path: FileHistory(
            path=path,
            last_updated=max(dates[path]),
            created=min(dates[path]),
            people=tuple(pid for pid, _ in sorted(counts[path].items(), key=_by_count)),
        )
        for path in sorted(dates)
    }


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])
