"""From a git identity (unified by `.mailmap`) to a person of the registry, a bot, or nobody.

A person is found by the identities the registry declares for them:
- any of their `emails`, compared case-insensitively;
- the GitHub no-reply addresses of their `github` handle (`handle@users.noreply.github.com` and
  `12345+handle@users.noreply.github.com`), which commits made on github.com carry.

Bots are never credited: every `[bot]` account (GitHub Apps such as dependabot), plus the patterns
of `policy/credits.yml`. A registered person is never taken for a bot.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

from cahiers.credit.gitlog import Identity
from cahiers.model import Person

_NOREPLY_DOMAIN = "@users.noreply.github.com"


class Kind(enum.Enum):
    PERSON = "person"
    BOT = "bot"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Resolution:
    kind: Kind
    person_id: str | None = None


def github_handle(email: str) -> str | None:
    """The GitHub login behind a no-reply address, lower-cased; None for any other address."""
    lowered = email.lower()
    if not lowered.endswith(_NOREPLY_DOMAIN):
        return None
    local = lowered.removesuffix(_NOREPLY_DOMAIN)
    _, _, handle = local.rpartition("+")
    return handle or None


class IdentityResolver:
    def __init__(self, people: Mapping[str, Person], bot_patterns: Iterable[str] = ()) -> None:
        self._by_email: dict[str, str] = {}
        self._by_handle: dict[str, str] = {}
        for person in sorted(people.values(), key=lambda p: p.id):  # first id wins on a clash
            for email in person.emails:
                self._by_email.setdefault(email.strip().lower(), person.id)
            if person.github:
                self._by_handle.setdefault(person.github.strip().lower(), person.id)
        self._bots = tuple(pattern.lower() for pattern in bot_patterns)
        self._cache: dict[Identity, Resolution] = {}

    def resolve(self, identity: Identity) -> Resolution:
        cached = self._cache.get(identity)
        if cached is None:
            cached = self._cache[identity] = self._resolve(identity)
        return cached

    def _resolve(self, identity: Identity) -> Resolution:
        email = identity.email.strip().lower()
        person_id = self._by_email.get(email)
        handle = github_handle(email)
        if person_id is None and handle is not None:
            person_id = self._by_handle.get(handle)
        if person_id is not None:
            return Resolution(Kind.PERSON, person_id)
        if self.is_bot(identity):
            return Resolution(Kind.BOT)
        return Resolution(Kind.UNKNOWN)

    def is_bot(self, identity: Identity) -> bool:
        name = identity.name.strip().lower()
        email = identity.email.strip().lower()
        if name.endswith("[bot]") or email.split("@", 1)[0].endswith("[bot]"):
            return True
        return any(fnmatchcase(name, p) or fnmatchcase(email, p) for p in self._bots)
