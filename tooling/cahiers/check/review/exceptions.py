"""Exceptions to review rules: read, validated, applied, and always reported.

Two ways to grant one, both naming the rule, the reason and who approved it:

- in the front matter, for the whole text:
  `exceptions: [{rule: vendor-dominance, reason: "…", approved_by: lea-fontaine}]`;
- inline, in an HTML comment (readers never see it):
  `<!-- cahiers: allow promotional-wording reason="Slogan analysé" by=lea-fontaine -->`
  At the end of a line, it covers that line; alone on its line, the paragraph that follows.

Inline markers are read from the Markdown source (the rendered text has no comments), outside
fenced code blocks. An exception without a reason, or approved by nobody known (or by an author
of the text), silences nothing and is itself a finding.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cahiers.check.review.catalogue import RULES, document
from cahiers.check.review.types import GrantedException, ReviewInput, SuppressedFinding
from cahiers.findings import Finding, Location, Severity, error, notice
from cahiers.model import Contribution, Person, span

document(
    "exception-reason-missing",
    Severity.ERROR,
    """An exception to a review rule gives no reason.

    Every exception must say why the rule does not apply (`reason="…"` inline, `reason:` in
    front matter); a placeholder such as "todo" or "n/a" is no reason. Until it has one, the
    exception silences nothing.
    """,
)
document(
    "exception-invalid",
    Severity.ERROR,
    """An exception that cannot be applied: unknown rule, no approver, or approved by an author.

    Name an existing rule (`cahiers rules` lists them), and the person id of the editor or chair
    who approved it (`by=` inline, `approved_by:` in front matter); an author cannot approve an
    exception to their own text.
    """,
)
document(
    "exception-granted",
    Severity.NOTICE,
    """An exception to a review rule was granted (listed so that reviewers see every one).

    The notice gives the rule, the reason, who approved it and how many findings it silenced.
    Exceptions are also printed on the paper's transparency page.
    """,
)

_MARKER = re.compile(r"<!--\s*cahiers\s*:(?P<body>.*?)-->", re.DOTALL)
_ALLOW = re.compile(
    r"^\s*allow\s+(?P<rules>[a-z0-9][a-z0-9,\s-]*?)(?=\s+\w+=|\s*$)(?P<args>.*)$", re.DOTALL
)
_ARG = re.compile(r"(\w+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|«\s*([^»]*?)\s*»|(\S+))")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_PLACEHOLDERS = {
    "",
    "-",
    "--",
    "…",
    "...",
    "todo",
    "tbd",
    "n/a",
    "na",
    "none",
    "aucune",
    "ok",
    "?",
    "xxx",
    "raison",
    "reason",
}


@dataclass(frozen=True, slots=True)
class Request:
    """An exception as written, before validation."""

    rule: str
    reason: str
    approved_by: str
    location: Location
    origin: str  # "front-matter" | "inline"
    first_line: int | None = None
    last_line: int | None = None


def inline_requests(text: ReviewInput) -> tuple[list[Request], list[Finding]]:
    requests: list[Request] = []
    findings: list[Finding] = []
    lines = text.source.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if opening:
            mark = opening.group(1)
            if fence is None:
                fence = mark[0]
            elif mark[0] == fence:
                fence = None
            continue
        if fence is not None or "cahiers" not in line:
            continue
        number = text.source_line + index
        for marker in _MARKER.finditer(line):
            where = Location(text.path, number, marker.start() + 1)
            parsed = _ALLOW.match(marker.group("body"))
            if parsed is None:
                findings.append(
                    error(
                        where,
                        "exception-invalid",
                        "cannot read this exception marker",
                        'write `<!-- cahiers: allow RULE reason="…" by=PERSON -->`',
                    )
                )
                continue
            args = {
                m.group(1): next(g for g in m.groups()[1:] if g is not None)
                for m in _ARG.finditer(parsed.group("args"))
            }
            first, last = _scope(lines, index, _MARKER.sub("", line).strip() == "")
            for rule_id in re.split(r"[\s,]+", parsed.group("rules").strip()):
                requests.append(
                    Request(
                        rule_id,
                        args.get("reason", "").strip(),
                        args.get("by", "").strip(),
                        where,
                        "inline",
                        text.source_line + first,
                        text.source_line + last,
                    )
                )
    return requests, findings


def _scope(lines: list[str], index: int, alone: bool) -> tuple[int, int]:
    """The source lines (0-based indexes) a marker covers."""
    if not alone:
        return index, index
    start = index + 1
    while start < len(lines) and (
        not lines[start].strip() or _MARKER.fullmatch(lines[start].strip())
    ):
        start += 1
    end = start
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    return start, min(end, len(lines) - 1)


def front_matter_requests(contribution: Contribution) -> list[Request]:
    return [
        Request(
            e.rule,
            e.reason.strip(),
            e.approved_by,
            span(e.spans, "rule", e.location),
            "front-matter",
        )
        for e in contribution.exceptions
    ]


def validate(
    requests: Iterable[Request], authors: tuple[str, ...], people: Mapping[str, Person]
) -> tuple[list[GrantedException], list[Finding]]:
    granted: list[GrantedException] = []
    findings: list[Finding] = []
    for request in requests:
        if people and request.approved_by and request.approved_by not in people:
            if request.origin == "inline":  # the loader's reference check covers front matter
                findings.append(_unknown(request.location, request, people))
            continue
        problem = _problem(request, authors)
        if problem is not None:
            findings.append(problem)
            continue
        granted.append(
            GrantedException(
                path=request.location.path,
                rule=request.rule,
                reason=request.reason,
                approved_by=request.approved_by,
                location=request.location,
                origin="inline" if request.origin == "inline" else "front-matter",
                first_line=request.first_line,
                last_line=request.last_line,
            )
        )
    return granted, findings


def _problem(request: Request, authors: tuple[str, ...]) -> Finding | None:
    where = request.location
    target = RULES.get(request.rule)
    if target is None or not target.exceptable:
        known = [r for r, spec in RULES.items() if spec.exceptable]
        close = difflib.get_close_matches(request.rule, known, n=1, cutoff=0.6)
        what = "unknown rule" if target is None else "rule that cannot be excepted here"
        return error(
            where,
            "exception-invalid",
            f"exception to {what} `{request.rule}`",
            f"did you mean `{close[0]}`?" if close else "`cahiers rules` lists the rules",
        )
    if request.reason.casefold().strip(" .") in _PLACEHOLDERS:
        return error(
            where,
            "exception-reason-missing",
            f"exception to `{request.rule}` gives no reason",
            'say why the rule does not apply here: `reason="…"`',
        )
    if not request.approved_by:
        return error(
            where,
            "exception-invalid",
            f"exception to `{request.rule}` names no approver",
            "add `by=PERSON-ID`: the editor or chair who approved it",
        )
    if request.approved_by in authors:
        return error(
            where,
            "exception-invalid",
            f"exception to `{request.rule}` is approved by `{request.approved_by}`, an author",
            "an editor or chair who did not write the text must approve it",
        )
    return None


def _unknown(where: Location, request: Request, people: Mapping[str, Person]) -> Finding:
    close = difflib.get_close_matches(request.approved_by, list(people), n=1, cutoff=0.6)
    return error(
        where,
        "exception-invalid",
        f"exception approved by unknown person `{request.approved_by}`",
        f"did you mean `{close[0]}`?" if close else "use a person id of groups/people.yml",
    )


def apply(
    findings: list[Finding], granted: list[GrantedException]
) -> tuple[list[Finding], list[SuppressedFinding], list[GrantedException]]:
    """Silence the findings that an exception covers; count what each exception silenced."""
    kept: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    counts = [0] * len(granted)
    for finding in findings:
        index = next((i for i, g in enumerate(granted) if g.covers(finding)), None)
        if index is None:
            kept.append(finding)
        else:
            counts[index] += 1
            suppressed.append(SuppressedFinding(finding, granted[index]))
    final = [
        GrantedException(
            g.path,
            g.rule,
            g.reason,
            g.approved_by,
            g.location,
            g.origin,
            g.first_line,
            g.last_line,
            count,
        )
        for g, count in zip(granted, counts, strict=True)
    ]
    suppressed = [
        SuppressedFinding(s.finding, final[granted.index(s.exception)]) for s in suppressed
    ]
    for g in final:
        scope = (
            "the whole text"
            if g.first_line is None
            else (
                f"line {g.first_line}"
                if g.first_line == g.last_line
                else f"lines {g.first_line}–{g.last_line}"
            )
        )
        silenced = f"silences {g.suppressed} finding{'s' if g.suppressed != 1 else ''}"
        kept.append(
            notice(
                g.location,
                "exception-granted",
                f"exception to `{g.rule}` for {scope}, approved by {g.approved_by}: "
                f"“{g.reason}” ({silenced})",
                None if g.suppressed else "it silences nothing: remove it if it is obsolete",
            )
        )
    return kept, suppressed, final
