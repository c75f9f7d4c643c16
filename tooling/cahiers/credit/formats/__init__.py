"""Output formats of `cahiers credits`: text and JSON for editors, Markdown and CFF to publish.

Only `text` and `json` show unknown identities (with their e-mails), for editors fixing the
registry; the publishable formats never print an e-mail, and print a person who declined to be
named only as a count.
"""

from __future__ import annotations

from typing import Literal

from cahiers.credit.formats.cff import format_cff
from cahiers.credit.formats.jsonout import format_json
from cahiers.credit.formats.markdown import format_markdown
from cahiers.credit.formats.text import format_text
from cahiers.credit.types import Credits
from cahiers.model import Project

Format = Literal["text", "json", "markdown", "cff"]
FORMATS: tuple[Format, ...] = ("text", "json", "markdown", "cff")


def format_credits(
    credits: Credits, project: Project, output: Format, *, paper: str | None = None
) -> str:
    """Render `credits` (computed for `paper`, or the whole project when None)."""
    if output == "json":
        return format_json(credits)
    if output == "markdown":
        return format_markdown(credits)
    if output == "cff":
        if paper is None:
            raise ValueError("CITATION.cff describes one paper: give its slug")
        associations = {slug: org.name for slug, org in project.organizations.items()}
        return format_cff(credits, project.papers[paper], associations)
    return format_text(credits, project, paper=paper)
