"""A site whose complete input did not change is kept as it is; any change builds it again."""

from __future__ import annotations

import json
from pathlib import Path

from site_inputs import mini_prepared, put_pdfs

from cahiers.pipeline import BuildOptions, select_steps, write_outputs


def test_an_unchanged_site_is_kept_and_a_changed_one_rebuilt(
    mini_copy: Path, tmp_path: Path
) -> None:
    prepared = mini_prepared(mini_copy)
    out = tmp_path / "out"
    put_pdfs(out, sorted(prepared.project.papers))
    steps = select_steps(["site"])
    write_outputs(prepared, out, steps, BuildOptions())
    index = out / "site" / "index.html"
    stamp = out / ".cahiers" / "site.input"
    first = (index.stat().st_ino, stamp.read_text())
    memo = mini_copy / ".cache" / "cahiers" / "site-audit.json"
    assert json.loads(memo.read_bytes())["pages"], "the audit remembers the pages it parsed"

    write_outputs(prepared, out, steps, BuildOptions())
    assert (index.stat().st_ino, stamp.read_text()) == first  # kept: the same file

    write_outputs(prepared, out, steps, BuildOptions(use_cache=False))
    assert index.stat().st_ino != first[0]  # --no-cache builds it again
    assert stamp.read_text() == first[1]  # from the same input
    rebuilt = index.stat().st_ino

    (out / "pdf" / f"{sorted(prepared.project.papers)[0]}.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    write_outputs(prepared, out, steps, BuildOptions())  # a PDF the site copies changed
    assert index.stat().st_ino != rebuilt
    assert stamp.read_text() != first[1]
