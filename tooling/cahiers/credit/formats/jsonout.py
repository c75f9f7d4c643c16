"""The JSON contract of `cahiers credits --format json` (CI and editors' scripts rely on it).

```
{"people": [{"id", "name", "organization", "roles", "contributions", "commits"}],
 "unknown_identities": [{"name", "email", "commits", "paths"}],
 "shallow": bool}
```
A person who declined to be named has `name` and `organization` null, and an `id` of the form
`anonymous-N` (a registry id is usually the person's name).
"""

from __future__ import annotations

import json

from cahiers.credit.types import CreditedPerson, Credits


def public_ids(credits: Credits) -> dict[str, str]:
    """Registry id → the id to publish: unchanged, or `anonymous-N` for people who declined."""
    ids: dict[str, str] = {}
    anonymous = 0
    for person in credits.people:
        if person.name is None:
            anonymous += 1
            ids[person.id] = f"anonymous-{anonymous}"
        else:
            ids[person.id] = person.id
    return ids


def person_json(person: CreditedPerson, public_id: str) -> dict[str, object]:
    return {
        "id": public_id,
        "name": person.name,
        "organization": person.organization,
        "roles": list(person.roles),
        "contributions": list(person.contributions),
        "commits": person.commits,
    }


def credits_json(credits: Credits) -> dict[str, object]:
    ids = public_ids(credits)
    return {
        "people": [person_json(person, ids[person.id]) for person in credits.people],
        "unknown_identities": [
            {
                "name": identity.name,
                "email": identity.email,
                "commits": list(identity.commits),
                "paths": list(identity.paths),
            }
            for identity in credits.unknown_identities
        ],
        "shallow": credits.shallow,
    }


def format_json(credits: Credits) -> str:
    return json.dumps(credits_json(credits), ensure_ascii=False, indent=2) + "\n"
