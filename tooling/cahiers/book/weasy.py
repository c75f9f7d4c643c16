"""The one module that talks to WeasyPrint: lay out one HTML document and write its PDF.

Safety, enforced here for every document the book renders:
- the URL fetcher serves `data:` URLs and image files of the repository's content assets, and
  stops the build on anything else (`file:///etc/…`, `http://…`, a path outside the repository);
- every WeasyPrint warning or error is a failure, reported with the segment's sources;
- no attachments (`attachments=None`, and `rel=attachment` links would go through the fetcher),
  no forms; JavaScript is never produced by WeasyPrint and is checked for after the join.

Runs inside worker processes: its inputs and outputs are plain picklable values.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from cahiers.book.assets import IMAGE_TYPES, AssetPolicy
from cahiers.book.tasks import CSS_PX_TO_PT, Bookmark, PageInfo, RenderResult, RenderTask
from cahiers.errors import BuildFailed

WEASYPRINT_VERSION: str = weasyprint.__version__

# What to do about the warnings WeasyPrint is known to emit; the rest are shown as they are.
_HINTS = {
    "HarfBuzz": "install the Debian package libharfbuzz-subset0 (see .ci/setup)",
    "alt description": "give every image an alternative text: ![what it shows](images/x.svg)",
}


class RepositoryAssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serves `data:` URLs and the repository's image assets; refuses everything else."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("data", "file"), fail_on_errors=True)
        self.policy = AssetPolicy(root.resolve())
        self.refused: list[str] = []
        self.served: dict[str, str] = {}  # relpath -> sha256 of the bytes served

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        reason = "only repository images and data: URLs may be used"
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path))
            relpath = self.policy.relpath_of(path)
            refusal = (
                "the file is outside the repository"
                if relpath is None
                else (self.policy.refusal(relpath))
            )
            if refusal is None and relpath is not None:
                content_type = IMAGE_TYPES[Path(relpath).suffix.lower()]
                data = (self.policy.root / relpath).read_bytes()
                self.served[relpath] = hashlib.sha256(data).hexdigest()
                return URLFetcherResponse(url, data, {"Content-Type": content_type})
            reason = refusal or reason
        self.refused.append(f"`{url}`: {reason}")
        raise PermissionError(f"refused by Cahiers: {url}")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        hint = next((h for key, h in _HINTS.items() if key in message), None)
        self.messages.append(f"{message} ({hint})" if hint else message)


@contextlib.contextmanager
def _captured_warnings() -> Iterator[_Collector]:
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    try:
        yield collector
    finally:
        logger.removeHandler(collector)


@contextlib.contextmanager
def _source_date_epoch(epoch: int) -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def render(task: RenderTask) -> RenderResult:
    """Lay out and write one document. Raises BuildFailed, never writes a partial result."""
    import resource
    import time

    started, cpu_started = time.perf_counter(), time.process_time()
    root = Path(task.root)
    fetcher = RepositoryAssetFetcher(root)
    with _captured_warnings() as warnings, _source_date_epoch(task.epoch):
        try:
            document = weasyprint.HTML(
                string=task.html, base_url=root.resolve().as_uri() + "/", url_fetcher=fetcher
            ).render()
            pdf = document.write_pdf(pdf_variant=task.variant, attachments=None)
        except FatalURLFetchingError:
            pass  # reported below, with every refused URL
        else:
            if not fetcher.refused and not warnings.messages:
                pages = tuple(_page_info(page) for page in document.pages)
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
                fetched = tuple(sorted(fetcher.served.items()))
                return RenderResult(task.name, pdf, pages, wall, cpu, rss, fetched)
    raise BuildFailed(_failure(task, fetcher.refused, warnings.messages))


def _failure(task: RenderTask, refused: list[str], warnings: list[str]) -> str:
    where = ", ".join(task.sources) or task.name
    lines = [f"the PDF was not written: WeasyPrint could not lay out {where} safely"]
    lines += [f"  refused: {item}" for item in refused]
    lines += [f"  warning: {message}" for message in dict.fromkeys(warnings)]
    return "\n".join(lines)


def _page_info(page: Any) -> PageInfo:
    page_box = getattr(page, "_page_box", None)
    page_type = getattr(page_box, "page_type", None)
    bookmarks = tuple(
        Bookmark(
            level=level,
            label=label,
            x=round(x * CSS_PX_TO_PT, 3),
            y=round((page.height - y) * CSS_PX_TO_PT, 3),
            closed=state == "closed",
        )
        for level, label, (x, y), state in page.bookmarks
    )
    return PageInfo(
        blank=bool(getattr(page_type, "blank", False)),
        anchors=tuple(page.anchors),
        bookmarks=bookmarks,
    )
