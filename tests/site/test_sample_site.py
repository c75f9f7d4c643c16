"""The full sample site (4 groups, 16 contributions, the Cahier 2026), built once per session:
the internal link checker, the security scan, consent, and determinism at full size."""

from __future__ import annotations

import hashlib
from pathlib import Path

from site_inputs import build_site_into

from cahiers.pipeline import Prepared
from cahiers.site.audit import audit_site


def digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_internal_links_anchors_and_assets_all_resolve(sample_site: Path) -> None:
    assert audit_site(sample_site) == []


def test_every_group_contribution_and_paper_has_its_page(
    rendered_sample: Prepared, sample_site: Path
) -> None:
    project = rendered_sample.project
    assert len(project.groups) >= 4 and sum(1 for _ in project.contributions()) >= 16
    for group in project.groups.values():
        assert (sample_site / "groups" / group.slug / "index.html").is_file()
        for contribution in group.contributions:
            page = sample_site / "groups" / group.slug / contribution.slug / "index.html"
            assert contribution.title.split()[0] in page.read_text("utf-8")
    for paper in project.papers:
        html = (sample_site / "papers" / paper / "index.html").read_text("utf-8")
        assert f'href="{paper}.pdf"' in html and f'href="{paper}-print.pdf"' in html


def test_people_who_declined_are_never_named(rendered_sample: Prepared, sample_site: Path) -> None:
    declined = [p for p in rendered_sample.project.people.values() if not p.consent]
    assert declined, "the sample should have someone who declined to be named"
    for path in sample_site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".cff", ".bib"):
            text = path.read_text("utf-8")
            for person in declined:
                assert person.name not in text, (person.id, path)


def test_no_event_handler_javascript_url_or_external_asset(sample_site: Path) -> None:
    problems = [
        p
        for p in audit_site(sample_site)
        if "event-handler" in p.message or "javascript:" in p.message or "external" in p.message
    ]
    assert problems == []
    for page in sample_site.rglob("*.html"):
        text = page.read_text("utf-8").lower()
        assert "javascript:" not in text and "fonts.googleapis" not in text


def test_the_same_commit_builds_the_same_site(
    rendered_sample: Prepared, sample_site: Path, tmp_path: Path
) -> None:
    again = build_site_into(rendered_sample, tmp_path / "again")
    assert digest(again) == digest(sample_site)
