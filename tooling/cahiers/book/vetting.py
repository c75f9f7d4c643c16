"""Vet every piece of rendered HTML before it enters the book, and say where a problem comes from.

The render stage already drops what it cannot place safely (and reports it); the book does not
rely on that. It rewrites each piece (`cahiers.book.rewrite`) and, for contributions, re-checks
every image the author wrote, so that a contribution pointing at `/etc/hostname`, `file:///…`,
`http://127.0.0.1/…` or a path out of the repository stops the PDF build, naming the file and
line, even when the rendered HTML no longer shows the reference.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from cahiers.book.anchors import LinkTargets
from cahiers.book.assets import AssetPolicy
from cahiers.book.rewrite import Problem, rewrite
from cahiers.render.types import RenderedContribution


@dataclass(slots=True)
class Vetting:
    targets: LinkTargets
    policy: AssetPolicy
    problems: list[str] = field(default_factory=list)

    def piece(
        self,
        rendered: RenderedContribution,
        slug: str,
        *,
        heading_shift: int = 0,
    ) -> str:
        """The HTML of `rendered`, rewritten for the book under the namespace `slug`."""
        if not rendered.rendered:
            self.problems.append(f"{rendered.path}: could not be rendered (see `cahiers check`)")
            return ""
        result = rewrite(
            rendered.html,
            slug=slug,
            source_path=rendered.path,
            targets=self.targets,
            footnotes={note.number: note.html for note in rendered.footnotes},
            check_asset=self.policy.refusal,
            heading_shift=heading_shift,
        )
        self.problems += [_describe(rendered, problem) for problem in result.problems]
        for ref in rendered.links:
            if ref.kind == "image":
                reason = self._image_refusal(rendered.path, ref.target)
                if reason is not None:
                    where = f"{rendered.path}:{ref.line}:{ref.column}"
                    self.problems.append(f"{where}: image `{ref.target}`: {reason}")
        return result.html

    def _image_refusal(self, source_path: str, target: str) -> str | None:
        parts = urlsplit(target.strip())
        if parts.scheme or parts.netloc or target.strip().startswith(("/", "\\")):
            return "images must be files of the repository (groups/<group>/images/)"
        path = posixpath.normpath(
            posixpath.join(posixpath.dirname(source_path), unquote(parts.path))
        )
        return self.policy.refusal(path)


def _describe(rendered: RenderedContribution, problem: Problem) -> str:
    line = next((ref.line for ref in rendered.links if ref.target == problem.reference), None)
    where = f"{rendered.path}:{line}" if line else rendered.path
    return f"{where}: `{problem.reference}`: {problem.reason}"
