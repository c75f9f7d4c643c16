"""The static site: stage a docs tree (Markdown pages whose bodies are sanitised HTML), generate
the mkdocs config with its nav, build it with mkdocs-material (or Zensical), then audit the result.

Entry points: `build_site` (what `cahiers build` and `cahiers site` call) and `stage_site` (what
the live preview refreshes). Nothing here imports mkdocs until a build actually runs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from cahiers.errors import BuildFailed
from cahiers.site.audit import AuditMemo, audit_site
from cahiers.site.postprocess import postprocess_site
from cahiers.site.settings import SiteSettings, load_settings
from cahiers.site.stage import StagedSite, stage_site

if TYPE_CHECKING:
    from cahiers.pipeline import Prepared

__all__ = ["SiteSettings", "StagedSite", "build_site", "load_settings", "run_engine", "stage_site"]


@dataclass(frozen=True, slots=True)
class SiteBuild:
    staged: StagedSite
    engine: str


def source_epoch(prepared: Prepared) -> int | None:
    """The build's date, from git: the committer date of HEAD."""
    head = prepared.credits.head_date
    return int(head.timestamp()) if head else None


def run_engine(staged: StagedSite, engine: str, epoch: int | None) -> None:
    from cahiers.site import engine as engines

    if engine == "mkdocs":
        engines.build_with_mkdocs(staged.config_file, epoch=epoch)
    elif engine == "zensical":
        engines.build_with_zensical(staged.config_file, epoch=epoch)
    else:
        raise BuildFailed(f"unknown site engine `{engine}` (choose one of {engines.ENGINES})")


def build_site(
    prepared: Prepared,
    site_dir: Path,
    work_dir: Path,
    *,
    engine: str = "mkdocs",
    pdf_dir: Path | None = None,
    keep_previous: Callable[[str], bool] | None = None,
    audit_memo: Path | None = None,
) -> SiteBuild:
    """Stage under `work_dir`, build into `site_dir`, then audit it; raise `BuildFailed`.

    `keep_previous` is given the fingerprint of everything the build depends on (the staged
    tree, the config, the engine and its version, the date): when it says the previous site was
    built from the same, nothing is built and `site_dir` is not written. `audit_memo`: where the
    audit remembers the pages it parsed (see `AuditMemo`)."""
    settings = load_settings(prepared.project.root)
    # Zensical insists that site_dir lies within the folder of its config file.
    engine_out = work_dir / "site" if engine == "zensical" else site_dir
    link_style = "source" if engine == "zensical" else "url"
    staged = stage_site(
        prepared, settings, work_dir, engine_out, pdf_dir=pdf_dir, link_style=link_style
    )
    epoch = source_epoch(prepared)
    if keep_previous is not None:
        from cahiers.site.fingerprint import site_fingerprint

        if keep_previous(site_fingerprint(staged.docs_dir, dict(staged.config), engine, epoch)):
            return SiteBuild(staged, engine)
    run_engine(staged, engine, epoch)
    if engine_out != site_dir:
        shutil.rmtree(site_dir, ignore_errors=True)
        engine_out.replace(site_dir)
    postprocess_site(site_dir)
    base_path = urlsplit(settings.site_url).path if settings.site_url else "/"
    memo = AuditMemo(audit_memo) if audit_memo is not None else None
    problems = audit_site(site_dir, base_path or "/", memo)
    if problems:
        raise BuildFailed(
            "the built site has problems:\n"
            + "\n".join(f"  {p}" for p in problems[:50])
            + (f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else "")
        )
    return SiteBuild(staged, engine)
