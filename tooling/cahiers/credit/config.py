"""The editors' settings for credits: `policy/credits.yml`, changed by pull request.

```yaml
bots:                      # never credited, besides every `[bot]` account
  - renovate*              # shell-style pattern, matched against the name and the e-mail
  - ci@assoc.example.org   # case-insensitive
```

The file is optional. Like all content it is untrusted: no YAML tags or aliases, and a malformed
file is a finding (the credits then fall back to the built-in `[bot]` rule), never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from cahiers.findings import Finding, Location, error

CONFIG_PATH = "policy/credits.yml"
RULE_CONFIG = "credits-config"
_MAX_BYTES = 64 * 1024
_KNOWN_KEYS = ("bots",)


@dataclass(frozen=True, slots=True)
class CreditsConfig:
    bots: tuple[str, ...] = ()  # shell-style patterns, lower-case


def _problem(line: int, message: str, hint: str) -> Finding:
    return error(Location(CONFIG_PATH, line, 1), RULE_CONFIG, message, hint)


def _has_alias_or_tag(text: str) -> int | None:
    """The line of the first alias, anchor or explicit tag, if any."""
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        anchor = getattr(event, "anchor", None)
        tag = getattr(event, "tag", None)  # the parser sets it only when written out
        if isinstance(event, yaml.AliasEvent) or anchor or tag is not None:
            mark = event.start_mark
            return int(mark.line) + 1 if mark is not None else 1
    return None


def load_config(root: Path) -> tuple[CreditsConfig, list[Finding]]:
    path = root / CONFIG_PATH
    if not path.exists():
        return CreditsConfig(), []
    if path.is_symlink() or not path.is_file() or path.stat().st_size > _MAX_BYTES:
        return CreditsConfig(), [
            _problem(1, "expected a regular YAML file of at most 64 KiB", "replace the file")
        ]
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        bad_line = _has_alias_or_tag(text)
        data = yaml.safe_load(text) if bad_line is None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else 1
        return CreditsConfig(), [_problem(line, f"invalid YAML: {exc}", "fix the syntax")]
    if bad_line is not None:
        return CreditsConfig(), [
            _problem(bad_line, "YAML anchors, aliases and tags are not allowed", "write values out")
        ]
    return _validate(data)


def _validate(data: object) -> tuple[CreditsConfig, list[Finding]]:
    if data is None:
        return CreditsConfig(), []
    if not isinstance(data, dict):
        return CreditsConfig(), [_problem(1, "expected a mapping with a `bots` list", "bots: []")]
    findings = [
        _problem(1, f"unknown key `{key}` (known: {', '.join(_KNOWN_KEYS)})", "remove the key")
        for key in data
        if key not in _KNOWN_KEYS
    ]
    bots = data.get("bots") or []
    if not isinstance(bots, list) or not all(isinstance(item, str) and item for item in bots):
        findings.append(
            _problem(1, "`bots` must be a list of names, e-mails or patterns", "bots: [renovate*]")
        )
        return CreditsConfig(), findings
    return CreditsConfig(bots=tuple(item.strip().lower() for item in bots)), findings
