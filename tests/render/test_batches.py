"""Pandoc batches: one per job, but bounded in size, since pandoc holds a batch in memory."""

from __future__ import annotations

import json

from cahiers.render.pandoc import MAX_BATCH_BYTES, _balanced_batches, _batch_count


def docs_of(sizes: list[int]) -> list[dict[str, str]]:
    return [{"text": "x" * size} for size in sizes]


def encoded(doc: dict[str, str]) -> int:
    return len(json.dumps(doc, ensure_ascii=False))


def test_small_inputs_get_one_batch_per_job() -> None:
    assert _batch_count(docs_of([1000] * 10), jobs=2) == 2
    assert _batch_count(docs_of([1000]), jobs=4) == 1


def test_large_inputs_are_cut_into_bounded_batches() -> None:
    docs = docs_of([50_000] * 200)  # about 10 MB
    batches = _balanced_batches(docs, _batch_count(docs, jobs=2))
    assert len(batches) >= 10
    largest = max(sum(encoded(docs[i]) for i in batch) for batch in batches)
    assert largest <= MAX_BATCH_BYTES + 50_100  # at most one document over the bound
    assert sorted(i for batch in batches for i in batch) == list(range(200))


def test_never_more_batches_than_documents() -> None:
    docs = docs_of([3 * MAX_BATCH_BYTES, 3 * MAX_BATCH_BYTES])
    assert _batch_count(docs, jobs=2) == 2
