"""`cahiers serve`: a live preview that re-stages when files under groups/ or papers/ change.

Each change re-runs `prepare` (the check, one git pass, and the render stage, whose cache makes an
unchanged contribution free), re-stages only the files that changed, and rebuilds with mkdocs.
A broken edit shows its error in the terminal and leaves the last good site on screen.
"""

from __future__ import annotations

import logging
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cahiers.errors import CahiersError
from cahiers.site.settings import CONFIG_FILE, THEME_DIR, load_settings
from cahiers.site.stage import stage_site

if TYPE_CHECKING:
    from cahiers.pipeline import Prepared

log = logging.getLogger("cahiers.serve")
WATCHED = ("groups", "papers", CONFIG_FILE, THEME_DIR)


def serve(
    root: Path,
    prepare: Callable[[], Prepared],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    pdf_dir: Path | None = None,
    echo: Callable[[str], None] = print,
) -> None:
    from cahiers.site.engine import build_with_mkdocs, serve_with_mkdocs

    # SIGTERM (a container stopping, a test ending) stops the preview like Ctrl-C does, so the
    # temporary folder is removed.
    signal.signal(signal.SIGTERM, _interrupt)
    with tempfile.TemporaryDirectory(prefix="cahiers-serve-") as work:
        work_dir, site_dir = Path(work) / "stage", Path(work) / "site"

        def rebuild() -> None:
            try:
                prepared = prepare()
                staged = stage_site(
                    prepared, load_settings(root), work_dir, site_dir, pdf_dir=pdf_dir
                )
                build_with_mkdocs(staged.config_file)
                echo(f"site rebuilt: http://{host}:{port}/")
            except CahiersError as exc:
                echo(f"cahiers: {exc}\n(the preview keeps the last good site)")
            except Exception as exc:  # a preview must survive any half-typed edit
                echo(f"cahiers: cannot rebuild the preview: {type(exc).__name__}: {exc}")

        rebuild()
        serve_with_mkdocs(site_dir, rebuild, [root / name for name in WATCHED], host, port)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
