"""The `cahiers` command line: a thin layer over `cahiers.pipeline`."""

from __future__ import annotations

import click

from cahiers import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cahiers")
def cli() -> None:
    """Cahiers: check, credit and publish the working groups' papers."""


def main() -> None:
    cli()
