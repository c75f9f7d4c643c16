"""The per-document steps that need no pandoc: pandoc's warnings and duplicate ids."""

from __future__ import annotations

from pathlib import Path

from cahiers.render import render_project
from cahiers.render.document import ParsedDocument, Prepared, finish, prepare
from cahiers.render.pandoc import DocResult
from cahiers.render.stage import RenderOptions
from cahiers.render.types import RenderOutput
from render.render_support import make_project


def test_pandoc_warnings_become_findings() -> None:
    message = {"type": "SomeWarning", "pretty": "Something odd", "line": 3, "column": 2}
    prepared = prepare(DocResult({"blocks": []}, (message,)), "", "fr")
    assert isinstance(prepared, Prepared)
    document = finish(prepared, None)
    assert isinstance(document, ParsedDocument)
    [problem] = document.problems
    assert (problem.rule, problem.severity, problem.line, problem.column) == (
        "render-failed",
        "warning",
        3,
        2,
    )
    assert "Something odd" in problem.message


def test_duplicate_heading_ids(tmp_path: Path, options: RenderOptions) -> None:
    body = "## Un {#x}\n\n## Deux {#x}\n"
    out: RenderOutput = render_project(
        make_project(tmp_path, {"groups/g/d.md": body}), cache_dir=None, options=options
    )
    assert [(f.rule, f.location.line) for f in out.findings] == [("duplicate-anchor", 9)]
