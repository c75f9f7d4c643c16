"""Fixtures of the render tests (helpers live in render_support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cahiers.load import load_project
from cahiers.render import render_project
from cahiers.render.stage import RenderOptions
from cahiers.render.types import RenderOutput
from render.render_support import find_real_pandoc

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def pandoc() -> str:
    return find_real_pandoc()


@pytest.fixture
def options(pandoc: str) -> RenderOptions:
    return RenderOptions(pandoc=pandoc)


@pytest.fixture(scope="session")
def sample_render(pandoc: str) -> RenderOutput:
    """The sample Cahier of this repository, rendered once per session (no cache)."""
    loaded = load_project(REPO_ROOT)
    return render_project(loaded.project, cache_dir=None, options=RenderOptions(pandoc=pandoc))
