"""Stage the docs tree mkdocs builds: generated pages, citation files, and copied files (images,
the association's theme files, the tool's stylesheet, the PDFs of the papers).

`generated_files` is pure and is what the golden tests pin down. Copies refuse symbolic links,
and staging rewrites only what changed, so a live preview re-stages in milliseconds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cahiers.errors import BuildFailed
from cahiers.site import urls
from cahiers.site.config import site_config, write_config
from cahiers.site.context import Download, SiteContext, file_size
from cahiers.site.contributors_page import contributors_page
from cahiers.site.labels import LABELS
from cahiers.site.nav import site_nav
from cahiers.site.pages import contribution_page, group_page, home_page, tags_page
from cahiers.site.paper_page import paper_files, paper_page
from cahiers.site.settings import SiteSettings

if TYPE_CHECKING:
    from cahiers.pipeline import Prepared

TOOL_ASSETS = Path(__file__).parent / "assets"
CONFIG_NAME = "mkdocs.yml"


@dataclass(frozen=True, slots=True)
class StagedSite:
    work_dir: Path
    docs_dir: Path
    config_file: Path
    site_dir: Path
    files: tuple[str, ...]  # staged paths, sorted
    config: Mapping[str, Any] = field(default_factory=dict)  # as generated, without the folders


def generated_files(ctx: SiteContext) -> dict[str, str]:
    """Every page and text file the site writes, by staged path."""
    project = ctx.prepared.project
    reserved = [c.path for c in project.contributions() if c.slug in urls.RESERVED_SLUGS]
    if reserved:
        raise BuildFailed(
            "these contributions use a slug the site reserves for group pages: "
            + ", ".join(reserved)
            + "; rename them"
        )
    pages = [home_page(ctx), contributors_page(ctx), tags_page()]
    for group in project.groups.values():
        pages.append(group_page(ctx, group))
        pages += [contribution_page(ctx, c) for c in group.contributions]
    files = {page.path: page.text for page in pages}
    for paper in project.papers.values():
        page = paper_page(ctx, paper)
        files[page.path] = page.text
        files.update(paper_files(ctx, paper))
    if ctx.links.problems:
        raise BuildFailed(
            "the site cannot link:\n" + "\n".join(f"  {p}" for p in ctx.links.problems)
        )
    return dict(sorted(files.items()))


def find_downloads(
    project_papers: Mapping[str, object], pdf_dir: Path | None
) -> tuple[dict[str, tuple[Download, ...]], dict[str, Path]]:
    """The PDFs the book wrote for each paper, and where to stage them."""
    downloads: dict[str, tuple[Download, ...]] = {}
    copies: dict[str, Path] = {}
    if pdf_dir is None or not pdf_dir.is_dir():
        return downloads, copies
    for slug in sorted(project_papers):
        found: list[Download] = []
        for name, label in zip(urls.pdf_names(slug), ("pdf_screen", "pdf_print"), strict=True):
            source = pdf_dir / name
            if source.is_file() and not source.is_symlink():
                staged = urls.paper_file(slug, name)
                copies[staged] = source
                found.append(Download(LABELS[label], staged, file_size(source.stat().st_size)))
        if found:
            downloads[slug] = tuple(found)
    return downloads, copies


def copied_files(root: Path, settings: SiteSettings, assets: tuple[str, ...]) -> dict[str, Path]:
    copies = {f"{urls.ASSETS}/{p.name}": p for p in sorted(TOOL_ASSETS.iterdir()) if p.is_file()}
    for relpath in (*assets, *settings.theme_files):
        copies[relpath] = root / relpath
    return copies


def stage_site(
    prepared: Prepared,
    settings: SiteSettings,
    work_dir: Path,
    site_dir: Path,
    *,
    pdf_dir: Path | None = None,
    link_style: str = "url",
) -> StagedSite:
    """Write (or refresh) the docs tree and the generated config under `work_dir`."""
    project = prepared.project
    downloads, pdf_copies = find_downloads(project.papers, pdf_dir)
    ctx = SiteContext(prepared, settings, downloads, link_style)
    contents: dict[str, bytes] = {
        path: text.encode("utf-8") for path, text in generated_files(ctx).items()
    }
    for staged, source in {
        **copied_files(project.root, settings, project.assets),
        **pdf_copies,
    }.items():
        contents[staged] = _read_regular(source)
    docs_dir = work_dir / "docs"
    sync_tree(docs_dir, contents)
    config_file = work_dir / CONFIG_NAME
    titles = {path: r.title for path, r in prepared.rendered.contributions.items() if r.title}
    config = site_config(settings, site_nav(project, titles))
    write_config(config, docs_dir, site_dir, config_file)
    return StagedSite(work_dir, docs_dir, config_file, site_dir, tuple(sorted(contents)), config)


def _read_regular(path: Path) -> bytes:
    if path.is_symlink() or not path.is_file():
        raise BuildFailed(f"{path}: not a regular file (symbolic links are never followed)")
    return path.read_bytes()


def sync_tree(directory: Path, contents: Mapping[str, bytes]) -> None:
    """Make `directory` hold exactly `contents`, rewriting only the files that changed."""
    directory.mkdir(parents=True, exist_ok=True)
    for relpath, data in contents.items():
        target = directory / relpath
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        target.write_bytes(data)
    wanted = set(contents)
    for path in sorted(directory.rglob("*"), reverse=True):
        relpath = path.relative_to(directory).as_posix()
        if path.is_symlink() or (path.is_file() and relpath not in wanted):
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
