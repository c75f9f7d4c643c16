"""Terminal feedback for long commands: progress bars on a TTY, stage timings with --verbose.

- Progress bars only when stderr is a terminal and not `--quiet`: CI logs stay clean.
- Colour only on a terminal (rich decides, and honours NO_COLOR).
- `--verbose` prints how long each stage took, on a terminal or not (CI logs want them too).
- Everything goes to stderr, so that `--format json` on stdout stays machine-readable.

`Feedback` is the CLI's `cahiers.observer.Observer`: the pipeline times its stages and feeds
its bars through it, without knowing about rich or terminals.

Usage in the pipeline:

    feedback = Feedback(quiet=quiet, verbose=verbose)
    with feedback.stage("render"):
        with feedback.progress("Rendering", total=len(files)) as advance:
            for f in files:
                ...
                advance(1)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cahiers.observer import Advance


class Feedback:
    def __init__(
        self, *, quiet: bool = False, verbose: bool = False, console: Console | None = None
    ) -> None:
        if quiet and verbose:
            raise ValueError("--quiet and --verbose cannot be used together")
        self.quiet = quiet
        self.verbose = verbose
        self.console = console if console is not None else Console(stderr=True)
        self._timings: list[tuple[str, float]] = []
        self._started = time.perf_counter()

    @property
    def timings(self) -> tuple[tuple[str, float], ...]:
        """(stage, seconds) in the order the stages finished."""
        return tuple(self._timings)

    @property
    def shows_progress(self) -> bool:
        return not self.quiet and self.console.is_terminal

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage; with --verbose, say when it ends and how long it took."""
        start = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            self._timings.append((name, elapsed))
            if self.verbose:
                self._say(f"[dim]stage[/dim] {escape(name):<10} {elapsed:8.2f} s")

    def summary(self) -> None:
        """With --verbose, the wall time since this Feedback was made: the command's own time,
        which also counts what falls between the stages (imports, writing the report)."""
        if self.verbose and self._timings:
            total = time.perf_counter() - self._started
            self._say(f"[dim]total[/dim] {'':<10} {total:8.2f} s")

    def _say(self, markup: str) -> None:
        # soft_wrap: a long stage name stays on one line in an 80-column CI log
        self.console.print(markup, highlight=False, soft_wrap=True)

    @contextmanager
    def progress(self, description: str, total: int) -> Iterator[Advance]:
        """A progress bar for `total` steps; `advance(n)` moves it. Silent when not shown."""
        if not self.shows_progress:
            yield _ignore
            return
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=self.console, transient=True) as bar:
            task = bar.add_task(description, total=total)

            def advance(steps: int = 1) -> None:
                bar.advance(task, steps)

            yield advance


def _ignore(steps: int) -> None:
    """The `advance` of a progress bar that is not shown."""
