"""mkdocs.yml is read like untrusted content: no tags, no code, no files outside theme/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cahiers.errors import BuildFailed
from cahiers.site.settings import load_settings


def write_config(repo: Path, text: str) -> None:
    (repo / "mkdocs.yml").write_text(text, encoding="utf-8")


def test_the_fixture_settings_are_read(mini_copy: Path) -> None:
    settings = load_settings(mini_copy)
    assert settings.site_name == "Cahiers des groupes de travail"
    assert settings.edit_url("groups/x/y.md") == (
        "https://github.com/example/cahiers/edit/main/groups/x/y.md"
    )
    assert "theme/logo.svg" in settings.theme_files and "theme/extra.css" in settings.theme_files


def test_the_repository_settings_are_valid() -> None:
    root = Path(__file__).resolve().parents[2]
    assert load_settings(root).options["theme"]["language"] == "fr"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("site_name: !ENV [HOME]\n", "tag"),
        ("site_name: !!python/object/apply:os.system [id]\n", "tag"),
        ("a: &x 1\nsite_name: *x\n", "alias"),
        ("site_name: a\nsite_name: b\n", "duplicate"),
        ("site_name: a\nhooks: [evil.py]\n", "`hooks` is not supported"),
        ("site_name: a\nplugins: [search]\n", "`plugins` is not supported"),
        ("site_name: a\nmarkdown_extensions: [pymdownx.snippets]\n", "not supported"),
        ("theme: {name: material, font: {text: Roboto}}\n", "`theme.font` must be `false`"),
        ("theme: {name: readthedocs}\n", "`theme.name` must be `material`"),
        ("theme: {name: material, custom_dir: overrides}\n", "`theme.custom_dir`"),
        ("extra: {analytics: {provider: google}}\n", "`extra.analytics` is refused"),
        ("theme: {name: material, logo: ../../etc/passwd}\n", "must be an existing regular file"),
        ("theme: {name: material, logo: /etc/hostname}\n", "must be an existing regular file"),
        ("extra_css: [theme/missing.css]\n", "must be an existing regular file"),
    ],
)
def test_refused_settings_fail_with_the_reason(mini_copy: Path, text: str, expected: str) -> None:
    write_config(mini_copy, text)
    with pytest.raises(BuildFailed) as raised:
        load_settings(mini_copy)
    assert expected in str(raised.value).lower() or expected in str(raised.value)


def test_a_symlinked_theme_file_is_refused(mini_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.css"
    outside.write_text("body{}", encoding="utf-8")
    os.symlink(outside, mini_copy / "theme" / "linked.css")
    write_config(mini_copy, "extra_css: [theme/linked.css]\n")
    with pytest.raises(BuildFailed, match="regular file"):
        load_settings(mini_copy)


def test_a_symlinked_theme_file_is_not_staged_either(mini_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.css"
    outside.write_text("body{}", encoding="utf-8")
    os.symlink(outside, mini_copy / "theme" / "linked.css")
    assert "theme/linked.css" not in load_settings(mini_copy).theme_files


def test_without_mkdocs_yml_defaults_apply(mini_copy: Path) -> None:
    (mini_copy / "mkdocs.yml").unlink()
    settings = load_settings(mini_copy)
    assert settings.site_name == "Cahiers" and settings.edit_url("x") is None
