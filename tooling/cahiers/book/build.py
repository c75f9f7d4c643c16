"""Build the printed Cahier: content → segments → parallel layout → chrome → one PDF.

1. The book's content is assembled and vetted (`content`), and cut into segments (`plan`).
2. Every segment is laid out by WeasyPrint, in parallel; the front matter is laid out with
   placeholder page numbers, only to count its pages.
3. The pages are numbered (`pagemap`); the front matter is laid out again with the real numbers
   of its table of contents, and the chrome pages (headers, folios, watermark) are laid out.
4. Everything is joined (`join`), checked (`verify`) and written atomically.

The result does not depend on the number of processes: the same bytes with 1 or 8 jobs.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Protocol

from cahiers import atomic
from cahiers.book import html
from cahiers.book.content import BookContent, BookSources, BuildStamp, build_content
from cahiers.book.fonts import FontStacks, font_stacks, installed_families
from cahiers.book.join import join
from cahiers.book.layout_cache import CachedLayout, LayoutCache
from cahiers.book.pagemap import PageMap, paginate
from cahiers.book.plan import Segment, plan_segments
from cahiers.book.profiles import Profile
from cahiers.book.runner import Renderer
from cahiers.book.tasks import RenderResult, RenderTask
from cahiers.book.verify import verify_pdf
from cahiers.book.xref import localise_links
from cahiers.errors import BuildFailed

MAX_FRONT_PASSES = 3
# Chrome pages lay out at a few milliseconds each: chunks of this many let a second process
# share the work with the front matter, without multiplying the fonts embedded.
CHROME_CHUNK = 80


class Progress(Protocol):
    def stage(self, message: str) -> None: ...

    def laid_out(self, done: int, total: int, pages: int) -> None: ...

    def warning(self, message: str) -> None: ...


class QuietProgress:
    def stage(self, message: str) -> None:
        pass

    def laid_out(self, done: int, total: int, pages: int) -> None:
        pass

    def warning(self, message: str) -> None:
        pass


@dataclass(frozen=True, slots=True)
class BookReport:
    pages: int
    segments: int
    seconds: float
    layout_seconds: float  # wall time, summed over the layout tasks
    layout_cpu_seconds: float  # processor time, summed over the layout tasks
    worker_peak_rss_kib: int
    draft: bool
    size: int
    stages: tuple[tuple[str, float], ...] = ()  # (stage, wall seconds), in order
    # processor seconds of each layout task: the segments, then the front matter and chrome
    layout_cpu: tuple[tuple[float, ...], tuple[float, ...]] = ((), ())
    cached_segments: int = 0  # segments taken from the layout cache, not laid out
    cached_finish: int = 0  # front matter and chrome tasks taken from the layout cache


def assemble(sources: BookSources) -> BookContent:
    """The book's content, vetted: the same for every profile."""
    return build_content(sources, build_stamp(sources))


def refuse_unapproved(content: BookContent) -> None:
    if not content.unapproved:
        return
    listing = "\n".join(f"  {c.path}: {c.status}" for c in content.unapproved)
    raise BuildFailed(
        f"--final refuses to build: {len(content.unapproved)} contribution(s) of this paper are "
        f"not approved:\n{listing}\n"
        "approve them (status: approved, with reviewers) or remove them from the paper's parts; "
        "without --final the PDF is built with a DOCUMENT DE TRAVAIL watermark"
    )


def build_stamp(sources: BookSources) -> BuildStamp:
    """Dates and revision from git; SOURCE_DATE_EPOCH, when set, wins (reproducible builds)."""
    credits = sources.credits
    head = credits.head_date if credits else None
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        modified = dt.datetime.fromtimestamp(int(env), dt.UTC)
    elif head is not None:
        modified = head.astimezone(dt.UTC)
    else:
        # No git: the paper's own date, at midnight UTC. Still deterministic.
        modified = dt.datetime.combine(sources.paper.date, dt.time(), dt.UTC)
    created = modified
    if credits is not None:
        paper_files = {c.path for _, c in sources.project.paper_contributions(sources.paper)}
        paper_files.add(sources.paper.location.path)
        dates = [
            history.created
            for path, history in credits.files.items()
            if path in paper_files and history.created is not None
        ]
        if dates:
            created = min(min(dates).astimezone(dt.UTC), modified)
    commit = credits.head_commit if credits else None
    return BuildStamp(int(modified.timestamp()), created, modified, commit)


def render_book(
    sources: BookSources,
    profile: Profile,
    *,
    final: bool = False,
    renderer: Renderer,
    progress: Progress | None = None,
    cache: LayoutCache | None = None,
    content: BookContent | None = None,
) -> tuple[bytes, BookReport]:
    """The PDF's bytes; with `cache`, the layouts it holds are reused (the same bytes).
    `content`: `assemble(sources)`, when both profiles of a paper are built (it is the same)."""
    started = lap = time.perf_counter()
    stages: list[tuple[str, float]] = []

    def done(stage: str) -> None:
        nonlocal lap
        now = time.perf_counter()
        stages.append((stage, now - lap))
        lap = now

    progress = progress or QuietProgress()
    progress.stage("assembling the book")
    content = content or assemble(sources)
    if final:
        refuse_unapproved(content)
    fonts = font_stacks(version("weasyprint"), installed_families())
    for message in fonts.warnings:
        progress.warning(message)
    css = html.stylesheet(content, profile, fonts, segmented=True)
    book = _Book(content, profile, fonts, plan_segments(content), str(sources.project.root), css)

    tasks = [book.task(segment) for segment in book.segments]
    layout = CachedLayout(renderer, cache)
    lookup = layout.lookup(tasks)
    done("assemble")
    progress.stage(_layout_message(len(tasks), len(lookup.hits), renderer.jobs, cache is not None))
    counted = [0, 0]

    def on_result(_: int, result: RenderResult) -> None:
        counted[0] += 1
        counted[1] += len(result.pages)
        progress.laid_out(counted[0], len(tasks), counted[1])

    results = layout.complete(tasks, lookup, on_result)
    done("layout")
    progress.stage(f"numbering {counted[1]} pages, table of contents and running headers")
    front, pagemap, chrome, cached_finish = _finish(book, results, layout)
    done("front matter and chrome")
    joining = f"joining {pagemap.total} pages"
    if cache is not None:
        joining += f"; {cached_finish} of {1 + len(chrome)} front and chrome layouts from the cache"
    progress.stage(joining)
    pdf = join(
        [front.pdf, *(r.pdf for r in results[1:])],
        [chunk.pdf for chunk in chrome],
        pagemap,
        tagged=profile.pdf_variant is not None,
    )
    done("join")
    verify_pdf(pdf, expected_pages=pagemap.total)
    done("verify")
    everything = [*results, front, *chrome]
    report = BookReport(
        pages=pagemap.total,
        segments=len(book.segments),
        seconds=time.perf_counter() - started,
        layout_seconds=sum(r.seconds for r in everything),
        layout_cpu_seconds=sum(r.cpu_seconds for r in everything),
        worker_peak_rss_kib=max(r.peak_rss_kib for r in everything),
        draft=content.draft,
        size=len(pdf),
        stages=tuple(stages),
        layout_cpu=(
            tuple(r.cpu_seconds for r in results),
            (front.cpu_seconds, *(chunk.cpu_seconds for chunk in chrome)),
        ),
        cached_segments=len(lookup.hits),
        cached_finish=cached_finish,
    )
    return pdf, report


def _layout_message(total: int, cached: int, jobs: int, caching: bool) -> str:
    count = total - cached
    message = f"laying out {count} segment{'' if count == 1 else 's'} ({jobs} processes)"
    return f"{message}, {cached} of {total} segments from the cache" if caching else message


def _finish(
    book: _Book, results: Sequence[RenderResult], layout: CachedLayout
) -> tuple[RenderResult, PageMap, list[RenderResult], int]:
    """Number the pages; lay out the front matter with its real page numbers, and the chrome.

    The page numbers of the contents have a column of their own, so the front matter keeps its
    page count; should it change all the same, the pages are counted again. The chrome is laid
    out in chunks, in parallel with the front matter. Also returns how many of these layouts
    came from the cache.
    """
    front_pages = results[0].pages
    for _ in range(MAX_FRONT_PASSES):
        pagemap = paginate(
            book.content,
            [front_pages, *(r.pages for r in results[1:])],
            recto_starts=book.profile.is_print,
        )
        front_task = book.task(book.segments[0], toc_pages=pagemap.anchors)
        (front, *chrome), cached = layout.run([front_task, *book.chrome_tasks(pagemap)])
        if len(front.pages) == len(front_pages):
            laid_out = sum(len(chunk.pages) for chunk in chrome)
            if laid_out != pagemap.total:
                raise BuildFailed(f"internal error: {laid_out} chrome pages for {pagemap.total}")
            return front, pagemap, chrome, cached
        front_pages = front.pages
    raise BuildFailed("the table of contents does not settle on a page count; please report it")


@dataclass(frozen=True, slots=True)
class _Book:
    content: BookContent
    profile: Profile
    fonts: FontStacks
    segments: tuple[Segment, ...]
    root: str
    css: str

    def task(self, segment: Segment, toc_pages: Mapping[str, int] | None = None) -> RenderTask:
        document = html.document(
            self.content,
            self.profile,
            self.fonts,
            [segment],
            css=self.css,
            segmented=True,
            toc_pages=toc_pages,
        )
        return RenderTask(
            name=segment.name,
            html=localise_links(document),
            root=self.root,
            variant=self.profile.pdf_variant,
            epoch=self.content.stamp.epoch,
            sources=segment.sources,
        )

    def chrome_tasks(self, pagemap: PageMap) -> list[RenderTask]:
        """The chrome pages, in chunks of CHROME_CHUNK pages (an even number: every chunk
        starts on a right-hand page, as its first page is for WeasyPrint)."""
        tasks = []
        for start in range(0, pagemap.total, CHROME_CHUNK):
            sheets = pagemap.sheets[start : start + CHROME_CHUNK]
            document = html.chrome(self.content, self.profile, self.fonts, sheets, start + 1)
            name = f"chrome (pages {start + 1}-{start + len(sheets)})"
            tasks.append(RenderTask(name, document, self.root, None, self.content.stamp.epoch))
        return tasks


def write_atomically(target: Path, data: bytes) -> None:
    """Write the PDF so that readers see the old file or the new one, never half."""
    atomic.write_atomically(target, data, durable=True, mode=0o644)


def whole_book_html(sources: BookSources, profile: Profile) -> str:
    """The book as ONE document (table of contents by `target-counter`, headers by CSS).

    Not what `cahiers pdf` renders; it is the reference the benchmarks compare the segmented
    build with ("one WeasyPrint render of the same book"), and what the tests cross-check.
    """
    content = build_content(sources, build_stamp(sources))
    fonts = font_stacks(version("weasyprint"), installed_families())
    css = html.stylesheet(content, profile, fonts, segmented=False)
    segments = plan_segments(content)
    return html.document(content, profile, fonts, segments, css=css, segmented=False)
