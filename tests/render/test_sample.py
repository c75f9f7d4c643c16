"""The sample Cahier renders cleanly, in the dialect the README documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from cahiers.render.types import RenderOutput

pytestmark = pytest.mark.slow
REPO_ROOT = Path(__file__).resolve().parents[2]


def test_sample_renders_without_findings(sample_render: RenderOutput) -> None:
    assert [str(f.location) + " " + f.rule for f in sample_render.findings] == []
    assert len(sample_render.contributions) == 16
    for rendered in sample_render.contributions.values():
        assert rendered.rendered and rendered.html
        assert "cahiers-link:" not in rendered.html and "cahiers-image:" not in rendered.html


def test_approved_texts_use_the_dialect(sample_render: RenderOutput) -> None:
    approved = [
        r
        for path, r in sample_render.contributions.items()
        if "status: approved" in _front_matter(path)
    ]
    assert len(approved) == 12
    for rendered in approved:
        assert 2 <= len(rendered.footnotes) <= 5, rendered.path
        assert "<caption>" in rendered.html, rendered.path
        assert "admonition" in rendered.html, rendered.path
        assert 'class="key-message"' in rendered.html or 'class="encadre"' in rendered.html
        assert any(
            link.target.endswith(".md") or ".md#" in link.target for link in rendered.links
        ), rendered.path
        assert all(h.level >= 2 for h in rendered.outline)
        assert rendered.word_count > 1000, rendered.path
    figures = sum("<figure>" in r.html for r in approved)
    assert figures >= 4
    cited = [r for r in approved if 'class="citation"' in r.html]
    assert cited and all('class="references"' in r.html for r in cited)


def test_snippets_are_rendered_too(sample_render: RenderOutput) -> None:
    assert set(sample_render.charters) == {
        "cloud",
        "metiers",
        "commission-cyber",
        "resilience-numerique",
    }
    assert all(c.html.startswith("<p>") for c in sample_render.charters.values())
    group_yml = (REPO_ROOT / "groups/cloud/group.yml").read_text(encoding="utf-8").splitlines()
    charter_line = next(i for i, x in enumerate(group_yml, 1) if x.startswith("charter:")) + 1
    assert sample_render.charters["cloud"].text[0].line == charter_line
    preamble = sample_render.preambles["cahier-2026"]
    assert preamble.path == "papers/cahier-2026/preamble.md" and preamble.text[0].line == 1
    messages = sample_render.key_messages["cahier-2026"]
    assert messages and all(m.html.startswith("<p>") for m in messages)
    assert all(m.title for m in messages)


def _front_matter(path: str) -> str:
    return (REPO_ROOT / path).read_text(encoding="utf-8").split("\n---", 1)[0]
