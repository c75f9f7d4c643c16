"""Shared test helpers. Heavy, shared fixtures (the full sample render) live here too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cahiers.pipeline import Prepared

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests" / "site"))  # site_inputs: shared by site and browser
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(name: str) -> str:
    """The path of an external tool. Missing: skip locally, but fail in CI (CI=true)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (bash .ci/setup installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


# A fixed identity and date: commits, hence credits and dates from git, are the same every run.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Claire Martineau",
    "GIT_AUTHOR_EMAIL": "claire@example.com",
    "GIT_COMMITTER_NAME": "Claire Martineau",
    "GIT_COMMITTER_EMAIL": "claire@example.com",
    "GIT_AUTHOR_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
MINI_SOURCE = REPO_ROOT / "tests" / "site" / "fixtures" / "mini"


def git_copy_of_mini(repo: Path) -> Path:
    """The mini fixture as a git repository of one commit (GIT_ENV's identity and date)."""
    git = require_tool("git")
    shutil.copytree(MINI_SOURCE, repo)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Mini"]):
        subprocess.run(
            [git, *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True, capture_output=True
        )
    return repo


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def rendered_sample() -> Prepared:
    """The full sample (all groups, the Cahier 2026), checked, credited and rendered once per test
    session (and per xdist worker): what both the site's and the book's tests build from."""
    from cahiers import pipeline
    from cahiers.errors import ToolMissing

    checked = pipeline.check(REPO_ROOT)
    try:
        return pipeline.prepare(REPO_ROOT, checked, allow_shallow=True)
    except ToolMissing as exc:
        if IN_CI:
            pytest.fail(str(exc))
        pytest.skip(str(exc))


# --- built sites: shared by tests/site and tests/browser ---------------------------------------


@pytest.fixture(scope="session")
def mini() -> Prepared:
    """The `mini` fixture repository with hand-built render and credits outputs."""
    from site_inputs import mini_prepared

    return mini_prepared()


@pytest.fixture(scope="session")
def mini_site(mini: Prepared, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from site_inputs import build_site_into

    return build_site_into(mini, tmp_path_factory.mktemp("mini-build"))


@pytest.fixture(scope="session")
def sample_site(rendered_sample: Prepared, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full sample site, built once per session (and per xdist worker)."""
    from site_inputs import build_site_into

    return build_site_into(rendered_sample, tmp_path_factory.mktemp("sample-build"))


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini repository."""
    from site_inputs import MINI

    target = tmp_path / "repo"
    shutil.copytree(MINI, target)
    return target
