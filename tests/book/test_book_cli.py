"""`cahiers pdf` and the PDF step of `cahiers build`, run for real on a small git repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from book import sample
from cahiers import pipeline
from conftest import require_tool

ENV = {
    "GIT_AUTHOR_NAME": "Claire Martineau",
    "GIT_AUTHOR_EMAIL": "claire.martineau@horizon-sante.example.com",
    "GIT_COMMITTER_NAME": "Claire Martineau",
    "GIT_COMMITTER_EMAIL": "claire.martineau@horizon-sante.example.com",
    "GIT_AUTHOR_DATE": "2026-03-14T15:09:26+00:00",
    "GIT_COMMITTER_DATE": "2026-03-14T15:09:26+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git_repo(root: Path, **kwargs: object) -> Path:
    git = require_tool("git")
    sample.write_repo(root, **kwargs)  # type: ignore[arg-type]
    env = {**os.environ, **ENV}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Cahier"]):
        subprocess.run([git, *args], cwd=root, env=env, check=True)
    return root


def cahiers(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cahiers", *args], capture_output=True, text=True, timeout=300
    )


def test_pdf_writes_the_screen_edition_with_progress(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    result = cahiers("pdf", "essai", "--root", str(repo), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    target = tmp_path / "out" / "pdf" / "essai.pdf"
    with pikepdf.open(target) as pdf:
        pages = len(pdf.pages)
        assert "/StructTreeRoot" in pdf.Root
    assert f"{pages} pages" in result.stdout
    assert "laying out" in result.stderr and f"{pages} pages" in result.stderr
    assert not list(target.parent.glob(".essai.pdf.*")), "a temporary file was left behind"


def test_final_refuses_a_draft_and_keeps_the_previous_pdf(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo", statuses={"three": "draft"})
    previous = tmp_path / "out" / "pdf" / "essai-print.pdf"
    previous.parent.mkdir(parents=True)
    previous.write_bytes(b"the previous edition")
    result = cahiers(
        "pdf",
        "essai",
        "--profile",
        "print",
        "--final",
        "--root",
        str(repo),
        "--out",
        str(tmp_path / "out"),
    )
    assert result.returncode == 1
    assert "groups/beta/three.md: draft" in result.stderr
    assert previous.read_bytes() == b"the previous edition"


def test_an_outside_image_stops_the_pdf(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    one = repo / "groups" / "alpha" / "one.md"
    one.write_text(one.read_text("utf-8") + "\n![Le secret](/etc/hostname)\n", "utf-8")
    result = cahiers("pdf", "essai", "--root", str(repo), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "groups/alpha/one.md" in result.stdout + result.stderr
    assert not (tmp_path / "out" / "pdf" / "essai.pdf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [(["nope"], "no paper `nope`"), (["essai", "--trim", "A0"], "unknown trim size")],
)
def test_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    repo = git_repo(tmp_path / "repo")
    result = cahiers("pdf", *args, "--root", str(repo), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert message in result.stderr


def test_build_writes_both_editions(tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "repo")
    result = pipeline.build(repo, tmp_path / "out", only=["pdf"])
    assert result.outputs == ("pdf",)
    folder = tmp_path / "out" / "pdf"
    assert sorted(p.name for p in folder.iterdir()) == ["essai-print.pdf", "essai.pdf"]
    with (
        pikepdf.open(folder / "essai-print.pdf") as printed,
        pikepdf.open(folder / "essai.pdf") as screen,
    ):
        assert len(printed.pages) > len(screen.pages)  # blank versos before right-hand pages
        assert "/StructTreeRoot" not in printed.Root
