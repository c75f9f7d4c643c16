"""Every word the printed Cahier says on its own, in one translatable place.

The book speaks French by default. To translate it, add a `Labels(...)` for another language to
`LABELS`; templates and the chrome (running headers, watermark) only read from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Labels:
    lang: str
    contents: str
    preamble: str
    key_messages: str
    key_messages_intro: str
    key_message_box: str
    part: str  # "Partie", followed by a roman numeral
    group_members: str
    and_: str
    group_chairs: str
    group_former_members: str
    chair: str
    unnamed_one: str  # "{count} {noun}" for one person who declined to be named
    unnamed_many: str
    unnamed_nouns: dict[str, tuple[str, str, str, str]]  # kind -> other (1, n), alone (1, n)
    by: str
    reviewed_by: str
    organisations: str
    contributors: str
    contributors_intro: str
    contributors_unnamed_one: str
    contributors_unnamed_many: str
    roles: dict[str, str]
    transparency: str
    sponsor_free_title: str
    sponsor_free_statement: str
    interests_title: str
    interests_none: str
    unnamed_person: str
    review_title: str
    review_stats: str  # format fields: contributions, approved, reviewers, organisations
    review_independent: str
    exceptions_title: str
    exceptions_none: str
    exception_line: str  # format fields: rule, contribution
    approved_by: str
    colophon: str
    edition: str
    published_on: str
    composed_on: str
    source_commit: str
    source_untracked: str
    license: str
    published_by: str
    editors: str
    draft_watermark: str
    draft_line: str  # format fields: date, commit
    status: dict[str, str]
    footnotes: str
    figure: str
    table: str
    months: tuple[str, ...]
    licenses: dict[str, str]
    typeset_with: str

    def unnamed(self, count: int, kind: str, *, after_named: bool, with_and: bool = True) -> str:
        """ "et 2 autres membres qui ont choisi de ne pas être nommés", or without "et autres"."""
        other_one, other_many, alone_one, alone_many = self.unnamed_nouns[kind]
        if after_named:
            noun = other_one if count == 1 else other_many
        else:
            noun = alone_one if count == 1 else alone_many
        text = (self.unnamed_one if count == 1 else self.unnamed_many).format(
            count=count, noun=noun
        )
        return f"{self.and_} {text}" if after_named and with_and else text

    def date(self, year: int, month: int, day: int) -> str:
        first = "1er" if day == 1 and self.lang == "fr" else str(day)
        return f"{first} {self.months[month - 1]} {year}"


FRENCH = Labels(
    lang="fr",
    contents="Sommaire",
    preamble="Préambule",
    key_messages="Messages clés aux décideurs",
    key_messages_intro="Ce que les groupes de travail recommandent, en quelques lignes.",
    key_message_box="Message clé",
    part="Partie",
    group_members="Membres du groupe",
    group_chairs="Présidence",
    group_former_members="Ont aussi participé",
    chair="présidence",
    unnamed_one="{count} {noun} qui a choisi de ne pas être nommé",
    unnamed_many="{count} {noun} qui ont choisi de ne pas être nommés",
    unnamed_nouns={
        "member": ("autre membre", "autres membres", "membre", "membres"),
        "author": ("autre auteur", "autres auteurs", "auteur", "auteurs"),
        "reviewer": ("autre relecteur", "autres relecteurs", "relecteur", "relecteurs"),
        "person": ("autre personne", "autres personnes", "personne", "personnes"),
    },
    and_="et",
    by="Par",
    reviewed_by="Relu par",
    organisations="Organisations",
    contributors="Contributeurs et contributrices",
    contributors_intro=(
        "Ce Cahier est l’œuvre collective des membres des groupes de travail. "
        "Sont nommées ici les personnes qui ont accepté de l’être."
    ),
    contributors_unnamed_one="Une autre personne a contribué et a choisi de ne pas être nommée.",
    contributors_unnamed_many=(
        "{count} autres personnes ont contribué et ont choisi de ne pas être nommées."
    ),
    roles={
        "author": "écriture",
        "reviewer": "relecture",
        "editor": "coordination éditoriale",
        "chair": "présidence de groupe",
        "contributor": "contribution",
    },
    transparency="Transparence",
    sponsor_free_title="Indépendance",
    sponsor_free_statement=(
        "Ce Cahier a été écrit bénévolement par les membres des groupes de travail. "
        "Il n’a reçu aucun financement, aucune commande ni aucune contrepartie d’un fournisseur. "
        "Aucun texte n’y fait la promotion d’une offre commerciale ; les fournisseurs cités le "
        "sont à titre d’exemple, et les liens d’intérêts des auteurs sont déclarés ci-dessous."
    ),
    interests_title="Liens d’intérêts déclarés",
    interests_none="Aucun auteur n’a déclaré de lien d’intérêts avec un fournisseur cité.",
    unnamed_person="Une personne qui a choisi de ne pas être nommée",
    review_title="Comment les textes ont été relus",
    review_stats=(
        "{approved} des {contributions} contributions de ce Cahier ont été approuvées après "
        "relecture par {reviewers} relecteurs et relectrices de {organisations} organisations "
        "différentes."
    ),
    review_independent=(
        "Chaque texte approuvé a été relu par au moins deux personnes qui n’en sont pas les "
        "auteurs, issues d’organisations différentes."
    ),
    exceptions_title="Exceptions accordées aux règles de relecture",
    exceptions_none="Aucune exception aux règles de relecture n’a été accordée.",
    exception_line="Règle « {rule} », pour « {contribution} »",
    approved_by="accordée par",
    colophon="Colophon",
    edition="Édition",
    published_on="Publié le",
    composed_on="Composé le",
    source_commit="Source : révision",
    source_untracked="Source : dépôt non versionné",
    license="Licence",
    published_by="Publié par",
    editors="Coordination éditoriale",
    draft_watermark="DOCUMENT DE TRAVAIL",
    draft_line="DOCUMENT DE TRAVAIL · version du {date} · révision {commit}",
    status={
        "draft": "Version de travail",
        "review": "En cours de relecture",
        "approved": "Approuvé",
    },
    footnotes="Notes",
    figure="Figure",
    table="Tableau",
    months=(
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    licenses={
        "CC-BY-4.0": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "CC-BY-SA-4.0": "Creative Commons Attribution – Partage dans les mêmes conditions 4.0 "
        "International (CC BY-SA 4.0)",
        "CC-BY-ND-4.0": "Creative Commons Attribution – Pas de modification 4.0 International "
        "(CC BY-ND 4.0)",
        "CC0-1.0": "Creative Commons Zero 1.0 (domaine public)",
        "etalab-2.0": "Licence Ouverte / Open Licence 2.0 (Etalab)",
    },
    typeset_with=(
        "Composé en {fonts} avec Cahiers {cahiers} et WeasyPrint {weasyprint}, "
        "à partir des sources du dépôt."
    ),
)

LABELS: dict[str, Labels] = {"fr": FRENCH}


def labels_for(lang: str) -> Labels:
    return LABELS.get(lang, FRENCH)
