"""Terminal feedback for long commands: progress bars on a TTY, stage timings with --verbose.

- Progress bars only when stderr is a terminal and not `--quiet`: CI logs stay clean.
- Colour only on a terminal (rich decides, and honours NO_COLOR).
- `--verbose` prints how long each stage took, on a terminal or not (CI logs want them too).
- Everything goes to stderr, so that `--format json` on stdout stays machine-readable.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

Advance = Callable[[int], None]


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
                self.console.print(f"[dim]stage[/dim] {name:<10} {elapsed:8.2f} s", highlight=False)

    def summary(self) -> None:
        """With --verbose, the total of the stages timed so far."""
        if self.verbose and self._timings:
            total = sum(seconds for _, seconds in self._timings)
            self.console.print(f"[dim]total[/dim] {'':<10} {total:8.2f} s", highlight=False)

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


def _ignore(steps: int = 1) -> None:
    """The `advance` of a progress bar that is not shown."""
