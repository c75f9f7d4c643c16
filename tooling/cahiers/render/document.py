"""One Markdown document from pandoc's AST to a `ParsedDocument`: the unit that is cached.

A ParsedDocument does not depend on the rest of the project: its links are placeholders and
its lines are relative to the Markdown body. `links.py` places it in the project.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from cahiers.render.citations import apply_citeproc, find_citations
from cahiers.render.clean import Cleaner, Node, TooDeep
from cahiers.render.pandoc import DocResult
from cahiers.render.problems import Problem
from cahiers.render.typography import typeset_blocks, typeset_inlines
from cahiers.render.writer import HtmlWriter, LinkData

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    html: str
    footnotes: tuple[tuple[int, str, int], ...]  # number, html, line
    outline: tuple[tuple[int, str, str, int], ...]  # level, id, text, line
    text: tuple[tuple[int, str], ...]  # line, visible text
    links: tuple[LinkData, ...]
    anchors: tuple[str, ...]
    word_count: int
    problems: tuple[Problem, ...]
    rendered: bool = True  # False: pandoc failed; the document is empty

    def to_json(self) -> dict[str, Any]:
        return {
            "html": self.html,
            "footnotes": [list(f) for f in self.footnotes],
            "outline": [list(h) for h in self.outline],
            "text": [list(t) for t in self.text],
            "links": [[x.target, x.title, x.line, x.column, x.kind, x.text] for x in self.links],
            "anchors": list(self.anchors),
            "word_count": self.word_count,
            "problems": [p.as_json() for p in self.problems],
            "rendered": self.rendered,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ParsedDocument:
        return cls(
            html=str(data["html"]),
            footnotes=tuple((int(n), str(h), int(ln)) for n, h, ln in data["footnotes"]),
            outline=tuple((int(v), str(i), str(t), int(ln)) for v, i, t, ln in data["outline"]),
            text=tuple((int(ln), str(t)) for ln, t in data["text"]),
            links=tuple(
                LinkData(str(a), str(b), int(c), int(d), str(e), str(f))
                for a, b, c, d, e, f in data["links"]
            ),
            anchors=tuple(str(a) for a in data["anchors"]),
            word_count=int(data["word_count"]),
            problems=tuple(Problem.from_json(p) for p in data["problems"]),
            rendered=bool(data["rendered"]),
        )


def failed(problem: Problem) -> ParsedDocument:
    return ParsedDocument("", (), (), (), (), (), 0, (problem,), rendered=False)


@dataclass(slots=True)
class Prepared:
    """A document between the parse and the citations."""

    blocks: list[Node]
    cites: list[Node]
    problems: list[Problem]
    cleaner: Cleaner
    lang: str


def prepare(result: DocResult, source: str, lang: str) -> Prepared | ParsedDocument:
    """Clean, find citations and typeset one parsed document; a failure is a ParsedDocument."""
    if result.timed_out:
        return failed(
            Problem(
                "render-timeout",
                "error",
                1,
                1,
                "pandoc did not finish parsing this file in time",
                "look for a very long or deeply nested construct and simplify it",
            )
        )
    if result.doc is None:
        if result.error == "too-deep":
            return _too_deep(1)
        return failed(
            Problem(
                "render-failed",
                "error",
                1,
                1,
                f"pandoc could not parse this file: {result.error}",
            )
        )
    cleaner = Cleaner(source, lang)
    try:
        blocks = cleaner.blocks(result.doc.get("blocks", []), 1, 0)
    except (TooDeep, RecursionError) as exc:
        return _too_deep(exc.line if isinstance(exc, TooDeep) else 1)
    problems = list(cleaner.problems)
    for message in result.messages:
        problems.append(
            Problem(
                "render-failed",
                "warning",
                int(message.get("line") or 1),
                int(message.get("column") or 1),
                f"pandoc: {message.get('pretty') or message}",
            )
        )
    cites = find_citations(blocks)
    typeset_blocks(blocks, lang)
    return Prepared(blocks, cites, problems, cleaner, lang)


def check_citations(
    prepared: Prepared, known: AbstractSet[str] | None, bibliography: str | None
) -> None:
    """Report citation keys that the bibliography does not define."""
    for cite in prepared.cites:
        for item in cite["c"][0]:
            if known is None or item["id"] not in known:
                hint = (
                    f"add an entry with this id to {bibliography}"
                    if bibliography
                    else "the paper has no bibliography: add `bibliography:` to paper.yml"
                )
                prepared.problems.append(
                    Problem(
                        "unknown-citation",
                        "error",
                        int(cite["l"]),
                        1,
                        f"unknown citation key `{item['id']}`",
                        hint,
                    )
                )


def finish(prepared: Prepared, citeproc: DocResult | None) -> ParsedDocument:
    """Write the HTML and collect everything the other stages need."""
    references: list[tuple[str, list[Node]]] = []
    if citeproc is not None and citeproc.doc is not None:
        references = apply_citeproc(prepared.cites, citeproc.doc)
        for cite in prepared.cites:
            cite["c"][1] = prepared.cleaner.inlines(cite["c"][1], int(cite["l"]), 0)
            typeset_inlines(cite["c"][1], prepared.lang)
        for index, (key, inlines) in enumerate(references):
            cleaned = prepared.cleaner.inlines(inlines, 0, 0)
            typeset_inlines(cleaned, prepared.lang)
            references[index] = (key, cleaned)
    elif citeproc is not None:
        prepared.problems.append(
            Problem(
                "bibliography-invalid",
                "error",
                1,
                1,
                f"citations could not be formatted: {citeproc.error}",
                "check that the bibliography is valid CSL JSON",
            )
        )
    writer = HtmlWriter(prepared.lang)
    body = writer.blocks(prepared.blocks) + writer.references(references)
    text = writer.text_lines()
    seen: set[str] = set()
    for _level, ident, _text, line in writer.outline:
        if ident in seen:
            prepared.problems.append(
                Problem(
                    "duplicate-anchor",
                    "warning",
                    line,
                    1,
                    f"the id `{ident}` is given to two headings: links reach the first one only",
                    "give each heading its own id",
                )
            )
        seen.add(ident)
    return ParsedDocument(
        html=body,
        footnotes=tuple(writer.footnotes),
        outline=tuple(writer.outline),
        text=tuple(text),
        links=tuple(writer.links),
        anchors=tuple(dict.fromkeys(writer.anchors)),
        word_count=sum(len(_WORD.findall(t)) for _, t in text),
        problems=tuple(prepared.problems),
    )


def _too_deep(line: int) -> ParsedDocument:
    return failed(
        Problem(
            "render-too-deep",
            "error",
            line,
            1,
            "quotes, lists or emphasis are nested too deeply to be rendered",
            "flatten the structure (a few levels are enough for any text)",
        )
    )
