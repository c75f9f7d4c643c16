"""What goes to a layout worker and what comes back: plain, picklable values.

Kept apart from `cahiers.book.weasy` so that the parent process can prepare and read them
without importing WeasyPrint (the workers import it once, in their fork server).
"""

from __future__ import annotations

from dataclasses import dataclass, field

CSS_PX_TO_PT = 0.75


@dataclass(frozen=True, slots=True)
class Bookmark:
    level: int
    label: str
    x: float  # PDF points, from the bottom-left corner of the page
    y: float
    closed: bool


@dataclass(frozen=True, slots=True)
class PageInfo:
    blank: bool  # a page WeasyPrint added to start the next section on the right side
    anchors: tuple[str, ...]  # ids whose element starts on this page
    bookmarks: tuple[Bookmark, ...]


@dataclass(frozen=True, slots=True)
class RenderTask:
    name: str  # for messages: "part 2 (finops-maitrise-couts)", "chrome", …
    html: str
    root: str  # repository root: base URL and the fetcher's jail
    variant: str | None
    epoch: int  # SOURCE_DATE_EPOCH
    sources: tuple[str, ...] = ()  # repo-relative files laid out here, named in errors


@dataclass(frozen=True, slots=True)
class RenderResult:
    name: str
    pdf: bytes
    pages: tuple[PageInfo, ...]
    seconds: float = 0.0  # wall time
    cpu_seconds: float = 0.0
    peak_rss_kib: int = field(default=0, compare=False)
    # repo-relative files the URL fetcher served during the layout, with their sha256: what the
    # layout cache checks before reusing the result
    fetched: tuple[tuple[str, str], ...] = ()
    cached: bool = field(default=False, compare=False)  # from the layout cache, not laid out
