"""Validate the policy files (`policy/*.yml`) into a `Policy`, reporting every problem at once.

The YAML itself is read by the pipeline with the loader's safe reader (every scalar a string,
with its position) and handed over as plain data plus the position of each value, so this stage
never imports another one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from cahiers.check.review.catalogue import document
from cahiers.check.review.patterns import PhraseError, atoms, expand
from cahiers.check.review.policy import (
    PHRASE_LISTS,
    VENDOR_CATEGORIES,
    LinkPolicy,
    Phrase,
    Policy,
    Thresholds,
    VendorSpec,
)
from cahiers.findings import Finding, Location, Severity, error

POLICY_FILES = ("vendors.yml", "phrases.yml", "links.yml", "rules.yml")
RULE = "policy-invalid"
_VENDOR_KEYS = (
    "name",
    "category",
    "aliases",
    "products",
    "domains",
    "common_words",
    "context",
    "exclude",
)
_LINK_KEYS = (
    "tracking_parameters",
    "tracking_prefixes",
    "shorteners",
    "affiliate_hosts",
    "commercial_paths",
    "logo_words",
)
document(
    "policy-invalid",
    Severity.ERROR,
    """A policy file (`policy/*.yml`) cannot be used as written.

    The message names the file, the line and what was expected: an unknown key, a vendor
    without a name or category, a phrase the grammar cannot compile, an unknown rule id in
    `rules.yml`, a threshold out of range.
    """,
)

_SEVERITIES = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "notice": Severity.NOTICE,
    "off": None,
}


@dataclass(frozen=True, slots=True)
class PolicyFile:
    """A YAML file as plain data (dicts, lists, strings, None) and where each value was written.

    `spans` maps a path of keys and indexes, e.g. `("aws", "aliases", 1)`, to a location.
    """

    path: str
    data: Any
    spans: Mapping[tuple[Any, ...], Location] = field(default_factory=dict)

    def at(self, *path: Any) -> Location:
        while path and path not in self.spans:
            path = path[:-1]
        return self.spans.get(path, Location(self.path))


class _Reader:
    def __init__(self, known_rules: Mapping[str, Severity]) -> None:
        self.findings: list[Finding] = []
        self.known_rules = known_rules

    def problem(self, where: Location, message: str, hint: str | None = None) -> None:
        self.findings.append(error(where, RULE, message, hint))

    def mapping(self, file: PolicyFile, value: Any, path: tuple[Any, ...]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(file.at(*path), f"expected a mapping of `key: value` in {file.path}")
            return {}
        return value

    def strings(self, file: PolicyFile, value: Any, path: tuple[Any, ...]) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, dict):  # {fr: [...], en: [...]}: languages are for readers only
            return tuple(
                s for lang, items in value.items() for s in self.strings(file, items, (*path, lang))
            )
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(file.at(*path), "expected a list of texts (or `fr:`/`en:` lists)")
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def unknown_keys(
        self, file: PolicyFile, data: dict[str, Any], known: tuple[str, ...], path: tuple[Any, ...]
    ) -> None:
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                self.problem(
                    file.at(*path, key),
                    f"unknown key `{key}` in {file.path}",
                    f"did you mean `{close[0]}`?" if close else "known: " + ", ".join(known),
                )


def build_policy(
    files: Mapping[str, PolicyFile | None], known_rules: Mapping[str, Severity]
) -> tuple[Policy, list[Finding]]:
    """`files` maps each of `POLICY_FILES` to its content (None: the file is absent)."""
    reader = _Reader(known_rules)
    vendors = _vendors(reader, files.get("vendors.yml"))
    phrases = _phrases(reader, files.get("phrases.yml"))
    links = _links(reader, files.get("links.yml"))
    severities, thresholds = _rules(reader, files.get("rules.yml"))
    policy = Policy(
        vendors=vendors,
        phrases=phrases,
        links=links,
        severities=severities,
        thresholds=thresholds,
        files=tuple(f.path for f in files.values() if f is not None),
    )
    return policy, reader.findings


def _vendors(reader: _Reader, file: PolicyFile | None) -> tuple[VendorSpec, ...]:
    if file is None:
        return ()
    result = []
    for vendor_id, value in reader.mapping(file, file.data, ()).items():
        data = reader.mapping(file, value, (vendor_id,))
        reader.unknown_keys(file, data, _VENDOR_KEYS, (vendor_id,))
        name = data.get("name")
        category = data.get("category")
        where = file.at(vendor_id)
        if not isinstance(name, str) or not name.strip():
            reader.problem(where, f"vendor `{vendor_id}` needs a `name`")
            continue
        if category not in VENDOR_CATEGORIES:
            reader.problem(
                file.at(vendor_id, "category"),
                f"vendor `{vendor_id}`: `category` must be one of {', '.join(VENDOR_CATEGORIES)}",
            )
            continue
        lists = {
            key: reader.strings(file, data.get(key), (vendor_id, key)) for key in _VENDOR_KEYS[2:]
        }
        spec = VendorSpec(vendor_id, name.strip(), category, where, **lists)
        names = {n.casefold() for n in spec.names}
        for index, word in enumerate(spec.common_words):
            if word.casefold() not in names:
                reader.problem(
                    file.at(vendor_id, "common_words", index),
                    f"`{word}` is not a name, alias or product of vendor `{vendor_id}`",
                    "list here only names that also appear in `name`, `aliases` or `products`",
                )
        for index, term in enumerate(spec.names):
            _check_phrase(reader, term, file.at(vendor_id), inflect=False, index=index)
        result.append(spec)
    return tuple(result)


def _phrases(reader: _Reader, file: PolicyFile | None) -> dict[str, tuple[Phrase, ...]]:
    if file is None:
        return {}
    phrases: dict[str, list[Phrase]] = {}
    sections = reader.mapping(file, file.data, ())
    known_sections = tuple(dict.fromkeys(section for section, _ in PHRASE_LISTS))
    reader.unknown_keys(file, sections, known_sections, ())
    for section in known_sections:
        lists = reader.mapping(file, sections.get(section), (section,))
        known_lists = tuple(name for s, name in PHRASE_LISTS if s == section)
        reader.unknown_keys(file, lists, known_lists, (section,))
        for name in known_lists:
            category, _main, inflect = PHRASE_LISTS[(section, name)]
            for text, where in _located(file, lists.get(name), (section, name)):
                if _check_phrase(reader, text, where, inflect=inflect):
                    phrases.setdefault(category, []).append(Phrase(text, where))
    return {category: tuple(items) for category, items in phrases.items()}


def _located(file: PolicyFile, value: Any, path: tuple[Any, ...]) -> Iterator[tuple[str, Location]]:
    if isinstance(value, dict):
        for lang, items in value.items():
            yield from _located(file, items, (*path, lang))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                yield item.strip(), file.at(*path, index)


def _check_phrase(
    reader: _Reader, text: str, where: Location, *, inflect: bool, index: int | None = None
) -> bool:
    try:
        for plain in expand(text):
            atoms(plain, inflect=inflect)
    except PhraseError as exc:
        reader.problem(where, f"cannot use phrase: {exc}", "see the phrase grammar in README.md")
        return False
    return True


def _links(reader: _Reader, file: PolicyFile | None) -> LinkPolicy:
    if file is None:
        return LinkPolicy()
    data = reader.mapping(file, file.data, ())
    reader.unknown_keys(file, data, _LINK_KEYS, ())
    lists = {key: reader.strings(file, data.get(key), (key,)) for key in _LINK_KEYS}
    lower = {key: [v.casefold() for v in values] for key, values in lists.items()}
    return LinkPolicy(
        tracking_parameters=frozenset(lower["tracking_parameters"]),
        tracking_prefixes=tuple(lower["tracking_prefixes"]),
        shorteners=frozenset(lower["shorteners"]),
        affiliate_hosts=frozenset(lower["affiliate_hosts"]),
        commercial_paths=frozenset(lower["commercial_paths"]),
        logo_words=frozenset(lower["logo_words"]),
    )


_THRESHOLDS = {
    "organisation_share": (float, 0.0, 1.0),
    "organisation_share_min_words": (int, 0, 10**9),
    "dominance_share": (float, 0.0, 1.0),
    "dominance_min_mentions": (int, 1, 10**6),
    "recommendation_window": (int, 1, 50),
    "sponsor_window": (int, 1, 50),
    "negation_window": (int, 0, 20),
}


def _rules(
    reader: _Reader, file: PolicyFile | None
) -> tuple[dict[str, Severity | None], Thresholds]:
    if file is None:
        return {}, Thresholds()
    data = reader.mapping(file, file.data, ())
    reader.unknown_keys(file, data, ("severities", "thresholds"), ())
    severities: dict[str, Severity | None] = {}
    for rule, level in reader.mapping(file, data.get("severities"), ("severities",)).items():
        where = file.at("severities", rule)
        if rule not in reader.known_rules:
            close = difflib.get_close_matches(rule, list(reader.known_rules), n=1, cutoff=0.6)
            reader.problem(
                where, f"unknown rule `{rule}`", f"did you mean `{close[0]}`?" if close else None
            )
        elif level not in _SEVERITIES:
            reader.problem(where, f"severity of `{rule}` must be error, warning, notice or off")
        else:
            severities[rule] = _SEVERITIES[level]
    values: dict[str, Any] = {}
    thresholds = reader.mapping(file, data.get("thresholds"), ("thresholds",))
    reader.unknown_keys(file, thresholds, tuple(_THRESHOLDS), ("thresholds",))
    for key, (kind, low, high) in _THRESHOLDS.items():
        if key not in thresholds:
            continue
        raw = thresholds[key]
        where = file.at("thresholds", key)
        try:
            number = kind(str(raw).rstrip("%")) / (100 if str(raw).endswith("%") else 1)
        except ValueError:
            reader.problem(where, f"`{key}` must be a number, not `{raw}`")
            continue
        if not low <= number <= high:
            reader.problem(where, f"`{key}` must be between {low} and {high}")
            continue
        values[key] = kind(number)
    return severities, Thresholds(**values)
