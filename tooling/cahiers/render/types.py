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
"""

from __future__ import annotations

from dataclasses import dataclass


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
