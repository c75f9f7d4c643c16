"""The `cahiers` command line: a thin layer over `cahiers.pipeline`.

Exit codes: 0 no errors; 1 findings at error level (or warning with --strict) or a failed build;
2 usage; 3 a tool or environment failure. Tracebacks are never shown (set CAHIERS_DEBUG=1 to see
one when reporting a bug).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from cahiers import __version__
from cahiers.errors import CahiersError

if TYPE_CHECKING:
    from cahiers import pipeline as pipeline_types
    from cahiers.progress import Feedback

Command = TypeVar("Command", bound=Callable[..., None])

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path(),
    show_default=True,
    help="Repository root.",
)


def feedback_options(command: Command) -> Command:
    """`--quiet` and `--verbose`, for the commands that take a while."""
    command = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        help="Print each stage's wall time, and the total, on stderr.",
    )(command)
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="Print no progress on stderr, only problems (for CI).",
    )(command)


@contextmanager
def feedback(quiet: bool, verbose: bool) -> Iterator[Feedback]:
    """The command's feedback on stderr; with --verbose, the total time when it ends."""
    from cahiers.progress import Feedback

    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")
    shown = Feedback(quiet=quiet, verbose=verbose)
    try:
        yield shown
    except SystemExit:  # the command ran, and exits 1 on findings: its time is still wanted
        shown.summary()
        raise
    shown.summary()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cahiers")
def cli() -> None:
    """Cahiers: check, credit and publish the working groups' papers."""


FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "markdown", "sarif"]),
    default="text",
    show_default=True,
    help="Output format: text for people, json for scripts, github for workflow annotations, "
    "markdown for a pull-request summary, sarif for code-scanning tools.",
)
BASE_OPTION = click.option(
    "--base",
    metavar="REF",
    help="Git ref the pull request targets (e.g. origin/main): flags config-as-code changes, "
    "and with --format github annotates only the lines changed since REF.",
)


@cli.command()
@ROOT_OPTION
@FORMAT_OPTION
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@BASE_OPTION
@click.option("--no-cache", is_flag=True, help="Render every contribution again.")
@feedback_options
def check(
    root: Path, fmt: str, strict: bool, base: str | None, no_cache: bool, quiet: bool, verbose: bool
) -> None:
    """Check the repository: schema, references and review rules."""
    from cahiers import pipeline

    with feedback(quiet, verbose) as shown:
        result = pipeline.check(root, base=base, use_cache=not no_cache, observer=shown)
        _report(result, root, fmt, strict, base)


@cli.command()
@ROOT_OPTION
@FORMAT_OPTION
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@BASE_OPTION
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def review(root: Path, fmt: str, strict: bool, base: str | None, paths: tuple[Path, ...]) -> None:
    """Run the sponsor-free review rules on Markdown files or folders (drafts welcome).

    Front matter is optional. The repository's policy (policy/*.yml) and registries are used.
    """
    from cahiers import pipeline

    _report(pipeline.review(root, paths), root, fmt, strict, base)


def _report(
    result: pipeline_types.CheckResult, root: Path, fmt: str, strict: bool, base: str | None
) -> None:
    from cahiers.findings import has_failures
    from cahiers.report import render_findings

    changed = None
    if base is not None and fmt == "github":
        from cahiers.changes import changed_lines

        changed = changed_lines(root, base)
    suppressed = [(s.finding, s.exception.reason) for s in result.suppressed]
    colour = fmt == "text" and sys.stdout.isatty()
    output = render_findings(
        result.findings, fmt, colour=colour, suppressed=suppressed, changed=changed
    )
    click.echo(output, nl=False, color=colour)
    if has_failures(result.findings, strict=strict):
        sys.exit(1)


@cli.command("rules")
@ROOT_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
def rules_command(root: Path, fmt: str) -> None:
    """List the review rules: id, severity (from the repository's policy) and documentation."""
    from cahiers.rules_doc import render_rules

    click.echo(render_rules(root, fmt), nl=False)


@cli.command("credits")
@ROOT_OPTION
@click.option("--paper", metavar="SLUG", help="Credit one paper instead of the whole project.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "cff"]),
    default="text",
    show_default=True,
    help="text and json (with unknown identities) for editors; markdown and cff (a CITATION.cff "
    "for --paper) to publish.",
)
@click.option(
    "--allow-shallow",
    is_flag=True,
    help="Accept a shallow clone: incomplete credits, marked `shallow` and warned about.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of standard output.",
)
@feedback_options
def credits_command(
    root: Path,
    paper: str | None,
    fmt: str,
    allow_shallow: bool,
    output: Path | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Credit the people behind the Cahiers: declared roles merged with the git history."""
    with feedback(quiet, verbose) as shown:
        _credits(root, paper, fmt, allow_shallow, output, shown)


def _credits(
    root: Path,
    paper: str | None,
    fmt: str,
    allow_shallow: bool,
    output: Path | None,
    shown: Feedback,
) -> None:
    import warnings
    from concurrent.futures import ThreadPoolExecutor

    from cahiers.credit import ShallowHistoryWarning, credits_from_history, read_history
    from cahiers.credit.formats import FORMATS, format_credits
    from cahiers.findings import Severity
    from cahiers.load import load_project

    with warnings.catch_warnings(record=True) as caught, ThreadPoolExecutor(1) as pool:
        warnings.simplefilter("always", ShallowHistoryWarning)
        # git walks the history in its own process while the content loads: the two overlap,
        # so `load` is the loading alone and `credits` what is left of git's walk after it.
        history = pool.submit(read_history, root, allow_shallow=allow_shallow)
        with shown.stage("load"):
            loaded = load_project(root)
        project = loaded.project
        errors = sum(1 for f in loaded.findings if f.severity is Severity.ERROR)
        if errors:
            click.echo(f"cahiers: warning: {errors} content errors; run `cahiers check`", err=True)
        if paper is None and fmt == "cff" and len(project.papers) == 1:
            paper = next(iter(project.papers))
        if paper is None and fmt == "cff":
            raise click.BadParameter("CITATION.cff describes one paper: give --paper SLUG")
        if paper is not None and paper not in project.papers:
            known = ", ".join(sorted(project.papers)) or "none"
            raise click.BadParameter(
                f"unknown paper `{paper}` (known: {known})", param_hint="--paper"
            )
        with shown.stage("credits"):
            credits = credits_from_history(project, history.result(), paper=paper)
    for warned in caught:
        click.echo(f"cahiers: warning: {warned.message}", err=True)
    fmt_name = next(name for name in FORMATS if name == fmt)
    with shown.stage("format"):
        text = format_credits(credits, project, fmt_name, paper=paper)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@cli.group()
def new() -> None:
    """Write a skeleton group, contribution or paper that passes `cahiers check`."""


@new.command("group")
@ROOT_OPTION
@click.argument("slug")
@click.option("--title", required=True, help="Title of the group.")
@click.option("--chair", required=True, help="Person id of the chair (groups/people.yml).")
@click.option("--association", required=True, help="Organisation id of the owning association.")
def new_group(root: Path, slug: str, title: str, chair: str, association: str) -> None:
    """Create groups/SLUG/group.yml."""
    from cahiers import scaffold

    _write_new(
        root, f"groups/{slug}/group.yml", scaffold.group_yml(title, chair, association, _today())
    )


@new.command("contribution")
@ROOT_OPTION
@click.argument("group")
@click.argument("slug")
@click.option("--title", required=True, help="Title of the contribution.")
@click.option("--author", required=True, help="Person id of the author (groups/people.yml).")
def new_contribution(root: Path, group: str, slug: str, title: str, author: str) -> None:
    """Create groups/GROUP/SLUG.md."""
    from cahiers import scaffold

    if not (root / "groups" / group / "group.yml").is_file():
        raise click.BadParameter(
            f"no group `{group}` (groups/{group}/group.yml)", param_hint="GROUP"
        )
    _write_new(root, f"groups/{group}/{slug}.md", scaffold.contribution_md(title, author))


@new.command("paper")
@ROOT_OPTION
@click.argument("slug")
@click.option("--title", required=True, help="Title of the paper.")
@click.option("--editor", required=True, help="Person id of the editor (groups/people.yml).")
@click.option("--association", required=True, help="Organisation id of the publishing association.")
def new_paper(root: Path, slug: str, title: str, editor: str, association: str) -> None:
    """Create papers/SLUG/paper.yml and its preamble."""
    from cahiers import scaffold

    _write_new(
        root, f"papers/{slug}/paper.yml", scaffold.paper_yml(title, editor, association, _today())
    )
    _write_new(root, f"papers/{slug}/preamble.md", scaffold.PREAMBLE_MD)


@cli.command()
@ROOT_OPTION
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 when .github/CODEOWNERS is out of date.",
)
def codeowners(root: Path, check_only: bool) -> None:
    """Generate .github/CODEOWNERS: chairs own their group, editors the papers and the config."""
    import difflib

    from cahiers.codeowners import CODEOWNERS_PATH, render_codeowners
    from cahiers.findings import Severity
    from cahiers.load import load_project

    loaded = load_project(root)
    errors = [f for f in loaded.findings if f.severity is Severity.ERROR]
    if errors:
        raise click.ClickException(
            f"the repository has {len(errors)} error(s): CODEOWNERS would be incomplete; "
            "run `cahiers check` and fix them first"
        )
    expected = render_codeowners(loaded.project)
    target = root / CODEOWNERS_PATH
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if check_only:
        if current != expected:
            diff = difflib.unified_diff(
                current.splitlines(keepends=True),
                expected.splitlines(keepends=True),
                f"{CODEOWNERS_PATH} (committed)",
                f"{CODEOWNERS_PATH} (generated)",
            )
            click.echo("".join(diff), err=True, nl=False)
            click.echo(f"{CODEOWNERS_PATH} is out of date: run `cahiers codeowners`", err=True)
            sys.exit(1)
        click.echo(f"{CODEOWNERS_PATH} is up to date")
        return
    if current == expected:
        click.echo(f"{CODEOWNERS_PATH} is up to date")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(expected.encode("utf-8"))
    click.echo(f"wrote {CODEOWNERS_PATH}")


@cli.command()
@ROOT_OPTION
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Output folder of `cahiers build`, checked for write access.",
)
def doctor(root: Path, out: Path) -> None:
    """Check this machine's tools for building the Cahiers; print the fix of each problem."""
    from cahiers.doctor import failed, render_report, run_doctor

    diagnoses = run_doctor(root, out)
    colour = sys.stdout.isatty()
    click.echo(render_report(diagnoses, colour=colour), nl=False, color=colour)
    if failed(diagnoses):
        sys.exit(3)


# --- the site and the build (cahiers.site) -------------------------------------------------

OUT_OPTION = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Output folder: the site goes to OUT/site, the PDFs to OUT/pdf.",
)
ENGINE_OPTION = click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="Site generator: mkdocs-material, or its successor Zensical.",
)


NO_CACHE_OPTION = click.option(
    "--no-cache",
    is_flag=True,
    help="Render and lay out everything again: no render, review or layout cache.",
)


def _build(
    root: Path,
    out: Path,
    only: list[str] | None,
    engine: str,
    strict: bool,
    no_cache: bool,
    shown: Feedback,
) -> None:
    from cahiers import pipeline
    from cahiers.findings import has_failures
    from cahiers.report import render_findings

    options = pipeline.BuildOptions(engine=engine, strict=strict, use_cache=not no_cache)
    result = pipeline.build(root, out, only=only, options=options, observer=shown)
    if result.findings:
        colour = sys.stdout.isatty()
        click.echo(render_findings(result.findings, "text", colour=colour), nl=False, color=colour)
    if has_failures(result.findings, strict=strict):
        click.echo("cahiers: the check failed; nothing was built", err=True)
        sys.exit(1)
    for name in result.outputs:
        click.echo(f"built {out / name}")


@cli.command()
@ROOT_OPTION
@OUT_OPTION
@ENGINE_OPTION
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@NO_CACHE_OPTION
@feedback_options
def build(
    root: Path, out: Path, engine: str, strict: bool, no_cache: bool, quiet: bool, verbose: bool
) -> None:
    """Check, then build every output (the site, the PDFs) into OUT, atomically."""
    with feedback(quiet, verbose) as shown:
        _build(root, out, None, engine, strict, no_cache, shown)


@cli.command()
@ROOT_OPTION
@OUT_OPTION
@ENGINE_OPTION
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@NO_CACHE_OPTION
@feedback_options
def site(
    root: Path, out: Path, engine: str, strict: bool, no_cache: bool, quiet: bool, verbose: bool
) -> None:
    """Check, then build the site alone into OUT/site (with the PDFs already in OUT/pdf)."""
    with feedback(quiet, verbose) as shown:
        _build(root, out, ["site"], engine, strict, no_cache, shown)


# --- the printed Cahier (cahiers.book) -----------------------------------------------------


@cli.command()
@ROOT_OPTION
@OUT_OPTION
@click.argument("paper")
@click.option(
    "--profile",
    type=click.Choice(["screen", "print"]),
    default="screen",
    show_default=True,
    help="screen: tagged PDF with coloured links; print: bleed, crop marks, mirrored margins.",
)
@click.option(
    "--final",
    is_flag=True,
    help="Refuse to build (and list them) if a contribution is not approved, instead of "
    "printing a DOCUMENT DE TRAVAIL watermark.",
)
@click.option(
    "--trim",
    default="A4",
    show_default=True,
    help="Trim size of the page: A4, A5, B5, US-Letter, or WIDTHxHEIGHT in mm (170x240).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Layout processes (default: one per available CPU). The PDF is the same for any value.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings of the check too.")
@NO_CACHE_OPTION
@feedback_options
def pdf(
    root: Path,
    out: Path,
    paper: str,
    profile: str,
    final: bool,
    trim: str,
    jobs: int | None,
    strict: bool,
    no_cache: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Build the PDF of PAPER into OUT/pdf/PAPER.pdf (screen) or OUT/pdf/PAPER-print.pdf."""
    with feedback(quiet, verbose) as shown:
        _pdf(root, out, paper, profile, final, trim, jobs, strict, no_cache, shown)


def _pdf(
    root: Path,
    out: Path,
    paper: str,
    profile: str,
    final: bool,
    trim: str,
    jobs: int | None,
    strict: bool,
    no_cache: bool,
    shown: Feedback,
) -> None:
    from cahiers import pipeline
    from cahiers.book import Profile, Renderer, parse_trim
    from cahiers.book.console import StderrProgress
    from cahiers.book.profiles import TrimError
    from cahiers.findings import has_failures
    from cahiers.report import render_findings

    try:
        trim_size = parse_trim(trim)
    except TrimError as exc:
        raise click.BadParameter(str(exc), param_hint="--trim") from exc
    use_cache = not no_cache
    checked = pipeline.check(root, use_cache=use_cache, observer=shown)
    if paper not in checked.project.papers:
        known = ", ".join(sorted(checked.project.papers)) or "none"
        raise click.BadParameter(f"no paper `{paper}` (papers: {known})", param_hint="PAPER")
    prepared = pipeline.prepare(
        root, checked, cache_dir="default" if use_cache else None, observer=shown
    )
    if prepared.findings:
        colour = sys.stdout.isatty()
        click.echo(
            render_findings(prepared.findings, "text", colour=colour), nl=False, color=colour
        )
    if has_failures(prepared.findings, strict=strict):
        click.echo("cahiers: the check failed; no PDF was built", err=True)
        sys.exit(1)
    label = f"pdf {paper} ({profile})"
    with (
        shown.stage(label),
        Renderer(jobs) as renderer,
        StderrProgress(label, quiet=shown.quiet, bars=shown) as progress,
    ):
        target, built = pipeline.write_book(
            prepared,
            paper,
            Profile("print" if profile == "print" else "screen", trim_size),
            out / "pdf",
            renderer=renderer,
            final=final,
            progress=progress,
            use_cache=use_cache,
        )
    draft = " (DOCUMENT DE TRAVAIL)" if built.draft else ""
    click.echo(f"wrote {target}: {built.pages} pages in {built.seconds:.1f} s{draft}")


@cli.command()
@ROOT_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--pdf-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/pdf"),
    show_default=True,
    help="Where to find PDFs to offer for download.",
)
def serve(root: Path, host: str, port: int, pdf_dir: Path) -> None:
    """Live preview of the site: rebuilds when groups/, papers/ or mkdocs.yml change."""
    from cahiers import pipeline
    from cahiers.site.preview import serve as serve_preview

    click.echo(f"serving http://{host}:{port}/ (Ctrl-C to stop)")
    serve_preview(
        root,
        lambda: pipeline.prepare(root, allow_shallow=True),
        host=host,
        port=port,
        pdf_dir=pdf_dir,
        echo=click.echo,
    )


def _today() -> dt.date:
    # Scaffolding is the one place where "today" is the right date: it is a suggestion the
    # author edits, never an output of a build.
    return dt.date.today()


def _write_new(root: Path, relpath: str, text: str) -> None:
    from cahiers.load.schema import SLUG_RE

    *folders, name = relpath.split("/")[1:]
    for part in [*folders, name.rsplit(".", 1)[0]]:
        if part not in ("group", "paper", "preamble") and not SLUG_RE.match(part):
            raise click.BadParameter(
                f"`{part}` is not a valid slug: use lowercase ASCII letters, digits and `-`"
            )
    target = root / relpath
    if target.exists():
        raise click.ClickException(f"{relpath} already exists; not overwriting it")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {relpath}")


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else 1)
    except CahiersError as exc:
        click.echo(f"cahiers: {exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # never a traceback for users; keep one for bug reports
        if os.environ.get("CAHIERS_DEBUG"):
            raise
        click.echo(
            f"cahiers: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in Cahiers; rerun with CAHIERS_DEBUG=1 and report the traceback.",
            err=True,
        )
        sys.exit(3)
