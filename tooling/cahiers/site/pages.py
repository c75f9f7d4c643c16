"""The pages of the site: home, groups and contributions (papers and contributors live apart).

Each builder returns a `StagedPage`: front matter plus HTML from an autoescaped template, in which
only the render stage's sanitised HTML is marked safe.
"""

from __future__ import annotations

from dataclasses import dataclass

from cahiers.model import Contribution, Group
from cahiers.naming import sort_key
from cahiers.render.types import RenderedContribution
from cahiers.site import urls
from cahiers.site.context import SiteContext, StagedPage
from cahiers.site.htmltools import demote_headings
from cahiers.site.labels import LABELS, count_phrase, unnamed_people
from cahiers.site.markdown import page_markdown
from cahiers.site.people import (
    PeopleList,
    by_organization,
    organization_name,
    people_list,
)
from cahiers.site.templating import render_template, sanitised


@dataclass(frozen=True, slots=True)
class ContributionItem:
    """A contribution as listed on a group or paper page."""

    title: str
    url: str
    status: str
    authors: PeopleList
    summary: str


def footnotes(
    ctx: SiteContext, rendered: RenderedContribution | None, source: str, page: str
) -> list[dict[str, object]]:
    if rendered is None:
        return []
    return [
        {"number": note.number, "html": sanitised(ctx.links.resolve(note.html, source, page))}
        for note in rendered.footnotes
    ]


def title_of(ctx: SiteContext, contribution: Contribution) -> str:
    """The title with French typography applied by the render stage, as in the PDF."""
    rendered = ctx.prepared.rendered.contributions.get(contribution.path)
    return rendered.title if rendered and rendered.title else contribution.title


def contribution_item(ctx: SiteContext, contribution: Contribution, page: str) -> ContributionItem:
    return ContributionItem(
        title=title_of(ctx, contribution),
        url=ctx.href(page, urls.contribution_page(contribution.group, contribution.slug)),
        status=contribution.status,
        authors=people_list(ctx.prepared.project, contribution.authors),
        summary=contribution.summary,
    )


def sorted_contributions(group: Group) -> list[Contribution]:
    return sorted(group.contributions, key=lambda c: (sort_key(c.title), c.slug))


def sorted_groups(ctx: SiteContext) -> list[Group]:
    return sorted(ctx.prepared.project.groups.values(), key=lambda g: (sort_key(g.title), g.slug))


def home_page(ctx: SiteContext) -> StagedPage:
    project = ctx.prepared.project
    page = urls.HOME
    papers = [
        {
            "title": paper.title,
            "subtitle": paper.subtitle,
            "edition": paper.edition,
            "date": paper.date,
            "url": ctx.href(page, urls.paper_page(paper.slug)),
        }
        for paper in sorted(project.papers.values(), key=lambda p: (p.date, p.slug), reverse=True)
    ]
    groups = [
        {
            "title": group.title,
            "summary": group.summary,
            "status": group.status,
            "count": count_phrase(len(group.contributions), "contribution", "contributions"),
            "url": ctx.href(page, urls.group_page(group.slug)),
        }
        for group in sorted_groups(ctx)
    ]
    html = render_template(
        "home.html.j2", description=ctx.settings.site_description, papers=papers, groups=groups
    )
    meta = {"title": LABELS["home"], "hide": ["navigation", "toc"]}
    return StagedPage(page, page_markdown(meta, html))


def group_page(ctx: SiteContext, group: Group) -> StagedPage:
    project = ctx.prepared.project
    page = urls.group_page(group.slug)
    current = [m.person for m in group.members if m.until is None]
    former = [m.person for m in group.members if m.until is not None and m.person not in current]
    members = people_list(project, current)
    charter = ctx.prepared.rendered.charters.get(group.slug)
    resolve = ctx.links.resolve
    source = f"{group.directory}/group.yml"
    html = render_template(
        "group.html.j2",
        group=group,
        associations=[organization_name(project, a) or a for a in group.associations],
        edit_url=ctx.settings.edit_url(f"{group.directory}/group.yml"),
        charter=sanitised(demote_headings(resolve(charter.html, source, page))) if charter else "",
        charter_notes=footnotes(ctx, charter, source, page),
        chairs=people_list(project, group.chairs),
        members=by_organization(members.named),
        unnamed_members=unnamed_people(members.unnamed) if members.unnamed else "",
        former=people_list(project, former),
        contributions=[contribution_item(ctx, c, page) for c in sorted_contributions(group)],
    )
    meta = {"title": group.title, "description": group.summary}
    return StagedPage(page, page_markdown(meta, html))


def contribution_page(ctx: SiteContext, contribution: Contribution) -> StagedPage:
    project = ctx.prepared.project
    page = urls.contribution_page(contribution.group, contribution.slug)
    rendered = ctx.prepared.rendered.contributions[contribution.path]
    resolve = ctx.links.resolve
    history = ctx.prepared.credits.files.get(contribution.path)
    last_updated = history.last_updated.date() if history and history.last_updated else None
    group = project.groups[contribution.group]
    head = render_template(
        "contribution_head.html.j2",
        status=contribution.status,
        group_title=group.title,
        group_url=ctx.href(page, urls.group_page(group.slug)),
        authors=people_list(project, contribution.authors),
        reviewers=people_list(project, contribution.reviewers),
        last_updated=last_updated,
        edit_url=ctx.settings.edit_url(contribution.path),
        summary=contribution.summary,
    )
    body = resolve(rendered.html, contribution.path, page)
    tail = render_template(
        "contribution_tail.html.j2",
        lang=contribution.lang,
        footnotes=footnotes(ctx, rendered, contribution.path, page),
        interests=[
            _interest(ctx, i.person, i.organization, i.statement) for i in contribution.interests
        ],
    )
    meta: dict[str, object] = {"title": title_of(ctx, contribution)}
    if contribution.summary:
        meta["description"] = contribution.summary
    if contribution.tags:
        meta["tags"] = list(contribution.tags)
    return StagedPage(page, page_markdown(meta, head, (body, contribution.lang), tail))


def _interest(ctx: SiteContext, person_id: str, org_id: str, statement: str) -> dict[str, str]:
    project = ctx.prepared.project
    person = project.people.get(person_id)
    return {
        "name": person.name if person and person.consent else "",
        "organization": organization_name(project, org_id) or org_id,
        "statement": statement,
    }


def tags_page() -> StagedPage:
    """The tags index; Material's tags plugin fills in the listing at the marker."""
    text = f"---\ntitle: {LABELS['tags']}\n---\n\n<!-- material/tags -->\n"
    return StagedPage(urls.TAGS, text)
