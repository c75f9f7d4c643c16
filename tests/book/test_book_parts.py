"""The book's pure parts, without WeasyPrint: rewriting, assets, consent, cutting, numbering."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from book import sample
from cahiers.book.anchors import LinkTargets
from cahiers.book.assets import AssetPolicy, svg_refusal
from cahiers.book.html import Sheet, css_string
from cahiers.book.labels import FRENCH
from cahiers.book.pagemap import paginate
from cahiers.book.people import people_line
from cahiers.book.plan import CHUNK_WORDS, plan_segments
from cahiers.book.profiles import Profile, TrimError, parse_trim
from cahiers.book.rewrite import rewrite
from cahiers.book.tasks import Bookmark, PageInfo
from cahiers.book.xref import XREF_SCHEME, localise_links
from cahiers.load import load_project

TARGETS = LinkTargets({"one": frozenset({"constats"}), "three": frozenset()})


def rewritten(html: str, **kwargs: object) -> tuple[str, list[str]]:
    result = rewrite(
        html,
        slug="one",
        source_path="groups/alpha/one.md",
        targets=TARGETS,
        footnotes=kwargs.pop("footnotes", {}),  # type: ignore[arg-type]
        check_asset=lambda path: None if path.startswith("groups/alpha/images/") else "no",
        **kwargs,  # type: ignore[arg-type]
    )
    return result.html, [f"{p.reference}: {p.reason}" for p in result.problems]


def test_ids_are_namespaced_and_links_stay_in_the_book() -> None:
    html, problems = rewritten(
        '<h2 id="constats">Constats</h2><p><a href="cahiers:one#constats">ici</a>, '
        '<a href="cahiers:three">là</a>, <a href="cahiers:three#nulle-part">ailleurs</a>, '
        '<a href="cahiers:absent">hors du Cahier</a> et <a href="https://example.org/">le web</a>'
        "</p>"
    )
    assert problems == []
    assert 'id="one--constats"' in html
    assert 'href="#one--constats"' in html
    assert html.count('href="#ch-three"') == 2  # an unknown anchor leads to the chapter
    assert "hors du Cahier" in html and "cahiers:absent" not in html  # the text stays
    assert 'href="https://example.org/"' in html


def test_footnotes_become_inline_notes_with_their_number() -> None:
    html, problems = rewritten(
        '<p>Texte<a class="footnote-ref" href="#fn-2" id="fnref-2" role="doc-noteref">'
        "<sup>2</sup></a>.</p>",
        footnotes={2: "<p>Une note\nsur deux lignes.</p><p>Et un second paragraphe.</p>"},
    )
    assert problems == []
    assert '<span class="footnote" id="one--fn-2" data-n="2">' in html
    # no block inside the paragraph, and the source's line break is not kept as a break
    assert "<p>Une" not in html and '<span class="fn-p">Une note sur deux lignes.</span>' in html
    assert "<sup>2</sup>" not in html and "fnref" not in html


def test_headings_move_down_under_the_chapter_title() -> None:
    html, _ = rewritten("<h2>A</h2><h3>B</h3><h6>C</h6>", heading_shift=1)
    assert html == "<h3>A</h3><h4>B</h4><h6>C</h6>"


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ("<script>alert(1)</script>", "not allowed"),
        ('<img src="x.png" onerror="alert(1)">', "event handler"),
        ('<a href="javascript:alert(1)">x</a>', "only http"),
        ('<img src="file:///etc/hostname">', "repository"),
        ('<img src="cahiers-asset:groups/alpha/secret/x.svg">', "no"),
        ('<iframe src="https://example.org"></iframe>', "not allowed"),
        ('<p style="background: url(http://127.0.0.1/)">x</p>', "not allowed"),
        ('<video poster="http://127.0.0.1/x.png"></video>', "not allowed"),
    ],
)
def test_whatever_could_fetch_or_run_is_refused(markup: str, reason: str) -> None:
    html, problems = rewritten(markup)
    assert problems and any(reason in p for p in problems), problems
    assert "127.0.0.1" not in html and "etc/hostname" not in html and "alert" not in html


def test_text_is_escaped_again() -> None:
    html, _ = rewritten("<p>a &lt;b&gt; &amp; c</p>")
    assert html == "<p>a &lt;b&gt; &amp; c</p>"


def test_asset_policy(tmp_path: Path, repo_root: Path) -> None:
    root = sample.write_repo(tmp_path / "repo")
    policy = AssetPolicy(root.resolve())
    assert policy.refusal("groups/alpha/images/schema.svg") is None
    assert "leaves" in (policy.refusal("../etc/hostname") or "")
    assert "image type" in (policy.refusal("groups/alpha/one.md") or "")
    assert "groups/<group>/images" in (policy.refusal("groups/alpha/schema.svg") or "")
    assert "no such file" in (policy.refusal("groups/alpha/images/none.svg") or "")
    outside = tmp_path / "outside.svg"
    outside.write_text("<svg/>", encoding="utf-8")
    (root / "groups/alpha/images/link.svg").symlink_to(outside)
    assert "leaves" in (policy.refusal("groups/alpha/images/link.svg") or "")


@pytest.mark.parametrize(
    ("svg", "refused"),
    [
        ('<svg><use href="#a"/><rect fill="url(#g)"/></svg>', False),
        ('<svg><image href="data:image/png;base64,AAAA"/></svg>', False),
        ('<svg><image href="file:///etc/hostname"/></svg>', True),
        ("<svg><image xlink:href='http://127.0.0.1/x'/></svg>", True),
        ('<svg><style>@import "x.css";</style></svg>', True),
        ('<svg><rect style="fill: url(other.svg#p)"/></svg>', True),
        ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>', True),
    ],
)
def test_svg_references(svg: str, refused: bool) -> None:
    assert (svg_refusal(svg.encode()) is not None) is refused


def test_consent_counts_and_never_names(repo_root: Path) -> None:
    project = load_project(repo_root).project
    line = people_line(project, ["claire-martineau", "bernard-meyer", "agnes-weber", "nobody"])
    assert [p.name for p in line.named] == ["Claire Martineau"]
    assert line.unnamed == 3
    assert FRENCH.unnamed(1, "member", after_named=True) == (
        "et 1 autre membre qui a choisi de ne pas être nommé"
    )
    assert FRENCH.unnamed(2, "person", after_named=False).startswith("2 personnes qui ont")


def test_the_cut_depends_on_the_content_only(tmp_path: Path) -> None:
    root = sample.write_repo(tmp_path / "repo", paragraphs=60)
    from cahiers.book.build import build_stamp
    from cahiers.book.content import build_content

    sources = sample.sources(root, paragraphs=60)
    content = build_content(sources, build_stamp(sources))
    segments = plan_segments(content)
    assert [s.kind for s in segments][:2] == ["front", "messages"]
    assert segments[-1].kind == "back"
    assert [s.index for s in segments] == list(range(len(segments)))
    parts = [s for s in segments if s.kind == "part"]
    # every chapter exactly once, in reading order; a part page opens each part
    assert [c.slug for s in parts for c in s.chapters] == ["one", "two", "three"]
    assert [s.part_page for s in parts] == [True] + [
        a.part is not b.part for a, b in itertools.pairwise(parts)
    ]
    for segment in parts:
        assert len(segment.chapters) == 1 or segment.words <= CHUNK_WORDS + 400
    assert plan_segments(content) == segments


def _info(*anchors: str, blank: bool = False, bookmarks: tuple[Bookmark, ...] = ()) -> PageInfo:
    return PageInfo(blank=blank, anchors=anchors, bookmarks=bookmarks)


def test_pages_are_numbered_across_segments(tmp_path: Path) -> None:
    from cahiers.book.build import build_stamp
    from cahiers.book.content import build_content

    sources = sample.sources(sample.write_repo(tmp_path / "repo"))
    content = build_content(sources, build_stamp(sources))
    front = [_info("cover"), _info("title-page"), _info("preamble"), _info("contents")]
    part = [
        _info("part-alpha", bookmarks=(Bookmark(1, "Cloud", 0, 800, False),)),
        _info("ch-one", "one--constats"),
        _info("ch-one", "one--analyse"),  # the article, split: its anchor again
        _info(blank=True),
    ]
    back = [_info("contributors"), _info("transparency"), _info("colophon")]
    screen = paginate(content, [front, part, back], recto_starts=False)
    assert screen.offsets == (0, 4, 8)
    assert screen.anchors["ch-one"] == 6 and screen.anchors["one--analyse"] == 7
    assert screen.sheets[0] == Sheet(bare=True)  # the cover
    assert screen.sheets[5] == Sheet(bare=False)  # the chapter's first page: folio only
    assert screen.sheets[6] == Sheet(False, "Cloud et souveraineté", "Réversibilité des contrats")
    assert screen.sheets[7] == Sheet(bare=True)  # a blank page
    assert screen.outline[0].page == 4
    printed = paginate(content, [front, part[:3], back], recto_starts=True)
    assert printed.padded == (False, True, False)
    assert printed.offsets == (0, 4, 8) and printed.total == 11
    assert printed.sheets[7] == Sheet(bare=True)


def test_links_to_other_segments_are_marked_for_the_join() -> None:
    html = '<p id="a"><a href="#a">ici</a> <a href="#b">ailleurs</a> <a href="https://x">web</a>'
    assert localise_links(html) == (
        f'<p id="a"><a href="#a">ici</a> <a href="{XREF_SCHEME}b">ailleurs</a> '
        '<a href="https://x">web</a>'
    )


def test_css_strings_cannot_break_out() -> None:
    assert css_string('Cahier "26"') == '"Cahier \\00002226\\000022"'
    escaped = css_string('</style><script>alert(1)</script>"; }')
    assert "<" not in escaped and '"' not in escaped[1:-1] and ";" not in escaped


def test_trim_sizes() -> None:
    assert parse_trim("A4") == (210.0, 297.0)
    assert parse_trim("a5") == (148.0, 210.0)
    assert parse_trim("170x240") == (170.0, 240.0)
    assert parse_trim("170 × 240 mm") == (170.0, 240.0)
    with pytest.raises(TrimError):
        parse_trim("A0")
    with pytest.raises(TrimError):
        parse_trim("10x10")
    a4, a5 = Profile("print").geometry, Profile("print", parse_trim("A5")).geometry
    assert a4.inner < a4.outer  # mirrored: the outer margin is the wider one
    assert a5.font_size < a4.font_size
    screen = Profile("screen").geometry
    assert screen.inner == screen.outer
