"""Time a command in a child process: wall clock, the largest process's peak RSS, and the peak of
the whole process tree's RSS (parent plus workers), sampled from /proc.

Why both RSS figures: `wait4` reports the peak of the largest single process, which undercounts a
build that lays out the PDF in two worker processes at once; the sampled tree total is what the
machine actually has to provide. Sampling every 100 ms can miss a very short spike, so the report
gives the larger of the two as "peak RSS".

RSS counts a page shared by several processes once in each: the layout workers fork from a server
that has imported WeasyPrint, so the summed RSS overstates what the tree needs. The watcher also
samples the tree's summed PSS (proportional set size, /proc/PID/smaps_rollup: a shared page is
split between its sharers), which adds up to the physical memory the tree actually holds.
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

# One sample reads every /proc/PID/stat: 1-3 ms, so 1-3 % of a core at this interval.
SAMPLE_INTERVAL = 0.1  # seconds
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
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
    tree_pss_kib: int = 0  # sampled peak of the summed PSS over the process tree (0: unknown)

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
    max_rss = tree_rss = tree_pss = 0
    for argv in command.steps:
        sample = _run_step(argv, command.cwd, command.env)
        seconds += sample.seconds
        cpu += sample.cpu_seconds
        max_rss = max(max_rss, sample.max_rss_kib)
        tree_rss = max(tree_rss, sample.tree_rss_kib)
        tree_pss = max(tree_pss, sample.tree_pss_kib)
        if sample.returncode != 0:
            return Sample(
                seconds, max_rss, tree_rss, sample.returncode, sample.stderr_tail, cpu, tree_pss
            )
    return Sample(seconds, max_rss, tree_rss, 0, "", cpu, tree_pss)


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
    # wait4 counts the children the command waited for; the samples also see the others (but
    # miss a process's last 100 ms): the larger of the two is the better estimate.
    cpu = max(usage.ru_utime + usage.ru_stime, watcher.cpu_seconds)
    return Sample(
        seconds,
        int(usage.ru_maxrss),
        watcher.peak_kib,
        proc.returncode,
        tail,
        cpu,
        watcher.peak_pss_kib,
    )


class _TreeWatcher(threading.Thread):
    """Samples the summed RSS of a process and all its descendants, and the CPU time of each
    (worker processes that their parent never waits for escape `wait4`'s accounting)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.peak_pss_kib = 0
        self.cpu_ticks: dict[int, int] = {}
        self._done = threading.Event()

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu_ticks.values()) / CLOCK_TICKS

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        while not self._done.is_set():
            rss, cpu = tree_snapshot(self.pid)
            self.peak_kib = max(self.peak_kib, rss)
            self.cpu_ticks.update(cpu)
            # PSS costs a read of smaps_rollup per process: only when the tree holds enough
            # memory for its peak to matter (a few processes, every 100 ms).
            if rss >= self.peak_kib * 0.8:
                self.peak_pss_kib = max(self.peak_pss_kib, tree_pss(cpu))
            self._done.wait(SAMPLE_INTERVAL)


def tree_pss(pids: Mapping[int, int] | Sequence[int]) -> int:
    """Summed PSS (KiB) of `pids` (0 where /proc/PID/smaps_rollup is unreadable)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
        except (OSError, ValueError):
            continue
    return total


def tree_snapshot(root: int) -> tuple[int, dict[int, int]]:
    """Summed RSS (KiB) of `root` and its descendants, and each one's CPU ticks so far
    (nothing where /proc is unavailable). About 1 ms on a quiet machine."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[bytes]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                raw = handle.read()
        except OSError:
            continue
        # The command name may contain spaces and parentheses: fields start after the last ')'.
        fields = raw[raw.rfind(b")") + 2 :].split()
        stats[int(name)] = fields
        children.setdefault(int(fields[1]), []).append(int(name))
    rss = 0
    ticks: dict[int, int] = {}
    pending = [root]
    while pending:
        pid = pending.pop()
        found = stats.get(pid)
        if found is not None:
            ticks[pid] = int(found[11]) + int(found[12])  # utime + stime
            rss += int(found[21]) * PAGE_KIB
        pending.extend(children.get(pid, ()))
    return rss, ticks
