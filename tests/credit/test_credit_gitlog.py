"""The parser of the `git log` stream, on hand-made streams (hostile ones included)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cahiers.credit.gitlog import Identity, RawChange, parse_contact, parse_stream
from cahiers.credit.history import follow
from cahiers.errors import RepositoryError

HASH = "a" * 40
DATE = "2025-03-01T09:00:00+01:00"


def header(name: str, email: str = "x@example.org", trailers: str = "") -> list[str]:
    """What `git log -z --format=…` prints for a commit header: the \\x1e, fields, terminator."""
    return ["", f"\x1e{HASH}", f"N{name}", f"E{email}", DATE, DATE, f"T{trailers}", ""]


def stream(*tokens: str | bytes) -> io.BytesIO:
    raw = [token if isinstance(token, bytes) else token.encode() for token in tokens]
    return io.BytesIO(b"".join(token + b"\0" for token in raw))


def test_numstat_with_a_rename_a_binary_and_a_whitespace_only_change() -> None:
    data = stream(
        *header("Ann", trailers="Bob <bob@x>\nnot a contact"),
        "\n3\t1\t",
        "groups/g/old.md",
        "groups/g/new.md",
        "0\t0\tgroups/g/ws.md",
        "-\t-\tgroups/g/img.png",
    )
    (commit,) = parse_stream(data)
    assert commit.author == Identity("Ann", "x@example.org")
    assert commit.co_authors == (Identity("Bob", "bob@x"),)
    assert commit.author_date == dt.datetime.fromisoformat(DATE)
    assert commit.changes == (
        RawChange("groups/g/new.md", "groups/g/old.md", authored=True),
        RawChange("groups/g/ws.md", None, authored=False),
        RawChange("groups/g/img.png", None, authored=True),
    )


@given(st.binary(max_size=30).map(lambda raw: raw.replace(b"\0", b"")))
def test_no_name_can_forge_a_field_or_a_commit(raw: bytes) -> None:
    """Any bytes but NUL (which git never writes in a name) in every free-text field."""
    fields = [b"", f"\x1e{HASH}".encode(), b"N" + raw, b"E" + raw, DATE.encode(), DATE.encode()]
    name = raw.decode("utf-8", "replace")
    data = stream(
        *fields,
        b"T" + raw,
        "",
        "\n1\t0\tgroups/g/a.md",
        *header("Second"),
    )
    first, second = parse_stream(data)
    assert first.author == Identity(name, name)
    assert [c.path for c in first.changes] == ["groups/g/a.md"]
    assert second.author.name == "Second" and second.changes == ()


def test_garbage_is_a_repository_error() -> None:
    with pytest.raises(RepositoryError, match="unexpected git log output"):
        list(parse_stream(stream("", "\x1eabc", "no prefix")))
    with pytest.raises(RepositoryError, match="truncated"):
        list(parse_stream(stream(*header("A"), "\n0\t0\t", "groups/g/a.md")))


def test_parse_contact() -> None:
    assert parse_contact("Jane Doe <jane@x.org>") == Identity("Jane Doe", "jane@x.org")
    assert parse_contact("<jane@x.org>") == Identity("", "jane@x.org")
    assert parse_contact("Jane Doe") is None
    assert parse_contact("Jane <>") is None


def test_follow_maps_old_paths_to_the_current_one_even_across_two_moves() -> None:
    data = stream(
        *header("C"),
        "\n0\t0\t",
        "groups/g/b.md",
        "groups/g/c.md",
        *header("B"),
        "\n0\t0\t",
        "groups/g/a.md",
        "groups/g/b.md",
        *header("A"),
        "\n2\t0\tgroups/g/a.md",
    )
    commits, ignored = follow(parse_stream(data))
    assert ignored == 0
    assert [(c.identities[0].name, c.paths) for c in commits] == [("A", ("groups/g/c.md",))]


def test_absurd_co_author_lists_are_capped() -> None:
    many = "\n".join(f"P{i} <p{i}@x>" for i in range(500))
    huge = f"{'N' * 10_000} <e@x>\nA{' ' * 100_000}B\nS <{'e' * 300}@x>\nShort {'n' * 900} <ok@x>"
    first, second = parse_stream(stream(*header("A", trailers=many), *header("B", trailers=huge)))
    assert len(first.co_authors) == 50
    assert second.co_authors == (Identity("Short " + "n" * 250, "ok@x"),)
