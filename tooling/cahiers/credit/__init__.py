"""Credit: one pass over git history, attributed to contributions, groups and papers.

Entry points:
- `collect_credits(project, paper=None, allow_shallow=False)`: one history pass, then attribution;
- `read_history(root)` once and `credits_from_history(project, history, paper=...)` as many times
  as needed (the site credits the whole project and each paper from one pass);
- `credit_findings(project)`: the findings `cahiers check` reports (unknown identities, …).
"""

from __future__ import annotations

import warnings

from cahiers.credit.attribute import attribute
from cahiers.credit.config import load_config
from cahiers.credit.diagnostics import shallow_history_finding, unknown_identity_findings
from cahiers.credit.history import History, ShallowHistoryWarning, read_history
from cahiers.credit.identities import IdentityResolver
from cahiers.credit.types import Credits
from cahiers.errors import RepositoryError
from cahiers.findings import Finding, Location, notice
from cahiers.model import Project

__all__ = [
    "Credits",
    "History",
    "ShallowHistoryWarning",
    "collect_credits",
    "credit_findings",
    "credits_from_history",
    "read_history",
]

RULE_NO_HISTORY = "credits-no-history"


def credits_from_history(
    project: Project, history: History, *, paper: str | None = None
) -> Credits:
    """Attribute an already-read history; `paper` is a paper slug (ValueError when unknown)."""
    config, _ = load_config(project.root)
    return attribute(project, history, IdentityResolver(project.people, config.bots), paper=paper)


def collect_credits(
    project: Project, *, paper: str | None = None, allow_shallow: bool = False
) -> Credits:
    """One history pass and its attribution. Raises `RepositoryError` on a shallow clone unless
    `allow_shallow` (then `ShallowHistoryWarning` is warned and `Credits.shallow` is true)."""
    history = read_history(project.root, allow_shallow=allow_shallow)
    return credits_from_history(project, history, paper=paper)


def credit_findings(project: Project) -> list[Finding]:
    """What `cahiers check` reports about credits; never raises for a missing or shallow history."""
    config, findings = load_config(project.root)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ShallowHistoryWarning)
            history = read_history(project.root, allow_shallow=True)
    except RepositoryError as exc:
        message = f"git history unavailable, identities not checked: {exc}"
        return [*findings, notice(Location("groups/people.yml"), RULE_NO_HISTORY, message)]
    resolver = IdentityResolver(project.people, config.bots)
    credits = attribute(project, history, resolver)
    findings.extend(unknown_identity_findings(credits, project.people))
    if history.shallow:
        findings.append(shallow_history_finding())
    return findings
