"""Audit a built site: what readers' browsers will load and follow, checked before anyone does.

- no event-handler attribute (`on*=`) and no `javascript:` URL anywhere;
- no external asset: scripts, stylesheets, icons, images, media and frames come from the site
  itself (links to other sites are fine: a reader chooses to follow them);
- every internal link and anchor resolves to a built file and an element id.

Raw HTML is invisible to mkdocs' own link validation, so this is what guards our page parts and
the rendered bodies. It runs at the end of every site build and in the tests.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from cahiers.atomic import write_cache_entry

ASSET_ATTRIBUTES = {
    ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"),
    ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"),
    ("iframe", "src"), ("embed", "src"), ("object", "data"), ("track", "src"),
    ("input", "src"), ("image", "href"), ("use", "href"),
}  # fmt: skip
FETCHED_LINK_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch",
    "modulepreload", "manifest", "preconnect", "dns-prefetch", "mask-icon",
}  # fmt: skip
LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# The memo holds what this module's parser found: a change of the parser voids it.
MEMO_FORMAT = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@dataclass(frozen=True, slots=True)
class Problem:
    path: str  # site-relative file
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class _Page(HTMLParser):
    """One HTML file: its ids, the URLs it loads or links to, and its forbidden attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str, str]] = []  # tag, "asset" or "link", url
        self.problems: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event-handler attribute `{name}`")
            if name in LINK_ATTRIBUTES | {"srcset"} and value.strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}> is a `javascript:` URL")
            if name == "style":
                self.styles.append(value)
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        rels = set(values.get("rel", "").lower().split())
        for name, value in values.items():
            if name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((tag, "asset", candidate.split()[0]))
            elif (tag, name) in ASSET_ATTRIBUTES or (
                tag == "link" and name == "href" and rels & FETCHED_LINK_RELS
            ):
                self.urls.append((tag, "asset", value))
            elif name in LINK_ATTRIBUTES:
                self.urls.append((tag, "link", value))
        self._in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def audit_site(
    site_dir: Path, base_path: str = "/", memo: AuditMemo | None = None
) -> list[Problem]:
    """Every problem of the built site under `site_dir`, sorted. `base_path` is the path part of
    `site_url`, against which root-relative URLs (in 404.html) are resolved. With `memo`, a page
    whose bytes were parsed before is not parsed again (what it holds is a function of them)."""
    pages: dict[str, _Page] = {}
    problems: list[Problem] = []
    for path in sorted(site_dir.rglob("*.html")):
        relpath = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        page = memo.get(data) if memo is not None else None
        if page is None:
            page = _Page()
            page.feed(data.decode("utf-8"))
            page.close()
            if memo is not None:
                memo.put(data, page)
        pages[relpath] = page
        problems += [Problem(relpath, message) for message in page.problems]
    if memo is not None:
        memo.save()
    for path in sorted(site_dir.rglob("*.css")):
        relpath = path.relative_to(site_dir).as_posix()
        for url in _CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
            if _is_external(url):
                problems.append(Problem(relpath, f"stylesheet loads an external asset `{url}`"))
    for relpath, page in pages.items():
        for style in page.styles:
            for url in _CSS_URL.findall(style):
                if _is_external(url):
                    problems.append(Problem(relpath, f"inline style loads `{url}`"))
        for tag, kind, url in page.urls:
            message = _check_url(site_dir, pages, relpath, tag, kind, url, base_path)
            if message:
                problems.append(Problem(relpath, message))
    return sorted(set(problems), key=lambda p: (p.path, p.message))


class AuditMemo:
    """What each page held (ids, URLs, problems, styles), by the sha256 of its bytes, in one JSON
    file. Saved with this build's pages only, so it does not grow."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._used: dict[str, dict[str, Any]] = {}
        self._known: dict[str, Any] = {}
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            data = json.loads(path.read_bytes())
            if isinstance(data, dict) and data.get("format") == MEMO_FORMAT:
                self._known = dict(data["pages"])

    def get(self, data: bytes) -> _Page | None:
        key = hashlib.sha256(data).hexdigest()
        entry = self._known.get(key)
        if not isinstance(entry, dict):
            return None
        try:
            page = _Page()
            page.ids = {str(i) for i in entry["ids"]}
            page.urls = [(str(t), str(k), str(u)) for t, k, u in entry["urls"]]
            page.problems = [str(p) for p in entry["problems"]]
            page.styles = [str(s) for s in entry["styles"]]
        except (KeyError, TypeError, ValueError):
            return None  # absent or damaged: parsed again
        self._used[key] = entry
        return page

    def put(self, data: bytes, page: _Page) -> None:
        self._used[hashlib.sha256(data).hexdigest()] = {
            "ids": sorted(page.ids),
            "urls": [list(url) for url in page.urls],
            "problems": page.problems,
            "styles": page.styles,
        }

    def save(self) -> None:
        memo = {"format": MEMO_FORMAT, "pages": self._used}
        write_cache_entry(self.path, json.dumps(memo).encode("utf-8"))


def _is_external(url: str) -> bool:
    return url.startswith("//") or (
        bool(_SCHEME.match(url)) and not url.lower().startswith(("data:", "blob:"))
    )


def _check_url(
    site_dir: Path, pages: dict[str, _Page], relpath: str, tag: str, kind: str, url: str, base: str
) -> str | None:
    url = url.strip()
    if url.startswith("cahiers:"):
        return f"unresolved internal link `{url}`"
    if _is_external(url):
        if kind == "asset":
            return f"<{tag}> loads an external asset `{url}`"
        return None  # a link to another site
    if _SCHEME.match(url):  # data:, blob:, mailto:
        return None
    parts = urlsplit(url)
    if url.startswith("/"):
        if not parts.path.startswith(base):
            return f"<{tag}> points outside the site: `{url}`"
        target = posixpath.normpath("/" + unquote(parts.path[len(base) :])).lstrip("/")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(relpath), unquote(parts.path)))
        if target.startswith("../") or target == "..":
            return f"<{tag}> points outside the site: `{url}`"
        if target == ".":
            target = ""
    if not parts.path:
        target = relpath
    elif url.split("#")[0].split("?")[0].endswith("/") or target == "":
        target = posixpath.join(target, "index.html") if target else "index.html"
    file = site_dir / target
    if not file.is_file():
        return f"broken link `{url}`: no file {target}"
    if parts.fragment and target.endswith(".html"):
        anchors = pages[target].ids if target in pages else set()
        if unquote(parts.fragment) not in anchors:
            return f"broken anchor `{url}`: {target} has no id `{unquote(parts.fragment)}`"
    return None
