"""The nav and the generated mkdocs config: complete, ordered, and free of YAML tags."""

from __future__ import annotations

from pathlib import Path

import yaml

from cahiers.pipeline import Prepared
from cahiers.site.config import VALIDATION, site_config, write_config
from cahiers.site.context import SiteContext
from cahiers.site.nav import nav_pages, site_nav
from cahiers.site.settings import load_settings
from cahiers.site.stage import generated_files


def test_nav_lists_every_staged_page_once(mini: Prepared) -> None:
    nav = site_nav(mini.project)
    pages = nav_pages(nav)
    staged = generated_files(SiteContext(mini, load_settings(mini.project.root)))
    assert sorted(pages) == sorted(p for p in staged if p.endswith(".md"))
    assert len(pages) == len(set(pages))


def test_nav_order_home_papers_groups_contributors_tags(mini: Prepared) -> None:
    nav = site_nav(mini.project)
    assert [next(iter(item)) for item in nav] == [
        "Accueil", "Cahiers", "Groupes de travail", "Contributeurs", "Étiquettes",
    ]  # fmt: skip
    groups = nav[2]["Groupes de travail"]
    assert isinstance(groups, list)
    assert [next(iter(g)) for g in groups] == ["Cloud et souveraineté", "Cybersécurité"]
    cloud = groups[0]["Cloud et souveraineté"]
    assert cloud[0] == "groups/cloud/index.md"  # the section's own page (navigation.indexes)
    assert cloud[1:] == [
        {"FinOps pour les DSI": "groups/cloud/finops.md"},
        {"Réversibilité des contrats": "groups/cloud/reversibilite.md"},
    ]


def test_generated_config_is_strict_french_and_tag_free(mini: Prepared, tmp_path: Path) -> None:
    settings = load_settings(mini.project.root)
    config = site_config(settings, site_nav(mini.project))
    assert config["strict"] is True
    assert config["validation"] == VALIDATION
    assert all(level == "warn" for group in VALIDATION.values() for level in group.values())
    assert config["theme"]["language"] == "fr" and config["theme"]["font"] is False
    assert config["plugins"][0]["search"]["lang"] == ["fr"]
    assert "repo_url" not in config  # Material would call GitHub's API from readers' browsers
    assert {"icon", "link", "name"} <= set(config["extra"]["social"][-1])
    path = tmp_path / "mkdocs.yml"
    write_config(config, tmp_path / "docs", tmp_path / "site", path)
    text = path.read_text(encoding="utf-8")
    assert "!" not in "".join(line.split("#")[0] for line in text.splitlines() if ": !" in line)
    assert yaml.safe_load(text)["docs_dir"] == "docs"  # relative: inside the config's folder
