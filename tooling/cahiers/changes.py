"""What a pull request changes against `--base REF`: its files, and its changed lines.

`changed_paths` feeds the pure `cahiers.config_paths.config_change_notices`; `changed_lines`
(`git diff --unified=0 --merge-base BASE`) keeps GitHub annotations on the lines the pull request
touched.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from cahiers.errors import RepositoryError, ToolMissing

GIT_TIMEOUT_SECONDS = 60


def changed_paths(root: Path, base: str) -> tuple[str, ...]:
    """Repo-relative paths changed between the merge base of `base` and HEAD (sorted, unique).

    `base` comes from the command line (a branch name in CI): it is verified as a commit before
    use and may never start with `-`, so that it cannot be read as a git option.
    """
    if not base or base.startswith("-"):
        raise RepositoryError(f"`{base}` is not a valid base revision for --base")
    _git(
        root,
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        f"{base}^{{commit}}",
        failure=f"the base revision `{base}` is not in this clone",
        hint="fetch it first (`git fetch origin main`), or check out with `fetch-depth: 0`",
    )
    _git(
        root,
        "merge-base",
        base,
        "HEAD",
        failure=f"`{base}` and HEAD have no common history in this clone",
        hint="the clone is probably shallow: run `git fetch --unshallow` "
        "(in GitHub Actions, check out with `fetch-depth: 0`)",
    )
    # `-z`: NUL-separated, so that no file name is quoted or split; `--`: no path is an option.
    output = _git(
        root,
        "diff",
        "--name-only",
        "--no-renames",
        "-z",
        f"{base}...HEAD",
        "--",
        failure=f"cannot list the changes between `{base}` and HEAD",
        hint=None,
    )
    return tuple(sorted({p for p in output.split("\0") if p}))


def _git(root: Path, *args: str, failure: str, hint: str | None) -> str:
    try:
        completed = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError as exc:
        raise ToolMissing("git is not installed; install it (`apt-get install git`)") from exc
    except subprocess.TimeoutExpired as exc:
        raise RepositoryError(f"{failure}: git did not answer in {GIT_TIMEOUT_SECONDS} s") from exc
    if completed.returncode != 0:
        detail = completed.stderr.strip().splitlines()
        reason = f" ({detail[-1]})" if detail else ""
        raise RepositoryError(f"{failure}{reason}" + (f"; {hint}" if hint else ""))
    return completed.stdout


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
