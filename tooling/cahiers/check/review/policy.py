"""The review policy as typed data: vendors, phrases, link rules, severities and thresholds.

The policy lives in the repository (`policy/*.yml`), so editors change it by pull request;
`policy_load` validates those files. Without a `policy/` folder, the rules still run on the
organisations registry, with the thresholds below and no shipped phrases.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cahiers.findings import Location, Severity

VENDOR_CATEGORIES = ("cloud", "software", "security", "telecom", "consulting", "hardware")

#: Phrase lists of `policy/phrases.yml`: (section, list) -> (category, inflected?).
#: Categories found in one pass over the text ("main"), or looked up around a hit ("cue").
PHRASE_LISTS: Mapping[tuple[str, str], tuple[str, bool, bool]] = {
    ("promotional", "phrases"): ("promotional", True, True),
    ("promotional", "commercial_voice"): ("commercial_voice", True, True),
    ("recommendation", "markers"): ("recommendation_marker", True, True),
    ("recommendation", "selection"): ("selection", True, True),
    ("recommendation", "imperatives"): ("imperative", True, True),
    ("recommendation", "sentence_start_imperatives"): ("imperative_start", True, True),
    ("recommendation", "verdicts"): ("verdict", True, True),
    ("sponsor", "markers"): ("sponsor_marker", True, True),
    ("sponsor", "markers_with_sponsor"): ("sponsor_marker_with_sponsor", True, True),
    ("calls_to_action", "phrases"): ("cta", True, True),
    ("calls_to_action", "offers"): ("offer", True, True),
    ("cues", "negation"): ("negation", False, False),
    ("cues", "preference"): ("preference", False, True),
    ("cues", "critical"): ("critical", False, True),
    ("cues", "reported_speech"): ("reported", False, True),
    ("cues", "it_context"): ("it_context", False, True),
    ("cues", "quote_request"): ("quote_request", True, True),
}


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    location: Location


@dataclass(frozen=True, slots=True)
class VendorSpec:
    id: str
    name: str
    category: str
    location: Location
    aliases: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    common_words: tuple[str, ...] = ()  # names that are also ordinary words
    context: tuple[str, ...] = ()  # words that confirm a common-word name
    exclude: tuple[str, ...] = ()  # phrases in which a common-word name is not the vendor

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.products)


@dataclass(frozen=True, slots=True)
class Thresholds:
    organisation_share: float = 0.40  # of a paper's words, per organisation
    organisation_share_min_words: int = 3000  # below that, shares mean little
    dominance_share: float = 0.60  # of the vendor mentions of a text
    dominance_min_mentions: int = 5
    recommendation_window: int = 8  # words between a recommendation and a supplier
    sponsor_window: int = 6  # words between "avec le soutien de" and a sponsor
    negation_window: int = 4  # words before a marker where a negation cancels it


@dataclass(frozen=True, slots=True)
class LinkPolicy:
    tracking_parameters: frozenset[str] = frozenset()
    tracking_prefixes: tuple[str, ...] = ()
    shorteners: frozenset[str] = frozenset()
    affiliate_hosts: frozenset[str] = frozenset()
    commercial_paths: frozenset[str] = frozenset()
    logo_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Policy:
    vendors: tuple[VendorSpec, ...] = ()
    phrases: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)  # by category
    links: LinkPolicy = field(default_factory=LinkPolicy)
    severities: Mapping[str, Severity | None] = field(default_factory=dict)  # None: off
    thresholds: Thresholds = field(default_factory=Thresholds)
    files: tuple[str, ...] = ()  # the policy files read

    def severity(self, rule: str, default: Severity) -> Severity | None:
        return self.severities.get(rule, default)
