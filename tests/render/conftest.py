"""Fixtures of the render tests (helpers live in render_support.py)."""

from __future__ import annotations

import pytest
from render_support import find_real_pandoc

from cahiers.render.stage import RenderOptions


@pytest.fixture(scope="session")
def pandoc() -> str:
    return find_real_pandoc()


@pytest.fixture
def options(pandoc: str) -> RenderOptions:
    return RenderOptions(pandoc=pandoc)
