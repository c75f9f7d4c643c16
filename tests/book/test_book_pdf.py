"""The printed Cahier, checked on the real PDF: structure, numbers, people, fonts, safety flags."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pikepdf
import pytest

from book.conftest import Built, build
from book.pdftools import fonts, normalise, outline, page_texts, toc_numbers
from book.sample import DECLINING
from cahiers.book.build import whole_book_html
from cahiers.book.profiles import Profile, ProfileName
from cahiers.book.runner import Renderer
from cahiers.book.tasks import RenderTask
from cahiers.book.weasy import render
from cahiers.errors import BuildFailed

WATERMARK = "DOCUMENT DE TRAVAIL"


def chapter_titles(built: Built) -> list[str]:
    project, paper = built.sources.project, built.sources.paper
    return [c.title for _, c in project.paper_contributions(paper)]


def part_titles(built: Built) -> list[str]:
    project = built.sources.project
    return [project.groups[part.group].title for part in built.sources.paper.parts]


def test_page_count_is_in_the_expected_range(final_screen: Built, final_print: Built) -> None:
    screen = len(pikepdf.open(io.BytesIO(final_screen.pdf)).pages)
    printed = len(pikepdf.open(io.BytesIO(final_print.pdf)).pages)
    assert 15 <= screen <= 30
    assert final_screen.report.pages == screen
    # print: every chapter and part on a right-hand page adds blank versos
    assert screen < printed <= 2 * screen + 4


def test_toc_numbers_are_the_pages_where_chapters_begin(final_screen: Built) -> None:
    texts = page_texts(final_screen.pdf)
    titles = chapter_titles(final_screen) + part_titles(final_screen)
    numbers = toc_numbers(final_screen.pdf, titles)
    # the last page of the contents (its running header says "Sommaire")
    contents_page = max(i for i, text in enumerate(texts) if "Sommaire" in text)
    for title, number in numbers.items():
        first = next(
            i
            for i, text in enumerate(texts)
            if i > contents_page and normalise(title) in normalise(text)
        )
        assert number == first + 1, (
            f"{title!r}: the contents say {number}, it begins on {first + 1}"
        )


def test_print_chapters_start_on_right_hand_pages(final_print: Built) -> None:
    texts = page_texts(final_print.pdf)
    numbers = toc_numbers(final_print.pdf, chapter_titles(final_print) + part_titles(final_print))
    assert all(number % 2 == 1 for number in numbers.values()), numbers
    for title, number in numbers.items():
        assert normalise(title) in normalise(texts[number - 1])


def test_outline_holds_every_part_and_chapter(final_screen: Built) -> None:
    items = outline(final_screen.pdf)
    texts = page_texts(final_screen.pdf)
    by_title = {item.title: item for item in items}
    for title in part_titles(final_screen):
        assert by_title[title].depth == 0
    for title in chapter_titles(final_screen):
        item = by_title[title]
        assert item.depth == 1, f"{title!r} is not nested under its part"
        assert normalise(title) in normalise(texts[item.page]), "the bookmark leads elsewhere"
    assert by_title["Contributeurs et contributrices"].depth == 0


def test_every_consenting_contributor_is_listed_and_no_declining_one(final_screen: Built) -> None:
    texts = page_texts(final_screen.pdf)
    whole = normalise(" ".join(texts)).replace("- ", "")
    contributors_page = next(
        t for t in texts if "Contributeurs et contributrices" in t and "choisi" in t
    )
    listed = normalise(contributors_page)
    project = final_screen.sources.project
    involved = {
        person
        for _, contribution in project.paper_contributions(final_screen.sources.paper)
        for person in contribution.authors + contribution.reviewers
    }
    for person_id in involved:
        person = project.people[person_id]
        if person.consent:
            assert person.name in listed, f"{person.name} is missing from the contributors"
    for person_id in DECLINING:
        name = project.people[person_id].name
        assert name not in whole, f"{name} declined to be named but appears in the PDF"
    metadata = pikepdf.open(io.BytesIO(final_screen.pdf)).docinfo
    assert all(project.people[p].name not in str(metadata.get("/Author")) for p in DECLINING)
    assert "choisi de ne pas être nommée" in listed  # counted, not named


def test_every_font_is_embedded(final_screen: Built, final_print: Built) -> None:
    for built in (final_screen, final_print):
        rows = fonts(built.pdf)
        assert rows, "no fonts at all?"
        assert all(row["emb"] == "yes" for row in rows), rows
        names = " ".join(row["name"] for row in rows)
        assert "Garamond" in names and "Inter" in names, names


def test_no_attachments_no_javascript_no_automatic_action(final_screen: Built) -> None:
    with pikepdf.open(io.BytesIO(final_screen.pdf)) as pdf:
        root = pdf.Root
        assert "/OpenAction" not in root and "/AA" not in root
        assert "/EmbeddedFiles" not in root.get("/Names", {})
        assert "/JavaScript" not in root.get("/Names", {})
        for page in pdf.pages:
            assert "/AA" not in page.obj
            for annotation in page.obj.get("/Annots", []):
                assert annotation.Subtype == pikepdf.Name.Link
                action = annotation.get("/A")
                assert action is None or action.S == pikepdf.Name.URI


def test_the_draft_carries_the_watermark_on_every_page(draft_screen: Built) -> None:
    texts = page_texts(draft_screen.pdf)
    assert all(WATERMARK in normalise(text) for text in texts)
    assert draft_screen.report.draft


def test_the_final_edition_has_no_watermark(final_screen: Built, final_print: Built) -> None:
    for built in (final_screen, final_print):
        assert WATERMARK not in normalise(" ".join(page_texts(built.pdf)))


def test_final_refuses_and_lists_the_unapproved(draft_repo: Path, renderer: Renderer) -> None:
    with pytest.raises(BuildFailed) as failure:
        build(draft_repo, "screen", renderer, final=True)
    message = str(failure.value)
    assert "groups/alpha/two.md: review" in message
    assert "groups/alpha/one.md" not in message


def test_two_builds_give_the_same_bytes_whatever_the_processes(
    final_repo: Path, final_screen: Built
) -> None:
    with Renderer(1) as one_process:
        again = build(final_repo, "screen", one_process)
    assert hashlib.sha256(again.pdf).hexdigest() == hashlib.sha256(final_screen.pdf).hexdigest()


def test_links_between_chapters_lead_to_their_anchor(final_screen: Built) -> None:
    with pikepdf.open(io.BytesIO(final_screen.pdf)) as pdf:
        names = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
        pages: dict[object, int] = {page.objgen: index for index, page in enumerate(pdf.pages)}
        internal = []
        for index, page in enumerate(pdf.pages):
            for annotation in page.obj.get("/Annots", []):
                if "/Dest" in annotation:
                    internal.append((index, str(annotation.Dest)))
                else:
                    assert not str(annotation.A.URI).startswith("cahiers"), "an unresolved link"
    targets = {name for _, name in internal}
    assert {"ch-three", "one--constats", "ch-one"} <= targets
    assert all(name in names for name in targets)
    texts = page_texts(final_screen.pdf)
    three = pages[names["ch-three"][0].objgen]
    assert "Plan de continuité" in texts[three]


def test_metadata_title_authors_language_and_dates_from_git(final_screen: Built) -> None:
    with pikepdf.open(io.BytesIO(final_screen.pdf)) as pdf:
        info = pdf.docinfo
        assert str(info.Title).startswith("Cahier d'essai")
        assert "Claire Martineau" in str(info.Author)
        assert str(info.ModDate).startswith("D:20260314150926")  # the head commit's date
        assert str(pdf.Root.Lang) == "fr"
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"


def test_screen_is_tagged_with_a_consistent_structure(final_screen: Built) -> None:
    with pikepdf.open(io.BytesIO(final_screen.pdf)) as pdf:
        root = pdf.Root.StructTreeRoot
        assert pdf.Root.MarkInfo.Marked
        nums = root.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        document = root.K[0]
        for page in pdf.pages:
            if "/StructParents" in page.obj:
                for element in tree[int(page.obj.StructParents)]:
                    if element is not None and element.get("/Pg") is not None:
                        assert element.Pg.objgen == page.objgen
            for annotation in page.obj.get("/Annots", []):
                # the annotation's parent element holds it (an OBJR), as WeasyPrint wrote it
                element = tree[int(annotation.StructParent)]
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                held = [
                    k.Obj.objgen for k in kids if isinstance(k, pikepdf.Dictionary) and "/Obj" in k
                ]
                assert annotation.objgen in held
        ids = [
            str(o.ID)
            for o in pdf.objects
            if isinstance(o, pikepdf.Dictionary)
            and o.get("/Type") == pikepdf.Name.StructElem
            and "/ID" in o
        ]
        assert len(ids) == len(set(ids))
        assert int(root.ParentTreeNextKey) == max(tree) + 1
        # every top element hangs from the one Document element
        assert all(element.P.objgen == document.objgen for element in document.K)


def test_print_has_bleed_crop_marks_and_no_tags(final_print: Built) -> None:
    with pikepdf.open(io.BytesIO(final_print.pdf)) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
        page = pdf.pages[0].obj
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) for v in page.TrimBox]
        bleed = 3 / 25.4 * 72
        assert trim[0] - media[0] == pytest.approx(bleed, abs=0.05)
        assert media[2] - trim[2] == pytest.approx(bleed, abs=0.05)
        assert trim[2] - trim[0] == pytest.approx(210 / 25.4 * 72, abs=0.1)  # A4 by default


def test_progress_names_the_stages_and_counts_the_pages(final_screen: Built) -> None:
    progress = final_screen.progress
    assert any(stage.startswith("laying out") for stage in progress.stages)
    assert any(stage.startswith("joining") for stage in progress.stages)
    done, total, pages = progress.counts[-1]
    assert done == total
    assert 0 < pages <= final_screen.report.pages


@pytest.mark.parametrize("profile", ["screen", "print"])
def test_the_segmented_build_reads_like_one_weasyprint_render(
    profile: ProfileName, final_screen: Built, final_print: Built
) -> None:
    """The reference: the same book as ONE document, numbered by CSS (`target-counter`, page
    counters, running strings). Page for page, a reader sees the same text."""
    built = final_screen if profile == "screen" else final_print
    whole = whole_book_html(built.sources, Profile(profile))
    root = str(built.sources.project.root)
    reference = render(RenderTask("whole", whole, root, Profile(profile).pdf_variant, 0)).pdf
    ours, theirs = page_texts(built.pdf, layout=True), page_texts(reference, layout=True)
    assert len(ours) == len(theirs)
    for number, (mine, one) in enumerate(zip(ours, theirs, strict=True), start=1):
        assert mine == one, f"page {number} differs"
