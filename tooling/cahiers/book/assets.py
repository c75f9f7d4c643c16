"""Which files the book may read: the repository's content assets, nothing else.

The same policy serves two guards: the HTML rewriter (before WeasyPrint, with the contribution's
location) and the URL fetcher (inside WeasyPrint, the last line of defence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

IMAGE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}
MAX_ASSET_BYTES = 5 * 1024 * 1024

# Anything in an SVG that could make a renderer fetch another resource. Fragment references
# (`href="#id"`, `url(#id)`) stay inside the image and are fine.
_SVG_REFERENCE = re.compile(
    r"""(?:href\s*=\s*["']\s*(?P<href>[^"'#][^"']*)["'])"""
    r"""|(?:url\(\s*["']?\s*(?P<url>[^"')#\s][^"')]*)["']?\s*\))"""
    r"""|(?P<import>@import)|(?P<entity><!ENTITY)|(?P<pi><\?xml-stylesheet)""",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class AssetPolicy:
    root: Path  # resolved repository root

    def refusal(self, relpath: str) -> str | None:
        """Why the repo-relative `relpath` may not be used by the book, or None if it may."""
        pure = PurePosixPath(relpath)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            return "the path leaves the repository"
        if pure.suffix.lower() not in IMAGE_TYPES:
            kind = pure.suffix or relpath
            return f"`{kind}` is not an image type the book accepts (svg, png, jpg, webp)"
        if not _in_asset_folder(pure):
            return "images must live under groups/<group>/images/ or papers/<paper>/"
        path = self.root / pure
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "no such file in the repository"
        if not resolved.is_relative_to(self.root) or path.is_symlink():
            return "the file is a link that leaves the repository"
        if not resolved.is_file():
            return "not a regular file"
        if resolved.stat().st_size > MAX_ASSET_BYTES:
            return "the image is larger than 5 MiB"
        if pure.suffix.lower() == ".svg":
            return svg_refusal(resolved.read_bytes())
        return None

    def relpath_of(self, path: Path) -> str | None:
        """The repo-relative POSIX path of an absolute path, if it is inside the repository."""
        try:
            return path.resolve(strict=False).relative_to(self.root).as_posix()
        except ValueError:
            return None


def _in_asset_folder(path: PurePosixPath) -> bool:
    parts = path.parts
    if parts[0] == "papers" and len(parts) >= 3:
        return True
    return parts[0] == "groups" and len(parts) >= 4 and parts[2] == "images"


def svg_refusal(data: bytes) -> str | None:
    """Why an SVG file may not be drawn: it refers to something outside itself."""
    text = data.decode("utf-8", errors="replace")
    for match in _SVG_REFERENCE.finditer(text):
        reference = (match["href"] or match["url"] or "").strip()
        if reference:
            if reference.lower().startswith("data:image/"):
                continue
            return f"the SVG refers to an outside resource `{reference[:80]}`"
        if match["entity"]:
            return "the SVG declares XML entities"
        return "the SVG imports a stylesheet"
    return None
