"""Staged Markdown pages: YAML front matter, then HTML blocks that Python-Markdown passes through.

Top-level headings become Markdown headings carrying their id (`## Titre {#id}`, attr_list), so
mkdocs builds the table of contents, the search sections and the anchor index from them; the HTML
between two headings becomes one raw `<div>` block, which Python-Markdown stashes untouched. The
HTML itself is the render stage's sanitised output or our own autoescaped templates: nothing in a
page is ever parsed as Markdown except a heading line whose text we escaped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import yaml

from cahiers.site.htmltools import markdown_safe_inline, split_headings
from cahiers.site.labels import LANGUAGE

# Ids that attr_list reads back exactly; any other heading stays raw HTML (out of the TOC).
_SAFE_ID = re.compile(r"^[^\W\d][\w.:-]*$")
_SAFE_LANG = re.compile(r"^[a-z]{2,3}$")


def page_markdown(meta: Mapping[str, object], *sections: str | tuple[str, str]) -> str:
    """The text of one staged page. `meta` must hold plain data (it is dumped without tags).
    A section is HTML, or (HTML, language) for a text in another language than the site's, which
    then says so on each of its blocks, for screen readers and hyphenation."""
    front = yaml.safe_dump(
        dict(meta), allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False
    )
    blocks: list[str] = []
    for section in sections:
        html, lang = (section, LANGUAGE) if isinstance(section, str) else section
        blocks += _blocks(html, lang)
    return "---\n" + front + "---\n\n" + "\n\n".join(blocks) + "\n"


def _blocks(body_html: str, lang: str) -> list[str]:
    other = lang != LANGUAGE and _SAFE_LANG.match(lang)
    lang_attr, heading_lang = (f' lang="{lang}"', f" lang={lang}") if other else ("", "")
    return [
        f"{'#' * chunk.heading_level} {markdown_safe_inline(chunk.heading_inner)} "
        f"{{#{chunk.heading_id}{heading_lang}}}"
        if chunk.heading_level and _SAFE_ID.match(chunk.heading_id)
        else f'<div class="cahiers-block"{lang_attr}>\n{chunk.html}\n</div>'
        for chunk in split_headings(body_html)
    ]
