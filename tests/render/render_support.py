"""Helpers for the render tests: small projects built in tmp dirs, and the real pandoc."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

import pytest

from cahiers.findings import Location
from cahiers.model import Contribution, Group, KeyMessage, Paper, Part, Project
from cahiers.render.pandoc import find_pandoc

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def find_real_pandoc() -> str:
    try:
        return find_pandoc()
    except Exception as exc:
        if IN_CI:
            pytest.fail(f"pandoc is missing: {exc}")
        pytest.skip(f"pandoc is missing: {exc}")


FRONT_MATTER = "---\ntitle: {title}\nauthors: [a]\nstatus: draft\nlang: {lang}\n---\n"


def make_project(
    root: Path,
    contributions: Mapping[str, str],
    *,
    langs: Mapping[str, str] | None = None,
    files: Mapping[str, str] = {},
    bibliography: str | None = None,
) -> Project:
    """A project whose contributions are `{"groups/g/slug.md": body}`, written to disk too.

    Every file gets a 6-line front matter, so the body starts on line 7.
    """
    langs = langs or {}
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    groups: dict[str, list[Contribution]] = {}
    for path, body in contributions.items():
        group, name = path.split("/")[1:3]
        slug = name.removesuffix(".md")
        lang = langs.get(path, "fr")
        front = FRONT_MATTER.format(title=slug, lang=lang)
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(front + body, encoding="utf-8")
        groups.setdefault(group, []).append(
            Contribution(
                slug=slug,
                group=group,
                path=path,
                title=f"Titre : {slug}",
                authors=("a",),
                status="draft",
                body=body,
                body_line=front.count("\n") + 1,
                location=Location(path),
                lang=lang,
            )
        )
    group_objects = {
        g: Group(g, g, "", "", "active", (), (), (), Location(f"groups/{g}/group.yml"), tuple(cs))
        for g, cs in groups.items()
    }
    papers = {}
    if bibliography is not None:
        (root / "papers/p").mkdir(parents=True, exist_ok=True)
        (root / "papers/p/references.json").write_text(bibliography, encoding="utf-8")
        parts = tuple(
            Part(g, tuple(c.slug for c in cs), Location("papers/p/paper.yml"))
            for g, cs in groups.items()
        )
        papers["p"] = Paper(
            "p",
            "P",
            "2026",
            dt.date(2026, 1, 1),
            (),
            (),
            "CC-BY-4.0",
            "",
            None,
            1,
            (KeyMessage("K", "Texte", Location("papers/p/paper.yml", 3)),),
            parts,
            Location("papers/p/paper.yml"),
            bibliography="papers/p/references.json",
        )
    assets = tuple(p for p in files if p.endswith((".svg", ".png")))
    return Project(root, {}, {}, group_objects, papers, assets)
