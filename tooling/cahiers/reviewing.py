"""Feed the review rules: policy files, reader-visible texts, drafts. Used by `pipeline` only.

The review rules (`cahiers.check.review`) are pure and import no other stage. This module does
the reading for them: the policy YAML through the loader's safe reader, the visible text of each
contribution from the render stage, and drafts given to `cahiers review`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from cahiers.check.review import (
    POLICY_FILES,
    RULES,
    CompiledPolicy,
    Policy,
    PolicyFile,
    ReviewInput,
    build_policy,
    extract,
)
from cahiers.errors import RepositoryError
from cahiers.findings import Finding, Location, error
from cahiers.load import schemas
from cahiers.load.files import MAX_TEXT_BYTES, read_text, split_front_matter
from cahiers.load.schema import Validator
from cahiers.load.yamlsafe import Mapping, Node, Scalar, parse_yaml
from cahiers.model import Contribution, Interest, Project, ReviewException
from cahiers.render.types import RenderedContribution, RenderOutput

POLICY_DIR = "policy"


# -- policy -------------------------------------------------------------------------------------
def _plain(node: Node | None, path: tuple[Any, ...], spans: dict[tuple[Any, ...], Location]) -> Any:
    if node is None:
        return None
    spans[path] = node.location
    if isinstance(node, Scalar):
        return None if node.is_null else node.value
    if isinstance(node, Mapping):
        result: dict[str, Any] = {}
        for key, value in node.items:
            spans[(*path, key.value)] = key.location
            result[key.value] = _plain(value, (*path, key.value), spans)
            if value is not None and not isinstance(value, Scalar):
                spans[(*path, key.value)] = key.location
        return result
    return [_plain(item, (*path, index), spans) for index, item in enumerate(node.items)]


def read_policy(root: Path) -> tuple[Policy, list[Finding]]:
    """The repository's policy (`policy/*.yml`); built-in defaults when there is no folder."""
    known = {rule_id: spec.severity for rule_id, spec in RULES.items()}
    folder = root / POLICY_DIR
    if not folder.is_dir():
        return build_policy({}, known)
    files: dict[str, PolicyFile | None] = {}
    findings: list[Finding] = []
    for name in POLICY_FILES:
        relpath = f"{POLICY_DIR}/{name}"
        if not (root / relpath).is_file():
            findings.append(
                error(
                    Location(relpath),
                    "policy-invalid",
                    f"{relpath} is missing",
                    "restore it from the repository's history",
                )
            )
            files[name] = None
            continue
        file, problems = read_text(root, relpath)
        findings += problems
        if file is None:
            files[name] = None
            continue
        node, problems = parse_yaml(file.text, relpath)
        findings += problems
        spans: dict[tuple[Any, ...], Location] = {}
        files[name] = PolicyFile(relpath, _plain(node, (), spans), spans)
    policy, problems = build_policy(files, known)
    return policy, findings + problems


# -- visible texts ------------------------------------------------------------------------------
def from_rendered(rendered: RenderedContribution, source: str, source_line: int) -> ReviewInput:
    """The render stage's output as the rules' input: its lines and links fit as they are."""
    return ReviewInput(
        rendered.path, rendered.text, rendered.links, source, source_line, rendered.word_count
    )


def rendered_texts(project: Project, rendered: RenderOutput) -> dict[str, ReviewInput]:
    """What readers see of every contribution, preamble and charter, keyed by repo-relative
    path: the render stage's text, so the rules and the outputs agree on every word."""
    texts: dict[str, ReviewInput] = {}
    for contribution in project.contributions():
        done = rendered.contributions.get(contribution.path)
        if done is not None:
            texts[contribution.path] = from_rendered(
                done, contribution.body, contribution.body_line
            )
    for paper in project.papers.values():
        preamble = rendered.preambles.get(paper.slug)
        if preamble is not None and paper.preamble_path:
            texts[paper.preamble_path] = from_rendered(
                preamble, paper.preamble, paper.preamble_line
            )
    for group in project.groups.values():
        charter = rendered.charters.get(group.slug)
        if charter is not None:
            # The render stage located the charter's first line in group.yml (after `|`).
            first = charter.text[0].line if charter.text else group.location.line
            texts[charter.path] = from_rendered(charter, group.charter, first)
    return texts


def project_texts(project: Project) -> dict[str, ReviewInput]:
    """The visible text of every contribution and preamble, keyed by repo-relative path."""
    texts: dict[str, ReviewInput] = {}
    for contribution in project.contributions():
        texts[contribution.path] = extract(
            contribution.path, contribution.body, contribution.body_line
        )
    for paper in project.papers.values():
        if paper.preamble_path and paper.preamble:
            texts[paper.preamble_path] = extract(
                paper.preamble_path, paper.preamble, paper.preamble_line
            )
    return texts


# -- drafts given to `cahiers review` -----------------------------------------------------------
def draft_paths(root: Path, paths: Sequence[Path]) -> Iterator[tuple[Path, str]]:
    """Markdown files named or found under folders, with the path reports show."""
    for given in paths:
        if not given.exists():
            raise RepositoryError(f"{given}: no such file or folder")
        files = (
            [given]
            if given.is_file()
            else sorted(
                p
                for p in given.rglob("*.md")
                if p.is_file()
                and not p.is_symlink()
                and not any(part.startswith(".") for part in p.relative_to(given).parts)
            )
        )
        for file in files:
            yield file, _display(root, file)


def _display(root: Path, file: Path) -> str:
    resolved = file.resolve()
    for base in (root.resolve(), Path.cwd().resolve()):
        if resolved.is_relative_to(base):
            return resolved.relative_to(base).as_posix()
    return resolved.as_posix()


def load_draft(
    file: Path, shown: str
) -> tuple[ReviewInput | None, Contribution | None, list[Finding]]:
    """Read a draft: the front matter is optional; when present it is validated."""
    size = file.stat().st_size
    if size > MAX_TEXT_BYTES:
        return (
            None,
            None,
            [
                error(
                    Location(shown),
                    "file-too-large",
                    f"file is {size:,} bytes; the limit is {MAX_TEXT_BYTES:,}",
                )
            ],
        )
    file_text, problems = read_text(file.parent, file.name)
    if file_text is None:
        return None, None, [_relocate(f, shown) for f in problems]
    parts = split_front_matter(file_text.text)
    contribution = None
    findings: list[Finding] = []
    if parts.yaml_text is not None:
        validator = Validator()
        node, problems = parse_yaml(parts.yaml_text, shown, parts.yaml_line)
        findings += problems
        record = (
            validator.mapping(node, schemas.CONTRIBUTION, "the front matter", Location(shown))
            if node is not None
            else None
        )
        # A draft may lack required keys (status, authors…): only real mistakes are reported.
        findings += [f for f in validator.findings if f.rule != "schema-missing-key"]
        contribution = _contribution(record.values if record else {}, record, shown, parts)
    text = extract(shown, parts.body, parts.body_line)
    return text, contribution, findings


def _relocate(finding: Finding, shown: str) -> Finding:
    loc = finding.location
    return Finding(
        Location(shown, loc.line, loc.column),
        finding.rule,
        finding.severity,
        finding.message,
        finding.hint,
    )


def _contribution(values: dict[str, Any], record: Any, shown: str, parts: Any) -> Contribution:
    slug = Path(shown).stem
    return Contribution(
        slug=slug,
        group="",
        path=shown,
        title=values.get("title", slug),
        authors=values.get("authors") or (),
        status=values.get("status", "draft"),
        body=parts.body,
        body_line=parts.body_line,
        location=Location(shown, 1, 1),
        summary=values.get("summary", ""),
        lang=values.get("lang") or "fr",
        reviewers=values.get("reviewers") or (),
        interests=tuple(
            Interest(
                r.values["person"],
                r.values["organization"],
                r.values["statement"],
                r.location,
                r.spans,
            )
            for r in values.get("interests") or ()
        ),
        exceptions=tuple(
            ReviewException(
                r.values["rule"], r.values["reason"], r.values["approved_by"], r.location, r.spans
            )
            for r in values.get("exceptions") or ()
        ),
        spans=record.spans if record else {},
    )


def compile_policy(policy: Policy, project: Project) -> CompiledPolicy:
    return CompiledPolicy(policy, project.organizations)


def drafts(
    root: Path, paths: Iterable[Path]
) -> tuple[list[tuple[ReviewInput, Contribution | None]], list[Finding]]:
    texts: list[tuple[ReviewInput, Contribution | None]] = []
    findings: list[Finding] = []
    for file, shown in draft_paths(root, list(paths)):
        text, contribution, problems = load_draft(file, shown)
        findings += problems
        if text is not None:
            texts.append((text, contribution))
    return texts, findings
