"""Every word the published credit formats (Markdown, CITATION.cff) print, in one place.

Published outputs speak French by default; translate by replacing this table. The text and JSON
formats are for editors and scripts, and speak English.
"""

from __future__ import annotations

from typing import Final

ROLE_LABELS: Final = {
    "author": "rédaction",
    "reviewer": "relecture",
    "editor": "direction de la publication",
    "chair": "animation du groupe",
    "contributor": "contribution",
}
HEADING: Final = "Contributrices et contributeurs"
ANONYMOUS_ONE: Final = "Une personne a contribué sans souhaiter être nommée."
ANONYMOUS_MANY: Final = "{count} personnes ont contribué sans souhaiter être nommées."
SHALLOW_WARNING: Final = (
    "Attention : ces crédits ont été calculés sur un historique git incomplet (clone superficiel)."
)
CFF_MESSAGE: Final = "Pour citer ce Cahier, merci d'utiliser les métadonnées ci-dessous."
