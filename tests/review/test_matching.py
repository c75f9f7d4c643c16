"""Folding and the phrase grammar: what the matcher treats as the same text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from review_support import review_markdown

from cahiers.check.review.normalize import fold, fold_key, original_span
from cahiers.check.review.patterns import PhraseError, Term, TermMatcher, expand


def test_fold_removes_tricks() -> None:
    for text in (
        "SPONSORISÉ",
        "sponsorisé",
        "ｓｐｏｎｓｏｒｉｓé",
        "spon\u200bsorisé",
        "ѕponsorisé",
        "spon\u00adsorisé",
        "sponsoris\u0065\u0301",
    ):
        assert fold_key(text) == "sponsorise", text
    assert fold_key("l’offre – « Œuvre »") == "l'offre - « oeuvre »"


@given(st.text(max_size=60))
def test_fold_keeps_lengths_and_newlines(text: str) -> None:
    folded = fold(text)
    assert len(folded.cased) == len(folded.folded)
    assert folded.folded.count("\n") == text.count("\n")


def test_original_span_maps_back_through_invisible_characters() -> None:
    text = "Le spon\u200bsor officiel"
    start = fold_key(text).index("sponsor")
    a, b = original_span(text, start, start + len("sponsor"))
    assert text[a:b] == "spon\u200bsor"


def test_grammar_inflections_stars_alternatives_and_separators() -> None:
    matcher = TermMatcher(
        [
            Term("sponsorisé par", "s", inflect=True),
            Term("révolution*", "r", inflect=True),
            Term("{le|la} meilleur* offre", "m", inflect=True),
            Term("best-in-class", "b"),
        ]
    )

    def cats(text: str) -> list[tuple[str, ...]]:
        return [matcher.categories(m.group()) for m in matcher.pattern.finditer(fold_key(text))]

    assert cats("sponsorisées par X") == [("s",)]
    assert cats("une offre révolutionnaire") == [("r",)]
    assert cats("la meilleure offre, le meilleur offre") == [("m",), ("m",)]
    assert cats("best in class, best-in-class, bestinclass") == [("b",)] * 3
    assert cats("unsponsorisé par, révolutionnairement") == [("r",)]  # words, not substrings
    assert expand("{a|b} c") == ["a c", "b c"]


def test_bad_phrases_are_refused() -> None:
    for phrase in ("{a|b", "*abc", "ab*c", ""):
        try:
            TermMatcher([Term(phrase, "x")])
        except PhraseError:
            continue
        raise AssertionError(phrase)


def test_one_pass_regex_is_a_trie_not_a_flat_alternation() -> None:
    names = [f"vendor{i} cloud" for i in range(300)]
    matcher = TermMatcher(Term(n, "v") for n in names)
    assert matcher.pattern.pattern.count("vendor") == 1  # the shared prefix is written once
    assert len(re.findall("v", "vendor12 cloud")) == 1
    assert [m.group() for m in matcher.pattern.finditer("vendor12 cloud, vendor299 cloud")] == [
        "vendor12 cloud",
        "vendor299 cloud",
    ]


def test_common_word_brands_need_case_and_context() -> None:
    def vendors(text: str) -> list[str]:
        return [f.message for f in review_markdown(text).findings if f.rule == "vendor-mention"]

    assert vendors("Orange a relevé le prix de ses forfaits fibre.")
    assert not vendors("Le jus d'orange est servi à la pause.")
    assert not vendors("En vigilance Orange, les équipes sont mobilisées.")
    assert not vendors("Free software matters.")
    assert vendors("Free a lancé une offre mobile pour les entreprises.")
    assert vendors("Oracle et SAP dominent les ERP.")
    assert not vendors("L'oracle de Delphes était consulté.")


def test_excerpt_marks_the_match_in_the_visible_text() -> None:
    report = review_markdown("Voici : **Nuagis** est le *leader du marché* du cloud.")
    finding = next(f for f in report.findings if f.rule == "promotional-wording")
    assert finding.excerpt is not None
    excerpt = finding.excerpt
    assert excerpt.text[excerpt.start : excerpt.end] == "leader du marché"
    assert finding.location.line == 1 and finding.location.column == 28  # in the source line
