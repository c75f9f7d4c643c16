"""The machine and the tool versions a benchmark ran with: figures mean nothing without them."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

PACKAGES = (
    "weasyprint",
    "pydyf",
    "mkdocs",
    "mkdocs-material",
    "pypandoc-binary",
    "GitPython",
    "mkdocs-git-authors-plugin",
    "mkdocs-print-site-plugin",
)


def pandoc_path() -> str:
    """The pandoc the render stage uses: pypandoc-binary's, else the one on PATH."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return "pandoc"


def machine() -> dict[str, Any]:
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": _cpu_model(),
        "ram_gib": round(_mem_total_kib() / 1024 / 1024, 1),
        "kernel": platform.release(),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def versions(tooling: Path) -> dict[str, str]:
    found = {"python": platform.python_version()}
    found["pandoc"] = _first_match([pandoc_path(), "--version"], r"pandoc\S* (\S+)")
    found["git"] = _first_match(["git", "--version"], r"git version (\S+)")
    for package in PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    found["cahiers (tooling under test)"] = _describe(tooling)
    return found


def _describe(tooling: Path) -> str:
    """The commit of the tooling under test, when it sits in a git checkout."""
    try:
        done = subprocess.run(
            ["git", "-C", str(tooling), "describe", "--always", "--dirty", "--abbrev=10"],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "unknown"
    return done.stdout.strip() or str(tooling)


def _first_match(argv: list[str], pattern: str) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, check=False).stdout
    except OSError:
        return "not found"
    match = re.search(pattern, out)
    return match.group(1) if match else "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_kib() -> int:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0
