"""`cahiers doctor` on this machine's real tools, and on broken set-ups it can make itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from workflow_git import commit_all, git, init_repo, write

from cahiers import doctor
from cahiers.cli import cli
from conftest import REPO_ROOT, require_tool


def test_parse_pandoc_version() -> None:
    assert doctor.parse_pandoc_version("pandoc 3.9\nFeatures: +server\n") == (3, 9)
    assert doctor.parse_pandoc_version("pandoc.exe 3.1.6.2\n") == (3, 1, 6, 2)
    assert doctor.parse_pandoc_version("command not found") is None
    assert (3, 1, 5, 9) < doctor.MIN_PANDOC <= (3, 1, 6) < (3, 9)


def test_the_real_pandoc_is_recent_enough() -> None:
    diagnosis = doctor.check_pandoc()
    assert diagnosis.ok, diagnosis.detail
    assert diagnosis.detail.startswith("pandoc 3.")


def test_a_missing_pandoc_is_a_failure_with_its_fix(tmp_path: Path) -> None:
    diagnosis = doctor.check_pandoc(str(tmp_path / "no-pandoc"))
    assert (diagnosis.ok, diagnosis.required, diagnosis.status) == (False, True, "FAILED")
    assert diagnosis.fix and "pypandoc-binary" in diagnosis.fix


def test_weasyprint_loads_pango() -> None:
    diagnosis = doctor.check_weasyprint()
    assert diagnosis.ok, diagnosis.detail
    assert "Pango 1." in diagnosis.detail


def test_font_families_are_read_from_fc_list() -> None:
    output = "EB Garamond,EB Garamond 12\nInter,Inter Thin\nDejaVu Sans\n"
    assert doctor.font_families(output) == {
        "EB Garamond",
        "EB Garamond 12",
        "Inter",
        "Inter Thin",
        "DejaVu Sans",
    }


def test_the_book_fonts_are_installed() -> None:
    require_tool("fc-list")
    diagnosis = doctor.check_fonts()
    assert diagnosis.ok, f"{diagnosis.detail}; {diagnosis.fix}"


def test_missing_fonts_are_a_warning_naming_the_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tool("fc-list")
    # A fontconfig configuration with no font folder: the real fc-list then lists nothing.
    config = tmp_path / "fonts.conf"
    config.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><cachedir>{tmp_path / "cache"}</cachedir>'
        "</fontconfig>\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    diagnosis = doctor.check_fonts()
    assert diagnosis.status == "warning"
    assert "EB Garamond, Inter not installed" in diagnosis.detail
    assert diagnosis.fix == "apt-get install fonts-ebgaramond fonts-inter"


def test_git_history_full_shallow_or_absent(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "full")
    for n in range(2):
        write(repo, "a.md", f"{n}\n")
        commit_all(repo, f"commit {n}")
    assert doctor.check_git_history(repo).ok

    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow))
    diagnosis = doctor.check_git_history(shallow)
    assert diagnosis.status == "FAILED"
    assert "shallow" in diagnosis.detail
    assert diagnosis.fix and "git fetch --unshallow" in diagnosis.fix

    plain = tmp_path / "plain"
    plain.mkdir()
    assert doctor.check_git_history(plain).status == "FAILED"


def test_output_folder(tmp_path: Path) -> None:
    assert doctor.check_output_dir(tmp_path / "build").ok  # created later by the build
    assert doctor.check_output_dir(tmp_path / "a" / "b" / "c").ok
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    assert doctor.check_output_dir(a_file).status == "FAILED"
    assert doctor.check_output_dir(a_file / "build").status == "FAILED"


def test_harfbuzz_and_chromium_are_recommended_not_required() -> None:
    for diagnosis in (doctor.check_harfbuzz_subset(), doctor.check_chromium()):
        assert not diagnosis.required
        assert diagnosis.ok or diagnosis.fix


def test_cli_exits_3_and_prints_each_fix(tmp_path: Path) -> None:
    require_tool("git")
    plain = tmp_path / "not-a-clone"
    plain.mkdir()
    result = CliRunner().invoke(
        cli, ["doctor", "--root", str(plain), "--out", str(tmp_path / "build")]
    )
    assert result.exit_code == 3, result.output
    assert "FAILED   git history:" in result.output
    assert "fix: run cahiers in a clone of the repository" in result.output
    assert "\x1b[" not in result.output  # no colour when not on a terminal


def test_cli_on_this_repository_is_ready(tmp_path: Path) -> None:
    require_tool("git")
    if git(REPO_ROOT, "rev-parse", "--is-shallow-repository").strip() == "true":
        pytest.skip("this clone is shallow")
    result = CliRunner().invoke(
        cli, ["doctor", "--root", str(REPO_ROOT), "--out", str(tmp_path / "build")]
    )
    assert result.exit_code == 0, result.output
    assert "ready to build" in result.output
    assert result.output.count("\nok ") + result.output.startswith("ok ") >= 4
