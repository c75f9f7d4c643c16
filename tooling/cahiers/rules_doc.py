"""`cahiers rules`: the review rules with their effective severity and documentation."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from cahiers.check.review import RULES


def effective_rules(root: Path) -> list[dict[str, str]]:
    from cahiers.reviewing import read_policy

    policy, _problems = read_policy(root)
    rows = []
    for rule_id, spec in sorted(
        RULES.items(), key=lambda item: (("text", "paper", "meta").index(item[1].scope), item[0])
    ):
        severity = policy.severity(rule_id, spec.severity)
        rows.append(
            {
                "id": rule_id,
                "severity": severity.value if severity is not None else "off",
                "scope": spec.scope,
                "summary": spec.summary,
                "doc": spec.doc,
            }
        )
    return rows


def render_rules(root: Path, fmt: str) -> str:
    rows = effective_rules(root)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        lines = ["| Rule | Severity | What it catches |", "|---|---|---|"]
        lines += [f"| `{r['id']}` | {r['severity']} | {r['summary']} |" for r in rows]
        return "\n".join(lines) + "\n"
    out: list[str] = []
    for r in rows:
        out.append(f"{r['id']}  [{r['severity']}]")
        out += [textwrap.indent(paragraph, "    ") for paragraph in r["doc"].split("\n")]
        out.append("")
    return "\n".join(out)
