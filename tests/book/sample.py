"""A small Cahiers repository for the book's tests, and what the other stages would give for it.

The repository is real (files on disk, read by the real loader, with the registries of the
project); the rendered contributions and the credits are built here, as the render and credit
stages' contracts describe them, so that the book is tested on its own.
"""

from __future__ import annotations

import datetime as dt
import html
import shutil
import textwrap
from collections.abc import Mapping
from pathlib import Path

from cahiers.book.content import BookSources
from cahiers.credit.types import CreditedPerson, Credits, FileHistory
from cahiers.load import load_project
from cahiers.model import Project
from cahiers.render.types import Footnote, Heading, LinkRef, RenderedContribution

REPO = Path(__file__).resolve().parents[2]
HEAD_COMMIT = "0123456789abcdef0123456789abcdef01234567"
HEAD_DATE = dt.datetime(2026, 3, 14, 15, 9, 26, tzinfo=dt.UTC)

# Consenting people of the registry, and two who declined to be named.
AUTHORS = {
    "one": ["claire-martineau", "bernard-meyer"],  # bernard-meyer declined
    "two": ["karim-haddad"],
    "three": ["sophie-benard", "isabelle-roux"],
}
# Two reviewers from two organisations other than the authors', as approval requires.
REVIEWERS = {
    "one": ["isabelle-roux", "karim-haddad"],
    "two": ["sophie-benard", "yann-le-goff"],
    "three": ["karim-haddad", "yann-le-goff"],
}
DECLINING = ("bernard-meyer", "agnes-weber")

FIGURE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 300"
 width="800" height="300">
<rect x="20" y="20" width="760" height="260" fill="#e9e2d0"/>
<text x="400" y="160" font-family="sans-serif" font-size="28" text-anchor="middle">Schéma</text>
</svg>
"""

TEXT = (
    "la réversibilité des contrats suppose une gouvernance claire des données et une sortie "
    "préparée avant la signature ; les directions des systèmes d'information gagnent à "
    "documenter leurs dépendances critiques, à mesurer les coûts réels et à former les équipes "
    "aux exercices de crise qui révèlent les fragilités de l'organisation"
)
WORDS = TEXT.split()


def prose(seed: int, sentences: int) -> str:
    """Deterministic French-looking prose, long enough to fill pages."""
    out = []
    for i in range(sentences):
        start = (seed * 7 + i * 5) % len(WORDS)
        words = [WORDS[(start + k) % len(WORDS)] for k in range(12 + (seed + i) % 9)]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def write_repo(
    root: Path, *, statuses: Mapping[str, str] | None = None, paragraphs: int = 6
) -> Path:
    statuses = {"one": "approved", "two": "approved", "three": "approved", **(statuses or {})}
    (root / "groups").mkdir(parents=True)
    for name in ("organizations.yml", "people.yml"):
        shutil.copy(REPO / "groups" / name, root / "groups" / name)
    _group(
        root,
        "alpha",
        "Cloud et souveraineté",
        ["claire-martineau"],
        ["claire-martineau", "karim-haddad", "bernard-meyer", "yann-le-goff"],
    )
    _group(
        root,
        "beta",
        "Résilience numérique",
        ["sophie-benard"],
        ["sophie-benard", "isabelle-roux", "agnes-weber"],
    )
    images = root / "groups" / "alpha" / "images"
    images.mkdir()
    (images / "schema.svg").write_text(FIGURE_SVG, encoding="utf-8")
    _contribution(root, "alpha", "one", "Réversibilité des contrats", statuses["one"], paragraphs)
    _contribution(root, "alpha", "two", "Maîtrise des coûts", statuses["two"], paragraphs)
    _contribution(root, "beta", "three", "Plan de continuité", statuses["three"], paragraphs)
    paper = root / "papers" / "essai"
    paper.mkdir(parents=True)
    (paper / "paper.yml").write_text(
        textwrap.dedent("""\
        title: Cahier d'essai
        subtitle: Reprendre la main sur le numérique
        edition: "2026"
        date: 2026-11-15
        associations: [club-dsi-ouest, cercle-rssi]
        editors: [claire-martineau]
        license: CC-BY-4.0
        preamble: preamble.md
        key_messages:
          - title: Négocier la sortie avant de signer
            text: Un contrat sans plan de sortie est un contrat subi.
          - title: Exercer la crise
            text: Une organisation qui ne s'exerce pas découvre ses fragilités trop tard.
        parts:
          - group: alpha
            contributions: [one, two]
          - group: beta
            contributions: [three]
        """),
        encoding="utf-8",
    )
    (paper / "preamble.md").write_text("Ce Cahier rassemble les travaux des groupes.\n", "utf-8")
    return root


def _group(root: Path, slug: str, title: str, chairs: list[str], members: list[str]) -> None:
    folder = root / "groups" / slug
    folder.mkdir()
    member_lines = "".join(f"  - person: {m}\n    since: 2023-01-01\n" for m in members)
    (folder / "group.yml").write_text(
        f"title: {title}\n"
        f"summary: Le groupe {title.lower()} travaille en toute indépendance.\n"
        "status: active\n"
        "associations: [club-dsi-ouest]\n"
        f"chairs: [{', '.join(chairs)}]\n"
        f"members:\n{member_lines}"
        "charter: |\n  Le groupe se réunit chaque mois.\n\n  Il publie ses travaux chaque année.\n",
        encoding="utf-8",
    )


def _contribution(
    root: Path, group: str, slug: str, title: str, status: str, paragraphs: int
) -> None:
    authors = ", ".join(AUTHORS[slug])
    reviewers = REVIEWERS.get(slug, [])
    lines = [
        "---",
        f"title: {title}",
        f"authors: [{authors}]",
        f"status: {status}",
        f"summary: Ce que {title.lower()} change pour les décideurs.",
    ]
    if reviewers:
        lines.append(f"reviewers: [{', '.join(reviewers)}]")
    if slug == "two":
        lines += [
            "interests:",
            "  - person: karim-haddad",
            "    organization: nuagis",
            "    statement: L'auteur a été client de Nuagis.",
        ]
    lines += ["---", "", "## Les constats {#constats}", "", prose(1, paragraphs), ""]
    (root / "groups" / group / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")


def rendered_html(slug: str, paragraphs: int, *, image: str | None = None) -> str:
    """The HTML the render stage would give: sections, a footnote, a table, a figure, links."""
    parts = ['<h2 id="constats">Les constats</h2>']
    for i in range(paragraphs):
        note = (
            f'<a class="footnote-ref" href="#fn-{i + 1}" id="fnref-{i + 1}" role="doc-noteref">'
            f"<sup>{i + 1}</sup></a>"
            if i < 2
            else ""
        )
        parts.append(f"<p>{html.escape(prose(i + len(slug), 9))}{note}</p>")
        if i == 1:
            parts.append('<h2 id="analyse">L’analyse</h2>')
        if i == 2:
            parts.append(
                "<table><caption>Des chiffres.</caption><thead><tr><th>Poste</th><th>Part</th>"
                "</tr></thead><tbody><tr><td>Hébergement</td><td>42 %</td></tr>"
                "<tr><td>Licences</td><td>31 %</td></tr></tbody></table>"
            )
        if i == 3:
            parts.append(
                '<div class="key-message"><p>Préparer la sortie dès la signature.</p></div>'
            )
    if image is not None:
        parts.append(
            f'<figure><img src="{image}" alt="Un schéma"><figcaption>Un schéma.</figcaption>'
            "</figure>"
        )
    parts.append(
        '<p>Voir <a href="cahiers:one#constats">les constats</a> et '
        '<a href="cahiers:three">le plan</a>, ou <a href="https://example.org/">le site</a>.</p>'
    )
    return "\n".join(parts)


def render_all(
    project: Project, paragraphs: int = 6, html_for: Mapping[str, str] | None = None
) -> dict[str, RenderedContribution]:
    rendered: dict[str, RenderedContribution] = {}
    for contribution in project.contributions():
        image = (
            "cahiers-asset:groups/alpha/images/schema.svg" if contribution.slug == "one" else None
        )
        body = (html_for or {}).get(contribution.slug) or rendered_html(
            contribution.slug, paragraphs, image=image
        )
        rendered[contribution.path] = RenderedContribution(
            path=contribution.path,
            html=body,
            outline=(
                Heading(2, "constats", "Les constats", 8),
                Heading(2, "analyse", "L’analyse", 9),
            ),
            footnotes=(
                Footnote(1, "<p>Une première note, <em>courte</em>.</p>", 10),
                Footnote(2, "Une seconde note, qui renvoie à une source publique.", 11),
            ),
            text=(),
            links=(LinkRef("images/schema.svg", 12, 1, "image", "Un schéma"),) if image else (),
            assets=(),
            word_count=len(body.split()),
            anchors=("constats", "analyse"),
            title=contribution.title,
        )
    return rendered


def credits_for(project: Project) -> Credits:
    people = []
    for person_id in sorted(project.people):
        person = project.people[person_id]
        paths = tuple(
            c.path for c in project.contributions() if person_id in c.authors + c.reviewers
        )
        if not paths:
            continue
        people.append(
            CreditedPerson(
                id=person_id,
                name=person.name if person.consent else None,
                organization=project.organizations[person.organization].name
                if person.consent
                else None,
                organization_id=person.organization if person.consent else None,
                roles=("author",),
                contributions=paths,
                commits=1,
            )
        )
    files = {
        c.path: FileHistory(c.path, HEAD_DATE, HEAD_DATE - dt.timedelta(days=90), ())
        for c in project.contributions()
    }
    return Credits(tuple(people), (), False, files, HEAD_COMMIT, HEAD_DATE)


def sources(root: Path, paper: str = "essai", **kwargs: object) -> BookSources:
    project = load_project(root).project
    return BookSources(
        project=project,
        paper=project.papers[paper],
        rendered=render_all(project, **kwargs),  # type: ignore[arg-type]
        credits=credits_for(project),
    )
