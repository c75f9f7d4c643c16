"""The one module that knows the order of the stages. The CLI is a thin layer over it.

load → check → (credit, render) → site, book. Heavy stages are imported lazily, so that
`cahiers check` stays fast and works where WeasyPrint's native libraries are missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cahiers.check.references import check_references
from cahiers.check.review import GrantedException, SuppressedFinding, review_project, review_texts
from cahiers.findings import Finding, sorted_findings
from cahiers.load import load_project
from cahiers.model import Project


@dataclass(frozen=True, slots=True)
class CheckResult:
    project: Project
    findings: tuple[Finding, ...]
    suppressed: tuple[SuppressedFinding, ...] = ()  # silenced by an exception (SARIF keeps them)
    exceptions: tuple[GrantedException, ...] = ()  # for reports and the transparency page


def check(root: Path) -> CheckResult:
    """Load the repository and run every check; return all findings, sorted."""
    from cahiers import reviewing

    loaded = load_project(root)
    findings = list(loaded.findings)
    findings += check_references(loaded.project)
    policy, problems = reviewing.read_policy(loaded.project.root)
    findings += problems
    compiled = reviewing.compile_policy(policy, loaded.project)
    report = review_project(loaded.project, reviewing.project_texts(loaded.project), compiled)
    findings += report.findings
    return CheckResult(
        loaded.project, tuple(sorted_findings(findings)), report.suppressed, report.exceptions
    )


def review(root: Path, paths: Sequence[Path]) -> CheckResult:
    """Run the review rules on Markdown drafts (files or folders), with the repository's policy.

    The registries and the policy come from `root` when it is a Cahiers repository; a draft's
    front matter is optional.
    """
    from cahiers import reviewing

    project = Project(root.resolve(), {}, {}, {}, {})
    findings: list[Finding] = []
    if (root / "groups").is_dir():
        loaded = load_project(root)
        project = loaded.project
    policy, problems = reviewing.read_policy(root)
    findings += problems
    texts, problems = reviewing.drafts(root, paths)
    findings += problems
    compiled = reviewing.compile_policy(policy, project)
    report = review_texts(texts, compiled, project.people, project.organizations)
    findings += report.findings
    return CheckResult(project, tuple(sorted_findings(findings)), report.suppressed,
                       report.exceptions)
