"""Fixtures of the book tests: a small repository, and its PDFs built once per session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from book import sample
from cahiers.book.build import BookReport, render_book
from cahiers.book.content import BookSources
from cahiers.book.profiles import Profile, ProfileName
from cahiers.book.runner import Renderer


@dataclass(frozen=True)
class Built:
    sources: BookSources
    pdf: bytes
    report: BookReport
    progress: Recorder


@pytest.fixture(scope="session")
def renderer() -> Iterator[Renderer]:
    with Renderer(2) as pool:
        yield pool


@pytest.fixture(scope="session")
def draft_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Chapter `two` is still in review: the Cahier is a draft."""
    return sample.write_repo(tmp_path_factory.mktemp("draft") / "repo", statuses={"two": "review"})


@pytest.fixture(scope="session")
def final_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample.write_repo(tmp_path_factory.mktemp("final") / "repo")


@dataclass
class Recorder:
    """A Progress that remembers what it was told."""

    stages: list[str] = field(default_factory=list)
    counts: list[tuple[int, int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def stage(self, message: str) -> None:
        self.stages.append(message)

    def laid_out(self, done: int, total: int, pages: int) -> None:
        self.counts.append((done, total, pages))

    def warning(self, message: str) -> None:
        self.warnings.append(message)


def build(root: Path, profile: ProfileName, renderer: Renderer, *, final: bool = False) -> Built:
    sources = sample.sources(root)
    progress = Recorder()
    pdf, report = render_book(
        sources,
        Profile(profile),
        renderer=renderer,
        progress=progress,
        final=final,
    )
    return Built(sources, pdf, report, progress)


@pytest.fixture(scope="session")
def draft_screen(draft_repo: Path, renderer: Renderer) -> Built:
    return build(draft_repo, "screen", renderer)


@pytest.fixture(scope="session")
def final_screen(final_repo: Path, renderer: Renderer) -> Built:
    return build(final_repo, "screen", renderer)


@pytest.fixture(scope="session")
def final_print(final_repo: Path, renderer: Renderer) -> Built:
    return build(final_repo, "print", renderer)
