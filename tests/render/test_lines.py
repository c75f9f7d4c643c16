"""Findings and the reader-visible text point at the right line of the file (front matter
included: the body starts on line 7 in these projects)."""

from __future__ import annotations

from pathlib import Path

from cahiers.render import render_project
from cahiers.render.stage import RenderOptions
from render.render_support import make_project

BODY = """\
## Premier titre

Un paragraphe
sur deux lignes avec `du code : x`.

- un élément <b>gras</b>
- [un lien cassé](absent.md)

```
code ligne 1
code ligne 2
```

| A | B |
|---|---|
| cellule | ![image](images/absente.svg) |

Texte final[^1].

[^1]: La note,
    sur deux lignes.
"""


def test_lines_of_findings_outline_text_and_notes(tmp_path: Path, options: RenderOptions) -> None:
    project = make_project(tmp_path, {"groups/g/t.md": BODY})
    out = render_project(project, cache_dir=None, options=options)
    rendered = out.contributions["groups/g/t.md"]
    lines = (tmp_path / "groups/g/t.md").read_text().splitlines()

    found = {(f.rule, f.location.line, f.location.column) for f in out.findings}
    assert ("raw-html", 12, 14) in found and lines[11].startswith("- un élément <b>")
    assert ("broken-link", 13, 3) in found and "absent.md" in lines[12]
    assert ("broken-link", 22, 13) in found and "absente.svg" in lines[21]

    assert [(h.text, h.line) for h in rendered.outline] == [("Premier titre", 7)]
    text = {t.line: t.text for t in rendered.text}
    assert text[9] == "Un paragraphe"
    assert text[10] == "sur deux lignes avec du code : x."  # code untouched by typography
    assert text[12] == "un élément gras"
    assert text[16] == "code ligne 1" and text[17] == "code ligne 2"
    assert text[22] == "cellule"
    assert text[24] == "Texte final."
    assert text[26] == "La note," and text[27] == "sur deux lignes."
    assert [(f.number, f.line) for f in rendered.footnotes] == [(1, 26)]
    assert all(lines[t.line - 1].strip() for t in rendered.text)
    assert [(x.kind, x.line, x.column) for x in rendered.links] == [
        ("link", 13, 3),
        ("image", 22, 13),
    ]
