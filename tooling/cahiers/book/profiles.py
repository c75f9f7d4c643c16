"""The two profiles of the printed Cahier, and the page geometry each one derives from its trim.

- screen: symmetric margins, coloured links, a tagged PDF (WeasyPrint's `pdf/ua-1` variant);
- print: mirrored margins, chapters on right-hand pages, 3 mm bleed with crop marks, black links.

Margins are proportions of the trim, so another trim size (`--trim A5`, `--trim 170x240`) gives
a page a book designer would recognise without retuning the stylesheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ProfileName = Literal["screen", "print"]
PROFILES: tuple[ProfileName, ...] = ("screen", "print")

TRIM_SIZES = {
    "A4": (210.0, 297.0),
    "A5": (148.0, 210.0),
    "B5": (176.0, 250.0),
    "US-LETTER": (215.9, 279.4),
}
_CUSTOM_TRIM = re.compile(r"^\s*(\d{2,3}(?:\.\d)?)\s*[x×]\s*(\d{2,3}(?:\.\d)?)\s*(?:mm)?\s*$", re.I)


class TrimError(ValueError):
    pass


def parse_trim(text: str) -> tuple[float, float]:
    """`A4`, `A5`, `B5`, `US-Letter`, or `WIDTHxHEIGHT` in millimetres (100–420 mm)."""
    named = TRIM_SIZES.get(text.strip().upper())
    if named:
        return named
    match = _CUSTOM_TRIM.match(text)
    if match:
        width, height = float(match[1]), float(match[2])
        if 100 <= width <= 420 and 100 <= height <= 420:
            return width, height
    raise TrimError(
        f"unknown trim size `{text}`: use A4, A5, B5, US-Letter or WIDTHxHEIGHT in mm (170x240)"
    )


@dataclass(frozen=True, slots=True)
class Profile:
    name: ProfileName
    trim: tuple[float, float] = TRIM_SIZES["A4"]

    @property
    def is_print(self) -> bool:
        return self.name == "print"

    @property
    def pdf_variant(self) -> str | None:
        # Tagged PDF for the accessible screen edition. PDF/X is not used for print: it embeds a
        # random document id, so it can never be byte-reproducible.
        return "pdf/ua-1" if self.name == "screen" else None

    @property
    def bleed_mm(self) -> float:
        return 3.0 if self.is_print else 0.0

    @property
    def geometry(self) -> Geometry:
        width, height = self.trim
        # A text block of 60 % of the trim: about 80 characters a line at 11.5 pt on A4.
        inner, outer = round(width * 0.16, 1), round(width * 0.24, 1)
        if not self.is_print:
            inner = outer = round((inner + outer) / 2, 1)
        return Geometry(
            width=width,
            height=height,
            inner=inner,
            outer=outer,
            top=round(height * 0.085, 1),
            bottom=round(height * 0.105, 1),
            font_size=11.5 if width >= 180 else 10.5,
        )


@dataclass(frozen=True, slots=True)
class Geometry:
    """Page and type sizes in millimetres and points."""

    width: float
    height: float
    inner: float
    outer: float
    top: float
    bottom: float
    font_size: float  # body text, in points
