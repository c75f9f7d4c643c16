"""French (and English) typography, applied once here so that the site and the PDF agree.

French (`lang: fr`, the default):
- a narrow no-break space U+202F before `; ! ?`, and a no-break space U+00A0 before `:`;
- no-break spaces U+00A0 inside « guillemets »;
- typographic apostrophes (’);
- narrow no-break spaces between digit groups (100 000), and a no-break space between a number
  and its unit or `%` (50 %, 3 Go, 12 M€); `50%` becomes `50 %`.
English (`lang: en`): apostrophes, digit groups and units (never a space added before `%` or
punctuation).

Only reader-visible text is touched: the AST functions edit `Str`, `Space` and `SoftBreak` nodes
and treat code, maths, raw markup, notes and images as opaque (a note or an image's text is a
run of its own), so inline code, code blocks and URLs are never changed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

Node = dict[str, Any]
Edit = tuple[int, int, str]  # replace text[start:end] with the string

NBSP = "\u00a0"
NNBSP = "\u202f"
BARRIER = "\ufffc"  # stands for code, maths, notes... inside a run: never edited, never a space
_WS = "[ \u00a0\u202f\n]"
UNITS = (
    "%|‰|€|\\$|£|k€|M€|Md€|Mds€|°C|°|km|m²|m|cm|mm|kg|g|t|Go|To|Mo|Ko|Po|Gbit/s|Mbit/s|kbit/s|"
    "GB|TB|MB|kB|W|kW|MW|GW|kWh|MWh|GWh|TWh|ms|s|min|h|j|jours|mois|ans|semaines|heures|minutes|"
    "secondes|millions|milliards|M|Md|Mds|k"
)
_CONTAINERS = ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline")


def _gap_rule(pattern: str, replacement: str) -> Callable[[str], list[Edit]]:
    compiled = re.compile(pattern)

    def rule(text: str) -> list[Edit]:
        return [(m.start(), m.end(), replacement) for m in compiled.finditer(text)]

    return rule


def _digit_groups(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for match in re.finditer(rf"(?<![\d.,])\d{{1,3}}(?:{_WS}\d{{3}})+(?![\d])", text):
        for sep in re.finditer(_WS, match.group()):
            start = match.start() + sep.start()
            edits.append((start, start + 1, NNBSP))
    return edits


_APOSTROPHE = _gap_rule("'", "’")
_UNIT_SPACE = _gap_rule(rf"(?<=\d){_WS}(?=(?:{UNITS})(?![\w]))", NBSP)
_PERCENT_MISSING = _gap_rule(r"(?<=\d)(?=[%€](?![\w]))", NBSP)
_GUILLEMET_OPEN = _gap_rule(rf"(?<=«){_WS}*(?=[^\s])", NBSP)
_GUILLEMET_CLOSE = _gap_rule(rf"(?<=[^\s«]){_WS}*(?=»)", NBSP)
_BEFORE_STRONG = _gap_rule(rf"(?<=\S){_WS}+(?=[;!?])", NNBSP)
_BEFORE_STRONG_MISSING = _gap_rule(r"(?<=[\w»)\]’”%…])(?=[;!?](?:[\s\ufffc;!?»)\]]|$))", NNBSP)
_BEFORE_COLON = _gap_rule(rf"(?<=\S){_WS}+(?=:)", NBSP)
_BEFORE_COLON_MISSING = _gap_rule(r"(?<=[\w»)\]’”%])(?=:(?:[\s\ufffc»)\]]|$))", NBSP)

RULES: dict[str, tuple[Callable[[str], list[Edit]], ...]] = {
    "fr": (
        _APOSTROPHE,
        _digit_groups,
        _UNIT_SPACE,
        _PERCENT_MISSING,
        _GUILLEMET_OPEN,
        _GUILLEMET_CLOSE,
        _BEFORE_STRONG,
        _BEFORE_STRONG_MISSING,
        _BEFORE_COLON,
        _BEFORE_COLON_MISSING,
    ),
    "en": (_APOSTROPHE, _digit_groups, _UNIT_SPACE, _GUILLEMET_OPEN, _GUILLEMET_CLOSE),
}


def _apply(text: str, owners: list[int], edits: list[Edit]) -> tuple[str, list[int]]:
    if not edits:
        return text, owners
    pieces: list[str] = []
    new_owners: list[int] = []
    cursor = 0
    for start, end, replacement in sorted(edits):
        if start < cursor:
            continue  # overlapping edits: the first one wins
        pieces.append(text[cursor:start])
        new_owners.extend(owners[cursor:start])
        if end > start or (start < len(owners) and owners[start] >= 0):
            owner = owners[start]
        else:
            owner = owners[start - 1] if start > 0 else -1
        pieces.append(replacement)
        new_owners.extend([owner] * len(replacement))
        cursor = end
    pieces.append(text[cursor:])
    new_owners.extend(owners[cursor:])
    return "".join(pieces), new_owners


def typeset_run(texts: list[str | None], lang: str) -> list[str]:
    """Typeset consecutive pieces of one paragraph; None pieces are opaque barriers."""
    text = ""
    owners: list[int] = []
    for index, piece in enumerate(texts):
        chunk = BARRIER if piece is None else piece
        text += chunk
        owners.extend([index if piece is not None else -1] * len(chunk))
    for rule in RULES.get(lang, RULES["fr"]):
        text, owners = _apply(text, owners, rule(text))
    out = ["" for _ in texts]
    start = 0
    for owner, group in itertools.groupby(owners):  # pieces stay contiguous: slice, not chars
        size = len(list(group))
        if owner >= 0:
            out[owner] += text[start : start + size]
        start += size
    return out


def typeset(text: str, lang: str = "fr") -> str:
    """Typeset a plain string (a title, a label) with the same rules as the Markdown."""
    return typeset_run([text], lang)[0]


# -- on the clean AST ----------------------------------------------------------------------


def typeset_blocks(blocks: list[Node], lang: str) -> None:
    """Typeset every paragraph-like inline list of `blocks`, in place."""
    for block in blocks:
        kind = block["t"]
        c: Any = block.get("c")
        if kind in ("Para", "Plain"):
            typeset_inlines(c, lang)
        elif kind == "Header":
            typeset_inlines(c[2], lang)
        elif kind in ("BlockQuote",):
            typeset_blocks(c, lang)
        elif kind == "Div":
            typeset_blocks(c[1], lang)
        elif kind == "BulletList":
            for item in c:
                typeset_blocks(item, lang)
        elif kind == "OrderedList":
            for item in c[1]:
                typeset_blocks(item, lang)
        elif kind == "DefinitionList":
            for term, definitions in c:
                typeset_inlines(term, lang)
                for definition in definitions:
                    typeset_blocks(definition, lang)
        elif kind == "Figure":
            typeset_blocks(c[1][1], lang)
            typeset_blocks(c[2], lang)
        elif kind == "Table":
            typeset_blocks(c[1][1], lang)
            for section in [c[3][1], *(b[2] + b[3] for b in c[4]), c[5][1]]:
                for row in section:
                    for cell in row[1]:
                        typeset_blocks(cell[4], lang)
        elif kind == "LineBlock":
            for line in c:
                typeset_inlines(line, lang)


def typeset_inlines(inlines: list[Node], lang: str) -> None:
    leaves: list[Node | None] = []
    _collect(inlines, leaves, lang)
    texts: list[str | None] = []
    for leaf in leaves:
        if leaf is None:
            texts.append(None)
        elif leaf["t"] == "Str":
            texts.append(leaf["c"])
        else:
            texts.append("\n" if leaf["t"] == "SoftBreak" else " ")
    result = typeset_run(texts, lang)
    line = next((leaf["l"] for leaf in leaves if leaf and leaf["t"] == "Str"), 1)
    for leaf, before, after in zip(leaves, texts, result, strict=True):
        if leaf is None:
            continue
        if leaf["t"] == "Str":
            line = leaf["l"]
            leaf["c"] = after
        elif after != before:  # a space that became a no-break space (or vanished)
            leaf.clear()
            leaf.update({"t": "Str", "c": after, "l": line})


def _collect(inlines: list[Node], leaves: list[Node | None], lang: str) -> None:
    for node in inlines:
        kind = node["t"]
        if kind in ("Str", "Space", "SoftBreak"):
            leaves.append(node)
        elif kind in _CONTAINERS:
            _collect(node["c"], leaves, lang)
        elif kind in ("Link", "Span"):
            _collect(node["c"][1], leaves, lang)
        elif kind == "Image":
            leaves.append(None)
            typeset_inlines(node["c"][1], lang)
        elif kind == "Note":
            leaves.append(None)
            typeset_blocks(node["c"], lang)
        elif kind == "Cite":
            leaves.append(None)
            typeset_inlines(node["c"][1], lang)
        else:  # Code, Math, LineBreak...: opaque
            leaves.append(None)
