"""What the pipeline tells whoever watches it: a stage starts and ends, a long loop advances.

The pipeline knows nothing of terminals: the CLI passes a `cahiers.progress.Feedback` (rich
progress bars on a TTY, stage timings with --verbose); library callers and tests get `SILENT`.
Data flows one way: the pipeline calls the observer, the observer never calls back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from types import TracebackType
from typing import Protocol

Advance = Callable[[int], None]  # moves a progress bar by that many steps


class Observer(Protocol):
    @property
    def quiet(self) -> bool:
        """True when status lines are unwanted: only problems are printed (`--quiet`)."""
        ...

    def stage(self, name: str) -> AbstractContextManager[None]:
        """Brackets one stage of the pipeline (`load`, `render`, `pdf essai (print)`…)."""
        ...

    def progress(self, description: str, total: int) -> AbstractContextManager[Advance]:
        """A progress bar of `total` steps, open for the `with` block."""
        ...


class SilentObserver:
    """Watches nothing: the default of every pipeline entry point."""

    @property
    def quiet(self) -> bool:
        return True

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        yield

    @contextmanager
    def progress(self, description: str, total: int) -> Iterator[Advance]:
        yield _ignore


SILENT = SilentObserver()


def _ignore(steps: int) -> None:
    """The `advance` of a progress bar that nobody watches."""


class CountingBar:
    """A progress bar fed by a `(done, total)` callback, the shape of the stages' own callbacks.

    The bar opens on the first report, when the total is known, and only when the total reaches
    `minimum` (a short loop is over before a bar could say anything). It is a context manager
    so that a stage failing half-way still closes the bar (and gives the terminal back).
    """

    def __init__(self, observer: Observer, description: str, *, minimum: int = 1) -> None:
        self.observer = observer
        self.description = description
        self.minimum = minimum
        self._stack = ExitStack()
        self._advance: Advance | None = None
        self._done = 0

    def __enter__(self) -> CountingBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __call__(self, done: int, total: int) -> None:
        if self._advance is None and self._done == 0 and total >= self.minimum:
            self._advance = self._stack.enter_context(
                self.observer.progress(self.description, total)
            )
        if self._advance is not None and done > self._done:
            self._advance(done - self._done)
        self._done = done
        if done >= total:
            self.close()

    def close(self) -> None:
        self._advance = None
        self._stack.close()
