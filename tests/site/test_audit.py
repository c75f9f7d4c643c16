"""The post-build audit (internal link checker and security scan) finds what it must."""

from __future__ import annotations

from pathlib import Path

from cahiers.site.audit import audit_site


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def messages(tmp_path: Path, html: str, extra: dict[str, str] | None = None) -> list[str]:
    root = site(
        tmp_path, {"a/index.html": html, "b/index.html": '<h2 id="x">B</h2>', **(extra or {})}
    )
    return [str(p) for p in audit_site(root)]


def test_a_clean_page_has_no_problem(tmp_path: Path) -> None:
    html = (
        '<a href="../b/">b</a><a href="../b/#x">x</a><a href="#top" id="top">t</a>'
        '<a href="https://example.org/">out</a><a href="mailto:x@example.org">m</a>'
        '<img src="data:image/png;base64,AA" alt="">'
        '<link rel="canonical" href="https://cahiers.example.org/a/">'
    )
    assert messages(tmp_path, html) == []


def test_event_handlers_and_javascript_urls_are_found(tmp_path: Path) -> None:
    found = messages(
        tmp_path, '<p onclick="x()">a</p><a href=" JavaScript:alert(1)">b</a><svg onload="y">'
    )
    assert any("event-handler attribute `onclick`" in m for m in found)
    assert any("event-handler attribute `onload`" in m for m in found)
    assert any("`javascript:` URL" in m for m in found)


def test_external_assets_are_found(tmp_path: Path) -> None:
    html = (
        '<script src="https://cdn.example.com/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.com/f.css">'
        '<img src="http://example.com/i.png" alt="">'
        '<img srcset="a.png 1x, https://example.com/b.png 2x" alt="">'
        '<p style="background: url(https://example.com/bg.png)">s</p>'
    )
    found = messages(tmp_path, html, {"a/a.png": ""})
    for url in (
        "https://cdn.example.com/x.js",
        "//fonts.example.com/f.css",
        "http://example.com/i.png",
        "https://example.com/b.png",
        "https://example.com/bg.png",
    ):
        assert any(url in m for m in found), url


def test_external_urls_in_stylesheets_are_found(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        {"index.html": "<p>x</p>", "s.css": '@import "https://x.example/a.css"; b{}'},
    )
    assert [p.message for p in audit_site(root)] == [
        "stylesheet loads an external asset `https://x.example/a.css`"
    ]


def test_broken_links_and_anchors_are_found(tmp_path: Path) -> None:
    html = (
        '<a href="../c/">c</a><a href="../b/#y">y</a><a href="#nope">n</a>'
        '<a href="../../../etc/passwd">up</a><a href="cahiers:slug">raw</a>'
    )
    found = messages(tmp_path, html)
    assert any("broken link `../c/`" in m for m in found)
    assert any("broken anchor `../b/#y`" in m for m in found)
    assert any("broken anchor `#nope`" in m for m in found)
    assert any("points outside the site" in m for m in found)
    assert any("unresolved internal link `cahiers:slug`" in m for m in found)
    assert len(found) == 5, found


def test_root_relative_links_resolve_against_the_site_path(tmp_path: Path) -> None:
    root = site(tmp_path, {"404.html": '<a href="/docs/">home</a>', "index.html": "<p>x</p>"})
    assert audit_site(root, base_path="/docs/") == []
    assert [p.message for p in audit_site(root, base_path="/other/")] == [
        "<a> points outside the site: `/docs/`"
    ]
