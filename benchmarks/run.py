"""Benchmark Cahiers against its floors and its peers, side by side, and check the goals.

    python -m benchmarks.run            # full: about an hour; writes benchmarks/results.json
                                        # and the generated section of BENCHMARKS.md
    python -m benchmarks.run --quick    # tiny corpora, one run each: a smoke test, in a minute

Scenarios (`--only`): `book` (100 contributions: floors, our commands, peers), `large` (check on
1,000 contributions), `tall` (memory of a 300-page Cahier), `history` (credits on the credits
benchmark's 10,000-commit history). Corpora are generated once under `--work` and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.context import Context
from benchmarks.corpus import CorpusSpec
from benchmarks.floors import floor_probes
from benchmarks.goals import evaluate
from benchmarks.machine import machine, versions
from benchmarks.ours import (
    build_probes,
    check_probes,
    credits_probe,
    history_probes,
    pdf_probes,
    tall_probes,
)
from benchmarks.peers import peer_probes
from benchmarks.probes import Outcome, Probe, run_rounds
from benchmarks.report import markdown, update_markdown_file, write_json
from benchmarks.toolchain import REPO, Toolchain
from benchmarks.workspace import Corpora, Workspace, contributions

SCENARIOS = ("book", "large", "tall", "history")


def book_scenario(ctx: Context) -> list[Probe]:
    return [
        *floor_probes(ctx),
        *check_probes(ctx, "ours.check"),
        credits_probe(ctx),
        *build_probes(ctx),
        *pdf_probes(ctx),
        *peer_probes(ctx),
    ]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny corpora, one run of each")
    parser.add_argument("--repeat", type=int, help="runs per probe (default 3; --quick: 1)")
    parser.add_argument("--only", help=f"comma-separated scenarios among {', '.join(SCENARIOS)}")
    parser.add_argument("--work", type=Path, help="corpora and scratch (default .cache/benchmarks)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--tooling", type=Path, help="benchmark the cahiers package under DIR")
    source.add_argument("--ref", help="benchmark the tooling of a git ref (exported to --work)")
    parser.add_argument("--json", type=Path, help="where to write the results")
    parser.add_argument("--markdown", type=Path, help="BENCHMARKS.md whose section to update")
    args = parser.parse_args(argv)
    args.repeat = args.repeat or (1 if args.quick else 3)
    args.only = [s.strip() for s in args.only.split(",")] if args.only else list(SCENARIOS)
    unknown = set(args.only) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    mode = "quick" if args.quick else "full"
    args.work = args.work or REPO / ".cache" / "benchmarks" / mode
    if args.json is None:
        args.json = (
            args.work / "results.json" if args.quick else REPO / "benchmarks" / "results.json"
        )
    if args.markdown is None and not args.quick:
        args.markdown = REPO / "BENCHMARKS.md"
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    started = time.perf_counter()
    workspace = Workspace(args.work)
    tools = Toolchain.at(_tooling(args, workspace))
    corpora = Corpora.quick() if args.quick else Corpora.full()
    plans: dict[str, tuple[str, CorpusSpec | None, Callable[[Context], list[Probe]]]] = {
        "book": ("book", corpora.book, book_scenario),
        "large": (
            "large",
            corpora.large,
            lambda c: check_probes(c, "large.check", min(args.repeat, 3)),
        ),
        "tall": ("tall", corpora.tall, tall_probes),
        "history": ("history", None, history_probes),
    }
    data: dict[str, Any] = {
        "run": {
            "mode": "quick" if args.quick else "full",
            "repeat": args.repeat,
            "command": "python -m benchmarks.run "
            + shlex.join(argv if argv is not None else sys.argv[1:]),
        },
        "machine": machine(),
        "versions": versions(tools.tooling),
        "corpora": {},
        "scenarios": {},
        "results": {},
    }
    for scenario in args.only:
        name, spec, factory = plans[scenario]
        corpus = (
            _history(workspace, tools, args.quick) if spec is None else workspace.corpus(name, spec)
        )
        if corpus is None:
            probes = [
                Probe.unavailable(p.key, p.label, "benchmarks.credits is not on this branch yet")
                for p in history_probes(Context(workspace, tools, workspace.base))
            ]
        else:
            data["corpora"][scenario] = _describe(corpus, spec)
            probes = factory(Context(workspace, tools, corpus))
        outcomes: dict[str, Outcome] = run_rounds(probes, args.repeat, scenario)
        data["scenarios"][scenario] = list(outcomes)
        data["results"].update({key: o.to_json() for key, o in outcomes.items()})
    data["goals"] = {v.key: v.to_json() for v in evaluate(data["results"])}
    data["run"]["seconds"] = round(time.perf_counter() - started, 1)
    data["run"]["loadavg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    write_json(args.json, data)
    section = markdown(data)
    if args.markdown is not None:
        update_markdown_file(args.markdown, section)
    print(section)
    print(
        f"\nresults: {args.json}" + (f", {args.markdown}" if args.markdown else ""), file=sys.stderr
    )
    return data


def _tooling(args: argparse.Namespace, workspace: Workspace) -> Path:
    if args.tooling is not None:
        return Path(args.tooling)
    if args.ref is None:
        return REPO / "tooling"
    target = workspace.scratch(f"ref-{args.ref.replace('/', '-')}")
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", args.ref, "tooling"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "tooling"


def _history(workspace: Workspace, tools: Toolchain, quick: bool) -> Path | None:
    """The credits benchmark's 10,000-commit repository (a small one in quick mode)."""
    # With --tooling/--ref, the tree under test may bring a newer benchmarks.credits.
    import benchmarks

    beside = tools.tooling.parent / "benchmarks"
    if beside.is_dir() and str(beside) not in benchmarks.__path__:
        benchmarks.__path__.append(str(beside))
    try:
        from benchmarks.credits.history import HistorySpec, generate  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    spec = HistorySpec(commits=300, authors=20, files=40) if quick else HistorySpec()
    out = workspace.base / "corpora" / "history"
    stamp = out.parent / "history.spec.json"
    wanted = json.dumps(asdict(spec), sort_keys=True)
    if not (out.is_dir() and stamp.is_file() and stamp.read_text("utf-8") == wanted):
        with tempfile.TemporaryDirectory(dir=workspace.base) as tmp:
            generate(Path(tmp) / "repo", spec)
            if out.exists():
                subprocess.run(["rm", "-rf", str(out)], check=True)
            (Path(tmp) / "repo").replace(out)
        stamp.write_text(wanted, "utf-8")
    return out


def _describe(corpus: Path, spec: CorpusSpec | None) -> dict[str, Any]:
    files = contributions(corpus)
    commits = subprocess.run(
        ["git", "-C", str(corpus), "rev-list", "--count", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "spec": asdict(spec) if spec is not None else None,
        "contributions": len(files),
        "markdown_bytes": sum(f.stat().st_size for f in files),
        "commits": int(commits or 0),
    }


if __name__ == "__main__":
    main()
