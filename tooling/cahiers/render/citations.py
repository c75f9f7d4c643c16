"""Citations `[@key]`, `[@key, p. 12]`, `[voir @a; @b]` with a per-paper CSL JSON bibliography.

pandoc 3.9's commonmark_x has no `citations` extension, so a citation arrives as plain text.
We recognise it here, in the text of one inline list (never inside code or URLs), and replace
it with a pandoc `Cite` node. pandoc's own citeproc then formats the citations and the list of
references, in one batched `pandoc lua` process (see batch.lua, mode "cite"), with the
bibliography passed as data: no file is read by pandoc and nothing is fetched.
"""

from __future__ import annotations

import json
import re
from typing import Any

Node = dict[str, Any]

_KEY = r"[A-Za-z0-9_](?:[\w-]|[:.#$%&+?<>~/](?=\w))*"
_BRACKETED = re.compile(r"\[([^\[\]]*?(?:^|(?<=[\s\[;]))@" + _KEY + r"[^\[\]]*)\]")
_ITEM = re.compile(r"\s*(?P<prefix>(?:[^@]*\s)?)@(?P<key>" + _KEY + r")(?P<suffix>.*)", re.S)
_TEXTY = ("Str", "Space", "SoftBreak")


def parse_citation(body: str) -> list[dict[str, str]] | None:
    """The items of `[...]`'s body, or None when it is not a citation."""
    items = []
    for part in body.split(";"):
        match = _ITEM.fullmatch(part)
        if match is None:
            return None
        suffix = match.group("suffix").strip()
        items.append(
            {"id": match.group("key"), "prefix": match.group("prefix").strip(), "suffix": suffix}
        )
    return items


def find_citations(blocks: list[Node]) -> list[Node]:
    """Replace `[@...]` text with `Cite` nodes in place; return the Cite nodes in order."""
    found: list[Node] = []
    _walk_blocks(blocks, found)
    return found


def _walk_blocks(blocks: list[Node], found: list[Node]) -> None:
    for block in blocks:
        kind = block["t"]
        c: Any = block.get("c")
        if kind in ("Para", "Plain"):
            block["c"] = _inlines(c, found)
        elif kind == "Header":
            c[2] = _inlines(c[2], found)
        elif kind == "BlockQuote":
            _walk_blocks(c, found)
        elif kind == "Div":
            _walk_blocks(c[1], found)
        elif kind == "BulletList":
            for item in c:
                _walk_blocks(item, found)
        elif kind == "OrderedList":
            for item in c[1]:
                _walk_blocks(item, found)
        elif kind == "DefinitionList":
            for _term, definitions in c:
                for definition in definitions:
                    _walk_blocks(definition, found)
        elif kind == "Table":
            for section in [c[3][1], *(b[2] + b[3] for b in c[4]), c[5][1]]:
                for row in section:
                    for cell in row[1]:
                        _walk_blocks(cell[4], found)


def _inlines(inlines: list[Node], found: list[Node]) -> list[Node]:
    out: list[Node] = []
    run: list[Node] = []
    for node in [*inlines, None]:
        if node is not None and node["t"] in _TEXTY:
            run.append(node)
            continue
        if run:
            out.extend(_split_run(run, found))
            run = []
        if node is None:
            break
        kind = node["t"]
        if kind in (
            "Emph",
            "Strong",
            "Strikeout",
            "Superscript",
            "Subscript",
            "SmallCaps",
            "Underline",
        ):
            node["c"] = _inlines(node["c"], found)
        elif kind == "Span":
            node["c"][1] = _inlines(node["c"][1], found)
        elif kind == "Note":
            _walk_blocks(node["c"], found)
        out.append(node)
    return out


def _split_run(run: list[Node], found: list[Node]) -> list[Node]:
    texts = [n["c"] if n["t"] == "Str" else " " for n in run]
    text = "".join(texts)
    if "@" not in text:
        return run
    starts = []
    offset = 0
    for piece in texts:
        starts.append(offset)
        offset += len(piece)
    out: list[Node] = []
    cursor = 0
    for match in _BRACKETED.finditer(text):
        items = parse_citation(match.group(1))
        if items is None:
            continue
        out.extend(_slice(run, texts, starts, cursor, match.start()))
        line = _line_at(run, starts, match.start())
        cite: Node = {
            "t": "Cite",
            "c": [items, [{"t": "Str", "c": match.group(), "l": line}]],
            "l": line,
        }
        found.append(cite)
        out.append(cite)
        cursor = match.end()
    out.extend(_slice(run, texts, starts, cursor, len(text)))
    return out


def _slice(run: list[Node], texts: list[str], starts: list[int], lo: int, hi: int) -> list[Node]:
    """The nodes of `run` covering text[lo:hi], cutting Str nodes at the edges."""
    out: list[Node] = []
    for node, piece, start in zip(run, texts, starts, strict=True):
        end = start + len(piece)
        if end <= lo or start >= hi:
            continue
        if start >= lo and end <= hi:
            out.append(node)
        elif node["t"] == "Str":
            out.append({**node, "c": piece[max(lo, start) - start : min(hi, end) - start]})
    return out


def _line_at(run: list[Node], starts: list[int], offset: int) -> int:
    line = 1
    for node, start in zip(run, starts, strict=True):
        if "l" in node:
            line = node["l"]
        if start >= offset:
            break
    return int(line)


def bibliography_ids(text: str) -> set[str] | None:
    """The ids of a CSL JSON bibliography, or None when it is not a list of entries."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        return None
    return {str(e.get("id")) for e in data if e.get("id") is not None}


def apply_citeproc(cites: list[Node], doc: dict[str, Any]) -> list[tuple[str, list[Node]]]:
    """Put citeproc's text into the Cite nodes; return the references as (id, inlines)."""
    paras = [b for b in doc.get("blocks", []) if b["t"] == "Para"]
    for cite, para in zip(cites, paras, strict=False):
        rendered = para["c"][0]["c"][1] if para["c"] and para["c"][0]["t"] == "Cite" else []
        cite["c"][1] = rendered
    references: list[tuple[str, list[Node]]] = []
    for block in doc.get("blocks", []):
        if block["t"] == "Div" and block["c"][0][0] == "refs":
            for entry in block["c"][1]:
                key = entry["c"][0][0].removeprefix("ref-")
                inlines = [i for b in entry["c"][1] if b["t"] in ("Para", "Plain") for i in b["c"]]
                references.append((key, inlines))
    return references
