"""One scenario repo per error class: each states the findings it expects, messages included.

A scenario folder holds an overlay on `scenarios/valid/` plus `expected.yml`:
- `findings`: [path, line, column, rule, message (substring), hint (substring, optional)];
- `symlinks`, `generate` (path: size in bytes): what git cannot carry;
- `model`: attribute values the loaded contribution must have.
The test also checks that no other error-level finding appears.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from cahiers.pipeline import check

SCENARIOS = Path(__file__).parent / "scenarios"
NAMES = sorted(p.name for p in SCENARIOS.iterdir() if p.is_dir() and p.name != "valid")


def build_scenario(name: str, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    root = tmp_path / "repo"
    shutil.copytree(SCENARIOS / "valid", root)
    scenario = SCENARIOS / name
    for source in sorted(scenario.rglob("*")):
        rel = source.relative_to(scenario)
        if source.is_file() and rel.as_posix() != "expected.yml":
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    expected: dict[str, Any] = yaml.safe_load((scenario / "expected.yml").read_text("utf-8"))
    for link, target in (expected.get("symlinks") or {}).items():
        path = root / link
        if path.exists():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        os.symlink(target, path)
    for path, size in (expected.get("generate") or {}).items():
        head = b"---\ntitle: T\nauthors: [alice-martin]\nstatus: draft\n---\n"
        (root / path).write_bytes(head + b"x" * (size - len(head)))
    return root, expected


def test_valid_scenario_has_no_findings() -> None:
    result = check(SCENARIOS / "valid")
    assert result.findings == ()
    project = result.project
    assert set(project.groups) == {"alpha", "beta"}
    assert [c.slug for c in project.contributions()] == ["premiere-note", "seconde-note"]
    note = project.contribution("premiere-note")
    assert note is not None and note.body_line == 8 and note.tags == ("test",)
    assert project.people["chloe-durand"].consent is False
    member = project.groups["alpha"].members[1]
    assert member.until is not None and member.until.isoformat() == "2025-06-30"


@pytest.mark.parametrize("name", NAMES)
def test_scenario(name: str, tmp_path: Path) -> None:
    root, expected = build_scenario(name, tmp_path)
    result = check(root)
    got = [
        (f.path, f.location.line, f.location.column, f.rule, f.message, f.hint or "")
        for f in result.findings
    ]
    for entry in expected["findings"]:
        path, line, column, rule, message, *hint = entry
        matches = [
            g
            for g in got
            if g[:4] == (path, line, column, rule)
            and message in g[4]
            and (not hint or hint[0] in g[5])
        ]
        assert matches, f"expected {entry}\n got: " + "\n  ".join(map(str, got))
    listed = {(e[0], e[1], e[2], e[3]) for e in expected["findings"]}
    unexpected = [g for g in got if g[:4] not in listed]
    assert not unexpected, f"unexpected findings: {unexpected}"
    for path, attributes in (expected.get("model") or {}).items():
        contribution = result.project.contribution_by_path(path)
        assert contribution is not None
        for attribute, value in attributes.items():
            actual = getattr(contribution, attribute)
            assert (list(actual) if isinstance(actual, tuple) else actual) == value
