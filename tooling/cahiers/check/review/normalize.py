"""Fold text to the form the matcher reads: what a reader sees, without the tricks.

`fold` turns text into two strings of the same length:
- `cased`: NFKC, invisible characters removed, homoglyphs folded to Latin, accents removed,
  typographic apostrophes and hyphens made plain; case kept (case rules for brand names need it);
- `folded`: `cased`, case-folded.

So "SPONSORISÉ", "sponsorisé", "ｓｐｏｎｓｏｒｉｓé", "spon\u200bsorisé" and "ѕponsorisé" (Cyrillic
ѕ) all read `sponsorise`. A newline is never removed nor added, so line offsets survive.

Folding the whole text runs in C (`str.translate`, `unicodedata.normalize`); mapping a match
back to a column of the original line (`align`) is done per character, only for the few lines
that carry a finding.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Zero-width and format characters that a reader never sees (Unicode category Cf and friends).
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),  # zero-width space, joiners, direction marks
    (0x202A, 0x202E),  # bidi embeddings
    (0x2060, 0x206F),  # word joiner, invisible operators, bidi isolates
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE007F),  # tag characters
    (0xE0100, 0xE01EF),
)

# Letters of other scripts that look like Latin ones (the usual spoofing set).
_HOMOGLYPHS = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "ѕ": "s",
    "һ": "h",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ӏ": "l",
    "ь": "b",
    "А": "A",
    "В": "B",
    "Е": "E",
    "Ё": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "У": "Y",
    "Х": "X",
    "І": "I",
    "Ї": "I",
    "Ј": "J",
    "Ѕ": "S",
    "Һ": "H",
    "Ԁ": "D",
    "Ԛ": "Q",
    "Ԝ": "W",
    "Ӏ": "I",
    # Greek
    "α": "a",
    "β": "b",
    "ε": "e",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ϲ": "c",
    "ϳ": "j",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
    "Ϲ": "C",
    # Latin look-alikes and IPA
    "ı": "i",
    "ȷ": "j",
    "ɑ": "a",
    "ɡ": "g",
    "ɩ": "i",
    "ʀ": "R",
    "ʏ": "Y",
    "ℓ": "l",
}

_PUNCTUATION = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201b": "'",
    "\u02bc": "'",
    "\u02b9": "'",
    "\u00b4": "'",
    "\u0060": "'",
    "\u2032": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2007": " ",
}

# Expansions keep `cased` and `folded` the same length (casefold would expand these).
_EXPANSIONS = {"ß": "ss", "ẞ": "SS", "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "İ": "I"}

_COMBINING_RANGES = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)


def _table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for low, high in _INVISIBLE_RANGES:
        for code in range(low, high + 1):
            table[code] = None
    for mapping in (_HOMOGLYPHS, _PUNCTUATION, _EXPANSIONS):
        for char, replacement in mapping.items():
            table[ord(char)] = replacement
    return table


_TABLE = _table()
_STRIP_MARKS = {code: None for low, high in _COMBINING_RANGES for code in range(low, high + 1)}


@dataclass(frozen=True, slots=True)
class Folded:
    cased: str
    folded: str


_MARKS_RE = re.compile("[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in _COMBINING_RANGES) + "]+")
_COMMON = tuple({**_PUNCTUATION, **_EXPANSIONS}.items())  # plain `str.replace`, fast
_RARE = {ord(c) for c in _HOMOGLYPHS} | {c for c in _TABLE if _TABLE[c] is None}
_RARE_RE = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in sorted(_RARE) if c < 0x10000)
    + "\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)


def fold_cased(text: str) -> str:
    """NFKC, invisible characters removed, homoglyphs, accents and punctuation folded.

    Fast path for long texts: compatibility decomposition (NFKD: full-width letters, ligatures,
    accents split off) and a regex strip of the accents run in C; the per-character table is
    applied only when a rare character (invisible, homoglyph) is present.
    """
    if text.isascii():
        return text.replace("`", "'")
    for char, replacement in _COMMON:
        if char in text:
            text = text.replace(char, replacement)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    if _RARE_RE.search(text) is not None or any(c in text for c, _ in _COMMON):
        text = text.translate(_TABLE)  # NFKD can produce some (e.g. full-width apostrophe)
    return _MARKS_RE.sub("", text)


def fold(text: str) -> Folded:
    cased = fold_cased(text)
    folded = cased.casefold()
    if len(folded) != len(cased):  # a rare letter whose case folding expands (e.g. "ŉ")
        cased = "".join(c if len(c.casefold()) == 1 else c.casefold() for c in cased)
        folded = cased.casefold()
    return Folded(cased, folded)


def fold_key(text: str) -> str:
    """The case-folded form used to compare names and phrases."""
    return fold(text).folded


@functools.lru_cache(maxsize=1024)
def align(original: str) -> list[int]:
    """For each character of `fold(original).cased`, its index in `original`.

    Folding character by character gives the same result as folding the whole line for
    everything the matcher cares about (NFKC composition only merges accents we drop anyway).
    """
    if original.isascii():
        return list(range(len(original)))
    offsets: list[int] = []
    for index, char in enumerate(original):
        piece = fold_cased(char)
        if len(piece.casefold()) != len(piece):
            piece = "".join(c if len(c.casefold()) == 1 else c.casefold() for c in piece)
        offsets.extend([index] * len(piece))
    return offsets


def original_span(original: str, start: int, end: int) -> tuple[int, int]:
    """Map a span of the folded form of `original` back to a span of `original`."""
    offsets = align(original)
    if not offsets:
        return 0, 0
    start = min(max(start, 0), len(offsets) - 1)
    last = min(max(end - 1, start), len(offsets) - 1)
    return offsets[start], offsets[last] + 1
