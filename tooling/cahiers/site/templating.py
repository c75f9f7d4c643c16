"""The Jinja2 environment of the site's page parts: autoescaped, strict about missing values.

Only the render stage's sanitised HTML is marked safe (`Markup`), and only where a page builder
passes it in; every other value, from titles to names, is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from cahiers.site.labels import (
    GROUP_STATUS_LABELS,
    LABELS,
    STATUS_LABELS,
    and_others,
    french_date,
    unnamed_people,
)
from cahiers.site.people import PeopleList


def sanitised(html: str) -> Markup:
    """Mark the render stage's output as safe: it went through nh3's allowlist, and the site only
    rewrote URLs in it. Nothing else may be marked safe."""
    return Markup(html)  # noqa: S704 - sanitised upstream, by contract (render/types.py)


def join_french(items: Iterable[object]) -> Markup:
    """`a`, `a et b`, `a, b et c`, each item escaped unless already Markup."""
    parts = [escape(item) for item in items]
    if len(parts) <= 1:
        return Markup("").join(parts)
    return Markup(", ").join(parts[:-1]) + Markup(" et ") + parts[-1]


def people_phrase(people: PeopleList, *, with_organization: bool = True) -> Markup:
    """`Claire Martineau (Mutuelle Horizon), Karim Haddad et 1 autre personne`."""
    items: list[object] = []
    for person in people.named:
        name = Markup('<span class="cahiers-person">{}</span>').format(person.name)
        if with_organization and person.organization:
            name += Markup(' <span class="cahiers-org">({})</span>').format(person.organization)
        items.append(name)
    if people.unnamed and items:
        return Markup(", ").join(escape(item) for item in items) + " " + and_others(people.unnamed)
    if people.unnamed:
        return escape(unnamed_people(people.unnamed))
    return join_french(items)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("cahiers.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals.update(
        L=LABELS, STATUS=STATUS_LABELS, GROUP_STATUS=GROUP_STATUS_LABELS, people=people_phrase
    )
    env.filters.update(french_date=french_date, join_french=join_french)
    return env


_ENV = _environment()


def render_template(name: str, **context: Any) -> str:
    return _ENV.get_template(name).render(**context)
