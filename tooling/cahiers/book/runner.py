"""Run WeasyPrint layouts in worker processes: the book's segments are independent.

Workers come from a fork server that has imported WeasyPrint once, so a worker starts in
milliseconds, and no worker inherits the parent's threads (progress bars, logging). With one
job, documents are laid out in this process, in the same order: the bytes are the same.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from multiprocessing import forkserver
from types import TracebackType

from cahiers.book.tasks import RenderResult, RenderTask

OnResult = Callable[[int, RenderResult], None]


def _context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["cahiers.book.weasy"])
    return context


def warm_up() -> None:
    """Start the fork server, which imports WeasyPrint (about a second), while this process does
    something else (checks, credits, render). Every pool of this process then forks from it."""
    _context()
    forkserver.ensure_running()


def default_jobs() -> int:
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, available)


class Renderer:
    """A pool of layout workers, kept for a whole build (both profiles, all phases)."""

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = max(1, jobs if jobs is not None else default_jobs())
        self._pool: ProcessPoolExecutor | None = None
        self._environment: tuple[str | None] | None = None
        # Re-entrant: `environment` starts the pool. The editions of a paper share it from threads.
        self._lock = threading.RLock()

    def __enter__(self) -> Renderer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def start(self) -> Renderer:
        """Start the fork server now (see `warm_up`); without it, it starts at the first run."""
        if self.jobs > 1:
            warm_up()
        return self

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_context())
            return self._pool

    def environment(self) -> str | None:
        """The layout environment's fingerprint (`cahiers.book.environment`), computed once, in
        a layout process: the libraries and fonts that count are the ones the workers load."""
        with self._lock:
            if self._environment is None:
                if self.jobs == 1:
                    self._environment = (_environment(),)
                else:
                    self._environment = (self._executor().submit(_environment).result(),)
            return self._environment[0]

    def run(
        self, tasks: Sequence[RenderTask], on_result: OnResult | None = None
    ) -> list[RenderResult]:
        """Lay out every task; results in task order. The first failure cancels the rest.

        With several jobs even a single task goes to a worker: this process never imports
        WeasyPrint (about a second), which matters when the layout cache leaves one task."""
        if not tasks:
            return []
        if self.jobs == 1:
            results = []
            for index, task in enumerate(tasks):
                results.append(_render(task))
                if on_result:
                    on_result(index, results[-1])
            return results
        pool = self._executor()
        # Longest first: with a few processes, that keeps them all busy until the end.
        order = sorted(range(len(tasks)), key=lambda i: -len(tasks[i].html))
        futures: dict[Future[RenderResult], int] = {
            pool.submit(_render, tasks[i]): i for i in order
        }
        done_results: dict[int, RenderResult] = {}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in done:
                index = futures[future]
                error = future.exception()
                if error is not None:
                    for other in pending:
                        other.cancel()
                    raise error
                done_results[index] = future.result()
                if on_result:
                    on_result(index, done_results[index])
        return [done_results[i] for i in range(len(tasks))]


def _environment() -> str | None:
    from cahiers.book.environment import layout_environment

    return layout_environment()


def _render(task: RenderTask) -> RenderResult:
    from cahiers.book import weasy  # imported by the worker (or by this process with one job)

    return weasy.render(task)
