"""The printed Cahier: one book per paper, from the model, the rendered pieces and the credits.

Entry points (the pipeline imports this package lazily; WeasyPrint only loads in the workers):
- `BookSources`: what a book is made from;
- `write_pdf(sources, profile, target, …)`: build one PDF and write it atomically;
- `pdf_filename(paper, profile)`: `<paper>.pdf` (screen) or `<paper>-print.pdf`;
- `Renderer`: the pool of layout processes, to share between several PDFs;
- `LayoutCache`: layouts kept under `.cache/cahiers/layout`, reused when nothing they depend on
  changed.
"""

from __future__ import annotations

from pathlib import Path

from cahiers.book.build import (
    BookReport,
    Progress,
    QuietProgress,
    assemble,
    render_book,
    write_atomically,
)
from cahiers.book.content import BookContent, BookSources
from cahiers.book.layout_cache import LayoutCache, default_layout_cache_dir
from cahiers.book.profiles import PROFILES, Profile, ProfileName, parse_trim
from cahiers.book.runner import Renderer

__all__ = [
    "PROFILES",
    "BookContent",
    "BookReport",
    "BookSources",
    "LayoutCache",
    "Profile",
    "ProfileName",
    "Progress",
    "QuietProgress",
    "Renderer",
    "assemble",
    "default_layout_cache_dir",
    "parse_trim",
    "pdf_filename",
    "render_book",
    "write_pdf",
]


def pdf_filename(paper: str, profile: ProfileName) -> str:
    return f"{paper}.pdf" if profile == "screen" else f"{paper}-{profile}.pdf"


def write_pdf(
    sources: BookSources,
    profile: Profile,
    target: Path,
    *,
    renderer: Renderer,
    final: bool = False,
    progress: Progress | None = None,
    cache: LayoutCache | None = None,
    content: BookContent | None = None,
) -> BookReport:
    """Build the PDF and replace `target` with it; on any failure `target` is left untouched."""
    pdf, report = render_book(
        sources,
        profile,
        final=final,
        renderer=renderer,
        progress=progress,
        cache=cache,
        content=content,
    )
    write_atomically(target, pdf)
    return report
