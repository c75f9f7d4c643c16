"""The vendor lexicon: the policy's vendors merged with the organisations registry, compiled once.

A registry organisation of kind `vendor` is a vendor; when its name or an alias is also a policy
vendor's name, the two are one vendor (keyed by the registry id, so that declared interests,
which name registry ids, line up). Every name, alias and product becomes a term of the one
matcher (`CompiledPolicy.main`), together with the policy's phrases.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cahiers.check.review.normalize import fold_key
from cahiers.check.review.patterns import Term, TermMatcher, match_key
from cahiers.check.review.policy import PHRASE_LISTS, Policy, VendorSpec
from cahiers.model import Organization


@dataclass(frozen=True, slots=True)
class Vendor:
    key: str  # registry organisation id when known, else the policy id
    name: str
    organization: str | None  # registry id
    names: tuple[str, ...]
    domains: tuple[str, ...]
    common: frozenset[str]  # match keys of names that are also ordinary words
    context_words: tuple[str, ...]  # words confirming a common-word name
    exclude_phrases: tuple[str, ...]  # phrases where a common-word name is not this vendor

    @property
    def context(self) -> re.Pattern[str] | None:
        return _terms_pattern(self.context_words)

    @property
    def exclude(self) -> re.Pattern[str] | None:
        return _terms_pattern(self.exclude_phrases, inflect=False)


@dataclass(frozen=True, slots=True)
class NameRef:
    vendor: str
    common: bool


@functools.lru_cache(maxsize=512)
def _terms_pattern(words: tuple[str, ...], inflect: bool = True) -> re.Pattern[str] | None:
    """Compiled on first use only: most vendors' context words are never needed."""
    words = tuple(w for w in words if w.strip())
    if not words:
        return None
    return TermMatcher(Term(w, "x", inflect=inflect) for w in words).pattern


def _merge(policy: Policy, organizations: Mapping[str, Organization]) -> list[Vendor]:
    specs: dict[str, VendorSpec] = {}
    by_name: dict[str, str] = {}
    for spec in policy.vendors:
        specs[spec.id] = spec
        for name in (spec.name, *spec.aliases):
            by_name.setdefault(fold_key(name), spec.id)
    vendors: list[Vendor] = []
    used: set[str] = set()
    for org in organizations.values():
        if org.kind != "vendor":
            continue
        own = [org.name, *(n for n in (org.short_name,) if n), *org.aliases]
        linked = next((by_name[k] for k in map(fold_key, own) if k in by_name), None)
        match = specs.get(linked) if linked else None
        if match is not None:
            used.add(match.id)
        vendors.append(_vendor(org.id, org.name, org.id, [*own, *org.products], org.domains, match))
    for spec in policy.vendors:
        if spec.id not in used:
            vendors.append(_vendor(spec.id, spec.name, None, [], (), spec))
    return vendors


def _vendor(
    key: str,
    name: str,
    organization: str | None,
    names: list[str],
    domains: Iterable[str],
    spec: VendorSpec | None,
) -> Vendor:
    common: set[str] = set()
    context: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    if spec is not None:
        names = [*names, *spec.names]
        domains = [*domains, *spec.domains]
        common = {match_key(fold_key(w)) for w in spec.common_words}
        context, exclude = spec.context, spec.exclude
    unique = tuple(dict.fromkeys(n.strip() for n in names if n.strip()))
    return Vendor(
        key=key,
        name=name,
        organization=organization,
        names=unique,
        domains=tuple(dict.fromkeys(d.casefold().strip(".") for d in domains)),
        common=frozenset(common),
        context_words=tuple(context),
        exclude_phrases=tuple(exclude),
    )


class CompiledPolicy:
    """The policy and the registry, compiled once for a whole run."""

    def __init__(self, policy: Policy, organizations: Mapping[str, Organization]) -> None:
        self.policy = policy
        self.vendors = {v.key: v for v in _merge(policy, organizations)}
        self.names: dict[str, list[NameRef]] = {}
        terms: list[Term] = []
        for vendor in self.vendors.values():
            for name in vendor.names:
                key = match_key(fold_key(name))
                refs = self.names.setdefault(key, [])
                if all(r.vendor != vendor.key for r in refs):
                    refs.append(NameRef(vendor.key, key in vendor.common))
                terms.append(Term(name, "vendor"))
        main_categories = {cat: inflect for cat, main, inflect in PHRASE_LISTS.values() if main}
        cue_categories = {cat: inflect for cat, main, inflect in PHRASE_LISTS.values() if not main}
        for category, phrases in policy.phrases.items():
            target = main_categories if category in main_categories else cue_categories
            inflect = target[category]
            terms.extend(Term(p.text, category, inflect) for p in phrases)
        self.main = TermMatcher(t for t in terms if t.category not in cue_categories)
        self.cues = TermMatcher(t for t in terms if t.category in cue_categories)
        self.domains: dict[str, str] = {}
        for vendor in self.vendors.values():
            for domain in vendor.domains:
                self.domains.setdefault(domain, vendor.key)

    def vendor_of_host(self, host: str) -> Vendor | None:
        """The vendor owning `host` (`www.nuagis.example.com` → Nuagis), if any."""
        host = host.casefold().strip(".")
        while host:
            key = self.domains.get(host)
            if key is not None:
                return self.vendors[key]
            host = host.partition(".")[2]
        return None
