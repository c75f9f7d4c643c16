"""Cross-file references: every id named somewhere must exist, with the right kind.

Pure: reads the model only. Each finding points at the exact item that names the unknown id
(the loader kept where every value was written) and suggests the closest known id.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from cahiers.findings import Finding, Location, error
from cahiers.model import Contribution, Group, Paper, Project, span


def check_references(project: Project) -> list[Finding]:
    findings: list[Finding] = []
    for person in project.people.values():
        if not person.organization:
            continue  # the entry itself is invalid, and reported by the loader
        findings += _unknown(
            project.organizations,
            person.organization,
            span(person.spans, "organization", person.location),
            "organisation",
        )
    for group in project.groups.values():
        findings += _group(project, group)
        for contribution in group.contributions:
            findings += _contribution(project, contribution)
    for paper in project.papers.values():
        findings += _paper(project, paper)
    return findings


def _group(project: Project, group: Group) -> Iterator[Finding]:
    yield from _associations(project, group.associations, group.spans, group.location)
    members = {m.person for m in group.members}
    for membership in group.members:
        yield from _unknown(
            project.people,
            membership.person,
            span(membership.spans, "person", membership.location),
            "person",
        )
    for index, chair in enumerate(group.chairs):
        where = span(group.spans, f"chairs[{index}]", group.location)
        found = list(_unknown(project.people, chair, where, "person"))
        yield from found
        if not found and chair not in members:
            yield error(
                where,
                "chair-not-member",
                f"chair `{chair}` is not a member of group `{group.slug}`",
                f"add `- person: {chair}` with its `since` date under `members:`",
            )


def _contribution(project: Project, contribution: Contribution) -> Iterator[Finding]:
    spans, loc = contribution.spans, contribution.location
    for field in ("authors", "reviewers"):
        for index, person in enumerate(getattr(contribution, field)):
            yield from _unknown(
                project.people, person, span(spans, f"{field}[{index}]", loc), "person"
            )
    for interest in contribution.interests:
        yield from _unknown(
            project.people,
            interest.person,
            span(interest.spans, "person", interest.location),
            "person",
        )
        yield from _unknown(
            project.organizations,
            interest.organization,
            span(interest.spans, "organization", interest.location),
            "organisation",
        )
    for exception in contribution.exceptions:
        yield from _unknown(
            project.people,
            exception.approved_by,
            span(exception.spans, "approved_by", exception.location),
            "person",
        )


def _paper(project: Project, paper: Paper) -> Iterator[Finding]:
    yield from _associations(project, paper.associations, paper.spans, paper.location)
    for index, editor in enumerate(paper.editors):
        yield from _unknown(
            project.people, editor, span(paper.spans, f"editors[{index}]", paper.location), "person"
        )
    listed: dict[str, Location] = {}
    for part in paper.parts:
        group = project.groups.get(part.group)
        if f"groups/{part.group}/group.yml" not in project.unreadable:
            yield from _unknown(
                project.groups, part.group, span(part.spans, "group", part.location), "group"
            )
        for index, slug in enumerate(part.contributions):
            where = span(part.spans, f"contributions[{index}]", part.location)
            if slug in listed:
                yield error(
                    where,
                    "paper-duplicate-contribution",
                    f"`{slug}` is already listed on line {listed[slug].line}",
                    "a contribution appears once in a paper; remove one of the two",
                )
                continue
            listed[slug] = where
            if group is None:
                continue
            own = {c.slug: c for c in group.contributions}
            if slug in own:
                continue
            elsewhere = project.contribution(slug)
            if elsewhere is not None:
                yield error(
                    where,
                    "paper-contribution-group",
                    f"`{slug}` belongs to group `{elsewhere.group}`, not `{group.slug}`",
                    f"move it to the part of group `{elsewhere.group}`",
                )
            elif f"{group.directory}/{slug}.md" not in project.unreadable:
                yield from _unknown(own, slug, where, f"contribution of group `{group.slug}`")


def _associations(
    project: Project, ids: tuple[str, ...], spans: Mapping[str, Location], default: Location
) -> Iterator[Finding]:
    for index, org_id in enumerate(ids):
        where = span(spans, f"associations[{index}]", default)
        found = list(_unknown(project.organizations, org_id, where, "organisation"))
        yield from found
        organization = project.organizations.get(org_id)
        if not found and organization is not None and organization.kind != "association":
            yield error(
                where,
                "association-kind",
                f"`{org_id}` is a {organization.kind} organisation, not an association",
                "list only organisations of kind `association` here",
            )


def _unknown(known: Mapping[str, Any], key: str, where: Location, what: str) -> Iterator[Finding]:
    if key in known:
        return
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    registry = {
        "person": "groups/people.yml",
        "organisation": "groups/organizations.yml",
        "group": "groups/",
    }.get(what)
    hint = f"did you mean `{close[0]}`?" if close else None
    if hint is None and registry:
        hint = f"add it to `{registry}`"
    yield error(where, f"unknown-{what.split()[0]}", f"unknown {what} `{key}`", hint)
