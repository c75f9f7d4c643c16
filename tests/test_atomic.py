"""Atomic writes: the old content or the new, and no temporary file left by a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from cahiers.atomic import write_atomically, write_cache_entry


def test_replaces_the_content_with_the_mode_asked(tmp_path: Path) -> None:
    target = tmp_path / "out" / "book.pdf"
    write_atomically(target, b"old")
    write_atomically(target, b"new", durable=True, mode=0o644)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in target.parent.iterdir()) == ["book.pdf"]


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "entry.json"
    target.mkdir()  # a file cannot replace a folder
    with pytest.raises(OSError):
        write_atomically(target, b"{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry.json"]
    assert target.is_dir()


def test_a_cache_entry_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    write_cache_entry(blocker / "ab" / "entry.json", b"{}")  # no exception
    assert blocker.is_file()
