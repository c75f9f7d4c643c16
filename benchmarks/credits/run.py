"""Credits benchmark: `cahiers credits` against one bare `git log --numstat` pass and against
mkdocs-git-authors-plugin, on the same generated repository, in the same run.

    python -m benchmarks.credits.run [--commits 10000] [--authors 200] [--files 1000] [--seed 1]
                                     [--repeat 7] [--mkdocs-repeat 1] [--keep DIR]

Needs `pip install mkdocs-git-authors-plugin` for the third comparison (skipped without it).
Prints a Markdown table for BENCHMARKS.md. Timings are medians of `--repeat` runs, wall clock.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from benchmarks.credits.history import HistorySpec, generate

TOOLING = Path(__file__).resolve().parents[2] / "tooling"
MKDOCS_YML = """site_name: Banc d'essai
docs_dir: groups
site_dir: {site}
theme: {{name: mkdocs}}
plugins: {plugins}
"""


def interleaved(actions: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median wall time of each action, run in rounds (a, b, c, a, b, c, …).

    Interleaving makes the ratios robust to the drift of a noisy machine, which blocks of runs
    are not.
    """
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def run_quiet(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--authors", type=int, default=200)
    parser.add_argument("--files", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--mkdocs-repeat", type=int, default=1, help="0 skips mkdocs")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    spec = HistorySpec(args.commits, args.authors, args.files, args.seed)
    with tempfile.TemporaryDirectory(prefix="cahiers-credits-bench-") as tmp:
        repo = args.keep or Path(tmp) / "repo"
        start = time.perf_counter()
        counts = generate(repo, spec)
        print(f"generated {counts} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        rows = measure(repo, Path(tmp), args.repeat, args.mkdocs_repeat)
    print(table(counts, rows, args))


BARE = "git log --numstat (bare, one pass)"
PROCESS = "cahiers credits --format json (whole command, process)"
STAGE = "credit stage: read_history + attribution (in process)"


def measure(repo: Path, tmp: Path, repeat: int, mkdocs_repeat: int) -> dict[str, float]:
    sys.path.insert(0, str(TOOLING))
    from cahiers.credit import credits_from_history, read_history
    from cahiers.credit.gitlog import git_log_command
    from cahiers.load import load_project

    env = {**os.environ, "PYTHONPATH": str(TOOLING)}
    credits = [sys.executable, "-m", "cahiers", "credits", "--root", str(repo), "--format", "json"]
    project = load_project(repo).project
    history = read_history(repo)

    def stage() -> None:
        credits_from_history(project, read_history(repo))

    rows = interleaved(
        {
            BARE: partial(run_quiet, ["git", "log", "--numstat"], repo),
            "git log as cahiers runs it": partial(run_quiet, git_log_command(), repo),
            PROCESS: partial(run_quiet, credits, repo, env),
            STAGE: stage,
            "  read_history alone (git log + parsing)": partial(read_history, repo),
            "  attribution alone": partial(credits_from_history, project, history),
            "  load_project alone (runs beside git in the command)": partial(load_project, repo),
        },
        repeat,
    )
    if mkdocs_repeat == 0:
        return rows
    if importlib.util.find_spec("mkdocs_git_authors_plugin") is None:
        print("mkdocs-git-authors-plugin is not installed: skipped", file=sys.stderr)
        return rows
    builds: dict[str, Callable[[], object]] = {}
    for label, plugins in (("without plugins", "[]"), ("with git-authors", "[git-authors]")):
        # The config sits in the repository (mkdocs resolves docs_dir next to it), untracked.
        config = repo / f"mkdocs-bench-{len(builds)}.yml"
        config.write_text(MKDOCS_YML.format(site=tmp / "site", plugins=plugins), "utf-8")
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
        builds[f"mkdocs build, {label}"] = partial(run_quiet, command, repo)
    rows.update(interleaved(builds, mkdocs_repeat))
    return rows


def table(counts: dict[str, int], rows: dict[str, float], args: argparse.Namespace) -> str:
    bare, credits, stage = rows[BARE], rows[PROCESS], rows[STAGE]
    lines = [
        f"Repository: {counts['commits']} commits, {counts['identities']} identities, "
        f"{counts['files']} contribution files (seed {args.seed}); medians of {args.repeat} "
        f"interleaved runs ({args.mkdocs_repeat} for mkdocs).",
        "",
        "| what | seconds | × bare git log |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {value:.2f} | {value / bare:.2f} |" for name, value in rows.items()]
    with_plugin = rows.get("mkdocs build, with git-authors")
    without = rows.get("mkdocs build, without plugins")
    if with_plugin is not None and without is not None:
        plugin = with_plugin - without
        lines += [
            "",
            f"- cahiers credits / bare git log: **{credits / bare:.2f}×** (goal ≤ 1.5×); the "
            f"credit stage alone: **{stage / bare:.2f}×**",
            f"- git-authors plugin cost (build with − without): {plugin:.2f} s, "
            f"**{plugin / credits:.1f}×** the time of cahiers credits (goal ≥ 20×)",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
