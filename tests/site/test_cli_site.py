"""`cahiers build`, `cahiers site` and `cahiers serve` end to end, on a real git copy of the mini
fixture rendered by the real render stage (pandoc)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import git_copy_of_mini


def cahiers(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cahiers", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def mini_repo(tmp_path: Path) -> Path:
    return git_copy_of_mini(tmp_path / "repo")


def test_build_writes_the_site_with_dates_from_git(mini_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = cahiers("build", "--root", str(mini_repo), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"built {out / 'site'}" in done.stdout
    page = (out / "site/groups/cloud/reversibilite/index.html").read_text("utf-8")
    assert '<time datetime="2026-01-15">15\u00a0janvier 2026</time>' in page
    assert 'href="../finops/#couts"' in page  # the render stage's link, resolved by the site
    # the book step runs first; .cahiers holds the fingerprint of the site's input
    assert sorted(p.name for p in out.iterdir()) == [".cahiers", "pdf", "site"]


def test_build_from_the_repository_with_a_relative_out_dir(mini_repo: Path) -> None:
    # As the README runs it: from the repository root, `--out build`. mkdocs resolves a relative
    # site_dir against its staged config, so the pipeline must make the path absolute.
    done = subprocess.run(
        [sys.executable, "-m", "cahiers", "build", "--out", "build"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=mini_repo,
    )
    assert done.returncode == 0, done.stderr
    assert (mini_repo / "build/site/index.html").is_file()


def test_a_failing_check_builds_nothing_and_keeps_the_previous_site(
    mini_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert cahiers("site", "--root", str(mini_repo), "--out", str(out)).returncode == 0
    before = (out / "site/index.html").read_bytes()
    page = mini_repo / "groups/cyber/sauvegardes.md"
    page.write_text(page.read_text("utf-8").replace("[sophie]", "[nobody]"), encoding="utf-8")
    done = cahiers("site", "--root", str(mini_repo), "--out", str(out))
    assert done.returncode == 1
    assert "nobody" in done.stdout and "nothing was built" in done.stderr
    assert (out / "site/index.html").read_bytes() == before


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for_text(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def serving(mini_repo: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cahiers", "serve", "--root", str(mini_repo), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_serve_restages_when_a_contribution_changes(mini_repo: Path, serving: str) -> None:
    url = f"{serving}groups/cloud/reversibilite/"
    assert wait_for_text(url, "enferme", 120), "the preview never came up"
    page = mini_repo / "groups/cloud/reversibilite.md"
    text = page.read_text("utf-8")
    page.write_text(text.replace("enferme", "emprisonne"), encoding="utf-8")
    assert wait_for_text(url, "emprisonne", 60), "the edit never reached the preview"
