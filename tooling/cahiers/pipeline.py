"""The one module that knows the order of the stages. The CLI is a thin layer over it.

load → check → (credit, render) → site, book. Heavy stages are imported lazily, so that
`cahiers check` stays fast and works where WeasyPrint's native libraries are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cahiers.check.references import check_references
from cahiers.findings import Finding, sorted_findings
from cahiers.load import load_project
from cahiers.model import Project


@dataclass(frozen=True, slots=True)
class CheckResult:
    project: Project
    findings: tuple[Finding, ...]


def check(root: Path) -> CheckResult:
    """Load the repository and run every check; return all findings, sorted."""
    loaded = load_project(root)
    findings = list(loaded.findings)
    findings += check_references(loaded.project)
    return CheckResult(loaded.project, tuple(sorted_findings(findings)))
