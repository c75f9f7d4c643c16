"""The labelled corpus: recall >= 0.95 and precision >= 0.90 (figures in BENCHMARKS.md)."""

from __future__ import annotations

from review_accuracy import corpus, measure


def test_corpus_is_large_and_bilingual() -> None:
    positives, negatives = corpus()
    assert len(positives) + len(negatives) >= 200
    assert len(negatives) >= 100  # the hard neutral cases matter as much as the positives
    markers = {"the", "we", "our", "is", "this", "of", "your", "with", "to"}
    english = [s for s in positives + negatives if markers & set(s.lower().split())]
    assert len(english) >= 40


def test_precision_and_recall_meet_the_targets() -> None:
    result = measure()
    assert result.recall >= 0.95, result.missed
    assert result.precision >= 0.90, result.wrongly_flagged
