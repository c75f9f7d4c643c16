"""Turn pandoc's sourcepos AST into a clean AST that knows its lines.

pandoc's `sourcepos` wraps blocks in `Div`s and inlines in `Span`s marked `wrapper=1` and puts
`data-pos` attributes everywhere. Here:
- wrappers disappear; every `Str` carries its source line as `"l"`, and every node that had a
  position carries `"pos": [line, column]` (lines relative to the Markdown body);
- smart quotes (`Quoted`) become the quotation marks of the document's language;
- a paragraph `Table: caption` right after a table becomes that table's caption;
- a GitHub alert (`> [!NOTE]`) is marked `"alert": "note"` and loses pandoc's English title;
- raw HTML, unknown boxes and `#` headings are reported; nesting deeper than MAX_DEPTH stops.
The node shapes are otherwise pandoc's JSON (pandoc-types 1.23).
"""

from __future__ import annotations

import re
from typing import Any

from cahiers.render.problems import Problem

Node = dict[str, Any]

MAX_DEPTH = 48  # far beyond real writing; keeps Python's recursion well inside its limit
ALERT_KINDS = ("note", "tip", "important", "warning", "caution")
BOX_CLASSES = ("key-message", "encadre")
QUOTES = {
    "fr": {"DoubleQuote": ("«", "»"), "SingleQuote": ("“", "”")},
    "en": {"DoubleQuote": ("“", "”"), "SingleQuote": ("‘", "’")},
}
_POS = re.compile(r"(?:[^@;]*@)?(\d+):(\d+)")
_CAPTION = re.compile(r"\s*Table\s*:\s*")
_FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.DOTALL)


class TooDeep(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(f"nesting too deep at line {line}")
        self.line = line


class Cleaner:
    def __init__(self, source: str, lang: str) -> None:
        self.lines = source.splitlines()
        self.quotes = QUOTES.get(lang, QUOTES["fr"])
        self.problems: list[Problem] = []
        self.column = 1  # of the inline being cleaned, from its sourcepos wrapper

    # -- blocks ---------------------------------------------------------------------------

    def blocks(self, blocks: list[Node], line: int, depth: int) -> list[Node]:
        if depth > MAX_DEPTH:
            raise TooDeep(line)
        out: list[Node] = []
        for block in blocks:
            out.extend(self.block(block, line, depth + 1))
            line = _last_line(out, line)
        return _attach_table_captions(out)

    def block(self, node: Node, line: int, depth: int) -> list[Node]:
        kind = node["t"]
        if kind == "Div":
            attr, pos = _split_attr(node["c"][0])
            if _is_wrapper(node["c"][0]):
                inner = self.blocks(node["c"][1], pos[0] if pos else line, depth)
                if inner and pos and "pos" not in inner[0]:
                    inner[0]["pos"] = list(pos)
                return inner
            return [self.div(attr, pos or (line, 1), node["c"][1], depth)]
        pos = _node_pos(node) or (line, 1)
        c: Any = node.get("c")
        if kind in ("Para", "Plain"):
            return [{"t": kind, "c": self.inlines(c, pos[0], depth), "pos": list(pos)}]
        if kind == "Header":
            attr, hpos = _split_attr(c[1])
            pos = hpos or pos
            level = c[0]
            if level < 2:
                self.problems.append(
                    Problem(
                        "heading-level",
                        "warning",
                        pos[0],
                        pos[1],
                        "level-1 heading `#` in the body; it is shown as a level-2 heading",
                        "start the body at `##`: the title comes from the front matter",
                    )
                )
                level = 2
            inl = self.inlines(c[2], pos[0], depth)
            return [{"t": "Header", "c": [level, attr, inl], "pos": list(pos)}]
        if kind == "CodeBlock":
            attr, cpos = _split_attr(c[0])
            pos = cpos or pos
            first = pos[0] + (1 if self._is_fenced(pos[0]) else 0)
            return [{"t": "CodeBlock", "c": [attr, c[1]], "pos": [first, pos[1]]}]
        if kind == "RawBlock":
            self._raw(c[1], pos)
            return []
        if kind == "BlockQuote":
            return [{"t": kind, "c": self.blocks(c, pos[0], depth), "pos": list(pos)}]
        if kind == "BulletList":
            items = [self.blocks(item, pos[0], depth) for item in c]
            return [{"t": kind, "c": items, "pos": list(pos)}]
        if kind == "OrderedList":
            items = [self.blocks(item, pos[0], depth) for item in c[1]]
            return [{"t": kind, "c": [c[0], items], "pos": list(pos)}]
        if kind == "DefinitionList":
            entries = [
                [self.inlines(term, pos[0], depth), [self.blocks(d, pos[0], depth) for d in defs]]
                for term, defs in c
            ]
            return [{"t": kind, "c": entries, "pos": list(pos)}]
        if kind == "Table":
            return [self.table(c, pos, depth)]
        if kind == "Figure":
            attr, fpos = _split_attr(c[0])
            pos = fpos or pos
            caption = [None, self.blocks(c[1][1], pos[0], depth)]
            return [
                {
                    "t": kind,
                    "c": [attr, caption, self.blocks(c[2], pos[0], depth)],
                    "pos": list(pos),
                }
            ]
        if kind == "LineBlock":
            return [{"t": kind, "c": [self.inlines(x, pos[0], depth) for x in c], "pos": list(pos)}]
        return [{"t": kind, "c": c, "pos": list(pos)}]  # HorizontalRule and the unknown

    def div(self, attr: list[Any], pos: tuple[int, int], content: list[Node], depth: int) -> Node:
        classes: list[str] = attr[1]
        node: Node = {"t": "Div", "pos": list(pos)}
        source = self.lines[pos[0] - 1] if 0 < pos[0] <= len(self.lines) else ""
        first = content[0] if content else None
        if (
            len(classes) == 1
            and classes[0] in ALERT_KINDS
            and source.lstrip().startswith(">")
            and first is not None
            and first["t"] == "Div"
            and first["c"][0][1] == ["title"]
        ):
            node["alert"] = classes[0]
            content = content[1:]
            attr = [attr[0], [], []]
        else:
            known = [x for x in classes if x in BOX_CLASSES]
            for unknown in (x for x in classes if x not in BOX_CLASSES):
                self.problems.append(
                    Problem(
                        "unknown-box",
                        "warning",
                        pos[0],
                        pos[1],
                        f"unknown box class `{unknown}`: it is shown as plain text",
                        "use `::: key-message` or `::: encadre`, or a `> [!NOTE]` alert",
                    )
                )
            attr = [attr[0], known[:1], []]
        node["c"] = [attr, self.blocks(content, pos[0], depth)]
        return node

    def table(self, c: list[Any], pos: tuple[int, int], depth: int) -> Node:
        attr, tpos = _split_attr(c[0])
        pos = tpos or pos

        def rows(rows: list[Any]) -> list[Any]:
            return [
                [
                    _split_attr(r[0])[0],
                    [
                        [
                            _split_attr(cell[0])[0],
                            cell[1],
                            cell[2],
                            cell[3],
                            self.blocks(cell[4], pos[0], depth),
                        ]
                        for cell in r[1]
                    ],
                ]
                for r in rows
            ]

        head = [_split_attr(c[3][0])[0], rows(c[3][1])]
        bodies = [[_split_attr(b[0])[0], b[1], rows(b[2]), rows(b[3])] for b in c[4]]
        foot = [_split_attr(c[5][0])[0], rows(c[5][1])]
        caption = [None, self.blocks(c[1][1], pos[0], depth)]
        return {"t": "Table", "c": [attr, caption, c[2], head, bodies, foot], "pos": list(pos)}

    # -- inlines --------------------------------------------------------------------------

    def inlines(self, inlines: list[Node], line: int, depth: int) -> list[Node]:
        if depth > MAX_DEPTH:
            raise TooDeep(line)
        out: list[Node] = []
        for node in inlines:
            kind = node["t"]
            if kind == "Span" and _is_wrapper(node["c"][0]):
                pos = _split_attr(node["c"][0])[1]
                line = pos[0] if pos else line
                self.column = pos[1] if pos else 1
                out.extend(self.inlines(node["c"][1], line, depth + 1))
            else:
                out.extend(self.inline(node, line, depth + 1))
            if out and out[-1]["t"] == "Str":
                line = out[-1]["l"]
        return out

    def inline(self, node: Node, line: int, depth: int) -> list[Node]:
        kind = node["t"]
        c: Any = node.get("c")
        if kind == "Str":
            return [{"t": "Str", "c": c, "l": node.get("l", line)}]
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return [{"t": kind}]
        if kind in (
            "Emph",
            "Strong",
            "Strikeout",
            "Superscript",
            "Subscript",
            "SmallCaps",
            "Underline",
        ):
            return [{"t": kind, "c": self.inlines(c, line, depth)}]
        if kind == "Quoted":
            opening, closing = self.quotes[c[0]["t"]]
            inner = self.inlines(c[1], line, depth)
            end = inner[-1]["l"] if inner and inner[-1]["t"] == "Str" else line
            return [
                {"t": "Str", "c": opening, "l": line},
                *inner,
                {"t": "Str", "c": closing, "l": end},
            ]
        if kind in ("Code", "Math", "RawInline", "Cite"):
            if kind == "Code":
                attr, pos = _split_attr(c[0])
                return [{"t": "Code", "c": [attr, c[1]], "l": pos[0] if pos else line}]
            if kind == "RawInline":
                self._raw(c[1], (line, self.column))
                return []
            return [{**node, "l": line}]
        if kind in ("Link", "Image"):
            attr, pos = _split_attr(c[0])
            pos = pos or (line, 1)
            return [
                {"t": kind, "c": [attr, self.inlines(c[1], pos[0], depth), c[2]], "pos": list(pos)}
            ]
        if kind == "Note":
            return [{"t": "Note", "c": self.blocks(c, line, depth), "l": line}]
        if kind == "Span":
            attr, pos = _split_attr(c[0])
            # No author classes or attributes on spans; an emoji keeps only its character.
            attr = ["", [], []] if "emoji" in attr[1] else [attr[0], [], []]
            return [{"t": "Span", "c": [attr, self.inlines(c[1], line, depth)]}]
        return []

    # -- helpers --------------------------------------------------------------------------

    def _raw(self, text: str, pos: tuple[int, int]) -> None:
        if _COMMENT.fullmatch(text):
            return  # an HTML comment is invisible on GitHub too: dropped without a word
        snippet = " ".join(text.split())[:60]
        self.problems.append(
            Problem(
                "raw-html",
                "error",
                pos[0],
                pos[1],
                f"raw HTML `{snippet}` is not allowed and was removed",
                "write it in Markdown (see the README, section Markdown dialect)",
            )
        )

    def _is_fenced(self, line: int) -> bool:
        return 0 < line <= len(self.lines) and bool(_FENCE.match(self.lines[line - 1]))


def _is_wrapper(attr: list[Any]) -> bool:
    return any(k == "wrapper" for k, _ in attr[2])


def _split_attr(attr: list[Any]) -> tuple[list[Any], tuple[int, int] | None]:
    """The attribute without sourcepos keys, and the position it held."""
    pos = None
    kept = []
    for key, value in attr[2]:
        if key == "data-pos":
            match = _POS.match(value)
            pos = (int(match.group(1)), int(match.group(2))) if match else None
        elif key != "wrapper":
            kept.append([key, value])
    return [attr[0], list(attr[1]), kept], pos


def _node_pos(node: Node) -> tuple[int, int] | None:
    c: Any = node.get("c")
    if node["t"] in ("Header",):
        return _split_attr(c[1])[1]
    if node["t"] in ("CodeBlock", "Table", "Figure", "Div"):
        return _split_attr(c[0])[1]
    return None


def _last_line(blocks: list[Node], default: int) -> int:
    return int(blocks[-1]["pos"][0]) if blocks and "pos" in blocks[-1] else default


def _attach_table_captions(blocks: list[Node]) -> list[Node]:
    """`Table: caption` in the paragraph after a table becomes the table's caption."""
    out: list[Node] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            block["t"] == "Para"
            and previous is not None
            and previous["t"] == "Table"
            and not previous["c"][1][1]
        ):
            caption = strip_prefix(block["c"], _CAPTION)
            if caption is not None:
                previous["c"][1] = [None, [{"t": "Plain", "c": caption, "pos": block["pos"]}]]
                continue
        out.append(block)
    return out


def strip_prefix(inlines: list[Node], pattern: re.Pattern[str]) -> list[Node] | None:
    """`inlines` without the leading text matched by `pattern`, or None when it does not match."""
    text = ""
    for count, node in enumerate(inlines):
        if node["t"] == "Str":
            text += node["c"]
        elif node["t"] == "Space":
            text += " "
        else:
            break
        match = pattern.match(text)
        if match and match.end() < len(text):  # the prefix ends inside this node
            rest = {**node, "c": text[match.end() :]} if node["t"] == "Str" else None
            return ([rest] if rest else []) + inlines[count + 1 :]
        if match and pattern.fullmatch(text) and text.rstrip().endswith(":"):
            following = inlines[count + 1 :]
            while following and following[0]["t"] == "Space":
                following = following[1:]
            return following
    return None
