"""The complete input of a site build, as one digest: when it equals the previous build's, the
previous site is kept and the generator does not run.

What the generator's output depends on: the staged docs tree (every page, image, theme file and
PDF it copies), the generated configuration (without its temporary folders), the engine, the
build date, this package's code (the staging, post-processing and audit), and every installed
Python distribution with its version (mkdocs, Material, Markdown, their plugins and templates:
listing them all is cheaper than being wrong about which ones count). A package changed in
place without a new version (an editable install of mkdocs) goes unnoticed: `--no-cache`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from cahiers import __version__

FORMAT = 1


@cache
def _tool_fingerprint() -> str:
    digest = hashlib.sha256(f"cahiers {__version__} format {FORMAT}".encode())
    digest.update("\n".join(_distributions()).encode())
    package = resources.files("cahiers.site")
    for entry in sorted(_files(package), key=lambda item: item[0]):
        digest.update(entry[0].encode() + b"\0" + hashlib.sha256(entry[1]).digest())
    return digest.hexdigest()


def _distributions() -> list[str]:
    """Every installed distribution, by its metadata folder (`mkdocs-1.6.1.dist-info`): the name
    and version, listed without reading a file (reading every METADATA costs a third of a second).
    """
    found: set[str] = set()
    for entry in sys.path:
        with contextlib.suppress(OSError):
            found.update(
                f"{entry}/{item.name}"
                for item in os.scandir(entry or ".")
                if item.name.endswith((".dist-info", ".egg-info"))
            )
    return sorted(found)


def _files(folder: Any, prefix: str = "") -> list[tuple[str, bytes]]:
    """This package's files (code, templates, assets), by relative name."""
    found: list[tuple[str, bytes]] = []
    for item in folder.iterdir():
        name = f"{prefix}{item.name}"
        if item.is_dir():
            if item.name != "__pycache__":
                found += _files(item, f"{name}/")
        else:
            found.append((name, item.read_bytes()))
    return found


def site_fingerprint(docs_dir: Path, config: dict[str, Any], engine: str, epoch: int | None) -> str:
    digest = hashlib.sha256()
    head = {"tool": _tool_fingerprint(), "engine": engine, "epoch": epoch}
    digest.update(json.dumps(head, sort_keys=True).encode() + b"\n")
    # As the config file is written (safe_dump: plain data only), without its folders.
    digest.update(yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode())
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file() or p.is_symlink()):
        relpath = path.relative_to(docs_dir).as_posix()
        data = path.read_bytes() if not path.is_symlink() else b"symlink"
        digest.update(b"\n" + relpath.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()
