"""Rules on what the text says: vendor mentions, promotion, recommendations, sponsors, offers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from cahiers.check.review.catalogue import rule
from cahiers.check.review.context import TextContext
from cahiers.check.review.scan import Hit
from cahiers.findings import Finding, Severity


def _negated(ctx: TextContext, hit: Hit, *, after: int = 0) -> bool:
    scan = ctx.scan
    window = ctx.compiled.policy.thresholds.negation_window
    start, end = scan.word_window(hit.start, window)
    if scan.cues(start, end, "negation"):
        return True
    if after:
        start, end = scan.word_window(hit.end, after, after=True)
        return scan.cues(start, end, "negation")
    return False


def _voice(ctx: TextContext, sentence: int) -> bool:
    return any("commercial_voice" in h.categories for h in ctx.scan.in_sentence(sentence))


def _names(ctx: TextContext, keys: set[str] | list[str]) -> str:
    return ", ".join(sorted({ctx.vendor_name(k) for k in keys}))


@rule("vendor-mention", Severity.NOTICE)
def vendor_mention(ctx: TextContext) -> Iterator[Finding]:
    """A vendor or one of its products is named.

    A notice only: a factual mention, or a comparison of several vendors, is normal in a
    position paper. The notice lets reviewers see at a glance which suppliers a text names
    (from the vendor lexicon: `policy/vendors.yml` plus the organisations registry). Names that
    are also ordinary words (Orange, Oracle, Apple, Free, Amazon…) count only when capitalised
    and in a sentence about IT or suppliers.
    """
    first: dict[str, Hit] = {}
    lines: dict[str, list[int]] = {}
    for hit in ctx.scan.hits:
        for key in hit.vendors:
            first.setdefault(key, hit)
            lines.setdefault(key, []).append(ctx.scan.line_of(hit.start))
    for key, hit in first.items():
        seen = sorted(set(lines[key]))
        where = ", ".join(map(str, seen[:8])) + (", …" if len(seen) > 8 else "")
        count = len(lines[key])
        yield from ctx.finding(
            "vendor-mention",
            hit.start,
            hit.end,
            f"names the vendor {ctx.vendor_name(key)} ({count} mention"
            f"{'s' if count > 1 else ''}; line{'s' if len(seen) > 1 else ''} {where})",
        )


@rule("promotional-wording", Severity.ERROR)
def promotional_wording(ctx: TextContext) -> Iterator[Finding]:
    """Promotional wording (superlatives, marketing clichés) attached to a vendor or a product.

    Flagged when a phrase of `promotional.phrases` ("leader du marché", "solution
    révolutionnaire", "best-in-class"…) stands in the same sentence as a vendor name, or as the
    commercial voice of a supplier ("notre solution", "our platform"). Left alone: the same
    words in quotation marks or in reported speech ("se présente comme", "claims to be"), and
    in a sentence that is critical of the vendor (an outage, a fine, lock-in). Write facts
    (figures with a source) instead of praise.
    """
    scan = ctx.scan
    for hit in ctx.hits("promotional"):
        vendors = scan.vendors_in(hit.sentence)
        if not vendors and not _voice(ctx, hit.sentence):
            continue
        start, end = scan.sentence_span(hit.sentence)
        if (
            scan.quoted(hit.start, hit.end)
            or scan.cues(start, end, "reported")
            or scan.cues(start, end, "critical")
            or _negated(ctx, hit)
        ):
            continue
        about = _names(ctx, vendors) if vendors else "the supplier speaking (“our …”)"
        yield from ctx.finding(
            "promotional-wording",
            hit.start,
            hit.end,
            f"promotional wording “{scan.shown(hit)}” about {about}",
            "state verifiable facts with their source instead of praise, or quote and "
            "attribute the claim",
        )


_TRIGGERS = ("recommendation_marker", "imperative", "imperative_start", "verdict")
# Markers that take a direct object ("we recommend X"); modal ones ("il faut", "should") need a
# verb of choosing before the supplier.
_STRONG = re.compile(r"recomm|precon|consei|sugg|advis|advoc")


@rule("supplier-recommendation", Severity.ERROR)
def supplier_recommendation(ctx: TextContext) -> Iterator[Finding]:
    """A recommendation to choose a particular supplier or product.

    "Nous recommandons de choisir X", "optez pour X", "we recommend standardising on X",
    "X est le meilleur choix" are errors: the groups recommend practices, standards and public
    policies, never a supplier. Not flagged: a recommendation that names no vendor, a
    negative one ("nous ne recommandons pas…"), and a choice left open between several vendors
    ("choisir entre X et Y selon le besoin"), unless one is preferred ("X plutôt que Y").
    """
    scan = ctx.scan
    window = ctx.compiled.policy.thresholds.recommendation_window
    reported: set[int] = set()
    for trigger in (h for h in scan.hits if any(c in h.categories for c in _TRIGGERS)):
        sentence = trigger.sentence
        if sentence in reported or not scan.vendors_in(sentence):
            continue
        target = _recommended(ctx, trigger, window)
        if not target or scan.quoted(trigger.start, trigger.end):
            continue
        start, end = scan.sentence_span(sentence)
        if len(scan.vendors_in(sentence)) > 1 and not scan.cues(start, end, "preference"):
            continue  # an open comparison between several suppliers
        reported.add(sentence)
        yield from ctx.finding(
            "supplier-recommendation",
            trigger.start,
            trigger.end,
            f"recommends a supplier: “{scan.shown(trigger)}” … {_names(ctx, target)}",
            "recommend a practice, a standard or selection criteria, not a supplier",
        )


def _recommended(ctx: TextContext, trigger: Hit, window: int) -> set[str]:
    """The vendors a trigger recommends (empty when it recommends none)."""
    scan = ctx.scan
    hits = scan.in_sentence(trigger.sentence)
    after = [h for h in hits if h.start >= trigger.end]

    def vendors_within(origin: int, words: int) -> set[str]:
        return {
            v
            for h in after
            if h.vendors and scan.words_between(origin, h.start) <= words
            for v in h.vendors
            if h.start >= origin
        }

    if "verdict" in trigger.categories:
        return set() if _negated(ctx, trigger) else scan.vendors_in(trigger.sentence)
    if _negated(ctx, trigger):
        return set()
    if "imperative_start" in trigger.categories and "imperative" not in trigger.categories:
        start, _ = scan.sentence_span(trigger.sentence)
        if scan.words_between(start, trigger.start) > 0:
            return set()
    if "recommendation_marker" not in trigger.categories:
        return vendors_within(trigger.end, window)
    # "nous recommandons Nuagis", "we strongly recommend X": the supplier right after the verb.
    found = vendors_within(trigger.end, 1) if "selection" not in trigger.categories else set()
    if not _STRONG.search(scan.matched(trigger)):
        found = set()
    for verb in (h for h in after if "selection" in h.categories):
        if scan.words_between(trigger.end, verb.start) > window:
            break
        if scan.cues(trigger.end, verb.start, "negation"):
            return set()
        found |= vendors_within(verb.end, window)
    return found


def _quoted_mention(ctx: TextContext, hit: Hit) -> bool:
    """A marker in quotation marks, named rather than used: no vendor, or reported speech."""
    scan = ctx.scan
    if not scan.quoted(hit.start, hit.end):
        return False
    start, end = scan.sentence_span(hit.sentence)
    return not scan.vendors_in(hit.sentence) or scan.cues(start, end, "reported")


@rule("sponsor-marker", Severity.ERROR)
def sponsor_marker(ctx: TextContext) -> Iterator[Finding]:
    """A sponsorship or advertising marker: the groups are sponsor-free.

    "Sponsorisé par", "partenaire officiel", "publi-rédactionnel", "advertorial", "brought to
    you by"… are errors wherever they appear; "avec le soutien de", "en partenariat avec",
    "powered by", "offert par", "financé par" are errors when a vendor follows. Negations are
    fine ("sans sponsor", "ce Cahier n'est sponsorisé par aucune entreprise"), and so is the
    word "sponsor" in its project-governance sense ("le sponsor du projet").
    """
    scan = ctx.scan
    window = ctx.compiled.policy.thresholds.sponsor_window
    for hit in ctx.hits("sponsor_marker"):
        if _negated(ctx, hit, after=2):
            continue
        if _quoted_mention(ctx, hit):
            continue  # the marker quoted as a phrase, e.g. a rule about advertising
        yield from ctx.finding(
            "sponsor-marker",
            hit.start,
            hit.end,
            f"sponsorship marker “{scan.shown(hit)}”",
            "remove it: Cahiers carry no sponsorship; acknowledge contributors in the credits",
        )
    for hit in ctx.hits("sponsor_marker_with_sponsor"):
        sponsors = {
            v
            for h in scan.in_sentence(hit.sentence)
            if h.start >= hit.end and scan.words_between(hit.end, h.start) <= window
            for v in h.vendors
        }
        if not sponsors or _negated(ctx, hit, after=2) or _quoted_mention(ctx, hit):
            continue
        yield from ctx.finding(
            "sponsor-marker",
            hit.start,
            hit.end,
            f"sponsorship marker “{scan.shown(hit)}” naming {_names(ctx, sponsors)}",
            "remove it: Cahiers carry no sponsorship; acknowledge contributors in the credits",
        )


_NUMERIC = re.compile(
    r"(?P<phone>(?<![\w+])(?:\+33\s?(?:\(0\)\s?)?|0\s?)[1-9](?:[\s.\-]?\d){8}(?!\d))"
    r"|(?P<discount>(?<!\w)-\s?\d{1,2}\s?%|\d{1,2}\s?%\s(?:de\s)?(?:remise|reduction|rabais"
    r"|off|discount)|(?:remise|reduction|rabais|discount)\s(?:de\s|of\s)?\d{1,3}\s?(?:%|€|eur))"
)


@rule("call-to-action", Severity.ERROR)
def call_to_action(ctx: TextContext) -> Iterator[Finding]:
    """A call to action or a commercial offer.

    "Demandez une démo", "free trial", "code promo", "contactez-nous", "visitez notre stand",
    "-20 %", a phone number "pour un devis"… A Cahier informs decision-makers; it never sells.
    Offers (a free trial, a discount) count when a vendor or a supplier's voice is in the same
    sentence, and not in a critical sentence ("méfiez-vous des essais gratuits de X").
    """
    scan = ctx.scan
    for hit in ctx.hits("cta"):
        if scan.quoted(hit.start, hit.end) or _negated(ctx, hit):
            continue
        yield from _cta(ctx, hit.start, hit.end, f"call to action “{scan.shown(hit)}”")
    for hit in ctx.hits("offer"):
        if _commercial_sentence(ctx, hit.sentence) and not scan.quoted(hit.start, hit.end):
            yield from _cta(ctx, hit.start, hit.end, f"commercial offer “{scan.shown(hit)}”")
    # Numbers matter only in a commercial sentence, or next to "devis", "appelez"…
    sentences = sorted(
        {h.sentence for h in scan.hits if h.vendors}
        | {
            h.sentence
            for h in scan.hits
            if {"commercial_voice", "quote_request"} & set(h.categories)
        }
    )
    for sentence in sentences:
        start, end = scan.sentence_span(sentence)
        for m in _NUMERIC.finditer(scan.folded, start, end):
            yield from _numeric(ctx, m, sentence, start, end)


def _numeric(
    ctx: TextContext, m: re.Match[str], sentence: int, start: int, end: int
) -> Iterator[Finding]:
    quote = any("quote_request" in h.categories for h in ctx.scan.in_sentence(sentence))
    if m.group("phone"):
        if quote or _commercial_sentence(ctx, sentence):
            yield from _cta(ctx, m.start(), m.end(), "phone number for a commercial contact")
    elif _commercial_sentence(ctx, sentence):
        yield from _cta(ctx, m.start(), m.end(), f"discount “{m.group()}”")


def _commercial_sentence(ctx: TextContext, sentence: int) -> bool:
    scan = ctx.scan
    if not scan.vendors_in(sentence) and not _voice(ctx, sentence):
        return False
    start, end = scan.sentence_span(sentence)
    return not scan.cues(start, end, "critical")


def _cta(ctx: TextContext, start: int, end: int, message: str) -> Iterator[Finding]:
    yield from ctx.finding(
        "call-to-action",
        start,
        end,
        message,
        "remove it: a Cahier informs, it does not sell or invite to buy",
    )


@rule("vendor-dominance", Severity.WARNING)
def vendor_dominance(ctx: TextContext) -> Iterator[Finding]:
    """One vendor dominates a text that names vendors.

    A warning when the text names vendors at least `dominance_min_mentions` times (default 5)
    and one vendor accounts for at least `dominance_share` of those mentions (default 60 %).
    Name comparable offers, or keep the text generic; a case study devoted to one supplier
    needs an exception approved by the editors.
    """
    counts: Counter[str] = Counter()
    first: dict[str, Hit] = {}
    for hit in ctx.scan.hits:
        if hit.vendors:
            counts[hit.vendors[0]] += 1
            first.setdefault(hit.vendors[0], hit)
    total = sum(counts.values())
    thresholds = ctx.compiled.policy.thresholds
    if not counts or total < thresholds.dominance_min_mentions:
        return
    key, count = counts.most_common(1)[0]
    share = count / total
    if share < thresholds.dominance_share:
        return
    hit = first[key]
    yield from ctx.finding(
        "vendor-dominance",
        hit.start,
        hit.end,
        f"{ctx.vendor_name(key)} takes {count} of the {total} vendor mentions ({share:.0%}); "
        f"the limit is {thresholds.dominance_share:.0%}",
        "name comparable offers or stay generic; a single-vendor case study needs an exception",
    )
