"""The review cache gives the findings an uncached review gives, and forgets what it must.

The sample repository, plus the review fixtures as contributions (so that every kind of text
rule fires), is checked with and without the cache; then the policy and the registry change
and the cached check must follow. A spy on the text rules shows which texts were reviewed again.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from review_support import REPO_ROOT

from cahiers.check.review import engine
from cahiers.pipeline import CheckResult, check
from cahiers.review_cache import default_review_cache_dir
from conftest import require_tool

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.md"))
TEXT_RULES = {
    "vendor-mention",
    "promotional-wording",
    "call-to-action",
    "tracking-link",
    "independent-approval",
    "undeclared-interest",
    "vendor-commercial-link",
    "vendor-logo",
    "supplier-recommendation",
    "sponsor-marker",
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review-cache") / "repo"
    for name in ("groups", "papers", "policy"):
        shutil.copytree(REPO_ROOT / name, root / name, ignore=shutil.ignore_patterns(".*"))
    for fixture in FIXTURES:
        shutil.copy(fixture, root / "groups" / "cloud" / f"fixture-{fixture.name}")
    return root


@pytest.fixture
def reviewed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the texts the rules really read (a spy around the real function)."""
    calls: list[str] = []
    real: Callable[..., Any] = engine.rule_findings

    def spy(text: Any, *args: Any) -> Any:
        calls.append(text.path)
        return real(text, *args)

    monkeypatch.setattr(engine, "rule_findings", spy)
    return calls


def view(result: CheckResult) -> dict[str, Any]:
    """Everything a report shows: findings with excerpts, suppressed findings, exceptions."""
    return {
        "findings": [f.as_json() for f in result.findings],
        "suppressed": [(s.finding.as_json(), s.exception) for s in result.suppressed],
        "exceptions": list(result.exceptions),
    }


def rules(result: CheckResult) -> set[str]:
    return {f.rule for f in result.findings}


@contextlib.contextmanager
def edit(path: Path, old: str, new: str) -> Iterator[None]:
    """Replace `old` (which must be there) by `new` in `path`; restore the file after."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        yield
    finally:
        path.write_text(text, encoding="utf-8")


def test_cached_and_uncached_reviews_agree_on_the_sample(sample: Path, reviewed: list[str]) -> None:
    uncached = check(sample, use_cache=False)
    texts = len(reviewed)
    assert not default_review_cache_dir(sample).exists()  # --no-cache writes nothing
    assert rules(uncached) >= TEXT_RULES  # every text rule fires somewhere in the sample
    assert uncached.suppressed and uncached.exceptions

    reviewed.clear()
    cold = check(sample)  # fills the cache
    assert len(reviewed) == texts
    reviewed.clear()
    warm = check(sample)
    assert reviewed == []  # every text came from the cache
    assert view(cold) == view(uncached)
    assert view(warm) == view(uncached)


def test_a_policy_change_invalidates_every_text(sample: Path, reviewed: list[str]) -> None:
    before = check(sample)
    reviewed.clear()
    rules_file = sample / "policy" / "rules.yml"
    with edit(rules_file, "vendor-mention: notice", "vendor-mention: warning"):
        changed = check(sample)
        texts = len(reviewed)
        assert view(changed) == view(check(sample, use_cache=False))
    assert texts > 0 and view(changed) != view(before)
    assert {f.severity.value for f in changed.findings if f.rule == "vendor-mention"} == {"warning"}
    reviewed.clear()
    assert view(check(sample)) == view(before)  # the old entries were pruned: reviewed again
    assert len(reviewed) == texts


@pytest.mark.parametrize(
    ("file", "old", "new", "gone"),
    [
        # the author now works for another vendor: the text names Nuagis, no longer his employer
        (
            "people.yml",
            "name: Thomas Nguyen\n  organization: nuagis",
            "name: Thomas Nguyen\n  organization: cybelis",
            "undeclared-interest",
        ),
        # the reviewer's organisation becomes a user organisation: the review is independent enough
        (
            "organizations.yml",
            "short_name: ARN\n  kind: public",
            "short_name: ARN\n  kind: user",
            "none from a user organisation",
        ),
    ],
    ids=["person-organisation", "organisation-kind"],
)
def test_a_registry_change_invalidates_the_texts_of_those_people(
    sample: Path, reviewed: list[str], file: str, old: str, new: str, gone: str
) -> None:
    before = check(sample)
    reviewed.clear()
    with edit(sample / "groups" / file, old, new):
        changed = check(sample)
        again = list(reviewed)
        assert view(changed) == view(check(sample, use_cache=False))
        every = reviewed[len(again) :]
    assert "groups/cloud/fixture-interest.md" in again
    assert 0 < len(again) < len(every)  # only the texts of the people concerned
    shown = [f"{f.rule} {f.message}" for f in changed.findings]
    assert any(gone in line for line in [f"{f.rule} {f.message}" for f in before.findings])
    assert not any(gone in line for line in shown)


def test_a_damaged_cache_is_reviewed_again(sample: Path, reviewed: list[str]) -> None:
    expected = view(check(sample, use_cache=False))
    cache = default_review_cache_dir(sample) / "findings.json"
    check(sample)
    data = json.loads(cache.read_text(encoding="utf-8"))
    key, entry = next((k, v) for k, v in data["entries"].items() if v)
    data["entries"][key] = [["damaged"]]
    cache.write_text(json.dumps(data), encoding="utf-8")
    reviewed.clear()
    assert view(check(sample)) == expected
    assert len(reviewed) == 1  # only the damaged entry
    assert json.loads(cache.read_text(encoding="utf-8"))["entries"][key] == entry
    cache.write_text("{not json", encoding="utf-8")
    assert view(check(sample)) == expected
    assert not list(cache.parent.glob(".tmp-*"))  # written atomically


def test_keys_are_the_same_in_another_process(sample: Path) -> None:
    """Keys must not depend on hash randomisation: a second process finds every entry."""
    cache = default_review_cache_dir(sample) / "findings.json"
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO_ROOT / "tooling")}
        result = subprocess.run(
            [sys.executable, "-m", "cahiers", "check", "--root", str(sample), "--format", "json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert result.returncode == 1, result.stderr  # the fixtures have errors
        runs.append((result.stdout, cache.read_bytes(), cache.stat().st_mtime_ns))
    assert runs[0] == runs[1]  # same report, and the cache file was not even rewritten


def _git(root: Path, *args: str) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        # The maintainers' import identity, a bot in policy/credits.yml: the commit adds no
        # credits finding, so the check differs only by the cache warning.
        GIT_AUTHOR_NAME="Maintainers",
        GIT_AUTHOR_EMAIL="maintainers@users.noreply.github.com",
        GIT_COMMITTER_NAME="Maintainers",
        GIT_COMMITTER_EMAIL="maintainers@users.noreply.github.com",
        GIT_AUTHOR_DATE="2026-01-01T00:00:00Z",
        GIT_COMMITTER_DATE="2026-01-01T00:00:00Z",
        GIT_CONFIG_NOSYSTEM="1",
    )
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


def _poison(root: Path) -> None:
    """What a hostile pull request could commit: a review cache that says "no finding"."""
    cache = default_review_cache_dir(root) / "findings.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["entries"] = {key: [] for key in data["entries"]}
    cache.write_text(json.dumps(data), encoding="utf-8")


def _without_warning(result: CheckResult) -> dict[str, Any]:
    shown = view(result)
    shown["findings"] = [f for f in shown["findings"] if f["rule"] != "cache-committed"]
    return shown


def test_caches_committed_with_the_content_are_never_read(
    sample: Path, tmp_path: Path, reviewed: list[str]
) -> None:
    require_tool("git")
    expected = view(check(sample, use_cache=False))
    check(sample)  # warm its caches (whichever tests ran before on this worker)
    root = tmp_path / "repo"
    shutil.copytree(sample, root)  # with its warm caches
    _poison(root)
    assert "undeclared-interest" not in rules(check(root))  # a cache of our own is believed…
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "add", "-f", ".cache")
    _git(root, "commit", "-q", "-m", "content with a cache")
    reviewed.clear()
    result = check(root)  # …one that came with the content is not
    (warning,) = [f for f in result.findings if f.rule == "cache-committed"]
    assert warning.path == ".cache" and warning.severity.value == "warning"
    assert _without_warning(result) == expected
    assert result.rendered is not None and result.rendered.cache_hits == 0
    assert len(reviewed) > len(FIXTURES)  # every text reviewed afresh


def test_a_cache_folder_that_is_a_link_is_never_read(
    sample: Path, tmp_path: Path, reviewed: list[str]
) -> None:
    expected = view(check(sample, use_cache=False))
    root = tmp_path / "repo"
    shutil.copytree(sample, root, ignore=shutil.ignore_patterns(".cache"))
    shutil.copytree(sample / ".cache", tmp_path / "elsewhere")
    (root / ".cache").symlink_to(tmp_path / "elsewhere")
    _poison(root)
    result = check(root)
    assert [f.rule for f in result.findings].count("cache-committed") == 1
    assert _without_warning(result) == expected
    assert result.rendered is not None and result.rendered.cache_hits == 0
