"""Answers at the command line: `voice import`, `voice read`, `voice theme`, `voice redact`."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from voice.common.settings import SettingsError

if TYPE_CHECKING:
    pass

from voice.cli.base import cli_settings, main, read_waiting, who_is_here


@main.command()
@click.option(
    "--terms",
    "terms_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML lists of the partnership's own words to redact and to keep.  [env: VOICE_REDACT_TERMS_FILE]",
)
@click.option(
    "--explain",
    is_flag=True,
    help="After each line, what was removed and which recogniser found it (to this screen only).",
)
def redact(terms_file: Path | None, explain: bool) -> None:
    """Redact personal details from text: one item per line on standard input, the same lines,
    redacted, on standard output (names, schools, emails, phone numbers, postcodes, addresses,
    links, handles, dates of birth, NHS, National Insurance and PESEL numbers, vehicle
    registrations, and the words in the terms file). Helpline numbers and the terms file's `keep:`
    words stay. Nothing is logged."""
    from voice.reading.redact import explain as explain_text
    from voice.reading.redact import redact as redact_text
    from voice.web.app import redaction_terms

    try:
        terms = redaction_terms(cli_settings(redact_terms_file=str(terms_file) if terms_file else None))
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="")
    out = sys.stdout
    for line in stdin:
        end = "\n" if line.endswith("\n") else ""
        text = line.rstrip("\r\n")
        out.write(redact_text(text, terms).text + end)
        if explain:
            for found in explain_text(text, terms):
                out.write(f"    [{found.kind}] {text[found.start : found.end]!r}: {found.recogniser}\n")


@main.command("read")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def read_command(db_path: str | None) -> None:
    """Read (redact, check for safeguarding signs, theme) answers accepted but not read yet. The
    service does this by itself within seconds; this is for a database it is not serving."""
    from voice.store.db import migrate

    settings = cli_settings(db_path=db_path)
    migrate(settings.db_path)
    click.echo(f"Read {read_waiting(settings):,} answers that were waiting.")


@main.command()
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def theme(db_path: str | None) -> None:
    """Re-theme every free-text answer (after a taxonomy change). Safeguarding flags are only ever
    added: one that a rule no longer raises stays until a person closes it."""
    from voice.intake.submissions import retheme
    from voice.store.db import migrate, opened
    from voice.web.app import answer_reader_for, redaction_terms

    settings = cli_settings(db_path=db_path)
    try:
        answer_reader = answer_reader_for(settings)
        redaction_terms(settings)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    migrate(settings.db_path)
    read_waiting(settings)
    with opened(settings.db_path) as db:
        total = db.execute("SELECT count(*) FROM answers WHERE text IS NOT NULL").fetchone()[0]
        with click.progressbar(length=total, label="Theming answers", show_pos=True) as bar:
            counts = retheme(db, answer_reader, settings.safeguarding_role, progress=bar.update)
    click.echo(f"Themed {counts[0]:,} answers; {counts[1]:,} new safeguarding flags.")


@main.command("import")
@click.argument("slug")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "map_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML of column header to question id, for columns not named by question id or label.",
)
@click.option("--channel", type=click.Choice(["import", "paper", "session"]), default="import", show_default=True)
@click.option("--all-or-nothing", is_flag=True, help="Store nothing if any row is rejected.")
@click.option(
    "--date-column",
    help="The column with the day each row was answered (else Completion time, "
    "Timestamp or Ended, as Microsoft Forms, Google Forms and SmartSurvey name it).",
)
@click.option(
    "--id-column",
    help="The column with each row's own id in its source, so that importing the "
    "same rows again stores nothing new (else ID, or Google's Timestamp).",
)
@click.option("--month-first", is_flag=True, help="Dates like 9/14/2021 are month first (US exports).")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def import_command(
    slug: str,
    path: Path,
    map_file: Path | None,
    channel: str,
    all_or_nothing: bool,
    date_column: str | None,
    id_column: str | None,
    month_first: bool,
    db_path: str | None,
) -> None:
    """Import answers to survey SLUG from a CSV (UTF-8) or Excel (.xlsx) file exported by another tool,
    with a header row.

    Each row is checked like a web answer; rejected rows are listed as FILE:LINE: problem. Each answer
    keeps the day it was given (from the date column); rows imported before (same id) are not stored
    again. The import goes into the audit log.
    """

    import yaml

    from voice.intake.imports import NO_COLUMNS, ImportFileError, import_csv
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate, opened
    from voice.web.app import answer_reader_for, redaction_terms

    settings = cli_settings(db_path=db_path)
    try:
        terms, answer_reader = redaction_terms(settings), answer_reader_for(settings)
        explicit = yaml.safe_load(map_file.read_text()) if map_file else {}
    except (SettingsError, yaml.YAMLError) as exc:
        raise click.ClickException(str(exc)) from None
    if not isinstance(explicit, dict):
        raise click.ClickException(f"{map_file}: write one `column header: question_id` per line")
    migrate(settings.db_path)
    published = Catalogue(settings.db_path, settings.surveys_dir).current(slug)
    if published is None:
        raise click.ClickException(f"There is no survey `{slug}` in {settings.surveys_dir}; `voice check` lists them.")
    mapped = {str(k): str(v) for k, v in explicit.items()}
    mapped |= {column: target for column, target in ((date_column, "submitted_on"), (id_column, "source_id")) if column}
    rows = path.read_bytes().count(b"\n") - 1
    with opened(settings.db_path) as db, click.progressbar(length=max(rows, 0), label="Importing") as bar:
        try:
            result = import_csv(
                db,
                published,
                path,
                channel=channel,
                explicit=mapped,
                all_or_nothing=all_or_nothing,
                terms=terms,
                answer_reader=answer_reader,
                flag_role=settings.safeguarding_role,
                day_first=not month_first,
                by=f"{who_is_here()} (voice import)",
                progress=bar.update,
            )
        except ImportFileError as exc:
            mapping = " Or give a mapping with --map." if exc.message == NO_COLUMNS else ""
            raise click.ClickException(f"{exc}{mapping}") from None
    if result.date_column is None:
        click.echo("No date column: the answers are dated today (--date-column names one).", err=True)
    if result.id_column is None:
        click.echo(
            "No id column: importing this file again would store its rows again (--id-column names one).", err=True
        )
    for problem in result.rejected:
        click.echo(f"{path}:{problem.line}: {problem.message}")
    if result.unmatched_columns:
        click.echo(f"Columns not imported (no matching question): {', '.join(result.unmatched_columns)}", err=True)
    if result.rejected and all_or_nothing:
        click.echo(f"Nothing imported: {len(result.rejected)} row(s) rejected and --all-or-nothing was set.", err=True)
        sys.exit(1)
    before = f" {result.already:,} imported before, not stored again;" if result.already else ""
    click.echo(f"Imported {result.stored:,} row(s);{before} rejected {len(result.rejected):,}.")
    if result.rejected:
        sys.exit(1)
