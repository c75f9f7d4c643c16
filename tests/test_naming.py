"""The consent rule the site and the book share."""

from __future__ import annotations

from pathlib import Path

from cahiers.load import load_project
from cahiers.naming import sort_key, split_by_consent

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_declining_and_unknown_people_are_counted_never_named() -> None:
    project = load_project(REPO_ROOT).project
    ids = ["claire-martineau", "bernard-meyer", "nobody-here", "claire-martineau", "agnes-weber"]
    consented = split_by_consent(project, ids)
    assert [person.id for person in consented.named] == ["claire-martineau"]
    assert (consented.declined, consented.unknown) == (2, 1)


def test_sort_key_ignores_case_and_accents() -> None:
    assert sorted(["Émilie", "eric", "Zoé", "Élodie"], key=sort_key) == [
        "Élodie",
        "Émilie",
        "eric",
        "Zoé",
    ]
