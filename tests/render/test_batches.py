"""Pandoc batches and parse groups: bounded in size, since a batch's ASTs are held in memory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cahiers.load import load_project
from cahiers.render import render_project
from cahiers.render.pandoc import MAX_BATCH_BYTES, _balanced_batches, _batch_count
from cahiers.render.stage import RenderOptions
from cahiers.render.types import RenderOutput

REPO_ROOT = Path(__file__).resolve().parents[2]


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


def test_parse_groups_are_consecutive_and_bounded() -> None:
    from cahiers.render.sources import Source
    from cahiers.render.stage import PARSE_GROUP_BYTES, _groups

    sizes = [40_000, 90_000, 200_000, 10_000, 10_000, 300_000, 5_000]
    sources = [
        Source(f"contribution:{i}.md", "contribution", f"{i}.md", 1, "x" * size)
        for i, size in enumerate(sizes)
    ]
    groups = _groups(sources, jobs=2)
    assert [i for group in groups for i in group] == list(range(len(sizes)))
    for group in groups:
        assert len(group) == 1 or sum(sizes[i] for i in group) <= 2 * PARSE_GROUP_BYTES


@pytest.mark.slow
def test_rendering_in_many_groups_gives_the_same_output(
    sample_render: RenderOutput, pandoc: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents written as soon as their group is parsed, and documents with citations kept
    for citeproc, give exactly what one group gives."""
    from cahiers.render import stage

    monkeypatch.setattr(stage, "PARSE_GROUP_BYTES", 4096)  # about one document per group
    project = load_project(REPO_ROOT).project
    grouped = render_project(project, cache_dir=None, options=RenderOptions(pandoc=pandoc))
    assert grouped.contributions == sample_render.contributions
    assert grouped.findings == sample_render.findings
    cited = [r for r in grouped.contributions.values() if 'class="references"' in r.html]
    assert cited
