"""`cahiers check` and `cahiers review` with the review rules: real repos, git, every format."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner
from review_paths import VALID
from review_support import REPO_ROOT

from cahiers.cli import cli
from cahiers.pipeline import check

DRAFT = """---
title: Brouillon
authors: [bruno-petit]
status: draft
---

## Constat

Fournisseur Un est le leader du marché.
Voir [les tarifs](https://example.com/pricing?utm_source=cahier).
<!-- cahiers: allow promotional-wording reason="Citation analysée" by=chloe-durand -->
Produit Un, leader du marché, selon sa brochure que nous analysons.
"""


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(VALID, root)
    shutil.copytree(REPO_ROOT / "policy", root / "policy")
    return root


def test_sample_content_passes_without_warnings_or_errors() -> None:
    result = check(REPO_ROOT)
    serious = [f for f in result.findings if f.severity.value in ("error", "warning")]
    assert serious == [], "\n".join(f"{f.location}: {f.rule}: {f.message}" for f in serious)


def test_check_runs_review_rules_and_keeps_exceptions(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "groups" / "beta" / "seconde-note.md").write_text(DRAFT, encoding="utf-8")
    result = check(root)
    rules = {(f.path, f.location.line, f.rule) for f in result.findings}
    path = "groups/beta/seconde-note.md"
    assert (path, 9, "undeclared-interest") in rules
    assert (path, 9, "promotional-wording") in rules
    assert (path, 10, "tracking-link") in rules
    assert (path, 11, "exception-granted") in rules
    assert (path, 12, "promotional-wording") not in rules  # silenced, but kept:
    assert [s.finding.location.line for s in result.suppressed] == [12]
    (exception,) = result.exceptions
    assert (exception.rule, exception.approved_by, exception.suppressed) == (
        "promotional-wording",
        "chloe-durand",
        1,
    )


def test_organisation_share_and_independent_approval(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    note = root / "groups" / "alpha" / "premiere-note.md"
    words = " ".join(["mot"] * 4000)
    note.write_text(
        "---\ntitle: Première note\nauthors: [alice-martin]\nstatus: approved\n"
        "reviewers: [bruno-petit]\n---\n\n## Constats\n\n" + words + "\n",
        encoding="utf-8",
    )
    result = check(root)
    found = {(f.path, f.rule): f for f in result.findings}
    share = found[("papers/cahier-test/paper.yml", "organisation-share")]
    assert "Organisation utilisatrice wrote 100%" in share.message
    approval = found[("groups/alpha/premiere-note.md", "independent-approval")]
    assert approval.location.line == 4 and "1 independent reviewer" in approval.message


def test_review_command_formats(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    draft = tmp_path / "drafts" / "note.md"
    draft.parent.mkdir()
    draft.write_text(DRAFT.split("---\n", 2)[2], encoding="utf-8")  # no front matter
    runner = CliRunner()
    text = runner.invoke(cli, ["review", "--root", str(root), str(draft.parent)])
    assert text.exit_code == 1
    assert "promotional-wording" in text.output and "^^^^" in text.output
    data = json.loads(
        runner.invoke(cli, ["review", "--root", str(root), "--format", "json", str(draft)]).output
    )
    promo = next(d for d in data if d["rule"] == "promotional-wording")
    assert promo["excerpt"]["text"][promo["excerpt"]["start"] : promo["excerpt"]["end"]] == (
        "leader du marché"
    )
    sarif = json.loads(
        runner.invoke(cli, ["review", "--root", str(root), "--format", "sarif", str(draft)]).output
    )
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "cahiers"
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "sponsor-marker" in ids and all(
        run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"]
    )
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert suppressed[0]["suppressions"][0]["justification"] == "Citation analysée"
    markdown = runner.invoke(
        cli, ["review", "--root", str(root), "--format", "markdown", str(draft)]
    )
    assert "### Exceptions granted (1)" in markdown.output


def test_rules_command_lists_every_rule_with_its_documentation() -> None:
    result = CliRunner().invoke(cli, ["rules", "--root", str(REPO_ROOT), "--format", "json"])
    rows = {row["id"]: row for row in json.loads(result.output)}
    for rule_id in (
        "vendor-mention",
        "promotional-wording",
        "supplier-recommendation",
        "sponsor-marker",
        "call-to-action",
        "tracking-link",
        "vendor-commercial-link",
        "vendor-logo",
        "vendor-dominance",
        "undeclared-interest",
        "independent-approval",
        "organisation-share",
        "exception-reason-missing",
    ):
        assert rule_id in rows and len(rows[rule_id]["doc"]) > 80
    assert rows["vendor-mention"]["severity"] == "notice"
    assert rows["promotional-wording"]["severity"] == "error"


def _git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def test_github_annotations_only_on_changed_lines(tmp_path: Path) -> None:
    from conftest import require_tool

    require_tool("git")
    root = _repo(tmp_path)
    note = root / "groups" / "beta" / "seconde-note.md"
    note.write_text(
        DRAFT.replace("<!-- cahiers", "<!-- no").replace("Produit Un", "Nuagis"), encoding="utf-8"
    )
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "base")
    with note.open("a", encoding="utf-8") as f:
        f.write("\nCe texte est sponsorisé par Fournisseur Un.\n")
    out = (
        CliRunner()
        .invoke(cli, ["check", "--root", str(root), "--format", "github", "--base", "main"])
        .output
    )
    annotated = [line for line in out.splitlines() if line.startswith("::")]
    assert annotated and all("line=14" in line for line in annotated), out
    assert any("sponsor-marker" in line for line in annotated)
    everything = CliRunner().invoke(cli, ["check", "--root", str(root), "--format", "github"])
    assert "line=9," in everything.output  # without --base, every finding is annotated
