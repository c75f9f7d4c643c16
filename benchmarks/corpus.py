"""Deterministic synthetic corpus: N groups × M contributions of French text, plus git history.

    python -m benchmarks.corpus OUT --groups 4 --per-group 25 --commits 320 --authors 30 --seed 1

The text is generated from a small French vocabulary and sentence templates: realistic enough for
pandoc, hyphenation, search indexing and the review rules (no vendor, no promotion), with
footnotes, pipe tables with captions, figures and links between contributions. The history is
written with one `git fast-import` stream (K commits by P authors, fixed dates), so a
10,000-commit corpus takes seconds.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SUBJECTS = [
    "la direction des systèmes d'information",
    "le comité de direction",
    "chaque organisation",
    "le responsable de la sécurité",
    "l'équipe d'exploitation",
    "le groupe de travail",
    "la fonction achats",
    "le conseil d'administration",
    "la collectivité",
    "l'établissement",
]
VERBS = [
    "doit anticiper",
    "gagne à documenter",
    "mesure régulièrement",
    "formalise",
    "réévalue",
    "partage avec ses pairs",
    "intègre dans sa feuille de route",
    "arbitre",
    "finance",
    "confie à une équipe dédiée",
]
OBJECTS = [
    "la réversibilité des contrats",
    "la cartographie des dépendances critiques",
    "les compétences rares",
    "le coût complet des services numériques",
    "les exercices de gestion de crise",
    "la sobriété des usages",
    "la continuité d'activité",
    "les engagements de niveau de service",
    "la protection des données personnelles",
    "la dette technique accumulée",
    "les plans de sortie",
    "la conformité réglementaire",
]
CLAUSES = [
    "avant toute signature",
    "dès la phase de conception",
    "au moins une fois par an",
    "en lien avec les métiers",
    "sans attendre un incident",
    "avec des indicateurs partagés",
    "dans un cadre budgétaire pluriannuel",
    "en associant les utilisateurs",
]


@dataclass(frozen=True)
class CorpusSpec:
    groups: int = 4
    per_group: int = 25
    commits: int = 320
    authors: int = 30
    words: int = 1650  # per contribution; 100 contributions ≈ 1.3 MB as measured in design
    seed: int = 1


def sentence(rng: random.Random) -> str:
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CLAUSES)}"
    if rng.random() < 0.3:
        s += f" : {rng.randint(12, 87)} % des organisations interrogées le font déjà"
    return s[0].upper() + s[1:] + "."


def paragraph(rng: random.Random, words: int) -> str:
    out: list[str] = []
    count = 0
    while count < words:
        s = sentence(rng)
        out.append(s)
        count += len(s.split())
    return " ".join(out)


def contribution(
    rng: random.Random,
    spec: CorpusSpec,
    slug: str,
    title: str,
    authors: list[str],
    reviewers: list[str],
    links: list[str],
    figure: str | None,
) -> str:
    body: list[str] = []
    remaining = spec.words
    section = 0
    notes: list[str] = []
    while remaining > 0:
        section += 1
        body.append(f"## Partie {section} {{#partie-{section}}}\n")
        for _ in range(3):
            text = paragraph(rng, 90)
            if rng.random() < 0.25:
                notes.append(paragraph(rng, 20))
                text += f"[^n{len(notes)}]"
            body.append(text + "\n")
            remaining -= len(text.split())
        if section % 3 == 1:
            body.append("| Indicateur | 2024 | 2025 |\n|---|---:|---:|")
            for _ in range(4):
                body.append(
                    f"| {rng.choice(OBJECTS)} | {rng.randint(5, 95)} % | {rng.randint(5, 95)} % |"
                )
            body.append(f"\nTable: Évolution observée, partie {section}.\n")
        if section == 2 and figure:
            body.append(f"![Schéma de la partie {section}.]({figure})\n")
        if section == 2 and links:
            body.append(
                "Voir aussi " + ", ".join(f"[cette analyse]({link})" for link in links) + ".\n"
            )
    body.extend(f"[^n{i}]: {note}" for i, note in enumerate(notes, 1))
    front = (
        f'---\ntitle: "{title}"\nauthors: [{", ".join(authors)}]\nstatus: approved\n'
        f'reviewers: [{", ".join(reviewers)}]\nsummary: "{sentence(rng)}"\ntags: [benchmark]\n---\n\n'
    )
    return front + "\n".join(body) + "\n"


SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 300" width="800" height="300">
<rect x="20" y="20" width="760" height="260" fill="#e9e2d0"/>
<rect x="60" y="100" width="200" height="100" fill="#1f3a5f"/><text x="160" y="155" fill="white"
font-family="sans-serif" font-size="20" text-anchor="middle">Constats</text>
<rect x="540" y="100" width="200" height="100" fill="#2a7f7a"/><text x="640" y="155" fill="white"
font-family="sans-serif" font-size="20" text-anchor="middle">Actions</text>
<line x1="260" y1="150" x2="540" y2="150" stroke="#6b7280" stroke-width="4"/></svg>
"""


def independent_reviewers(
    rng: random.Random, people: list[str], authors: list[str], org_count: int
) -> list[str]:
    """Two reviewers from two organisations other than the authors' (the approval rule).

    People are assigned to organisations round-robin (person i belongs to org i mod org_count).
    """
    org_of = {p: i % org_count for i, p in enumerate(people)}
    taken = {org_of[a] for a in authors}
    chosen: list[str] = []
    for person in rng.sample(people, len(people)):
        if org_of[person] not in taken:
            chosen.append(person)
            taken.add(org_of[person])
        if len(chosen) == 2:
            break
    return chosen


def generate_files(spec: CorpusSpec) -> tuple[dict[str, str], list[str]]:
    rng = random.Random(spec.seed)
    files: dict[str, str] = {}
    orgs = [f"org-{i:02d}" for i in range(max(4, spec.authors // 3))]
    files["groups/organizations.yml"] = (
        "asso-bench:\n  name: Association du banc d'essai\n  kind: association\n"
        + "".join(f"{o}:\n  name: Organisation {o[-2:]}\n  kind: user\n" for o in orgs)
    )
    people = [f"personne-{i:03d}" for i in range(spec.authors)]
    files["groups/people.yml"] = "".join(
        f"{p}:\n  name: Personne {p[-3:]}\n  organization: {orgs[i % len(orgs)]}\n  consent: {'false' if i % 11 == 5 else 'true'}\n"
        f"  emails: [{p}@bench.example]\n"
        for i, p in enumerate(people)
    )
    slugs: list[str] = []
    parts = []
    for g in range(spec.groups):
        group = f"groupe-{g + 1:02d}"
        members = rng.sample(people, min(8, len(people)))
        files[f"groups/{group}/group.yml"] = (
            f"title: Groupe {g + 1}\nsummary: Groupe de travail numéro {g + 1}.\nstatus: active\n"
            f"associations: [asso-bench]\nchairs: [{members[0]}]\nmembers:\n"
            + "".join(
                f"  - person: {m}\n    since: 2024-0{1 + i % 9}-01\n" for i, m in enumerate(members)
            )
            + f"charter: |\n  {paragraph(rng, 60)}\n"
        )
        files[f"groups/{group}/images/schema.svg"] = SVG
        group_slugs = []
        for c in range(spec.per_group):
            slug = f"g{g + 1:02d}-contribution-{c + 1:03d}"
            authors = rng.sample(members, 2)
            reviewers = independent_reviewers(rng, people, authors, len(orgs))
            links = (
                [f"{slugs[-1]}.md"]
                if slugs and c % 4 == 1 and slugs[-1].startswith(f"g{g + 1:02d}")
                else []
            )
            files[f"groups/{group}/{slug}.md"] = contribution(
                rng,
                spec,
                slug,
                f"Contribution {g + 1}.{c + 1}",
                authors,
                reviewers,
                links,
                "images/schema.svg" if c % 3 == 0 else None,
            )
            slugs.append(slug)
            group_slugs.append(slug)
        parts.append(f"  - group: {group}\n    contributions: [{', '.join(group_slugs)}]\n")
    files["papers/banc-essai/paper.yml"] = (
        'title: Cahier du banc d\'essai\nedition: "2026"\ndate: 2026-06-01\nassociations: [asso-bench]\n'
        f"editors: [{people[0]}]\nlicense: CC-BY-4.0\npreamble: preamble.md\nkey_messages:\n"
        "  - title: Un message\n    text: Un texte.\nparts:\n" + "".join(parts)
    )
    files["papers/banc-essai/preamble.md"] = paragraph(rng, 200) + "\n"
    return files, people


def write_history(out: Path, files: dict[str, str], people: list[str], spec: CorpusSpec) -> None:
    """K commits by P authors through one git fast-import stream; the last tree is `files`."""
    rng = random.Random(spec.seed + 1)
    contributions = sorted(p for p in files if p.endswith(".md") and p.startswith("groups/"))
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    stream: list[bytes] = []
    when = 1_700_000_000

    def commit(author: str, message: str, changes: dict[str, str]) -> None:
        nonlocal when
        when += 3600
        ident = f"Personne {author[-3:]} <{author}@bench.example> {when} +0100"
        data = message.encode()
        stream.append(f"commit refs/heads/main\nauthor {ident}\ncommitter {ident}\n".encode())
        stream.append(b"data %d\n%s\n" % (len(data), data))
        for path, text in changes.items():
            blob = text.encode()
            stream.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(blob), blob))

    # Early commits write drafts (a truncated text), later ones bring files to their final form.
    commit(
        people[0],
        "Mise en place du dépôt",
        {p: t for p, t in files.items() if p not in contributions},
    )
    remaining = max(spec.commits - 1, len(contributions))
    for index in range(remaining):
        path = (
            contributions[index % len(contributions)]
            if index < len(contributions)
            else rng.choice(contributions)
        )
        final = files[path]
        is_last = index >= remaining - len(contributions)
        text = final if is_last else final[: max(200, len(final) * (index % 7 + 1) // 8)]
        commit(rng.choice(people), f"Rédaction de {Path(path).stem}", {path: text})
    subprocess.run(
        ["git", "-C", str(out), "fast-import", "--quiet"], input=b"".join(stream), check=True
    )
    subprocess.run(["git", "-C", str(out), "reset", "-q", "--hard", "main"], check=True)


CONFIG_FOLDERS = ("theme", "policy")  # what the site settings and the review rules read


def repository_config(root: Path) -> dict[str, str]:
    """The configuration as code of the repository at `root` (site settings, their theme files,
    the review policy), so that a corpus is built and checked as the real repository would be."""
    files: dict[str, str] = {}
    if (root / "mkdocs.yml").is_file():
        files["mkdocs.yml"] = (root / "mkdocs.yml").read_text("utf-8")
    for folder in CONFIG_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and not path.is_symlink():
                try:
                    files[path.relative_to(root).as_posix()] = path.read_text("utf-8")
                except UnicodeDecodeError:
                    continue  # binary theme files (fonts) are not needed to build
    return files


def generate(
    out: Path, spec: CorpusSpec, mkdocs_yml: Path | None = None, *, config_from: Path | None = None
) -> Path:
    """Write the corpus and its history into `out`. `config_from`: a repository whose
    `mkdocs.yml`, `theme/` and `policy/` are copied in (`mkdocs_yml` alone copies one file)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files, people = generate_files(spec)
    if mkdocs_yml is not None and mkdocs_yml.is_file():
        files["mkdocs.yml"] = mkdocs_yml.read_text("utf-8")
    if config_from is not None:
        files.update(repository_config(config_from))
    write_history(out, files, people, spec)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--groups", type=int, default=4)
    parser.add_argument("--per-group", type=int, default=25)
    parser.add_argument("--commits", type=int, default=320)
    parser.add_argument("--authors", type=int, default=30)
    parser.add_argument("--words", type=int, default=1650)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    spec = CorpusSpec(
        args.groups, args.per_group, args.commits, args.authors, args.words, args.seed
    )
    generate(args.out, spec, config_from=Path(__file__).resolve().parent.parent)
    print(f"corpus written to {args.out}")


if __name__ == "__main__":
    main()
