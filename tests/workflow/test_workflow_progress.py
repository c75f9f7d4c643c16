"""Progress bars only on a terminal and without --quiet; stage timings with --verbose."""

from __future__ import annotations

import io
import os
import pty
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rich.console import Console

from cahiers.book.console import StderrProgress
from cahiers.observer import Advance, CountingBar
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


# --- the pipeline's side: an observer is told of the stages and fed the bars -----------------


@dataclass
class Recorder:
    """An Observer that writes down what it is told."""

    quiet: bool = False
    events: list[str] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.events.append(f"start {name}")
        try:
            yield
        finally:
            self.events.append(f"end {name}")

    @contextmanager
    def progress(self, description: str, total: int) -> Iterator[Advance]:
        self.events.append(f"open {description} {total}")

        def advance(steps: int) -> None:
            self.events.append(f"advance {steps}")

        try:
            yield advance
        finally:
            self.events.append(f"close {description}")


def test_a_counting_bar_opens_when_the_total_is_known_and_closes_at_the_end() -> None:
    seen = Recorder()
    with CountingBar(seen, "Rendering", minimum=2) as bar:
        for done in (1, 2, 3):
            bar(done, 3)
        assert seen.events[-1] == "close Rendering"
    assert seen.events == [
        "open Rendering 3",
        "advance 1",
        "advance 1",
        "advance 1",
        "close Rendering",
    ]


def test_a_counting_bar_stays_closed_below_its_minimum() -> None:
    seen = Recorder()
    with CountingBar(seen, "Rendering", minimum=5) as bar:
        for done in (1, 2, 3):
            bar(done, 3)
    assert seen.events == []


def test_a_counting_bar_is_closed_by_a_failure_half_way() -> None:
    seen = Recorder()
    with pytest.raises(RuntimeError), CountingBar(seen, "Layout") as bar:
        bar(1, 4)
        raise RuntimeError("a worker died")
    assert seen.events == ["open Layout 4", "advance 1", "close Layout"]


def test_check_tells_its_observer_each_stage_and_feeds_the_render_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cahiers import pipeline

    root = tmp_path / "valid"
    shutil.copytree(Path(__file__).parent.parent / "load" / "scenarios" / "valid", root)
    monkeypatch.setattr(pipeline, "RENDER_BAR_MINIMUM", 1)  # the scenario is small
    seen = Recorder()
    result = pipeline.check(root, observer=seen)
    assert result.rendered is not None
    stages = [event.split(" ", 1)[1] for event in seen.events if event.startswith("start ")]
    assert stages == ["load", "references", "render", "review"]
    opened = [event for event in seen.events if event.startswith("open ")]
    assert len(opened) == 1
    total = int(opened[0].rsplit(" ", 1)[1])
    assert total >= len(result.rendered.contributions) > 0
    steps = sum(int(event.split()[1]) for event in seen.events if event.startswith("advance "))
    assert steps == total
    render = seen.events[seen.events.index("start render") : seen.events.index("end render")]
    assert "close Rendering" in render  # the bar ends with its stage


def test_the_book_progress_is_silent_when_quiet_but_for_warnings() -> None:
    stream = io.StringIO()
    progress = StderrProgress("pdf essai (screen)", stream, quiet=True, bars=Recorder())
    progress.stage("laying out 3 segments")
    progress.laid_out(3, 3, 12)
    progress.warning("no Inter font: falling back")
    assert stream.getvalue() == "pdf essai (screen): warning: no Inter font: falling back\n"


def test_the_book_progress_draws_the_callers_bar_on_a_terminal() -> None:
    leader, follower = pty.openpty()
    seen = Recorder()
    with (
        open(follower, "w", encoding="utf-8", closefd=True) as terminal,
        StderrProgress("pdf essai (print)", terminal, bars=seen) as progress,
    ):
        progress.stage("laying out 2 segments")
        progress.laid_out(1, 2, 5)
        progress.laid_out(2, 2, 9)
    os.close(leader)
    assert seen.events == [
        "open pdf essai (print): laying out 2",
        "advance 1",
        "advance 1",
        "close pdf essai (print): laying out",
    ]
