"""Links between contributions, anchors, images: resolved, or reported with file:line."""

from __future__ import annotations

from pathlib import Path

from cahiers.render import render_markdown, render_project
from cahiers.render.stage import RenderOptions
from render.render_support import make_project

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>'


def test_link_resolution_and_findings(tmp_path: Path, options: RenderOptions) -> None:
    body = (
        "[autre groupe](../h/cible.md#section) [même groupe](voisin.md)\n"  # line 7
        "[ancre inconnue](../h/cible.md#nulle-part) [ici](#nulle-part)\n"  # line 8
        "[pas une contribution](../../README.md) [absent](../h/absent.md)\n"  # line 9
        "[image](images/ok.svg) ![ok](images/ok.svg) ![absente](images/non.svg)\n"  # line 10
        "![texte](notes.txt) [web](https://example.org/?a=1) [courriel](mailto:x@example.org)\n"
    )
    project = make_project(
        tmp_path,
        {
            "groups/g/source.md": body,
            "groups/g/voisin.md": "Texte.\n",
            "groups/h/cible.md": "## Section {#section}\n",
        },
        files={
            "groups/g/images/ok.svg": SVG,
            "README.md": "# Lisez-moi\n",
            "groups/g/notes.txt": "x",
        },
    )
    out = render_project(project, cache_dir=None, options=options)
    html = out.contributions["groups/g/source.md"].html
    assert 'href="cahiers:cible#section"' in html
    assert 'href="cahiers:voisin"' in html
    assert 'href="cahiers:cible">ancre inconnue' in html  # still leads to the contribution
    assert "<a>ici</a>" in html and "<a>pas une contribution</a>" in html
    assert 'href="cahiers-asset:groups/g/images/ok.svg"' in html
    assert 'href="https://example.org/?a=1"' in html and 'href="mailto:x@example.org"' in html
    assert html.count("<img") == 1
    found = sorted((f.rule, f.location.line, f.location.column) for f in out.findings)
    assert found == [
        ("broken-link", 9, 41),
        ("broken-link", 10, 45),
        ("image-unsupported", 11, 1),
        ("link-not-contribution", 9, 1),
        ("unknown-anchor", 8, 1),
        ("unknown-anchor", 8, 44),
    ]
    assert out.contributions["groups/g/source.md"].assets == ("groups/g/images/ok.svg",)


def test_snippet_links_resolve_from_their_own_file(tmp_path: Path, options: RenderOptions) -> None:
    project = make_project(tmp_path, {"groups/g/cible.md": "## Fin {#fin}\n"})
    rendered, findings = render_markdown(
        "Le groupe publie [un texte](cible.md#fin) : lisez-le.\n",
        "groups/g/group.yml",
        30,
        project=project,
        options=options,
    )
    assert rendered.html == (
        '<p>Le groupe publie <a href="cahiers:cible#fin">un texte</a>&nbsp;: lisez-le.</p>\n'
    )
    assert findings == ()
    _, broken = render_markdown(
        "Voir [x](absent.md).\n", "groups/g/group.yml", 30, project=project, options=options
    )
    assert [(f.rule, f.location.line) for f in broken] == [("broken-link", 30)]
