"""The full sample Cahier (four groups, sixteen contributions), rendered once per session."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf
import pytest

from book.pdftools import fonts, normalise, outline, page_texts, toc_numbers
from cahiers import pipeline
from cahiers.book import BookReport, Profile, Renderer, render_book
from cahiers.pipeline import Prepared

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def sample_pdf(rendered_sample: Prepared) -> Iterator[tuple[Prepared, bytes, BookReport]]:
    sources = pipeline.book_sources(rendered_sample, "cahier-2026")
    with Renderer(2) as renderer:
        pdf, report = render_book(sources, Profile("screen"), renderer=renderer)
    yield rendered_sample, pdf, report


def test_the_sample_cahier(sample_pdf: tuple[Prepared, bytes, BookReport]) -> None:
    prepared, pdf, report = sample_pdf
    project = prepared.project
    paper = project.papers["cahier-2026"]
    texts = page_texts(pdf)
    assert 70 <= len(texts) <= 140 and report.pages == len(texts)

    included = [c for _, c in project.paper_contributions(paper)]
    titles = [prepared.rendered.contributions[c.path].title or c.title for c in included]
    numbers = toc_numbers(pdf, titles)
    contents = max(i for i, text in enumerate(texts) if "Sommaire" in text)
    for title, number in numbers.items():
        first = next(
            i for i, t in enumerate(texts) if i > contents and normalise(title) in normalise(t)
        )
        assert number == first + 1, title

    bookmarks = {normalise(item.title): item for item in outline(pdf)}
    for title in titles:
        item = bookmarks[normalise(title)]
        assert item.depth == 1 and item.page == numbers[title] - 1

    whole = normalise(" ".join(texts))
    for person_id, person in project.people.items():
        if not person.consent:
            assert person.name not in whole, f"{person_id} declined to be named"
    contributors = normalise(
        next(t for t in texts if "Contributeurs et contributrices" in t and "accepté" in t)
    )
    for contribution in included:
        for person_id in contribution.authors:
            person = project.people[person_id]
            if person.consent:
                assert person.name in contributors

    assert all(row["emb"] == "yes" for row in fonts(pdf))
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "/OpenAction" not in document.Root
        assert "/EmbeddedFiles" not in document.Root.get("/Names", {})
    draft = any(c.status != "approved" for c in included)
    assert ("DOCUMENT DE TRAVAIL" in whole) is draft
    # the colophon names the source commit
    assert prepared.credits.head_commit and prepared.credits.head_commit in whole
