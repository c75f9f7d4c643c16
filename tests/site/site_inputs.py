"""Hand-built inputs for the site's pure tests: the render and credits stages' outputs for the
`mini` fixture, written out as those stages' contracts describe them (no pandoc, no git)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from cahiers.credit.types import CreditedPerson, Credits, FileHistory
from cahiers.load import load_project
from cahiers.pipeline import BuildOptions, Prepared, select_steps, write_outputs
from cahiers.render.types import Footnote, Heading, RenderedContribution, RenderOutput

MINI = Path(__file__).parent / "fixtures" / "mini"
TINY_PDF = Path(__file__).parent / "fixtures" / "tiny.pdf"
UTC = dt.UTC

BODIES: dict[str, tuple[str, tuple[Footnote, ...]]] = {
    "groups/cloud/reversibilite.md": (
        '<h2 id="pourquoi-la-réversibilité">Pourquoi la réversibilité</h2>\n'
        "<p>Un contrat sans plan de sortie enferme l’acheteur"
        '<a class="footnote-ref" href="#fn-1" id="fnref-1" role="doc-noteref"><sup>1</sup></a>.'
        ' Voir aussi <a href="cahiers:finops#couts">FinOps</a>.</p>\n'
        '<figure><img src="cahiers-asset:groups/cloud/images/schema.svg" alt="Schéma">'
        "<figcaption>Schéma</figcaption></figure>\n"
        '<h2 id="clauses-essentielles">Clauses <em>essentielles</em></h2>\n'
        '<p>Texte <a href="cahiers:reversibilite#pourquoi-la-réversibilité">plus haut</a>.</p>',
        (Footnote(1, "Selon le groupe.", 18),),
    ),
    "groups/cloud/finops.md": ('<h2 id="couts">Costs</h2>\n<p>Cloud costs grow.</p>', ()),
    "groups/cyber/sauvegardes.md": (
        '<h2 id="règle-3-2-1">Règle 3-2-1</h2>\n<p>Gardez trois copies.</p>',
        (),
    ),
}


def rendered(path: str) -> RenderedContribution:
    html, notes = BODIES[path]
    return RenderedContribution(
        path=path,
        html=html,
        outline=(Heading(2, "x", "x", 1),),
        footnotes=notes,
        text=(),
        links=(),
        assets=("groups/cloud/images/schema.svg",) if "schema" in html else (),
        word_count=len(html.split()),
        lang="en" if "finops" in path else "fr",
    )


def snippet(path: str, html: str) -> RenderedContribution:
    return RenderedContribution(path, html, (), (), (), (), (), len(html.split()))


def mini_prepared(root: Path = MINI) -> Prepared:
    loaded = load_project(root)
    project = loaded.project
    paths = [c.path for c in project.contributions()]
    files = {
        path: FileHistory(
            path,
            last_updated=dt.datetime(2026, 10, 1 + i, 9, 30, tzinfo=UTC),
            created=dt.datetime(2026, 9, 1, tzinfo=UTC),
            people=("claire",),
        )
        for i, path in enumerate(sorted(paths))
    }
    people = (
        CreditedPerson("claire", "Claire Martineau", "Mutuelle Horizon", "mutuelle",
                       ("author", "editor", "chair"), ("groups/cloud/reversibilite.md",), 4),
        CreditedPerson("sophie", "Sophie Bénard", "Ville de Saint-Aubin", "ville",
                       ("author", "reviewer", "chair"), ("groups/cyber/sauvegardes.md",), 2),
        CreditedPerson("thomas", "Thomas Nguyen", "Nuagis", "nuagis",
                       ("author",), ("groups/cloud/finops.md",), 1),
        CreditedPerson("discret", None, None, None, ("author",),
                       ("groups/cloud/reversibilite.md",), 1),
    )  # fmt: skip
    credits = Credits(
        people=people,
        unknown_identities=(),
        shallow=False,
        files=files,
        head_commit="0" * 40,
        head_date=dt.datetime(2026, 10, 20, 12, 0, tzinfo=UTC),
    )
    output = RenderOutput(
        contributions={path: rendered(path) for path in paths},
        charters={
            "cloud": snippet(
                "groups/cloud/group.yml", "<p>Le groupe <em>cloud</em> se réunit chaque mois.</p>"
            ),
            "cyber": snippet("groups/cyber/group.yml", "<p>Charte du groupe cyber.</p>"),
        },
        preambles={
            "cahier-test": snippet(
                "papers/cahier-test/preamble.md",
                "<p>Ce Cahier rassemble les travaux de l’année.</p>",
            )
        },
        key_messages={
            "cahier-test": (
                snippet(
                    "papers/cahier-test/paper.yml",
                    "<p>Un contrat sans plan de sortie <strong>enferme</strong>.</p>",
                ),
            )
        },
    )
    return Prepared(
        project=project, findings=tuple(loaded.findings), rendered=output, credits=credits
    )


def put_pdfs(out: Path, papers: list[str]) -> None:
    """Until the book's step lands, a tiny valid PDF stands in for each paper's two PDFs."""
    pdf_dir = out / "pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    for paper in papers:
        for name in (f"{paper}.pdf", f"{paper}-print.pdf"):
            shutil.copyfile(TINY_PDF, pdf_dir / name)


def build_site_into(prepared: Prepared, out: Path, engine: str = "mkdocs") -> Path:
    """Build the site step alone into `out` (as `cahiers site --out` does), PDFs in place."""
    put_pdfs(out, sorted(prepared.project.papers))
    # No cache: the fixture repositories live in the source tree, and stay as they are.
    options = BuildOptions(engine=engine, use_cache=False)
    write_outputs(prepared, out, select_steps(["site"]), options)
    return out / "site"
