"""Load the organisations and people registries of `groups/`."""

from __future__ import annotations

from pathlib import Path

from cahiers.findings import Location, error
from cahiers.load import schemas
from cahiers.load.documents import read_yaml
from cahiers.load.schema import SLUG_RE, Field, Record, Validator
from cahiers.load.yamlsafe import Mapping, describe
from cahiers.model import Organization, Person

ORGANIZATIONS_PATH = "groups/organizations.yml"
PEOPLE_PATH = "groups/people.yml"


def load_organizations(root: Path, v: Validator) -> dict[str, Organization]:
    organizations: dict[str, Organization] = {}
    for key, record in _entries(root, ORGANIZATIONS_PATH, schemas.ORGANIZATION, "organisation", v):
        # An invalid entry still defines its id (with safe defaults): its problems are reported
        # once, here, not again wherever the id is used.
        values = record.values
        organizations[key] = Organization(
            id=key,
            name=values.get("name", key),
            kind=values.get("kind", "user"),
            location=record.location,
            short_name=values.get("short_name"),
            products=values.get("products") or (),
            domains=values.get("domains") or (),
            aliases=values.get("aliases") or (),
        )
    return organizations


def load_people(root: Path, v: Validator) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for key, record in _entries(root, PEOPLE_PATH, schemas.PERSON, "person", v):
        values = record.values
        people[key] = Person(
            id=key,
            name=values.get("name", key),
            organization=values.get("organization", ""),
            consent=values.get("consent", False),  # unknown consent: never named
            location=record.location,
            role=values.get("role"),
            github=(values.get("github") or "").lstrip("@") or None,
            emails=tuple(e.lower() for e in values.get("emails") or ()),
            spans=record.spans,
        )
    return people


def _entries(
    root: Path, relpath: str, schema: tuple[Field, ...], what: str, v: Validator
) -> list[tuple[str, Record]]:
    if not (root / relpath).is_file():
        v.findings.append(
            error(
                Location(relpath),
                "registry-missing",
                f"the {what} registry `{relpath}` is missing",
                "create it; see the README's contributor's guide",
            )
        )
        return []
    node = read_yaml(root, relpath, v)
    if node is None:
        return []
    if not isinstance(node, Mapping):
        v.findings.append(
            error(
                node.location,
                "schema-not-mapping",
                f"`{relpath}` must map ids to entries, not be {describe(node)}",
                "write `some-id:` then the indented fields of that entry",
            )
        )
        return []
    entries = []
    for key, value in node.items:
        if not SLUG_RE.match(key.value):
            v.findings.append(
                error(
                    key.location,
                    "schema-id",
                    f"`{key.value}` is not a valid {what} id",
                    "use lowercase ASCII letters, digits and `-`, e.g. `claire-martineau`",
                )
            )
            continue
        record = v.mapping(value, schema, f"{what} `{key.value}`", key.location)
        if record is None:
            record = Record({}, {}, key.location)
        record.location = key.location
        entries.append((key.value, record))
    return entries
