"""Review fixtures state the findings they expect (as sphinx-lint's fixtures do).

`<!-- expect: rule-a, rule-b -->` names the findings expected on the next non-blank line that
is not another `expect`; in front matter, `key: value  # expect: rule` names those of its own
line. Any other finding fails the test. Vendor-mention
notices are left out (nearly every fixture line has one).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from review_support import review_markdown

from cahiers.load.files import split_front_matter
from cahiers.load.schema import Validator
from cahiers.load.schemas import CONTRIBUTION
from cahiers.load.yamlsafe import parse_yaml
from cahiers.reviewing import _contribution

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.md"))
_EXPECT = re.compile(r"<!--\s*expect:\s*(.*?)\s*-->")
_YAML_EXPECT = re.compile(r"^.*\S\s+#\s*expect:\s*(.*?)\s*$")


def expected(text: str) -> Counter[tuple[int, str]]:
    lines = text.split("\n")
    found: Counter[tuple[int, str]] = Counter()
    for index, line in enumerate(lines):
        trailing = _YAML_EXPECT.search(line)
        m = _EXPECT.search(line)
        if trailing is not None:  # in front matter: `key: value  # expect: rule`
            target, rules = index, trailing.group(1)
        elif m is not None:
            target, rules = index + 1, m.group(1)
            while target < len(lines) and (
                not lines[target].strip() or _EXPECT.search(lines[target])
            ):
                target += 1
        else:
            continue
        for rule in re.split(r"\s*,\s*", rules):
            found[(target + 1, rule)] += 1
    return found


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture(path: Path) -> None:
    text = path.read_text("utf-8")
    parts = split_front_matter(text)
    assert parts.yaml_text is not None
    node, problems = parse_yaml(parts.yaml_text, path.name, parts.yaml_line)
    v = Validator()
    record = v.mapping(node, CONTRIBUTION, "front matter", path)  # type: ignore[arg-type]
    assert not problems and not v.findings and record is not None
    contribution = _contribution(record.values, record, path.name, parts)
    report = review_markdown(parts.body, contribution, path.name)
    got = Counter((f.location.line, f.rule) for f in report.findings if f.rule != "vendor-mention")
    assert got == expected(text), "\n".join(
        f"{f.location}: {f.rule}: {f.message}" for f in report.findings
    )
