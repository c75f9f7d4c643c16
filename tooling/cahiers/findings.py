"""Findings: content problems as values, with a stable rule id and a precise location.

The JSON form of a finding is a public contract (CI, editors' scripts and later stages rely on it):
`path` (repo-relative, POSIX), `line` and `column` (1-based), `rule`, `severity`, `message`,
and optionally `hint`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "notice": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a repository file; `line` and `column` are 1-based."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The text a reader sees around a finding; `start`/`end` delimit the match in `text`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    location: Location
    rule: str
    severity: Severity
    message: str
    hint: str | None = None
    excerpt: Excerpt | None = field(default=None, compare=False)

    @property
    def path(self) -> str:
        return self.location.path

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.rule, self.message)

    def as_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
        }
        if self.hint:
            data["hint"] = self.hint
        if self.excerpt is not None:  # optional, added by the review rules
            data["excerpt"] = {
                "text": self.excerpt.text,
                "start": self.excerpt.start,
                "end": self.excerpt.end,
            }
        return data


def error(location: Location, rule: str, message: str, hint: str | None = None) -> Finding:
    return Finding(location, rule, Severity.ERROR, message, hint)


def warning(location: Location, rule: str, message: str, hint: str | None = None) -> Finding:
    return Finding(location, rule, Severity.WARNING, message, hint)


def notice(location: Location, rule: str, message: str, hint: str | None = None) -> Finding:
    return Finding(location, rule, Severity.NOTICE, message, hint)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Stable, deterministic order, without duplicates (two stages may see the same problem)."""
    return sorted(set(findings), key=Finding.sort_key)


def has_failures(findings: Iterable[Finding], *, strict: bool) -> bool:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(f.severity in failing for f in findings)
