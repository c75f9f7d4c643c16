"""Files written so that a reader sees the old content or the new, never half of it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(
    target: Path, data: bytes, *, durable: bool = False, mode: int | None = None
) -> None:
    """Write `data` to a temporary file beside `target`, then rename it into place.

    `durable`: flush to disk before the rename (outputs a user keeps; caches need not).
    `mode`: the file's permissions (a temporary file is created 0600). Raises OSError; the
    temporary file never outlives a failure.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    # Hidden, and named like the target's kind, so that a listing of `*.json` never sees it.
    handle, name = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:
            temporary.chmod(mode)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_cache_entry(target: Path, data: bytes) -> None:
    """`write_atomically` for a cache: a cache that cannot be written only costs time, so a
    failure is ignored."""
    with contextlib.suppress(OSError):
        write_atomically(target, data)
