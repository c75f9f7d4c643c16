"""Place a parsed document in the project: resolve its links and images, report the broken ones.

Author's targets, and what they become in the HTML:
- `other.md#anchor`, `../group/other.md` (a contribution) → `cahiers:<slug>#anchor`;
- `#anchor` (this contribution) → `cahiers:<own slug>#anchor`;
- `images/x.svg` (a file of the repository) → `cahiers-asset:groups/<group>/images/x.svg`;
- `https://…`, `http://…`, `mailto:…` → unchanged;
- anything else (javascript:, data:, file:, an absolute path, a path out of the repository, a
  missing file) → no target at all, and a finding.
The site and the book turn `cahiers:` and `cahiers-asset:` into real URLs with the two
`resolve_*` functions below.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from cahiers.render.problems import Problem
from cahiers.render.writer import LinkData

IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
WEB_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_LINK = re.compile(r' href="cahiers-link:(\d+)"')
_IMAGE = re.compile(r'<img src="cahiers-image:(\d+)"[^>]*>')
_INTERNAL = re.compile(r'href="cahiers:([^"#]*)(?:#([^"]*))?"')
_ASSET = re.compile(r'(src|href)="cahiers-asset:([^"]*)"')


@dataclass(frozen=True, slots=True)
class ProjectIndex:
    """What link resolution needs to know of the project."""

    root: Path | None
    slugs_by_path: Mapping[str, str] = field(default_factory=dict)
    anchors_by_slug: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    assets: frozenset[str] = frozenset()

    def file_exists(self, path: str) -> bool:
        if path in self.assets or path in self.slugs_by_path:
            return True
        if self.root is None:
            return False
        candidate = self.root / path
        return candidate.is_file() and not candidate.is_symlink()


@dataclass(frozen=True, slots=True)
class Resolved:
    url: str | None
    problem: Problem | None = None
    asset: str | None = None


def resolve(
    link: LinkData, source_path: str, own_slug: str | None, index: ProjectIndex
) -> Resolved:
    target = re.sub(r"[\x00-\x20\x7f]", "", link.target)
    if link.kind == "image":
        return _resolve_image(link, target, source_path, index)
    if not target:
        return Resolved(None)
    scheme = _SCHEME.match(target)
    if scheme or target.startswith("//"):
        name = scheme.group(1).lower() if scheme else ""
        if name in WEB_SCHEMES:
            return Resolved(link.target.strip())
        return Resolved(
            None,
            _problem(
                link,
                "unsafe-link",
                f"link `{_short(target)}` removed: only http, https and mailto links are allowed",
                "link to a web page (https://…) or to a contribution (other.md)",
            ),
        )
    path, _, fragment = target.partition("#")
    fragment = unquote(fragment)
    if not path:
        return _to_contribution(link, own_slug, fragment, index, own=True)
    repo_path = _repo_path(unquote(path), source_path)
    if repo_path is None:
        return Resolved(
            None,
            _problem(
                link,
                "link-outside-repo",
                f"link `{_short(target)}` leaves the repository",
                "link to a contribution with a relative path such as ../group/slug.md",
            ),
        )
    slug = index.slugs_by_path.get(repo_path)
    if slug is not None:
        return _to_contribution(link, slug, fragment, index, own=False)
    if not index.file_exists(repo_path):
        return Resolved(
            None,
            _problem(
                link,
                "broken-link",
                f"link target `{repo_path}` does not exist",
                "check the path: it is relative to this file",
            ),
        )
    if repo_path in index.assets:
        return Resolved(f"cahiers-asset:{repo_path}", asset=repo_path)
    return Resolved(
        None,
        _problem(
            link,
            "link-not-contribution",
            f"`{repo_path}` is not a contribution: readers of the site and the PDF "
            "cannot follow this link",
            "link to a contribution (groups/<group>/<slug>.md)",
        ),
    )


def _to_contribution(
    link: LinkData, slug: str | None, fragment: str, index: ProjectIndex, *, own: bool
) -> Resolved:
    if slug is None:
        return Resolved(
            None,
            _problem(
                link,
                "unknown-anchor",
                f"`#{fragment}` cannot be resolved here",
                "link to a contribution",
            ),
        )
    url = f"cahiers:{slug}" + (f"#{fragment}" if fragment else "")
    anchors = index.anchors_by_slug.get(slug)
    if fragment and anchors is not None and fragment not in anchors:
        where = "this contribution" if own else f"contribution `{slug}`"
        return Resolved(
            f"cahiers:{slug}" if not own else None,
            _problem(
                link,
                "unknown-anchor",
                f"`#{fragment}` is not a heading id of {where}",
                "give the heading an explicit id, e.g. `## Les constats {#constats}`",
            ),
        )
    return Resolved(url)


def _resolve_image(link: LinkData, target: str, source_path: str, index: ProjectIndex) -> Resolved:
    scheme = _SCHEME.match(target)
    if (scheme and scheme.group(1).lower() in ("http", "https")) or target.startswith("//"):
        return Resolved(
            None,
            _problem(
                link,
                "image-remote",
                f"remote image `{_short(target)}` removed: nothing is fetched from other servers",
                "copy the image into the group's images/ folder",
            ),
        )
    if scheme:
        return Resolved(
            None,
            _problem(
                link,
                "unsafe-link",
                f"image `{_short(target)}` removed: images are files of the repository",
                "put the image in the group's images/ folder and link images/name.svg",
            ),
        )
    path = unquote(target.partition("#")[0].partition("?")[0])
    repo_path = _repo_path(path, source_path)
    if repo_path is None:
        return Resolved(
            None,
            _problem(
                link,
                "image-outside-repo",
                f"image `{_short(target)}` is outside the repository",
                "use a path relative to this file, such as images/name.svg",
            ),
        )
    if not repo_path.lower().endswith(IMAGE_SUFFIXES):
        return Resolved(
            None,
            _problem(
                link,
                "image-unsupported",
                f"`{repo_path}` is not an image the site and the PDF accept",
                "use .svg, .png, .jpg, .jpeg or .webp",
            ),
        )
    if not index.file_exists(repo_path):
        return Resolved(
            None,
            _problem(
                link,
                "broken-link",
                f"image `{repo_path}` does not exist",
                "check the path: it is relative to this file",
            ),
        )
    return Resolved(f"cahiers-asset:{repo_path}", asset=repo_path)


def _repo_path(path: str, source_path: str) -> str | None:
    """The repository path of `path` written in `source_path`, or None if it leaves the repo."""
    if not path or path.startswith(("/", "\\")) or "\\" in path or "\x00" in path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(source_path), path))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return None
    return joined


def _problem(link: LinkData, rule: str, message: str, hint: str) -> Problem:
    return Problem(rule, "error", link.line, link.column, message, hint)


def _short(target: str) -> str:
    return target if len(target) <= 60 else target[:57] + "…"


def substitute(fragment: str, urls: list[str | None]) -> str:
    """Replace the writer's placeholders by resolved URLs (or drop them)."""

    def link(match: re.Match[str]) -> str:
        url = urls[int(match.group(1))]
        return f' href="{html.escape(url, quote=True)}"' if url else ""

    def image(match: re.Match[str]) -> str:
        url = urls[int(match.group(1))]
        if not url:
            return ""
        return match.group(0).replace(
            f'src="cahiers-image:{match.group(1)}"', f'src="{html.escape(url, quote=True)}"'
        )

    return _IMAGE.sub(image, _LINK.sub(link, fragment))


def resolve_internal_links(html_text: str, resolve: Callable[[str, str], str]) -> str:
    """Turn `href="cahiers:<slug>#<anchor>"` into real URLs: `resolve(slug, anchor)`.

    `anchor` is "" when the link points at the contribution itself.
    """

    def replace(match: re.Match[str]) -> str:
        slug = html.unescape(match.group(1))
        anchor = html.unescape(match.group(2) or "")
        return f'href="{html.escape(resolve(slug, anchor), quote=True)}"'

    return _INTERNAL.sub(replace, html_text)


def resolve_assets(html_text: str, resolve: Callable[[str], str]) -> str:
    """Turn `cahiers-asset:<repo path>` (images, and links to them) into real URLs."""

    def replace(match: re.Match[str]) -> str:
        url = resolve(html.unescape(match.group(2)))
        return f'{match.group(1)}="{html.escape(url, quote=True)}"'

    return _ASSET.sub(replace, html_text)
