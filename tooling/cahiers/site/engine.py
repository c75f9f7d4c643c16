"""The edge where the staged tree meets a site generator: mkdocs (as a library) or Zensical.

mkdocs traps this module avoids (see shared/measurements.md):
- `mkdocs build --strict -q` exits 0 despite warnings: quiet mode raises the `mkdocs` logger to
  ERROR, so the strict counter never sees a warning. Here the logger is kept at WARNING or lower
  while building, and our own handler collects every warning, including those logged while the
  config is loaded (before `build()` attaches its counter). Any warning fails the build.
- The `validation:` levels for anchors and absolute links default to `info`: the generated config
  sets every level to `warn` (`cahiers.site.config`).
- Dates: `SOURCE_DATE_EPOCH` (from git) fixes the sitemap's dates and the gzip header, which
  would otherwise carry the clock.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cahiers.errors import BuildFailed, ToolMissing

ENGINES = ("mkdocs", "zensical")
ZENSICAL_TIMEOUT = 300  # seconds


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


@contextmanager
def source_date_epoch(epoch: int | None) -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH for the duration of a build (mkdocs reads it from the environment)."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextmanager
def _mkdocs_warnings() -> Iterator[_Collect]:
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    level, propagate = logger.level, logger.propagate
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    logger.propagate = False  # we report warnings ourselves, once, in the BuildFailed message
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def build_with_mkdocs(
    config_file: Path, *, epoch: int | None = None, serve_url: str | None = None
) -> None:
    """`load_config(...)` with overrides, then `build`; any warning or error fails."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with source_date_epoch(epoch), _mkdocs_warnings() as warnings:
        try:
            # The generated file already says all this; the overrides make sure of it.
            config = load_config(str(config_file), strict=True)
            build(config, serve_url=serve_url)
        except MkDocsException as exc:
            warnings.messages.append(f"error: {exc}")
        except SystemExit as exc:  # mkdocs' config loader raises Abort, a SystemExit, too
            warnings.messages.append(f"error: {exc}")
    if warnings.messages:
        raise BuildFailed(
            "the site build failed:\n" + "\n".join(f"  {m}" for m in warnings.messages)
        )


def build_with_zensical(config_file: Path, *, epoch: int | None = None) -> None:
    """Zensical reads the same generated `mkdocs.yml` and staged tree; it runs in a child process
    (its runtime is native and keeps caches next to the config)."""
    if shutil.which("zensical") is None and not _has_module("zensical"):
        raise ToolMissing("Zensical is not installed: `pip install zensical`")
    env = dict(os.environ)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    command = [
        sys.executable,
        "-m",
        "zensical",
        "build",
        "-f",
        str(config_file),
        "--clean",
        "--strict",
    ]
    try:
        done = subprocess.run(
            command,
            cwd=config_file.parent,
            env=env,
            capture_output=True,
            text=True,
            timeout=ZENSICAL_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BuildFailed(f"Zensical did not finish within {ZENSICAL_TIMEOUT} s") from exc
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise BuildFailed(f"the Zensical build failed (exit {done.returncode}):\n{output}")


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def serve_with_mkdocs(
    site_dir: Path, rebuild: Callable[[], None], watched: list[Path], host: str, port: int
) -> None:
    """Serve `site_dir` with mkdocs' live-reload server; `rebuild` runs when a watched path
    changes, and open pages reload once it is done. Blocks until interrupted."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(
        builder=rebuild, host=host, port=port, root=str(site_dir), mount_path="/"
    )
    for path in watched:
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
