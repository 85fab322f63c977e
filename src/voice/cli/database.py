"""`voice backup`, `voice restore`, `voice migrate`, `voice purge`: the database file."""

from __future__ import annotations

from pathlib import Path

import click

from voice.cli.base import DB_OPTION, cli_settings, main


@main.command("backup")
@click.argument("target", required=False, type=click.Path(path_type=Path))
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    help="Dated copies to keep in the folder (the newest).  [env: VOICE_BACKUP_KEEP]",
)
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def backup_command(target: Path | None, keep: int | None, db_path: str | None) -> None:
    """Copy the database, safely while the service is running, and check the copy.

    With no TARGET, or a folder, the copy is dated (voice-YYYY-MM-DD-HHMMSS.db) in VOICE_BACKUP_DIR (or that
    folder), and only the newest VOICE_BACKUP_KEEP dated copies are kept there: run it from a timer. With a
    file name, the copy is that file. Either way the database notes when, for /healthz and /metrics."""
    import sqlite3

    from voice.intake.operations import backup, dated_backup, note_backup

    settings = cli_settings(db_path=db_path)
    if not Path(settings.db_path).exists():
        raise click.ClickException(f"There is no database at {settings.db_path}.")
    folder = target if target is not None and target.is_dir() else None
    if target is None:
        folder = Path(settings.backup_dir) if settings.backup_dir else Path(settings.db_path).parent / "backups"
    removed: list[Path] = []
    try:  # the database is copied as it is, never changed first (a copy before an upgrade stays one)
        if folder is not None:
            made, pages, removed = dated_backup(settings.db_path, folder, keep or settings.backup_keep)
        else:
            assert target is not None
            made, pages = target, backup(settings.db_path, target)
        noted = note_backup(settings.db_path, made, pages)
    except (sqlite3.Error, OSError) as exc:
        where = folder if folder is not None else target
        raise click.ClickException(f"The backup to {where} failed: {exc}. Nothing was replaced or deleted.") from None
    click.echo(
        f"Backed up {Path(settings.db_path).resolve()} to {made.resolve()} ({pages:,} pages, integrity check ok)."
    )
    if not noted:
        click.echo(
            "The database is from an older version of voice, so this backup is not noted in it for /healthz "
            "(run `voice migrate` after upgrading)."
        )
    if removed:
        click.echo(f"Deleted {len(removed)} older copies, keeping the newest {keep or settings.backup_keep}.")


@main.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@click.option(
    "--while-serving",
    is_flag=True,
    help="Restore even though `voice serve` is serving the database "
    "(answers sent since the backup are then only in the copy kept aside).",
)
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def restore_command(backup_file: Path, yes: bool, while_serving: bool, db_path: str | None) -> None:
    """Replace the database with BACKUP_FILE (made by `voice backup`). Stop the service first. The
    database as it was is kept beside it first (<db>.before-restore-DATE-TIME), so this can be undone."""
    import sqlite3

    from voice.cli.server import serving_process
    from voice.intake.operations import RestoreError, restore
    from voice.store.db import migrate
    from voice.store.health import cause

    settings = cli_settings(db_path=db_path)
    folder = Path(settings.db_path).parent
    if not folder.is_dir():
        raise click.ClickException(
            f"There is no folder {folder} for the database: create it, or give another --db. Nothing was restored."
        )
    serving = serving_process(settings.db_path)
    if serving is not None and not while_serving:
        raise click.ClickException(
            f"voice serve (process {serving or 'unknown'}) is serving {settings.db_path}: stop it first "
            "(systemctl stop voice), then restore. Restoring under it would take away every answer sent since the "
            "backup without a word. Nothing was restored."
        )
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


@main.command("migrate")
@click.option("--create", is_flag=True, help="Make a new, empty database if there is none at the path.")
@DB_OPTION
def migrate_command(create: bool, db_path: str | None) -> None:
    """Bring the database up to this version of voice (`voice serve` does it too when it starts). Run it
    after upgrading, with the service stopped and a backup made. Either every change is made or, if one
    fails, none is: the database is then exactly as it was."""
    from voice.store.db import migrate, opened
    from voice.store.migrations import migrations

    settings = cli_settings(db_path=db_path)
    existed = Path(settings.db_path).exists()
    if not existed and not create:  # a wrong VOICE_DB_PATH must not look like a successful upgrade
        raise click.ClickException(
            f"There is no database at {Path(settings.db_path).resolve()}: check VOICE_DB_PATH "
            "or --db. Nothing was made (add --create to make a new, empty one)."
        )
    pending: list[str] = []
    if existed:
        with opened(settings.db_path) as db:
            pending = [m.name for m in migrations.pending(db)]
    try:
        migrate(settings.db_path)
    except Exception as exc:  # noqa: BLE001 - whatever failed: say so, and that nothing was changed
        raise click.ClickException(
            f"Updating {settings.db_path} failed: {exc}. Nothing in it was changed: it is as it was before "
            "the update. Keep running the version you had, and report this error."
        ) from None
    if not existed:
        click.echo(f"Made a new database at {settings.db_path}.")
    elif pending:
        click.echo(f"Updated {settings.db_path}: {len(pending)} changes made ({', '.join(pending)}).")
    else:
        click.echo(f"{settings.db_path} is up to date: nothing to do.")


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
    click.echo(
        f"Deleted {done.drafts} expired unfinished answers, {done.original_texts} texts as typed, "
        f"{done.staff_sessions} old staff sessions, {done.answers} responses past their keeping time; "
        f"wiped the details of {done.contact_details} closed requests for contact."
    )
