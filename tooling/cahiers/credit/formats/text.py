"""The text format: a readable summary for editors, unknown identities included."""

from __future__ import annotations

from cahiers.credit.formats.jsonout import public_ids
from cahiers.credit.history import SHALLOW_WARNING
from cahiers.credit.sanitize import escape_for_display
from cahiers.credit.types import Credits
from cahiers.model import Project


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def format_text(credits: Credits, project: Project, *, paper: str | None = None) -> str:
    scope = f"paper {paper}" if paper else "the whole project"
    lines = [f"Credits of {scope}"]
    if credits.shallow:
        lines.append(f"warning: {SHALLOW_WARNING}")
    declined = credits.anonymous_count
    lines.append(
        f"\n{_plural(len(credits.people), 'person', 'people')}"
        + (f", {declined} of whom declined to be named" if declined else "")
        + ":"
    )
    ids = public_ids(credits)
    for person in credits.people:
        name = escape_for_display(person.name) if person.name else f"({ids[person.id]})"
        organization = f", {escape_for_display(person.organization)}" if person.organization else ""
        roles = ", ".join(person.roles)
        lines.append(f"  {name}{organization}: {roles}; {_plural(person.commits, 'commit')}")
        lines.extend(f"    {escape_for_display(path)}" for path in person.contributions)
    if credits.unknown_identities:
        count = _plural(len(credits.unknown_identities), "unknown identity", "unknown identities")
        lines.append(f"\n{count} (add the e-mail to groups/people.yml or map it in .mailmap):")
    for identity in credits.unknown_identities:
        who = f"{escape_for_display(identity.name)} <{escape_for_display(identity.email)}>"
        lines.append(f"  {who}: {_plural(len(identity.commits), 'commit')}")
        lines.append(f"    commits: {', '.join(identity.commits)}")
        lines.extend(f"    {escape_for_display(path)}" for path in identity.paths)
    if credits.head_commit:
        lines.append(f"\nsource: {credits.head_commit}")
    return "\n".join(lines) + "\n"
