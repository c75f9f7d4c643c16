"""The Cahiers code under test, and how to run it (or a tool beside it) in a child process.

By default the tooling of this checkout is benchmarked; `--tooling DIR` or `--ref REF` point at
another tree (a branch exported with `git archive`), so one harness can compare two versions.
"""

from __future__ import annotations

import compileall
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import Command

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Toolchain:
    tooling: Path  # the folder that holds the `cahiers` package
    env: dict[str, str]
    commands: frozenset[str]  # `cahiers` subcommands this tooling has

    @staticmethod
    def at(tooling: Path) -> Toolchain:
        tooling = tooling.resolve()
        if not (tooling / "cahiers" / "__init__.py").is_file():
            raise SystemExit(f"no cahiers package under {tooling}")
        # Byte-compile once, untimed: the first timed run must not pay for it.
        compileall.compile_dir(str(tooling), quiet=2)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(tooling), str(REPO)]),
        }
        env.pop("SOURCE_DATE_EPOCH", None)
        help_text = subprocess.run(
            [sys.executable, "-m", "cahiers", "--help"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        ).stdout
        return Toolchain(tooling, env, _subcommands(help_text))

    def has(self, command: str) -> bool:
        return command in self.commands

    def cahiers(self, *args: str, cwd: Path) -> Command:
        return Command.of(sys.executable, "-m", "cahiers", *args, cwd=cwd, env=self.env)

    def python(self, *args: str, cwd: Path) -> Command:
        """`python ARGS` with this tooling importable (tools and benchmark helpers)."""
        return Command.of(sys.executable, *args, cwd=cwd, env=self.env)

    def helper(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run `benchmarks.helpers` (untimed set-up that needs the tooling's API)."""
        return subprocess.run(
            [sys.executable, "-m", "benchmarks.helpers", *args],
            cwd=cwd,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )


def _subcommands(help_text: str) -> frozenset[str]:
    _, _, listing = help_text.partition("Commands:")
    return frozenset(re.findall(r"^\s{2}([a-z][a-z-]*)\s", listing, re.MULTILINE))
