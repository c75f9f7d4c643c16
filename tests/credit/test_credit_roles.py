"""Declared roles merged with history, paper scope, consent."""

from __future__ import annotations

import json

from cahiers.credit import collect_credits
from cahiers.credit.formats import format_credits
from cahiers.model import Project
from credit.gitrepo import GitRepo, contribution, group, paper, person, project

ANN = ("Ann Martin", "ann@acme.example")
BOB = ("Bob Petit", "bob@acme.example")
DAN = ("Dan Secret", "dan@acme.example")
TEXT = "---\ntitle: X\n---\n\n## Un\n\nTexte.\n"


def sample(repo: GitRepo) -> Project:
    people = [
        person("ann", "Ann Martin", ["ann@acme.example"]),
        person("bob", "Bob Petit", ["bob@acme.example"]),
        person("dan", "Dan Secret", ["dan@acme.example"], consent=False),
        person("eve", "Ève Leroy"),
        person("fay", "Fay Moreau"),
    ]
    cloud = group(
        "cloud",
        ["eve"],
        [
            contribution("cloud", "reversibilite", ["ann"], reviewers=["dan"]),
            contribution("cloud", "brouillon", ["bob"]),
        ],
    )
    cyber = group("cyber", ["fay"], [contribution("cyber", "crise", ["dan"])])
    cahier = paper("cahier-2026", ["eve"], {"cloud": ["reversibilite"], "cyber": ["crise"]})
    return project(repo.root, people, [cloud, cyber], [cahier])


def build(repo: GitRepo) -> Project:
    repo.commit(ANN, {"groups/cloud/reversibilite.md": TEXT})
    repo.commit(BOB, {"groups/cloud/reversibilite.md": TEXT + "Ajout.\n"})
    repo.commit(BOB, {"groups/cloud/brouillon.md": TEXT})
    repo.commit(DAN, {"groups/cyber/crise.md": TEXT})
    repo.commit(BOB, {"papers/cahier-2026/preamble.md": "Préambule.\n"})
    return sample(repo)


def test_project_roles_merge_declared_and_history(repo: GitRepo) -> None:
    credits = collect_credits(build(repo))
    by_id = {p.id: p for p in credits.people}
    assert by_id["ann"].roles == ("author",)
    assert by_id["bob"].roles == ("author",)
    assert by_id["bob"].commits == 3
    assert by_id["bob"].contributions == (
        "groups/cloud/brouillon.md",
        "groups/cloud/reversibilite.md",
    )
    assert by_id["dan"].roles == ("author", "reviewer")
    assert by_id["eve"].roles == ("editor", "chair")
    assert by_id["fay"].roles == ("chair",)
    assert by_id["ann"].organization == "Acme Mutuelle"


def test_paper_scope_leaves_out_what_the_paper_does_not_print(repo: GitRepo) -> None:
    credits = collect_credits(build(repo), paper="cahier-2026")
    by_id = {p.id: p for p in credits.people}
    # Bob is no declared author in the paper: he edited a printed text and the preamble.
    assert by_id["bob"].roles == ("contributor",)
    assert by_id["bob"].commits == 2
    assert by_id["bob"].contributions == ("groups/cloud/reversibilite.md",)
    assert "fay" in by_id  # chair of a group of the paper


def test_consent_false_is_counted_never_named(repo: GitRepo) -> None:
    project_ = build(repo)
    credits = collect_credits(project_)
    dan = credits.person("dan")
    assert dan is not None
    assert dan.name is None and dan.organization is None and dan.organization_id is None
    assert dan.commits == 1
    assert credits.anonymous_count == 1
    assert credits.people[-1] is dan  # listed last, so the order reveals nothing
    outputs = {
        fmt: format_credits(credits, project_, fmt, paper="cahier-2026")
        for fmt in ("text", "json", "markdown", "cff")
    }
    for fmt, text in outputs.items():
        assert "Dan" not in text and "Secret" not in text and "dan" not in text, fmt
        assert "@" not in text or fmt in ("text", "json"), fmt
    data = json.loads(outputs["json"])
    anonymous = [p for p in data["people"] if p["name"] is None]
    assert anonymous == [
        {
            "id": "anonymous-1",
            "name": None,
            "organization": None,
            "roles": ["author", "reviewer"],
            "contributions": ["groups/cyber/crise.md"],
            "commits": 1,
        }
    ]
    assert "Une personne a contribué sans souhaiter être nommée." in outputs["markdown"]


def test_json_contract(repo: GitRepo) -> None:
    project_ = build(repo)
    repo.commit(("Zoé Inconnue", "zoe@elsewhere.example"), {"groups/cyber/crise.md": TEXT + "Z\n"})
    data = json.loads(format_credits(collect_credits(project_), project_, "json"))
    assert set(data) == {"people", "unknown_identities", "shallow"}
    assert data["shallow"] is False
    for entry in data["people"]:
        assert set(entry) == {"id", "name", "organization", "roles", "contributions", "commits"}
    assert data["unknown_identities"] == [
        {
            "name": "Zoé Inconnue",
            "email": "zoe@elsewhere.example",
            "commits": [data["unknown_identities"][0]["commits"][0]],
            "paths": ["groups/cyber/crise.md"],
        }
    ]
    assert len(data["unknown_identities"][0]["commits"][0]) == 12


def test_unknown_paper_is_an_error(repo: GitRepo) -> None:
    project_ = build(repo)
    try:
        collect_credits(project_, paper="nope")
    except ValueError as exc:
        assert "cahier-2026" in str(exc)
    else:
        raise AssertionError("an unknown paper must be refused")
