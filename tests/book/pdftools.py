"""Reading the real PDF as a reader (pdftotext, pdffonts) and as a machine (pikepdf)."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from dataclasses import dataclass

import pikepdf

from conftest import require_tool

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """One space between words, whatever the spaces were (no-break, narrow, line breaks)."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return _SPACES.sub(" ", text).strip()


def page_texts(pdf: bytes, *, layout: bool = False) -> list[str]:
    """The text of every page (pdftotext; `layout`: as laid out on the page)."""
    pdftotext = require_tool("pdftotext")
    options = ["-layout"] if layout else []
    result = subprocess.run(
        [pdftotext, *options, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    pages = result.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def fonts(pdf: bytes) -> list[dict[str, str]]:
    pdffonts = require_tool("pdffonts")
    result = subprocess.run([pdffonts, "-"], input=pdf, capture_output=True, check=True)
    lines = result.stdout.decode("utf-8").splitlines()
    rows = []
    for line in lines[2:]:
        # name, type, encoding, emb, sub, uni, object id: the last five columns are fixed.
        parts = line.split()
        rows.append(
            {"name": parts[0], "emb": parts[-5], "sub": parts[-4], "type": " ".join(parts[1:-6])}
        )
    return rows


@dataclass(frozen=True)
class OutlineItem:
    title: str
    depth: int
    page: int  # 0-based


def outline(pdf: bytes) -> list[OutlineItem]:
    items: list[OutlineItem] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = {page.objgen: index for index, page in enumerate(document.pages)}
        with document.open_outline() as tree:

            def walk(nodes, depth: int) -> None:  # type: ignore[no-untyped-def]
                for node in nodes:
                    destination = node.destination
                    page = pages[destination[0].objgen] if destination is not None else -1
                    items.append(OutlineItem(str(node.title), depth, page))
                    walk(node.children, depth + 1)

            walk(tree.root, 0)
    return items


def toc_numbers(pdf: bytes, titles: list[str]) -> dict[str, int]:
    """The page number printed after each title in the table of contents ("Sommaire").

    Read with the page layout kept: the numbers are a column of their own, which reading-order
    extraction may move away from their titles.
    """
    texts = page_texts(pdf, layout=True)
    start = next(i for i, text in enumerate(texts) if "Sommaire" in text)
    toc = normalise(" ".join(texts[start : start + 4]))
    numbers: dict[str, int] = {}
    for title in titles:
        match = re.search(re.escape(normalise(title)) + r"[ .]*?(\d+)\b", toc)
        assert match, f"{title!r} is not in the table of contents"
        numbers[title] = int(match[1])
    return numbers
