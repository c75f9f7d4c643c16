"""Run the review rules over texts and papers, then apply the exceptions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from cahiers.check.review import exceptions, links, people, wording
from cahiers.check.review.catalogue import RULES
from cahiers.check.review.context import PaperContext, TextContext
from cahiers.check.review.lexicon import CompiledPolicy
from cahiers.check.review.scan import scan_text
from cahiers.check.review.types import (
    GrantedException,
    ReviewInput,
    ReviewReport,
    SuppressedFinding,
    VisibleLine,
)
from cahiers.findings import Finding, sorted_findings
from cahiers.model import Contribution, Organization, Person, Project, span

_RULE_MODULES = (wording, links, people, exceptions)  # importing them registers their rules
_WORD = re.compile(r"\w+")


def word_count(text: ReviewInput) -> int:
    if text.word_count is not None:
        return text.word_count
    return sum(len(_WORD.findall(line.text)) for line in text.lines)


def _with_front_matter(text: ReviewInput, contribution: Contribution) -> ReviewInput:
    """The title and summary are printed too: read them with the body."""
    extra = [
        VisibleLine(span(contribution.spans, key, contribution.location).line, value)
        for key, value in (("title", contribution.title), ("summary", contribution.summary))
        if value and key in contribution.spans
    ]
    if not extra:
        return text
    return replace(text, lines=(*extra, *text.lines))


def review_text(
    text: ReviewInput,
    contribution: Contribution | None,
    compiled: CompiledPolicy,
    people_registry: Mapping[str, Person],
    organizations: Mapping[str, Organization],
) -> ReviewReport:
    """Every text rule on one text, then its exceptions."""
    full = _with_front_matter(text, contribution) if contribution is not None else text
    context = TextContext(
        scan_text(full, compiled), compiled, contribution, people_registry, organizations
    )
    found: list[Finding] = []
    for spec in RULES.values():
        if spec.scope == "text" and spec.check is not None:
            found.extend(spec.check(context))
    requests, problems = exceptions.inline_requests(text)
    if contribution is not None:
        requests = exceptions.front_matter_requests(contribution) + requests
    authors = contribution.authors if contribution is not None else ()
    granted, invalid = exceptions.validate(requests, authors, people_registry)
    kept, suppressed, final = exceptions.apply(found, granted)
    return ReviewReport((*kept, *problems, *invalid), tuple(suppressed), tuple(final))


def review_project(
    project: Project,
    texts: Mapping[str, ReviewInput],
    compiled: CompiledPolicy,
) -> ReviewReport:
    """Review every contribution (and other texts, e.g. preambles, keyed by path) and paper."""
    findings: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    granted: list[GrantedException] = []
    words: dict[str, int] = {}
    by_path = {c.path: c for c in project.contributions()}
    for path, text in texts.items():
        report = review_text(
            text, by_path.get(path), compiled, project.people, project.organizations
        )
        findings += report.findings
        suppressed += report.suppressed
        granted += report.exceptions
        words[path] = word_count(text)
    for paper in project.papers.values():
        context = PaperContext(
            paper,
            compiled,
            tuple(c for _part, c in project.paper_contributions(paper)),
            words,
            project.people,
            project.organizations,
        )
        for spec in RULES.values():
            if spec.scope == "paper" and spec.check is not None:
                findings.extend(spec.check(context))
    return ReviewReport(tuple(sorted_findings(findings)), tuple(suppressed), tuple(granted))


def review_texts(
    texts: Iterable[tuple[ReviewInput, Contribution | None]],
    compiled: CompiledPolicy,
    people_registry: Mapping[str, Person],
    organizations: Mapping[str, Organization],
) -> ReviewReport:
    """Review loose texts (drafts given to `cahiers review`); no paper rules."""
    findings: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    granted: list[GrantedException] = []
    for text, contribution in texts:
        report = review_text(text, contribution, compiled, people_registry, organizations)
        findings += report.findings
        suppressed += report.suppressed
        granted += report.exceptions
    return ReviewReport(tuple(sorted_findings(findings)), tuple(suppressed), tuple(granted))
