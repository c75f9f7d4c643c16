"""The one module that knows the order of the stages. The CLI is a thin layer over it.

load → check → (credit, render) → site, book. Heavy stages are imported lazily, so that
`cahiers check` stays fast and works where WeasyPrint's native libraries are missing.

Every entry point takes an `observer` (`cahiers.observer`): it is told when each stage starts
and ends, and how far the long loops are; by default nobody is told anything.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cahiers.atomic import write_atomically
from cahiers.cache_trust import CACHE_FOLDER, committed_cache
from cahiers.check.references import check_references
from cahiers.check.review import GrantedException, SuppressedFinding, review_project, review_texts
from cahiers.errors import BuildFailed
from cahiers.findings import Finding, has_failures, sorted_findings
from cahiers.load import load_project
from cahiers.model import Project
from cahiers.observer import SILENT, CountingBar, Observer
from cahiers.render.types import RenderOutput

if TYPE_CHECKING:
    from cahiers.credit.types import Credits

# The render stage shows a progress bar from this many documents on: fewer are placed before
# a bar could be drawn.
RENDER_BAR_MINIMUM = 20


@dataclass(frozen=True, slots=True)
class CheckResult:
    project: Project
    findings: tuple[Finding, ...]
    suppressed: tuple[SuppressedFinding, ...] = ()  # silenced by an exception (SARIF keeps them)
    exceptions: tuple[GrantedException, ...] = ()  # for reports and the transparency page
    changed_paths: tuple[str, ...] = ()  # with a base ref: the paths the change touches
    rendered: RenderOutput | None = None  # kept so that a build does not render twice


def check(
    root: Path, *, base: str | None = None, use_cache: bool = True, observer: Observer = SILENT
) -> CheckResult:
    """Load the repository and run every check; return all findings, sorted.

    The review rules read what a reader sees: the render stage's text (cached, so a warm check
    starts no pandoc process); their findings per text are cached too (`use_cache`; caches
    committed with the content are never used). With `base` (a git ref), changes to
    config-as-code paths are flagged for human review.
    """
    from cahiers import reviewing
    from cahiers.render import default_cache_dir
    from cahiers.review_cache import ReviewCache, default_review_cache_dir

    with observer.stage("load"):
        loaded = load_project(root)
    project = loaded.project
    with observer.stage("references"):
        findings = [*loaded.findings, *check_references(project)]
    untrusted = committed_cache(project.root) if use_cache else None
    if untrusted is not None:  # caches that came with the content are never read
        findings.append(untrusted)
        use_cache = False
    rendered = _render(project, default_cache_dir(project.root) if use_cache else None, observer)
    findings += rendered.findings
    with observer.stage("review"):
        policy, problems = reviewing.read_policy(project.root)
        findings += problems
        compiled = reviewing.compile_policy(policy, project)
        texts = reviewing.rendered_texts(project, rendered)
        memo = ReviewCache(default_review_cache_dir(project.root)) if use_cache else None
        report = review_project(project, texts, compiled, memo=memo)
        if memo is not None:
            memo.save()
    findings += report.findings
    if (project.root / ".git").exists():
        # Only at a repository's top level: a folder inside another repository (a test scenario,
        # a subtree) would otherwise be judged against history that is not its own.
        from cahiers.credit import credit_findings

        with observer.stage("identities"):  # the commits' authors, against the registry
            findings += credit_findings(project)
    changed: tuple[str, ...] = ()
    if base is not None:
        from cahiers.changes import changed_paths
        from cahiers.config_paths import config_change_notices

        with observer.stage("changes"):
            changed = changed_paths(project.root, base)
            findings += config_change_notices(changed)
    return CheckResult(
        project,
        tuple(sorted_findings(findings)),
        report.suppressed,
        report.exceptions,
        changed,
        rendered,
    )


def _render(project: Project, cache_dir: Path | None, observer: Observer) -> RenderOutput:
    """The render stage, with a progress bar of the documents placed (after pandoc's parse)."""
    from cahiers.render import render_project

    with (
        observer.stage("render"),
        CountingBar(observer, "Rendering", minimum=RENDER_BAR_MINIMUM) as bar,
    ):
        return render_project(project, cache_dir=cache_dir, on_progress=bar)


def review(root: Path, paths: Sequence[Path]) -> CheckResult:
    """Run the review rules on Markdown drafts (files or folders), with the repository's policy.

    The registries and the policy come from `root` when it is a Cahiers repository; a draft's
    front matter is optional.
    """
    from cahiers import reviewing

    project = Project(root.resolve(), {}, {}, {}, {})
    findings: list[Finding] = []
    if (root / "groups").is_dir():
        project = load_project(root).project
    policy, problems = reviewing.read_policy(root)
    findings += problems
    texts, problems = reviewing.drafts(root, paths)
    findings += problems
    compiled = reviewing.compile_policy(policy, project)
    report = review_texts(texts, compiled, project.people, project.organizations)
    findings += report.findings
    return CheckResult(
        project, tuple(sorted_findings(findings)), report.suppressed, report.exceptions
    )


@dataclass(frozen=True, slots=True)
class Prepared:
    """What both outputs (the site and the book) are built from."""

    project: Project
    findings: tuple[Finding, ...]  # the check's and the render stage's, sorted
    rendered: RenderOutput  # contributions by path; charters, preambles and key messages
    credits: Credits


def prepare(
    root: Path,
    checked: CheckResult | None = None,
    *,
    allow_shallow: bool = False,
    cache_dir: Path | Literal["default"] | None = "default",
    observer: Observer = SILENT,
) -> Prepared:
    """Everything the outputs need, computed once: credits (one git pass) and the rendering of
    every contribution and snippet (pandoc, cached by content under .cache/)."""
    from cahiers.credit import collect_credits
    from cahiers.render import default_cache_dir

    checked = checked or check(root, use_cache=cache_dir is not None, observer=observer)
    with observer.stage("credits"):
        credits = collect_credits(checked.project, allow_shallow=allow_shallow)
    rendered = checked.rendered
    if rendered is None:
        cache = default_cache_dir(root) if cache_dir == "default" else cache_dir
        if cache_dir == "default" and committed_cache(root.resolve()) is not None:
            cache = None
        rendered = _render(checked.project, cache, observer)
    # The check already holds the render findings when it rendered; no duplicates either way.
    findings = sorted_findings([*checked.findings, *rendered.findings])
    return Prepared(checked.project, tuple(findings), rendered, credits)


# --- build: check, prepare, then the output steps, written atomically -----------------------


@dataclass(frozen=True, slots=True)
class BuildOptions:
    engine: str = "mkdocs"  # the site generator: mkdocs or zensical
    strict: bool = False  # warnings fail the build too
    use_cache: bool = True  # the render, review and layout caches (never when committed)


@dataclass(frozen=True, slots=True)
class StepContext:
    prepared: Prepared
    staging: Path  # this build's outputs, each step in `staging / step.name`
    final: Path  # DIR, where the previous build's outputs still are
    options: BuildOptions
    observer: Observer = SILENT
    # step -> fingerprint of its inputs, recorded with its output; steps that keep theirs
    stamps: dict[str, str] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)

    def keep_previous(self, name: str, fingerprint: str) -> bool:
        """Record the fingerprint of step `name`'s complete input. True when the output in DIR
        was built from the same input: the step then writes nothing and the output stays."""
        self.stamps[name] = fingerprint
        if not self.options.use_cache:  # --no-cache: everything is built again
            return False
        previous = self.final / name
        try:
            recorded = _stamp(self.final, name).read_text(encoding="ascii")
        except (OSError, ValueError):
            return False
        if recorded != fingerprint or previous.is_symlink() or not previous.is_dir():
            return False
        self.kept.add(name)
        return True

    def output(self, name: str) -> Path | None:
        """Another step's output: this build's if it ran, else the previous build's."""
        for base in (self.staging, self.final):
            if (base / name).is_dir():
                return base / name
        return None


@dataclass(frozen=True, slots=True)
class OutputStep:
    name: str  # its folder under DIR
    run: Callable[[StepContext], None]  # writes `ctx.staging / name`


def _site_step(ctx: StepContext) -> None:
    from cahiers.site import build_site

    with ctx.observer.stage("site"):
        build_site(
            ctx.prepared,
            ctx.staging / "site",
            ctx.staging / ".site-work",
            engine=ctx.options.engine,
            pdf_dir=ctx.output("pdf"),
            keep_previous=lambda fingerprint: ctx.keep_previous("site", fingerprint),
            audit_memo=_cache_root(
                ctx.prepared.project.root, ctx.options.use_cache, "site-audit.json"
            ),
        )


def _cache_root(root: Path, use_cache: bool, name: str) -> Path | None:
    """`<root>/.cache/cahiers/<name>`, unless caches are off or came with the content."""
    if not use_cache or committed_cache(root) is not None:
        return None
    return root / CACHE_FOLDER / "cahiers" / name


def output_steps() -> list[OutputStep]:
    """The outputs, in order: a step may use what an earlier one wrote (the site copies the
    PDFs, so the book's step goes before it)."""
    return [OutputStep("pdf", _pdf_step), OutputStep("site", _site_step)]


# --- the printed Cahier (cahiers.book) --------------------------------------------------------

if TYPE_CHECKING:
    from cahiers.book import (
        BookContent,
        BookReport,
        BookSources,
        LayoutCache,
        Progress,
        Renderer,
    )
    from cahiers.book.profiles import Profile, ProfileName


def book_sources(prepared: Prepared, paper: str) -> BookSources:
    from cahiers.book import BookSources

    rendered = prepared.rendered
    return BookSources(
        project=prepared.project,
        paper=prepared.project.papers[paper],
        rendered=rendered.contributions,
        credits=prepared.credits,
        charters=rendered.charters,
        preambles=rendered.preambles,
        key_messages=rendered.key_messages,
    )


def write_book(
    prepared: Prepared,
    paper: str,
    profile: Profile,
    folder: Path,
    *,
    renderer: Renderer,
    final: bool = False,
    progress: Progress | None = None,
    use_cache: bool = True,
    content: BookContent | None = None,
) -> tuple[Path, BookReport]:
    """Build one PDF of `paper` into `folder` (atomically): `<paper>.pdf` or `<paper>-print.pdf`.
    With `use_cache`, unchanged segments come from the layout cache (unless it was committed);
    `content`: the paper's assembled content, when the caller builds several profiles."""
    from cahiers.book import pdf_filename, write_pdf

    target = folder / pdf_filename(paper, profile.name)
    sources = book_sources(prepared, paper)
    cache = layout_cache_for(prepared.project.root, use_cache=use_cache)
    report = write_pdf(
        sources,
        profile,
        target,
        renderer=renderer,
        final=final,
        progress=progress,
        cache=cache,
        content=content,
    )
    return target, report


def layout_cache_for(root: Path, *, use_cache: bool = True) -> LayoutCache | None:
    """The layout cache under `root`, unless caches are off or came with the content."""
    from cahiers.book import LayoutCache

    folder = _cache_root(root, use_cache, "layout")  # default_layout_cache_dir(root)
    return LayoutCache(folder) if folder is not None else None


def _pdf_step(ctx: StepContext) -> None:
    """Both profiles of every paper: OUT/pdf/<paper>.pdf (screen), OUT/pdf/<paper>-print.pdf."""
    from concurrent.futures import ThreadPoolExecutor

    from cahiers.book import PROFILES, Profile, Renderer, assemble
    from cahiers.book.console import StderrProgress

    folder = ctx.staging / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    # The editions of a paper are built side by side, sharing the layout processes: while one
    # waits for its layouts, the other assembles or joins, and after an edit each lays out its
    # changed segment on a core of its own. Each PDF is the same bytes as when built alone.
    # Side by side, each edition reports one line per stage (no live bar: two would fight).
    observer = ctx.observer

    def edition(paper: str, name: ProfileName, content: BookContent) -> None:
        label = f"pdf {paper} ({name})"
        with observer.stage(label):
            write_book(
                ctx.prepared,
                paper,
                Profile(name),
                folder,
                renderer=renderer,
                progress=StderrProgress(label, quiet=observer.quiet, live=False),
                use_cache=ctx.options.use_cache,
                content=content,
            )

    with Renderer() as renderer, ThreadPoolExecutor(len(PROFILES)) as editions:
        for paper in sorted(ctx.prepared.project.papers):
            content = assemble(book_sources(ctx.prepared, paper))  # the same for both profiles
            builds = [editions.submit(edition, paper, name, content) for name in PROFILES]
            for built in builds:
                built.result()


@dataclass(frozen=True, slots=True)
class BuildResult:
    findings: tuple[Finding, ...]
    outputs: tuple[str, ...]  # folders written under DIR; empty when the check failed


def build(
    root: Path,
    out: Path,
    *,
    only: Collection[str] | None = None,
    options: BuildOptions = BuildOptions(),  # frozen: a safe default
    observer: Observer = SILENT,
) -> BuildResult:
    """Check, stop on failures; prepare (credits, render), stop on failures; else write the
    outputs into `out` atomically."""
    steps = select_steps(only)
    checked = check(root, use_cache=options.use_cache, observer=observer)
    if has_failures(checked.findings, strict=options.strict):
        return BuildResult(checked.findings, ())
    if any(step.name == "pdf" for step in steps):
        from cahiers.book.runner import warm_up

        warm_up()  # the PDF's layout processes import WeasyPrint while credits and render run
    prepared = prepare(
        root, checked, cache_dir="default" if options.use_cache else None, observer=observer
    )
    if has_failures(prepared.findings, strict=options.strict):  # e.g. a broken link
        return BuildResult(prepared.findings, ())
    write_outputs(prepared, out, steps, options, observer)
    return BuildResult(prepared.findings, tuple(step.name for step in steps))


def select_steps(only: Collection[str] | None) -> list[OutputStep]:
    steps = output_steps()
    unknown = set(only or ()) - {step.name for step in steps}
    if unknown:
        raise ValueError(f"unknown output(s): {', '.join(sorted(unknown))}")
    return [step for step in steps if only is None or step.name in only]


def write_outputs(
    prepared: Prepared,
    out: Path,
    steps: list[OutputStep],
    options: BuildOptions,
    observer: Observer = SILENT,
) -> None:
    """Run `steps` into a temporary folder inside `out`, then swap each output into place.
    A failed step leaves every previous output untouched."""
    # Absolute: mkdocs resolves a relative site_dir against its config file's folder.
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".cahiers-build-", dir=out))
    stamps: dict[str, str] = {}
    kept: set[str] = set()
    try:
        for step in steps:
            step.run(StepContext(prepared, staging, out, options, observer, stamps, kept))
            if step.name not in kept and not (staging / step.name).is_dir():
                raise BuildFailed(f"the {step.name} step wrote nothing")
        for step in steps:
            if step.name in kept:
                continue
            # Unstamped while it changes: a crash between the two leaves no stale stamp.
            _stamp(out, step.name).unlink(missing_ok=True)
            _swap(staging / step.name, out / step.name, staging / f".previous-{step.name}")
            if step.name in stamps:
                _write_stamp(_stamp(out, step.name), stamps[step.name])
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _stamp(out: Path, step: str) -> Path:
    """Where the fingerprint of a step's input is kept, beside its output."""
    return out / STAMPS / f"{step}.input"


STAMPS = ".cahiers"


def _write_stamp(path: Path, fingerprint: str) -> None:
    write_atomically(path, fingerprint.encode("ascii"))


def _swap(new: Path, target: Path, previous: Path) -> None:
    """Two renames on one file system: readers see the old output or the new, never a mix."""
    if target.is_symlink() or target.is_file():
        target.unlink()
    if target.exists():
        target.replace(previous)
    try:
        new.replace(target)
    except OSError:
        if previous.exists():
            previous.replace(target)
        raise
