"""Profile one of our commands on the benchmark corpora, to see where the time goes.

    python -m benchmarks.profile build-warm [--tooling DIR | --ref REF] [--work DIR]

Two views of the same command, each from its own run:
- wall clock of the main process (pyinstrument): which stage the command waits on, pandoc and
  worker processes included as the time spent waiting for them;
- CPU of every process (py-spy, `--subprocesses`): where the cores actually burn, in the main
  process, pandoc's Python neighbours and the PDF layout workers.

Writes `benchmarks/profiles/TARGET.txt` (summary) and keeps the raw py-spy stacks under --work.
Needs `pip install pyinstrument py-spy` (neither is a dependency of Cahiers).
"""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.context import PAPER
from benchmarks.toolchain import REPO, Toolchain
from benchmarks.workspace import Corpora, Workspace, clear_caches, edited_contribution, toggle_edit

TOP = 30


@dataclass(frozen=True, slots=True)
class Target:
    corpus: str  # "book" or "large"
    args: Callable[[Path, Path], list[str]]  # (root, out) -> cahiers arguments
    warm: bool  # run once untimed first, then edit one contribution


TARGETS = {
    "check-cold": Target("book", lambda root, out: ["check", "--root", str(root)], warm=False),
    "check-warm-large": Target(
        "large", lambda root, out: ["check", "--root", str(root)], warm=True
    ),
    "build-cold": Target(
        "book", lambda root, out: ["build", "--root", str(root), "--out", str(out)], warm=False
    ),
    "build-warm": Target(
        "book", lambda root, out: ["build", "--root", str(root), "--out", str(out)], warm=True
    ),
    "pdf": Target(
        "book",
        lambda root, out: ["pdf", PAPER, "--root", str(root), "--out", str(out)],
        warm=True,
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--tooling", type=Path, help="profile the cahiers package under DIR")
    parser.add_argument("--work", type=Path, default=REPO / ".cache" / "benchmarks" / "full")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "profiles")
    parser.add_argument("--rate", type=int, default=100, help="py-spy samples per second")
    args = parser.parse_args()
    for tool in ("py-spy", "pyinstrument"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed: pip install pyinstrument py-spy")
    target = TARGETS[args.target]
    workspace = Workspace(args.work)
    tools = Toolchain.at(args.tooling or REPO / "tooling")
    corpora = Corpora.full()
    corpus = workspace.corpus(target.corpus, getattr(corpora, target.corpus))
    root = workspace.copy(corpus, f"profile-{args.target}")
    out = workspace.scratch(f"profile-{args.target}-out")
    cahiers_args = target.args(root, out)
    command = [sys.executable, "-m", "cahiers", *cahiers_args]

    def ready() -> None:
        if target.warm:
            subprocess.run(command, cwd=root, env=tools.env, check=True, capture_output=True)
            toggle_edit(edited_contribution(root))
        else:
            clear_caches(root, out)

    ready()
    wall = subprocess.run(
        [sys.executable, "-m", "pyinstrument", "--show-all", "-m", "cahiers", *cahiers_args],
        cwd=root,
        env=tools.env,
        capture_output=True,
        text=True,
        check=False,
    )
    ready()
    raw = workspace.base / "profiles" / f"{args.target}.pyspy.txt"
    raw.parent.mkdir(parents=True, exist_ok=True)
    spy = subprocess.run(
        [
            "py-spy",
            "record",
            "--subprocesses",
            "-r",
            str(args.rate),
            "--format",
            "raw",
            "-o",
            str(raw),
            "--",
            *command,
        ],
        cwd=root,
        env=tools.env,
        capture_output=True,
        text=True,
        check=False,
    )
    if not raw.is_file():
        raise SystemExit(f"py-spy wrote nothing: {spy.stderr[-2000:]}")
    report = [
        f"# Profile of `cahiers {' '.join(_shorten(a, root, out) for a in cahiers_args)}` "
        f"({args.target}, corpus `{target.corpus}`)",
        "",
        "## Wall clock of the main process (pyinstrument)",
        "",
        _pyinstrument_text(wall.stdout + wall.stderr, root, out),
        f"## CPU of every process (py-spy --subprocesses, samples at {args.rate} Hz)",
        "",
        summarize(raw.read_text("utf-8"), args.rate),
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    target_file = args.out / f"{args.target}.txt"
    target_file.write_text(_strip_paths("\n".join(report), root, out) + "\n", "utf-8")
    print(target_file)


def summarize(raw: str, rate: int) -> str:
    """Per process kind: CPU seconds, then the functions with the most inclusive and self time."""
    inclusive: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    own: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    totals: collections.Counter[str] = collections.Counter()
    for line in raw.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        processes = [f for f in frames if f.startswith("process ")]
        kind = _process_kind(processes[-1] if processes else "process")
        code = [_frame(f) for f in frames if not f.startswith("process ")]
        totals[kind] += count
        for frame in set(code):
            inclusive[kind][frame] += count
        if code:
            own[kind][code[-1]] += count
    lines = []
    for kind, samples in totals.most_common():
        lines += [f"### {kind}: {samples / rate:.1f} CPU seconds", "", "inclusive:"]
        lines += [f"  {c / samples:6.1%}  {f}" for f, c in inclusive[kind].most_common(TOP)]
        lines += ["", "self:"]
        lines += [f"  {c / samples:6.1%}  {f}" for f, c in own[kind].most_common(TOP)]
        lines.append("")
    return "\n".join(lines)


def _frame(frame: str) -> str:
    """`function (file.py:123)` -> `function (file.py)`: lines split one function's time."""
    return re.sub(r":\d+\)$", ")", frame)


def _process_kind(frame: str) -> str:
    command = frame.split(":", 1)[1].strip('"') if ":" in frame else frame
    if "forkserver" in command or "multiprocessing" in command:
        return "worker processes (multiprocessing)"
    if "-m cahiers" in command:
        return "main process (cahiers)"
    return command[:80]


def _pyinstrument_text(text: str, root: Path, out: Path) -> str:
    start = text.find("  _     ._   __/__")
    return (text[start:] if start >= 0 else text)[:60_000]


def _shorten(arg: str, root: Path, out: Path) -> str:
    return arg.replace(str(root), "ROOT").replace(str(out), "OUT")


def _strip_paths(text: str, root: Path, out: Path) -> str:
    return _shorten(text, root, out).replace(sys.prefix, "PYTHON").replace(str(REPO), "REPO")


if __name__ == "__main__":
    main()
