"""Fix-ups of the generator's own HTML, applied after every build, each for a stated reason.

- Material's search panel is a `role="dialog"` without an accessible name (axe: aria-dialog-name,
  serious). Replacing its template would fork the theme; naming the dialog in the built HTML is
  one exact, idempotent edit, and the browser test's axe check tells us if the theme changes.
"""

from __future__ import annotations

import re
from pathlib import Path

from cahiers.site.labels import LABELS

_UNNAMED_SEARCH_DIALOG = re.compile(
    r'(<div class="md-search"[^>]*?role="dialog")(?![^>]*aria-label)([^>]*>)'
)


def postprocess_site(site_dir: Path) -> None:
    label = f' aria-label="{LABELS["search"]}"'
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        fixed = _UNNAMED_SEARCH_DIALOG.sub(lambda m: m.group(1) + label + m.group(2), text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
