"""`voice priorities import` and `voice export you-said-we-did`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    pass

from voice.cli.base import cli_settings, main, read_waiting, taxonomy_in_use
from voice.reporting.formats import FORMATS


class FormatChoice(click.Choice):
    """The formats of voice.reporting.formats, or all; any other is refused in the words `voice export`
    always used."""

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if value not in self.choices:
            raise click.BadParameter(
                f"unknown format {value!r}; use one of: {', '.join(FORMATS)} or all", ctx, param_hint="--format"
            )
        return value


@main.group("priorities")
def priorities_group() -> None:
    """The partnership's priorities for a business year."""


@priorities_group.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by", default="import", show_default=True, help="Who is importing, for the audit log.")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def priorities_import(path: Path, by: str, db_path: str | None) -> None:
    """Import a year's priorities (and any actions) from a YAML file. Priorities with the same id in that
    year are updated, and so are actions with the same id (or title, when they have no id): importing a
    file again changes what changed and adds nothing twice. Every problem is listed at once, as
    FILE:LINE: $.path: message."""
    from voice.reporting.priorities import import_plan, load_plan
    from voice.store.db import migrate, opened
    from voice.surveys.files import SurveyFileError

    settings = cli_settings(db_path=db_path)
    taxonomy = taxonomy_in_use(settings)
    try:
        plan = load_plan(path, taxonomy)
    except SurveyFileError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    migrate(settings.db_path)
    with opened(settings.db_path) as db:
        stored = import_plan(db, plan, taxonomy, by)
    click.echo(f"Imported {stored[0]} priorities for {plan.year}; actions: {stored[1]} added, {stored[2]} updated.")


@main.group("export")
def export_group() -> None:
    """Make files to publish."""


@export_group.command("you-said-we-did")
@click.option("--year", required=True, help="Business year, e.g. 2021/22.")
@click.option("--survey", help="Only this consultation (survey slug).")
@click.option(
    "--format",
    "formats",
    multiple=True,
    default=["html"],
    show_default=True,
    metavar="TEXT",
    type=FormatChoice([*FORMATS, "all"]),
    help=f"{', '.join(FORMATS)} or all; repeat for several.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("exports"),
    show_default=True,
    help="Folder to write into.",
)
@click.option("--locale", default="en", show_default=True, help="Language of the words around the figures.")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def export_you_said(
    year: str, survey: str | None, formats: tuple[str, ...], out_dir: Path, locale: str, db_path: str | None
) -> None:
    """Write the year's (or one consultation's) "you said, we did" as web page, PDF, Word section,
    Markdown, CSV or JSON. Numbers under the small-group threshold are never written."""
    from voice.common.settings import SettingsError
    from voice.reporting.exports import ExportError, report_css
    from voice.reporting.formats import write
    from voice.reporting.outputs import build_report, check_published
    from voice.reporting.partnership import partnership_for
    from voice.reporting.priorities import check_year
    from voice.store.db import migrate, opened

    chosen = list(FORMATS) if "all" in formats else list(dict.fromkeys(formats))
    try:
        year = check_year(year)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--year") from None
    settings = cli_settings(db_path=db_path)
    if not Path(settings.db_path).exists():
        raise click.ClickException(f"There is no database at {settings.db_path}.")
    taxonomy = taxonomy_in_use(settings)
    try:
        partnership = partnership_for(settings)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    migrate(settings.db_path)
    if read := read_waiting(settings):  # every answer accepted so far counts
        click.echo(f"Read {read:,} answers that were waiting.")
    with opened(settings.db_path) as db:
        if survey and not db.execute("SELECT 1 FROM survey_versions WHERE slug = ?", [survey]).fetchone():
            raise click.BadParameter(f"there is no survey `{survey}` in the database", param_hint="--survey")
        # A year that is published: the files say whether they match what young people read, or what changed.
        report = check_published(
            db,
            build_report(db, year, taxonomy, survey=survey, threshold=settings.min_group_size, partnership=partnership),
        )
    css = report_css(settings.static_dir)
    try:
        written = write(report, chosen, out_dir, locale, css)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"Cannot write to {out_dir}: {exc.strerror}") from None
    for path in written:
        click.echo(f"Wrote {path} ({path.stat().st_size:,} bytes)")
