"""Untimed set-up steps that need the Cahiers API, run in a child process with the tooling under
test importable (`python -m benchmarks.helpers …`):

    stage-site ROOT WORK                 stage the site's docs tree; print its mkdocs config path
    book-html ROOT PAPER PROFILE OUT     write the book as one HTML document for plain `weasyprint`

A helper that this tooling cannot support yet exits 1 with the reason on stderr; the harness then
reports the floor as unavailable (or falls back) instead of failing the run.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path


def stage_site(root: Path, work: Path) -> Path:
    try:
        site = importlib.import_module("cahiers.site")
    except ImportError as exc:
        raise RuntimeError("this tooling has no site stage (cahiers.site) yet") from exc
    from cahiers import pipeline

    prepared = pipeline.prepare(root)  # type: ignore[attr-defined,unused-ignore]
    settings = site.load_settings(root)
    staged = site.stage_site(
        prepared, settings, work, work / "site", pdf_dir=None, link_style="url"
    )
    return Path(staged.config_file)


def book_html(root: Path, paper: str, profile: str, out: Path) -> tuple[Path, str]:
    """The book as one document (the book stage's `whole_book_html`), for the `weasyprint`
    command to render alone; and the PDF variant the profile asks of WeasyPrint ("" for none).

    The book stage's modules are looked up by name: this helper also runs against trees where
    they do not exist yet, and then says so.
    """
    try:
        build = importlib.import_module("cahiers.book.build")
        profiles = importlib.import_module("cahiers.book.profiles")
    except ImportError as exc:
        raise RuntimeError("this tooling has no book stage (cahiers.book) yet") from exc
    from cahiers import pipeline

    prepared = pipeline.prepare(root)  # type: ignore[attr-defined,unused-ignore]
    sources = pipeline.book_sources(prepared, paper)  # type: ignore[attr-defined,unused-ignore]
    chosen = profiles.Profile(profile)
    out.write_text(build.whole_book_html(sources, chosen), "utf-8")
    return out, chosen.pdf_variant or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    site = sub.add_parser("stage-site")
    site.add_argument("root", type=Path)
    site.add_argument("work", type=Path)
    book = sub.add_parser("book-html")
    book.add_argument("root", type=Path)
    book.add_argument("paper")
    book.add_argument("profile")
    book.add_argument("out", type=Path)
    args = parser.parse_args()
    try:
        if args.command == "stage-site":
            print(stage_site(args.root.resolve(), args.work.resolve()))
        else:
            html, variant = book_html(
                args.root.resolve(), args.paper, args.profile, args.out.resolve()
            )
            print(f"{html}\n{variant}")
    except Exception as exc:  # reported by the harness as the reason a floor is unavailable
        print(f"{args.command}: {type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
