"""The catalogue of review rules: stable ids, default severities, and their documentation.

A rule's docstring is its user documentation: `cahiers rules` prints it, the SARIF report
carries it, and the README quotes it. Severities can be changed (or a rule turned off) in
`policy/rules.yml`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from cahiers.findings import Finding, Severity

Scope = Literal["text", "paper", "meta"]
F = TypeVar("F", bound=Callable[..., Iterable[Finding]])


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity  # the default; `policy/rules.yml` may change it
    scope: Scope  # text: each text; paper: each paper; meta: about exceptions and the policy
    doc: str
    check: Callable[..., Iterable[Finding]] | None = None

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    @property
    def exceptable(self) -> bool:
        """Can an exception (inline or in front matter) silence this rule?"""
        return self.scope == "text"


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, scope: Scope = "text") -> Callable[[F], F]:
    """Register a rule; the decorated function's docstring documents it."""

    def register(function: F) -> F:
        doc = inspect.getdoc(function) or ""
        RULES[rule_id] = Rule(rule_id, severity, scope, doc, function)
        return function

    return register


def document(rule_id: str, severity: Severity, doc: str) -> None:
    """Register a rule checked elsewhere (exceptions, the policy files)."""
    RULES[rule_id] = Rule(rule_id, severity, "meta", inspect.cleandoc(doc))


def default_severities() -> dict[str, Severity]:
    return {rule_id: r.severity for rule_id, r in RULES.items()}


def describe(rule_id: str) -> dict[str, Any]:
    r = RULES[rule_id]
    return {"id": r.id, "severity": r.severity.value, "scope": r.scope, "doc": r.doc}
