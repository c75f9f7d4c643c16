"""The book as HTML: Jinja2 templates with autoescaping, and the print stylesheet.

Contributor text reaches the templates either as plain strings (escaped by Jinja) or as HTML that
went through the render stage's sanitiser and `cahiers.book.rewrite` (marked safe there).
Stylesheets are rendered by a second environment without HTML escaping: CSS is not HTML, and
every text inserted in it goes through `css_string`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import jinja2

from cahiers import __version__
from cahiers.book.anchors import chapter_anchor
from cahiers.book.content import BookContent
from cahiers.book.fonts import FontStacks
from cahiers.book.plan import Segment
from cahiers.book.profiles import Profile


@dataclass(frozen=True, slots=True)
class TocEntry:
    kind: str  # "section" | "part" | "chapter"
    anchor: str
    title: str
    label: str = ""
    byline: str = ""
    page: str = ""


@dataclass(frozen=True, slots=True)
class Sheet:
    """The decorations of one page of the book, drawn on a chrome page."""

    bare: bool  # no header, no folio (cover, title page, part page, blank page)
    part: str = ""
    chapter: str = ""


def css_string(text: object) -> str:
    """A CSS string literal: everything but letters, digits and spaces is hex-escaped."""
    escaped = "".join(
        c if (c.isalnum() and c.isascii()) or c == " " else f"\\{ord(c):06x}" for c in str(text)
    )
    return f'"{escaped}"'


@cache
def _environments() -> tuple[jinja2.Environment, jinja2.Environment]:
    loader = jinja2.PackageLoader("cahiers.book", "templates")
    html = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined, autoescape=True)
    # CSS is not HTML: escaping it as HTML would corrupt it; `css_string` guards inserted text.
    css = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined)  # noqa: S701
    css.filters["css_string"] = css_string
    return html, css


def _draft_line(content: BookContent) -> str:
    modified = content.stamp.modified
    date = content.labels.date(modified.year, modified.month, modified.day)
    commit = (content.stamp.commit or "—")[:10]
    return content.labels.draft_line.format(date=date, commit=commit)


def _dates(content: BookContent) -> dict[str, str]:
    labels = content.labels
    composed = content.stamp.modified
    return {
        "published": labels.date(content.date.year, content.date.month, content.date.day),
        "composed": labels.date(composed.year, composed.month, composed.day),
    }


def _w3c(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def metadata(content: BookContent) -> dict[str, object]:
    """Title, authors, subject, keywords and dates of the PDF (Info dictionary and XMP)."""
    authors: list[str] = []
    for chapter in content.chapters:
        for person in chapter.authors.named:
            if person.name not in authors:
                authors.append(person.name)
    title = content.title + (f" – {content.subtitle}" if content.subtitle else "")
    return {
        "title": title,
        "authors": authors,
        "subject": content.subtitle
        or f"{content.title}, {content.labels.edition.lower()} {content.edition}",
        "keywords": list(content.keywords),
        "generator": f"Cahiers {__version__}",
        "created": _w3c(content.stamp.created),
        "modified": _w3c(content.stamp.modified),
    }


def stylesheet(
    content: BookContent, profile: Profile, fonts: FontStacks, *, segmented: bool
) -> str:
    _, css = _environments()
    return css.get_template("book.css.j2").render(
        g=profile.geometry,
        profile=profile,
        fonts=fonts,
        labels=content.labels,
        book=content,
        segmented=segmented,
    )


def toc_entries(content: BookContent, pages: Mapping[str, int] | None) -> list[TocEntry]:
    """The table of contents; `pages` maps anchors to page numbers (None: placeholders)."""
    labels = content.labels

    def page(anchor: str) -> str:
        return str(pages[anchor]) if pages is not None else "000"

    entries: list[TocEntry] = []
    if content.key_messages:
        entries.append(
            TocEntry("section", "key-messages", labels.key_messages, page=page("key-messages"))
        )
    for part in content.parts:
        entries.append(
            TocEntry(
                "part",
                part.anchor,
                part.title,
                label=f"{labels.part} {_roman(part.number)}",
                page=page(part.anchor),
            )
        )
        for chapter in part.chapters:
            anchor = chapter_anchor(chapter.slug)
            entries.append(
                TocEntry(
                    "chapter",
                    anchor,
                    chapter.title,
                    byline=_byline(chapter.authors.named),
                    page=page(anchor),
                )
            )
    for anchor, title in (
        ("contributors", labels.contributors),
        ("transparency", labels.transparency),
        ("colophon", labels.colophon),
    ):
        entries.append(TocEntry("section", anchor, title, page=page(anchor)))
    return entries


def _byline(named: Sequence[object]) -> str:
    return ", ".join(getattr(person, "name", "") for person in named)


def _roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


def document(
    content: BookContent,
    profile: Profile,
    fonts: FontStacks,
    segments: Sequence[Segment],
    *,
    css: str,
    segmented: bool,
    toc_pages: Mapping[str, int] | None = None,
) -> str:
    """One HTML document: the whole book (`segmented=False`), or some of its segments."""
    html, _ = _environments()
    return html.get_template("book.html.j2").render(
        book=content,
        labels=content.labels,
        profile=profile,
        segments=segments,
        segmented=segmented,
        css=css,
        meta=metadata(content),
        dates=_dates(content),
        toc=toc_entries(content, toc_pages if segmented else None),
        watermark=content.draft and not segmented,
        draft_line=_draft_line(content),
        typeset=content.labels.typeset_with.format(
            fonts=f" {content.labels.and_} ".join(fonts.names),
            cahiers=__version__,
            weasyprint=fonts.weasyprint_version,
        ),
    )


def chrome(
    content: BookContent,
    profile: Profile,
    fonts: FontStacks,
    sheets: Sequence[Sheet],
    first_page: int = 1,
) -> str:
    """Chrome pages for `sheets`, the first of them being page `first_page` of the book."""
    html, css = _environments()
    style = css.get_template("chrome.css.j2").render(
        g=profile.geometry,
        profile=profile,
        fonts=fonts,
        labels=content.labels,
        first_page=first_page,
    )
    return html.get_template("chrome.html.j2").render(
        lang=content.lang,
        css=style,
        sheets=sheets,
        watermark=content.draft,
        draft_line=_draft_line(content),
        labels=content.labels,
    )
