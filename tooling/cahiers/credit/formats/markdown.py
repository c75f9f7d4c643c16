"""The Markdown format: a publishable credits section (French labels, no e-mail, no unknowns)."""

from __future__ import annotations

import re

from cahiers.credit.formats import labels
from cahiers.credit.types import Credits

# Everything Markdown or HTML could read as syntax is escaped, so that no name can become a link,
# an image, emphasis or raw HTML. `<`, `>` and `&` become entities (Python-Markdown, which mkdocs
# uses, does not honour `\<`); the rest is backslash-escaped with the punctuation both CommonMark
# and Python-Markdown accept.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape_markdown(text: str) -> str:
    text = "".join(_ENTITIES.get(char, char) for char in " ".join(text.split()))
    return _SPECIAL.sub(r"\\\1", text)


def format_markdown(credits: Credits) -> str:
    lines = [f"## {labels.HEADING}", ""]
    if credits.shallow:
        lines += [f"> {escape_markdown(labels.SHALLOW_WARNING)}", ""]
    for person in credits.people:
        if person.name is None:
            continue
        entry = f"- **{escape_markdown(person.name)}**"
        if person.organization:
            entry += f" ({escape_markdown(person.organization)})"
        roles = ", ".join(labels.ROLE_LABELS[role] for role in person.roles)
        lines.append(f"{entry}\u202f: {roles}")
    declined = credits.anonymous_count
    if declined:
        note = labels.ANONYMOUS_ONE if declined == 1 else labels.ANONYMOUS_MANY
        lines += ["", note.format(count=declined)]
    return "\n".join(lines) + "\n"
