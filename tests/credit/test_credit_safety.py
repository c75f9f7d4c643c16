"""Shallow clones, hostile names and file names, unknown identities, missing history."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from cahiers.credit import ShallowHistoryWarning, collect_credits, credit_findings
from cahiers.credit.formats import format_credits
from cahiers.errors import RepositoryError
from cahiers.findings import Severity
from cahiers.model import Project
from credit.gitrepo import GitRepo, contribution, group, paper, person, project

ANN = ("Ann Martin", "ann@acme.example")
TEXT = "---\ntitle: X\n---\n\n## Un\n\nTexte.\n"


def simple(root: Path) -> Project:
    registered = [person("ann", "Ann Martin", ["ann@acme.example"])]
    cloud = group("cloud", ["ann"], [contribution("cloud", "a", ["ann"])])
    cahier = paper("cahier-2026", ["ann"], {"cloud": ["a"]})
    return project(root, registered, [cloud], [cahier])


def test_shallow_clone_stops_with_the_fix_unless_allowed(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit(ANN, {"groups/cloud/a.md": TEXT})
    repo.commit(("Old Hand", "old@acme.example"), {"groups/cloud/a.md": TEXT + "B\n"})
    repo.commit(ANN, {"groups/cloud/a.md": TEXT + "C\n"})
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)],
        check=True,
        capture_output=True,
    )
    with pytest.raises(RepositoryError, match="fetch-depth: 0") as caught:
        collect_credits(simple(clone))
    assert "git fetch --unshallow" in str(caught.value)
    with pytest.warns(ShallowHistoryWarning, match="shallow"):
        credits = collect_credits(simple(clone), allow_shallow=True)
    assert credits.shallow is True
    assert credits.unknown_identities == ()  # the old commit is not in the clone
    assert json.loads(format_credits(credits, simple(clone), "json"))["shallow"] is True
    assert "shallow" in format_credits(credits, simple(clone), "text")
    assert "incomplet" in format_credits(credits, simple(clone), "markdown")
    rules = {f.rule for f in credit_findings(simple(clone))}
    assert rules == {"credits-shallow-history"}


def test_hostile_author_name_is_cleaned_capped_and_escaped(repo: GitRepo) -> None:
    evil = "Mallory\u202e\u2066 <b>[x](javascript:alert(1))</b>\x07" + "A" * 5000
    repo.commit((evil, "mallory@evil.example"), {"groups/cloud/a.md": TEXT})
    repo.commit(
        ANN,
        {"groups/cloud/a.md": TEXT + "B\n"},
        co_authors=[("Trudy\u200f\x1b[31m", "trudy@evil.example")],
    )
    credits = collect_credits(simple(repo.root))
    names = [identity.name for identity in credits.unknown_identities]
    assert len(names) == 2
    mallory, trudy = names
    assert mallory.startswith("Mallory b[x](javascript:alert(1))/bAAA")  # git drops <>
    assert len(mallory) == 100 and mallory.endswith("…")
    assert trudy == "Trudy[31m"
    for name in names:
        assert not any(ch in name for ch in "\u202e\u2066\u200f\x07\x1b")
    text = format_credits(credits, simple(repo.root), "text")
    assert "\x1b" not in text and "\u202e" not in text


def test_registry_names_are_escaped_in_markdown(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/cloud/a.md": TEXT})
    project_ = simple(repo.root)
    hostile = person(
        "ann", "Ann <img src=x onerror=alert(1)> [lien](http://x)", ["ann@acme.example"]
    )
    project_ = project(repo.root, [hostile], project_.groups.values(), project_.papers.values())
    markdown = format_credits(collect_credits(project_), project_, "markdown")
    assert "<img" not in markdown and "](" not in markdown
    assert r"&lt;img src=x onerror=alert\(1\)&gt; \[lien\]\(http://x\)" in markdown


def test_a_file_named_like_an_option_is_harmless(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/cloud/--output=x.md": TEXT, "groups/cloud/a.md": TEXT})
    repo.commit(("Zed", "zed@else.example"), {"groups/cloud/--output=x.md": TEXT + "Z\n"})
    before = sorted(p.name for p in repo.root.iterdir())
    credits = collect_credits(simple(repo.root))
    assert sorted(p.name for p in repo.root.iterdir()) == before
    assert not Path("x.md").exists() and not Path("x").exists()
    assert "groups/cloud/--output=x.md" in credits.files
    assert credits.unknown_identities[0].paths == ("groups/cloud/--output=x.md",)


def test_unknown_identity_is_a_finding_at_the_first_file_it_touched(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/cloud/a.md": TEXT})
    first = repo.commit(("Zoé", "zoe@else.example"), {"papers/cahier-2026/preamble.md": "P\n"})
    second = repo.commit(("Zoé", "ZOE@else.example"), {"groups/cloud/a.md": TEXT + "Z\n"})
    findings = credit_findings(simple(repo.root))
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "credits-unknown-identity"
    assert finding.severity is Severity.WARNING
    assert str(finding.location) == "papers/cahier-2026/preamble.md:1:1"
    assert first[:12] in finding.message and second[:12] in finding.message
    assert "groups/cloud/a.md" in finding.message
    assert finding.hint is not None
    assert "groups/people.yml" in finding.hint and ".mailmap" in finding.hint
    assert "zoe@else.example" in finding.hint.lower()


def test_registered_people_and_bots_give_no_finding(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/cloud/a.md": TEXT})
    repo.commit(("ci", "ci@assoc.example"), {"groups/cloud/a.md": TEXT + "x\n"})
    repo.commit(ANN, {"policy/credits.yml": "bots: [ci@assoc.example]\n"})
    assert credit_findings(simple(repo.root)) == []


def test_bad_credits_config_is_a_finding(repo: GitRepo) -> None:
    repo.commit(ANN, {"policy/credits.yml": "bots: &a [x]\nother: *a\n"})
    findings = credit_findings(simple(repo.root))
    assert [(f.rule, f.location.line) for f in findings] == [("credits-config", 1)]


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(RepositoryError, match="not a git repository"):
        collect_credits(simple(tmp_path))
    assert [f.rule for f in credit_findings(simple(tmp_path))] == ["credits-no-history"]


def test_repository_without_commits(repo: GitRepo) -> None:
    credits = collect_credits(simple(repo.root))
    assert credits.head_commit is None
    assert [(p.id, p.roles, p.commits) for p in credits.people] == [
        ("ann", ("author", "editor", "chair"), 0)
    ]


def test_unknown_identity_hint_names_a_namesake(repo: GitRepo) -> None:
    repo.commit(("ann  martin", "ann.martin@home.example"), {"groups/cloud/a.md": TEXT})
    (finding,) = credit_findings(simple(repo.root))
    assert finding.hint is not None and "`ann` (same name)" in finding.hint
