"""Every French word the site writes itself, in one translatable place.

Content (titles, charters, contributions) speaks for itself; these are the site's own page parts.
Narrow no-break spaces (U+202F) precede `:` `;` `!` `?` as French typography requires.
"""

from __future__ import annotations

import datetime as dt

LANGUAGE = "fr"

LABELS: dict[str, str] = {
    "home": "Accueil",
    "papers": "Cahiers",
    "groups": "Groupes de travail",
    "contributors": "Contributeurs",
    "tags": "Étiquettes",
    "charter": "Charte",
    "chairs": "Présidence",
    "members": "Membres",
    "former_members": "Anciens membres",
    "contributions": "Contributions",
    "no_contributions": "Aucune contribution pour l’instant.",
    "by": "Par",
    "reviewed_by": "Relu par",
    "last_updated": "Mis à jour le",
    "edit_page": "Modifier cette page",
    "edit_source": "Voir ou modifier la source",
    "status": "Statut",
    "group": "Groupe",
    "summary": "Résumé",
    "preamble": "Préambule",
    "key_messages": "Messages clés",
    "contents": "Sommaire",
    "downloads": "Télécharger",
    "pdf_screen": "PDF pour l’écran",
    "pdf_print": "PDF pour l’impression",
    "pdf_missing": "Le PDF de ce Cahier n’a pas encore été produit.",
    "cite": "Citer ce Cahier",
    "cite_bibtex": "BibTeX",
    "cite_cff": "Citation File Format (CFF)",
    "edition": "Édition",
    "published_on": "Publié le",
    "editors": "Direction de la publication",
    "associations": "Associations",
    "license": "Licence",
    "footnotes": "Notes",
    "back_to_text": "Retour au texte",
    "by_organization": "Par organisation",
    "by_group": "Par groupe",
    "interests": "Intérêts déclarés",
    "exceptions": "Exceptions accordées aux règles de relecture",
    "repository": "Dépôt des sources",
    "permalink": "Lien permanent",
    "search": "Rechercher",
}

STATUS_LABELS: dict[str, str] = {
    "draft": "Brouillon",
    "review": "En relecture",
    "approved": "Validé",
}

GROUP_STATUS_LABELS: dict[str, str] = {
    "active": "Actif",
    "dormant": "En sommeil",
    "closed": "Clos",
}

ROLE_LABELS: dict[str, str] = {
    "author": "rédaction",
    "reviewer": "relecture",
    "editor": "direction de la publication",
    "chair": "présidence de groupe",
    "contributor": "contributions",
}

_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def french_date(day: dt.date) -> str:
    """`1er novembre 2026`, `15 novembre 2026`: no locale needed, so the output never varies."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number}\u00a0{_MONTHS[day.month - 1]} {day.year}"


def count_phrase(count: int, singular: str, plural: str) -> str:
    """`1 personne`, `3 personnes` (with a no-break space between number and noun)."""
    return f"{count}\u00a0{singular if count == 1 else plural}"


def unnamed_people(count: int) -> str:
    """How people who declined to be named are counted, never named."""
    if count == 1:
        return "1\u00a0personne a choisi de ne pas être nommée."
    return f"{count}\u00a0personnes ont choisi de ne pas être nommées."


def and_others(count: int) -> str:
    return "et 1\u00a0autre personne" if count == 1 else f"et {count}\u00a0autres personnes"
