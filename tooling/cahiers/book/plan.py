"""Cut the book into segments that WeasyPrint can lay out independently, in parallel.

A segment always starts on a new page (and, in print, on a right-hand page): the front matter,
the key messages, a part (its part page and chapters, cut into chunks of whole chapters when the
part is long), and the back matter. The cut depends only on the content, never on the number of
processors, so every machine builds the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cahiers.book.content import BookContent, Chapter, PartView

SegmentKind = Literal["front", "messages", "part", "back"]

# About 20 pages of text: small enough to balance two or four processes, large enough that the
# per-segment costs (stylesheet, fonts embedded once per segment) stay a few per cent.
CHUNK_WORDS = 9000


@dataclass(frozen=True, slots=True)
class Segment:
    index: int
    kind: SegmentKind
    part: PartView | None = None
    chapters: tuple[Chapter, ...] = ()
    part_page: bool = False  # does this segment open with the part page?
    words: int = 0

    @property
    def name(self) -> str:
        if self.kind != "part" or self.part is None:
            return self.kind
        first = self.chapters[0].slug if self.chapters else "part-page"
        return f"part {self.part.number} ({first})"

    @property
    def sources(self) -> tuple[str, ...]:
        """Repo-relative source files laid out in this segment, to name them in errors."""
        return tuple(chapter.path for chapter in self.chapters)


def plan_segments(content: BookContent) -> tuple[Segment, ...]:
    kinds: list[Segment] = [Segment(0, "front", words=_front_words(content))]
    if content.key_messages:
        kinds.append(Segment(0, "messages", words=200 * len(content.key_messages)))
    for part in content.parts:
        for position, chunk in enumerate(_chunks(part.chapters)):
            kinds.append(
                Segment(
                    0,
                    "part",
                    part=part,
                    chapters=chunk,
                    part_page=position == 0,
                    words=sum(c.words for c in chunk) + (400 if position == 0 else 0),
                )
            )
    kinds.append(Segment(0, "back", words=800 + 15 * content.contributors.total))
    return tuple(
        Segment(i, s.kind, s.part, s.chapters, s.part_page, s.words) for i, s in enumerate(kinds)
    )


def _chunks(chapters: tuple[Chapter, ...]) -> list[tuple[Chapter, ...]]:
    chunks: list[list[Chapter]] = [[]]
    words = 0
    for chapter in chapters:
        if chunks[-1] and words + chapter.words > CHUNK_WORDS:
            chunks.append([])
            words = 0
        chunks[-1].append(chapter)
        words += chapter.words
    return [tuple(chunk) for chunk in chunks]


def _front_words(content: BookContent) -> int:
    return 600 + len(content.preamble_html) // 7 + 20 * len(content.chapters)
