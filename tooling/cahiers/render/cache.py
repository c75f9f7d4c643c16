"""A content-addressed cache of parsed documents, so an unchanged file is never parsed twice.

Key: the Markdown, its language, the bibliography when it cites, the render stage's own code
(a digest of this package's source and of nh3's version, so a change of the tool invalidates
everything) and the pandoc version. Finding pandoc's version would cost a process on every run;
instead the version is remembered per pandoc binary (path, size, modification time), so a fully
cached run starts no process at all. Entries are JSON files written atomically (temporary file,
then rename).

An entry also keeps the document's last placement: the resolved link targets and the sanitised
HTML they gave. A warm run resolves the links again (they depend on the rest of the project)
and reuses the sanitised HTML only when the targets are the same, since the HTML is a function
of the document and the targets alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import nh3

from cahiers import __version__
from cahiers.atomic import write_cache_entry
from cahiers.render.document import ParsedDocument
from cahiers.render.pandoc import ProcessCounter, pandoc_version

FORMAT = 2


@dataclass(frozen=True, slots=True)
class Placement:
    """A document placed in the project: its resolved link targets, and the sanitised HTML of
    its body and footnotes with those targets."""

    urls: tuple[str | None, ...]
    html: str
    footnotes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"urls": list(self.urls), "html": self.html, "footnotes": list(self.footnotes)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Placement:
        urls = tuple(None if u is None else str(u) for u in data["urls"])
        return cls(urls, str(data["html"]), tuple(str(h) for h in data["footnotes"]))


def default_cache_dir(root: Path) -> Path:
    return root / ".cache" / "cahiers" / "render"


@cache
def tool_fingerprint() -> str:
    sanitizer = getattr(nh3, "__version__", "unknown")
    digest = hashlib.sha256(f"{__version__}:{FORMAT}:nh3 {sanitizer}".encode())
    package = resources.files("cahiers.render")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith((".py", ".lua"))):
        digest.update(name.encode())
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def document_key(text: str, lang: str, bibliography: str, pandoc: str) -> str:
    digest = hashlib.sha256()
    for part in (tool_fingerprint(), pandoc, lang, bibliography, text):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(b"%d:" % len(data))  # length-prefixed: no two inputs give one stream
        digest.update(data)
    return digest.hexdigest()


class RenderCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def pandoc_version(self, pandoc: str, counter: ProcessCounter) -> str:
        """pandoc's version, from the memo when the binary has not changed."""
        stat = Path(pandoc).resolve().stat()
        identity = f"{Path(pandoc).resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
        memo = self.directory / "pandoc-version.json"
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(memo.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("identity") == identity:
                return str(data["version"])
        counter.add()
        version = pandoc_version(pandoc)
        self._write(memo, {"identity": identity, "version": version})
        return version

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> tuple[ParsedDocument, Placement | None] | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_bytes())
            document = ParsedDocument.from_json(data)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or damaged: render again
        try:
            placement = Placement.from_json(data["placement"])
        except (ValueError, KeyError, TypeError):
            placement = None  # placed again
        return document, placement

    def put(self, key: str, document: ParsedDocument, placement: Placement | None) -> None:
        data = document.to_json()
        if placement is not None:
            data["placement"] = placement.to_json()
        self._write(self._path(key), data)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        write_cache_entry(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
