"""The parser of the `git log` stream, on hand-made token streams (hostile ones included)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cahiers.credit.gitlog import Identity, RawChange, parse_contact, parse_log
from cahiers.credit.history import follow

HASH = "a" * 40
DATE = "2025-03-01T09:00:00+01:00"


def header(name: str, email: str = "x@example.org", trailers: str = "") -> list[str]:
    return [f"\x1e{HASH}", name, email, DATE, DATE, trailers, ""]


def test_raw_and_numstat_with_a_rename_and_a_whitespace_only_change() -> None:
    tokens = [
        *header("Ann", trailers="Bob <bob@x>\nnot a contact"),
        "\n:100644 100644 1 2 R087",
        "groups/g/old.md",
        "groups/g/new.md",
        ":100644 100644 3 4 M",
        "groups/g/ws.md",
        ":000000 100644 0 5 A",
        "groups/g/img.png",
        "3\t1\t",
        "groups/g/old.md",
        "groups/g/new.md",
        "-\t-\tgroups/g/img.png",
    ]
    (commit,) = parse_log(tokens)
    assert commit.author == Identity("Ann", "x@example.org")
    assert commit.co_authors == (Identity("Bob", "bob@x"),)
    assert commit.author_date == dt.datetime.fromisoformat(DATE)
    assert commit.changes == (
        RawChange("R", "groups/g/new.md", "groups/g/old.md", authored=True),
        RawChange("M", "groups/g/ws.md", None, authored=False),
        RawChange("A", "groups/g/img.png", None, authored=True),
    )


@given(st.text(alphabet=st.characters(exclude_characters="\0"), max_size=30))
def test_no_name_can_forge_a_field_or_a_commit(name: str) -> None:
    tokens = [
        *header(name, email=name),
        "\n:000000 100644 0 5 A",
        "groups/g/a.md",
        "1\t0\tgroups/g/a.md",
        *header("Second"),
    ]
    first, second = parse_log(tokens)
    assert first.author == Identity(name, name)
    assert [c.path for c in first.changes] == ["groups/g/a.md"]
    assert second.author.name == "Second" and second.changes == ()


def test_parse_contact() -> None:
    assert parse_contact("Jane Doe <jane@x.org>") == Identity("Jane Doe", "jane@x.org")
    assert parse_contact("<jane@x.org>") == Identity("", "jane@x.org")
    assert parse_contact("Jane Doe") is None
    assert parse_contact("Jane <>") is None


def test_follow_maps_old_paths_to_the_current_one_even_across_two_moves() -> None:
    tokens = [
        *header("C"),
        "\n:100644 100644 1 2 R100",
        "groups/g/b.md",
        "groups/g/c.md",
        "0\t0\t",
        "groups/g/b.md",
        "groups/g/c.md",
        *header("B"),
        "\n:100644 100644 1 2 R100",
        "groups/g/a.md",
        "groups/g/b.md",
        "0\t0\t",
        "groups/g/a.md",
        "groups/g/b.md",
        *header("A"),
        "\n:000000 100644 0 5 A",
        "groups/g/a.md",
        "2\t0\tgroups/g/a.md",
    ]
    commits, ignored = follow(parse_log(tokens))
    assert ignored == 0
    assert [(c.identities[0].name, c.paths) for c in commits] == [("A", ("groups/g/c.md",))]
