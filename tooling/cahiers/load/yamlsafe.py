"""A YAML reader for untrusted input: positions on every node, and no surprises.

PyYAML's `safe_load` is not enough for files that arrive by pull request: it maps `NO` to False
and `0755` to 493, keeps the last of two duplicate keys, raises `ValueError` on an invalid date,
and expands aliases (an alias bomb explodes whatever walks the result). So we read the event
stream of the (C, when available) parser and build our own tree:

- every scalar stays a *string*, with its line and column; the schema decides what it means;
- tags, anchors and aliases are findings;
- duplicate keys are findings;
- several documents in one file are a finding.

The builder is iterative, so deep nesting cannot exhaust the Python stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

import yaml

from cahiers.findings import Finding, Location, error

try:  # the C parser is about 4x faster; fall back to the pure-Python one where libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Scalar:
    value: str
    location: Location
    plain: bool  # unquoted: `null`, `~` and empty mean "no value"

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True, slots=True)
class Sequence:
    items: tuple[Node, ...]
    location: Location


@dataclass(frozen=True, slots=True)
class Mapping:
    items: tuple[tuple[Scalar, Node], ...]
    location: Location

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.value == key:
                return v
        return None


Node = Union[Scalar, Sequence, Mapping]  # noqa: UP007 - a runtime alias used before 3.12


def describe(node: Node) -> str:
    """How a node reads in a message: "a list", "a mapping", "the text `NO`"."""
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a mapping"
    if node.is_null:
        return "nothing"
    return f"the text `{node.value}`"


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[Node | None, list[Finding]]:
    """Parse one YAML document. `first_line` is the file line where `text` starts."""
    builder = _TreeBuilder(path, first_line - 1)
    try:
        loader = _Loader(text)  # `yaml.parse`, without a generator between us and the parser
        try:
            while loader.check_event():
                event = loader.get_event()
                if event is not None:  # check_event said there is one
                    builder.feed(event)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        loc = builder.location(mark)
        builder.findings.append(
            error(
                loc,
                "yaml-syntax",
                f"invalid YAML: {problem}",
                "check indentation, and quote values that contain `: ` or start with a symbol",
            )
        )
        return None, builder.findings
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no problem_mark
        builder.findings.append(
            error(Location(path, first_line, 1), "yaml-syntax", f"invalid YAML: {exc}")
        )
        return None, builder.findings
    return builder.root, builder.findings


class _TreeBuilder:
    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.line_offset = line_offset
        self.findings: list[Finding] = []
        self.root: Node | None = None
        self.documents = 0
        # Each open collection: (kind, location, children); mappings alternate key, value.
        self.stack: list[tuple[str, Location, list[Node]]] = []

    def location(self, mark: Any) -> Location:  # yaml.error.Mark or yaml._yaml.Mark
        if mark is None:  # libyaml always sets marks; be safe with other parsers
            return Location(self.path, self.line_offset + 1, 1)
        return Location(self.path, mark.line + 1 + self.line_offset, mark.column + 1)

    def feed(self, event: yaml.Event) -> None:
        # The two commonest events first, with nothing computed that they do not use.
        if isinstance(event, yaml.ScalarEvent) and event.anchor is None and event.tag is None:
            self._add(
                Scalar(event.value, self.location(event.start_mark), event.style in (None, ""))
            )
            return
        if isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            kind, start, children = self.stack.pop()
            self._add(self._close(kind, start, children))
            return
        loc = self.location(event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents == 2:
                self.findings.append(
                    error(
                        loc,
                        "yaml-multiple-documents",
                        "a second YAML document starts here; only one is read",
                        "remove the `---` line, or end the front matter before it",
                    )
                )
            return
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            self.findings.append(
                error(
                    loc,
                    "yaml-alias",
                    f"YAML alias `*{anchor}` is not allowed",
                    "write the value out in full",
                )
            )
            self._add(Scalar("", loc, plain=True))
            return
        if anchor is not None:
            self.findings.append(
                error(
                    loc,
                    "yaml-anchor",
                    f"YAML anchor `&{anchor}` is not allowed",
                    "remove the anchor and write values out in full",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            self.findings.append(
                error(
                    loc,
                    "yaml-tag",
                    f"YAML tag `{tag}` is not allowed",
                    "remove the tag; quote the value if it must stay text",
                )
            )
        if isinstance(event, yaml.ScalarEvent):
            self._add(Scalar(event.value, loc, plain=event.style in (None, "")))
        elif isinstance(event, yaml.SequenceStartEvent):
            self.stack.append(("seq", loc, []))
        elif isinstance(event, yaml.MappingStartEvent):
            self.stack.append(("map", loc, []))
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            kind, start, children = self.stack.pop()
            self._add(self._close(kind, start, children))

    def _close(self, kind: str, start: Location, children: list[Node]) -> Node:
        if kind == "seq":
            return Sequence(tuple(children), start)
        items: list[tuple[Scalar, Node]] = []
        seen: dict[str, Location] = {}
        for key, value in zip(children[::2], children[1::2], strict=True):
            if not isinstance(key, Scalar):
                self.findings.append(
                    error(key.location, "yaml-complex-key", "a key must be plain text")
                )
                continue
            if key.value in seen:
                first = seen[key.value]
                self.findings.append(
                    error(
                        key.location,
                        "yaml-duplicate-key",
                        f"duplicate key `{key.value}` (first defined on line {first.line})",
                        "keep one of the two; YAML would silently drop the first",
                    )
                )
                continue
            seen[key.value] = key.location
            items.append((key, value))
        return Mapping(tuple(items), start)

    def _add(self, node: Node) -> None:
        if self.stack:
            self.stack[-1][2].append(node)
        elif self.root is None:
            self.root = node
