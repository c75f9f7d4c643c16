"""Turn the render stage's placeholders into site URLs.

The render stage writes a link to a contribution as `cahiers:<slug>#anchor` and an image (or a
link to one) as `cahiers-asset:<repo path>`; its `resolve_*` functions find them, and this module
says where they lead on the site: the contribution's page, or the staged copy of the asset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cahiers.model import Contribution, Project
from cahiers.render import resolve_assets, resolve_internal_links
from cahiers.site import urls


@dataclass(slots=True)
class LinkResolver:
    project: Project
    link: Callable[[str, str, str], str] = urls.relative_url  # (page, target, fragment) -> href
    problems: list[str] = field(default_factory=list)
    _by_slug: dict[str, Contribution] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_slug = {c.slug: c for c in self.project.contributions()}

    def resolve(self, fragment: str, source_path: str, page: str) -> str:
        """`fragment` was written in the repo file `source_path` and is shown on `page`."""

        def internal(slug: str, anchor: str) -> str:
            target = self._by_slug.get(slug)
            if target is None:
                self.problems.append(
                    f"{source_path}: a link points to an unknown contribution `{slug}`"
                )
                return "#"
            target_page = urls.contribution_page(target.group, target.slug)
            if target_page == page and anchor:
                return f"#{anchor}"
            return self.link(page, target_page, anchor)

        def asset(path: str) -> str:
            if path not in self.project.assets:
                self.problems.append(f"{source_path}: `{path}` is not an image of the repository")
            return self.link(page, path, "")

        return resolve_assets(resolve_internal_links(fragment, internal), asset)
