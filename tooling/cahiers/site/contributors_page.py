"""The contributors page, from the credits stage: by organisation, then by group.

Credits already applied consent (`name` is None for a person who declined): such people are
counted once at the end, never named nor placed in an organisation or a group.
"""

from __future__ import annotations

from cahiers.naming import sort_key
from cahiers.site import urls
from cahiers.site.context import SiteContext, StagedPage
from cahiers.site.labels import LABELS, ROLE_LABELS, unnamed_people
from cahiers.site.markdown import page_markdown
from cahiers.site.pages import sorted_groups
from cahiers.site.templating import render_template

INTRO = (
    "Les Cahiers sont écrits, relus et publiés par les membres des groupes de travail. "
    "Cette page les remercie, d’après l’historique du dépôt et les rôles déclarés."
)


def contributors_page(ctx: SiteContext) -> StagedPage:
    project = ctx.prepared.project
    credits = ctx.prepared.credits
    page = urls.CONTRIBUTORS
    by_org: dict[str, list[str]] = {}
    by_group: dict[str, list[str]] = {}
    named = sorted(
        (p for p in credits.people if p.name), key=lambda p: (sort_key(p.name or ""), p.id)
    )
    for person in named:
        assert person.name is not None
        roles = ", ".join(ROLE_LABELS[role] for role in person.roles if role in ROLE_LABELS)
        entry = f"{person.name} ({roles})" if roles else person.name
        by_org.setdefault(person.organization or "—", []).append(entry)
        groups = {path.split("/")[1] for path in person.contributions if path.startswith("groups/")}
        groups |= {g.slug for g in project.groups.values() if person.id in g.chairs}
        for slug in groups:
            by_group.setdefault(slug, []).append(person.name)
    html = render_template(
        "contributors.html.j2",
        intro=INTRO,
        by_organization=[
            {"name": org, "people": people}
            for org, people in sorted(by_org.items(), key=lambda item: sort_key(item[0]))
        ],
        by_group=[
            {
                "title": group.title,
                "url": ctx.href(page, urls.group_page(group.slug)),
                "people": by_group[group.slug],
            }
            for group in sorted_groups(ctx)
            if group.slug in by_group
        ],
        unnamed=unnamed_people(credits.anonymous_count) if credits.anonymous_count else "",
    )
    return StagedPage(page, page_markdown({"title": LABELS["contributors"]}, html))
