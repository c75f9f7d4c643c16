"""Golden typography cases through the real pandoc, and the plain-string function."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
import yaml

from cahiers.render import render_project, typeset
from cahiers.render.stage import RenderOptions
from cahiers.render.types import RenderOutput
from render.render_support import make_project

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "golden" / "typography.yml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, pandoc: str) -> RenderOutput:
    """All cases in one render: one batch, one pandoc process per core."""
    bodies = {f"groups/g/case-{i}.md": c["markdown"] + "\n" for i, c in enumerate(CASES)}
    langs = {f"groups/g/case-{i}.md": c["lang"] for i, c in enumerate(CASES)}
    project = make_project(tmp_path_factory.mktemp("typo"), bodies, langs=langs)
    return render_project(project, cache_dir=None, options=RenderOptions(pandoc=pandoc))


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c["name"] for c in CASES])
def test_golden_case(index: int, rendered: RenderOutput) -> None:
    case = CASES[index]
    out = rendered.contributions[f"groups/g/case-{index}.md"].html
    assert out.startswith("<p>") and out.endswith("</p>\n"), out
    got = out[3:-5].replace("&nbsp;", "\u00a0")
    assert got == case["html"], (html.unescape(got), case["html"])


def test_visible_text_is_typeset_like_the_html(rendered: RenderOutput) -> None:
    first = rendered.contributions["groups/g/case-0.md"]
    assert first.text[0].text == "Constat\u00a0: ceci\u202f; cela\u202f! Vraiment\u202f?"
    noted = next(c for i, c in enumerate(CASES) if "[^1]" in c["markdown"])
    note = rendered.contributions[f"groups/g/case-{CASES.index(noted)}.md"].footnotes[0]
    assert note.html == "<p>Une note\u00a0: typographiée.</p>".replace("\u00a0", "&nbsp;")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Cloud : négocier la sortie", "fr", "Cloud\u00a0: négocier la sortie"),
        ("Pourquoi ? Parce que !", "fr", "Pourquoi\u202f? Parce que\u202f!"),
        ("l'IA « générative »", "fr", "l’IA «\u00a0générative\u00a0»"),
        ("https://example.org/a?b", "fr", "https://example.org/a?b"),
        ("Why? Because: 3 000 km", "en", "Why? Because: 3\u202f000\u00a0km"),
    ],
)
def test_typeset_plain_strings(text: str, lang: str, expected: str) -> None:
    assert typeset(text, lang) == expected
