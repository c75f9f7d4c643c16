"""The pipeline's direction is kept by a machine, and `cahiers check` stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO_ROOT, require_tool


def test_import_contracts() -> None:
    lint_imports = require_tool("lint-imports")
    result = subprocess.run(
        [lint_imports, "--config", str(REPO_ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={"PYTHONPATH": str(REPO_ROOT / "tooling"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: " in result.stdout and "0 broken" in result.stdout


def test_check_does_not_import_heavy_renderers(tmp_path: Path) -> None:
    valid = Path(__file__).parent / "load" / "scenarios" / "valid"
    code = (
        "import sys\n"
        "from cahiers.cli import cli\n"
        f"try:\n    cli(['check', '--root', {str(valid)!r}])\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'mkdocs', 'material') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
