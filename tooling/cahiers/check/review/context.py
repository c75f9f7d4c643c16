"""What a rule sees: the scanned text (or the paper), the compiled policy and the registries."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from cahiers.check.review.catalogue import RULES
from cahiers.check.review.lexicon import CompiledPolicy
from cahiers.check.review.scan import Hit, TextScan
from cahiers.findings import Excerpt, Finding, Location
from cahiers.model import Contribution, Organization, Paper, Person


@dataclass(slots=True)
class TextContext:
    scan: TextScan
    compiled: CompiledPolicy
    contribution: Contribution | None  # None for a preamble, or a draft without front matter
    people: Mapping[str, Person]
    organizations: Mapping[str, Organization]

    def finding(
        self, rule_id: str, start: int, end: int, message: str, hint: str | None = None
    ) -> Iterator[Finding]:
        """A finding on a span of the folded text (nothing when the rule is turned off)."""
        location, excerpt = self.scan.locate(start, end)
        yield from self.finding_at(rule_id, location, message, hint, excerpt)

    def finding_at(
        self,
        rule_id: str,
        location: Location,
        message: str,
        hint: str | None = None,
        excerpt: Excerpt | None = None,
    ) -> Iterator[Finding]:
        severity = self.compiled.policy.severity(rule_id, RULES[rule_id].severity)
        if severity is not None:
            yield Finding(location, rule_id, severity, message, hint, excerpt)

    def hits(self, category: str) -> Iterator[Hit]:
        return (h for h in self.scan.hits if category in h.categories)

    def vendor_name(self, key: str) -> str:
        return self.compiled.vendors[key].name


@dataclass(slots=True)
class PaperContext:
    paper: Paper
    compiled: CompiledPolicy
    contributions: tuple[Contribution, ...]  # in reading order
    words: Mapping[str, int]  # visible words per contribution path
    people: Mapping[str, Person]
    organizations: Mapping[str, Organization]

    def finding_at(
        self, rule_id: str, location: Location, message: str, hint: str | None = None
    ) -> Iterator[Finding]:
        severity = self.compiled.policy.severity(rule_id, RULES[rule_id].severity)
        if severity is not None:
            yield Finding(location, rule_id, severity, message, hint)
