"""What every probe factory needs: the workspace, the tooling under test, and the corpus."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.toolchain import Toolchain
from benchmarks.workspace import Workspace

PAPER = "banc-essai"  # the one paper of every generated corpus
PROFILES = ("screen", "print")


@dataclass(frozen=True, slots=True)
class Context:
    workspace: Workspace
    tools: Toolchain
    corpus: Path  # pristine: probes work on copies


def pdf_pages(*paths: Path) -> dict[str, Any]:
    """Page counts of the PDFs a probe wrote (pypdf), by file name."""
    from pypdf import PdfReader

    return {path.name: len(PdfReader(path).pages) for path in paths if path.is_file()}


def mkdocs_config(root: Path, name: str, site_dir: Path, plugins: str, extra: str = "") -> Path:
    """A plain mkdocs-material config over the raw contributions (the user's alternative),
    written untracked into the corpus copy, next to `groups/`."""
    config = root / name
    config.write_text(
        "site_name: Banc d'essai\n"
        "docs_dir: groups\n"
        f"site_dir: {site_dir}\n"
        "theme:\n  name: material\n  language: fr\n  font: false\n"
        f"plugins: {plugins}\n{extra}",
        "utf-8",
    )
    return config
