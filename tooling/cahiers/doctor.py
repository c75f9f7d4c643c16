"""`cahiers doctor`: can this machine build the Cahiers? Each problem comes with its fix.

Required: pandoc >= 3.1.6, WeasyPrint with Pango, git with the full history, a writable output
folder. Recommended (warnings): the book's fonts, HarfBuzz subsetting, Chromium and chromedriver
(for the browser tests). WeasyPrint is imported here only, lazily: a missing Pango raises OSError.
"""

from __future__ import annotations

import ctypes.util
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

MIN_PANDOC = (3, 1, 6)
BOOK_FONTS = ("EB Garamond", "Inter")
_FONT_PACKAGES = {"EB Garamond": "fonts-ebgaramond", "Inter": "fonts-inter"}
_TIMEOUT = 30


@dataclass(frozen=True, slots=True)
class Diagnosis:
    name: str
    ok: bool
    detail: str
    required: bool = True
    fix: str | None = None

    @property
    def status(self) -> str:
        if self.ok:
            return "ok"
        return "FAILED" if self.required else "warning"


def _run(argv: Sequence[str]) -> subprocess.CompletedProcess[str] | None:
    """Run a tool; None when it cannot be started (missing, not executable) or hangs."""
    try:
        return subprocess.run(
            list(argv), capture_output=True, text=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def parse_pandoc_version(output: str) -> tuple[int, ...] | None:
    match = re.match(r"\s*pandoc(?:\.exe)?\s+(\d+(?:\.\d+)*)", output)
    return tuple(int(n) for n in match.group(1).split(".")) if match else None


def check_pandoc(pandoc: str | None = None) -> Diagnosis:
    fix = "pip install pypandoc-binary (it ships pandoc), or install pandoc >= 3.1.6"
    if pandoc is None:
        try:
            import pypandoc

            pandoc = str(pypandoc.get_pandoc_path())
        except (ImportError, OSError):
            return Diagnosis("pandoc", False, "pandoc was not found", fix=fix)
    completed = _run([pandoc, "--version"])
    version = parse_pandoc_version(completed.stdout) if completed else None
    if version is None:
        return Diagnosis("pandoc", False, f"{pandoc} does not run or print a version", fix=fix)
    shown = ".".join(map(str, version))
    if version < MIN_PANDOC:
        return Diagnosis("pandoc", False, f"pandoc {shown} is older than 3.1.6 ({pandoc})", fix=fix)
    return Diagnosis("pandoc", True, f"pandoc {shown} ({pandoc})")


def check_weasyprint() -> Diagnosis:
    try:
        import weasyprint
        from weasyprint.text.ffi import pango
    except OSError as exc:  # WeasyPrint is installed but Pango (a C library) is not
        return Diagnosis(
            "WeasyPrint",
            False,
            f"WeasyPrint cannot load Pango: {exc}",
            fix="apt-get install libpango-1.0-0 libpangoft2-1.0-0",
        )
    except ImportError:
        return Diagnosis(
            "WeasyPrint", False, "WeasyPrint is not installed", fix="pip install 'weasyprint>=70'"
        )
    raw = int(pango.pango_version())
    pango_version = f"{raw // 10000}.{raw // 100 % 100}.{raw % 100}"
    return Diagnosis(
        "WeasyPrint", True, f"WeasyPrint {weasyprint.__version__}, Pango {pango_version}"
    )


def check_harfbuzz_subset() -> Diagnosis:
    fix = "apt-get install libharfbuzz-subset0 (without it, writing PDFs is about 20 % slower)"
    try:
        from weasyprint.text import ffi

        found = ffi.harfbuzz_subset is not None  # what WeasyPrint itself will use
    except (ImportError, OSError, AttributeError):
        found = ctypes.util.find_library("harfbuzz-subset") is not None
    if found:
        return Diagnosis("HarfBuzz subsetting", True, "libharfbuzz-subset found", required=False)
    return Diagnosis(
        "HarfBuzz subsetting",
        False,
        "libharfbuzz-subset is missing: WeasyPrint falls back to fontTools",
        required=False,
        fix=fix,
    )


def font_families(fc_list_output: str) -> set[str]:
    """Family names from `fc-list : family` (one font per line, aliases separated by commas)."""
    return {
        name.strip()
        for line in fc_list_output.splitlines()
        for name in line.split(",")
        if name.strip()
    }


def check_fonts(families: Sequence[str] = BOOK_FONTS) -> Diagnosis:
    completed = _run(["fc-list", ":", "family"])
    if completed is None or completed.returncode != 0:
        return Diagnosis(
            "fonts",
            False,
            "fc-list (fontconfig) is not available",
            required=False,
            fix="apt-get install fontconfig",
        )
    missing = [f for f in families if f not in font_families(completed.stdout)]
    if not missing:
        return Diagnosis("fonts", True, ", ".join(families) + " installed", required=False)
    packages = " ".join(_FONT_PACKAGES.get(f, f"<a package with {f}>") for f in missing)
    return Diagnosis(
        "fonts",
        False,
        f"{', '.join(missing)} not installed: the book falls back to "
        "another typeface, and its layout changes",
        required=False,
        fix=f"apt-get install {packages}",
    )


def check_git_history(root: Path) -> Diagnosis:
    completed = _run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"])
    if completed is None:
        return Diagnosis("git history", False, "git is not installed", fix="apt-get install git")
    if completed.returncode != 0:
        return Diagnosis(
            "git history",
            False,
            f"{root} is not a git repository: the credits come from its history",
            fix="run cahiers in a clone of the repository",
        )
    if completed.stdout.strip() == "true":
        return Diagnosis(
            "git history",
            False,
            "the clone is shallow: the credits would miss every contributor of the missing history",
            fix="git fetch --unshallow (GitHub Actions: checkout with fetch-depth: 0)",
        )
    return Diagnosis("git history", True, "full history")


def check_chromium() -> Diagnosis:
    browser = next(
        (
            shutil.which(n)
            for n in ("chromium", "chromium-browser", "google-chrome")
            if shutil.which(n)
        ),
        None,
    )
    driver = shutil.which("chromedriver")
    fix = "apt-get install chromium chromium-driver (only the browser tests need them)"
    if browser is None or driver is None:
        missing = " and ".join(
            n for n, p in (("Chromium", browser), ("chromedriver", driver)) if p is None
        )
        return Diagnosis("Chromium", False, f"{missing} not found", required=False, fix=fix)
    completed = _run([browser, "--version"])
    version = (
        completed.stdout.strip().splitlines()[0] if completed and completed.stdout else browser
    )
    return Diagnosis("Chromium", True, f"{version}, chromedriver {driver}", required=False)


def check_output_dir(out: Path) -> Diagnosis:
    if out.exists() and not out.is_dir():
        return Diagnosis(
            "output folder",
            False,
            f"{out} exists and is not a folder",
            fix=f"remove {out}, or choose another folder with --out",
        )
    existing = out
    while not existing.exists():  # the build creates missing folders under the nearest one
        existing = existing.parent
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as exc:
        return Diagnosis(
            "output folder",
            False,
            f"cannot write in {existing}: {exc.strerror}",
            fix="choose a writable folder with --out, or fix its permissions",
        )
    return Diagnosis("output folder", True, f"{out} is writable")


def run_doctor(root: Path, out: Path) -> list[Diagnosis]:
    checks: list[Callable[[], Diagnosis]] = [
        check_pandoc,
        check_weasyprint,
        check_harfbuzz_subset,
        check_fonts,
        lambda: check_git_history(root),
        check_chromium,
        lambda: check_output_dir(out),
    ]
    return [check() for check in checks]


def failed(diagnoses: Sequence[Diagnosis]) -> bool:
    return any(d.required and not d.ok for d in diagnoses)


def render_report(diagnoses: Sequence[Diagnosis], *, colour: bool = False) -> str:
    colours = {"ok": "green", "warning": "yellow", "FAILED": "red"}
    lines = []
    for d in diagnoses:
        status = f"{d.status:<8}"
        if colour:
            status = click.style(status, fg=colours[d.status], bold=not d.ok)
        lines.append(f"{status} {d.name}: {d.detail}")
        if d.fix and not d.ok:
            lines.append(f"{'':<8} fix: {d.fix}")
    failures = sum(1 for d in diagnoses if d.required and not d.ok)
    warnings = sum(1 for d in diagnoses if not d.required and not d.ok)
    if failures:
        lines.append(
            f"\n{failures} required check(s) failed, {warnings} warning(s): "
            "fix the FAILED lines before building."
        )
    else:
        lines.append(f"\nready to build ({warnings} warning(s)).")
    return "\n".join(lines) + "\n"
