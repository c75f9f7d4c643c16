"""Progress bars only on a terminal and without --quiet; stage timings with --verbose."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from cahiers.progress import Feedback


def console(*, terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, width=80, color_system=None), out


def run_stages(feedback: Feedback) -> None:
    with feedback.stage("load"):
        pass
    with feedback.stage("render"), feedback.progress("Rendering", total=3) as advance:
        for _ in range(3):
            advance(1)
    feedback.summary()


def test_not_a_terminal_prints_nothing() -> None:
    cons, out = console(terminal=False)
    feedback = Feedback(console=cons)
    assert not feedback.shows_progress
    run_stages(feedback)
    assert out.getvalue() == ""
    assert [name for name, _ in feedback.timings] == ["load", "render"]
    assert all(seconds >= 0 for _, seconds in feedback.timings)


def test_a_terminal_shows_the_progress_bar() -> None:
    cons, out = console(terminal=True)
    feedback = Feedback(console=cons)
    assert feedback.shows_progress
    run_stages(feedback)
    assert "Rendering" in out.getvalue()
    assert "3/3" in out.getvalue()
    assert "stage" not in out.getvalue()  # timings only with --verbose


def test_quiet_hides_the_progress_bar_even_on_a_terminal() -> None:
    cons, out = console(terminal=True)
    feedback = Feedback(quiet=True, console=cons)
    run_stages(feedback)
    assert "Rendering" not in out.getvalue()


def test_verbose_prints_each_stage_and_the_total_even_in_a_log() -> None:
    cons, out = console(terminal=False)
    run_stages(Feedback(verbose=True, console=cons))
    lines = out.getvalue().splitlines()
    assert len(lines) == 3, lines
    assert re.fullmatch(r"stage load +\d+\.\d\d s", lines[0])
    assert re.fullmatch(r"stage render +\d+\.\d\d s", lines[1])
    assert re.fullmatch(r"total +\d+\.\d\d s", lines[2])


def test_a_failing_stage_is_timed_too() -> None:
    cons, out = console(terminal=False)
    feedback = Feedback(verbose=True, console=cons)
    with pytest.raises(RuntimeError), feedback.stage("book"):
        raise RuntimeError("WeasyPrint failed")
    assert [name for name, _ in feedback.timings] == ["book"]
    assert "book" in out.getvalue()


def test_quiet_and_verbose_contradict_each_other() -> None:
    with pytest.raises(ValueError, match="--quiet"):
        Feedback(quiet=True, verbose=True)
