"""The benchmark harness cannot rot: a quick run on tiny corpora writes every key the full run
writes. Timings are never asserted (benchmarks are separate from the tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.goals import GOALS
from benchmarks.report import BEGIN, END, update_markdown_file
from benchmarks.workspace import EDIT_MARK, fresh_edit, toggle_edit

from conftest import REPO_ROOT, require_tool

PROBES = {
    "book": [
        "floor.pandoc",
        "floor.git_log",
        "floor.mkdocs",
        "floor.weasyprint.screen",
        "floor.weasyprint.print",
        "ours.check.cold",
        "ours.check.warm",
        "ours.credits",
        "ours.build.cold",
        "ours.build.warm",
        "ours.pdf.book",
        "peer.mkdocs.raw",
        "peer.git_authors",
        "peer.print_site",
    ],
    "large": ["large.check.cold", "large.check.warm"],
    "tall": ["tall.build"],
    "history": ["history.git_log", "history.credits"],
}
# What main has had from the start: these must run, not merely be reported as missing.
MUST_RUN = [
    "floor.pandoc",
    "floor.git_log",
    "floor.mkdocs",
    "ours.check.cold",
    "ours.check.warm",
    "large.check.cold",
    "large.check.warm",
]


def test_quick_run_writes_every_key(tmp_path: Path) -> None:
    require_tool("git")
    out = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--quick",
            "--work",
            str(tmp_path / "work"),
            "--json",
            str(out),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(out.read_text("utf-8"))
    assert set(data) == {"run", "machine", "versions", "corpora", "scenarios", "results", "goals"}
    assert data["run"]["mode"] == "quick" and data["run"]["repeat"] == 1
    assert data["machine"]["nproc"] >= 1 and data["machine"]["ram_gib"] > 0
    for tool in ("python", "pandoc", "git", "weasyprint", "mkdocs", "mkdocs-material"):
        assert data["versions"][tool] not in ("", "unknown", "not found"), tool
    for scenario, keys in PROBES.items():
        assert [k for k in data["scenarios"][scenario] if k in keys] == keys, scenario
    results = data["results"]
    for key in (k for keys in PROBES.values() for k in keys):
        entry = results[key]
        assert entry["status"] in ("ok", "failed", "skipped", "not run"), key
        assert entry["label"], key
        if entry["status"] == "ok":
            assert len(entry["seconds"]) == 1 and entry["median_s"] > 0, key
            assert entry["peak_rss_mib"] > 0, key
        else:
            assert entry.get("reason"), key
    for key in MUST_RUN:
        assert results[key]["status"] == "ok", (key, results[key].get("reason"))
    assert data["corpora"]["book"]["contributions"] == 6
    assert len(data["goals"]) == len(GOALS)
    for verdict in data["goals"].values():
        assert verdict["met"] in (True, False, None) and verdict["target"]
    assert data["goals"]["check_1000_warm"]["met"] is not None
    assert BEGIN in done.stdout and END in done.stdout


def test_markdown_update_keeps_the_other_sections(tmp_path: Path) -> None:
    target = tmp_path / "BENCHMARKS.md"
    target.write_text("# Benchmarks\n\nIntro.\n\n## Review rules accuracy\n\nKept.\n", "utf-8")
    update_markdown_file(target, f"{BEGIN}\nfirst\n{END}")
    update_markdown_file(target, f"{BEGIN}\nsecond\n{END}")
    text = target.read_text("utf-8")
    assert "second" in text and "first" not in text
    assert text.count(BEGIN) == 1 and "## Review rules accuracy\n\nKept." in text


def test_toggle_edit_changes_one_section_and_restores_it(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    original = "---\ntitle: T\n---\n\n## Partie 1\n\nTexte un.\n\n## Partie 2\n\nTexte deux.\n"
    path.write_text(original, "utf-8")
    toggle_edit(path)
    edited = path.read_text("utf-8")
    assert EDIT_MARK in edited
    assert edited.index(EDIT_MARK) < edited.index("Texte un.")
    toggle_edit(path)
    assert path.read_text("utf-8") == original


def test_fresh_edit_never_returns_to_a_text_seen_before(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text(
        "---\ntitle: T\n---\n\n## Partie 1\n\nTexte un.\n\n## Partie 2\n\nDeux.\n", "utf-8"
    )
    seen = {path.read_text("utf-8")}
    for _ in range(4):
        fresh_edit(path)
        text = path.read_text("utf-8")
        assert text not in seen and text.count(EDIT_MARK) == 1
        assert text.index(EDIT_MARK) < text.index("## Partie 2")
        seen.add(text)
