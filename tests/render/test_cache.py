"""The cache: an unchanged contribution is never rendered twice, and that is observable."""

from __future__ import annotations

import os
from pathlib import Path

from cahiers.render import render_project
from cahiers.render.stage import RenderOptions
from render.render_support import make_project


def _logging_pandoc(tmp_path: Path, pandoc: str) -> tuple[str, Path]:
    """A real pandoc behind a wrapper that writes one line per process it starts."""
    log = tmp_path / "pandoc-calls.log"
    wrapper = tmp_path / "bin" / "pandoc"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\nexec "{pandoc}" "$@"\n')
    wrapper.chmod(0o755)
    return str(wrapper), log


def _calls(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


def test_second_render_runs_no_pandoc_process(tmp_path: Path, pandoc: str) -> None:
    wrapper, log = _logging_pandoc(tmp_path, pandoc)
    options = RenderOptions(pandoc=wrapper)
    root = tmp_path / "repo"
    contributions = {
        "groups/g/a.md": "## A {#a}\n\nTexte : un[^1].\n\n[^1]: Note.\n",
        "groups/g/b.md": "Voir [a](a.md#a).\n",
    }
    project = make_project(root, contributions)
    cache = root / ".cache/cahiers/render"

    first = render_project(project, cache_dir=cache, options=options)
    calls_after_first = _calls(log)
    assert "lua" in calls_after_first and first.cache_hits == 0
    assert first.pandoc_processes == len(calls_after_first)

    second = render_project(project, cache_dir=cache, options=options)
    assert _calls(log) == calls_after_first  # not one more process
    assert second.pandoc_processes == 0 and second.cache_hits == 2
    assert second.contributions == first.contributions
    assert second.findings == first.findings

    # one file changes: only that one is parsed again (one process for it)
    changed = make_project(root, {**contributions, "groups/g/b.md": "Voir [a](a.md#zz).\n"})
    third = render_project(changed, cache_dir=cache, options=options)
    assert third.cache_hits == 1 and third.pandoc_processes == 1
    assert [f.rule for f in third.findings] == ["unknown-anchor"]


def test_no_cache_renders_every_time_and_writes_nothing(tmp_path: Path, pandoc: str) -> None:
    wrapper, log = _logging_pandoc(tmp_path, pandoc)
    project = make_project(tmp_path / "repo", {"groups/g/a.md": "Texte.\n"})
    for _ in range(2):
        out = render_project(project, cache_dir=None, options=RenderOptions(pandoc=wrapper))
        assert out.cache_hits == 0
    assert _calls(log) == ["lua", "lua"]
    assert not (tmp_path / "repo/.cache").exists()


def test_damaged_cache_entry_is_rendered_again(tmp_path: Path, options: RenderOptions) -> None:
    project = make_project(tmp_path, {"groups/g/a.md": "Texte.\n"})
    cache = tmp_path / "cache"
    render_project(project, cache_dir=cache, options=options)
    entries = [p for p in cache.rglob("*.json") if p.name != "pandoc-version.json"]
    assert len(entries) == 1
    entries[0].write_text("{not json")
    again = render_project(project, cache_dir=cache, options=options)
    assert again.cache_hits == 0
    assert again.contributions["groups/g/a.md"].html == "<p>Texte.</p>\n"
    assert not list(cache.rglob(".tmp-*"))  # atomic writes leave no partial file
    assert os.access(entries[0], os.R_OK)
