"""The render stage: every contribution (and Markdown snippet) parsed once, cached, placed.

parse (pandoc, batched, cached) → clean → citations → typography → HTML + visible text
→ links resolved against the whole project → nh3 → RenderedContribution + findings
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from cahiers.findings import Finding, sorted_findings
from cahiers.model import Project
from cahiers.render.cache import RenderCache, document_key
from cahiers.render.document import (
    ParsedDocument,
    Prepared,
    check_citations,
    failed,
    finish,
    prepare,
)
from cahiers.render.links import ProjectIndex, resolve, substitute
from cahiers.render.pandoc import PandocRunner, ProcessCounter, find_pandoc
from cahiers.render.problems import Problem
from cahiers.render.sanitize import sanitize
from cahiers.render.sources import Source, project_sources
from cahiers.render.types import (
    Footnote,
    Heading,
    LinkRef,
    RenderedContribution,
    RenderOutput,
    TextLine,
)

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class RenderOptions:
    pandoc: str | None = None  # default: pypandoc-binary's pandoc, else pandoc on PATH
    timeout: float = 20.0  # seconds per file
    max_bytes: int = 1_048_576  # larger Markdown is reported, not parsed
    jobs: int = 0  # pandoc processes in parallel; 0: one per core (at most 4)
    seconds_per_mb: float = 10.0  # extra time a batch of files gets, per MB, before splitting


def render_project(
    project: Project,
    *,
    cache_dir: Path | None,
    on_progress: ProgressCallback | None = None,
    options: RenderOptions | None = None,
) -> RenderOutput:
    """Render every contribution, charter, preamble and key message of `project`.

    `cache_dir=None` turns the cache off (`--no-cache`).
    """
    options = options or RenderOptions()
    sources, findings = project_sources(project, options.max_bytes)
    parsed, hits, processes = _parse_all(sources, cache_dir, options)
    index = _index(project, sources, parsed)
    placed: dict[str, RenderedContribution] = {}
    for count, (source, document) in enumerate(zip(sources, parsed, strict=True), start=1):
        rendered, problems = place(source, document, index)
        placed[source.id] = rendered
        findings.extend(p.to_finding(source.path, source.first_line) for p in problems)
        if on_progress is not None:
            on_progress(count, len(sources))
    return RenderOutput(
        contributions={s.path: placed[s.id] for s in sources if s.kind == "contribution"},
        charters={s.id.split(":", 1)[1]: placed[s.id] for s in sources if s.kind == "charter"},
        preambles={s.id.split(":", 1)[1]: placed[s.id] for s in sources if s.kind == "preamble"},
        key_messages={
            paper: tuple(
                placed[s.id]
                for s in sources
                if s.kind == "key-message" and s.id.split(":")[1] == paper
            )
            for paper in project.papers
        },
        findings=tuple(sorted_findings(findings)),
        cache_hits=hits,
        pandoc_processes=processes,
    )


def render_markdown(
    markdown: str,
    path: str,
    first_line: int = 1,
    *,
    lang: str = "fr",
    project: Project | None = None,
    cache_dir: Path | None = None,
    options: RenderOptions | None = None,
) -> tuple[RenderedContribution, tuple[Finding, ...]]:
    """Render one Markdown snippet written in `path` from `first_line` (same engine and rules)."""
    options = options or RenderOptions()
    source = Source(f"snippet:{path}:{first_line}", "snippet", path, first_line, markdown, lang)
    too_big = _too_large(source, options.max_bytes)
    parsed, _, _ = _parse_all([source], cache_dir, options) if not too_big else ([too_big], 0, 0)
    sources = list(project_sources(project, options.max_bytes)[0]) if project else []
    index = _index(project, sources, []) if project else ProjectIndex(None)
    rendered, problems = place(source, parsed[0], index)
    findings = [p.to_finding(path, first_line) for p in problems]
    return rendered, tuple(sorted_findings(findings))


def place(
    source: Source, document: ParsedDocument, index: ProjectIndex
) -> tuple[RenderedContribution, list[Problem]]:
    """Resolve a parsed document's links in the project and build the public record."""
    problems = list(document.problems)
    urls: list[str | None] = []
    assets: list[str] = []
    for link in document.links:
        resolved = resolve(link, source.path, source.slug, index)
        urls.append(resolved.url)
        if resolved.problem is not None:
            problems.append(resolved.problem)
        if resolved.asset and link.kind == "image" and resolved.asset not in assets:
            assets.append(resolved.asset)
    offset = source.first_line - 1
    rendered = RenderedContribution(
        path=source.path,
        html=sanitize(substitute(document.html, urls)),
        outline=tuple(Heading(lv, i, t, ln + offset) for lv, i, t, ln in document.outline),
        footnotes=tuple(
            Footnote(n, sanitize(substitute(h, urls)), ln + offset)
            for n, h, ln in document.footnotes
        ),
        text=tuple(TextLine(ln + offset, t) for ln, t in document.text),
        links=tuple(
            LinkRef(x.target, x.line + offset, x.column, x.kind, x.text) for x in document.links
        ),
        assets=tuple(assets),
        word_count=document.word_count,
        anchors=document.anchors,
        lang=source.lang,
        title=source.title,
        rendered=document.rendered,
    )
    return rendered, problems


def _parse_all(
    sources: list[Source], cache_dir: Path | None, options: RenderOptions
) -> tuple[list[ParsedDocument], int, int]:
    counter = ProcessCounter()
    cache = RenderCache(cache_dir) if cache_dir is not None else None
    results: list[ParsedDocument | None] = [_too_large(s, options.max_bytes) for s in sources]
    todo = [i for i, r in enumerate(results) if r is None]
    keys: dict[int, str] = {}
    hits = 0
    pandoc: str | None = None
    if cache is not None and todo:
        pandoc = find_pandoc(options.pandoc)
        version = cache.pandoc_version(pandoc, counter)
        for i in todo:
            s = sources[i]
            keys[i] = document_key(s.text, s.lang, s.bibliography if s.cites else "", version)
            results[i] = cache.get(keys[i])
        hits = sum(1 for i in todo if results[i] is not None)
    misses = [i for i in todo if results[i] is None]
    if misses:
        runner = PandocRunner(
            find_pandoc(options.pandoc) if pandoc is None else pandoc,
            options.timeout,
            options.jobs or min(4, os.cpu_count() or 1),
            counter,
            options.seconds_per_mb,
        )
        for i, document in zip(misses, _parse(runner, [sources[i] for i in misses]), strict=True):
            results[i] = document
            if cache is not None and document.rendered:
                cache.put(keys[i], document)
    return [r if r is not None else failed(_internal()) for r in results], hits, counter.count


def _parse(runner: PandocRunner, sources: list[Source]) -> list[ParsedDocument]:
    answers = runner.run(
        {"mode": "parse", "reader": "commonmark_x"}, [{"text": s.text} for s in sources]
    )
    prepared = [prepare(a, s.text, s.lang) for a, s in zip(answers, sources, strict=True)]
    citing: list[int] = []
    for i, (item, source) in enumerate(zip(prepared, sources, strict=True)):
        if isinstance(item, Prepared) and item.cites:
            check_citations(item, source.known_keys, source.bibliography_path)
            if source.bibliography and source.known_keys:
                citing.append(i)
    cite_docs = []
    for i in citing:
        item = prepared[i]
        assert isinstance(item, Prepared)
        cite_docs.append(
            {
                "bibliography": sources[i].bibliography,
                "lang": "en-US" if sources[i].lang == "en" else "fr-FR",
                "citations": [cite["c"][0] for cite in item.cites],
            }
        )
    cited = dict(zip(citing, runner.run({"mode": "cite"}, cite_docs), strict=True))
    return [
        item if isinstance(item, ParsedDocument) else finish(item, cited.get(i))
        for i, item in enumerate(prepared)
    ]


def _too_large(source: Source, max_bytes: int) -> ParsedDocument | None:
    """A finding for text over the cap; an empty document for blank text (no pandoc)."""
    if not source.text.strip():
        return ParsedDocument("", (), (), (), (), (), 0, ())
    size = len(source.text.encode("utf-8", "surrogatepass"))
    if size <= max_bytes:
        return None
    return failed(
        Problem(
            "render-too-large",
            "error",
            1,
            1,
            f"the Markdown is {size:,} bytes, more than the {max_bytes:,} bytes that are rendered",
            "split the text into several contributions",
        )
    )


def _internal() -> Problem:
    return Problem("render-failed", "error", 1, 1, "the document was not rendered")


def _index(
    project: Project | None, sources: Iterable[Source], parsed: list[ParsedDocument]
) -> ProjectIndex:
    if project is None:
        return ProjectIndex(None)
    anchors: dict[str, frozenset[str] | None] = {}
    for source, document in zip(sources, parsed, strict=False):
        if source.kind == "contribution" and source.slug:
            anchors[source.slug] = frozenset(document.anchors) if document.rendered else None
    return ProjectIndex(
        root=project.root,
        slugs_by_path={c.path: c.slug for c in project.contributions()},
        anchors_by_slug=anchors,
        assets=frozenset(project.assets),
    )
