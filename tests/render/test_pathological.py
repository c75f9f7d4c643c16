"""Pathological inputs end in a clear finding, within the timeout, never a hang."""

from __future__ import annotations

from pathlib import Path

from cahiers.render import render_project
from cahiers.render.stage import RenderOptions
from cahiers.render.types import RenderOutput
from render.render_support import make_project


def _rules(out: RenderOutput, path: str) -> set[str]:
    return {f.rule for f in out.findings if f.path == path}


def test_nested_brackets_parse_in_linear_time(tmp_path: Path, options: RenderOptions) -> None:
    body = "[" * 2000 + "x" + "]" * 2000 + "\n\n" + "[" * 2000 + "x" + "]" * 2000 + "(u)\n"
    project = make_project(tmp_path, {"groups/g/brackets.md": body})
    out = render_project(project, cache_dir=None, options=options)
    rendered = out.contributions["groups/g/brackets.md"]
    # commonmark_x reads them as text (the markdown reader would take hours): the brackets
    # are all there and nothing is reported but the link to a missing file `u`.
    assert rendered.rendered and rendered.html.count("[") == 4000 - 1
    assert _rules(out, "groups/g/brackets.md") <= {"broken-link"}


def test_deep_nesting_is_a_finding(tmp_path: Path, options: RenderOptions) -> None:
    project = make_project(
        tmp_path,
        {
            "groups/g/quotes.md": "> " * 2000 + "x\n",
            "groups/g/emphasis.md": "*" * 3000 + "x" + "*" * 3000 + "\n",
            "groups/g/lists.md": "".join("  " * i + "- a\n" for i in range(400)),
            "groups/g/fine.md": "Un texte normal.\n",
        },
    )
    out = render_project(project, cache_dir=None, options=options)
    for name in ("quotes", "emphasis", "lists"):
        path = f"groups/g/{name}.md"
        assert "render-too-deep" in _rules(out, path), name
        assert out.contributions[path].html == ""
    assert out.contributions["groups/g/fine.md"].html == "<p>Un texte normal.</p>\n"


def test_file_over_the_cap_is_not_parsed(tmp_path: Path, options: RenderOptions) -> None:
    project = make_project(tmp_path, {"groups/g/huge.md": "mot " * 400_000})
    out = render_project(project, cache_dir=None, options=options)
    assert _rules(out, "groups/g/huge.md") == {"render-too-large"}
    assert out.pandoc_processes == 0
    assert not out.contributions["groups/g/huge.md"].rendered


def test_timeout_is_a_finding_and_spares_the_others(tmp_path: Path, pandoc: str) -> None:
    big = "Un *texte* assez long, avec [des liens](https://example.org). " * 50_000
    project = make_project(tmp_path, {"groups/g/slow.md": big, "groups/g/quick.md": "Court.\n"})
    # 3 MB take several seconds to parse; the cap is raised so that pandoc gets them, and the
    # batch budget is cut so that the test waits for two short timeouts only.
    options = RenderOptions(
        pandoc=pandoc, timeout=0.5, jobs=1, max_bytes=10_000_000, seconds_per_mb=0.0
    )
    out = render_project(project, cache_dir=None, options=options)
    assert _rules(out, "groups/g/slow.md") == {"render-timeout"}
    # the batch was split: the short file was still rendered, on its own if need be
    assert out.contributions["groups/g/quick.md"].html == "<p>Court.</p>\n"
