"""What the review rules read, and what they hand back (for reports and the transparency page).

The rules never import the render stage. They read a neutral "visible text": lines with their
source line numbers, and links with where they were written. The render stage's `TextLine` and
`LinkRef` fit these protocols as they are; a plain dataclass (`VisibleLine`, `VisibleLink`) is
provided for other producers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from cahiers.findings import Finding, Location


class LineLike(Protocol):
    """Reader-visible text of one source line."""

    @property
    def line(self) -> int: ...  # 1-based line in the source file

    @property
    def text(self) -> str: ...


class LinkLike(Protocol):
    """A link or an image, as written by the author."""

    @property
    def target(self) -> str: ...

    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...

    @property
    def kind(self) -> str: ...  # "link" | "image"

    @property
    def text(self) -> str: ...  # link text, or the image's alt text


@dataclass(frozen=True, slots=True)
class VisibleLine:
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class VisibleLink:
    target: str
    line: int
    column: int
    kind: str = "link"
    text: str = ""


@dataclass(frozen=True, slots=True)
class ReviewInput:
    """One text to review: a contribution's body, a paper's preamble, a draft."""

    path: str  # repo-relative (or as given for drafts), POSIX
    lines: Sequence[LineLike]  # in source order
    links: Sequence[LinkLike] = ()
    source: str = ""  # the Markdown as written (inline exception markers live there)
    source_line: int = 1  # file line where `source` starts (after the front matter)
    word_count: int | None = None  # words a reader sees; counted from `lines` when None


@dataclass(frozen=True, slots=True)
class GrantedException:
    """An exception to a review rule: who approved it, why, and what it covers.

    Listed in every report and kept for the paper's transparency page.
    """

    path: str
    rule: str
    reason: str
    approved_by: str
    location: Location
    origin: Literal["front-matter", "inline"]
    first_line: int | None = None  # inline: the lines it covers; None: the whole text
    last_line: int | None = None
    suppressed: int = 0  # findings it silenced

    def covers(self, finding: Finding) -> bool:
        if finding.rule != self.rule or finding.path != self.path:
            return False
        if self.first_line is None or self.last_line is None:
            return True
        return self.first_line <= finding.location.line <= self.last_line


@dataclass(frozen=True, slots=True)
class SuppressedFinding:
    finding: Finding
    exception: GrantedException


@dataclass(frozen=True, slots=True)
class ReviewReport:
    findings: tuple[Finding, ...]  # active findings, including one notice per exception
    suppressed: tuple[SuppressedFinding, ...] = ()
    exceptions: tuple[GrantedException, ...] = ()
