"""Where each page lives in the staged docs tree, and the URL a reader follows to reach it.

Staged paths mirror the repository (`groups/<group>/<slug>.md`, `papers/<paper>/index.md`), so a
reader who knows the repo can guess a URL. mkdocs runs with `use_directory_urls`, so
`groups/cloud/finops.md` is served at `groups/cloud/finops/`. Links in the site's own page parts
and in rendered bodies are raw HTML, which mkdocs neither rewrites nor validates: they are written
here as final relative URLs, and `cahiers.site.audit` checks every one of them after the build.
Zensical, by contrast, rewrites and validates links in raw HTML like Markdown links: for it they
are written relative to the staged source file (`source_relative`).
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
CONTRIBUTORS = "contributors.md"
TAGS = "tags.md"
ASSETS = "assets/cahiers"  # the tool's own stylesheet; never clashes with a group or paper
RESERVED_SLUGS = frozenset({"index"})  # `groups/<g>/index.md` is the group page


def group_page(group: str) -> str:
    return f"groups/{group}/index.md"


def contribution_page(group: str, slug: str) -> str:
    return f"groups/{group}/{slug}.md"


def paper_page(paper: str) -> str:
    return f"papers/{paper}/index.md"


def paper_file(paper: str, name: str) -> str:
    """A download staged next to the paper page (PDFs, citation files)."""
    return f"papers/{paper}/{name}"


def pdf_names(paper: str) -> tuple[str, str]:
    """File names of the screen and print PDFs, as the book writes them into `DIR/pdf/`."""
    return f"{paper}.pdf", f"{paper}-print.pdf"


def url_of(src: str) -> str:
    """The site-relative URL of a staged file: `groups/g/c.md` → `groups/g/c/`, `index.md` → ``."""
    if not src.endswith(".md"):
        return src
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_page: str, to_src: str, fragment: str = "") -> str:
    """A relative URL from the page staged at `from_page` to the staged file `to_src`."""
    base = url_of(from_page)
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    target = url_of(to_src)
    rel = posixpath.relpath(target or ".", base_dir or ".")
    if not target or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return f"{rel}#{fragment}" if fragment else rel


def source_relative(from_page: str, to_src: str, fragment: str = "") -> str:
    """A link written relative to the staged source file (`../cloud/x.md#a`), the way Markdown
    links are: for generators that rewrite and validate links in raw HTML too (Zensical)."""
    rel = posixpath.relpath(to_src, posixpath.dirname(from_page) or ".")
    return f"{rel}#{fragment}" if fragment else rel


LINK_STYLES = {"url": relative_url, "source": source_relative}


def repo_path_of_reference(source_path: str, reference: str) -> str | None:
    """The repo path a relative reference written in `source_path` points to, or None when it
    leaves the repository, is absolute or carries a scheme."""
    if not reference or reference.startswith(("/", "#")) or ":" in reference.split("/")[0]:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(source_path), reference))
    if joined.startswith("../") or joined == "..":
        return None
    return joined
