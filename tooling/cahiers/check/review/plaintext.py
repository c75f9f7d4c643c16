"""A small Markdown-to-visible-text extractor, for texts the render stage does not produce.

The review rules read the text a reader sees. The render stage (pandoc) gives it for
contributions; this extractor covers the rest (and tests): it drops markup that a reader never
sees (emphasis marks, link targets, HTML tags and comments, footnote labels, fences), decodes
entities, and keeps one visible line per source line, so that line numbers stay exact. Emphasis
inside a word (`spon**so**risé`) disappears, so the word is whole again. Links and images are
collected with their line and column.
"""

from __future__ import annotations

import bisect
import html
import re

from cahiers.check.review.types import ReviewInput, VisibleLine, VisibleLink

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", re.MULTILINE)
_IMAGE = re.compile(
    r"!\[((?:[^\]\\\n]|\\.)*)\]\([ \t]*<?([^)\s>]*)>?(?:[ \t]+[\"'(][^)\n]*)?[ \t]*\)"
)
_LINK = re.compile(
    r"(?<!!)\[((?:[^\]\\\n]|\\.)*)\]\([ \t]*<?([^)\s>]*)>?(?:[ \t]+[\"'(][^)\n]*)?[ \t]*\)"
)
_REF_DEF = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BARE_URL = re.compile(r"h(?<![(<\"'=\w]h)ttps?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"»]")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\](?!:)")
_FOOTNOTE_DEF = re.compile(r"^[ \t]{0,3}\[\^[^\]\s]+\]:[ \t]?", re.MULTILINE)
_BLOCK_PREFIX = re.compile(
    r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d+[.)][ \t]+)+",
    re.MULTILINE,
)
_HEADING_CLOSE = re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE)
_DIV = re.compile(r"^[ \t]*:{3,}.*$", re.MULTILINE)
_TABLE_RULE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE
)
_EMPHASIS = re.compile(r"\*+|~~|_+")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_ATTRIBUTES = re.compile(r"\{[#.][^}\n]*\}")
_PIPE = re.compile(r"[ \t]*\|[ \t]*")
_WORD = re.compile(r"\w+")


def _blank_comments(text: str) -> str:
    """Remove HTML comments but keep their newlines, so line numbers do not move."""
    return _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)


def _code_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines inside fenced code blocks (the fences themselves included)."""
    inside: set[int] = set()
    fence: str | None = None
    opened = 0
    for index, line in enumerate(lines):
        if "```" not in line and "~~~" not in line:
            continue
        m = _FENCE.match(line)
        if m is None:
            continue
        mark = m.group(1)[0]
        if fence is None:
            fence, opened = mark, index
        elif mark == fence:
            inside.update(range(opened, index + 1))
            fence = None
    if fence is not None:
        inside.update(range(opened, len(lines)))
    return inside


def _unemphasise(m: re.Match[str]) -> str:
    """Drop emphasis marks; keep underscores inside words (`snake_case`), as CommonMark does."""
    if m.group()[0] != "_":
        return ""
    text, start, end = m.string, m.start(), m.end()
    inner = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
    return m.group() if inner else ""


def _visible(text: str) -> str:
    """Markup removed from a whole text; no substitution crosses a line break."""
    text = _DIV.sub("", _TABLE_RULE.sub("", text))
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _FOOTNOTE_DEF.sub("", text)
    text = _BLOCK_PREFIX.sub("", text)
    text = _HEADING_CLOSE.sub("", text)
    text = _ATTRIBUTES.sub("", text)
    text = _TAG.sub("", text)
    text = _CODE_SPAN.sub(lambda m: m.group(2), text)
    text = _EMPHASIS.sub(_unemphasise, text)
    if "|" in text:
        text = _PIPE.sub(" ", text)
    text = text.replace("\\", "")
    return html.unescape(text) if "&" in text else text


def extract(path: str, source: str, source_line: int = 1) -> ReviewInput:
    """Visible lines and links of Markdown `source`, whose first line is file line `source_line`."""
    raw_lines = _blank_comments(source).split("\n")
    code = _code_lines(raw_lines)
    prose = "\n".join("" if i in code else line for i, line in enumerate(raw_lines))
    starts = [0]
    for line in raw_lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    links = _links(prose, starts, source_line)
    visible = _visible(_REF_DEF.sub("", prose)).split("\n")
    lines: list[VisibleLine] = []
    for index, text in enumerate(visible):
        if index in code:
            text = "" if _FENCE.match(raw_lines[index]) else raw_lines[index]
        text = text.strip()
        if text:
            lines.append(VisibleLine(source_line + index, text))
    count = sum(len(_WORD.findall(line.text)) for line in lines)
    return ReviewInput(path, tuple(lines), tuple(links), source, source_line, count)


def _links(prose: str, starts: list[int], source_line: int) -> list[VisibleLink]:
    found: list[tuple[int, VisibleLink]] = []

    def add(offset: int, target: str, kind: str, text: str) -> None:
        index = bisect.bisect_right(starts, offset) - 1
        column = offset - starts[index] + 1
        found.append((offset, VisibleLink(target, source_line + index, column, kind, text)))

    for m in _IMAGE.finditer(prose):
        add(m.start(), m.group(2), "image", m.group(1))
    for m in _LINK.finditer(prose):
        if m.start() == 0 or prose[m.start() - 1] != "!":
            add(m.start(), m.group(2), "link", m.group(1))
    for m in _AUTOLINK.finditer(prose):
        add(m.start(), m.group(1), "link", m.group(1))
    for m in _REF_DEF.finditer(prose):
        add(m.start(1), m.group(1), "link", "")
    covered = [range(m.start(), m.end()) for m in _LINK.finditer(prose)]
    for m in _BARE_URL.finditer(prose):
        if not any(m.start() in r for r in covered):
            add(m.start(), m.group(), "link", m.group())
    return [link for _, link in sorted(found, key=lambda item: item[0])]
