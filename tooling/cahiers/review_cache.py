"""The review cache: the text rules' findings of each text, remembered between runs.

One JSON file per repository, `.cache/cahiers/review/findings.json`, beside the render cache:
`{"format": 1, "entries": {key: [finding, ...]}}`. The key (`check.review.memo.TextKeys`)
covers everything the text rules read, so an entry is only reused for the same inputs. The file
is read once per run and written once at the end, atomically (a temporary file, then a rename),
only when it changed, with only the entries that run used: it never outgrows the repository.
A damaged file, or a damaged entry, only costs time: it is reviewed again. Used by `pipeline`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cahiers.atomic import write_cache_entry
from cahiers.findings import Excerpt, Finding, Location, Severity

FORMAT = 1
FILE_NAME = "findings.json"


def default_review_cache_dir(root: Path) -> Path:
    return root / ".cache" / "cahiers" / "review"


class ReviewCache:
    """A `check.review.FindingsMemo` kept in one file."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / FILE_NAME
        self._stored = _read(self.path)
        self._used: dict[str, list[Any]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> list[Finding] | None:
        raw = self._stored.get(key)
        if not isinstance(raw, list):
            return None
        try:
            findings = [finding_from_json(item) for item in raw]
        except (ValueError, TypeError, KeyError, IndexError):
            return None  # damaged: review the text again
        self._used[key] = raw
        self.hits += 1
        return findings

    def put(self, key: str, findings: list[Finding]) -> None:
        self._used[key] = [finding_to_json(f) for f in findings]
        self.misses += 1

    def save(self) -> None:
        """Write the entries of this run, when they differ from the file's."""
        if self.misses == 0 and self._used.keys() == self._stored.keys():
            return
        _write(self.path, {"format": FORMAT, "entries": self._used})


def finding_to_json(finding: Finding) -> list[Any]:
    loc = finding.location
    excerpt = finding.excerpt
    return [
        loc.path,
        loc.line,
        loc.column,
        finding.rule,
        finding.severity.value,
        finding.message,
        finding.hint,
        None if excerpt is None else [excerpt.text, excerpt.start, excerpt.end],
    ]


def finding_from_json(item: list[Any]) -> Finding:
    path, line, column, rule, severity, message, hint, excerpt = item
    if not all(isinstance(v, str) for v in (path, rule, message)):
        raise TypeError("damaged finding")
    if hint is not None and not isinstance(hint, str):
        raise TypeError("damaged hint")
    shown = None
    if excerpt is not None:
        text, start, end = excerpt
        shown = Excerpt(str(text), int(start), int(end))
    return Finding(
        Location(path, int(line), int(column)), rule, Severity(severity), message, hint, shown
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _write(path: Path, data: dict[str, Any]) -> None:
    try:
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except ValueError:  # text that UTF-8 cannot encode: a cache only costs time, skip it
        return
    write_cache_entry(path, encoded)
