"""The one `git log` pass over history, read as a stream of NUL-separated tokens.

Why this exact command line:
- `--use-mailmap`: git applies `.mailmap` to the author (GitPython does not).
- `--no-merges`: a merge's changes belong to the merged commits, which are listed themselves.
- `-M --raw --numstat -w --ignore-blank-lines -z`: the raw part gives the status of every change
  (add, delete, rename with both paths); the numstat part, computed ignoring whitespace and blank
  lines, is absent (or 0/0) for a change that only touched whitespace, which therefore is not
  authorship. `-z` makes paths verbatim.
- `--topo-order`: a child is always read before its parents, which rename following relies on.
- `--relative` and the paths after `--`: only `groups/` and `papers/` of the project root, paths
  printed relative to it; nothing from history is ever parsed as an option.
- `--no-ext-diff --no-textconv --no-color`: no configured program runs, no escape codes.

Every field of a commit header is NUL-terminated and git never puts NUL in a name, an e-mail, a
trailer or a path, so a hostile name cannot forge a field or a commit.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cahiers.errors import RepositoryError, ToolMissing

CONTENT_PATHS = ("groups/", "papers/")
_HEADER_FIELDS = 6  # hash, author name, author e-mail, author date, committer date, co-authors
_FORMAT = (
    "%x1e%H%x00%aN%x00%aE%x00%aI%x00%cI%x00"
    "%(trailers:key=Co-authored-by,valueonly,unfold,separator=%x0a)%x00"
)
_NUMSTAT = re.compile(r"(\d+|-)\t(\d+|-)\t(.*)", re.DOTALL)
_CONTACT = re.compile(r"^(.*?)\s*<([^<>]*)>\s*$")
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class RawChange:
    status: str  # one letter: A, M, D, R, C, T, …
    path: str  # path after the change
    old_path: str | None = None  # for renames and copies
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
        "--raw",
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
        assert process.stdout is not None
        try:
            yield from parse_log(_tokens(process.stdout))
        finally:
            process.stdout.close()
            code = process.wait()
        if code != 0:
            stderr.seek(0)
            message = stderr.read().decode("utf-8", "replace").strip()
            raise RepositoryError(f"git log failed in {root}: {message}")


def _tokens(stream: IO[bytes]) -> Iterator[str]:
    pending = b""
    while chunk := stream.read(_CHUNK):
        parts = (pending + chunk).split(b"\0")
        pending = parts.pop()
        for part in parts:
            yield part.decode("utf-8", "replace")
    if pending:
        yield pending.decode("utf-8", "replace")


def parse_contact(text: str) -> Identity | None:
    """`Name <email>` as written in a trailer; None when it is not one."""
    match = _CONTACT.match(text.strip())
    if not match or not match.group(2).strip():
        return None
    return Identity(match.group(1).strip(), match.group(2).strip())


def parse_log(tokens: Iterable[str]) -> Iterator[RawCommit]:
    """Parse the token stream of `git_log_command()`; see the module docstring for its shape."""
    stream = iter(tokens)
    token = next(stream, None)
    while token is not None:
        if not token.startswith("\x1e"):
            raise RepositoryError(f"unexpected git log output near {token[:40]!r}")
        header = [token[1:]]
        header.extend(next(stream, "") for _ in range(_HEADER_FIELDS - 1))
        commit_hash, name, email, author_date, _committer_date, trailers = header
        next(stream, None)  # the empty token that ends the formatted header
        statuses: list[tuple[str, str, str | None]] = []
        authored: set[str] = set()
        token = next(stream, None)
        while token is not None and not token.startswith("\x1e"):
            token = token.removeprefix("\n")
            if token.startswith(":"):
                status = token.rsplit(" ", 1)[-1][:1]
                first = next(stream, "")
                if status in "RC":
                    statuses.append((status, next(stream, ""), first))
                else:
                    statuses.append((status, first, None))
            elif match := _NUMSTAT.fullmatch(token):
                added, deleted, path = match.groups()
                if not path:  # a rename: old and new paths follow as two tokens
                    next(stream, None)
                    path = next(stream, "")
                if added == "-" or int(added) + int(deleted) > 0:
                    authored.add(path)
            elif token:
                raise RepositoryError(f"unexpected git log output near {token[:40]!r}")
            token = next(stream, None)
        co_authors = tuple(
            contact for line in trailers.split("\n") if (contact := parse_contact(line))
        )
        yield RawCommit(
            hash=commit_hash,
            author=Identity(name, email),
            co_authors=co_authors,
            author_date=dt.datetime.fromisoformat(author_date),
            changes=tuple(
                RawChange(status, path, old, path in authored) for status, path, old in statuses
            ),
        )
