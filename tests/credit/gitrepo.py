"""Real git repositories in tmp dirs, with fixed identities and dates, and small Projects."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from cahiers.findings import Location
from cahiers.model import (
    Contribution,
    Group,
    Membership,
    Organization,
    Paper,
    Part,
    Person,
    Project,
)

START = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def require_git() -> None:
    if shutil.which("git") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("git is missing on CI")
        pytest.skip("git is not installed")


Who = tuple[str, str]  # (name, e-mail)


class GitRepo:
    """A repository whose commits have fixed authors and dates, one hour apart."""

    def __init__(self, root: Path) -> None:
        require_git()
        self.root = root
        self.clock = START
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def env(self, author: Who, committer: Who | None = None) -> dict[str, str]:
        committer = committer or author
        stamp = self.clock.isoformat()
        env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
        env.update(
            GIT_AUTHOR_NAME=author[0],
            GIT_AUTHOR_EMAIL=author[1],
            GIT_COMMITTER_NAME=committer[0],
            GIT_COMMITTER_EMAIL=committer[1],
            GIT_AUTHOR_DATE=stamp,
            GIT_COMMITTER_DATE=stamp,
            GIT_CONFIG_NOSYSTEM="1",
            HOME=str(self.root.parent),
        )
        return env

    def git(self, *args: str, author: Who = ("Setup", "setup@example.org")) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env=self.env(author),
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def write(self, files: Mapping[str, str | None]) -> None:
        for path, text in files.items():
            target = self.root / path
            if text is None:
                target.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")

    def commit(
        self,
        author: Who,
        files: Mapping[str, str | None] | None = None,
        message: str = "Edit",
        co_authors: Iterable[Who] = (),
        moves: Mapping[str, str] | None = None,
    ) -> str:
        """Write `files` (None deletes), apply `moves`, commit everything; returns the hash."""
        self.write(files or {})
        for old, new in (moves or {}).items():
            (self.root / new).parent.mkdir(parents=True, exist_ok=True)
            self.git("mv", "--", old, new)
        trailers = "".join(f"\nCo-authored-by: {name} <{email}>" for name, email in co_authors)
        body = f"{message}\n{trailers}" if trailers else message
        self.git("add", "-A", "--", ".")
        self.git("commit", "-q", "--allow-empty", "-m", body, author=author)
        self.clock += dt.timedelta(hours=1)
        return self.git("rev-parse", "HEAD").strip()


def loc(path: str) -> Location:
    return Location(path)


def person(
    pid: str,
    name: str,
    emails: Iterable[str] = (),
    *,
    consent: bool = True,
    github: str | None = None,
    organization: str = "acme",
) -> Person:
    return Person(
        id=pid,
        name=name,
        organization=organization,
        consent=consent,
        location=loc("groups/people.yml"),
        github=github,
        emails=tuple(emails),
    )


def contribution(
    group: str, slug: str, authors: Iterable[str], reviewers: Iterable[str] = ()
) -> Contribution:
    path = f"groups/{group}/{slug}.md"
    return Contribution(
        slug=slug,
        group=group,
        path=path,
        title=slug.title(),
        authors=tuple(authors),
        status="review",
        body="## Texte\n",
        body_line=5,
        location=loc(path),
        reviewers=tuple(reviewers),
    )


def group(slug: str, chairs: Iterable[str], contributions: Iterable[Contribution]) -> Group:
    chairs = tuple(chairs)
    return Group(
        slug=slug,
        title=slug.title(),
        summary="Un groupe.",
        charter="Charte.",
        status="active",
        associations=("assoc",),
        chairs=chairs,
        members=tuple(Membership(c, dt.date(2024, 1, 1), loc("g")) for c in chairs),
        location=loc(f"groups/{slug}/group.yml"),
        contributions=tuple(contributions),
    )


def paper(slug: str, editors: Iterable[str], parts: Mapping[str, Iterable[str]]) -> Paper:
    return Paper(
        slug=slug,
        title="Cahier 2026",
        edition="2026",
        date=dt.date(2026, 11, 15),
        associations=("assoc",),
        editors=tuple(editors),
        license="CC-BY-4.0",
        preamble="Préambule.",
        preamble_path=f"papers/{slug}/preamble.md",
        preamble_line=1,
        key_messages=(),
        parts=tuple(Part(g, tuple(c), loc(f"papers/{slug}/paper.yml")) for g, c in parts.items()),
        location=loc(f"papers/{slug}/paper.yml"),
        subtitle="Reprendre la main",
    )


ORGANIZATIONS = {
    "acme": Organization("acme", "Acme Mutuelle", "user", loc("groups/organizations.yml")),
    "assoc": Organization("assoc", "Club DSI", "association", loc("groups/organizations.yml")),
}


def project(
    root: Path,
    people: Iterable[Person],
    groups: Iterable[Group] = (),
    papers: Iterable[Paper] = (),
) -> Project:
    return Project(
        root=root,
        organizations=ORGANIZATIONS,
        people={p.id: p for p in people},
        groups={g.slug: g for g in groups},
        papers={p.slug: p for p in papers},
    )
