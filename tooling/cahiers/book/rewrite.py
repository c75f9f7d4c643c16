"""Rewrite one contribution's sanitised HTML so that it can live inside the one book document.

- ids are namespaced per contribution (`<slug>--<id>`), so two chapters never clash;
- `cahiers:<slug>#anchor` links become in-document links, and `#anchor` stays in its chapter;
- footnote references become the footnotes themselves, as inline elements that the print CSS
  floats to the foot of the page (`float: footnote`);
- images (`cahiers-asset:<repo path>`, as the render stage writes them) must be repository
  assets; every other way to make WeasyPrint fetch something is refused, and reported.

The input went through the render stage's allowlist already; this module is the book's own guard
(defence in depth), written with the standard library's tokenizer: it re-emits what it read,
escaped, and never passes raw markup through.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit

from cahiers.book.anchors import LinkTargets, namespaced

VOID = frozenset({"br", "hr", "img", "wbr", "col", "source", "area", "input", "meta", "link"})
# Block elements that cannot sit inside the paragraph that holds a footnote call; inside a
# footnote they become spans displayed as blocks by the CSS.
BLOCKS = frozenset(
    {
        "p",
        "div",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "caption",
    }
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
FORBIDDEN = frozenset(
    {
        "script",
        "style",
        "link",
        "base",
        "meta",
        "iframe",
        "object",
        "embed",
        "frame",
        "frameset",
        "svg",
        "math",
        "video",
        "audio",
        "source",
        "track",
        "picture",
        "form",
        "input",
        "template",
    }
)
URL_ATTRIBUTES = frozenset(
    {
        "src",
        "srcset",
        "href",
        "poster",
        "data",
        "background",
        "action",
        "formaction",
        "cite",
        "longdesc",
        "usemap",
        "xlink:href",
        "style",
    }
)
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
ASSET_SCHEME = "cahiers-asset:"
_ASCII_SPACES = re.compile(r"[ \t\r\n\f]+")


@dataclass(frozen=True, slots=True)
class Problem:
    """A reference the book refuses, e.g. an image outside the repository's assets."""

    reference: str
    reason: str


@dataclass(slots=True)
class Rewritten:
    html: str
    images: list[str] = field(default_factory=list)  # repo-relative asset paths
    problems: list[Problem] = field(default_factory=list)


AssetCheck = Callable[[str], str | None]  # repo-relative path -> reason it is refused, or None


def rewrite(
    html: str,
    *,
    slug: str,
    source_path: str,
    targets: LinkTargets,
    footnotes: Mapping[int, str],
    check_asset: AssetCheck,
    heading_shift: int = 0,
) -> Rewritten:
    """Rewrite the body of the contribution `slug`, written at `source_path` (repo-relative).

    `heading_shift` moves headings down (h2 becomes h3 with 1), so that a chapter's sections
    nest under its title in the tagged PDF without skipping a level.
    """
    writer = _Writer(slug, posixpath.dirname(source_path), targets, footnotes, check_asset)
    writer.heading_shift = heading_shift
    writer.feed(html)
    writer.close()
    return Rewritten("".join(writer.out), writer.images, writer.problems)


class _Writer(HTMLParser):
    def __init__(
        self,
        slug: str,
        folder: str,
        targets: LinkTargets,
        footnotes: Mapping[int, str],
        check_asset: AssetCheck,
        *,
        inline_blocks: bool = False,
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.slug = slug
        self.folder = folder
        self.targets = targets
        self.footnotes = footnotes
        self.check_asset = check_asset
        self.inline_blocks = inline_blocks
        self.out: list[str] = []
        self.images: list[str] = []
        self.problems: list[Problem] = []
        self.skip_depth = 0  # inside a footnote reference, whose content is replaced
        self.dropped: list[str] = []  # open forbidden elements: their content is dropped too
        self.open_links: list[bool] = []  # per <a>: was it kept?
        self.heading_shift = 0

    # -- tokens ---------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, dict(attrs), self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, dict(attrs), self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        if self.dropped:
            if tag == self.dropped[-1]:
                self.dropped.pop()
            return
        if self.skip_depth:
            if tag == "a":
                self.skip_depth -= 1
            return
        if tag in FORBIDDEN or tag in VOID:
            return
        if tag == "a":
            kept = self.open_links.pop() if self.open_links else False
            if kept:
                self.out.append("</a>")
            return
        self.out.append(f"</{self._tag(tag).split()[0]}>")

    def handle_data(self, data: str) -> None:
        if self.skip_depth or self.dropped:
            return
        if self.inline_blocks:
            # WeasyPrint keeps source line breaks inside footnotes as forced breaks; collapse
            # them (only ASCII white space: no-break spaces are typography, not layout).
            data = _ASCII_SPACES.sub(" ", data)
        self.out.append(escape(data, quote=False))

    # comments, doctypes and processing instructions are dropped

    # -- elements -------------------------------------------------------------------------
    def _start(self, tag: str, attrs: dict[str, str | None], *, self_closing: bool) -> None:
        if self.dropped:
            if tag == self.dropped[-1] and not self_closing:
                self.dropped.append(tag)
            return
        if self.skip_depth:
            if tag == "a" and not self_closing:
                self.skip_depth += 1
            return
        if tag in FORBIDDEN:
            self.problems.append(Problem(f"<{tag}>", f"the element <{tag}> is not allowed"))
            if tag not in VOID and not self_closing:
                self.dropped.append(tag)
            return
        if tag == "a" and "footnote-ref" in (attrs.get("class") or "").split():
            self._footnote(attrs)
            if not self_closing:
                self.skip_depth = 1
            return
        kept: dict[str, str] = {}
        for name, value in attrs.items():
            value = value or ""
            if name.startswith("on"):
                self.problems.append(Problem(name, "event handler attributes are not allowed"))
            elif name == "id":
                kept["id"] = namespaced(self.slug, value)
            elif name == "href" and tag == "a":
                href = self._link(value)
                if href is not None:
                    kept["href"] = href
            elif name == "src" and tag == "img":
                src = self._image(value)
                if src is not None:
                    kept["src"] = src
            elif name in URL_ATTRIBUTES:
                reason = f"the attribute `{name}` on <{tag}> is not allowed"
                self.problems.append(Problem(f'{name}="{value}"', reason))
            else:
                kept[name] = value
        if tag == "a":
            self.open_links.append("href" in kept)
            if "href" not in kept:
                return
        if tag == "img" and "src" not in kept:
            return
        rendered = "".join(f' {k}="{escape(v)}"' for k, v in kept.items())
        self.out.append(f"<{self._tag(tag)}{rendered}>")
        if tag == "a" and self_closing:
            self.out.append("</a>")
            self.open_links.pop()

    def _tag(self, tag: str) -> str:
        """The tag to write for `tag` (with a class attribute when it becomes a span)."""
        if self.inline_blocks and tag in BLOCKS:
            return f'span class="fn-{tag}"'
        if self.heading_shift and tag in HEADINGS:
            return f"h{min(6, int(tag[1]) + self.heading_shift)}"
        return tag

    def _footnote(self, attrs: dict[str, str | None]) -> None:
        href = attrs.get("href") or ""
        number_text = href.rsplit("-", 1)[-1] if href.startswith("#fn-") else ""
        if not number_text.isdigit() or int(number_text) not in self.footnotes:
            self.problems.append(Problem(href, "footnote reference without its footnote"))
            return
        number = int(number_text)
        inner = _Writer(
            self.slug, self.folder, self.targets, {}, self.check_asset, inline_blocks=True
        )
        inner.feed(self.footnotes[number])
        inner.close()
        self.images += inner.images
        self.problems += inner.problems
        body = "".join(inner.out)
        anchor = escape(namespaced(self.slug, f"fn-{number}"))
        self.out.append(f'<span class="footnote" id="{anchor}" data-n="{number}">{body}</span>')

    def _link(self, href: str) -> str | None:
        if href.startswith("#"):
            anchor = unquote(href[1:])
            resolved = self.targets.resolve(self.slug, anchor)
            return "#" + quote(resolved or namespaced(self.slug, anchor))
        if href.startswith("cahiers:"):
            target, _, anchor = href.removeprefix("cahiers:").partition("#")
            resolved = self.targets.resolve(unquote(target), unquote(anchor) or None)
            # A contribution that is not in this paper has no page to link to: keep the text.
            return "#" + quote(resolved) if resolved else None
        scheme = urlsplit(href).scheme.lower()
        if scheme in LINK_SCHEMES:
            return href
        if href.startswith(ASSET_SCHEME):
            return None  # a link to an image file: a printed page cannot open it; keep the text
        self.problems.append(Problem(href, "only http, https, mailto and in-book links are kept"))
        return None

    def _image(self, src: str) -> str | None:
        if src.startswith(ASSET_SCHEME):
            path = unquote(src.removeprefix(ASSET_SCHEME))
        else:
            parts = urlsplit(src)
            if parts.scheme or parts.netloc or src.startswith("/"):
                self.problems.append(
                    Problem(src, "images must be files of the repository (groups/<group>/images/)")
                )
                return None
            path = posixpath.normpath(posixpath.join(self.folder, unquote(parts.path)))
        reason = self.check_asset(path)
        if reason is not None:
            self.problems.append(Problem(src, reason))
            return None
        self.images.append(path)
        return quote(path)
