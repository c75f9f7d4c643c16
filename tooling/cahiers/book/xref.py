"""Links between segments: the book is laid out in pieces, and a piece cannot link to an anchor
it does not contain. Such links are written `cahiers-xref:<anchor>` in the segment's HTML
(WeasyPrint keeps them as URI links) and turned back into in-document links by the join.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from cahiers.book.anchors import collect_ids

XREF_SCHEME = "cahiers-xref:"
# Our own templates and the rewriter write every in-document link as href="#…", double-quoted.
_LOCAL_HREF = re.compile(r'href="#([^"]*)"')


def localise_links(html: str) -> str:
    """Point links to anchors outside `html` at the cross-segment scheme."""
    ids = collect_ids(html)

    def replace(match: re.Match[str]) -> str:
        target = match[1]
        if unquote(target) in ids:
            return match[0]
        return f'href="{XREF_SCHEME}{target}"'

    return _LOCAL_HREF.sub(replace, html)
