"""`voice check`: survey files, every problem with its file and line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from voice.surveys.files import check_paths

if TYPE_CHECKING:
    pass

from voice.cli.base import cli_settings, main


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Check survey files (default: the surveys folder). One line per problem:

    FILE:LINE: $.path.to.field: what is wrong
    """
    targets = list(paths) or [Path(cli_settings().surveys_dir)]
    loaded, problems = check_paths(targets)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        files = len({p.file for p in problems})
        click.echo(f"{len(problems)} problem(s) in {files} file(s); {len(loaded)} file(s) OK.", err=True)
        sys.exit(1)
    if not loaded:
        click.echo("No survey files found (they end in .yaml or .yml).", err=True)
        sys.exit(1)
    click.echo(f"{len(loaded)} survey file(s) OK: {', '.join(s.slug for s in loaded)}")
