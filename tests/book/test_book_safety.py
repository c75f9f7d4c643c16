"""Contributions are untrusted: the book reads repository images and nothing else.

Three guards are tested: the author's image references (from the render stage's link list), the
HTML that reaches the book, and WeasyPrint's URL fetcher, the last line of defence.
"""

from __future__ import annotations

import dataclasses
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import weasyprint

from book import sample
from book.pdftools import normalise, page_texts
from cahiers.book.build import render_book
from cahiers.book.content import BookSources
from cahiers.book.profiles import Profile
from cahiers.book.runner import Renderer
from cahiers.book.tasks import RenderTask
from cahiers.book.weasy import render
from cahiers.errors import BuildFailed
from cahiers.render.types import LinkRef

SECRET = "SECRET-4F7A-DO-NOT-PRINT"
SECRET_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="60" viewBox="0 0 400 60">'
    f'<text x="10" y="40" font-size="24" font-family="sans-serif">{SECRET}</text></svg>'
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared on purpose: the test reads it

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.end_headers()
        self.wfile.write(SECRET_SVG.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 that records every request it receives."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    """A file outside the repository, with a marker that must never reach a PDF."""
    path = tmp_path / "outside" / "secret.svg"
    path.parent.mkdir()
    path.write_text(SECRET_SVG, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return sample.write_repo(tmp_path / "repo")


@pytest.fixture(scope="module")
def one_process() -> Iterator[Renderer]:
    with Renderer(1) as renderer:
        yield renderer


def with_image(sources: BookSources, slug: str, *, html: str, target: str) -> BookSources:
    """The sources, with contribution `slug` showing `html` and an image written `target`."""
    path = next(c.path for c in sources.project.contributions() if c.slug == slug)
    rendered = sources.rendered[path]
    changed = dataclasses.replace(
        rendered,
        html=rendered.html + html,
        links=(*rendered.links, LinkRef(target, 42, 3, "image", "Un schéma")),
    )
    return dataclasses.replace(sources, rendered={**sources.rendered, path: changed})


@pytest.mark.parametrize(
    "target",
    ["/etc/hostname", "file:///etc/hostname", "http://127.0.0.1/leak.png", "../../../secret.svg"],
)
def test_an_outside_image_fails_the_build_naming_the_contribution(
    repo: Path, target: str, one_process: Renderer
) -> None:
    # The render stage drops such an image (and reports it); the book still refuses to build.
    sources = with_image(sample.sources(repo), "two", html="", target=target)
    with pytest.raises(BuildFailed) as failure:
        render_book(sources, Profile("screen"), renderer=one_process)
    message = str(failure.value)
    assert "groups/alpha/two.md:42:3" in message
    assert target in message


@pytest.mark.parametrize(
    "src",
    ["file:///etc/hostname", "/etc/hostname", "http://127.0.0.1/x.png", "cahiers-asset:../x.svg"],
)
def test_outside_images_in_the_html_are_refused_before_weasyprint(
    repo: Path, src: str, one_process: Renderer
) -> None:
    # The author's reference is a fine repository image: only the HTML is wrong.
    html = f'<p><img src="{src}" alt="x"></p>'
    sources = with_image(sample.sources(repo), "one", html=html, target="images/schema.svg")
    with pytest.raises(BuildFailed) as failure:
        render_book(sources, Profile("screen"), renderer=one_process)
    message = str(failure.value)
    assert f"groups/alpha/one.md: `{src}`" in message
    assert "42:3" not in message


def test_an_image_that_links_out_of_the_repository_is_refused(
    repo: Path, secret_file: Path, one_process: Renderer
) -> None:
    link = repo / "groups" / "alpha" / "images" / "leak.svg"
    link.symlink_to(secret_file)
    html = '<figure><img src="cahiers-asset:groups/alpha/images/leak.svg" alt="x"></figure>'
    sources = with_image(sample.sources(repo), "one", html=html, target="images/leak.svg")
    with pytest.raises(BuildFailed, match="leaves the repository"):
        render_book(sources, Profile("screen"), renderer=one_process)


def test_an_svg_that_refers_to_an_outside_file_is_refused(
    repo: Path, secret_file: Path, one_process: Renderer
) -> None:
    evil = repo / "groups" / "alpha" / "images" / "evil.svg"
    evil.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="10" height="10"><image xlink:href="{secret_file.as_uri()}" width="10" '
        'height="10"/></svg>',
        encoding="utf-8",
    )
    html = '<figure><img src="cahiers-asset:groups/alpha/images/evil.svg" alt="x"></figure>'
    sources = with_image(sample.sources(repo), "one", html=html, target="images/evil.svg")
    with pytest.raises(BuildFailed) as failure:
        render_book(sources, Profile("screen"), renderer=one_process)
    assert "groups/alpha/one.md" in str(failure.value)
    assert "outside resource" in str(failure.value)


def _page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body>{body}</body></html>'


def test_the_fetcher_refuses_files_and_network_and_nothing_leaks(
    repo: Path, secret_file: Path, local_server: tuple[str, list[str]]
) -> None:
    url, hits = local_server
    body = (
        f'<p>Texte</p><img src="{secret_file.as_uri()}" alt="a">'
        f'<img src="{url}/leak.svg" alt="b">'
        f'<div style="background: url({url}/bg.svg)">c</div>'
    )
    task = RenderTask("essai", _page(body), str(repo), None, 0, ("groups/alpha/one.md",))
    with pytest.raises(BuildFailed) as failure:
        render(task)
    message = str(failure.value)
    assert "groups/alpha/one.md" in message
    assert "refused" in message and secret_file.as_uri() in message
    assert hits == [], "the fetcher reached the network"


def test_without_our_fetcher_the_secret_would_leak(secret_file: Path, tmp_path: Path) -> None:
    """The control: WeasyPrint's own fetcher reads the outside file into the PDF."""
    html = _page(f'<img src="{secret_file.as_uri()}" alt="a">')
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert SECRET in normalise(" ".join(page_texts(pdf)))


def test_repository_images_are_served(repo: Path) -> None:
    html = _page('<p>Un schéma :</p><img src="groups/alpha/images/schema.svg" alt="Un schéma">')
    result = render(RenderTask("essai", html, str(repo), "pdf/ua-1", 0))
    assert "Schéma" in normalise(" ".join(page_texts(result.pdf)))


def test_every_weasyprint_warning_fails_the_build(repo: Path) -> None:
    html = _page("<p style='colour: red'>Texte</p>").replace(
        "<head>", "<head><style>p { frobnicate: 1; }</style>"
    )
    with pytest.raises(BuildFailed, match="frobnicate"):
        render(RenderTask("essai", html, str(repo), None, 0))


def test_an_image_without_alternative_text_fails_the_accessible_edition(repo: Path) -> None:
    html = _page('<img src="groups/alpha/images/schema.svg">')
    with pytest.raises(BuildFailed, match="alt"):
        render(RenderTask("essai", html, str(repo), "pdf/ua-1", 0))
