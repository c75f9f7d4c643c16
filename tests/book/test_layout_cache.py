"""The layout cache: a rebuild lays out only the segments whose content changed, and the PDF is
byte for byte the one a build without the cache gives."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from book import sample
from book.conftest import Recorder
from book.test_book_cli import ENV, git_repo
from cahiers.book.build import BookReport, render_book
from cahiers.book.layout_cache import LayoutCache, default_layout_cache_dir
from cahiers.book.profiles import Profile
from cahiers.book.runner import Renderer
from cahiers.pipeline import layout_cache_for
from conftest import require_tool

PARAGRAPHS = 2  # small segments: the tests lay out little
EDITED_THREE = sample.rendered_html("three", PARAGRAPHS) + "\n<p>Un paragraphe ajouté au plan.</p>"


@dataclass(frozen=True)
class Cached:
    root: Path
    pdf: bytes  # built cold, without a cache, before anything was cached
    first: BookReport  # the first build with the (then empty) cache


def build(
    root: Path,
    renderer: Renderer,
    cache: LayoutCache | None,
    html_for: Mapping[str, str] | None = None,
    progress: Recorder | None = None,
) -> tuple[bytes, BookReport]:
    sources = sample.sources(root, paragraphs=PARAGRAPHS, html_for=html_for)
    return render_book(
        sources, Profile("screen"), renderer=renderer, cache=cache, progress=progress
    )


def cache_of(root: Path) -> LayoutCache:
    return LayoutCache(default_layout_cache_dir(root))


@pytest.fixture(scope="module")
def cached(tmp_path_factory: pytest.TempPathFactory, renderer: Renderer) -> Cached:
    root = sample.write_repo(tmp_path_factory.mktemp("layout") / "repo", paragraphs=PARAGRAPHS)
    pdf, _ = build(root, renderer, None)
    again, first = build(root, renderer, cache_of(root))
    assert again == pdf
    return Cached(root, pdf, first)


def test_a_rebuild_takes_every_layout_from_the_cache(cached: Cached, renderer: Renderer) -> None:
    assert cached.first.cached_segments == 0 and cached.first.cached_finish == 0
    progress = Recorder()
    pdf, report = build(cached.root, renderer, cache_of(cached.root), progress=progress)
    assert "laying out 0 segments (2 processes), 5 of 5 segments from the cache" in progress.stages
    assert hashlib.sha256(pdf).hexdigest() == hashlib.sha256(cached.pdf).hexdigest()
    assert report.cached_segments == report.segments == 5
    assert report.cached_finish == 2  # the front matter and one chunk of chrome


def test_an_edit_lays_out_its_segment_again_and_gives_the_cold_bytes(
    cached: Cached, renderer: Renderer
) -> None:
    edit = {"three": EDITED_THREE}
    pdf, report = build(cached.root, renderer, cache_of(cached.root), edit)
    # front, key messages, part 1 and the back matter from the cache; part 2 laid out again
    assert report.cached_segments == report.segments - 1
    cold, _ = build(cached.root, renderer, None, edit)
    assert pdf == cold
    assert pdf != cached.pdf


def test_a_damaged_or_altered_entry_is_laid_out_again(cached: Cached, renderer: Renderer) -> None:
    entries = sorted(default_layout_cache_dir(cached.root).rglob("*.layout"))
    assert entries
    saved = {entry: entry.read_bytes() for entry in entries}
    try:
        first, *others = entries
        first.write_bytes(saved[first][: len(saved[first]) // 2])  # truncated
        for entry in others:  # a byte of the PDF changed, the header left as it was
            header, _, pdf = saved[entry].partition(b"\n")
            entry.write_bytes(header + b"\n" + pdf.replace(b"/Type", b"/Typo", 1))
        pdf, report = build(cached.root, renderer, cache_of(cached.root))
        assert report.cached_segments == 0 and report.cached_finish == 0
        assert pdf == cached.pdf
    finally:
        for entry, data in saved.items():
            entry.write_bytes(data)


def test_a_changed_image_lays_out_its_segment_again(cached: Cached, renderer: Renderer) -> None:
    image = cached.root / "groups" / "alpha" / "images" / "schema.svg"
    try:
        image.write_text(sample.FIGURE_SVG.replace("#e9e2d0", "#203040"), encoding="utf-8")
        pdf, report = build(cached.root, renderer, cache_of(cached.root))
        assert report.cached_segments == report.segments - 1  # part 1: chapter one's figure
        assert pdf != cached.pdf
    finally:
        image.write_text(sample.FIGURE_SVG, encoding="utf-8")
    # The entry of part 1 now records the changed image: the old one is laid out again.
    pdf, report = build(cached.root, renderer, cache_of(cached.root))
    assert report.cached_segments == report.segments - 1
    assert pdf == cached.pdf


def test_the_cache_is_not_read_when_committed_or_linked(tmp_path: Path) -> None:
    git = require_tool("git")
    repo = git_repo(tmp_path / "repo")
    assert layout_cache_for(repo, use_cache=True) is not None
    assert layout_cache_for(repo, use_cache=False) is None
    linked = tmp_path / "elsewhere"
    linked.mkdir()
    (repo / ".cache").symlink_to(linked)
    assert layout_cache_for(repo, use_cache=True) is None
    (repo / ".cache").unlink()
    entry = default_layout_cache_dir(repo) / "ab" / "entry.layout"
    entry.parent.mkdir(parents=True)
    entry.write_bytes(b"{}\n")
    env = {**ENV, "PATH": "/usr/bin:/bin"}
    subprocess.run([git, "add", "-f", ".cache"], cwd=repo, env=env, check=True)
    subprocess.run([git, "commit", "-q", "-m", "cache"], cwd=repo, env=env, check=True)
    assert layout_cache_for(repo, use_cache=True) is None
