"""The Markdown format: a publishable credits section (French labels, no e-mail, no unknowns)."""

from __future__ import annotations

from cahiers.credit.formats import labels
from cahiers.credit.types import Credits

# Every character that Markdown (CommonMark, or Python-Markdown with the pymdownx extensions
# mkdocs uses) could read as syntax becomes an HTML character reference, so that no name can turn
# into a link, an image, emphasis, an attribute list or raw HTML. References render the same in
# every dialect, where backslash escapes do not (Python-Markdown ignores `\<`).
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SYNTAX = frozenset("\\`*_{}[]()#+!|~^=:")


def escape_markdown(text: str) -> str:
    return "".join(
        _NAMED.get(char) or (f"&#{ord(char)};" if char in _SYNTAX else char)
        for char in " ".join(text.split())
    )


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
