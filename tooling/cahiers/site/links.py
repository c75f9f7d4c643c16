"""Turn the URLs of rendered HTML into site URLs.

- `cahiers:<slug>#anchor` (a link to another contribution, as the render stage writes it) becomes
  the relative URL of that contribution's page;
- a relative image or link to a repository asset (`images/schema.svg`) becomes the relative URL of
  the staged copy;
- anything else is left alone, and the post-build audit judges it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cahiers.model import Contribution, Project
from cahiers.site import urls
from cahiers.site.htmltools import rewrite_urls

INTERNAL_SCHEME = "cahiers:"


@dataclass(slots=True)
class LinkResolver:
    project: Project
    link: Callable[[str, str, str], str] = urls.relative_url  # (page, target, fragment) -> href
    problems: list[str] = field(default_factory=list)
    _by_slug: dict[str, Contribution] = field(default_factory=dict)
    _assets: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._by_slug = {c.slug: c for c in self.project.contributions()}
        self._assets = frozenset(self.project.assets)

    def resolve(self, fragment: str, source_path: str, page: str) -> str:
        """`fragment` was written in the repo file `source_path` and is shown on `page`."""

        def rewrite(url: str) -> str | None:
            if url.startswith(INTERNAL_SCHEME):
                return self._internal(url, source_path, page)
            repo_path = urls.repo_path_of_reference(source_path, url.split("#", 1)[0])
            if repo_path is not None and repo_path in self._assets:
                return self.link(page, repo_path, "")
            return None

        return rewrite_urls(fragment, rewrite)

    def _internal(self, url: str, source_path: str, page: str) -> str | None:
        slug, _, anchor = url[len(INTERNAL_SCHEME) :].partition("#")
        target = self._by_slug.get(slug)
        if target is None:
            self.problems.append(
                f"{source_path}: a link points to an unknown contribution `{slug}`"
            )
            return None
        target_page = urls.contribution_page(target.group, target.slug)
        if target_page == page and anchor:
            return f"#{anchor}"
        return self.link(page, target_page, anchor)
