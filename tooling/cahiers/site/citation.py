""" "Cite this Cahier": a BibTeX entry and a Citation File Format (CFF 1.2.0) file per paper.

People who declined to be named are left out of both; the publishing associations stand as the
authors, the paper's editors as its editors.
"""

from __future__ import annotations

import re

import yaml

from cahiers.model import Paper, Project
from cahiers.site.people import people_list

_BIBTEX_SPECIALS = re.compile(r"([\\{}%&$#_~^])")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}


class _PlainDumper(yaml.SafeDumper):
    """Writes a shared value out in full each time: no `&anchor` / `*alias` in a CFF file."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def full_title(paper: Paper) -> str:
    return f"{paper.title}\u00a0: {paper.subtitle}" if paper.subtitle else paper.title


def _associations(project: Project, paper: Paper) -> list[str]:
    return [project.organizations[a].name for a in paper.associations if a in project.organizations]


def _editors(project: Project, paper: Paper) -> list[str]:
    return [person.name for person in people_list(project, paper.editors).named]


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIALS.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), text)


def bibtex(project: Project, paper: Paper, url: str | None) -> str:
    """A `@book` entry; every name is braced so BibTeX never reorders or abbreviates it."""
    fields: list[tuple[str, str]] = [("title", _bibtex_text(full_title(paper)))]
    editors = _editors(project, paper)
    if editors:
        fields.append(("editor", " and ".join("{" + _bibtex_text(e) + "}" for e in editors)))
    associations = _associations(project, paper)
    if associations:
        fields.append(("publisher", _bibtex_text(", ".join(associations))))
    fields += [
        ("edition", _bibtex_text(paper.edition)),
        ("year", str(paper.date.year)),
        ("date", paper.date.isoformat()),
        ("langid", "french"),
        ("note", _bibtex_text(f"Licence {paper.license}")),
    ]
    if url:
        fields.append(("url", url))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@book{{{paper.slug},\n{body},\n}}\n"


def citation_cff(project: Project, paper: Paper, url: str | None) -> str:
    associations = [{"name": name} for name in _associations(project, paper)]
    editors = [{"name": name} for name in _editors(project, paper)]
    reference: dict[str, object] = {
        "type": "report",
        "title": full_title(paper),
        "authors": associations or [{"name": "Cahiers"}],
    }
    if editors:
        reference["editors"] = editors
    reference.update(
        {
            "year": paper.date.year,
            "date-published": paper.date.isoformat(),
            "edition": paper.edition,
            "languages": ["fr"],
            "license": paper.license,
        }
    )
    if associations:
        reference["publisher"] = associations[0]
    if url:
        reference["url"] = url
    data: dict[str, object] = {
        "cff-version": "1.2.0",
        "message": "Pour citer ce Cahier, merci d’utiliser les métadonnées ci-dessous.",
        "title": full_title(paper),
        "authors": reference["authors"],
        "version": paper.edition,
        "date-released": paper.date.isoformat(),
        "license": paper.license,
    }
    if url:
        data["url"] = url
    data["preferred-citation"] = reference
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=10_000)
