"""Time a command in a child process: wall clock, the largest process's peak RSS, and the peak of
the whole process tree's RSS (parent plus workers), sampled from /proc.

Why both RSS figures: `wait4` reports the peak of the largest single process, which undercounts a
build that lays out the PDF in two worker processes at once; the sampled tree total is what the
machine actually has to provide. Sampling every 20 ms can miss a very short spike, so the report
gives the larger of the two as "peak RSS".
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SAMPLE_INTERVAL = 0.02  # seconds
STDERR_TAIL = 1500  # characters of a failed command's stderr kept in the results


@dataclass(frozen=True, slots=True)
class Command:
    """One or more argv run one after the other (a peer that needs two tools), timed together."""

    steps: tuple[tuple[str, ...], ...]
    cwd: Path
    env: Mapping[str, str] | None = None

    @staticmethod
    def of(*argv: str, cwd: Path, env: Mapping[str, str] | None = None) -> Command:
        return Command((tuple(argv),), cwd, env)

    def shell_text(self) -> str:
        return " && ".join(" ".join(step) for step in self.steps)


@dataclass(frozen=True, slots=True)
class Sample:
    seconds: float
    max_rss_kib: int  # the largest single process (kernel's ru_maxrss, children included)
    tree_rss_kib: int  # sampled peak of the sum over the process tree
    returncode: int
    stderr_tail: str = ""
    cpu_seconds: float = 0.0  # user + system time of the process and the children it waited for

    @property
    def peak_rss_kib(self) -> int:
        return max(self.max_rss_kib, self.tree_rss_kib)


@dataclass(slots=True)
class Series:
    """Every repetition of one probe, with its medians."""

    samples: list[Sample] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.samples) and all(s.returncode == 0 for s in self.samples)

    @property
    def median_seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def median_cpu_seconds(self) -> float:
        return statistics.median(s.cpu_seconds for s in self.samples)

    @property
    def peak_rss_kib(self) -> int:
        return max(s.peak_rss_kib for s in self.samples)


def run_command(command: Command) -> Sample:
    """Run every step of `command`; stop at the first that fails. Output is discarded."""
    seconds = cpu = 0.0
    max_rss = tree_rss = 0
    for argv in command.steps:
        sample = _run_step(argv, command.cwd, command.env)
        seconds += sample.seconds
        cpu += sample.cpu_seconds
        max_rss = max(max_rss, sample.max_rss_kib)
        tree_rss = max(tree_rss, sample.tree_rss_kib)
        if sample.returncode != 0:
            return Sample(seconds, max_rss, tree_rss, sample.returncode, sample.stderr_tail, cpu)
    return Sample(seconds, max_rss, tree_rss, 0, "", cpu)


def _run_step(argv: Sequence[str], cwd: Path, env: Mapping[str, str] | None) -> Sample:
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(argv),
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        watcher = _TreeWatcher(proc.pid)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        watcher.stop()
        tail = ""
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-STDERR_TAIL:]
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, int(usage.ru_maxrss), watcher.peak_kib, proc.returncode, tail, cpu)


class _TreeWatcher(threading.Thread):
    """Samples the summed RSS of a process and all its descendants."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self._done = threading.Event()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak_kib = max(self.peak_kib, tree_rss_kib(self.pid))
            self._done.wait(SAMPLE_INTERVAL)


def tree_rss_kib(root: int) -> int:
    """Sum of VmRSS over `root` and its descendants (0 where /proc is unavailable)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: fields start after the last ')'.
        fields = stat[stat.rfind(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(_rss_kib(pid) for pid in tree)


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0
