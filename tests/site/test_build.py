"""The mini site built for real with mkdocs-material: pages, search, PDFs, determinism, atomicity,
and the strictness traps of mkdocs (see shared/measurements.md)."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import logging
import re
from pathlib import Path

import pytest
from site_inputs import build_site_into, rendered

from cahiers.errors import BuildFailed
from cahiers.pipeline import BuildOptions, Prepared, select_steps, write_outputs
from cahiers.site.audit import audit_site
from cahiers.site.engine import build_with_mkdocs


def tree_digest(directory: Path) -> dict[str, str]:
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def html_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def test_every_page_is_built(mini_site: Path) -> None:
    for page in (
        "index.html",
        "groups/cloud/index.html",
        "groups/cloud/reversibilite/index.html",
        "groups/cloud/finops/index.html",
        "groups/cyber/sauvegardes/index.html",
        "papers/cahier-test/index.html",
        "papers/cahier-test/cahier-test.pdf",
        "papers/cahier-test/cahier-test-print.pdf",
        "papers/cahier-test/CITATION.cff",
        "papers/cahier-test/citation.bib",
        "contributors/index.html",
        "tags/index.html",
        "groups/cloud/images/schema.svg",
        "theme/logo.svg",
        "search/search_index.json",
        "sitemap.xml.gz",
    ):
        assert (mini_site / page).is_file(), page


def test_the_built_site_passes_the_audit(mini_site: Path) -> None:
    assert audit_site(mini_site) == []


def test_no_event_handler_no_javascript_url_no_external_asset(mini_site: Path) -> None:
    """Checked here with plain patterns too, independently of the audit's parser."""
    for path, text in html_files(mini_site).items():
        for tag in re.findall(r"<[a-zA-Z][^>]*>", text):
            assert not re.search(r"\son[a-z]+\s*=", tag, re.IGNORECASE), (path, tag)
        assert "javascript:" not in text.lower(), path
        for match in re.finditer(r"<(script|link|img|source|iframe)\b[^>]*>", text):
            assert not re.search(r"""(src|href)=["']?(https?:)?//""", match.group(0)) or (
                'rel="canonical"' in match.group(0) or 'rel="alternate"' in match.group(0)
            ), (path, match.group(0))
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_pages_are_french_with_the_table_of_contents(mini_site: Path) -> None:
    page = (mini_site / "groups/cloud/reversibilite/index.html").read_text("utf-8")
    assert '<html lang="fr"' in page
    toc = page.split('data-md-component="toc"')[1].split("</nav>")[0]
    assert 'href="#pourquoi-la-réversibilité"' in toc and 'href="#clauses-essentielles"' in toc
    assert 'class="md-tag"' in page and ">contrats<" in page  # the tags plugin showed them


def test_search_index_is_french_and_holds_the_body(mini_site: Path) -> None:
    index = json.loads((mini_site / "search/search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["fr"]
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert "acheteur" in docs["groups/cloud/reversibilite/#pourquoi-la-réversibilité"]["text"]


def test_paper_page_offers_the_pdfs(mini_site: Path) -> None:
    page = (mini_site / "papers/cahier-test/index.html").read_text("utf-8")
    assert 'href="cahier-test.pdf"' in page and 'href="cahier-test-print.pdf"' in page
    pdf = (mini_site / "papers/cahier-test/cahier-test.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")


def test_the_same_inputs_build_the_same_bytes(
    mini: Prepared, mini_site: Path, tmp_path: Path
) -> None:
    again = build_site_into(mini, tmp_path / "again")
    assert tree_digest(again) == tree_digest(mini_site)
    with gzip.open(mini_site / "sitemap.xml.gz") as sitemap:  # dates from git, not the clock
        assert b"<lastmod>2026-10-20</lastmod>" in sitemap.read()


def test_a_failed_build_leaves_the_previous_site_untouched(mini: Prepared, tmp_path: Path) -> None:
    out = tmp_path / "out"
    site = build_site_into(mini, out)
    before = tree_digest(site)
    path = "groups/cyber/sauvegardes.md"
    broken = dataclasses.replace(rendered(path), html='<p><a href="#nowhere">x</a></p>')
    contributions = {**mini.rendered.contributions, path: broken}
    bad = dataclasses.replace(
        mini, rendered=dataclasses.replace(mini.rendered, contributions=contributions)
    )
    with pytest.raises(BuildFailed, match="broken anchor `#nowhere`"):
        write_outputs(bad, out, select_steps(["site"]), BuildOptions(use_cache=False))
    assert tree_digest(site) == before
    # no temporary left behind (.cahiers holds the fingerprint of each output's input)
    assert sorted(p.name for p in out.iterdir()) == [".cahiers", "pdf", "site"]


def write_docs(tmp_path: Path, markdown: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(markdown, encoding="utf-8")
    (docs / "other.md").write_text("# Other\n\n## Here {#here}\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\n"
        f"docs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n"
        "markdown_extensions: [attr_list]\n"
        "validation: {links: {anchors: warn, absolute_links: warn, unrecognized_links: warn}}\n",
        encoding="utf-8",
    )
    return config


def test_a_broken_anchor_fails_even_when_mkdocs_is_quiet(tmp_path: Path) -> None:
    """`mkdocs build --strict -q` passes with a broken anchor; our build must not."""
    config = write_docs(tmp_path, "# Home\n\n[x](other.md#missing)\n")
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.setLevel(logging.ERROR)  # what `-q` does
    try:
        with pytest.raises(BuildFailed, match="does not contain an anchor '#missing'"):
            build_with_mkdocs(config)
    finally:
        logger.setLevel(previous)


def test_a_good_anchor_builds(tmp_path: Path) -> None:
    config = write_docs(tmp_path, "# Home\n\n[x](other.md#here)\n")
    build_with_mkdocs(config)
    assert (tmp_path / "site" / "other" / "index.html").is_file()
