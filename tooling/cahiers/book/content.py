"""What the book says, as data: built from the model, the rendered contributions and the credits.

Pure: no I/O except reading image assets to vet them (through `AssetPolicy`). Consent is applied
by `cahiers.book.people`; the templates only print what they are given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cahiers.book.assets import AssetPolicy
from cahiers.book.labels import Labels, labels_for
from cahiers.book.people import PeopleLine, credited_people, organisation_name, people_line
from cahiers.book.rewrite import LinkTargets, Problem, chapter_anchor, collect_ids, rewrite
from cahiers.credit.types import Credits
from cahiers.errors import BuildFailed
from cahiers.model import Contribution, Paper, Project
from cahiers.render.types import RenderedContribution

SnippetRenderer = Callable[[str], str]  # Markdown of a YAML field -> sanitised HTML


@dataclass(frozen=True, slots=True)
class BookSources:
    """Everything the book is made from; `rendered` is keyed by repo-relative source path."""

    project: Project
    paper: Paper
    rendered: Mapping[str, RenderedContribution]
    credits: Credits | None
    markdown: SnippetRenderer


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
        raise BuildFailed("not rendered: " + ", ".join(missing))
    targets = LinkTargets({c.slug: _ids(sources.rendered[c.path]) for _, c in included})
    ctx = _Context(targets, AssetPolicy(project.root), [])
    parts: list[PartView] = []
    for number, part in enumerate(paper.parts, start=1):
        group = project.groups.get(part.group)
        if group is None:
            continue
        title = part.title or group.title
        chapters = tuple(_chapter(sources, c, title, ctx) for p, c in included if p is part)
        current = [m for m in group.members if m.active_on(paper.date)]
        former = [m for m in group.members if not m.active_on(paper.date)]
        parts.append(
            PartView(
                anchor=f"part-{group.slug}",
                number=number,
                title=title,
                summary=group.summary,
                charter_html=_vetted(
                    sources.markdown(group.charter),
                    f"part-{group.slug}",
                    group.location.path,
                    None,
                    ctx,
                ),
                chairs=people_line(project, group.chairs),
                members=people_line(
                    project,
                    [m.person for m in current],
                    sort=True,
                    notes=dict.fromkeys(group.chairs, labels.chair),
                ),
                former=people_line(project, [m.person for m in former], sort=True),
                associations=_org_names(project, group.associations),
                chapters=chapters,
            )
        )
    contributions = [c for _, c in included]
    paper_file = paper.location.path
    preamble = sources.rendered.get(paper.preamble_path or "")
    preamble_html = _vetted(
        preamble.html if preamble else sources.markdown(paper.preamble),
        "preamble",
        paper.preamble_path or paper_file,
        preamble,
        ctx,
    )
    key_messages = tuple(
        (m.title, _vetted(sources.markdown(m.text), f"key-{i}", paper_file, None, ctx))
        for i, m in enumerate(paper.key_messages, start=1)
    )
    if ctx.problems:
        raise BuildFailed(
            "the book refuses these references (nothing was written):\n"
            + "\n".join(f"  {line}" for line in ctx.problems)
        )
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
        contributors=_contributors(sources, contributions, labels),
        interests=_interests(project, contributions, labels),
        exceptions=_exceptions(project, contributions, labels),
        review=_review_stats(project, contributions),
        stamp=stamp,
        unapproved=tuple(c for c in contributions if c.status != "approved"),
        keywords=tuple(sorted({tag for c in contributions for tag in c.tags})),
    )


def _ids(rendered: RenderedContribution) -> frozenset[str]:
    return frozenset(h.id for h in rendered.outline) | collect_ids(rendered.html)


def _chapter(
    sources: BookSources,
    contribution: Contribution,
    part_title: str,
    ctx: _Context,
) -> Chapter:
    rendered = sources.rendered[contribution.path]
    # Chapter titles are h2 under their part's h1: the chapter's own sections move down one level.
    html = _vetted(rendered.html, contribution.slug, contribution.path, rendered, ctx, 1)
    project = sources.project
    return Chapter(
        slug=contribution.slug,
        anchor=chapter_anchor(contribution.slug),
        path=contribution.path,
        title=contribution.title,
        summary=contribution.summary,
        status=contribution.status,
        lang=contribution.lang,
        authors=people_line(project, contribution.authors),
        reviewers=people_line(project, contribution.reviewers),
        html=html,
        words=rendered.word_count,
        part_title=part_title,
    )


@dataclass(frozen=True, slots=True)
class _Context:
    targets: LinkTargets
    policy: AssetPolicy
    problems: list[str]


def _vetted(
    html: str,
    slug: str,
    path: str,
    rendered: RenderedContribution | None,
    ctx: _Context,
    heading_shift: int = 0,
) -> str:
    """`html` rewritten for the book; refused references are collected with where they were."""
    result = rewrite(
        html,
        slug=slug,
        source_path=path,
        targets=ctx.targets,
        footnotes={n.number: n.html for n in rendered.footnotes} if rendered else {},
        check_asset=ctx.policy.refusal,
        heading_shift=heading_shift,
    )
    ctx.problems.extend(_describe(path, rendered, p) for p in result.problems)
    return result.html


def _describe(path: str, rendered: RenderedContribution | None, problem: Problem) -> str:
    links = rendered.links if rendered else ()
    line = next((ref.line for ref in links if ref.target == problem.reference), None)
    where = f"{path}:{line}" if line else path
    return f"{where}: `{problem.reference}`: {problem.reason}"


def _org_names(project: Project, ids: tuple[str, ...]) -> tuple[str, ...]:
    names = (organisation_name(project, i, full=True) for i in ids)
    return tuple(name for name in names if name)


def _contributors(
    sources: BookSources, contributions: list[Contribution], labels: Labels
) -> PeopleLine:
    project, paper = sources.project, sources.paper
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
    return credited_people(
        sources.credits, project, frozenset(relevant), frozenset(roles), labels.roles
    )


def _person_label(project: Project, person_id: str, labels: Labels) -> str:
    person = project.people.get(person_id)
    return person.name if person is not None and person.consent else labels.unnamed_person


def _interests(
    project: Project, contributions: list[Contribution], labels: Labels
) -> tuple[Interest, ...]:
    return tuple(
        Interest(
            person=_person_label(project, interest.person, labels),
            organisation=organisation_name(project, interest.organization) or "",
            statement=interest.statement,
            chapter=contribution.title,
        )
        for contribution in contributions
        for interest in contribution.interests
    )


def _exceptions(
    project: Project, contributions: list[Contribution], labels: Labels
) -> tuple[GrantedException, ...]:
    return tuple(
        GrantedException(
            rule=exception.rule,
            reason=exception.reason,
            approved_by=_person_label(project, exception.approved_by, labels),
            chapter=contribution.title,
        )
        for contribution in contributions
        for exception in contribution.exceptions
    )


def _review_stats(project: Project, contributions: list[Contribution]) -> ReviewStats:
    approved = [c for c in contributions if c.status == "approved"]
    reviewers = {r for c in approved for r in c.reviewers}
    organisations = {project.people[r].organization for r in reviewers if r in project.people}

    def independent(c: Contribution) -> bool:
        outside = [r for r in c.reviewers if r not in c.authors and r in project.people]
        return len(outside) >= 2 and len({project.people[r].organization for r in outside}) >= 2

    return ReviewStats(
        contributions=len(contributions),
        approved=len(approved),
        reviewers=len(reviewers),
        organisations=len(organisations),
        independent=bool(approved) and all(independent(c) for c in approved),
    )
