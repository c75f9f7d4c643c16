"""Helpers of the review tests: the repository's real policy with a small test registry."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cahiers import reviewing
from cahiers.check.review import CompiledPolicy, ReviewReport, extract, review_text
from cahiers.load.registry import load_organizations, load_people
from cahiers.load.schema import Validator
from cahiers.model import Contribution, Organization, Person

HERE = Path(__file__).parent
REPO_ROOT = HERE.parent.parent
REGISTRY = HERE / "registry"


@lru_cache(maxsize=1)
def registry() -> tuple[dict[str, Organization], dict[str, Person]]:
    v = Validator()
    organizations = dict(load_organizations(REGISTRY, v))
    people = dict(load_people(REGISTRY, v))
    assert not v.findings, v.findings
    return organizations, people


@lru_cache(maxsize=1)
def compiled() -> CompiledPolicy:
    policy, problems = reviewing.read_policy(REPO_ROOT)
    assert not problems, problems
    organizations, _people = registry()
    return CompiledPolicy(policy, organizations)


def review_markdown(
    markdown: str, contribution: Contribution | None = None, path: str = "t.md"
) -> ReviewReport:
    organizations, people = registry()
    line = contribution.body_line if contribution is not None else 1
    return review_text(
        extract(path, markdown, line), contribution, compiled(), people, organizations
    )


def flagged(sentence: str) -> bool:
    """Does a sentence draw a warning or an error (the accuracy corpus' definition)?"""
    return any(f.severity.value in ("error", "warning") for f in review_markdown(sentence).findings)
