"""`cahiers credits` as a user runs it: a real process on a real repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from credit.gitrepo import GitRepo

VALID = Path(__file__).parent.parent / "load" / "scenarios" / "valid"
ALICE = ("Alice M.", "Alice@Usager.example")
NOTE = "groups/alpha/premiere-note.md"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CAHIERS_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "cahiers", "credits", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def valid_repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(VALID, repo.root, dirs_exist_ok=True)
    repo.commit(("Bruno Petit", "bruno@fournisseur.example"), message="Import")
    note = (repo.root / NOTE).read_text("utf-8")
    repo.commit(ALICE, {NOTE: note + "\nUn ajout.\n"})
    return repo


def test_json_output(valid_repo: GitRepo) -> None:
    result = run("--root", str(valid_repo.root), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["shallow"] is False
    alice = next(p for p in data["people"] if p["id"] == "alice-martin")
    assert alice["commits"] == 1 and NOTE in alice["contributions"]
    assert [p["name"] for p in data["people"] if p["id"].startswith("anonymous-")] == [None]
    assert "chloe" not in result.stdout.lower()
    (unknown,) = data["unknown_identities"]
    assert unknown["email"] == "bruno@fournisseur.example"  # Bruno registered no e-mail


def test_cff_output_to_a_file(valid_repo: GitRepo, tmp_path: Path) -> None:
    target = tmp_path / "CITATION.cff"
    result = run("--root", str(valid_repo.root), "--format", "cff", "-o", str(target))
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(target.read_text("utf-8"))
    assert data["title"] == "Cahier de test"
    assert {k: v for k, v in data["authors"][0].items() if k != "affiliation"} == {
        "given-names": "Alice",
        "family-names": "Martin",
    }


def test_unknown_paper_is_a_usage_error(valid_repo: GitRepo) -> None:
    result = run("--root", str(valid_repo.root), "--paper", "nope")
    assert result.returncode == 2
    assert "cahier-test" in result.stderr


def test_shallow_clone_exits_3_with_the_fix_or_warns(valid_repo: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{valid_repo.root}", str(clone)],
        check=True,
        capture_output=True,
    )
    refused = run("--root", str(clone))
    assert refused.returncode == 3
    assert "fetch-depth: 0" in refused.stderr and "Traceback" not in refused.stderr
    allowed = run("--root", str(clone), "--allow-shallow", "--format", "markdown")
    assert allowed.returncode == 0
    assert "warning: shallow clone" in allowed.stderr
    assert "historique git incomplet" in allowed.stdout
