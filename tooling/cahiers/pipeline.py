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
    changed_paths: tuple[str, ...] = ()  # with a base ref: the paths the change touches


def check(root: Path, *, base: str | None = None) -> CheckResult:
    """Load the repository and run every check; return all findings, sorted.

    With `base` (a git ref), the pull request's changes against it are examined too: changes to
    config-as-code paths are flagged for human review.
    """
    loaded = load_project(root)
    findings = list(loaded.findings)
    findings += check_references(loaded.project)
    changed: tuple[str, ...] = ()
    if base is not None:
        from cahiers.changes import changed_paths
        from cahiers.config_paths import config_change_notices

        changed = changed_paths(loaded.project.root, base)
        findings += config_change_notices(changed)
    return CheckResult(loaded.project, tuple(sorted_findings(findings)), changed)
