"""`voice backup`, `voice restore`, `voice purge`: the database file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:

    pass

from voice.cli.base import cli_settings, main


@main.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def backup_command(target: Path, db_path: str | None) -> None:
    """Copy the database to TARGET, safely while the service is running."""
    import sqlite3

    from voice.intake.operations import backup

    settings = cli_settings(db_path=db_path)
    if not Path(settings.db_path).exists():
        raise click.ClickException(f"There is no database at {settings.db_path}.")
    try:
        pages = backup(settings.db_path, target)
    except (sqlite3.Error, OSError) as exc:
        raise click.ClickException(f"The backup to {target} failed: {exc}. Nothing was replaced.") from None
    click.echo(f"Backed up {settings.db_path} to {target} ({pages:,} pages, integrity check ok).")


@main.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def restore_command(backup_file: Path, yes: bool, db_path: str | None) -> None:
    """Replace the database with BACKUP_FILE (made by `voice backup`). The database as it was is kept
    beside it first (<db>.before-restore-DATE), so this can be undone."""
    import sqlite3

    from voice.intake.operations import RestoreError, restore
    from voice.store.db import migrate
    from voice.store.health import cause

    settings = cli_settings(db_path=db_path)
    folder = Path(settings.db_path).parent
    if not folder.is_dir():
        raise click.ClickException(f"There is no folder {folder} for the database: create it, or give another "
                                   "--db. Nothing was restored.")
    if not yes:
        click.confirm(f"Replace everything in {settings.db_path} with {backup_file}?", abort=True)
    try:
        kept = restore(backup_file, settings.db_path)
        migrate(settings.db_path)  # a backup from an older version gets the newer tables
    except RestoreError as exc:
        raise click.ClickException(str(exc)) from None
    except (sqlite3.Error, OSError) as exc:
        raise click.ClickException(f"Restoring into {settings.db_path} failed: {cause(exc)}.") from None
    was = f"The database as it was is in {kept}." if kept else f"There was no database at {settings.db_path} before."
    click.echo(f"Restored {backup_file} into {settings.db_path}. {was}")


@main.command("purge")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def purge_command(db_path: str | None) -> None:
    """Delete what has passed its keeping time: unfinished answers, texts as typed, staff sessions, the
    details of closed requests for contact, answers (VOICE_ANSWER_DAYS)."""
    from voice.intake.operations import purge_as_set
    from voice.store.db import migrate

    settings = cli_settings(db_path=db_path)
    migrate(settings.db_path)
    done = purge_as_set(settings)
    click.echo(f"Deleted {done.drafts} expired unfinished answers, {done.original_texts} texts as typed, "
               f"{done.staff_sessions} old staff sessions, {done.answers} responses past their keeping time; "
               f"wiped the details of {done.contact_details} closed requests for contact.")
