"""One pass over a text: fold it, find every term of the policy, confirm vendor names.

The visible lines are joined (a paragraph break where source lines are not consecutive), folded
once, and read by the one compiled matcher. Each hit knows its sentence, so rules can ask "is a
vendor named in the same sentence?" without reading the text again.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from cahiers.check.review.lexicon import CompiledPolicy
from cahiers.check.review.normalize import fold, fold_key, original_span
from cahiers.check.review.patterns import TermMatcher, match_key
from cahiers.check.review.types import ReviewInput
from cahiers.findings import Excerpt, Location

_SENTENCE_END = re.compile(r"[.!?…;:]+[\"»”')\]]*(?=\s)|\n[ \t]*\n")
_QUOTES = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Hit:
    start: int  # offsets in the folded text
    end: int
    categories: tuple[str, ...]
    sentence: int
    vendors: tuple[str, ...] = ()  # confirmed vendor keys


@dataclass(slots=True)
class TextScan:
    text: ReviewInput
    cased: str
    folded: str
    line_starts: list[int]  # folded offset where each visible line starts
    sentence_starts: list[int]
    cue_matcher: TermMatcher
    hits: list[Hit] = field(default_factory=list)
    _quotes: list[tuple[int, int]] | None = None
    _by_sentence: dict[int, list[Hit]] | None = None
    _source_lines: list[str] | None = None

    # -- geometry -----------------------------------------------------------------------------
    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def sentence_span(self, index: int) -> tuple[int, int]:
        start = self.sentence_starts[index]
        end = (
            self.sentence_starts[index + 1]
            if index + 1 < len(self.sentence_starts)
            else len(self.folded)
        )
        return start, end

    def in_sentence(self, sentence: int) -> list[Hit]:
        if self._by_sentence is None:
            self._by_sentence = {}
            for hit in self.hits:
                self._by_sentence.setdefault(hit.sentence, []).append(hit)
        return self._by_sentence.get(sentence, [])

    def vendors_in(self, sentence: int) -> set[str]:
        return {v for h in self.in_sentence(sentence) for v in h.vendors}

    def word_window(self, offset: int, count: int, *, after: bool = False) -> tuple[int, int]:
        """The span of `count` words before (or after) `offset`, within its sentence."""
        start, end = self.sentence_span(self.sentence_of(offset))
        if after:
            words = list(_WORD.finditer(self.folded, offset, end))[:count]
            return offset, (words[-1].end() if words else offset)
        words = list(_WORD.finditer(self.folded, start, offset))[-count:] if count else []
        return (words[0].start() if words else offset), offset

    def quoted(self, start: int, end: int) -> bool:
        if self._quotes is None:
            self._quotes = [m.span() for m in _QUOTES.finditer(self.cased)]
        return any(a < start and end <= b for a, b in self._quotes)

    def words_between(self, start: int, end: int) -> int:
        return len(_WORD.findall(self.folded, start, end)) if end > start else 0

    def matched(self, hit: Hit) -> str:
        return self.folded[hit.start : hit.end]

    def shown(self, hit: Hit) -> str:
        """The hit as the reader sees it (original case and accents)."""
        index, start, end = self._line_span(hit.start, hit.end)
        text = self.text.lines[index].text
        a, b = original_span(text, start, end)
        return text[a:b]

    def cues(self, start: int, end: int, category: str) -> bool:
        """Is a cue phrase of `category` (negation, critical…) between `start` and `end`?"""
        matcher = self.cue_matcher
        for m in matcher.pattern.finditer(self.folded, max(start, 0), end):
            if category in matcher.categories(m.group()):
                return True
        return False

    def line_of(self, offset: int) -> int:
        """The source line number of a folded offset."""
        index = max(bisect.bisect_right(self.line_starts, offset) - 1, 0)
        return self.text.lines[index].line

    # -- locations ----------------------------------------------------------------------------
    def _line_span(self, start: int, end: int) -> tuple[int, int, int]:
        index = max(bisect.bisect_right(self.line_starts, start) - 1, 0)
        line_start = self.line_starts[index]
        line_end = self.folded.find("\n", line_start)
        line_end = len(self.folded) if line_end < 0 else line_end
        return index, start - line_start, min(end, line_end) - line_start

    def locate(self, start: int, end: int) -> tuple[Location, Excerpt]:
        """Where a folded span is in the source file, and the visible line with it marked."""
        index, a, b = self._line_span(start, end)
        visible = self.text.lines[index]
        o_start, o_end = original_span(visible.text, a, b)
        column = self._source_column(visible.line, self.folded[start : start + (b - a)])
        excerpt = Excerpt(visible.text, o_start, max(o_end, o_start))
        return Location(self.text.path, visible.line, column), excerpt

    def _source_column(self, line: int, folded_match: str) -> int:
        lines = self.source_lines
        index = line - self.text.source_line
        if not 0 <= index < len(lines) or not folded_match:
            return 1
        source = lines[index]
        folded_source = fold_key(source)
        for probe in (folded_match, folded_match[:4]):
            at = folded_source.find(probe)
            if at >= 0:
                return original_span(source, at, at + len(probe))[0] + 1
        return 1

    @property
    def source_lines(self) -> list[str]:
        if self._source_lines is None:
            self._source_lines = self.text.source.split("\n")
        return self._source_lines


def joined_text(text: ReviewInput) -> str:
    parts: list[str] = []
    previous: int | None = None
    for line in text.lines:
        if parts:
            # A gap in source lines is a paragraph break: it ends a sentence.
            parts.append("\n\n" if previous is not None and line.line > previous + 1 else "\n")
        parts.append(line.text.replace("\n", " "))
        previous = line.line
    return "".join(parts)


def scan_text(text: ReviewInput, compiled: CompiledPolicy) -> TextScan:
    joined = joined_text(text)
    folded_text = fold(joined)
    cased, folded = folded_text.cased, folded_text.folded
    line_starts = [0]
    position = folded.find("\n")
    while position >= 0:
        if folded.startswith("\n\n", position):
            line_starts.append(position + 2)
            position = folded.find("\n", position + 2)
            continue
        line_starts.append(position + 1)
        position = folded.find("\n", position + 1)
    sentence_starts = [0, *(m.end() for m in _SENTENCE_END.finditer(cased))]
    scan = TextScan(text, cased, folded, line_starts, sentence_starts, compiled.cues)
    matcher = compiled.main
    for m in matcher.pattern.finditer(folded):
        categories = matcher.categories(m.group())
        if categories:
            scan.hits.append(Hit(m.start(), m.end(), categories, scan.sentence_of(m.start())))
    _confirm_vendors(scan, compiled)
    return scan


def _confirm_vendors(scan: TextScan, compiled: CompiledPolicy) -> None:
    """Resolve names to vendors; a name that is also a common word needs case and context."""
    pending: list[tuple[Hit, list[str]]] = []
    sure_sentences: dict[int, int] = {}
    for hit in scan.hits:
        if "vendor" not in hit.categories:
            continue
        refs = compiled.names.get(match_key(scan.matched(hit)), [])
        sure = [r.vendor for r in refs if not r.common]
        hit.vendors = tuple(sure)
        if sure:
            sure_sentences[hit.sentence] = sure_sentences.get(hit.sentence, 0) + 1
        common = [r.vendor for r in refs if r.common]
        if common:
            pending.append((hit, common))
    for hit, candidates in pending:
        if not scan.cased[hit.start : hit.start + 1].isupper():
            continue
        start, end = scan.sentence_span(hit.sentence)
        confirmed = []
        for key in candidates:
            vendor = compiled.vendors[key]
            if vendor.exclude is not None and any(
                m.start() <= hit.start and hit.end <= m.end()
                for m in vendor.exclude.finditer(scan.folded, max(start, hit.start - 60), end)
            ):
                continue
            others = sure_sentences.get(hit.sentence, 0) - (1 if hit.vendors else 0)
            if (
                others > 0
                or (vendor.context is not None and vendor.context.search(scan.folded, start, end))
                or scan.cues(start, end, "it_context")
            ):
                confirmed.append(key)
        hit.vendors = tuple(dict.fromkeys((*hit.vendors, *confirmed)))
