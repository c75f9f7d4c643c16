"""What the render stage hands to the site, the book and the review rules.

Contract (other stages rely on it):
- `html` is sanitised (nh3 allowlist) HTML of the body, French typography applied, without the
  footnotes section. Each footnote reference is
  `<a class="footnote-ref" href="#fn-N" id="fnref-N" role="doc-noteref"><sup>N</sup></a>`
  where N is the footnote's `number`.
- A link to another contribution (or to a heading of this one) is written
  `href="cahiers:<slug>#<anchor>"` (`#<anchor>` omitted when absent). The site and the book turn it
  into a real URL with `resolve_internal_links`.
- Heading ids are the contribution's own (not namespaced); the book namespaces them.
- An image is written `<img src="cahiers-asset:<repo-relative path>" alt="…">` (a link to an
  image file likewise uses `href="cahiers-asset:…"`); `resolve_assets` turns it into a URL.
  A figure is `<figure><img …>\n<figcaption>…</figcaption>\n</figure>`; a table caption is
  `<caption>` inside `<table>`; cells carry `class="align-left|right|center"`.
- A GitHub alert is `<div class="admonition <type> alert-<kind>"><p class="admonition-title">…`
  (the classes of Material for MkDocs: note, tip, info, warning, danger); the boxes are
  `<div class="key-message">` and `<div class="encadre">` (its first bold line is
  `<p class="encadre-title">`); citations are `<span class="citation">`, and the bibliography
  of a contribution that cites ends its `html` as `<div class="references">`.
- Nothing in `html` comes from the author unescaped: no raw HTML, no style, no script.
- The same type holds the Markdown snippets that are not contributions (a group's charter, a
  paper's preamble and key messages): `path` is then the file they come from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cahiers.findings import Finding


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 2..6 (the contribution title is level 1, from the front matter)
    id: str
    text: str  # plain text, typography applied
    line: int  # 1-based line in the source file


@dataclass(frozen=True, slots=True)
class Footnote:
    number: int
    html: str  # sanitised inner HTML of the note (no back-reference link)
    line: int


@dataclass(frozen=True, slots=True)
class TextLine:
    """Reader-visible text of one source line (Markdown rendered, entities decoded)."""

    line: int  # 1-based line in the source file
    text: str


@dataclass(frozen=True, slots=True)
class LinkRef:
    """A link or image target as written by the author, with where it was written."""

    target: str  # as written, e.g. "../cloud/x.md#a", "https://example.org/?utm_source=x"
    line: int
    column: int
    kind: str  # "link" | "image"
    text: str = ""  # link text or image alt text


@dataclass(frozen=True, slots=True)
class RenderedContribution:
    path: str  # repo-relative source path
    html: str
    outline: tuple[Heading, ...]
    footnotes: tuple[Footnote, ...]
    text: tuple[TextLine, ...]
    links: tuple[LinkRef, ...]  # links and images, in document order
    assets: tuple[str, ...]  # repo-relative paths of the images it uses
    word_count: int
    anchors: tuple[str, ...] = ()  # every id a link may target (headings, boxes, figures...)
    lang: str = "fr"
    title: str = ""  # the front-matter title, typography applied (plain text, not HTML)
    rendered: bool = True  # False when pandoc failed on it (a finding says why); html is ""


@dataclass(frozen=True, slots=True)
class RenderOutput:
    """Everything the render stage produced for a project."""

    contributions: Mapping[str, RenderedContribution]  # by repo-relative path
    charters: Mapping[str, RenderedContribution] = field(default_factory=dict)  # by group slug
    preambles: Mapping[str, RenderedContribution] = field(default_factory=dict)  # by paper slug
    # by paper slug, in the order of paper.yml
    key_messages: Mapping[str, tuple[RenderedContribution, ...]] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    cache_hits: int = 0
    pandoc_processes: int = 0  # processes started by this render (0 when all came from cache)

    def by_slug(self, slug: str) -> RenderedContribution | None:
        for path, rendered in self.contributions.items():
            if path.rsplit("/", 1)[-1].removesuffix(".md") == slug:
                return rendered
        return None
