"""From the laid-out segments to the book's pages: numbers, running headers, outline.

Each segment was laid out alone, starting at its own page 1. Here they are put end to end: the
page where every anchor lands (for the table of contents), what each page's header and folio say
(drawn later on chrome pages), and the bookmarks, re-nested across segments.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cahiers.book.content import BookContent
from cahiers.book.html import Sheet
from cahiers.book.tasks import Bookmark, PageInfo

BARE_ANCHORS = ("cover", "title-page")
SECTION_ANCHORS = (
    "preamble",
    "contents",
    "key-messages",
    "contributors",
    "transparency",
    "colophon",
)


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    level: int
    label: str
    page: int  # 0-based index in the joined document
    x: float
    y: float
    closed: bool


@dataclass(frozen=True, slots=True)
class PageMap:
    offsets: tuple[int, ...]  # 0-based index of each segment's first page in the book
    padded: tuple[bool, ...]  # does a blank page follow the segment (print: next is a recto)?
    anchors: Mapping[str, int]  # anchor -> 1-based page number
    sheets: tuple[Sheet, ...]
    outline: tuple[OutlineEntry, ...]

    @property
    def total(self) -> int:
        return len(self.sheets)


def paginate(
    content: BookContent, segment_pages: Sequence[Sequence[PageInfo]], *, recto_starts: bool
) -> PageMap:
    """`segment_pages`: the pages of each segment, in book order."""
    titles = _titles(content)
    offsets: list[int] = []
    padded: list[bool] = []
    pages: list[PageInfo | None] = []  # None: a blank page added by the join
    for infos in segment_pages:
        offsets.append(len(pages))
        pages.extend(infos)
        pad = recto_starts and len(infos) % 2 == 1
        padded.append(pad)
        if pad:
            pages.append(None)
    # The last segment needs no blank page after it: nothing follows.
    if padded and padded[-1]:
        padded[-1] = False
        pages.pop()
    anchors: dict[str, int] = {}
    sheets: list[Sheet] = []
    outline: list[OutlineEntry] = []
    part, chapter = "", ""
    for index, info in enumerate(pages):
        if info is None or info.blank:
            sheets.append(Sheet(bare=True))
            continue
        # An element split over pages reports its anchor on each of them: only the first counts.
        new = [a for a in info.anchors if a not in anchors]
        for anchor in new:
            anchors[anchor] = index + 1
        outline += [_entry(b, index) for b in info.bookmarks]
        opening = next((a for a in new if a in titles), None)
        if opening is None:
            sheets.append(Sheet(bare=False, part=part, chapter=chapter))
            continue
        kind, part_title, chapter_title = titles[opening]
        part, chapter = part_title, chapter_title
        # Opening pages carry their folio but no running header; bare pages carry neither.
        sheets.append(Sheet(bare=kind == "bare"))
    return PageMap(tuple(offsets), tuple(padded), anchors, tuple(sheets), tuple(outline))


def _entry(bookmark: Bookmark, page: int) -> OutlineEntry:
    return OutlineEntry(
        bookmark.level, bookmark.label, page, bookmark.x, bookmark.y, bookmark.closed
    )


def _titles(content: BookContent) -> dict[str, tuple[str, str, str]]:
    """anchor -> (kind, part header, chapter header) for every page-opening anchor."""
    labels = content.labels
    titles: dict[str, tuple[str, str, str]] = dict.fromkeys(BARE_ANCHORS, ("bare", "", ""))
    section_titles = {
        "preamble": labels.preamble,
        "contents": labels.contents,
        "key-messages": labels.key_messages,
        "contributors": labels.contributors,
        "transparency": labels.transparency,
        "colophon": labels.colophon,
    }
    for anchor, title in section_titles.items():
        titles[anchor] = ("opening", content.title, title)
    for part in content.parts:
        titles[part.anchor] = ("bare", part.title, "")
        for chapter in part.chapters:
            titles[chapter.anchor] = ("opening", part.title, chapter.title)
    return titles
