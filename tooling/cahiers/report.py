"""Findings for people (text), machines (json, sarif) and GitHub (annotations, summary)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from itertools import groupby

import click

from cahiers.findings import Excerpt, Finding, Severity

FORMATS = ("text", "json", "github", "markdown", "sarif")

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTICE: "cyan"}


def render_findings(
    findings: Sequence[Finding],
    fmt: str,
    *,
    colour: bool = False,
    suppressed: Sequence[tuple[Finding, str]] = (),
    changed: Mapping[str, Collection[int]] | None = None,
) -> str:
    """`suppressed`: findings silenced by an exception, with its justification (SARIF keeps
    them as suppressed results). `changed`: for GitHub annotations, only these lines per file
    (the lines a pull request changed); None annotates everything."""
    if fmt == "json":
        return json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2) + "\n"
    if fmt == "github":
        shown = [
            f for f in findings if changed is None or f.location.line in changed.get(f.path, ())
        ]
        return "".join(github_annotation(f) + "\n" for f in shown)
    if fmt == "sarif":
        from cahiers.sarif import sarif_report

        return sarif_report(findings, suppressed)
    if fmt == "markdown":
        return markdown_summary(findings)
    return text_report(findings, colour=colour)


def summary_line(findings: Sequence[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    files = len({f.path for f in findings})
    if not findings:
        return "no problems found"
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity if counts[s]]
    return f"{', '.join(parts)} in {files} file{'s' if files != 1 else ''}"


def text_report(findings: Sequence[Finding], *, colour: bool = False) -> str:
    lines: list[str] = []
    for path, group in groupby(findings, key=lambda f: f.path):
        lines.append(click.style(path, bold=True) if colour else path)
        for finding in group:
            loc = finding.location
            severity = finding.severity.value
            if colour:
                severity = click.style(severity, fg=_COLOURS[finding.severity])
            lines.append(
                f"  {loc.path}:{loc.line}:{loc.column}: {severity} [{finding.rule}] "
                f"{finding.message}"
            )
            if finding.excerpt is not None:
                lines += excerpt_lines(finding.excerpt, colour=colour)
            if finding.hint:
                lines.append(f"      hint: {finding.hint}")
        lines.append("")
    lines.append(summary_line(findings))
    return "\n".join(lines) + "\n"


def excerpt_lines(excerpt: Excerpt, *, colour: bool = False, width: int = 90) -> list[str]:
    """The visible text around a match, with the match underlined (and coloured on a TTY)."""
    text, start, end = excerpt.text, excerpt.start, max(excerpt.end, excerpt.start + 1)
    left = max(0, start - (width - (end - start)) // 2)
    right = min(len(text), max(end, left + width))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    shown = text[left:right]
    a, b = start - left, min(end, right) - left
    if colour:
        marked = shown[:a] + click.style(shown[a:b], fg="red", bold=True) + shown[b:]
    else:
        marked = shown
    pad = " " * (len(prefix) + a)
    return [f"      | {prefix}{marked}{suffix}", f"      | {pad}{'^' * max(b - a, 1)}"]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Finding) -> str:
    """A workflow command; GitHub turns it into an inline annotation on the pull request."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}[
        finding.severity
    ]
    loc = finding.location
    message = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
    props = (
        f"file={_escape_property(loc.path)},line={loc.line},col={loc.column},"
        f"title={_escape_property(finding.rule)}"
    )
    return f"::{level} {props}::{_escape_data(message)}"


def markdown_summary(findings: Sequence[Finding]) -> str:
    """A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`."""
    lines = ["## Cahiers check", "", f"**{summary_line(findings)}**", ""]
    if findings:
        lines += ["| | Location | Rule | Message |", "|---|---|---|---|"]
        icons = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.NOTICE: "ℹ️"}
        for f in findings:
            message = f.message + (f" — *{f.hint}*" if f.hint else "")
            message = message.replace("|", "\\|").replace("\n", " ")
            loc = f.location
            lines.append(
                f"| {icons[f.severity]} | `{loc.path}:{loc.line}` | `{f.rule}` | {message} |"
            )
    granted = [f for f in findings if f.rule == "exception-granted"]
    if granted:
        lines += ["", f"### Exceptions granted ({len(granted)})", ""]
        lines += [f"- `{f.location.path}:{f.location.line}`: {f.message}" for f in granted]
    return "\n".join(lines) + "\n"
