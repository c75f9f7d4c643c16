"""Findings as a SARIF 2.1.0 log, for code-scanning tools (GitHub code scanning, IDEs).

One run, tool `cahiers`, with every rule of the review catalogue (its docstring as the full
description) plus the other rules that produced a finding. Findings silenced by an exception
stay in the log as suppressed results, with the exception's reason as justification, so that
the review trail is complete.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cahiers import __version__
from cahiers.check.review import RULES
from cahiers.findings import Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}


def _rules(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    descriptors: dict[str, dict[str, Any]] = {}
    for rule_id, spec in sorted(RULES.items()):
        descriptors[rule_id] = {
            "id": rule_id,
            "name": "".join(part.capitalize() for part in rule_id.split("-")),
            "shortDescription": {"text": spec.summary},
            "fullDescription": {"text": spec.doc},
            "help": {"text": spec.doc},
            "defaultConfiguration": {"level": _LEVELS[spec.severity]},
        }
    for finding in findings:  # loader and reference rules: described by their message
        descriptors.setdefault(
            finding.rule,
            {
                "id": finding.rule,
                "shortDescription": {"text": finding.rule.replace("-", " ")},
                "defaultConfiguration": {"level": _LEVELS[finding.severity]},
            },
        )
    return list(descriptors.values())


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    loc = finding.location
    region: dict[str, Any] = {"startLine": loc.line, "startColumn": loc.column}
    if finding.excerpt is not None:
        excerpt = finding.excerpt
        region["endColumn"] = loc.column + max(excerpt.end - excerpt.start, 1)
        region["snippet"] = {"text": excerpt.text}
    message = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
    return {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": _LEVELS[finding.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": loc.path, "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
    }


def sarif_log(
    findings: Sequence[Finding], suppressed: Sequence[tuple[Finding, str]] = ()
) -> dict[str, Any]:
    rules = _rules([*findings, *(f for f, _ in suppressed)])
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [_result(f, index) for f in findings]
    for finding, justification in suppressed:
        result = _result(finding, index)
        result["suppressions"] = [
            {"kind": "inSource", "status": "accepted", "justification": justification}
        ]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cahiers",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def sarif_report(
    findings: Sequence[Finding], suppressed: Sequence[tuple[Finding, str]] = ()
) -> str:
    return json.dumps(sarif_log(findings, suppressed), ensure_ascii=False, indent=2) + "\n"
