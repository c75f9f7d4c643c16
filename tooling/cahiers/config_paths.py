"""Configuration as code: the repository paths that decide how every Cahier is checked and built.

A pull request that changes one of them changes the rules for everybody (the review policy, the
templates, the workflows, the tool itself), so `cahiers check --base REF` reports each such file
as a notice for human review, and `cahiers codeowners` gives these paths to the papers' editors.

Pure: no file or git access here (`cahiers.changes` lists the changed paths).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cahiers.findings import Finding, Location, notice

RULE_ID = "config-as-code-changed"


@dataclass(frozen=True, slots=True)
class ConfigPath:
    """A file (`mkdocs.yml`) or a folder (`tooling/`, trailing slash) at the repository root."""

    pattern: str
    what: str  # what it decides, for the notice

    @property
    def is_folder(self) -> bool:
        return self.pattern.endswith("/")

    def matches(self, path: str) -> bool:
        if self.is_folder:
            return path.startswith(self.pattern)
        return path == self.pattern


# In CODEOWNERS order. Templates and filters live in `tooling/` (package data); the root-level
# `templates/`, `filters/` and `overrides/` folders are listed too so that a theme override or a
# pandoc filter added at the root later is owned from day one.
CONFIG_PATHS: tuple[ConfigPath, ...] = (
    ConfigPath("mkdocs.yml", "the site's configuration"),
    ConfigPath("pyproject.toml", "the tool's dependencies and settings"),
    ConfigPath(".pre-commit-config.yaml", "the pre-commit hooks"),
    ConfigPath(".pre-commit-hooks.yaml", "the hooks offered to other repositories"),
    ConfigPath(".mailmap", "how git identities map to credited people"),
    ConfigPath(".ci/", "the CI set-up"),
    ConfigPath(".github/", "the GitHub workflows, templates and code owners"),
    ConfigPath("tooling/", "the Cahiers tool, its templates and filters"),
    ConfigPath("policy/", "the sponsor-free review policy"),
    ConfigPath("templates/", "the page and book templates"),
    ConfigPath("filters/", "the pandoc filters"),
    ConfigPath("overrides/", "the site theme overrides"),
)


def config_path_of(path: str) -> ConfigPath | None:
    """The config-as-code entry a repo-relative POSIX path falls under, if any."""
    normalised = path.removeprefix("./")
    for entry in CONFIG_PATHS:
        if entry.matches(normalised):
            return entry
    return None


def config_change_notices(changed_paths: Iterable[str]) -> list[Finding]:
    """One notice per changed config-as-code file, in path order, for the reviewers."""
    notices: list[Finding] = []
    for path in sorted(set(changed_paths)):
        entry = config_path_of(path)
        if entry is None:
            continue
        notices.append(
            notice(
                Location(path),
                RULE_ID,
                f"this pull request changes `{path}`, configuration as code ({entry.what}): "
                "it changes how every Cahier is checked or built",
                "an editor of the papers must review this change (see .github/CODEOWNERS)",
            )
        )
    return notices
