"""Render: each contribution is parsed once by pandoc; the site and the book reuse the result.

Entry points (the pipeline imports this package lazily):
- `render_project(project, cache_dir=…)` → `RenderOutput` (contributions, snippets, findings);
- `render_markdown(text, path, first_line)` for a lone Markdown snippet;
- `resolve_internal_links` / `resolve_assets` for the site and the book;
- `typeset(text, lang)` for plain strings printed next to rendered text (titles).
"""

from cahiers.render.cache import default_cache_dir
from cahiers.render.links import resolve_assets, resolve_internal_links
from cahiers.render.stage import RenderOptions, render_markdown, render_project
from cahiers.render.typography import typeset

__all__ = [
    "RenderOptions",
    "default_cache_dir",
    "render_markdown",
    "render_project",
    "resolve_assets",
    "resolve_internal_links",
    "typeset",
]
