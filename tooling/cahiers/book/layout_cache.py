"""A cache of WeasyPrint layouts, so that a segment whose content did not change is not laid out
again: editing one contribution re-lays out its segment, the front matter and the chrome.

Sound because a segment's layout depends only on its task (page numbers, running headers and
folios are laid out afterwards, as chrome pages), and the key covers everything else the bytes
depend on:
- the task: its HTML, PDF variant, SOURCE_DATE_EPOCH and repository root (the base URL);
- the layout environment (`cahiers.book.environment`): package versions, the native libraries
  loaded, the fonts fontconfig lists and its configuration, the layout modules' source;
- the files the layout read: the URL fetcher records every file it served, with its sha256; an
  entry is reused only if each of those files is still one the fetcher would serve, with the
  same bytes. The HTML names every URL, so the same HTML fetches the same files.

An entry is one file: a JSON header (key, pages, fetched files, the PDF's sha256 and size), a
newline, then the PDF. It is written atomically; a damaged, truncated or altered entry is
ignored and laid out again. No pickle: reading an entry never runs code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cahiers.atomic import write_cache_entry
from cahiers.book.assets import AssetPolicy
from cahiers.book.runner import OnResult
from cahiers.book.tasks import Bookmark, PageInfo, RenderResult, RenderTask

FORMAT = 1
SUFFIX = ".layout"


def default_layout_cache_dir(root: Path) -> Path:
    return root / ".cache" / "cahiers" / "layout"


def task_key(task: RenderTask, environment: str) -> str:
    digest = hashlib.sha256()
    parts = (str(FORMAT), environment, task.root, task.variant or "", str(task.epoch), task.html)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        digest.update(b"%d:" % len(data))  # length-prefixed: no two inputs give one stream
        digest.update(data)
    return digest.hexdigest()


class LayoutCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, key: str, task: RenderTask) -> RenderResult | None:
        """The cached layout of `task`, or None when there is none, or it cannot be trusted."""
        try:
            raw = self._path(key).read_bytes()
            header_bytes, newline, pdf = raw.partition(b"\n")
            header = json.loads(header_bytes)
            if (
                not newline
                or header["format"] != FORMAT
                or header["key"] != key
                or header["pdf_size"] != len(pdf)
                or header["pdf_sha256"] != hashlib.sha256(pdf).hexdigest()
            ):
                return None
            pages = tuple(_page_from_json(page) for page in header["pages"])
            fetched = tuple((str(path), str(digest)) for path, digest in header["fetched"])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None  # absent or damaged: lay out again
        if not _files_unchanged(Path(task.root), fetched):
            return None
        return RenderResult(task.name, pdf, pages, fetched=fetched, cached=True)

    def put(self, key: str, result: RenderResult) -> None:
        header = {
            "format": FORMAT,
            "key": key,
            "pdf_size": len(result.pdf),
            "pdf_sha256": hashlib.sha256(result.pdf).hexdigest(),
            "pages": [_page_to_json(page) for page in result.pages],
            "fetched": [list(item) for item in result.fetched],
        }
        data = json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n" + result.pdf
        write_cache_entry(self._path(key), data)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}{SUFFIX}"


def _files_unchanged(root: Path, fetched: tuple[tuple[str, str], ...]) -> bool:
    """Would the fetcher serve each file again, with the same bytes?"""
    if not fetched:
        return True
    policy = AssetPolicy(root.resolve())
    for relpath, digest in fetched:
        if policy.refusal(relpath) is not None:
            return False
        try:
            data = (policy.root / relpath).read_bytes()
        except OSError:
            return False
        if hashlib.sha256(data).hexdigest() != digest:
            return False
    return True


def _page_to_json(page: PageInfo) -> dict[str, Any]:
    return {
        "blank": page.blank,
        "anchors": list(page.anchors),
        "bookmarks": [[b.level, b.label, b.x, b.y, b.closed] for b in page.bookmarks],
    }


def _page_from_json(data: dict[str, Any]) -> PageInfo:
    bookmarks = tuple(
        Bookmark(int(level), str(label), float(x), float(y), bool(closed))
        for level, label, x, y, closed in data["bookmarks"]
    )
    if not isinstance(data["blank"], bool):
        raise TypeError("blank")
    return PageInfo(data["blank"], tuple(str(a) for a in data["anchors"]), bookmarks)


class _Renderer(Protocol):
    jobs: int

    def environment(self) -> str | None: ...

    def run(
        self, tasks: Sequence[RenderTask], on_result: OnResult | None = None
    ) -> list[RenderResult]: ...


@dataclass(slots=True)
class Lookup:
    keys: list[str | None]
    hits: dict[int, RenderResult] = field(default_factory=dict)


class CachedLayout:
    """Lays out tasks with `renderer`, taking from `cache` (when given) what it holds."""

    def __init__(self, renderer: _Renderer, cache: LayoutCache | None) -> None:
        self.renderer = renderer
        self.cache = cache

    @property
    def jobs(self) -> int:
        return self.renderer.jobs

    def lookup(self, tasks: Sequence[RenderTask]) -> Lookup:
        environment = self.renderer.environment() if self.cache is not None else None
        if self.cache is None or environment is None:
            return Lookup([None] * len(tasks))
        lookup = Lookup([task_key(task, environment) for task in tasks])
        for index, (task, key) in enumerate(zip(tasks, lookup.keys, strict=True)):
            hit = self.cache.get(key, task) if key is not None else None
            if hit is not None:
                lookup.hits[index] = hit
        return lookup

    def complete(
        self, tasks: Sequence[RenderTask], lookup: Lookup, on_result: OnResult | None = None
    ) -> list[RenderResult]:
        """The results of every task: the hits of `lookup`, and the others laid out now."""
        for index, hit in sorted(lookup.hits.items()):
            if on_result:
                on_result(index, hit)
        missing = [i for i in range(len(tasks)) if i not in lookup.hits]

        def store(position: int, result: RenderResult) -> None:
            index = missing[position]
            key = lookup.keys[index]
            if self.cache is not None and key is not None:
                self.cache.put(key, result)  # as soon as it is there: an interrupt keeps it
            if on_result:
                on_result(index, result)

        fresh = self.renderer.run([tasks[i] for i in missing], store) if missing else []
        results = dict(lookup.hits)
        results.update(zip(missing, fresh, strict=True))
        return [results[i] for i in range(len(tasks))]

    def run(
        self, tasks: Sequence[RenderTask], on_result: OnResult | None = None
    ) -> tuple[list[RenderResult], int]:
        """Every task's result, and how many came from the cache."""
        lookup = self.lookup(tasks)
        return self.complete(tasks, lookup, on_result), len(lookup.hits)
