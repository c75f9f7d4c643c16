"""A probe is one thing we time; a scenario is a set of probes measured side by side.

Within a scenario the probes run in rounds: round 1 runs every probe once, in order, then round 2,
and so on. A floor and the command it is compared with are thus measured minutes apart at most,
under the same load, which is what makes their ratio trustworthy on a noisy machine.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from benchmarks.measure import Command, Series, run_command


def nothing() -> None:
    """No set-up."""


@dataclass(frozen=True, slots=True)
class Probe:
    key: str  # stable id in the JSON, e.g. "floor.pandoc"
    label: str  # what a reader of BENCHMARKS.md sees
    command: Command | None
    prepare: Callable[[], None] = nothing  # before every repetition, untimed
    inspect: Callable[[], dict[str, Any]] | None = None  # facts after the last repetition
    skipped: str | None = None  # why it cannot run with this tooling or on this machine
    repeat: int | None = None  # fewer repetitions for a very slow probe
    note: str = ""

    @staticmethod
    def unavailable(key: str, label: str, reason: str) -> Probe:
        return Probe(key, label, None, skipped=reason)


@dataclass(slots=True)
class Outcome:
    probe: Probe
    series: Series = field(default_factory=Series)
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.probe.skipped is not None:
            return "skipped"
        if not self.series.samples:
            return "not run"
        return "ok" if self.series.ok else "failed"

    def to_json(self) -> dict[str, Any]:
        probe = self.probe
        data: dict[str, Any] = {"label": probe.label, "status": self.status}
        if probe.skipped is not None:
            data["reason"] = probe.skipped
            return data
        assert probe.command is not None
        samples = self.series.samples
        data["command"] = probe.command.shell_text()
        data["seconds"] = [round(s.seconds, 3) for s in samples]
        if samples:
            data["median_s"] = round(self.series.median_seconds, 3)
            data["median_cpu_s"] = round(self.series.median_cpu_seconds, 3)
            data["peak_rss_mib"] = round(self.series.peak_rss_kib / 1024, 1)
            data["largest_process_rss_mib"] = round(max(s.max_rss_kib for s in samples) / 1024, 1)
            data["peak_pss_mib"] = round(max(s.tree_pss_kib for s in samples) / 1024, 1)
        failed = [s for s in samples if s.returncode != 0]
        if failed:
            data["reason"] = f"exit {failed[0].returncode}: {failed[0].stderr_tail.strip()}"
        if probe.note:
            data["note"] = probe.note
        if self.facts:
            data["facts"] = self.facts
        return data


def run_rounds(probes: list[Probe], repeat: int, scenario: str) -> dict[str, Outcome]:
    outcomes = {p.key: Outcome(p) for p in probes}
    for round_index in range(repeat):
        for probe in probes:
            outcome = outcomes[probe.key]
            if probe.command is None or probe.skipped is not None:
                continue
            if round_index >= (probe.repeat or repeat) or outcome.status == "failed":
                continue
            try:
                probe.prepare()
            except Exception as exc:  # a broken set-up fails this probe, not the run
                outcomes[probe.key] = Outcome(
                    Probe.unavailable(probe.key, probe.label, f"set-up failed: {exc}")
                )
                continue
            sample = run_command(probe.command)
            outcome.series.samples.append(sample)
            state = "" if sample.returncode == 0 else f"  FAILED (exit {sample.returncode})"
            _say(
                f"[{scenario} {round_index + 1}/{repeat}] {probe.key}: {sample.seconds:.2f} s, "
                f"{sample.peak_rss_kib / 1024:.0f} MiB{state}"
            )
    for outcome in outcomes.values():
        if outcome.status == "ok" and outcome.probe.inspect is not None:
            try:
                outcome.facts = outcome.probe.inspect()
            except Exception as exc:  # facts are extras: report, never abort
                outcome.facts = {"error": f"{type(exc).__name__}: {exc}"}
    return outcomes


def _say(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)
