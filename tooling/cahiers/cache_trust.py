"""May this run use the caches under `.cache/`? Not when they came with the content.

The render and review caches are keyed by content digests that anyone can compute. A pull
request that commits `.cache/` files could therefore hand `cahiers check` a visible text, or a
review result, of its own making, and hide what it really says from the sponsor-free review.
The caches are trusted only when git tracks nothing under `.cache/` and `.cache` is no symlink;
otherwise the run renders and reviews everything afresh, and says why.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from cahiers.findings import Finding, Location, warning

CACHE_FOLDER = ".cache"
GIT_TIMEOUT_SECONDS = 30


def committed_cache(root: Path) -> Finding | None:
    """A warning when `.cache/` came with the content (its caches are then not used)."""
    folder = root / CACHE_FOLDER
    if folder.is_symlink():
        reason = f"`{CACHE_FOLDER}` is a symbolic link"
    elif not folder.exists() or not _tracked(root):
        return None
    else:
        reason = f"files under `{CACHE_FOLDER}/` are committed"
    return warning(
        Location(CACHE_FOLDER),
        "cache-committed",
        f"{reason}: its render and review caches are ignored, as they could hide text "
        "from the review",
        f"remove it from the repository (`git rm -r --cached {CACHE_FOLDER}`); "
        "it is listed in .gitignore",
    )


def _tracked(root: Path) -> bool:
    """Does git track anything under `.cache/`? False outside a git work tree, or without git."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z", "--", CACHE_FOLDER],
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0 and bool(result.stdout.strip(b"\0"))
