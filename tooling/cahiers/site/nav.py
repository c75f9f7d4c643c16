"""The site's navigation, as mkdocs' `nav` setting: home, papers, groups, contributors, tags.

Each group is a section whose first entry is its own page (Material's `navigation.indexes` makes
it the section's page), followed by its contributions in title order.
"""

from __future__ import annotations

from collections.abc import Mapping

from cahiers.model import Project
from cahiers.naming import sort_key
from cahiers.site import urls
from cahiers.site.citation import full_title
from cahiers.site.labels import LABELS

NavItem = dict[str, object]


def site_nav(project: Project, titles: Mapping[str, str] | None = None) -> list[NavItem]:
    """`titles`: contribution titles with typography applied, by path (the pages' own titles)."""
    titles = titles or {}
    nav: list[NavItem] = [{LABELS["home"]: urls.HOME}]
    papers = sorted(project.papers.values(), key=lambda p: (p.date, p.slug), reverse=True)
    if papers:
        nav.append({LABELS["papers"]: [{full_title(p): urls.paper_page(p.slug)} for p in papers]})
    groups: list[object] = []
    for group in sorted(project.groups.values(), key=lambda g: (sort_key(g.title), g.slug)):
        contributions = sorted(group.contributions, key=lambda c: (sort_key(c.title), c.slug))
        groups.append(
            {
                group.title: [
                    urls.group_page(group.slug),
                    *(
                        {titles.get(c.path) or c.title: urls.contribution_page(group.slug, c.slug)}
                        for c in contributions
                    ),
                ]
            }
        )
    nav.append({LABELS["groups"]: groups})
    nav.append({LABELS["contributors"]: urls.CONTRIBUTORS})
    nav.append({LABELS["tags"]: urls.TAGS})
    return nav


def nav_pages(nav: list[NavItem]) -> list[str]:
    """Every page the nav names, in order (for tests and the staging check)."""
    pages: list[str] = []

    def walk(item: object) -> None:
        if isinstance(item, str):
            pages.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return pages
