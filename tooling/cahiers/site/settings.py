"""The site's settings, read from the repository's top-level `mkdocs.yml`, safely.

The file is read with the same untrusted-YAML reader as the content (no tags, so no `!ENV` and no
`!!python/...`; no aliases; no duplicate keys), and only the keys below are kept. Anything that
would load code, fetch from another host or read outside the repository is refused: hooks,
plugins, Markdown extensions and templates are the tool's choice, not the config's.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cahiers.errors import BuildFailed
from cahiers.findings import Location
from cahiers.load.yamlsafe import parse_yaml

CONFIG_FILE = "mkdocs.yml"
THEME_DIR = "theme"  # the association's logo, favicon and stylesheets live here
ALLOWED_KEYS = frozenset(
    {
        "site_name", "site_description", "site_url", "site_author", "copyright",
        "repo_url", "repo_name", "edit_uri", "theme", "extra_css", "extra",
    }
)  # fmt: skip
THEME_KEYS = frozenset(
    {"name", "language", "font", "logo", "favicon", "palette", "features", "icon"}
)
REFUSED_EXTRA = {
    "analytics": "analytics would send every reader's visits to another host",
    "consent": "there is no analytics to consent to",
}
ASSET_SUFFIXES = (".svg", ".png", ".ico", ".css", ".woff2", ".webp", ".jpg", ".jpeg")


@dataclass(frozen=True, slots=True)
class SiteSettings:
    site_name: str = "Cahiers"
    site_description: str = ""
    site_url: str | None = None
    repo_url: str | None = None
    edit_uri: str = "edit/main/"
    options: Mapping[str, Any] = field(default_factory=dict)  # the kept keys, as plain data
    theme_files: tuple[str, ...] = ()  # repo-relative files the config names, under theme/

    def edit_url(self, repo_path: str) -> str | None:
        """Where to edit a repository file online, or None without `repo_url`."""
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/{self.edit_uri.strip('/')}/{repo_path}"


def load_settings(root: Path) -> SiteSettings:
    """Read and check `mkdocs.yml`; raise `BuildFailed` listing every problem at once."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return SiteSettings()
    if path.is_symlink():
        raise BuildFailed(f"{CONFIG_FILE}: is a symbolic link; Cahiers follows none")
    text = path.read_text(encoding="utf-8")
    node, findings = parse_yaml(text, CONFIG_FILE)
    problems = [f"{f.location}: {f.message}" for f in findings]
    if problems or node is None:
        raise BuildFailed(_report(problems or [f"{CONFIG_FILE}: empty or unreadable"]))
    data = yaml.safe_load(text)  # no tags or aliases were found: plain data only
    if not isinstance(data, dict):
        raise BuildFailed(_report([f"{Location(CONFIG_FILE)}: expected a mapping of settings"]))
    problems += _check_keys(data)
    theme_files = _theme_files(root, data, problems)
    if problems:
        raise BuildFailed(_report(problems))
    kept = {key: value for key, value in data.items() if key in ALLOWED_KEYS}
    return SiteSettings(
        site_name=str(kept.get("site_name") or "Cahiers"),
        site_description=str(kept.get("site_description") or ""),
        site_url=_optional_str(kept.get("site_url")),
        repo_url=_optional_str(kept.get("repo_url")),
        edit_uri=str(kept.get("edit_uri") or "edit/main/"),
        options=kept,
        theme_files=theme_files,
    )


def _check_keys(data: dict[Any, Any]) -> list[str]:
    problems = [
        f"{CONFIG_FILE}: `{key}` is not supported by Cahiers (allowed: "
        f"{', '.join(sorted(ALLOWED_KEYS))}); plugins, extensions and hooks are chosen by the tool"
        for key in data
        if key not in ALLOWED_KEYS
    ]
    theme = data.get("theme") or {}
    if not isinstance(theme, dict):
        return [*problems, f"{CONFIG_FILE}: `theme` must be a mapping"]
    problems += [
        f"{CONFIG_FILE}: `theme.{key}` is not supported (allowed: {', '.join(sorted(THEME_KEYS))})"
        for key in theme
        if key not in THEME_KEYS
    ]
    if theme.get("name", "material") != "material":
        problems.append(f"{CONFIG_FILE}: `theme.name` must be `material`")
    if theme.get("font", False) is not False:
        problems.append(
            f"{CONFIG_FILE}: `theme.font` must be `false`: Material would load fonts from Google; "
            "self-serve a font from theme/ instead (see theme/extra.css)"
        )
    extra = data.get("extra") or {}
    if isinstance(extra, dict):
        problems += [
            f"{CONFIG_FILE}: `extra.{key}` is refused: {why}"
            for key, why in REFUSED_EXTRA.items()
            if key in extra
        ]
    return problems


def _theme_files(root: Path, data: dict[Any, Any], problems: list[str]) -> tuple[str, ...]:
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    assert isinstance(theme, dict)
    named = [theme.get("logo"), theme.get("favicon"), *(data.get("extra_css") or [])]
    files: list[str] = []
    for value in named:
        if value is None:
            continue
        if not isinstance(value, str) or not _is_theme_file(root, value):
            problems.append(
                f"{CONFIG_FILE}: `{value}` must be an existing regular file under {THEME_DIR}/ "
                f"(one of {', '.join(ASSET_SUFFIXES)}), written relative to the repository root"
            )
            continue
        files.append(value)
    # Everything else under theme/ (fonts a stylesheet refers to, …) is staged too.
    folder = root / THEME_DIR
    if folder.is_dir() and not folder.is_symlink():
        for path in sorted(folder.rglob("*")):
            relpath = path.relative_to(root).as_posix()
            if relpath not in files and _is_theme_file(root, relpath):
                files.append(relpath)
    return tuple(files)


def _is_theme_file(root: Path, relpath: str) -> bool:
    normal = posixpath.normpath(relpath)
    if normal != relpath or not normal.startswith(THEME_DIR + "/"):
        return False
    if not normal.endswith(ASSET_SUFFIXES):
        return False
    path = root
    for part in normal.split("/"):  # no symlink anywhere on the way
        path = path / part
        if path.is_symlink():
            return False
    return path.is_file()


def _optional_str(value: object) -> str | None:
    return str(value) if value else None


def _report(problems: list[str]) -> str:
    return "the site settings cannot be used:\n" + "\n".join(f"  {p}" for p in problems)
