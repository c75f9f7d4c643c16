"""The shipped policy is valid and large enough; a broken policy is reported precisely."""

from __future__ import annotations

import shutil
from pathlib import Path

from review_support import REPO_ROOT

from cahiers import reviewing
from cahiers.check.review.policy import VENDOR_CATEGORIES


def test_shipped_policy_is_valid_and_covers_the_market() -> None:
    policy, problems = reviewing.read_policy(REPO_ROOT)
    assert problems == []
    assert len(policy.vendors) >= 150
    assert {v.category for v in policy.vendors} == set(VENDOR_CATEGORIES)
    assert any(v.aliases for v in policy.vendors) and any(v.common_words for v in policy.vendors)
    for category in ("promotional", "sponsor_marker", "cta", "negation", "critical"):
        assert policy.phrases.get(category), category
    assert policy.thresholds.organisation_share == 0.40
    assert "utm_" in policy.links.tracking_prefixes


def test_broken_policy_is_reported_with_positions(tmp_path: Path) -> None:
    shutil.copytree(REPO_ROOT / "policy", tmp_path / "policy")
    (tmp_path / "policy" / "rules.yml").write_text(
        "severities:\n  vendor-mentoin: notice\nthresholds:\n  organisation_share: 140%\n",
        encoding="utf-8",
    )
    with (tmp_path / "policy" / "vendors.yml").open("a", encoding="utf-8") as f:
        f.write("broken:\n  name: Broken\n  category: clouds\n  aliasses: [B]\n")
    _policy, problems = reviewing.read_policy(tmp_path)
    got = {(p.path, p.location.line, p.message) for p in problems}
    assert ("policy/rules.yml", 2, "unknown rule `vendor-mentoin`") in got
    assert any(p.hint == "did you mean `vendor-mention`?" for p in problems)
    assert any("organisation_share" in m and line == 4 for _, line, m in got)
    assert any("unknown key `aliasses`" in m for _, _, m in got)
    assert any("`category` must be one of" in m for _, _, m in got)
    assert all(p.rule == "policy-invalid" for p in problems)


def test_no_policy_folder_means_registry_only(tmp_path: Path) -> None:
    policy, problems = reviewing.read_policy(tmp_path)
    assert problems == [] and policy.vendors == () and policy.thresholds.organisation_share == 0.4
