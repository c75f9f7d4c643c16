"""Declarative schemas for the YAML files, and the validator that reads them.

A schema is a tuple of `Field`s. Validation turns a `yamlsafe.Node` into plain Python values,
plus the location of every value (for precise reference checks later), plus findings. It never
raises and never stops at the first problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from cahiers.findings import Finding, Location, error
from cahiers.load.yamlsafe import Mapping, Node, Scalar, Sequence, describe

Kind = Literal["text", "line", "id", "date", "bool", "choice", "ids", "lines", "records"]

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: Kind
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()
    record: tuple[Field, ...] = ()  # the schema of each item, for kind "records"
    max_length: int = 2000


@dataclass(slots=True)
class Record:
    """Validated values of one mapping, with where each was written."""

    values: dict[str, Any]
    spans: dict[str, Location]
    location: Location


@dataclass(slots=True)
class Validator:
    findings: list[Finding] = field(default_factory=list)

    def report(self, location: Location, rule: str, message: str, hint: str | None = None) -> None:
        self.findings.append(error(location, rule, message, hint))

    def mapping(
        self, node: Node | None, schema: tuple[Field, ...], what: str, location: Location
    ) -> Record | None:
        """Validate a mapping against `schema`. `what` names it in messages ("front matter")."""
        if node is None:
            self.report(location, "schema-empty", f"{what} is empty", _example_hint(schema))
            return None
        if not isinstance(node, Mapping):
            self.report(
                node.location,
                "schema-not-mapping",
                f"{what} must be a mapping of `key: value` lines, not {describe(node)}",
                _example_hint(schema),
            )
            return None
        known = {f.name: f for f in schema}
        record = Record({}, {}, node.location)
        for key, value in node.items:
            spec = known.get(key.value)
            if spec is None:
                self._unknown_key(key, known, what)
                continue
            record.spans[spec.name] = value.location
            converted = self.value(value, spec, record.spans)
            if converted is not None:
                record.values[spec.name] = converted
        for spec in schema:
            # A present but invalid value was reported where it stands; only report absence.
            if spec.required and spec.name not in record.spans:
                self.report(
                    node.location,
                    "schema-missing-key",
                    f"{what} lacks the required key `{spec.name}`" + _doc(spec),
                    f"add `{spec.name}: …`",
                )
        return record

    def _unknown_key(self, key: Scalar, known: dict[str, Field], what: str) -> None:
        close = difflib.get_close_matches(key.value, list(known), n=1, cutoff=0.6)
        hint = (
            f"did you mean `{close[0]}`?"
            if close
            else "known keys: " + ", ".join(f"`{k}`" for k in known)
        )
        self.report(
            key.location, "schema-unknown-key", f"unknown key `{key.value}` in {what}", hint
        )

    def value(self, node: Node, spec: Field, spans: dict[str, Location]) -> Any:
        kind = spec.kind
        if kind in ("ids", "lines"):
            return self._list(node, spec, spans)
        if kind == "records":
            return self._records(node, spec)
        if not isinstance(node, Scalar) or node.is_null:
            if node is not None and isinstance(node, Scalar) and not spec.required:
                return None
            self.report(
                node.location,
                "schema-type",
                f"`{spec.name}` must be {_expected(spec)}, not {describe(node)}",
                _fix(spec),
            )
            return None
        return self.scalar(node, spec)

    def scalar(self, node: Scalar, spec: Field) -> Any:
        text = node.value
        if spec.kind in ("text", "line"):
            text = text.strip() if spec.kind == "line" else text
            if spec.kind == "line" and "\n" in text:
                self.report(node.location, "schema-type", f"`{spec.name}` must fit on one line")
                return None
            if len(text) > spec.max_length:
                self.report(
                    node.location,
                    "schema-too-long",
                    f"`{spec.name}` is {len(text)} characters; at most {spec.max_length} allowed",
                )
                return None
            if not text.strip():
                if spec.required:
                    self.report(node.location, "schema-type", f"`{spec.name}` must not be empty")
                return None
            return text
        if spec.kind == "id":
            if not SLUG_RE.match(text):
                self.report(
                    node.location,
                    "schema-id",
                    f"`{text}` is not a valid id for `{spec.name}`",
                    "use lowercase ASCII letters, digits and `-`, e.g. `claire-martineau`",
                )
                return None
            return text
        if spec.kind == "date":
            return self._date(node, spec)
        if spec.kind == "bool":
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            self.report(
                node.location,
                "schema-type",
                f"`{spec.name}` must be `true` or `false`, not `{text}`",
            )
            return None
        if spec.kind == "choice":
            if text in spec.choices:
                return text
            close = difflib.get_close_matches(text, spec.choices, n=1, cutoff=0.5)
            self.report(
                node.location,
                "schema-choice",
                f"`{spec.name}` must be one of {', '.join(spec.choices)}; got `{text}`",
                f"did you mean `{close[0]}`?" if close else None,
            )
            return None
        raise AssertionError(spec.kind)  # pragma: no cover - the schemas are ours

    def _date(self, node: Scalar, spec: Field) -> dt.date | None:
        text = node.value.strip()
        if _DATE_RE.match(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError as exc:
                reason = str(exc)
        else:
            reason = "expected the form YYYY-MM-DD"
        self.report(
            node.location,
            "schema-date",
            f"`{spec.name}`: `{text}` is not a valid date ({reason})",
            "write it as YYYY-MM-DD, e.g. 2026-03-31",
        )
        return None

    def _list(self, node: Node, spec: Field, spans: dict[str, Location]) -> tuple[str, ...] | None:
        if not isinstance(node, Sequence):
            if isinstance(node, Scalar) and node.is_null and not spec.required:
                return ()
            self.report(
                node.location,
                "schema-type",
                f"`{spec.name}` must be a list, not {describe(node)}",
                f"write `{spec.name}: [first, second]`",
            )
            return None
        items: list[str] = []
        item_spec = Field(spec.name, "id" if spec.kind == "ids" else "line")
        for item in node.items:
            if not isinstance(item, Scalar) or item.is_null:
                self.report(
                    item.location,
                    "schema-type",
                    f"each item of `{spec.name}` must be {_expected(item_spec)}, "
                    f"not {describe(item)}",
                )
                continue
            value = self.scalar(item, item_spec)
            if value is not None:
                spans[f"{spec.name}[{len(items)}]"] = item.location
                items.append(value)
        return tuple(items)

    def _records(self, node: Node, spec: Field) -> tuple[Record, ...] | None:
        if isinstance(node, Scalar) and node.is_null and not spec.required:
            return ()
        if not isinstance(node, Sequence):
            self.report(
                node.location,
                "schema-type",
                f"`{spec.name}` must be a list of entries (`- key: value`), not {describe(node)}",
                _example_hint(spec.record, prefix=f"{spec.name}:\n  - "),
            )
            return None
        records = []
        for item in node.items:
            record = self.mapping(item, spec.record, f"an entry of `{spec.name}`", item.location)
            if record is not None and all(
                f.name in record.values for f in spec.record if f.required
            ):
                records.append(record)
        return tuple(records)


def _expected(spec: Field) -> str:
    return {
        "text": "text",
        "line": "a line of text",
        "id": "an id (e.g. `claire-martineau`)",
        "date": "a date (YYYY-MM-DD)",
        "bool": "`true` or `false`",
        "choice": "one of " + ", ".join(spec.choices),
        "ids": "a list of ids",
        "lines": "a list of texts",
        "records": "a list of entries",
    }[spec.kind]


def _fix(spec: Field) -> str | None:
    return f"write `{spec.name}: …` with {_expected(spec)}"


def _doc(spec: Field) -> str:
    return f" ({spec.doc})" if spec.doc else ""


def _example_hint(schema: tuple[Field, ...], prefix: str = "") -> str:
    required = [f.name for f in schema if f.required]
    return prefix + "expected keys: " + ", ".join(f"`{name}`" for name in required)
