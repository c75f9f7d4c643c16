"""The words the render stage adds to a text (alert titles, the references heading).

Kept in one place so that they can be translated; the document's `lang` picks the set.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "note": "Remarque",
        "tip": "Conseil",
        "important": "Important",
        "warning": "Attention",
        "caution": "Prudence",
        "references": "Références",
    },
    "en": {
        "note": "Note",
        "tip": "Tip",
        "important": "Important",
        "warning": "Warning",
        "caution": "Caution",
        "references": "References",
    },
}


def label(key: str, lang: str) -> str:
    return LABELS.get(lang, LABELS["fr"]).get(key, key)
