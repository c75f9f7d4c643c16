"""The book's typefaces: EB Garamond for text, Inter for headings, with fallbacks.

Both come from Debian packages installed by `.ci/setup` (fonts-ebgaramond, fonts-inter). When one
is missing the book still builds with the fallback, and the build says so: a Cahier set in DejaVu
is not one an editor should send to print.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

SERIF = ("EB Garamond", "EB Garamond 12")
SANS = ("Inter",)
SERIF_FALLBACK = ("Noto Serif", "DejaVu Serif", "serif")
SANS_FALLBACK = ("Noto Sans", "DejaVu Sans", "sans-serif")
MONO = ("DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", "monospace")
GENERIC = frozenset({"serif", "sans-serif", "monospace"})


@dataclass(frozen=True, slots=True)
class FontStacks:
    serif: str
    sans: str
    mono: str
    names: tuple[str, ...]  # the typefaces actually used, for the colophon
    weasyprint_version: str
    warnings: tuple[str, ...] = ()


def _stack(families: tuple[str, ...]) -> str:
    return ", ".join(f if f in GENERIC else f'"{f}"' for f in families)


def installed_families() -> frozenset[str] | None:
    """Font families fontconfig knows, or None when fontconfig's tools are not there."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    families: set[str] = set()
    for line in result.stdout.splitlines():
        families.update(name.strip() for name in line.split(","))
    return frozenset(families)


def font_stacks(weasyprint_version: str, families: frozenset[str] | None) -> FontStacks:
    warnings: list[str] = []
    if families is None:
        warnings.append(
            "cannot list the installed fonts (fc-list is missing): is fontconfig set up?"
        )
        serif_ok = sans_ok = True
    else:
        serif_ok = any(f in families for f in SERIF)
        sans_ok = any(f in families for f in SANS)
    if not serif_ok:
        warnings.append(
            "EB Garamond is not installed: the text falls back to Noto Serif or DejaVu Serif "
            "(install the Debian package fonts-ebgaramond, or run .ci/setup)"
        )
    if not sans_ok:
        warnings.append(
            "Inter is not installed: the headings fall back to Noto Sans or DejaVu Sans "
            "(install the Debian package fonts-inter, or run .ci/setup)"
        )
    names = [SERIF[0] if serif_ok else "Noto Serif", SANS[0] if sans_ok else "Noto Sans"]
    return FontStacks(
        serif=_stack(SERIF + SERIF_FALLBACK),
        sans=_stack(SANS + SANS_FALLBACK),
        mono=_stack(MONO),
        names=tuple(names),
        weasyprint_version=weasyprint_version,
        warnings=tuple(warnings),
    )
