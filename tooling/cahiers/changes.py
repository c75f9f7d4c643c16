"""The lines a pull request changed, so that GitHub annotations stay on them.

`git diff --unified=0 --merge-base BASE` lists, per file, the lines added or modified since the
branch left BASE (uncommitted changes included). One git call; paths are passed after `--`.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from cahiers.errors import RepositoryError, ToolMissing

_FILE = re.compile(r"^\+\+\+ (?:b/)?(.*)$")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def parse_diff(diff: str) -> dict[str, set[int]]:
    """Added or modified lines per repo-relative path, from a `--unified=0` diff."""
    changed: dict[str, set[int]] = {}
    current: str | None = None
    for line in diff.splitlines():
        file = _FILE.match(line)
        if file:
            current = None if file.group(1) == "/dev/null" else file.group(1)
            if current is not None:
                changed.setdefault(current, set())
            continue
        hunk = _HUNK.match(line)
        if hunk and current is not None:
            start, count = int(hunk.group(1)), int(hunk.group(2) or "1")
            changed[current].update(range(start, start + count))
    return changed


def changed_lines(root: Path, base: str) -> dict[str, set[int]]:
    if base.startswith("-"):
        raise RepositoryError(f"`{base}` is not a git revision")
    command = [
        "git",
        "-C",
        str(root),
        "diff",
        "--no-color",
        "--no-ext-diff",
        "--unified=0",
        "--merge-base",
        base,
        "--",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except FileNotFoundError as exc:
        raise ToolMissing("git is not installed; it is needed for --base") from exc
    if result.returncode != 0:
        raise RepositoryError(
            f"cannot list the lines changed since `{base}`: "
            f"{result.stderr.strip() or 'git diff failed'}"
        )
    return parse_diff(result.stdout)
