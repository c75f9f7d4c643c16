"""Floors: what the tools themselves cost for the same outputs, with no Cahiers code around them.

- pandoc: every contribution in one process (front matter stripped, footnote labels namespaced);
- git: one `git log --numstat` pass over the whole history;
- mkdocs: one plain `mkdocs build` of the pages Cahiers stages (the staged tree and its
  generated config), or of the raw contributions when this tooling cannot stage a site yet;
- WeasyPrint: one render of the book's single HTML document per profile, by the `weasyprint`
  command, when this tooling can write that document.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

from benchmarks.context import PAPER, PROFILES, Context, mkdocs_config, pdf_pages
from benchmarks.machine import pandoc_path
from benchmarks.measure import Command
from benchmarks.probes import Probe
from benchmarks.workspace import pandoc_bodies


def floor_probes(ctx: Context) -> list[Probe]:
    root = ctx.workspace.copy(ctx.corpus, "floors")
    scratch = ctx.workspace.scratch("floors")
    bodies = pandoc_bodies(root, scratch / "bodies.md")
    return [
        Probe(
            "floor.pandoc",
            "pandoc, all contributions in one process (commonmark_x → HTML)",
            Command.of(
                pandoc_path(),
                "-f",
                "commonmark_x",
                "-t",
                "html5",
                "-o",
                str(scratch / "bodies.html"),
                str(bodies),
                cwd=scratch,
            ),
            inspect=lambda: {"markdown_bytes": bodies.stat().st_size},
        ),
        Probe(
            "floor.git_log",
            "git log --numstat, the whole history in one pass",
            Command.of("git", "log", "--numstat", cwd=root),
        ),
        mkdocs_floor(ctx, root, scratch),
        *weasyprint_floors(ctx, root, scratch),
    ]


def mkdocs_floor(ctx: Context, root: Path, scratch: Path) -> Probe:
    label = "mkdocs build (plain CLI, mkdocs-material) of the staged pages"
    staged = ctx.tools.helper("stage-site", str(root), str(scratch / "site-work"), cwd=root)
    if staged.returncode == 0 and staged.stdout.strip():
        config = Path(staged.stdout.strip().splitlines()[-1])
        note = "the pages and config `cahiers build` stages, built by `mkdocs build`"
    else:
        config = mkdocs_config(root, "mkdocs-floor.yml", scratch / "site-raw", "[search]")
        label = "mkdocs build (plain CLI, mkdocs-material) of the raw contributions"
        note = (
            "this tooling cannot stage the site yet: raw Markdown pages instead "
            f"({_last_line(staged.stderr)})"
        )
    return Probe(
        "floor.mkdocs",
        label,
        ctx.tools.python("-m", "mkdocs", "build", "-q", "-f", str(config), cwd=config.parent),
        note=note,
    )


def weasyprint_floors(ctx: Context, root: Path, scratch: Path) -> list[Probe]:
    probes = []
    for profile in PROFILES:
        key, label = (
            f"floor.weasyprint.{profile}",
            f"WeasyPrint, one render of the book HTML ({profile})",
        )
        html = scratch / f"book-{profile}.html"
        made = ctx.tools.helper("book-html", str(root), PAPER, profile, str(html), cwd=root)
        if made.returncode != 0 or not html.is_file():
            probes.append(Probe.unavailable(key, label, f"no book HTML: {_last_line(made.stderr)}"))
            continue
        variant = made.stdout.strip().splitlines()[1:2]
        flags = ("--pdf-variant", variant[0]) if variant and variant[0] else ()
        pdf = scratch / f"floor-{profile}.pdf"
        base = root.as_uri() + "/"  # the book's images are repository files
        argv = (sys.executable, "-m", "weasyprint", "-q", "-u", base, *flags, str(html), str(pdf))
        probes.append(
            Probe(
                key,
                label,
                Command.of(*argv, cwd=root),
                inspect=partial(pdf_pages, pdf),
                note=" ".join(flags),
            )
        )
    return probes


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no output"
