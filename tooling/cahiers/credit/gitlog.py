"""The one `git log` pass over history, read as a stream of NUL-separated tokens.

Why this exact command line:
- `--use-mailmap`: git applies `.mailmap` to the author (GitPython does not).
- `--no-merges`: a merge's changes belong to the merged commits, which are listed themselves.
- `-M --numstat -w --ignore-blank-lines -z`: one entry per changed file, with the lines added and
  removed once whitespace and blank lines are ignored. A change that only touched whitespace has
  no entry (or 0/0) and is not authorship; a rename always has one, with both paths, even when
  the content did not change. `-z` prints paths verbatim.
- `--topo-order`: a child is always read before its parents, which rename following relies on.
- `--relative` and the paths after `--`: only `groups/` and `papers/` of the project root, paths
  printed relative to it; nothing from history is ever parsed as an option.
- `--no-ext-diff --no-textconv --no-color`: no configured program runs, no escape codes.

Every field of a commit header is NUL-terminated and git never puts NUL in a name, an e-mail, a
trailer or a path; free-text fields carry a prefix letter. So a hostile name cannot forge a field
or a commit. The output is parsed as it arrives, one commit at a time.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cahiers.errors import RepositoryError, ToolMissing

CONTENT_PATHS = ("groups/", "papers/")
_HEADER_FIELDS = 6  # hash, author name, author e-mail, author date, committer date, co-authors
# Free-text fields get a fixed prefix letter, so none of them can start like a commit does.
_FORMAT = (
    "%x00%x1e%H%x00N%aN%x00E%aE%x00%aI%x00%cI%x00"
    "T%(trailers:key=Co-authored-by,valueonly,unfold,separator=%x0a)%x00"
)
_PREFIXES = ((1, "N"), (2, "E"), (5, "T"))
_HASH = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
_CONTACT = re.compile(r"^(.*?)\s*<([^<>]*)>\s*$")
_CHUNK = 1 << 18
MAX_CO_AUTHORS = 50  # per commit; more is an attack, not a team
_MAX_CONTACT_NAME = 256
_MAX_EMAIL = 254
_MAX_CONTACT_LINE = 1024


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class RawChange:
    path: str  # path after the change
    old_path: str | None = None  # the path before, for a rename
    authored: bool = False  # lines (or binary content) changed once whitespace is ignored


@dataclass(frozen=True, slots=True)
class RawCommit:
    hash: str
    author: Identity
    co_authors: tuple[Identity, ...]
    author_date: dt.datetime
    changes: tuple[RawChange, ...]


def git_log_command() -> list[str]:
    return [
        "git",
        "log",
        "--use-mailmap",
        "--no-merges",
        "--topo-order",
        "--relative",
        "-M",
        "--numstat",
        "-w",
        "--ignore-blank-lines",
        "-z",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "--no-abbrev",
        f"--format={_FORMAT}",
        "HEAD",
        "--",
        *CONTENT_PATHS,
    ]


def git_env() -> dict[str, str]:
    """The environment for git: no pager, no prompts, no locale surprises in messages."""
    env = dict(os.environ)
    env.update({"GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    env.pop("GIT_EXTERNAL_DIFF", None)
    return env


def run_git(root: Path, args: Sequence[str]) -> str:
    """A short git call (not the history pass); its failure is a RepositoryError."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, env=git_env(), capture_output=True, check=False
        )
    except FileNotFoundError as exc:
        raise ToolMissing("git is not installed: credits are read from git history") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RepositoryError(f"git {args[0]} failed in {root}: {message}")
    return done.stdout.decode("utf-8", "replace")


def iter_commits(root: Path) -> Iterator[RawCommit]:
    """Stream the commits touching `groups/` and `papers/`, newest first (children first)."""
    with tempfile.TemporaryFile() as stderr:
        try:
            process = subprocess.Popen(
                git_log_command(), cwd=root, env=git_env(), stdout=subprocess.PIPE, stderr=stderr
            )
        except FileNotFoundError as exc:
            raise ToolMissing("git is not installed: credits are read from git history") from exc
        assert isinstance(process.stdout, io.BufferedReader)
        try:
            yield from parse_stream(process.stdout)
        finally:
            process.stdout.close()
            code = process.wait()
        if code != 0:
            stderr.seek(0)
            message = stderr.read().decode("utf-8", "replace").strip()
            raise RepositoryError(f"git log failed in {root}: {message}")


class Chunked(Protocol):
    """A binary stream that returns what has arrived (`BufferedReader`, `BytesIO`)."""

    def read1(self, size: int = -1, /) -> bytes: ...


def parse_stream(stream: Chunked) -> Iterator[RawCommit]:
    """Parse the output of `git_log_command()` chunk by chunk, one commit at a time.

    A commit starts with the two bytes NUL, RS, which nothing else in the stream can produce: after
    a NUL comes a prefixed header field (`N`, `E`, `T`), a date, a newline, a numstat entry, a
    path under `groups/` or `papers/`, or the NUL that starts the next commit.
    """
    pending = b""
    while chunk := stream.read1(_CHUNK):  # what has arrived: parse while git works
        records = (pending + chunk).split(b"\0\x1e")
        pending = records.pop()
        for record in records:
            if record:  # the stream starts with a separator
                yield parse_record(record.decode("utf-8", "replace"))
    if pending.strip(b"\0\n"):
        yield parse_record(pending.decode("utf-8", "replace"))


def parse_record(record: str) -> RawCommit:
    """One commit: the header fields, then its numstat entries."""
    tokens = record.split("\0")
    while len(tokens) > _HEADER_FIELDS and not tokens[-1]:
        tokens.pop()  # the terminators at the end of the record
    if (
        len(tokens) < _HEADER_FIELDS
        or not _HASH.fullmatch(tokens[0])
        or any(not tokens[index].startswith(prefix) for index, prefix in _PREFIXES)
    ):
        raise RepositoryError(f"unexpected git log output near {record[:60]!r}")
    commit_hash, name, email, author_date, _committer_date, trailers = tokens[:_HEADER_FIELDS]
    changes: list[RawChange] = []
    index, count = _HEADER_FIELDS + 1, len(tokens)  # the empty token ends the header
    while index < count:
        token = tokens[index].removeprefix("\n")
        index += 1
        if not token:
            continue
        # "added\tdeleted\tpath", or for a rename "added\tdeleted\t" then the two paths
        added, deleted, path = _numstat(token)
        old_path = None
        if not path:
            if index + 1 >= count:
                raise RepositoryError(f"truncated git log output near {token[:60]!r}")
            old_path, path = tokens[index], tokens[index + 1]
            index += 2
        authored = added == "-" or int(added) + int(deleted) > 0  # "-": a binary file
        changes.append(RawChange(path, old_path, authored))
    co_authors = tuple(
        contact for line in trailers[1:].split("\n") if (contact := parse_contact(line))
    )[:MAX_CO_AUTHORS]
    return RawCommit(
        hash=commit_hash,
        author=Identity(name[1:], email[1:]),
        co_authors=co_authors,
        author_date=dt.datetime.fromisoformat(author_date),
        changes=tuple(changes),
    )


def _numstat(token: str) -> tuple[str, str, str]:
    parts = token.split("\t", 2)
    if len(parts) != 3 or not all(p == "-" or p.isdigit() for p in parts[:2]):
        raise RepositoryError(f"unexpected git log output near {token[:60]!r}")
    return parts[0], parts[1], parts[2]


def parse_contact(text: str) -> Identity | None:
    """`Name <email>` as written in a trailer; None when it is not one (or an absurd one)."""
    if len(text) > _MAX_CONTACT_LINE:  # also keeps the regular expression linear
        return None
    match = _CONTACT.match(text.strip())
    if not match:
        return None
    name, email = match.group(1).strip(), match.group(2).strip()
    if not email or len(email) > _MAX_EMAIL:
        return None
    return Identity(name[:_MAX_CONTACT_NAME], email)
