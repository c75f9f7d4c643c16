"""Staged pages of the mini fixture: golden files, consent, links, escaping. Pure: no mkdocs.

Update the golden files after an intended change with `CAHIERS_UPDATE_GOLDEN=1 pytest tests/site`
and review the diff.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
import yaml
from site_inputs import MINI, rendered

from cahiers.errors import BuildFailed
from cahiers.pipeline import Prepared
from cahiers.render.types import RenderedContribution, RenderOutput
from cahiers.site.context import SiteContext
from cahiers.site.settings import load_settings
from cahiers.site.stage import generated_files

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("CAHIERS_UPDATE_GOLDEN") == "1"


def staged(prepared: Prepared) -> dict[str, str]:
    return generated_files(SiteContext(prepared, load_settings(prepared.project.root)))


def with_body(prepared: Prepared, path: str, body: RenderedContribution) -> RenderOutput:
    contributions = {**prepared.rendered.contributions, path: body}
    return dataclasses.replace(prepared.rendered, contributions=contributions)


def test_staged_pages_match_the_golden_files(mini: Prepared) -> None:
    files = staged(mini)
    if UPDATE:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for path, text in files.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    golden = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(GOLDEN.rglob("*"))
        if p.is_file()
    }
    assert sorted(files) == sorted(golden), "staged files differ (CAHIERS_UPDATE_GOLDEN=1)"
    for path, text in files.items():
        assert text == golden[path], f"{path} differs from its golden file"


def test_staging_is_deterministic(mini: Prepared) -> None:
    assert staged(mini) == staged(mini)


def test_every_page_has_plain_front_matter(mini: Prepared) -> None:
    for path, text in staged(mini).items():
        if not path.endswith(".md"):
            continue
        front = text.split("---\n")[1]
        assert "!" not in front.split(":", 1)[0]
        meta = yaml.safe_load(front)  # plain data: no tag would load with safe_load
        assert isinstance(meta["title"], str) and meta["title"]


def test_declining_people_are_counted_never_named(mini: Prepared) -> None:
    files = staged(mini)
    everything = "\n".join(files.values())
    assert "Personne Discrète" not in everything
    assert "discret" not in everything
    group = files["groups/cloud/index.md"]
    assert "1\u00a0personne a choisi de ne pas être nommée." in group
    byline = files["groups/cloud/reversibilite.md"]
    assert (
        'Claire Martineau</span> <span class="cahiers-org">(Mutuelle Horizon)</span> et 1' in byline
    )
    assert "Direction de la publication" in files["papers/cahier-test/index.md"]
    contributors = files["contributors.md"]
    assert "1\u00a0personne a choisi de ne pas être nommée." in contributors


def test_members_are_grouped_by_organisation_and_former_members_apart(mini: Prepared) -> None:
    group = staged(mini)["groups/cloud/index.md"]
    members = group.split("## Membres")[1].split("## Contributions")[0]
    assert members.index("<dt>Mutuelle Horizon</dt>") < members.index("<dt>Nuagis</dt>")
    former = members.split("Anciens membres")[1]
    assert "Sophie Bénard" in former and "Sophie Bénard" not in members.split("Anciens")[0]


def test_internal_links_and_images_become_relative_site_urls(mini: Prepared) -> None:
    page = staged(mini)["groups/cloud/reversibilite.md"]
    assert 'href="../finops/#couts"' in page
    assert 'src="../images/schema.svg"' in page
    assert "cahiers:" not in page


def test_contribution_page_has_byline_status_date_edit_link_and_tags(mini: Prepared) -> None:
    page = staged(mini)["groups/cloud/reversibilite.md"]
    meta = yaml.safe_load(page.split("---\n")[1])
    assert meta["tags"] == ["cloud", "contrats"]
    assert 'cahiers-badge--approved">Validé<' in page
    assert 'Relu par <span class="cahiers-person">Sophie Bénard' in page
    # 2026-10-02 is the hand-built FileHistory date of this file (see inputs.py)
    assert '<time datetime="2026-10-02">2\u00a0octobre 2026</time>' in page
    assert (
        'href="https://github.com/example/cahiers/edit/main/groups/cloud/reversibilite.md"' in page
    )


def test_top_level_headings_become_markdown_headings_with_their_ids(mini: Prepared) -> None:
    page = staged(mini)["groups/cloud/reversibilite.md"]
    assert "\n## Pourquoi la réversibilité {#pourquoi-la-réversibilité}\n" in page
    assert "\n## Clauses <em>essentielles</em> {#clauses-essentielles}\n" in page


def test_a_page_in_english_says_so(mini: Prepared) -> None:
    page = staged(mini)["groups/cloud/finops.md"]
    assert "## Costs {#couts lang=en}" in page
    assert '<div class="cahiers-block" lang="en">' in page


def test_titles_and_names_are_escaped(mini: Prepared) -> None:
    group = staged(mini)["groups/cloud/index.md"]
    assert "réversibilité &amp; la maîtrise des contrats &lt;cloud&gt;." in group


def test_hostile_heading_text_cannot_inject_attributes_or_markdown(mini: Prepared) -> None:
    path = "groups/cyber/sauvegardes.md"
    hostile = dataclasses.replace(
        rendered(path),
        html='<h2 id="x">T {: onclick=alert(1) } *e* [l](javascript:x) &lt;script&gt;</h2>'
        "<p>ok</p>",
    )
    prepared = dataclasses.replace(mini, rendered=with_body(mini, path, hostile))
    page = staged(prepared)["groups/cyber/sauvegardes.md"]
    heading = next(line for line in page.splitlines() if line.startswith("## "))
    assert heading.endswith("{#x}")
    for forbidden in ("{:", "*e*", "](", "(javascript", "<script"):
        assert forbidden not in heading


def test_a_link_to_an_unknown_contribution_fails_the_staging(mini: Prepared) -> None:
    path = "groups/cyber/sauvegardes.md"
    broken = dataclasses.replace(rendered(path), html='<p><a href="cahiers:nowhere">x</a></p>')
    prepared = dataclasses.replace(mini, rendered=with_body(mini, path, broken))
    with pytest.raises(BuildFailed, match="unknown contribution `nowhere`"):
        staged(prepared)


def test_paper_page_has_contents_downloads_section_and_citations(mini: Prepared) -> None:
    files = staged(mini)
    page = files["papers/cahier-test/index.md"]
    contents = page.split("## Sommaire")[1]
    assert contents.index("Réversibilité des contrats") < contents.index("FinOps pour les DSI")
    assert contents.index("FinOps pour les DSI") < contents.index("Sauvegardes hors ligne")
    assert "Le PDF de ce Cahier n’a pas encore été produit." in page  # no PDF dir given here
    bib = files["papers/cahier-test/citation.bib"]
    assert bib.startswith("@book{cahier-test,")
    assert "editor    = {{Claire Martineau}}" in bib
    assert "url       = {https://cahiers.example.org/papers/cahier-test/}" in bib
    cff = yaml.safe_load(files["papers/cahier-test/CITATION.cff"])
    assert cff["cff-version"] == "1.2.0"
    assert cff["preferred-citation"]["editors"] == [{"name": "Claire Martineau"}]
    assert cff["authors"] == [{"name": "Club des DSI de l'Ouest"}]
    assert "&id" not in files["papers/cahier-test/CITATION.cff"]  # no YAML anchors


def test_mini_fixture_has_no_findings(mini: Prepared) -> None:
    assert mini.findings == ()
    assert mini.project.root == MINI


def test_pdfs_are_offered_only_when_present_and_never_through_a_symlink(
    mini: Prepared, tmp_path: Path
) -> None:
    from cahiers.site.stage import find_downloads

    pdf_dir = tmp_path / "pdf"
    pdf_dir.mkdir()
    (pdf_dir / "cahier-test.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 1500)
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4 secret")
    (pdf_dir / "cahier-test-print.pdf").symlink_to(outside)
    downloads, copies = find_downloads(mini.project.papers, pdf_dir)
    assert list(copies) == ["papers/cahier-test/cahier-test.pdf"]
    (download,) = downloads["cahier-test"]
    assert download.label == "PDF pour l’écran" and download.size == "2\u00a0ko"
    assert find_downloads(mini.project.papers, tmp_path / "missing") == ({}, {})


def test_a_contribution_named_index_is_refused(mini: Prepared) -> None:
    group = mini.project.groups["cyber"]
    clash = dataclasses.replace(group.contributions[0], slug="index")
    groups = {**mini.project.groups, "cyber": dataclasses.replace(group, contributions=(clash,))}
    prepared = dataclasses.replace(mini, project=dataclasses.replace(mini.project, groups=groups))
    with pytest.raises(BuildFailed, match="reserves for group pages"):
        staged(prepared)
