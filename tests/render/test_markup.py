"""The HTML contract of types.py, with the real pandoc: footnotes, alerts, boxes, figures,
tables, citations, and what the other stages read (outline, text, links, assets)."""

from __future__ import annotations

import json
from pathlib import Path

from cahiers.render import render_project, resolve_assets, resolve_internal_links
from cahiers.render.stage import RenderOptions
from cahiers.render.types import RenderOutput
from render.render_support import make_project

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>'

BODY = """\
## Les constats {#constats}

Un texte avec une note[^1] et une autre[^n].

[^1]: La première *note*.
[^n]: La seconde, avec un [lien](https://example.org/a).

| Clause | Nombre |
|---|---:|
| Restitution | 34 |

Table: Clauses examinées.

![Les quatre temps du plan.](images/plan.svg)

> [!WARNING]
> Attention au calendrier.

::: key-message
Un message **clé**.
:::

::: encadre
**Un titre d'encadré**

Le contenu.
:::

Voir [l'autre texte](autre.md#section) et [plus haut](#constats).
"""

OTHER = "## Une section {#section}\n\nTexte.\n"


def _render(tmp_path: Path, options: RenderOptions) -> RenderOutput:
    project = make_project(
        tmp_path,
        {"groups/g/texte.md": BODY, "groups/g/autre.md": OTHER},
        files={"groups/g/images/plan.svg": SVG},
    )
    return render_project(project, cache_dir=None, options=options)


def test_contract_markup(tmp_path: Path, options: RenderOptions) -> None:
    out = _render(tmp_path, options)
    rendered = out.contributions["groups/g/texte.md"]
    html = rendered.html
    assert out.findings == ()
    assert (
        '<a class="footnote-ref" href="#fn-1" id="fnref-1" role="doc-noteref"><sup>1</sup></a>'
        in html
    )
    assert 'href="#fn-2" id="fnref-2"' in html
    assert "La première" not in html  # footnotes are not in the body
    assert [f.number for f in rendered.footnotes] == [1, 2]
    assert rendered.footnotes[0].html == "<p>La première <em>note</em>.</p>"
    assert 'href="https://example.org/a"' in rendered.footnotes[1].html
    assert "<caption>Clauses examinées.</caption>" in html
    assert '<th class="align-right">Nombre</th>' in html
    assert "Table:" not in html
    assert (
        '<img src="cahiers-asset:groups/g/images/plan.svg" alt="Les quatre temps du plan.">' in html
    )
    assert "<figcaption>Les quatre temps du plan.</figcaption>" in html
    assert rendered.assets == ("groups/g/images/plan.svg",)
    assert '<div class="admonition warning alert-warning">' in html
    assert '<p class="admonition-title">Attention</p>' in html
    assert '<div class="key-message">' in html
    assert '<div class="encadre">\n<p class="encadre-title"><strong>Un titre d’encadré' in html
    assert 'href="cahiers:autre#section"' in html
    assert 'href="cahiers:texte#constats"' in html
    assert rendered.outline[0].id == "constats" and rendered.outline[0].level == 2
    assert rendered.title == "Titre\u00a0: texte"
    assert rendered.word_count > 20


def test_resolvers_turn_placeholders_into_urls(tmp_path: Path, options: RenderOptions) -> None:
    out = _render(tmp_path, options)
    html = out.contributions["groups/g/texte.md"].html
    site = resolve_internal_links(html, lambda slug, anchor: f"../{slug}/#{anchor}")
    assert 'href="../autre/#section"' in site and "cahiers:" not in site
    with_assets = resolve_assets(site, lambda path: "/assets/" + path.rsplit("/", 1)[-1])
    assert 'src="/assets/plan.svg"' in with_assets and "cahiers-asset:" not in with_assets


def test_english_alert_label_and_typography(tmp_path: Path, options: RenderOptions) -> None:
    project = make_project(
        tmp_path,
        {"groups/g/en.md": "> [!NOTE]\n> It's fine: 50 %!\n"},
        langs={"groups/g/en.md": "en"},
    )
    out = render_project(project, cache_dir=None, options=options)
    html = out.contributions["groups/g/en.md"].html
    assert '<p class="admonition-title">Note</p>' in html
    assert "<p>It’s fine: 50&nbsp;%!</p>" in html


def test_citations_with_the_paper_bibliography(tmp_path: Path, options: RenderOptions) -> None:
    bibliography = json.dumps(
        [
            {
                "id": "a-dupont",
                "type": "book",
                "title": "Le cloud",
                "author": [{"family": "Dupont", "given": "Marie"}],
                "issued": {"date-parts": [[2021]]},
            },
        ]
    )
    body = "Selon [@a-dupont, p. 12], c'est vrai. Mais [@b-inconnu] non.\n"
    project = make_project(tmp_path, {"groups/g/c.md": body}, bibliography=bibliography)
    out = render_project(project, cache_dir=None, options=options)
    html = out.contributions["groups/g/c.md"].html
    assert '<span class="citation">(Dupont 2021, 12)</span>' in html
    assert '<p class="csl-entry" id="ref-a-dupont">Dupont, Marie. 2021. <em>Le cloud</em>' in html
    assert '<p class="references-title">Références</p>' in html
    unknown = [f for f in out.findings if f.rule == "unknown-citation"]
    assert len(unknown) == 1 and "b-inconnu" in unknown[0].message
    assert unknown[0].location.line == 7
