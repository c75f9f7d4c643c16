"""The render stage: every contribution (and Markdown snippet) parsed once, cached, placed.

parse (pandoc, batched, cached) → clean → citations → typography → HTML + visible text
→ links resolved against the whole project → nh3 → RenderedContribution + findings
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from cahiers.findings import Finding, sorted_findings
from cahiers.model import Project
from cahiers.render.cache import Placement, RenderCache, document_key
from cahiers.render.document import (
    ParsedDocument,
    Prepared,
    check_citations,
    failed,
    finish,
    prepare,
)
from cahiers.render.links import ProjectIndex, resolve, substitute
from cahiers.render.pandoc import DocResult, PandocRunner, ProcessCounter, find_pandoc
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
# Markdown per pandoc process in one parse group (see _parse): small enough to bound the memory of
# the ASTs held at once, large enough that pandoc's start (about 0.1 s) stays a small cost.
PARSE_GROUP_BYTES = 128 * 1024


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
    cache = RenderCache(cache_dir) if cache_dir is not None else None
    entries, hits, processes = _parse_all(sources, cache, options)
    index = _index(project, sources, [e.document for e in entries])
    placed: dict[str, RenderedContribution] = {}
    for count, (source, entry) in enumerate(zip(sources, entries, strict=True), start=1):
        rendered, problems = _place_entry(source, entry, index, cache)
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
    cache = RenderCache(cache_dir) if cache_dir is not None else None
    entries, _, _ = _parse_all([source], cache, options)
    sources = list(project_sources(project, options.max_bytes)[0]) if project else []
    index = _index(project, sources, []) if project else ProjectIndex(None)
    rendered, problems = _place_entry(source, entries[0], index, cache)
    findings = [p.to_finding(path, first_line) for p in problems]
    return rendered, tuple(sorted_findings(findings))


def place(
    source: Source,
    document: ParsedDocument,
    index: ProjectIndex,
    previous: Placement | None = None,
) -> tuple[RenderedContribution, list[Problem], Placement]:
    """Resolve a parsed document's links in the project and build the public record.

    The sanitised HTML of `previous` (the cached placement of this document) is reused when the
    links resolve to the same targets; the placement used is returned, to be cached.
    """
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
    placement = previous
    if (
        placement is None
        or placement.urls != tuple(urls)
        or len(placement.footnotes) != len(document.footnotes)
    ):
        placement = Placement(
            tuple(urls),
            sanitize(substitute(document.html, urls)),
            tuple(sanitize(substitute(h, urls)) for _n, h, _ln in document.footnotes),
        )
    offset = source.first_line - 1
    rendered = RenderedContribution(
        path=source.path,
        html=placement.html,
        outline=tuple(Heading(lv, i, t, ln + offset) for lv, i, t, ln in document.outline),
        footnotes=tuple(
            Footnote(n, html, ln + offset)
            for (n, _h, ln), html in zip(document.footnotes, placement.footnotes, strict=True)
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
    return rendered, problems, placement


@dataclass(slots=True)
class _Entry:
    """A source's parsed document, and what the cache knows of it."""

    document: ParsedDocument
    key: str | None = None  # its cache key (None: no cache, or nothing worth caching)
    placement: Placement | None = None  # the cached placement
    fresh: bool = False  # parsed by this run: not in the cache yet


def _place_entry(
    source: Source, entry: _Entry, index: ProjectIndex, cache: RenderCache | None
) -> tuple[RenderedContribution, list[Problem]]:
    """Place a document; write its cache entry when it is new or its placement changed."""
    rendered, problems, placement = place(source, entry.document, index, entry.placement)
    if (
        cache is not None
        and entry.key is not None
        and entry.document.rendered
        and (entry.fresh or placement is not entry.placement)
    ):
        cache.put(entry.key, entry.document, placement)
    return rendered, problems


def _parse_all(
    sources: list[Source], cache: RenderCache | None, options: RenderOptions
) -> tuple[list[_Entry], int, int]:
    """Every source's document: from the cache, else parsed by pandoc.

    pandoc starts first, on the sources that have no cache entry, and works while this thread
    reads the cache; entries found damaged on reading are parsed after.
    """
    counter = ProcessCounter()
    entries: list[_Entry | None] = [
        None if (doc := _too_large(s, options.max_bytes)) is None else _Entry(doc) for s in sources
    ]
    todo = [i for i, e in enumerate(entries) if e is None]
    keys: dict[int, str] = {}
    pandoc: str | None = None
    if cache is not None and todo:
        pandoc = find_pandoc(options.pandoc)
        version = cache.pandoc_version(pandoc, counter)
        for i in todo:
            s = sources[i]
            keys[i] = document_key(s.text, s.lang, s.bibliography if s.cites else "", version)
    stored = [i for i in todo if cache is not None and cache.has(keys[i])]
    missing = sorted(set(todo) - set(stored))

    def run(indexes: list[int]) -> list[ParsedDocument]:
        runner = PandocRunner(
            pandoc or find_pandoc(options.pandoc),
            options.timeout,
            options.jobs or min(4, os.cpu_count() or 1),
            counter,
            options.seconds_per_mb,
        )
        return _parse(runner, [sources[i] for i in indexes])

    hits = 0
    with ThreadPoolExecutor(max_workers=1) as pool:
        parsing = pool.submit(run, missing) if missing else None
        for i in stored:
            found = cache.get(keys[i]) if cache is not None else None
            if found is not None:
                entries[i] = _Entry(found[0], keys[i], found[1])
                hits += 1
        parsed = parsing.result() if parsing is not None else []
    damaged = [i for i in stored if entries[i] is None]
    if damaged:
        parsed += run(damaged)
    for i, document in zip(missing + damaged, parsed, strict=True):
        entries[i] = _Entry(document, keys.get(i), fresh=True)
    done = [e if e is not None else _Entry(failed(_internal())) for e in entries]
    return done, hits, counter.count


def _parse(runner: PandocRunner, sources: list[Source]) -> list[ParsedDocument]:
    """Parse with pandoc, in groups of about PARSE_GROUP_BYTES of Markdown per pandoc process.

    A parsed document's AST takes about 150 times its Markdown in Python objects: a document
    without citations is written out (and its AST dropped) as soon as its group is parsed, so
    the stage never holds more than two groups' ASTs (one written out while pandoc parses the
    next), and those of the documents that cite, until citeproc has run for them all at once.
    Python keeps the arenas of a peak for the rest of the process, which is why the peak
    matters: the build lays out the PDF after this.
    """
    results: list[ParsedDocument | None] = [None] * len(sources)
    waiting: dict[int, Prepared] = {}  # documents with citations, until citeproc runs
    groups = _groups(sources, runner.jobs)

    def parse(group: list[int]) -> list[DocResult]:
        request = {"mode": "parse", "reader": "commonmark_x"}
        return runner.run(request, [{"text": sources[i].text} for i in group])

    # pandoc parses the next group while this thread writes out the documents of the last one.
    with ThreadPoolExecutor(max_workers=1) as ahead:
        upcoming = ahead.submit(parse, groups[0]) if groups else None
        for number, group in enumerate(groups):
            assert upcoming is not None
            answers = upcoming.result()
            if number + 1 < len(groups):
                upcoming = ahead.submit(parse, groups[number + 1])
            _write_group(sources, group, answers, results, waiting)
            del answers
    citing = sorted(waiting)
    cite_docs = [
        {
            "bibliography": sources[i].bibliography,
            "lang": "en-US" if sources[i].lang == "en" else "fr-FR",
            "citations": [cite["c"][0] for cite in waiting[i].cites],
        }
        for i in citing
    ]
    for i, cited in zip(citing, runner.run({"mode": "cite"}, cite_docs), strict=True):
        results[i] = finish(waiting[i], cited)
    return [r if r is not None else failed(_internal()) for r in results]


def _write_group(
    sources: list[Source],
    group: list[int],
    answers: list[DocResult],
    results: list[ParsedDocument | None],
    waiting: dict[int, Prepared],
) -> None:
    """Write out the documents of a parsed group; keep those that cite for citeproc."""
    for i, answer in zip(group, answers, strict=True):
        source = sources[i]
        item = prepare(answer, source.text, source.lang)
        if isinstance(item, ParsedDocument):
            results[i] = item
            continue
        if item.cites:
            check_citations(item, source.known_keys, source.bibliography_path)
        if item.cites and source.bibliography and source.known_keys:
            waiting[i] = item
        else:
            results[i] = finish(item, None)


def _groups(sources: list[Source], jobs: int) -> list[list[int]]:
    """Consecutive groups of about PARSE_GROUP_BYTES per job (one pandoc batch per job)."""
    budget = PARSE_GROUP_BYTES * max(1, jobs)
    groups: list[list[int]] = [[]]
    size = 0
    for i, source in enumerate(sources):
        length = len(source.text)
        if groups[-1] and size + length > budget:
            groups.append([])
            size = 0
        groups[-1].append(i)
        size += length
    return [g for g in groups if g]


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
