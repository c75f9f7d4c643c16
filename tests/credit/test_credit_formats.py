"""The publishable formats: CITATION.cff (checked against the CFF 1.2.0 schema) and Markdown."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from cahiers.credit import collect_credits
from cahiers.credit.formats import format_credits
from cahiers.credit.formats.cff import split_name
from cahiers.model import Project
from credit.gitrepo import GitRepo, contribution, group, paper, person, project

TEXT = "---\ntitle: X\n---\n\n## Un\n\nTexte.\n"


def cff_schema() -> dict[str, Any]:
    """The official schema, as shipped by cffconvert (installed with --no-deps: data only)."""
    spec = importlib.util.find_spec("cffconvert")
    if spec is None or not spec.submodule_search_locations:
        if os.environ.get("CI") == "true":
            pytest.fail("cffconvert (for the CFF schema) is missing on CI")
        pytest.skip("cffconvert is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "schemas/1.2.0/schema.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def sample(repo: GitRepo) -> Project:
    people = [
        person("ann", "Ann Le Goff", ["ann@acme.example"]),
        person("bob", "Bob", ["bob@acme.example"]),
        person("dan", "Dan Secret", ["dan@acme.example"], consent=False),
    ]
    cloud = group("cloud", ["ann"], [contribution("cloud", "a", ["ann", "dan"])])
    return project(repo.root, people, [cloud], [paper("p", ["ann"], {"cloud": ["a"]})])


def test_cff_is_valid_and_names_only_consenting_people(repo: GitRepo) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    head = repo.commit(("Bob", "bob@acme.example"), {"groups/cloud/a.md": TEXT})
    project_ = sample(repo)
    text = format_credits(collect_credits(project_, paper="p"), project_, "cff", paper="p")
    data = yaml.safe_load(text)
    jsonschema.validate(data, cff_schema())
    assert data["cff-version"] == "1.2.0"
    assert data["title"] == "Cahier 2026\u202f: Reprendre la main"
    assert data["date-released"] == "2026-11-15"
    assert data["license"] == "CC-BY-4.0"
    assert data["commit"] == head
    assert data["authors"] == [
        {"given-names": "Ann", "family-names": "Le Goff", "affiliation": "Acme Mutuelle"},
        {"family-names": "Bob", "affiliation": "Acme Mutuelle"},
    ]
    assert "Dan" not in text and "@" not in text


def test_cff_without_anyone_to_name_credits_the_associations(repo: GitRepo) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    people = [person("dan", "Dan Secret", consent=False)]
    cloud = group("cloud", ["dan"], [contribution("cloud", "a", ["dan"])])
    project_ = project(repo.root, people, [cloud], [paper("p", ["dan"], {"cloud": ["a"]})])
    data = yaml.safe_load(
        format_credits(collect_credits(project_, paper="p"), project_, "cff", paper="p")
    )
    jsonschema.validate(data, cff_schema())
    assert data["authors"] == [{"name": "Club DSI"}]


def test_cff_needs_a_paper(repo: GitRepo) -> None:
    project_ = sample(repo)
    with pytest.raises(ValueError, match="one paper"):
        format_credits(collect_credits(project_), project_, "cff")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Yann Le Goff", {"given-names": "Yann", "family-names": "Le Goff"}),
        ("Anne-Sophie Kerleau", {"given-names": "Anne-Sophie", "family-names": "Kerleau"}),
        ("Platon", {"family-names": "Platon"}),
    ],
)
def test_split_name(name: str, expected: dict[str, str]) -> None:
    assert split_name(name) == expected


def test_markdown_lists_roles_in_french_and_counts_the_anonymous(repo: GitRepo) -> None:
    repo.commit(("Bob", "bob@acme.example"), {"groups/cloud/a.md": TEXT})
    project_ = sample(repo)
    markdown = format_credits(collect_credits(project_, paper="p"), project_, "markdown")
    assert markdown.splitlines() == [
        "## Contributrices et contributeurs",
        "",
        "- **Ann Le Goff** (Acme Mutuelle)\u202f: rédaction, direction de la publication, "
        "animation du groupe",
        "- **Bob** (Acme Mutuelle)\u202f: contribution",
        "",
        "Une personne a contribué sans souhaiter être nommée.",
    ]
