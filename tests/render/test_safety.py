"""Hostile contributions: every XSS or resource-fetching payload is neutralised or reported."""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from cahiers.render import render_project
from cahiers.render.stage import RenderOptions
from cahiers.render.types import RenderOutput
from render.render_support import make_project

# name → (Markdown, rule that must be reported, or None when neutralising is enough)
PAYLOADS: dict[str, tuple[str, str | None]] = {
    "script": ("<script>alert(1)</script>\n", "raw-html"),
    "inline-script": ("Texte <script>alert(1)</script> fin.\n", "raw-html"),
    "onerror": ('<img src="x" onerror="alert(1)">\n', "raw-html"),
    "javascript-link": ("[clic](javascript:alert(1))\n", "unsafe-link"),
    "javascript-obfuscated": ("[clic](JaVaScRiPt:alert(1))\n", "unsafe-link"),
    "javascript-autolink": ("<javascript:alert(1)>\n", "unsafe-link"),
    "data-link": (
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n",
        "unsafe-link",
    ),
    "data-image": ("![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)\n", "unsafe-link"),
    "iframe": ('<iframe src="https://example.org"></iframe>\n', "raw-html"),
    "object": ('<object data="x.swf"></object>\n', "raw-html"),
    "embed": ('<embed src="x.swf">\n', "raw-html"),
    "style": ("<style>body{display:none}</style>\n", "raw-html"),
    "style-attribute": ('## Titre {style="color:red" onclick="alert(1)"}\n', None),
    "svg-script": ("<svg><script>alert(1)</script></svg>\n", "raw-html"),
    "raw-html-attribute": ("`<b>`{=html}\n", None),
    "file-image": ("![x](file:///etc/passwd)\n", "unsafe-link"),
    "absolute-image": ("![x](/etc/hostname)\n", "image-outside-repo"),
    "traversal-image": ("![x](../../../../etc/passwd)\n", "image-outside-repo"),
    "http-image": ("![x](http://example.org/pixel.png)\n", "image-remote"),
    "https-image": ("![x](https://example.org/pixel.png)\n", "image-remote"),
    "protocol-relative-image": ("![x](//example.org/pixel.png)\n", "image-remote"),
    "file-link": ("[x](file:///etc/passwd)\n", "unsafe-link"),
    "traversal-link": ("[x](../../../../etc/passwd)\n", "link-outside-repo"),
    "entity-javascript": ("[x](&#106;avascript:alert(1))\n", "unsafe-link"),
    "attribute-breakout": ('[x](https://example.org/"onmouseover="alert(1))\n', None),
    "title-breakout": ('[x](https://example.org "a\\" onmouseover=\\"alert(1)")\n', None),
    "alt-breakout": ('![a" onerror="alert(1)](images/none.svg)\n', "broken-link"),
    "html-comment-breakout": ("<!-- x --><script>alert(1)</script>\n", "raw-html"),
    "span-attributes": ('[x]{onclick="alert(1)" style="x"}\n', None),
    "div-attributes": ('::: {.key-message onclick="alert(1)"}\nx\n:::\n', None),
}

FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "frame",
    "template",
}
SAFE_URL = re.compile(r"(https?://example\.org(/(?!pixel)|$)|#fn-|cahiers:|cahiers-asset:groups/)")


class TagAudit(HTMLParser):
    """Collects what a browser would act on: tags, attributes and URLs (not escaped text)."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"tag {tag}")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"attribute {name}")
            if name in ("href", "src") and not SAFE_URL.match(value or ""):
                self.problems.append(f"{name}={value}")


def audit(html: str) -> list[str]:
    parser = TagAudit()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, pandoc: str) -> RenderOutput:
    root = tmp_path_factory.mktemp("xss")
    project = make_project(root, {f"groups/g/{name}.md": md for name, (md, _) in PAYLOADS.items()})
    return render_project(project, cache_dir=None, options=RenderOptions(pandoc=pandoc))


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_payload_is_neutralised_or_reported(name: str, corpus: RenderOutput) -> None:
    rendered = corpus.contributions[f"groups/g/{name}.md"]
    everything = rendered.html + "".join(f.html for f in rendered.footnotes)
    assert audit(everything) == [], everything
    rule = PAYLOADS[name][1]
    rules = {f.rule for f in corpus.findings if f.path == rendered.path}
    if rule is not None:
        assert rule in rules, (rules, everything)


def test_reader_sandbox_blocks_file_access(pandoc: str, tmp_path: Path) -> None:
    """pandoc.read in batch.lua runs with an empty read environment: even a reader that
    includes files (LaTeX \\input) cannot read one."""
    secret = tmp_path / "secret.tex"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    request = {
        "mode": "parse",
        "reader": "latex",
        "docs": [{"text": f"\\input{{{secret}}}\n\nafter"}],
    }
    script = resources.files("cahiers.render").joinpath("batch.lua")
    with resources.as_file(script) as path:
        result = subprocess.run(
            [pandoc, "lua", str(path)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    answer = json.loads(result.stdout.splitlines()[0])
    assert "after" in json.dumps(answer["doc"])
    assert "TOP-SECRET" not in result.stdout
    assert any(m.get("type") == "CouldNotLoadIncludeFile" for m in answer["messages"])
