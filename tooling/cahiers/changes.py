"""The files a pull request changes: one `git diff` against the merge base with `--base REF`.

This is the one git call of `cahiers check --base REF`; the pipeline passes its result to the pure
`cahiers.config_paths.config_change_notices`.
"""

from __future__ import annotations

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
