"""Credits benchmark: `cahiers credits` against one bare `git log --numstat` pass and against
mkdocs-git-authors-plugin, on the same generated repository, in the same run.

    python -m benchmarks.credits.run [--commits 10000] [--authors 200] [--files 1000] [--seed 1]
                                     [--repeat 3] [--keep DIR]

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


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    spec = HistorySpec(args.commits, args.authors, args.files, args.seed)
    with tempfile.TemporaryDirectory(prefix="cahiers-credits-bench-") as tmp:
        repo = args.keep or Path(tmp) / "repo"
        start = time.perf_counter()
        counts = generate(repo, spec)
        print(f"generated {counts} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        rows = measure(repo, Path(tmp), args.repeat)
    print(table(counts, rows, args))


def measure(repo: Path, tmp: Path, repeat: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(TOOLING)}
    rows: dict[str, float] = {}
    rows["git log --numstat (bare, one pass)"] = median_time(
        partial(run_quiet, ["git", "log", "--numstat"], repo), repeat
    )
    sys.path.insert(0, str(TOOLING))
    from cahiers.credit.gitlog import git_log_command

    rows["git log as cahiers runs it (-w, --raw, -M, -z)"] = median_time(
        partial(run_quiet, git_log_command(), repo), repeat
    )
    credits = [sys.executable, "-m", "cahiers", "credits", "--root", str(repo), "--format", "json"]
    rows["cahiers credits --format json (process)"] = median_time(
        partial(run_quiet, credits, repo, env), repeat
    )
    rows.update(in_process(repo, repeat))
    if importlib.util.find_spec("mkdocs_git_authors_plugin") is None:
        print("mkdocs-git-authors-plugin is not installed: skipped", file=sys.stderr)
        return rows
    for label, plugins in (("without plugins", "[]"), ("with git-authors", "[git-authors]")):
        # The config sits in the repository (mkdocs resolves docs_dir next to it), untracked.
        config = repo / "mkdocs-bench.yml"
        config.write_text(MKDOCS_YML.format(site=tmp / "site", plugins=plugins), "utf-8")
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
        rows[f"mkdocs build, {label}"] = median_time(partial(run_quiet, command, repo), repeat)
        config.unlink()
    return rows


def in_process(repo: Path, repeat: int) -> dict[str, float]:
    from cahiers.credit import credits_from_history, read_history
    from cahiers.load import load_project

    project = load_project(repo).project
    history = read_history(repo)

    def stage() -> None:
        credits_from_history(project, read_history(repo))

    return {
        "  load_project alone (in process)": median_time(partial(load_project, repo), repeat),
        "  read_history alone: git log + parsing (in process)": median_time(
            partial(read_history, repo), repeat
        ),
        "  attribution alone (in process)": median_time(
            partial(credits_from_history, project, history), repeat
        ),
        "credit stage: read_history + attribution (in process)": median_time(stage, repeat),
    }


def table(counts: dict[str, int], rows: dict[str, float], args: argparse.Namespace) -> str:
    bare = rows["git log --numstat (bare, one pass)"]
    credits = rows["cahiers credits --format json (process)"]
    stage = rows["credit stage: read_history + attribution (in process)"]
    lines = [
        f"Repository: {counts['commits']} commits, {counts['identities']} identities, "
        f"{counts['files']} contribution files (seed {args.seed}, median of {args.repeat}).",
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
