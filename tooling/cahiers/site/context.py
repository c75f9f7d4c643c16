"""What every page builder reads: the prepared content, the settings, the downloads found."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cahiers.site import urls
from cahiers.site.links import LinkResolver
from cahiers.site.settings import SiteSettings

if TYPE_CHECKING:
    from cahiers.pipeline import Prepared


@dataclass(frozen=True, slots=True)
class Download:
    label: str
    src: str  # staged path, e.g. papers/cahier-2026/cahier-2026.pdf
    size: str  # e.g. "1,2 Mo"


@dataclass(frozen=True, slots=True)
class StagedPage:
    path: str  # staged path under docs/, e.g. groups/cloud/index.md
    text: str


@dataclass(frozen=True, slots=True)
class SiteContext:
    prepared: Prepared
    settings: SiteSettings
    downloads: Mapping[str, tuple[Download, ...]] = field(default_factory=dict)
    link_style: str = "url"  # "url" for mkdocs, "source" for Zensical (see cahiers.site.urls)
    links: LinkResolver = field(init=False)

    def __post_init__(self) -> None:
        link = urls.LINK_STYLES[self.link_style]
        object.__setattr__(self, "links", LinkResolver(self.prepared.project, link))

    def href(self, page: str, target: str, fragment: str = "") -> str:
        """The link from the staged page `page` to the staged file `target`."""
        return urls.LINK_STYLES[self.link_style](page, target, fragment)

    def absolute_url(self, src: str) -> str | None:
        """The public URL of a staged page, when `site_url` is set (for citations)."""
        base = self.settings.site_url
        return f"{base.rstrip('/')}/{urls.url_of(src)}" if base else None


def file_size(size: int) -> str:
    """French units and decimal comma: `850 ko`, `1,2 Mo`."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))}\u00a0ko"
    return f"{size / 1_000_000:.1f}".replace(".", ",") + "\u00a0Mo"
