"""The history that counts as authorship, with every file under its current name.

Read from the single `git log` pass (`cahiers.credit.gitlog`), newest commit first:
- renames are followed backwards, so the commits made before a file moved are credited to the file
  under its current path;
- a change that touched only whitespace, or a pure move, is not authorship;
- commits listed in `.git-blame-ignore-revs` are not authorship either (their renames are still
  followed);
- merge commits are skipped (`--no-merges`): their changes belong to the merged commits;
- names and e-mails are cleaned of control and bidi characters and capped.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from cahiers.credit.gitlog import Identity, RawCommit, iter_commits
from cahiers.credit.repository import (
    SHALLOW_FIX,
    ignored_revisions,
    map_contacts,
    repository_state,
)
from cahiers.credit.sanitize import clean_email, clean_name
from cahiers.errors import RepositoryError

SHALLOW_WARNING = (
    "shallow clone: the history is incomplete, so these credits are incomplete too "
    "(fetch the whole history with `fetch-depth: 0` or `git fetch --unshallow`)"
)


class ShallowHistoryWarning(UserWarning):
    """Credits were read from a shallow clone because `allow_shallow` was given."""


@dataclass(frozen=True, slots=True)
class Commit:
    hash: str
    date: dt.datetime  # author date
    identities: tuple[Identity, ...]  # the author, then co-authors; cleaned, without duplicates
    paths: tuple[str, ...]  # current paths of the files it authored, renames followed


@dataclass(frozen=True, slots=True)
class History:
    commits: tuple[Commit, ...]  # newest first (children before parents)
    shallow: bool
    head_commit: str | None
    head_date: dt.datetime | None
    ignored_commits: int = 0  # commits skipped because `.git-blame-ignore-revs` lists them


def read_history(root: Path, *, allow_shallow: bool = False) -> History:
    """Run the one history pass over the repository at `root` (the project root).

    Raises `RepositoryError` on a shallow clone unless `allow_shallow`, which instead warns
    (`ShallowHistoryWarning`) and marks the history `shallow`.
    """
    state = repository_state(root)
    if state.shallow:
        if not allow_shallow:
            raise RepositoryError(f"cannot compute credits: {SHALLOW_FIX}")
        warnings.warn(SHALLOW_WARNING, ShallowHistoryWarning, stacklevel=2)
    if state.head_commit is None:
        return History((), state.shallow, None, None)
    commits, ignored_count = follow(iter_commits(root), ignored_revisions(root))
    co_authors = {identity for commit in commits for identity in commit.identities[1:]}
    mailmap = map_contacts(root, co_authors) if co_authors else {}
    cleaned = tuple(_clean(commit, mailmap) for commit in commits)
    return History(cleaned, state.shallow, state.head_commit, state.head_date, ignored_count)


def follow(
    raw_commits: Iterable[RawCommit], ignored: frozenset[str] = frozenset()
) -> tuple[list[Commit], int]:
    """Attribute each authored change to the current path of its file; drop ignored commits.

    `raw_commits` must be newest first: a rename is met before the older commits it explains.
    Identities are left raw (the co-authors still need the mailmap).
    """
    current_of: dict[str, str] = {}
    commits: list[Commit] = []
    ignored_count = 0
    for raw in raw_commits:
        paths: list[str] = []
        renames: list[tuple[str, str]] = []
        for change in raw.changes:
            current = current_of.get(change.path, change.path)
            if change.old_path is not None and change.status == "R":
                renames.append((change.old_path, current))
            if change.authored and current not in paths:
                paths.append(current)
        current_of.update(renames)  # after the loop: a commit may swap two names
        if raw.hash.lower() in ignored:
            ignored_count += 1
            continue
        if paths:
            identities = (raw.author, *raw.co_authors)
            commits.append(Commit(raw.hash, raw.author_date, identities, tuple(paths)))
    return commits, ignored_count


def _clean(commit: Commit, mailmap: dict[Identity, Identity]) -> Commit:
    seen: set[str] = set()
    identities: list[Identity] = []
    for index, raw in enumerate(commit.identities):
        mapped = raw if index == 0 else mailmap.get(raw, raw)
        identity = Identity(clean_name(mapped.name), clean_email(mapped.email))
        key = identity.email.lower() or identity.name.lower()
        if key not in seen:
            seen.add(key)
            identities.append(identity)
    return replace(commit, identities=tuple(identities))
