"""The page of a Cahier: preamble, key messages, contents, downloads and "cite this Cahier"."""

from __future__ import annotations

from cahiers.model import Paper
from cahiers.site import urls
from cahiers.site.citation import bibtex, citation_cff, full_title
from cahiers.site.context import SiteContext, StagedPage
from cahiers.site.htmltools import demote_headings
from cahiers.site.markdown import page_markdown
from cahiers.site.pages import contribution_item, footnotes
from cahiers.site.people import organization_name, people_list
from cahiers.site.templating import render_template, sanitised

BIBTEX_NAME = "citation.bib"
CFF_NAME = "CITATION.cff"


def paper_files(ctx: SiteContext, paper: Paper) -> dict[str, str]:
    """The citation files staged next to the paper page, by staged path."""
    url = ctx.absolute_url(urls.paper_page(paper.slug))
    project = ctx.prepared.project
    return {
        urls.paper_file(paper.slug, BIBTEX_NAME): bibtex(project, paper, url),
        urls.paper_file(paper.slug, CFF_NAME): citation_cff(project, paper, url),
    }


def paper_page(ctx: SiteContext, paper: Paper) -> StagedPage:
    project = ctx.prepared.project
    rendered = ctx.prepared.rendered
    page = urls.paper_page(paper.slug)
    source = paper.preamble_path or paper.location.path
    resolve = ctx.links.resolve
    messages = rendered.key_messages.get(paper.slug, ())
    preamble = rendered.preambles.get(paper.slug)
    parts = []
    for part in paper.parts:
        group = project.groups.get(part.group)
        if group is None:  # a check finding; the build never gets here
            continue
        by_slug = {c.slug: c for c in group.contributions}
        parts.append(
            {
                "title": part.title or group.title,
                "url": ctx.href(page, urls.group_page(group.slug)),
                "contributions": [
                    contribution_item(ctx, by_slug[slug], page)
                    for slug in part.contributions
                    if slug in by_slug
                ],
            }
        )
    files = paper_files(ctx, paper)
    bib_path, cff_path = list(files)
    html = render_template(
        "paper.html.j2",
        paper=paper,
        associations=[organization_name(project, a) or a for a in paper.associations],
        editors=people_list(project, paper.editors),
        edit_url=ctx.settings.edit_url(paper.location.path),
        preamble=sanitised(demote_headings(resolve(preamble.html, source, page)))
        if preamble
        else "",
        preamble_notes=footnotes(ctx, preamble, source, page),
        key_messages=[
            {
                "title": message.title,
                "html": sanitised(resolve(messages[i].html, paper.location.path, page))
                if i < len(messages)
                else "",
            }
            for i, message in enumerate(paper.key_messages)
        ],
        parts=parts,
        downloads=[
            {"label": d.label, "url": ctx.href(page, d.src), "size": d.size}
            for d in ctx.downloads.get(paper.slug, ())
        ],
        bibtex=files[bib_path],
        bibtex_name=BIBTEX_NAME,
        bibtex_url=ctx.href(page, bib_path),
        cff=files[cff_path],
        cff_name=CFF_NAME,
        cff_url=ctx.href(page, cff_path),
    )
    meta = {"title": full_title(paper), "description": paper.subtitle or paper.title}
    return StagedPage(page, page_markdown(meta, html))
