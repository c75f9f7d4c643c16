"""The rule ids of the render stage, and content problems before they know their file.

A problem found while parsing is stored in the cache with a line relative to the Markdown body;
it becomes a `Finding` (with path and absolute line) when the document is placed in the project.
"""

from __future__ import annotations

from dataclasses import dataclass

from cahiers.findings import Finding, Location, Severity

# Stable rule ids, with what they catch (shown by `cahiers rules` when the lead lists them).
RULES: dict[str, str] = {
    "raw-html": "Raw HTML in Markdown: it is removed from the output; use the Markdown dialect.",
    "render-failed": "pandoc could not parse the file, or reported a warning.",
    "render-timeout": "pandoc did not finish within the per-file timeout.",
    "render-too-large": "The Markdown is larger than the size cap; it is not rendered.",
    "render-too-deep": "Structures nested too deeply (quotes, lists, emphasis): not rendered.",
    "heading-level": "A `#` heading in a contribution: the title comes from the front matter.",
    "unknown-box": "A fenced div `:::` with a class that is not a known box.",
    "broken-link": "A relative link or image whose target file does not exist.",
    "duplicate-anchor": "Two headings of one contribution with the same explicit id.",
    "unknown-anchor": "A link to `#anchor` that the target contribution does not define.",
    "link-not-contribution": "A link to a Markdown file that is not a contribution.",
    "link-outside-repo": "A relative link or image that leaves the repository.",
    "unsafe-link": "A link with a scheme other than http, https or mailto (javascript:, data:...).",
    "image-remote": "An image on another server: the site and the PDF never fetch remote files.",
    "image-outside-repo": "An image path that is absolute or leaves the repository.",
    "image-unsupported": "An image that is not .svg, .png, .jpg, .jpeg or .webp.",
    "unknown-citation": "A citation `[@key]` whose key is not in the paper's bibliography.",
    "bibliography-invalid": "The bibliography (CSL JSON) cannot be read.",
}


@dataclass(frozen=True, slots=True)
class Problem:
    rule: str
    severity: str  # a Severity value
    line: int  # 1-based, relative to the start of the Markdown body
    column: int
    message: str
    hint: str | None = None

    def to_finding(self, path: str, first_line: int) -> Finding:
        location = Location(path, self.line + first_line - 1, max(1, self.column))
        return Finding(location, self.rule, Severity(self.severity), self.message, self.hint)

    def as_json(self) -> list[object]:
        return [self.rule, self.severity, self.line, self.column, self.message, self.hint]

    @classmethod
    def from_json(cls, data: list[object]) -> Problem:
        rule, severity, line, column, message, hint = data
        return cls(
            str(rule),
            str(severity),
            int(str(line)),
            int(str(column)),
            str(message),
            None if hint is None else str(hint),
        )
