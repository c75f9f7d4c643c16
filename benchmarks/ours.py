"""Our commands, each in a fresh process as an author or CI runs them.

Cold means no render cache and no previous output; warm means the previous run's cache and
output are there and one contribution was edited since (a real change of its text).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.context import PAPER, Context, pdf_pages
from benchmarks.measure import Command
from benchmarks.probes import Probe
from benchmarks.workspace import (
    clear_caches,
    clear_layout_cache,
    edited_contribution,
    fresh_edit,
)


def check_probes(ctx: Context, prefix: str, cold_repeat: int | None = None) -> list[Probe]:
    """`cahiers check` cold, then warm with one contribution edited (the pull-request case)."""
    root = ctx.workspace.copy(ctx.corpus, prefix)
    command = ctx.tools.cahiers("check", "--root", str(root), cwd=root)
    edited = edited_contribution(root)
    return [
        Probe(
            f"{prefix}.cold",
            "cahiers check, cold (no render cache)",
            command,
            prepare=lambda: clear_caches(root),
            repeat=cold_repeat,
        ),
        Probe(
            f"{prefix}.warm",
            "cahiers check, warm cache, one contribution edited",
            command,
            prepare=lambda: fresh_edit(edited),
        ),
    ]


def credits_probe(ctx: Context) -> Probe:
    key, label = "ours.credits", "cahiers credits --format json"
    if not ctx.tools.has("credits"):
        return Probe.unavailable(key, label, "this tooling has no `cahiers credits` yet")
    root = ctx.workspace.copy(ctx.corpus, "credits")
    return Probe(
        key, label, ctx.tools.cahiers("credits", "--root", str(root), "--format", "json", cwd=root)
    )


def build_probes(ctx: Context) -> list[Probe]:
    """`cahiers build`: check, credits, site and (when the tooling has them) both PDFs."""
    label = "cahiers build (check, credits, site" + (
        ", PDF screen + print)" if ctx.tools.has("pdf") else ")"
    )
    if not ctx.tools.has("build"):
        reason = "this tooling has no `cahiers build` yet"
        return [
            Probe.unavailable("ours.build.cold", f"{label}, cold", reason),
            Probe.unavailable("ours.build.warm", f"{label}, warm, one contribution edited", reason),
        ]
    root = ctx.workspace.copy(ctx.corpus, "build")
    out = ctx.workspace.scratch("build-out")
    command = ctx.tools.cahiers("build", "--root", str(root), "--out", str(out), cwd=root)
    edited = edited_contribution(root)
    return [
        Probe(
            "ours.build.cold",
            f"{label}, cold",
            command,
            prepare=lambda: clear_caches(root, out),
            inspect=lambda: _outputs(out),
        ),
        Probe(
            "ours.build.warm",
            f"{label}, warm, one contribution edited",
            command,
            prepare=lambda: fresh_edit(edited),
            inspect=lambda: _outputs(out),
        ),
    ]


def pdf_probes(ctx: Context, corpus_label: str = "book") -> list[Probe]:
    """`cahiers pdf` (screen profile) with a warm render cache: its layout on every core, and on
    one core (taskset) to show what the segmented layout costs by itself. The layout cache is
    cleared before each run: the figure is the layout, not the cache."""
    key = f"ours.pdf.{corpus_label}"
    label = "cahiers pdf --profile screen, warm render cache"
    if not ctx.tools.has("pdf"):
        return [Probe.unavailable(key, label, "this tooling has no `cahiers pdf` yet")]
    root = ctx.workspace.copy(ctx.corpus, f"pdf-{corpus_label}")
    out = ctx.workspace.scratch(f"pdf-{corpus_label}-out")
    args = ("pdf", PAPER, "--profile", "screen", "--root", str(root), "--out", str(out))
    command = ctx.tools.cahiers(*args, cwd=root)
    probes = [
        Probe(
            key,
            f"{label}, all cores",
            command,
            prepare=lambda: clear_layout_cache(root),
            inspect=lambda: _outputs(out),
        ),
    ]
    if shutil.which("taskset") and corpus_label == "book":
        one_core = type(command)((("taskset", "-c", "0", *command.steps[0]),), root, command.env)
        # Not a goal, and twice as slow: one run says what the segmented layout costs by itself.
        probes.append(
            Probe(
                f"{key}.one_core",
                f"{label}, one core (taskset -c 0)",
                one_core,
                repeat=1,
                prepare=lambda: clear_layout_cache(root),
            )
        )
    return probes


def _outputs(out: Path) -> dict[str, object]:
    pdfs = sorted(out.rglob("*.pdf"))
    site_pages = sum(1 for _ in (out / "site").rglob("*.html")) if (out / "site").is_dir() else 0
    return {"pdf_pages": pdf_pages(*pdfs), "site_html_files": site_pages}


def tall_probes(ctx: Context) -> list[Probe]:
    """A 300-page Cahier, built cold: the peak RSS of the whole process tree is the figure."""
    key = "tall.build"
    if not ctx.tools.has("build"):
        return [Probe.unavailable(key, "cahiers build, 300-page Cahier", "no `cahiers build` yet")]
    root = ctx.workspace.copy(ctx.corpus, "tall")
    out = ctx.workspace.scratch("tall-out")
    return [
        Probe(
            key,
            "cahiers build, cold, a Cahier of about 300 pages (peak RSS)",
            ctx.tools.cahiers("build", "--root", str(root), "--out", str(out), cwd=root),
            prepare=lambda: clear_caches(root, out),
            inspect=lambda: _outputs(out),
        )
    ]


def history_probes(ctx: Context) -> list[Probe]:
    """Credits on the credits engineer's 10,000-commit history (benchmarks.credits), against one
    bare `git log --numstat` pass over the same history."""
    if not ctx.tools.has("credits"):
        reason = "this tooling has no `cahiers credits` yet"
        return [
            Probe.unavailable("history.git_log", "git log --numstat, 10,000 commits", reason),
            Probe.unavailable("history.credits", "cahiers credits, 10,000 commits", reason),
        ]
    root = ctx.corpus
    return [
        Probe(
            "history.git_log",
            "git log --numstat, one pass over a 10,000-commit history",
            Command.of("git", "log", "--numstat", cwd=root),
        ),
        Probe(
            "history.credits",
            "cahiers credits --format json, same history",
            ctx.tools.cahiers("credits", "--root", str(root), "--format", "json", cwd=root),
        ),
    ]
