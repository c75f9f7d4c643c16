"""Small, exact operations on the render stage's sanitised HTML.

The input is nh3's serialisation: balanced tags, double-quoted attributes, `<` and `&` escaped in
text. That regularity lets us rewrite URLs and find top-level headings without re-serialising,
which would risk changing what the sanitiser vouched for.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

# A tag, with quoted attribute values that may contain `>`.
TAG_RE = re.compile(r"""<(?:[^"'>]|"[^"]*"|'[^']*')*>""")
_URL_ATTR_RE = re.compile(r"""(\s(?:href|src)=)"([^"]*)\"""")
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
# Characters that mean something to Python-Markdown (and attr_list) inside a heading line.
_MARKDOWN_SPECIALS = re.compile(r"""(&#?[A-Za-z0-9]+;)|[\\`*_{}\[\]()#+\-.!|<>~^=:"']""")


def rewrite_urls(fragment: str, rewrite: Callable[[str], str | None]) -> str:
    """Apply `rewrite` to every href and src value inside tags (never to text).
    `rewrite` gets the unescaped URL and returns a new one, or None to keep it."""

    def in_tag(tag: re.Match[str]) -> str:
        def one(attr: re.Match[str]) -> str:
            new = rewrite(html.unescape(attr.group(2)))
            if new is None:
                return attr.group(0)
            return f'{attr.group(1)}"{html.escape(new, quote=True)}"'

        return _URL_ATTR_RE.sub(one, tag.group(0))

    return TAG_RE.sub(in_tag, fragment)


@dataclass(frozen=True, slots=True)
class Chunk:
    """A top-level piece of a body: either a heading or the HTML between two headings."""

    html: str
    heading_level: int = 0  # 0 when this chunk is not a heading
    heading_id: str = ""
    heading_inner: str = ""


class _TopLevel(HTMLParser):
    """Finds the offsets of top-level elements; headings among them are reported apart."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.depth = 0
        self.headings: list[tuple[int, int, str, int]] = []  # start, end, id, level
        self._open: tuple[int, str, int] | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_ELEMENTS:
            return
        if self.depth == 0 and tag in HEADING_TAGS:
            ident = dict(attrs).get("id") or ""
            self._open = (self._offset(), ident, HEADING_TAGS[tag])
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        self.depth -= 1
        if self.depth == 0 and self._open is not None and tag in HEADING_TAGS:
            start, ident, level = self._open
            end = self.source.index(">", self._offset()) + 1
            self.headings.append((start, end, ident, level))
            self._open = None


def split_headings(fragment: str) -> Iterator[Chunk]:
    """Split a body into the HTML between top-level headings and the headings themselves."""
    parser = _TopLevel(fragment)
    parser.feed(fragment)
    parser.close()
    position = 0
    for start, end, ident, level in parser.headings:
        if fragment[position:start].strip():
            yield Chunk(fragment[position:start].strip())
        whole = fragment[start:end]
        inner = whole[whole.index(">") + 1 : whole.rindex("</")]
        yield Chunk(whole, level, ident, inner)
        position = end
    if fragment[position:].strip():
        yield Chunk(fragment[position:].strip())


def markdown_safe_inline(fragment: str) -> str:
    """Inline HTML that Python-Markdown passes through unchanged on one line: Markdown's special
    characters in text nodes become numeric character references, which HTML reads the same."""
    parts: list[str] = []
    position = 0
    for tag in TAG_RE.finditer(fragment):
        parts.append(_escape_text(fragment[position : tag.start()]))
        parts.append(tag.group(0).replace("\n", " "))
        position = tag.end()
    parts.append(_escape_text(fragment[position:]))
    return "".join(parts)


def _escape_text(text: str) -> str:
    text = " ".join(text.split("\n"))
    # Character references already in the text are kept whole.
    return _MARKDOWN_SPECIALS.sub(lambda m: m.group(1) or f"&#{ord(m.group(0))};", text)


def text_of(fragment: str) -> str:
    """The plain text of an HTML fragment (tags dropped, references decoded)."""
    return html.unescape(TAG_RE.sub("", fragment))


_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")


def demote_headings(fragment: str, levels: int = 1) -> str:
    """`<h2>` → `<h3>` …: a snippet's headings nest under the section that shows it."""
    return _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + levels)}", fragment)
