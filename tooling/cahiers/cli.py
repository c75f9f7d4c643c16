"""The `cahiers` command line: a thin layer over `cahiers.pipeline`.

Exit codes: 0 no errors; 1 findings at error level (or warning with --strict) or a failed build;
2 usage; 3 a tool or environment failure. Tracebacks are never shown (set CAHIERS_DEBUG=1 to see
one when reporting a bug).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from cahiers import __version__
from cahiers.errors import CahiersError

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path(),
    show_default=True,
    help="Repository root.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cahiers")
def cli() -> None:
    """Cahiers: check, credit and publish the working groups' papers."""


@cli.command()
@ROOT_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "markdown"]),
    default="text",
    show_default=True,
    help="Output format: text for people, json for scripts, github for workflow annotations, "
    "markdown for a pull-request summary.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(root: Path, fmt: str, strict: bool) -> None:
    """Check the repository: schema, references and review rules."""
    from cahiers import pipeline
    from cahiers.findings import has_failures
    from cahiers.report import render_findings

    result = pipeline.check(root)
    colour = fmt == "text" and sys.stdout.isatty()
    click.echo(render_findings(result.findings, fmt, colour=colour), nl=False, color=colour)
    if has_failures(result.findings, strict=strict):
        sys.exit(1)


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
def credits_command(
    root: Path, paper: str | None, fmt: str, allow_shallow: bool, output: Path | None
) -> None:
    """Credit the people behind the Cahiers: declared roles merged with the git history."""
    import warnings
    from concurrent.futures import ThreadPoolExecutor

    from cahiers.credit import ShallowHistoryWarning, credits_from_history, read_history
    from cahiers.credit.formats import FORMATS, format_credits
    from cahiers.findings import Severity
    from cahiers.load import load_project

    with warnings.catch_warnings(record=True) as caught, ThreadPoolExecutor(1) as pool:
        warnings.simplefilter("always", ShallowHistoryWarning)
        # git walks the history in its own process while the content loads: the two overlap.
        history = pool.submit(read_history, root, allow_shallow=allow_shallow)
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
        credits = credits_from_history(project, history.result(), paper=paper)
    for warned in caught:
        click.echo(f"cahiers: warning: {warned.message}", err=True)
    fmt_name = next(name for name in FORMATS if name == fmt)
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
