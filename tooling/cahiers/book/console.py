"""Progress of a PDF build on stderr: the stage, and the pages laid out so far.

On a terminal the count is rewritten in place; in a CI log each stage is one line, and the
count is given when the layout ends, so that logs stay short.
"""

from __future__ import annotations

import sys
from typing import TextIO


class StderrProgress:
    def __init__(self, label: str, stream: TextIO | None = None, *, live: bool = True) -> None:
        """`live=False`: one line per stage even on a terminal (when builds run side by side)."""
        self.label = label
        self.stream = stream or sys.stderr
        self.live = live and self.stream.isatty()

    def _line(self, text: str, *, end: str = "\n") -> None:
        start = "\r\x1b[K" if self.live else ""  # on a terminal: back to the line start, clear
        self.stream.write(f"{start}{self.label}: {text}{end}")
        self.stream.flush()

    def stage(self, message: str) -> None:
        self._line(message)

    def laid_out(self, done: int, total: int, pages: int) -> None:
        if self.live:
            self._line(f"{done}/{total} segments laid out, {pages} pages", end="")
            if done == total:
                self.stream.write("\n")
        elif done == total:
            self._line(f"{total} segments laid out, {pages} pages")

    def warning(self, message: str) -> None:
        self._line(f"warning: {message}")
