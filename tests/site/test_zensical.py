"""`--engine zensical`: Zensical (Material's successor) builds the same staged tree.

What differs from mkdocs, and is handled in staging: Zensical rewrites and validates links inside
raw HTML as it does Markdown links, so links are written relative to the staged source file; it
wants `site_dir` inside the config's folder; it already names the search dialog.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest
from site_inputs import build_site_into

from cahiers.pipeline import Prepared
from cahiers.site.audit import audit_site
from conftest import IN_CI


@pytest.fixture(scope="module")
def zensical_site(mini: Prepared, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("zensical") is None:
        message = "zensical is not installed (pip install -e '.[test]' installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return build_site_into(mini, tmp_path_factory.mktemp("zensical"), engine="zensical")


def test_zensical_builds_every_page_and_passes_the_audit(zensical_site: Path) -> None:
    for page in (
        "index.html",
        "groups/cloud/index.html",
        "groups/cloud/reversibilite/index.html",
        "papers/cahier-test/index.html",
        "papers/cahier-test/cahier-test.pdf",
        "contributors/index.html",
        "tags/index.html",
        "search.json",  # mkdocs writes search/search_index.json instead
    ):
        assert (zensical_site / page).is_file(), page
    assert audit_site(zensical_site) == []


def test_zensical_resolves_the_links_written_for_it(zensical_site: Path) -> None:
    page = (zensical_site / "groups/cloud/reversibilite/index.html").read_text("utf-8")
    assert 'href="../finops/#couts"' in page
    assert 'src="../images/schema.svg"' in page
    assert 'href="#pourquoi-la-réversibilité"' in page  # in the table of contents


def test_zensical_builds_the_same_bytes_twice(
    mini: Prepared, zensical_site: Path, tmp_path: Path
) -> None:
    def digest(site: Path) -> dict[str, str]:
        return {
            p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))
            if p.is_file()
        }

    again = build_site_into(mini, tmp_path / "again", engine="zensical")
    assert digest(again) == digest(zensical_site)
