"""`--quiet` and `--verbose` as a user runs them: real processes, on a CI log and on a terminal.

A CI log is a pipe; a terminal is a real pseudo-terminal (pty). The `mini` fixture, committed
to a git repository, is the smallest content that builds the site and a PDF.
"""

from __future__ import annotations

import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cahiers.cli import cli
from conftest import REPO_ROOT, git_copy_of_mini

MINI = REPO_ROOT / "tests" / "site" / "fixtures" / "mini"
VALID = REPO_ROOT / "tests" / "load" / "scenarios" / "valid"
# What would make rich draw on a pipe, or refuse to on a terminal: not this test's subject.
TERMINAL_OVERRIDES = (
    "FORCE_COLOR",
    "NO_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "CAHIERS_DEBUG",
)
TIMING = r"\d+\.\d\d s"
PDF_STAGES = ["pdf cahier-test (screen)", "pdf cahier-test (print)"]
CHECK_STAGES = ["load", "references", "render", "review"]
BUILD_STAGES = [*CHECK_STAGES, "identities", "credits", *PDF_STAGES, "site"]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in TERMINAL_OVERRIDES}
    return {**env, "COLUMNS": "100"}


def cahiers(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cahiers", *args],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=300,
        check=False,
    )


def on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run cahiers with stderr on a pseudo-terminal: (exit code, stdout, what the terminal got)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cahiers", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=environment(),
    )
    os.close(follower)
    received = bytearray()
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: every writer of the terminal has gone
            break
        if not chunk:
            break
        received += chunk
    os.close(leader)
    assert process.stdout is not None
    stdout = process.stdout.read().decode("utf-8")
    process.stdout.close()
    return process.wait(timeout=300), stdout, received.decode("utf-8", "replace")


def stage_names(stderr: str) -> list[str]:
    return [m.group(1) for m in re.finditer(rf"^stage (.+?) +{TIMING}$", stderr, re.MULTILINE)]


def assert_plain(stderr: str) -> None:
    """A CI log: no colour, no cursor moves, no line rewritten in place."""
    assert "\x1b" not in stderr, repr(stderr)
    assert "\r" not in stderr, repr(stderr)


@pytest.fixture(scope="module")
def mini_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared by the tests that only read it (its render cache warms up on the way)."""
    return git_copy_of_mini(tmp_path_factory.mktemp("mini") / "repo")


@pytest.fixture
def valid_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "valid"
    shutil.copytree(VALID, repo)
    return repo


@pytest.mark.parametrize(
    "command",
    [["check"], ["build"], ["site"], ["pdf", "cahier-test"], ["credits"]],
    ids=lambda command: command[0],
)
def test_quiet_and_verbose_together_is_a_usage_error(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--root", str(VALID), "-q", "-v"])
    assert result.exit_code == 2, result.output
    assert "--quiet and --verbose cannot be used together" in result.output


def test_quiet_and_verbose_together_exits_two_from_the_shell() -> None:
    result = cahiers("check", "--root", str(VALID), "--quiet", "--verbose")
    assert result.returncode == 2
    assert "--quiet and --verbose cannot be used together" in result.stderr
    assert result.stdout == ""


def test_check_verbose_times_each_stage_in_a_log(valid_repo: Path) -> None:
    plain = cahiers("check", "--root", str(valid_repo))
    verbose = cahiers("check", "--root", str(valid_repo), "--verbose")
    assert verbose.returncode == plain.returncode == 0, verbose.stderr
    assert verbose.stdout == plain.stdout  # the report itself does not change
    assert stage_names(verbose.stderr) == CHECK_STAGES  # not a git repository: no identities
    assert re.search(rf"^total +{TIMING}$", verbose.stderr, re.MULTILINE), verbose.stderr
    assert verbose.stderr.splitlines()[-1].startswith("total")
    assert_plain(verbose.stderr)


def test_check_quiet_prints_only_the_report(valid_repo: Path) -> None:
    plain = cahiers("check", "--root", str(valid_repo))
    quiet = cahiers("check", "--root", str(valid_repo), "-q")
    assert quiet.returncode == 0
    assert quiet.stdout == plain.stdout and "no problems found" in quiet.stdout
    assert quiet.stderr == ""


def test_check_verbose_still_times_a_failing_check(valid_repo: Path) -> None:
    (valid_repo / "groups/beta/group.yml").write_text("title: [unclosed\n", "utf-8")
    result = cahiers("check", "--root", str(valid_repo), "-v")
    assert result.returncode == 1
    assert "[yaml-syntax]" in result.stdout
    assert stage_names(result.stderr) == CHECK_STAGES
    assert result.stderr.splitlines()[-1].startswith("total")


def test_credits_verbose_and_quiet(mini_repo: Path) -> None:
    plain = cahiers("credits", "--root", str(mini_repo))
    verbose = cahiers("credits", "--root", str(mini_repo), "-v")
    quiet = cahiers("credits", "--root", str(mini_repo), "-q")
    assert plain.returncode == verbose.returncode == quiet.returncode == 0, verbose.stderr
    assert plain.stdout == verbose.stdout == quiet.stdout and "Claire Martineau" in plain.stdout
    assert stage_names(verbose.stderr) == ["load", "credits", "format"]
    assert quiet.stderr == ""
    assert_plain(verbose.stderr)


def test_build_verbose_in_a_log_times_every_stage_and_keeps_the_pdf_lines(
    mini_repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = cahiers("build", "--root", str(mini_repo), "--out", str(out), "--verbose")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"built {out / 'pdf'}\nbuilt {out / 'site'}\n"
    # The two editions are built side by side: they may finish in either order.
    names = stage_names(result.stderr)
    assert sorted(names) == sorted(BUILD_STAGES)
    assert names.index("site") > max(i for i, name in enumerate(names) if name.startswith("pdf"))
    assert re.search(rf"^total +{TIMING}$", result.stderr, re.MULTILINE)
    # the book's own progress: one line per step, the count once the layout is done
    assert "pdf cahier-test (print): laying out" in result.stderr
    assert re.search(r"^pdf cahier-test \(print\): \d+ segments laid out", result.stderr, re.M)
    assert_plain(result.stderr)


def test_build_quiet_says_nothing_on_success(mini_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cahiers("build", "--root", str(mini_repo), "--out", str(out), "--quiet")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout == f"built {out / 'pdf'}\nbuilt {out / 'site'}\n"
    assert (out / "pdf" / "cahier-test.pdf").is_file() and (out / "site").is_dir()


def test_build_quiet_still_reports_the_problems(tmp_path: Path) -> None:
    repo = git_copy_of_mini(tmp_path / "repo")
    (repo / "groups/cyber/group.yml").write_text("title: [unclosed\n", "utf-8")
    result = cahiers("build", "--root", str(repo), "--out", str(tmp_path / "out"), "-q")
    assert result.returncode == 1
    assert "groups/cyber/group.yml:2:1: error [yaml-syntax]" in result.stdout
    assert "the check failed; nothing was built" in result.stderr


def test_pdf_on_a_terminal_draws_the_layout_bar_and_times_the_stages(
    mini_repo: Path, tmp_path: Path
) -> None:
    code, stdout, terminal = on_a_terminal(
        "pdf", "cahier-test", "--root", str(mini_repo), "--out", str(tmp_path / "out"), "-v"
    )
    assert code == 0, terminal
    assert re.search(r"wrote .*cahier-test\.pdf: \d+ pages", stdout)
    bar = re.search(r"pdf cahier-test \(screen\): laying out\S* .*?(\d+)/\1", terminal)
    assert bar, repr(terminal)  # the bar, drawn complete before it is cleared
    lines = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal).replace("\r", "\n")
    names = stage_names(lines)
    assert names == [*CHECK_STAGES, "identities", "credits", "pdf cahier-test (screen)"]
    assert re.search(rf"^total +{TIMING}$", lines, re.MULTILINE)


def test_pdf_quiet_on_a_terminal_draws_nothing(mini_repo: Path, tmp_path: Path) -> None:
    code, stdout, terminal = on_a_terminal(
        "pdf", "cahier-test", "--root", str(mini_repo), "--out", str(tmp_path / "out"), "-q"
    )
    assert code == 0, terminal
    assert "wrote " in stdout
    assert terminal == ""
