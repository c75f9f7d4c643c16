"""Progress of a PDF build on stderr: the stage, and the pages laid out so far.

On a terminal the count is rewritten in place, or drawn as a progress bar when the caller
gives one (`bars`: the CLI's feedback); in a CI log each stage is one line, and the count is
given when the layout ends, so that logs stay short. `quiet` leaves only the warnings.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

from cahiers.observer import CountingBar, Observer


class StderrProgress:
    def __init__(
        self,
        label: str,
        stream: TextIO | None = None,
        *,
        quiet: bool = False,
        bars: Observer | None = None,
        live: bool = True,
    ) -> None:
        """`live=False`: one line per stage even on a terminal (when builds run side by side)."""
        self.label = label
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.live = live and self.stream.isatty()
        # On a terminal, the caller's progress bar counts the segments laid out.
        self._bar = (
            CountingBar(bars, f"{label}: laying out") if bars is not None and self.live else None
        )

    def __enter__(self) -> StderrProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close a bar left open by a layout that failed half-way."""
        if self._bar is not None:
            self._bar.close()

    def _line(self, text: str, *, end: str = "\n") -> None:
        start = "\r\x1b[K" if self.live else ""  # on a terminal: back to the line start, clear
        self.stream.write(f"{start}{self.label}: {text}{end}")
        self.stream.flush()

    def stage(self, message: str) -> None:
        if not self.quiet:
            self._line(message)

    def laid_out(self, done: int, total: int, pages: int) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            self._bar(done, total)
            if done == total:
                self._line(f"{total} segments laid out, {pages} pages")
        elif self.live:
            self._line(f"{done}/{total} segments laid out, {pages} pages", end="")
            if done == total:
                self.stream.write("\n")
        elif done == total:
            self._line(f"{total} segments laid out, {pages} pages")

    def warning(self, message: str) -> None:
        self._line(f"warning: {message}")  # a problem: printed even when quiet
