"""The cached placement: a warm render reuses the sanitised HTML only while the links resolve to
the same targets, and always gives what an uncached render gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cahiers.load import load_project
from cahiers.render import render_project
from cahiers.render import stage as render_stage
from cahiers.render.sanitize import sanitize
from cahiers.render.stage import RenderOptions
from cahiers.render.types import RenderOutput
from render.conftest import REPO_ROOT
from render.render_support import make_project


def _same(a: RenderOutput, b: RenderOutput) -> None:
    assert a.contributions == b.contributions
    assert a.charters == b.charters
    assert a.preambles == b.preambles
    assert a.key_messages == b.key_messages
    assert a.findings == b.findings


@pytest.fixture
def sanitized(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The fragments really sanitised (a spy around the real nh3 call)."""
    calls: list[str] = []
    real = sanitize

    def spy(html: str) -> str:
        calls.append(html)
        return real(html)

    monkeypatch.setattr(render_stage, "sanitize", spy)
    return calls


def test_warm_sample_equals_the_uncached_render(
    tmp_path: Path, sample_render: RenderOutput, options: RenderOptions, sanitized: list[str]
) -> None:
    project = load_project(REPO_ROOT).project
    cache = tmp_path / "cache"
    cold = render_project(project, cache_dir=cache, options=options)
    assert sanitized  # the cold run sanitises every fragment
    sanitized.clear()
    warm = render_project(project, cache_dir=cache, options=options)
    assert warm.pandoc_processes == 0 and warm.cache_hits > 20
    assert not any(sanitized)  # …the warm run none: every placement came from the cache
    _same(cold, sample_render)
    _same(warm, sample_render)


def test_a_changed_target_places_the_document_again(
    tmp_path: Path, options: RenderOptions, sanitized: list[str]
) -> None:
    root = tmp_path / "repo"
    cache = root / ".cache/cahiers/render"
    linking = "Voir [la suite](b.md#suite) et une note[^1].\n\n[^1]: Lire [b](b.md#suite).\n"
    texts = {"groups/g/a.md": linking, "groups/g/b.md": "## Suite {#suite}\n\nTexte.\n"}
    first = render_project(make_project(root, texts), cache_dir=cache, options=options)
    html = first.contributions["groups/g/a.md"].html
    assert 'href="cahiers:b#suite"' in html

    # b loses its anchor: a is unchanged (a cache hit) but its link now resolves elsewhere
    texts["groups/g/b.md"] = "## Autre {#autre}\n\nTexte.\n"
    sanitized.clear()
    changed = render_project(make_project(root, texts), cache_dir=cache, options=options)
    assert changed.cache_hits == 1 and changed.pandoc_processes == 1
    a = changed.contributions["groups/g/a.md"]
    assert 'href="cahiers:b"' in a.html and "#suite" not in a.html
    assert 'href="cahiers:b"' in a.footnotes[0].html
    assert any("Voir" in fragment for fragment in sanitized)  # a was placed again
    _same(changed, render_project(make_project(root, texts), cache_dir=None, options=options))

    # the new placement was written: the next run sanitises nothing
    sanitized.clear()
    again = render_project(make_project(root, texts), cache_dir=cache, options=options)
    assert not any(sanitized) and again.contributions == changed.contributions


def test_a_damaged_placement_is_placed_again(
    tmp_path: Path, options: RenderOptions, sanitized: list[str]
) -> None:
    project = make_project(tmp_path, {"groups/g/a.md": "Texte [lien](https://example.org).\n"})
    cache = tmp_path / "cache"
    first = render_project(project, cache_dir=cache, options=options)
    first_html = '<p>Texte <a href="https://example.org">lien</a>.</p>\n'
    (entry,) = [p for p in cache.rglob("*.json") if p.name != "pandoc-version.json"]
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["placement"]["footnotes"] = ["<p>de trop</p>"]  # does not fit the document
    entry.write_text(json.dumps(data), encoding="utf-8")
    sanitized.clear()
    again = render_project(project, cache_dir=cache, options=options)
    assert again.cache_hits == 1 and list(filter(None, sanitized)) == [first_html]
    assert again.contributions == first.contributions
    assert json.loads(entry.read_text(encoding="utf-8"))["placement"]["footnotes"] == []
