"""`cahiers check --base REF`: the changed files, and a notice for each config-as-code file."""

from __future__ import annotations

from pathlib import Path

import pytest
from workflow_git import commit_all, git, init_repo, write

from cahiers.changes import changed_paths
from cahiers.config_paths import RULE_ID, config_change_notices, config_path_of
from cahiers.errors import RepositoryError
from cahiers.findings import Severity


@pytest.mark.parametrize(
    "path",
    [
        "mkdocs.yml",
        "pyproject.toml",
        ".github/workflows/check.yml",
        ".github/CODEOWNERS",
        "tooling/cahiers/cli.py",
        "tooling/cahiers/book/templates/book.html.j2",
        "policy/lexicon.yml",
        ".ci/setup",
        ".mailmap",
        "./mkdocs.yml",
    ],
)
def test_config_paths_are_recognised(path: str) -> None:
    assert config_path_of(path) is not None


@pytest.mark.parametrize(
    "path",
    [
        "groups/cloud/reversibilite.md",
        "groups/cloud/group.yml",
        "papers/cahier-2026/paper.yml",
        "README.md",
        "mkdocs.yml.orig",  # a file is matched exactly, not as a prefix
        "docs/mkdocs.yml",  # only at the root
        "toolingx/a.py",  # a folder is matched with its slash
        "groups/tooling/x.md",
        "tests/workflow/test_x.py",
    ],
)
def test_content_paths_are_not_config(path: str) -> None:
    assert config_path_of(path) is None


def test_one_notice_per_changed_config_file_in_path_order() -> None:
    notices = config_change_notices(
        ["tooling/cahiers/cli.py", "groups/cloud/x.md", "mkdocs.yml", "tooling/cahiers/cli.py"]
    )
    assert [n.path for n in notices] == ["mkdocs.yml", "tooling/cahiers/cli.py"]
    for n in notices:
        assert n.rule == RULE_ID == "config-as-code-changed"
        assert n.severity is Severity.NOTICE
        assert (n.location.line, n.location.column) == (1, 1)
        assert n.path in n.message
        assert n.hint and "editor" in n.hint
    assert "the site's configuration" in notices[0].message
    assert config_change_notices(["groups/cloud/x.md", "papers/p/paper.yml"]) == []


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """main: a content file, a tool file, a file to delete; the branch changes all three."""
    repo = init_repo(tmp_path / "repo")
    write(repo, "groups/cloud/a.md", "a\n")
    write(repo, "tooling/cahiers/x.py", "x = 1\n")
    write(repo, "policy/old.yml", "old: true\n")
    write(repo, "mkdocs.yml", "site_name: T\n")
    commit_all(repo, "base")
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo, "groups/cloud/a.md", "a, edited\n")
    write(repo, "groups/cloud/é t\nrange.md", "odd name\n")
    write(repo, "--output=x.txt", "a file named like an option\n")
    write(repo, "tooling/cahiers/x.py", "x = 2\n")
    git(repo, "rm", "-q", "policy/old.yml")
    git(repo, "mv", "mkdocs.yml", "site.yml")
    commit_all(repo, "feature")
    # main moves on after the branch: its own changes are not the pull request's.
    git(repo, "checkout", "-q", "main")
    write(repo, ".github/workflows/other.yml", "on: push\n")
    commit_all(repo, "main moves on")
    git(repo, "checkout", "-q", "feature")
    return repo


def test_changed_paths_are_those_of_the_branch_only(pull_request: Path) -> None:
    paths = changed_paths(pull_request, "main")
    assert paths == (
        "--output=x.txt",
        "groups/cloud/a.md",
        "groups/cloud/é t\nrange.md",
        "mkdocs.yml",  # renamed away: both sides count
        "policy/old.yml",  # deleted
        "site.yml",
        "tooling/cahiers/x.py",
    )
    assert not (pull_request / "x.txt").exists()  # no path was read as a git option
    notices = config_change_notices(paths)
    assert [n.path for n in notices] == ["mkdocs.yml", "policy/old.yml", "tooling/cahiers/x.py"]


def test_a_base_that_looks_like_an_option_is_refused(pull_request: Path) -> None:
    with pytest.raises(RepositoryError, match="not a valid base"):
        changed_paths(pull_request, "--output=leak.txt")
    assert not (pull_request / "leak.txt").exists()


def test_an_unknown_base_says_how_to_fetch_it(pull_request: Path) -> None:
    with pytest.raises(RepositoryError, match="git fetch origin main"):
        changed_paths(pull_request, "origin/main")


def test_a_shallow_clone_without_the_merge_base_is_explained(
    pull_request: Path, tmp_path: Path
) -> None:
    shallow = tmp_path / "shallow"
    git(
        tmp_path,
        "clone",
        "-q",
        "--depth",
        "1",
        "--branch",
        "feature",
        pull_request.as_uri(),
        str(shallow),
    )
    git(shallow, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    with pytest.raises(RepositoryError, match="fetch-depth: 0"):
        changed_paths(shallow, "origin/main")
