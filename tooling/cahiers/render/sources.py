"""What the render stage renders: contributions, and the Markdown snippets of groups and papers.

Each source knows where its text starts in its file (so that findings point at the right line),
and, when it cites, which bibliography applies: the papers that include the contribution (the
site and the book then agree), or every paper of the project for text in no paper.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from cahiers.findings import Finding, Location, error
from cahiers.model import Project
from cahiers.render.citations import bibliography_ids
from cahiers.render.typography import typeset

_BLOCK_SCALAR = re.compile(r"[|>][+-]?\d*\s*(#.*)?$")


@dataclass(frozen=True, slots=True)
class Source:
    id: str  # "contribution:<path>", "charter:<group>", "preamble:<paper>", "key-message:<p>:<n>"
    kind: str  # contribution | charter | preamble | key-message | snippet
    path: str  # the repository file the text is written in
    first_line: int  # line of that file where the text starts
    text: str
    lang: str = "fr"
    slug: str | None = None  # the contribution's own slug (for `#anchor` links)
    title: str = ""
    bibliography: str = ""  # merged CSL JSON of the applicable papers ("" when none)
    bibliography_path: str | None = None
    known_keys: frozenset[str] | None = None

    @property
    def cites(self) -> bool:
        return "@" in self.text and "[" in self.text


@dataclass(frozen=True, slots=True)
class Bibliography:
    path: str
    entries: tuple[dict[str, object], ...]


def project_sources(project: Project, max_bytes: int) -> tuple[list[Source], list[Finding]]:
    findings: list[Finding] = []
    bibliographies = _bibliographies(project, max_bytes, findings)
    papers_of: dict[str, list[str]] = {}
    for slug, paper in project.papers.items():
        for _part, contribution in project.paper_contributions(paper):
            papers_of.setdefault(contribution.slug, []).append(slug)
    every = sorted(bibliographies)
    sources: list[Source] = []
    for c in project.contributions():
        sources.append(
            _with_bibliography(
                Source(
                    f"contribution:{c.path}",
                    "contribution",
                    c.path,
                    c.body_line,
                    c.body,
                    c.lang,
                    c.slug,
                    typeset(c.title, c.lang),
                ),
                [bibliographies[p] for p in papers_of.get(c.slug, every) if p in bibliographies],
            )
        )
    for slug, group in project.groups.items():
        path = group.location.path
        line = _value_line(project.root, path, 1, "charter")
        sources.append(
            _with_bibliography(
                Source(f"charter:{slug}", "charter", path, line, group.charter),
                [bibliographies[p] for p in every],
            )
        )
    for slug, paper in project.papers.items():
        own = [bibliographies[slug]] if slug in bibliographies else []
        preamble_path = paper.preamble_path or paper.location.path
        sources.append(
            _with_bibliography(
                Source(
                    f"preamble:{slug}",
                    "preamble",
                    preamble_path,
                    paper.preamble_line,
                    paper.preamble,
                ),
                own,
            )
        )
        for number, message in enumerate(paper.key_messages):
            loc = message.location
            line = _value_line(project.root, loc.path, loc.line, "text")
            sources.append(
                _with_bibliography(
                    Source(
                        f"key-message:{slug}:{number}",
                        "key-message",
                        loc.path,
                        line,
                        message.text,
                        title=typeset(message.title),
                    ),
                    own,
                )
            )
    return sources, findings


def _with_bibliography(source: Source, bibliographies: list[Bibliography]) -> Source:
    if not source.cites or not bibliographies:
        return source
    merged: dict[str, dict[str, object]] = {}
    for bibliography in bibliographies:
        for entry in bibliography.entries:
            merged.setdefault(str(entry.get("id")), entry)
    return Source(
        source.id,
        source.kind,
        source.path,
        source.first_line,
        source.text,
        source.lang,
        source.slug,
        source.title,
        bibliography=json.dumps(list(merged.values()), ensure_ascii=False, sort_keys=True),
        bibliography_path=bibliographies[0].path,
        known_keys=frozenset(merged),
    )


def _bibliographies(
    project: Project, max_bytes: int, findings: list[Finding]
) -> dict[str, Bibliography]:
    found: dict[str, Bibliography] = {}
    for slug, paper in project.papers.items():
        if not paper.bibliography:
            continue
        path = paper.bibliography
        file = project.root / path
        try:
            if file.is_symlink() or file.stat().st_size > max_bytes:
                raise ValueError("is a symlink or larger than the size cap")
            text = file.read_text(encoding="utf-8")
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            findings.append(_invalid(path, f"cannot be read ({exc})"))
            continue
        ids = bibliography_ids(text)
        if ids is None:
            findings.append(_invalid(path, "is not a CSL JSON list of entries"))
            continue
        found[slug] = Bibliography(path, tuple(json.loads(text)))
    return found


def _invalid(path: str, reason: str) -> Finding:
    return error(
        Location(path),
        "bibliography-invalid",
        f"the bibliography {reason}",
        "it must be a CSL JSON list of entries, each with an `id`",
    )


def _value_line(root: Path, path: str, start: int, key: str) -> int:
    """The line where the YAML value of `key` starts, searching from line `start`."""
    try:
        lines = (root / path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return start
    pattern = re.compile(rf"\s*(?:-\s+)?{re.escape(key)}\s*:\s*(.*)$")
    for number in range(max(1, start), len(lines) + 1):
        match = pattern.match(lines[number - 1])
        if match:
            return number + 1 if _BLOCK_SCALAR.match(match.group(1)) else number
    return start
