"""Findings of the credits stage, for `cahiers check`.

- `credits-unknown-identity` (warning): commits under an identity that maps to nobody in the
  registry and is not a bot. They are credited to no one until an editor adds the e-mail to the
  person's `emails` in `groups/people.yml`, or maps it to a registered address in `.mailmap`.
- `credits-shallow-history` (notice): the clone is shallow, so identities were checked on the
  commits present only.
- `credits-config` (error): `policy/credits.yml` is malformed (see `cahiers.credit.config`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from cahiers.credit.sanitize import escape_for_display
from cahiers.credit.types import Credits, UnknownIdentity
from cahiers.findings import Finding, Location, notice, warning
from cahiers.model import Person

RULE_UNKNOWN_IDENTITY = "credits-unknown-identity"
RULE_SHALLOW_HISTORY = "credits-shallow-history"
REGISTRY_PATH = "groups/people.yml"
_LISTED = 5


def _listing(items: Sequence[str]) -> str:
    shown = ", ".join(escape_for_display(item) for item in items[:_LISTED])
    rest = len(items) - _LISTED
    return f"{shown} and {rest} more" if rest > 0 else shown


def _namesake(identity: UnknownIdentity, people: Mapping[str, Person]) -> str | None:
    wanted = " ".join(identity.name.casefold().split())
    for person in sorted(people.values(), key=lambda p: p.id):
        if " ".join(person.name.casefold().split()) == wanted:
            return person.id
    return None


def unknown_identity_finding(
    identity: UnknownIdentity, people: Mapping[str, Person] | None = None
) -> Finding:
    """Located at the first file the identity touched; names its commits and files."""
    who = f"“{escape_for_display(identity.name)}” <{escape_for_display(identity.email)}>"
    count = len(identity.commits)
    message = (
        f"{count} commit{'s' if count > 1 else ''} by {who} match nobody in {REGISTRY_PATH}, "
        f"so nobody is credited for them (commits {_listing(identity.commits)}; "
        f"files {_listing(identity.paths)})"
    )
    namesake = _namesake(identity, people or {})
    whom = f"`{namesake}` (same name)" if namesake else "the person"
    hint = (
        f"add `{escape_for_display(identity.email)}` to the `emails` of {whom} in "
        f"{REGISTRY_PATH}, or map it to a registered address in .mailmap; "
        "if it is a bot, list it under `bots` in policy/credits.yml"
    )
    path = identity.paths[0] if identity.paths else REGISTRY_PATH
    return warning(Location(path), RULE_UNKNOWN_IDENTITY, message, hint)


def unknown_identity_findings(
    credits: Credits, people: Mapping[str, Person] | None = None
) -> list[Finding]:
    """One finding per unknown identity; `people` (the registry) lets hints name a namesake."""
    return [unknown_identity_finding(i, people) for i in credits.unknown_identities]


def shallow_history_finding() -> Finding:
    return notice(
        Location(REGISTRY_PATH),
        RULE_SHALLOW_HISTORY,
        "the clone is shallow: git identities were checked on the commits present only",
        "fetch the whole history (`fetch-depth: 0` in actions/checkout, or "
        "`git fetch --unshallow`)",
    )
