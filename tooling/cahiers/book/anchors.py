"""The book's anchors: one namespace per contribution, so that ids never clash once joined."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser


def namespaced(slug: str, anchor: str) -> str:
    return f"{slug}--{anchor}"


def chapter_anchor(slug: str) -> str:
    return f"ch-{slug}"


@dataclass(frozen=True, slots=True)
class LinkTargets:
    """What in-document links may point to: chapter slugs and the ids each chapter defines."""

    ids: Mapping[str, frozenset[str]]  # slug -> the chapter's own (not namespaced) ids

    def resolve(self, slug: str, anchor: str | None) -> str | None:
        if slug not in self.ids:
            return None
        if anchor and anchor in self.ids[slug]:
            return namespaced(slug, anchor)
        return chapter_anchor(slug)  # unknown anchor: the chapter itself is the best target


def collect_ids(html: str) -> frozenset[str]:
    """The ids an HTML fragment defines (its own, not namespaced)."""
    collector = _IdCollector()
    collector.feed(html)
    collector.close()
    return frozenset(collector.ids)


class _IdCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
