"""Assemble the whole repository into a `Project`. Every problem is collected, none is raised."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cahiers.errors import RepositoryError
from cahiers.findings import Finding, Location, error
from cahiers.load.groups import load_group
from cahiers.load.papers import load_paper
from cahiers.load.registry import load_organizations, load_people
from cahiers.load.schema import Validator
from cahiers.load.tree import walk_content
from cahiers.model import Group, Paper, Project


@dataclass(frozen=True, slots=True)
class LoadResult:
    project: Project
    findings: tuple[Finding, ...]


def load_project(root: Path) -> LoadResult:
    root = root.resolve()
    if not (root / "groups").is_dir():
        raise RepositoryError(
            f"{root} is not a Cahiers repository: it has no `groups/` folder "
            "(run the command from the repository root, or pass --root)"
        )
    v = Validator()
    tree = walk_content(root)
    v.findings.extend(tree.findings)
    organizations = load_organizations(root, v)
    people = load_people(root, v)
    groups: dict[str, Group] = {}
    failed_groups = []
    for group_dir in tree.group_dirs:
        group = load_group(root, group_dir, tree.contribution_files.get(group_dir, []), v)
        if group is not None:
            groups[group.slug] = group
        else:
            failed_groups.append(f"{group_dir}/group.yml")
    _report_duplicate_slugs(groups, v)
    loaded = {c.path for g in groups.values() for c in g.contributions}
    unreadable = sorted(
        path for files in tree.contribution_files.values() for path in files if path not in loaded
    )
    papers: dict[str, Paper] = {}
    for paper_dir in tree.paper_dirs:
        paper = load_paper(root, paper_dir, v)
        if paper is not None:
            papers[paper.slug] = paper
    project = Project(
        root=root,
        organizations=organizations,
        people=people,
        groups=groups,
        papers=papers,
        assets=tuple(sorted(tree.assets)),
        unreadable=tuple(sorted([*unreadable, *failed_groups])),
    )
    return LoadResult(project, tuple(v.findings))


def _report_duplicate_slugs(groups: dict[str, Group], v: Validator) -> None:
    first_seen: dict[str, str] = {}
    for group in groups.values():
        for contribution in group.contributions:
            other = first_seen.setdefault(contribution.slug, contribution.path)
            if other != contribution.path:
                v.findings.append(
                    error(
                        Location(contribution.path),
                        "slug-duplicate",
                        f"contribution slug `{contribution.slug}` is already used by `{other}`",
                        "rename one of the two files: papers and links name contributions by slug",
                    )
                )
