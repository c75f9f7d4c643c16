"""Arbitrary bytes as front matter or group YAML never produce a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cahiers.findings import Severity
from cahiers.pipeline import check

VALID = Path(__file__).parent / "scenarios" / "valid"

yaml_like = st.one_of(
    st.binary(max_size=400),
    st.text(
        alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\n\t ,?%@`~0123456789éNOyes\x00\ufeff")),
        max_size=300,
    ).map(lambda t: t.encode("utf-8")),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=yaml_like)
def test_front_matter_never_crashes(tmp_path_factory: object, data: bytes) -> None:
    root = _fresh_repo(tmp_path_factory)
    (root / "groups/alpha/premiere-note.md").write_bytes(b"---\n" + data + b"\n---\n\nTexte.\n")
    result = check(root)
    for finding in result.findings:
        assert finding.location.line >= 1 and finding.location.column >= 1
        assert finding.severity in Severity


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=yaml_like)
def test_group_yaml_never_crashes(tmp_path_factory: object, data: bytes) -> None:
    root = _fresh_repo(tmp_path_factory)
    (root / "groups/alpha/group.yml").write_bytes(data)
    result = check(root)
    assert all(f.location.line >= 1 for f in result.findings)


def _fresh_repo(factory: object) -> Path:
    root: Path = factory.mktemp("repo") / "r"  # type: ignore[attr-defined]
    shutil.copytree(VALID, root)
    return root
