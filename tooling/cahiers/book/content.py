"""What the book says, as data: built from the model, the rendered pieces and the credits.

Pure: no I/O except reading image assets to vet them. Consent is applied by
`cahiers.book.people` and `cahiers.book.backmatter`; the templates print what they are given.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from dataclasses import dataclass, field

from cahiers.book import backmatter
from cahiers.book.anchors import LinkTargets, chapter_anchor, collect_ids
from cahiers.book.assets import AssetPolicy
from cahiers.book.backmatter import GrantedException, Interest, ReviewStats
from cahiers.book.labels import Labels, labels_for
from cahiers.book.people import PeopleLine, organisation_name, people_line
from cahiers.book.vetting import Vetting
from cahiers.credit.types import Credits
from cahiers.errors import BuildFailed
from cahiers.model import Contribution, Paper, Project
from cahiers.render.types import RenderedContribution


@dataclass(frozen=True, slots=True)
class BookSources:
    """Everything the book is made from, as `pipeline.prepare()` gives it.

    `rendered` is keyed by the contribution's repo-relative path; the snippets (charters by group
    slug, preambles and key messages by paper slug) come from the same render stage. A missing
    snippet falls back to its Markdown source printed as plain paragraphs.
    """

    project: Project
    paper: Paper
    rendered: Mapping[str, RenderedContribution]
    credits: Credits | None
    charters: Mapping[str, RenderedContribution] = field(default_factory=dict)
    preambles: Mapping[str, RenderedContribution] = field(default_factory=dict)
    key_messages: Mapping[str, tuple[RenderedContribution, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Chapter:
    slug: str
    anchor: str
    path: str
    title: str
    summary: str
    status: str
    lang: str
    authors: PeopleLine
    reviewers: PeopleLine
    html: str
    words: int
    part_title: str


@dataclass(frozen=True, slots=True)
class PartView:
    anchor: str
    number: int
    title: str
    summary: str
    charter_html: str
    chairs: PeopleLine
    members: PeopleLine
    former: PeopleLine
    associations: tuple[str, ...]
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True, slots=True)
class BuildStamp:
    """Dates and revision, all from git (or SOURCE_DATE_EPOCH), never from the clock."""

    epoch: int
    created: dt.datetime
    modified: dt.datetime
    commit: str | None


@dataclass(frozen=True, slots=True)
class BookContent:
    labels: Labels
    lang: str
    title: str
    subtitle: str
    edition: str
    date: dt.date
    license: str
    associations: tuple[str, ...]
    editors: PeopleLine
    preamble_html: str
    key_messages: tuple[tuple[str, str], ...]  # (title, html)
    parts: tuple[PartView, ...]
    contributors: PeopleLine
    interests: tuple[Interest, ...]
    exceptions: tuple[GrantedException, ...]
    review: ReviewStats
    stamp: BuildStamp
    unapproved: tuple[Contribution, ...]
    keywords: tuple[str, ...] = field(default=())

    @property
    def chapters(self) -> tuple[Chapter, ...]:
        return tuple(c for part in self.parts for c in part.chapters)

    @property
    def draft(self) -> bool:
        return bool(self.unapproved)


def build_content(sources: BookSources, stamp: BuildStamp) -> BookContent:
    project, paper = sources.project, sources.paper
    labels = labels_for("fr")
    included = list(project.paper_contributions(paper))
    missing = [c.path for _, c in included if c.path not in sources.rendered]
    if missing:
        raise BuildFailed("these contributions were not rendered: " + ", ".join(missing))
    targets = LinkTargets({c.slug: _ids(sources.rendered[c.path]) for _, c in included})
    vetting = Vetting(targets, AssetPolicy(project.root))
    # Pieces that are not contributions get namespaces starting with "_": no slug does.
    titles = {c.path: sources.rendered[c.path].title or c.title for _, c in included}
    parts: list[PartView] = []
    for number, part in enumerate(paper.parts, start=1):
        group = project.groups.get(part.group)
        if group is None:
            continue
        title = part.title or group.title
        charter = sources.charters.get(group.slug)
        current = [m for m in group.members if m.active_on(paper.date)]
        former = [m for m in group.members if not m.active_on(paper.date)]
        parts.append(
            PartView(
                anchor=f"part-{group.slug}",
                number=number,
                title=title,
                summary=group.summary,
                charter_html=vetting.piece(charter, f"_charter-{group.slug}")
                if charter
                else _plain(group.charter),
                chairs=people_line(project, group.chairs),
                members=people_line(
                    project,
                    [m.person for m in current],
                    sort=True,
                    notes=dict.fromkeys(group.chairs, labels.chair),
                ),
                former=people_line(project, [m.person for m in former], sort=True),
                associations=_org_names(project, group.associations),
                chapters=tuple(
                    _chapter(sources, c, titles[c.path], title, vetting)
                    for p, c in included
                    if p is part
                ),
            )
        )
    preamble = sources.preambles.get(paper.slug)
    preamble_html = vetting.piece(preamble, "_preamble") if preamble else _plain(paper.preamble)
    rendered_messages = sources.key_messages.get(paper.slug, ())
    key_messages = tuple(
        (
            message.title,
            vetting.piece(rendered_messages[i], f"_key-{i + 1}")
            if i < len(rendered_messages)
            else _plain(message.text),
        )
        for i, message in enumerate(paper.key_messages)
    )
    if vetting.problems:
        raise BuildFailed(
            "the PDF was not written: the book refuses these references\n"
            + "\n".join(f"  {line}" for line in dict.fromkeys(vetting.problems))
        )
    contributions = [c for _, c in included]
    return BookContent(
        labels=labels,
        lang="fr",
        title=paper.title,
        subtitle=paper.subtitle,
        edition=paper.edition,
        date=paper.date,
        license=paper.license,
        associations=_org_names(project, paper.associations),
        editors=people_line(project, paper.editors),
        preamble_html=preamble_html,
        key_messages=key_messages,
        parts=tuple(parts),
        contributors=backmatter.contributors(
            project, paper, sources.credits, contributions, labels
        ),
        interests=backmatter.interests(project, contributions, titles, labels),
        exceptions=backmatter.exceptions(project, contributions, titles, labels),
        review=backmatter.review_stats(project, contributions),
        stamp=stamp,
        unapproved=tuple(c for c in contributions if c.status != "approved"),
        keywords=tuple(sorted({tag for c in contributions for tag in c.tags})),
    )


def _plain(markdown: str) -> str:
    """A snippet the render stage did not give: its text, escaped, as paragraphs."""
    paragraphs = (p.strip() for p in markdown.split("\n\n"))
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)


def _ids(rendered: RenderedContribution) -> frozenset[str]:
    ids = {h.id for h in rendered.outline} | set(rendered.anchors)
    return frozenset(ids) | collect_ids(rendered.html)


def _chapter(
    sources: BookSources,
    contribution: Contribution,
    title: str,
    part_title: str,
    vetting: Vetting,
) -> Chapter:
    rendered = sources.rendered[contribution.path]
    project = sources.project
    return Chapter(
        slug=contribution.slug,
        anchor=chapter_anchor(contribution.slug),
        path=contribution.path,
        title=title,
        summary=contribution.summary,
        status=contribution.status,
        lang=contribution.lang,
        authors=people_line(project, contribution.authors),
        reviewers=people_line(project, contribution.reviewers),
        # Chapter titles are h2 under their part's h1: the chapter's sections move down a level.
        html=vetting.piece(rendered, contribution.slug, heading_shift=1),
        words=rendered.word_count,
        part_title=part_title,
    )


def _org_names(project: Project, ids: tuple[str, ...]) -> tuple[str, ...]:
    names = (organisation_name(project, i, full=True) for i in ids)
    return tuple(name for name in names if name)
