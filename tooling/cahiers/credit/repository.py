"""What credits need to know about the repository besides the history pass.

A few short git calls, never one per file: is it a repository, is it shallow, what is HEAD, and
how `.mailmap` maps the co-authors named in trailers (git applies the mailmap to authors only).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cahiers.credit.gitlog import Identity, parse_contact, run_git
from cahiers.errors import RepositoryError

SHALLOW_FIX = (
    "the repository is a shallow clone, so its history is incomplete and the credits would be "
    "wrong. Fetch the whole history: in GitHub Actions give `actions/checkout` the input "
    "`fetch-depth: 0`; locally run `git fetch --unshallow`. Or pass `--allow-shallow` to accept "
    "incomplete credits (marked `shallow: true`)."
)
IGNORE_REVS_FILE = ".git-blame-ignore-revs"
_FULL_HASH = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
_CONTACT_BATCH = 200  # contacts per `git check-mailmap` call, to stay far below argv limits


@dataclass(frozen=True, slots=True)
class RepositoryState:
    shallow: bool
    head_commit: str | None  # None in a repository without commits
    head_date: dt.datetime | None  # committer date of HEAD


def repository_state(root: Path) -> RepositoryState:
    if not root.is_dir():
        raise RepositoryError(f"{root} is not a directory")
    try:
        shallow = run_git(root, ["rev-parse", "--is-shallow-repository"]).strip() == "true"
    except RepositoryError as exc:
        raise RepositoryError(
            f"{root} is not a git repository: credits are read from its history ({exc})"
        ) from exc
    try:
        line = run_git(root, ["log", "-1", "--no-show-signature", "--format=%H%x00%cI", "HEAD"])
    except RepositoryError:  # an unborn branch: no commit yet
        return RepositoryState(shallow, None, None)
    head, _, date = line.strip().partition("\0")
    return RepositoryState(shallow, head, dt.datetime.fromisoformat(date))


def ignored_revisions(root: Path) -> frozenset[str]:
    """Full hashes listed in `.git-blame-ignore-revs` (comments and blank lines skipped).

    Formatting-only commits listed there are not authorship, by the ecosystem's convention (the
    file `git blame --ignore-revs-file` and GitHub's blame read).
    """
    path = root / IGNORE_REVS_FILE
    if not path.is_file() or path.is_symlink():
        return frozenset()
    revisions: set[str] = set()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if _FULL_HASH.fullmatch(word):
            revisions.add(word)
    return frozenset(revisions)


def map_contacts(root: Path, identities: Iterable[Identity]) -> dict[Identity, Identity]:
    """Apply `.mailmap` to co-author identities, with `git check-mailmap` (a few calls at most)."""
    pending = sorted(
        {i for i in identities if "<" not in i.name + i.email and ">" not in i.name + i.email},
        key=lambda i: (i.email, i.name),
    )
    mapped: dict[Identity, Identity] = {}
    for start in range(0, len(pending), _CONTACT_BATCH):
        batch = pending[start : start + _CONTACT_BATCH]
        contacts = [f"{i.name} <{i.email}>" if i.name else f"<{i.email}>" for i in batch]
        lines = run_git(root, ["check-mailmap", "--", *contacts]).split("\n")
        for identity, line in zip(batch, lines, strict=False):
            contact = parse_contact(line)
            if contact is not None:
                mapped[identity] = Identity(contact.name or identity.name, contact.email)
    return mapped
