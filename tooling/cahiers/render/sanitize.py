"""The last gate: an nh3 (ammonia) allowlist over the HTML we wrote.

Our writer escapes all text and drops raw HTML, so this should remove nothing; it is here so
that a bug in the writer cannot become a hole. Only the tags, attributes, classes and URL
schemes that the writer produces are allowed: no script, style, iframe, object, embed, no event
attribute, no `style`, and URLs only http, https, mailto and our own `cahiers:` /
`cahiers-asset:` (written by links.py after resolution, never copied from a contribution).
"""

from __future__ import annotations

import nh3

TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "em",
    "strong",
    "del",
    "sup",
    "sub",
    "u",
    "span",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "img",
    "a",
    "div",
}
CLEAN_CONTENT_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "template",
    "noscript",
    "textarea",
    "select",
    "title",
    "frame",
    "frameset",
    "applet",
}
ATTRIBUTES = {
    "*": {"id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start", "type"},
    "th": {"rowspan", "colspan"},
    "td": {"rowspan", "colspan"},
}
TAG_ATTRIBUTE_VALUES = {"a": {"role": {"doc-noteref"}}}
ALIGN_CLASSES = {"align-left", "align-right", "align-center"}
CLASSES = {
    "a": {"footnote-ref"},
    "div": {
        "admonition",
        "note",
        "tip",
        "info",
        "warning",
        "danger",
        "alert-note",
        "alert-tip",
        "alert-important",
        "alert-warning",
        "alert-caution",
        "key-message",
        "encadre",
        "references",
    },
    "p": {"admonition-title", "encadre-title", "references-title", "csl-entry"},
    "span": {"smallcaps", "math", "inline", "display", "citation"},
    "th": ALIGN_CLASSES,
    "td": ALIGN_CLASSES,
}
URL_SCHEMES = {"http", "https", "mailto", "cahiers", "cahiers-asset"}

_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=CLEAN_CONTENT_TAGS,
    attributes=ATTRIBUTES,
    tag_attribute_values=TAG_ATTRIBUTE_VALUES,
    allowed_classes=CLASSES,
    url_schemes=URL_SCHEMES,
    strip_comments=True,
    link_rel=None,
)


def sanitize(html: str) -> str:
    return str(_CLEANER.clean(html))
