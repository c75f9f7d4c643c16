"""Write the clean AST as HTML, and record what a reader sees while doing it.

The writer is ours (not pandoc's) so that the markup is exactly the contract of `types.py`:
footnote references, alert and box classes, tables with captions, figures. Link and image
targets are not written here: each becomes a placeholder (`cahiers-link:N`, `cahiers-image:N`)
that `links.py` resolves once the whole project is known, so this output can be cached per file.
Everything it writes is escaped; raw HTML never reaches it (clean.py drops it).
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from cahiers.render.labels import label

Node = dict[str, Any]

ALERT_CLASSES = {  # GitHub alert → Material for MkDocs admonition type (styled by the theme)
    "note": "note",
    "tip": "tip",
    "important": "info",
    "warning": "warning",
    "caution": "danger",
}
ALIGN = {"AlignLeft": "left", "AlignRight": "right", "AlignCenter": "center"}
LIST_TYPES = {"LowerAlpha": "a", "UpperAlpha": "A", "LowerRoman": "i", "UpperRoman": "I"}
_CONTAINER_TAGS = {
    "Emph": "em",
    "Strong": "strong",
    "Strikeout": "del",
    "Superscript": "sup",
    "Subscript": "sub",
    "Underline": "u",
}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class LinkData:
    target: str
    title: str
    line: int
    column: int
    kind: str  # "link" | "image"
    text: str


class HtmlWriter:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.links: list[LinkData] = []
        self.footnotes: list[tuple[int, str, int]] = []  # number, html, line
        self.outline: list[tuple[int, str, str, int]] = []  # level, id, text, line
        self.anchors: list[str] = []
        self.visible: dict[int, list[str]] = defaultdict(list)
        self.line = 1
        self.generated = False  # writing citeproc's references: links are not the author's
        self.hidden = False  # writing text no reader sees as text (an image's alt)

    # -- text a reader sees ---------------------------------------------------------------

    def _see(self, text: str, line: int | None = None) -> None:
        if not (self.generated or self.hidden):
            self.visible[line if line is not None else self.line].append(text)

    def text_lines(self) -> list[tuple[int, str]]:
        out = []
        for line in sorted(self.visible):
            text = re.sub(r"[ \t\n]+", " ", "".join(self.visible[line])).strip()
            if text:
                out.append((line, text))
        return out

    # -- blocks ---------------------------------------------------------------------------

    def blocks(self, blocks: list[Node]) -> str:
        return "".join(self.block(b) for b in blocks)

    def block(self, node: Node) -> str:
        kind = node["t"]
        c: Any = node.get("c")
        if "pos" in node:
            self.line = node["pos"][0]
        if kind == "Para":
            return f"<p>{self.inlines(c)}</p>\n" + self._end_block()
        if kind == "Plain":
            return self.inlines(c) + self._end_block()
        if kind == "Header":
            level, attr, inlines = c
            ident = attr[0]
            text = plain_text(inlines)
            self.outline.append((level, ident, text, node["pos"][0]))
            content = self.inlines(inlines)
            self._end_block()
            return f"<h{level}{self._id(ident)}>{content}</h{level}>\n"
        if kind == "CodeBlock":
            for offset, code_line in enumerate(c[1].split("\n")):
                self._see(code_line, node["pos"][0] + offset)
            return f"<pre><code>{esc(c[1])}</code></pre>\n"
        if kind == "BlockQuote":
            return f"<blockquote>\n{self.blocks(c)}</blockquote>\n"
        if kind == "BulletList":
            return "<ul>\n" + "".join(f"<li>{self.blocks(i)}</li>\n" for i in c) + "</ul>\n"
        if kind == "OrderedList":
            (start, style, _delim), items = c
            attrs = f' start="{int(start)}"' if start != 1 else ""
            if style["t"] in LIST_TYPES:
                attrs += f' type="{LIST_TYPES[style["t"]]}"'
            body = "".join(f"<li>{self.blocks(i)}</li>\n" for i in items)
            return f"<ol{attrs}>\n{body}</ol>\n"
        if kind == "DefinitionList":
            out = ["<dl>\n"]
            for term, definitions in c:
                out.append(f"<dt>{self.inlines(term)}</dt>\n")
                self._end_block()
                out.extend(f"<dd>{self.blocks(d)}</dd>\n" for d in definitions)
            return "".join(out) + "</dl>\n"
        if kind == "HorizontalRule":
            return "<hr>\n"
        if kind == "Table":
            return self.table(c)
        if kind == "Figure":
            return self.figure(c)
        if kind == "Div":
            return self.div(node)
        if kind == "LineBlock":
            return "<p>" + "<br>\n".join(self.inlines(line) for line in c) + "</p>\n"
        return ""

    def _end_block(self) -> str:
        self._see(" ")
        return ""

    def _id(self, ident: str) -> str:
        if not ident:
            return ""
        self.anchors.append(ident)
        return f' id="{esc(ident)}"'

    def div(self, node: Node) -> str:
        attr, content = node["c"]
        alert = node.get("alert")
        if alert:
            title = esc(label(alert, self.lang))
            classes = f"admonition {ALERT_CLASSES[alert]} alert-{alert}"
            body = self.blocks(content)
            return (
                f'<div class="{classes}">\n<p class="admonition-title">{title}</p>\n{body}</div>\n'
            )
        classes = attr[1]
        box = classes[0] if classes else ""
        opening = f"<div{self._id(attr[0])}{f' class={chr(34)}{box}{chr(34)}' if box else ''}>"
        parts = []
        for index, block in enumerate(content):
            if box == "encadre" and index == 0 and _is_title(block):
                self.line = block.get("pos", [self.line])[0]
                parts.append(f'<p class="encadre-title">{self.inlines(block["c"])}</p>\n')
                self._end_block()
            else:
                parts.append(self.block(block))
        return f"{opening}\n{''.join(parts)}</div>\n"

    def figure(self, c: list[Any]) -> str:
        attr, caption, body = c
        caption_html = self.blocks(caption[1]).strip()
        images = []
        for block in body:  # an implicit figure: Plain [Image]; its alt text is the caption
            if block["t"] in ("Plain", "Para"):
                images.append(self.inlines(block["c"], see=False))
            else:
                images.append(self.block(block))
        inner = "".join(images)
        figcaption = f"<figcaption>{caption_html}</figcaption>" if caption_html else ""
        return f"<figure{self._id(attr[0])}>\n{inner}\n{figcaption}\n</figure>\n"

    def table(self, c: list[Any]) -> str:
        attr, caption, colspecs, head, bodies, foot = c
        aligns = [ALIGN.get(spec[0]["t"], "") for spec in colspecs]
        out = [f"<table{self._id(attr[0])}>\n"]
        caption_html = self.blocks(caption[1]).strip()
        if caption_html:
            out.append(f"<caption>{caption_html}</caption>\n")
        if head[1]:
            out.append("<thead>\n" + self._rows(head[1], aligns, "th", 0) + "</thead>\n")
        for body in bodies:
            rows = body[2] + body[3]
            out.append("<tbody>\n" + self._rows(rows, aligns, "td", body[1]) + "</tbody>\n")
        if foot[1]:
            out.append("<tfoot>\n" + self._rows(foot[1], aligns, "td", 0) + "</tfoot>\n")
        return "".join(out) + "</table>\n"

    def _rows(self, rows: list[Any], aligns: list[str], tag: str, head_columns: int) -> str:
        out = []
        for row in rows:
            cells = []
            column = 0
            for index, cell in enumerate(row[1]):
                _attr, align, rowspan, colspan, blocks = cell
                cell_tag = "th" if tag == "th" or index < head_columns else "td"
                attrs = ""
                side = ALIGN.get(align["t"]) or (aligns[column] if column < len(aligns) else "")
                if side:
                    attrs += f' class="align-{side}"'
                if rowspan > 1:
                    attrs += f' rowspan="{int(rowspan)}"'
                if colspan > 1:
                    attrs += f' colspan="{int(colspan)}"'
                cells.append(f"<{cell_tag}{attrs}>{self.blocks(blocks).strip()}</{cell_tag}>")
                column += max(1, colspan)
            out.append("<tr>" + "".join(cells) + "</tr>\n")
        return "".join(out)

    # -- inlines --------------------------------------------------------------------------

    def inlines(self, inlines: list[Node], *, see: bool = True) -> str:
        saved = self.hidden
        self.hidden = saved or not see
        try:
            return "".join(self.inline(i) for i in inlines)
        finally:
            self.hidden = saved

    def inline(self, node: Node) -> str:
        kind = node["t"]
        c: Any = node.get("c")
        if kind == "Str":
            self.line = node.get("l", self.line)
            self._see(c)
            return esc(c)
        if kind == "Space":
            self._see(" ")
            return " "
        if kind == "SoftBreak":
            self._see(" ")
            return "\n"
        if kind == "LineBreak":
            self._see(" ")
            return "<br>\n"
        if kind in _CONTAINER_TAGS:
            tag = _CONTAINER_TAGS[kind]
            return f"<{tag}>{self.inlines(c)}</{tag}>"
        if kind == "SmallCaps":
            return f'<span class="smallcaps">{self.inlines(c)}</span>'
        if kind == "Span":
            return f"<span{self._id(c[0][0])}>{self.inlines(c[1])}</span>"
        if kind == "Code":
            self._see(c[1], node.get("l"))
            return f"<code>{esc(c[1])}</code>"
        if kind == "Math":
            display = c[0]["t"] == "DisplayMath"
            self._see(c[1], node.get("l"))
            text = f"\\[{c[1]}\\]" if display else f"\\({c[1]}\\)"
            return f'<span class="math {"display" if display else "inline"}">{esc(text)}</span>'
        if kind == "Cite":
            return f'<span class="citation">{self.inlines(c[1])}</span>'
        if kind == "Link":
            return self.link(node)
        if kind == "Image":
            return self.image(node)
        if kind == "Note":
            return self.note(node)
        return ""

    def link(self, node: Node) -> str:
        _attr, inlines, (target, title) = node["c"]
        title_attr = f' title="{esc(title)}"' if title else ""
        if self.generated:  # a URL in a reference of the bibliography
            safe = target if re.match(r"https?://", target, re.I) else ""
            href = f' href="{esc(safe)}"' if safe else ""
            return f"<a{href}{title_attr}>{self.inlines(inlines)}</a>"
        index = len(self.links)
        self.links.append(
            LinkData(target, title, node["pos"][0], node["pos"][1], "link", plain_text(inlines))
        )
        return f'<a href="cahiers-link:{index}"{title_attr}>{self.inlines(inlines)}</a>'

    def image(self, node: Node) -> str:
        _attr, inlines, (target, title) = node["c"]
        alt = plain_text(inlines)
        title_attr = f' title="{esc(title)}"' if title else ""
        if self.generated:
            return ""
        index = len(self.links)
        self.links.append(LinkData(target, title, node["pos"][0], node["pos"][1], "image", alt))
        return f'<img src="cahiers-image:{index}" alt="{esc(alt)}"{title_attr}>'

    def note(self, node: Node) -> str:
        number = len(self.footnotes) + 1
        saved_line = self.line
        slot = len(self.footnotes)
        self.footnotes.append((number, "", node.get("l", self.line)))
        content = self.blocks(node["c"]).strip()
        line = _first_line(node["c"]) or node.get("l", saved_line)
        self.footnotes[slot] = (number, content, line)
        self.line = saved_line
        return (
            f'<a class="footnote-ref" href="#fn-{number}" id="fnref-{number}" '
            f'role="doc-noteref"><sup>{number}</sup></a>'
        )

    def references(self, entries: list[tuple[str, list[Node]]]) -> str:
        if not entries:
            return ""
        self.generated = True
        try:
            items = "".join(
                f'<p class="csl-entry" id="ref-{esc(key)}">{self.inlines(inlines)}</p>\n'
                for key, inlines in entries
            )
        finally:
            self.generated = False
        title = esc(label("references", self.lang))
        return f'<div class="references">\n<p class="references-title">{title}</p>\n{items}</div>\n'


def _is_title(block: Node) -> bool:
    content = [i for i in block.get("c") or [] if i["t"] not in ("Space", "SoftBreak")]
    return block["t"] == "Para" and len(content) == 1 and content[0]["t"] == "Strong"


def _first_line(blocks: list[Node]) -> int | None:
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            for inline in block["c"]:
                if inline["t"] == "Str" and "l" in inline:
                    return int(inline["l"])
        if "pos" in block:
            return int(block["pos"][0])
    return None


def plain_text(inlines: list[Node]) -> str:
    """The text of inlines as a reader sees it, without footnotes."""
    out = []
    for node in inlines:
        kind = node["t"]
        c: Any = node.get("c")
        if kind == "Str":
            out.append(c)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Code", "Math"):
            out.append(c[1])
        elif kind in (*_CONTAINER_TAGS, "SmallCaps"):
            out.append(plain_text(c))
        elif kind in ("Span", "Link", "Cite"):
            out.append(plain_text(c[1]))
    return "".join(out)
