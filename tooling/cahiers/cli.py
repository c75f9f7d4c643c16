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
from typing import TYPE_CHECKING

import click

from cahiers import __version__
from cahiers.errors import CahiersError

if TYPE_CHECKING:
    from cahiers import pipeline as pipeline_types

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
    help="With --format github: annotate only the lines changed since git revision REF.",
)


@cli.command()
@ROOT_OPTION
@FORMAT_OPTION
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@BASE_OPTION
def check(root: Path, fmt: str, strict: bool, base: str | None) -> None:
    """Check the repository: schema, references and review rules."""
    from cahiers import pipeline

    _report(pipeline.check(root), root, fmt, strict, base)


@cli.command()
@ROOT_OPTION
@FORMAT_OPTION
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@BASE_OPTION
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
def review(root: Path, fmt: str, strict: bool, base: str | None, paths: tuple[Path, ...]) -> None:
    """Run the sponsor-free review rules on Markdown files or folders (drafts welcome).

    Front matter is optional. The repository's policy (policy/*.yml) and registries are used.
    """
    from cahiers import pipeline

    _report(pipeline.review(root, paths), root, fmt, strict, base)


def _report(result: pipeline_types.CheckResult, root: Path, fmt: str, strict: bool,
            base: str | None) -> None:
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
