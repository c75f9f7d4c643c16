"""Precision and recall of the review rules on the labelled corpus (`corpus.yml`).

A sentence counts as flagged when it draws a warning or an error. Run
`PYTHONPATH=tooling:tests/review python tests/review/review_accuracy.py` to print the
figures recorded in BENCHMARKS.md (and the misclassified sentences).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from review_support import flagged

CORPUS = Path(__file__).parent / "corpus.yml"


@dataclass(frozen=True)
class Accuracy:
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    missed: tuple[str, ...]
    wrongly_flagged: tuple[str, ...]

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        positives = self.true_positives + self.false_negatives
        return self.true_positives / positives if positives else 1.0


def corpus() -> tuple[list[str], list[str]]:
    data = yaml.safe_load(CORPUS.read_text("utf-8"))
    return list(data["flag"]), list(data["pass"])


def measure() -> Accuracy:
    positives, negatives = corpus()
    missed = tuple(s for s in positives if not flagged(s))
    wrong = tuple(s for s in negatives if flagged(s))
    return Accuracy(
        len(positives) - len(missed),
        len(wrong),
        len(missed),
        len(negatives) - len(wrong),
        missed,
        wrong,
    )


if __name__ == "__main__":
    result = measure()
    total = sum(
        (
            result.true_positives,
            result.false_positives,
            result.false_negatives,
            result.true_negatives,
        )
    )
    print(
        f"sentences: {total} ({result.true_positives + result.false_negatives} to flag, "
        f"{result.true_negatives + result.false_positives} neutral)"
    )
    print(f"precision: {result.precision:.3f}  recall: {result.recall:.3f}")
    print(
        f"TP {result.true_positives}  FP {result.false_positives}  "
        f"FN {result.false_negatives}  TN {result.true_negatives}"
    )
    for sentence in result.missed:
        print("  missed:", sentence)
    for sentence in result.wrongly_flagged:
        print("  wrongly flagged:", sentence)
