"""`cahiers check` and `cahiers new` as a user runs them: a real process, real exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCENARIOS = Path(__file__).parent.parent / "load" / "scenarios"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CAHIERS_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "cahiers", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture
def broken_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(SCENARIOS / "valid", root)
    note = root / "groups/alpha/premiere-note.md"
    note.write_text(
        "---\ntitle: Note\nautors: [alice-martin]\nstatus: draft\n---\n\nTexte.\n", "utf-8"
    )
    (root / "groups/beta/group.yml").write_text("title: [unclosed\n", "utf-8")
    return root


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("cahiers, version ")


def test_valid_repo_exits_zero() -> None:
    result = run("check", "--root", str(SCENARIOS / "valid"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found" in result.stdout


def test_every_problem_reported_at_once_without_traceback(broken_repo: Path) -> None:
    result = run("check", "--root", str(broken_repo))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "groups/alpha/premiere-note.md:3:1: error [schema-unknown-key]" in result.stdout
    assert "hint: did you mean `authors`?" in result.stdout
    assert "groups/beta/group.yml:2:1: error [yaml-syntax]" in result.stdout


def test_json_contract(broken_repo: Path) -> None:
    result = run("check", "--root", str(broken_repo), "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert isinstance(findings, list) and findings
    for finding in findings:
        assert {"path", "line", "column", "rule", "severity", "message"} <= finding.keys()
        assert finding["severity"] in ("error", "warning", "notice")
        assert finding["line"] >= 1 and finding["column"] >= 1
        assert not finding["path"].startswith("/")
    unknown = [f for f in findings if f["rule"] == "schema-unknown-key"]
    assert unknown[0]["path"] == "groups/alpha/premiere-note.md"
    assert unknown[0]["hint"] == "did you mean `authors`?"


def test_github_annotations(broken_repo: Path) -> None:
    result = run("check", "--root", str(broken_repo), "--format", "github")
    lines = result.stdout.splitlines()
    assert (
        "::error file=groups/alpha/premiere-note.md,line=3,col=1,title=schema-unknown-key::"
        "unknown key `autors` in the front matter (hint%3A did you mean `authors`?)"
    ) not in lines  # the message is data: only properties escape `:`
    assert any(
        line.startswith("::error file=groups/alpha/premiere-note.md,line=3,col=1,")
        and line.endswith("(hint: did you mean `authors`?)")
        for line in lines
    ), lines


def test_usage_error_exits_two() -> None:
    result = run("check", "--no-such-option")
    assert result.returncode == 2
    assert "No such option" in result.stderr


def test_not_a_repository_exits_three(tmp_path: Path) -> None:
    result = run("check", "--root", str(tmp_path))
    assert result.returncode == 3
    assert "is not a Cahiers repository" in result.stderr
    assert "Traceback" not in result.stderr


def test_strict_fails_on_warnings_only_when_asked(tmp_path: Path) -> None:
    # No warning-level rule exists in the schema checks; `--strict` must still pass a clean repo.
    result = run("check", "--strict", "--root", str(SCENARIOS / "valid"))
    assert result.returncode == 0


def test_new_skeletons_pass_check(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(SCENARIOS / "valid", root)
    steps = [
        (
            "new",
            "group",
            "gamma",
            "--title",
            "Groupe Gamma",
            "--chair",
            "alice-martin",
            "--association",
            "asso-test",
        ),
        (
            "new",
            "contribution",
            "gamma",
            "une-idee",
            "--title",
            "Une idée: NO",
            "--author",
            "alice-martin",
        ),
        (
            "new",
            "paper",
            "cahier-2027",
            "--title",
            "Cahier 2027",
            "--editor",
            "chloe-durand",
            "--association",
            "asso-test",
        ),
    ]
    for step in steps:
        result = run(*step, "--root", str(root))
        assert result.returncode == 0, result.stderr
    assert (root / "groups/gamma/une-idee.md").is_file()
    result = run("check", "--root", str(root), "--format", "json")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout) == []
    again = run(*steps[0], "--root", str(root))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_base_ref_flags_config_as_code_changes(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(SCENARIOS / "valid", root)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    }
    git = ["git", "-C", str(root)]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True, env=env)
    subprocess.run([*git, "add", "-A"], check=True, env=env)
    subprocess.run([*git, "commit", "-qm", "base"], check=True, env=env)
    (root / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    subprocess.run([*git, "add", "-A"], check=True, env=env)
    subprocess.run([*git, "commit", "-qm", "change"], check=True, env=env)
    result = run("check", "--root", str(root), "--base", "HEAD~1", "--format", "json")
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    assert [(f["path"], f["rule"], f["severity"]) for f in findings] == [
        ("mkdocs.yml", "config-as-code-changed", "notice")
    ]
