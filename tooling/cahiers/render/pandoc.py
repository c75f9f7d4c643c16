"""Run pandoc: many documents per process, both cores, a timeout, never a hang.

One `pandoc lua batch.lua` process reads a batch of documents (JSON on stdin) and answers one
JSON line per document. Batches run in parallel, one per core. A batch that times out or dies
keeps the answers it already gave; the documents it did not finish are retried one per process,
each with the per-file timeout, so a single hostile file is pinned down and the others still
render.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from cahiers.errors import ToolMissing

BATCH_SCRIPT = "batch.lua"
MAX_BATCH_BYTES = 1_000_000  # of JSON-encoded documents: bounds pandoc's memory (see _batch_count)


@dataclass(frozen=True, slots=True)
class DocResult:
    """pandoc's answer for one document: an AST (JSON), or why there is none."""

    doc: dict[str, Any] | None
    messages: tuple[dict[str, Any], ...] = ()
    error: str | None = None
    timed_out: bool = False


@dataclass(slots=True)
class ProcessCounter:
    """How many pandoc processes this render started (the cache test reads it)."""

    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self) -> None:
        with self.lock:
            self.count += 1


def find_pandoc(explicit: str | None = None) -> str:
    """The pandoc executable: explicit path, else the one pypandoc-binary ships, else PATH.

    pypandoc's own lookup runs `pandoc --version` on every candidate; looking at the file
    where pypandoc-binary puts it costs nothing, so a fully cached render starts no process.
    """
    if explicit:
        return explicit
    spec = importlib.util.find_spec("pypandoc")
    if spec is not None and spec.origin:
        bundled = Path(spec.origin).parent / "files" / "pandoc"
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    found = shutil.which("pandoc")
    if found is None:
        raise ToolMissing("pandoc is not installed (pip install pypandoc-binary)")
    return found


def pandoc_version(pandoc: str) -> str:
    """`pandoc --version`'s number, e.g. "3.9"."""
    try:
        result = subprocess.run(
            [pandoc, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolMissing(f"pandoc cannot be run ({pandoc}): {exc}") from exc
    match = re.match(r"pandoc(?:\.exe)? (\S+)", result.stdout)
    if result.returncode != 0 or match is None:
        raise ToolMissing(f"pandoc cannot be run ({pandoc}): {result.stderr.strip()[:200]}")
    return match.group(1)


@dataclass(frozen=True, slots=True)
class PandocRunner:
    pandoc: str
    timeout: float  # seconds per document
    jobs: int
    counter: ProcessCounter
    # A batch gets the per-file timeout plus this budget per MB of input before it is split up
    # (measured: about 3 s per MB of Markdown with sourcepos on a 2-core machine).
    seconds_per_mb: float = 10.0

    def run(self, request: dict[str, Any], docs: Sequence[dict[str, Any]]) -> list[DocResult]:
        """Send `docs` (with the rest of `request`) to pandoc; one result per document."""
        if not docs:
            return []
        batches = _balanced_batches(docs, _batch_count(docs, self.jobs))
        results: list[DocResult | None] = [None] * len(docs)
        with tempfile.TemporaryDirectory(prefix="cahiers-pandoc-") as home:
            env = _hermetic_env(home)
            with ThreadPoolExecutor(max_workers=max(1, min(self.jobs, len(batches)))) as pool:
                answered = list(pool.map(lambda b: self._run_batch(request, docs, b, env), batches))
            retry: list[int] = []
            for batch, answers in zip(batches, answered, strict=True):
                for index in batch:
                    if index in answers:
                        results[index] = answers[index]
                    else:
                        retry.append(index)
            if retry:  # one process per unfinished document, with the per-file timeout
                with ThreadPoolExecutor(max_workers=max(1, self.jobs)) as pool:
                    singles = list(
                        pool.map(lambda i: self._run_batch(request, docs, [i], env), retry)
                    )
                for index, answers in zip(retry, singles, strict=True):
                    results[index] = answers.get(index) or DocResult(None, error="no answer")
        return [r if r is not None else DocResult(None, error="no answer") for r in results]

    def _run_batch(
        self,
        request: dict[str, Any],
        docs: Sequence[dict[str, Any]],
        batch: list[int],
        env: dict[str, str],
    ) -> dict[int, DocResult]:
        payload = json.dumps({**request, "docs": [docs[i] for i in batch]}, ensure_ascii=False)
        size_mb = len(payload.encode("utf-8")) / 1_000_000
        timeout = self.timeout + (self.seconds_per_mb * size_mb if len(batch) > 1 else 0.0)
        script = resources.files("cahiers.render").joinpath(BATCH_SCRIPT)
        with resources.as_file(script) as script_path:
            self.counter.add()
            try:
                proc = subprocess.Popen(
                    [self.pandoc, "lua", str(script_path)],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    env=env,
                    start_new_session=True,
                )
            except OSError as exc:
                raise ToolMissing(f"pandoc cannot be run ({self.pandoc}): {exc}") from exc
            try:
                out, err = proc.communicate(payload.encode("utf-8"), timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, err = proc.communicate()
                if len(batch) == 1:
                    return {batch[0]: DocResult(None, timed_out=True)}
                return _parse_answers(out, batch)
        answers = _parse_answers(out, batch)
        if proc.returncode != 0 and len(batch) == 1 and batch[0] not in answers:
            message = err.decode("utf-8", "replace").strip()[:500] or f"exit {proc.returncode}"
            if proc.returncode == 3 and "too old" in message:
                raise ToolMissing(message)
            answers[batch[0]] = DocResult(None, error=message)
        return answers


def _parse_answers(out: bytes, batch: list[int]) -> dict[int, DocResult]:
    answers: dict[int, DocResult] = {}
    for raw in out.splitlines():
        try:
            line = json.loads(raw)
        except (ValueError, RecursionError):
            # A hostile, very deep document can exceed Python's JSON nesting limit: its line
            # is recognisable by its position only, so report it through its index prefix.
            match = re.match(rb'\{"i":(\d+),', raw)
            if match and 0 < int(match.group(1)) <= len(batch):
                index = batch[int(match.group(1)) - 1]
                answers[index] = DocResult(None, error="too-deep")
            continue
        position = int(line.get("i", 0))
        if not 0 < position <= len(batch):
            continue
        index = batch[position - 1]
        if "error" in line:
            answers[index] = DocResult(None, error=str(line["error"]))
        else:
            answers[index] = DocResult(line["doc"], tuple(line.get("messages") or ()))
    return answers


def _batch_count(docs: Sequence[dict[str, Any]], jobs: int) -> int:
    """One batch per job, but no batch much over MAX_BATCH_BYTES: pandoc holds a batch's
    documents in memory at once (about 200 MB per MB of Markdown), so a 14 MB repository in two
    batches would need 2.5 GB; in batches of 1 MB, two at a time, it needs about 450 MB."""
    total = sum(len(json.dumps(d, ensure_ascii=False)) for d in docs)
    wanted = max(min(jobs, len(docs)), math.ceil(total / MAX_BATCH_BYTES))
    return max(1, min(wanted, len(docs)))


def _balanced_batches(docs: Sequence[dict[str, Any]], count: int) -> list[list[int]]:
    """Split document indexes into `count` batches of similar total size (largest first)."""
    sizes = [len(json.dumps(d, ensure_ascii=False)) for d in docs]
    order = sorted(range(len(docs)), key=lambda i: -sizes[i])
    batches: list[list[int]] = [[] for _ in range(count)]
    totals = [0] * count
    for index in order:
        target = totals.index(min(totals))
        batches[target].append(index)
        totals[target] += sizes[index]
    return [sorted(b) for b in batches if b]


def _hermetic_env(home: str) -> dict[str, str]:
    """No user data directory (no init.lua, no templates from $HOME), UTF-8, nothing else."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "XDG_DATA_HOME": home,
        "XDG_CONFIG_HOME": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
