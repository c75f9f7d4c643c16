"""What, besides its task, decides the bytes of a layout: the layout cache's environment key.

Computed once per pool, in a layout process (where WeasyPrint is loaded), from:
- the Python packages that lay out and write PDFs (WeasyPrint and its requirements, pikepdf);
- the native libraries actually loaded (Pango, HarfBuzz, fontconfig, FreeType…), by path, size
  and modification time, read from /proc/self/maps;
- the fonts fontconfig lists (file, family, style, weight, index, with each file's size and
  modification time) and fontconfig's configuration files, which decide what a family resolves
  to;
- this package's version and the source of the modules that drive a layout.

Returns None when the fonts cannot be listed (no fc-list): the cache is then not used, since a
font installed or removed would go unnoticed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from importlib import metadata, resources
from pathlib import Path

from cahiers import __version__

FORMAT = 1
PACKAGES = (
    "weasyprint",
    "pydyf",
    "pikepdf",
    "fonttools",
    "pillow",
    "pyphen",
    "tinycss2",
    "cssselect2",
    "tinyhtml5",
    "cffi",
    "brotli",
    "zopfli",
)
# The modules that turn a task into a result (the HTML itself is in the task).
LAYOUT_MODULES = ("weasy.py", "tasks.py", "assets.py", "environment.py")
FONTCONFIG_ENV = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "XDG_CONFIG_HOME")
FC_TIMEOUT_SECONDS = 30


def layout_environment() -> str | None:
    from cahiers.book import weasy  # loads WeasyPrint and its native libraries

    fonts = _fonts()
    if fonts is None:
        return None
    digest = hashlib.sha256()
    for line in (
        f"format {FORMAT}",
        f"cahiers {__version__}",
        f"weasyprint module {weasy.WEASYPRINT_VERSION}",
        *_packages(),
        *_module_sources(),
        *_loaded_libraries(),
        *fonts,
    ):
        digest.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return digest.hexdigest()


def _packages() -> Iterator[str]:
    for name in PACKAGES:
        try:
            yield f"package {name} {metadata.version(name)}"
        except metadata.PackageNotFoundError:
            yield f"package {name} absent"


def _module_sources() -> Iterator[str]:
    package = resources.files("cahiers.book")
    for name in LAYOUT_MODULES:
        yield f"module {name} {hashlib.sha256(package.joinpath(name).read_bytes()).hexdigest()}"


def _stat(path: str) -> str:
    try:
        stat = Path(path).stat()
    except OSError:
        return f"{path} missing"
    return f"{path} {stat.st_size} {stat.st_mtime_ns}"


def _loaded_libraries() -> Iterator[str]:
    maps = Path("/proc/self/maps")
    try:
        lines = maps.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
    except OSError:
        return  # not Linux: the package versions above stand for the libraries
    paths = {line.split(maxsplit=5)[5] for line in lines if len(line.split(maxsplit=5)) == 6}
    for path in sorted(p for p in paths if ".so" in p and p.startswith("/")):
        yield f"library {_stat(path)}"


def _fonts() -> list[str] | None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run(
            [fc_list, "--format", "%{file}|%{family}|%{style}|%{weight}|%{index}\n"],
            capture_output=True,
            text=True,
            timeout=FC_TIMEOUT_SECONDS,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    fonts = sorted(set(result.stdout.splitlines()))
    lines = [f"font {font}" for font in fonts]
    lines += [f"font file {_stat(path)}" for path in sorted({f.split("|")[0] for f in fonts})]
    lines += [f"env {name}={os.environ.get(name, '')}" for name in FONTCONFIG_ENV]
    lines += [f"fontconfig {_stat(str(path))}" for path in _fontconfig_files()]
    return lines


def _fontconfig_files() -> list[Path]:
    """fontconfig's configuration: the system's, the user's, and FONTCONFIG_FILE/PATH."""
    home = Path(os.environ.get("HOME", "/nonexistent"))
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    places = [Path("/etc/fonts"), config_home / "fontconfig", home / ".fonts.conf"]
    places += [Path(p) for p in os.environ.get("FONTCONFIG_PATH", "").split(":") if p]
    if os.environ.get("FONTCONFIG_FILE"):
        places.append(Path(os.environ["FONTCONFIG_FILE"]))
    files: set[Path] = set()
    for place in places:
        if place.is_file():
            files.add(place)
        elif place.is_dir():
            files.update(p for p in place.rglob("*") if p.is_file())
    return sorted(files)
