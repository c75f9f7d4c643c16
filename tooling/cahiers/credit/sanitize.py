"""Cleaning of untrusted strings from git history (author names, e-mails, trailers, paths).

Anyone can commit under any name. Before a name reaches a credits page it loses its control and
bidi characters (a right-to-left override could make a name read backwards, a newline could forge
a line of output) and is capped to a sane length. Escaping for HTML, Markdown or YAML is the job of
each output format; this module only makes the value itself harmless and printable.
"""

from __future__ import annotations

import unicodedata

NAME_LIMIT = 100
EMAIL_LIMIT = 254  # the longest address RFC 5321 allows
ELLIPSIS = "…"

# Unicode categories that never belong in a displayed name: controls (Cc), format characters
# (Cf: bidi overrides and isolates, zero-width joiners, BOM), surrogates, private use, unassigned,
# and line/paragraph separators.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES


def _cap(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS


def clean_name(raw: str, limit: int = NAME_LIMIT) -> str:
    """A display-safe name: NFC, invisible characters removed, whitespace collapsed, capped."""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(" " if char.isspace() else char for char in text if not _is_invisible(char))
    text = " ".join(text.split())
    return _cap(text, limit) or "(sans nom)"


def clean_email(raw: str) -> str:
    """An e-mail as an identity key: invisible characters and spaces removed, angle brackets too."""
    text = "".join(
        char for char in raw if not _is_invisible(char) and not char.isspace() and char not in "<>"
    )
    return _cap(text, EMAIL_LIMIT)


def escape_for_display(raw: str) -> str:
    """Make a path or name printable on one line without losing information.

    Invisible characters become `\\uXXXX` escapes (rather than vanishing) so that two hostile file
    names that differ only by an invisible character stay distinguishable.
    """
    out: list[str] = []
    for char in raw:
        if char == "\\":
            out.append("\\\\")
        elif _is_invisible(char) or (char.isspace() and char != " "):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)
