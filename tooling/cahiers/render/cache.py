"""A content-addressed cache of parsed documents, so an unchanged file is never parsed twice.

Key: the Markdown, its language, the bibliography when it cites, the render stage's own code
(a digest of this package's source, so a change of the tool invalidates everything) and the
pandoc version. Finding pandoc's version would cost a process on every run; instead the version
is remembered per pandoc binary (path, size, modification time), so a fully cached run starts
no process at all. Entries are JSON files written atomically (temporary file, then rename).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from cahiers import __version__
from cahiers.render.document import ParsedDocument
from cahiers.render.pandoc import ProcessCounter, pandoc_version

FORMAT = 1


def default_cache_dir(root: Path) -> Path:
    return root / ".cache" / "cahiers" / "render"


@cache
def tool_fingerprint() -> str:
    digest = hashlib.sha256(f"{__version__}:{FORMAT}".encode())
    package = resources.files("cahiers.render")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith((".py", ".lua"))):
        digest.update(name.encode())
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


def document_key(text: str, lang: str, bibliography: str, pandoc: str) -> str:
    payload = json.dumps([tool_fingerprint(), pandoc, lang, bibliography, text])
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


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

    def get(self, key: str) -> ParsedDocument | None:
        path = self._path(key)
        try:
            return ParsedDocument.from_json(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or damaged: render again

    def put(self, key: str, document: ParsedDocument) -> None:
        self._write(self._path(key), document.to_json())

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        tmp: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            tmp = Path(name)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False)
            tmp.replace(path)
        except OSError:
            # A cache that cannot be written only costs time: never fail the render for it.
            if tmp is not None:
                with contextlib.suppress(OSError):
                    tmp.unlink()
