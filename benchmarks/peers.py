"""Peers: what a user would do without Cahiers, on the same contributions.

- mkdocs-material over the raw contributions, without and with mkdocs-git-authors-plugin (its
  cost is the difference: the credits it computes, one git call per page);
- mkdocs-print-site-plugin's print page, rendered by the `weasyprint` command into a PDF.

Both plugins are installed with pip where they are missing (`pip install mkdocs-git-authors-plugin
mkdocs-print-site-plugin`); when they cannot be, the probes say so.
"""

from __future__ import annotations

import importlib.util
import sys

from benchmarks.context import Context, mkdocs_config, pdf_pages
from benchmarks.measure import Command
from benchmarks.probes import Probe

PLUGINS = {
    "git-authors": ("mkdocs_git_authors_plugin", "mkdocs-git-authors-plugin"),
    "print-site": ("mkdocs_print_site_plugin", "mkdocs-print-site-plugin"),
}


def peer_probes(ctx: Context) -> list[Probe]:
    root = ctx.workspace.copy(ctx.corpus, "peers")
    scratch = ctx.workspace.scratch("peers")

    def build(name: str, plugins: str) -> Command:
        config = mkdocs_config(root, f"mkdocs-{name}.yml", scratch / f"site-{name}", plugins)
        return ctx.tools.python("-m", "mkdocs", "build", "-q", "-f", str(config), cwd=root)

    probes = [
        Probe(
            "peer.mkdocs.raw",
            "mkdocs build (material) of the raw contributions, no plugin",
            build("raw", "[search]"),
        )
    ]
    missing = _missing("git-authors")
    label = "mkdocs build (material) of the raw contributions + git-authors plugin"
    probes.append(
        Probe.unavailable("peer.git_authors", label, missing)
        if missing
        else Probe("peer.git_authors", label, build("git-authors", "[search, git-authors]"))
    )
    missing = _missing("print-site")
    label = "mkdocs build + print-site plugin, then weasyprint of its print page"
    if missing:
        probes.append(Probe.unavailable("peer.print_site", label, missing))
    else:
        site_build = build("print-site", "[search, print-site]")
        pdf = scratch / "print-site.pdf"
        page = scratch / "site-print-site" / "print_page" / "index.html"
        weasy = (sys.executable, "-m", "weasyprint", "-q", str(page), str(pdf))
        probes.append(
            Probe(
                "peer.print_site",
                label,
                Command((site_build.steps[0], weasy), root, site_build.env),
                inspect=lambda: pdf_pages(pdf),
                note="Material's layout is not made for paged media, and the plugin's table of "
                "contents is built by JavaScript, which WeasyPrint does not run",
            )
        )
    return probes


def _missing(plugin: str) -> str | None:
    module, package = PLUGINS[plugin]
    if importlib.util.find_spec(module) is not None:
        return None
    return f"{package} is not installed (pip install {package})"
