"""The history pass: mailmap, co-authors, bots, renames, ignored revisions, whitespace, merges."""

from __future__ import annotations

from cahiers.credit import collect_credits, read_history
from cahiers.credit.types import Credits
from credit.gitrepo import GitRepo, contribution, group, person, project

ANN = ("Ann Martin", "ann@acme.example")
BOB = ("Bob Petit", "bob@acme.example")
CLEO = ("Cléo Durand", "cleo@acme.example")
TEXT = "---\ntitle: X\n---\n\n## Un\n\nPremier paragraphe.\n"
PEOPLE = [
    person("ann", "Ann Martin", ["ann@acme.example"]),
    person("bob", "Bob Petit", ["Bob@Acme.Example"]),  # e-mails compare case-insensitively
    person("cleo", "Cléo Durand", ["cleo@acme.example"], github="cleod"),
]


def credits_of(repo: GitRepo, slugs: tuple[str, ...] = ("a",)) -> Credits:
    contributions = [contribution("g", slug, ["ann"]) for slug in slugs]
    return collect_credits(project(repo.root, PEOPLE, [group("g", ["ann"], contributions)]))


def commits_of(credits: Credits) -> dict[str, int]:
    return {p.id: p.commits for p in credits.people}


def test_mailmap_unifies_an_old_address(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/g/a.md": TEXT})
    repo.commit(("B. Petit", "bob.old@perso.example"), {"groups/g/a.md": TEXT + "Deux.\n"})
    repo.commit(BOB, {".mailmap": "Bob Petit <bob@acme.example> <bob.old@perso.example>\n"})
    credits = credits_of(repo)
    assert commits_of(credits) == {"ann": 1, "bob": 1}
    assert credits.unknown_identities == ()


def test_co_authors_are_credited_through_the_mailmap(repo: GitRepo) -> None:
    repo.write({".mailmap": "Cléo Durand <cleo@acme.example> <c.durand@old.example>\n"})
    repo.commit(ANN, {"groups/g/a.md": TEXT}, co_authors=[BOB, ("C D", "c.durand@old.example")])
    credits = credits_of(repo)
    assert commits_of(credits) == {"ann": 1, "bob": 1, "cleo": 1}
    assert [p.roles for p in credits.people] == [
        ("author", "chair"),
        ("contributor",),
        ("contributor",),
    ]
    assert credits.person("bob") is not None
    assert credits.person("bob").contributions == ("groups/g/a.md",)  # type: ignore[union-attr]


def test_github_noreply_address_maps_to_the_handle(repo: GitRepo) -> None:
    repo.commit(("cleod", "1234+CleoD@users.noreply.github.com"), {"groups/g/a.md": TEXT})
    assert commits_of(credits_of(repo)) == {"ann": 0, "cleo": 1}


def test_bots_are_never_credited_but_update_the_file_date(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/g/a.md": TEXT})
    repo.commit(
        ("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"),
        {"groups/g/a.md": TEXT + "Bot.\n"},
    )
    repo.commit(("Renovate Bot", "bot@renovateapp.example"), {"groups/g/a.md": TEXT + "R.\n"})
    repo.commit(ANN, {"policy/credits.yml": "bots:\n  - renovate*\n"})
    credits = credits_of(repo)
    assert commits_of(credits) == {"ann": 1}
    assert credits.unknown_identities == ()
    history = credits.files["groups/g/a.md"]
    assert history.people == ("ann",)
    assert history.last_updated is not None and history.created is not None
    assert (history.last_updated - history.created).total_seconds() == 2 * 3600


def test_renames_are_followed_and_a_pure_move_is_not_authorship(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/g/old.md": TEXT})
    repo.commit(BOB, moves={"groups/g/old.md": "groups/g/a.md"})
    repo.commit(CLEO, {"groups/g/a.md": TEXT + "Suite.\n"})
    credits = credits_of(repo)
    assert commits_of(credits) == {"ann": 1, "cleo": 1}  # Bob only moved the file
    assert set(credits.files) == {"groups/g/a.md"}
    assert credits.files["groups/g/a.md"].people == ("ann", "cleo")
    assert credits.person("ann").contributions == ("groups/g/a.md",)  # type: ignore[union-attr]


def test_rename_with_edits_across_directories(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/h/a.md": TEXT + "Long enough to be seen as the same file.\n"})
    repo.commit(
        BOB,
        {
            "groups/h/a.md": None,
            "groups/g/a.md": TEXT + "Long enough to be seen as the same file.\nEt une ligne.\n",
        },
    )
    credits = credits_of(repo)
    assert commits_of(credits) == {"ann": 1, "bob": 1}
    assert set(credits.files) == {"groups/g/a.md"}


def test_ignored_revisions_and_whitespace_changes_are_not_authorship(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/g/a.md": TEXT})
    repo.commit(BOB, {"groups/g/a.md": TEXT.replace("Premier ", "Premier   ") + "  \n"})
    formatting = repo.commit(
        CLEO,
        {"groups/g/a.md": TEXT.replace("Premier", "Le premier")},
        moves={"groups/g/a.md": "groups/g/b.md"},
    )
    repo.commit(ANN, {".git-blame-ignore-revs": f"# formatting\n{formatting}\n"})
    history = read_history(repo.root)
    assert history.ignored_commits == 1
    credits = credits_of(repo, slugs=("b",))
    assert commits_of(credits) == {"ann": 1}  # neither Bob (whitespace) nor Cléo (ignored)
    assert set(credits.files) == {"groups/g/b.md"}  # the rename inside the ignored commit holds


def test_merge_commits_are_skipped_but_merged_commits_count(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/g/a.md": TEXT})
    repo.git("checkout", "-q", "-b", "topic")
    repo.commit(BOB, {"groups/g/b.md": TEXT})
    repo.git("checkout", "-q", "main")
    repo.commit(ANN, {"groups/g/a.md": TEXT + "Main.\n"})
    repo.git("merge", "-q", "--no-ff", "-m", "Merge topic", "topic", author=CLEO)
    credits = credits_of(repo, slugs=("a", "b"))
    assert commits_of(credits) == {"ann": 2, "bob": 1}


def test_only_groups_and_papers_count(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/g/a.md": TEXT})
    repo.commit(BOB, {"tooling/x.py": "x = 1\n", "README.md": "hello\n"})
    repo.commit(CLEO, {"groups/people.yml": "ann: {}\n"})  # the registry is administration
    credits = credits_of(repo)
    assert commits_of(credits) == {"ann": 1}
    assert "groups/people.yml" in credits.files  # its history is still known


def test_head_commit_and_date(repo: GitRepo) -> None:
    repo.commit(ANN, {"groups/g/a.md": TEXT})
    head = repo.commit(BOB, {"README.md": "x\n"})
    credits = credits_of(repo)
    assert credits.head_commit == head
    assert credits.head_date is not None
    assert credits.head_date.isoformat() == "2025-03-01T10:00:00+01:00"
    assert credits.shallow is False
