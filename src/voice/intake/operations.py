"""Keeping the service healthy: backups that are safe while serving, and purging what must not be kept."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import msgspec
from sqlite_utils import Database

from voice.common.dates import local_today
from voice.common.settings import Settings
from voice.intake.contacts import wipe_details
from voice.intake.submissions import purge_originals
from voice.intake.uploads import purge_held
from voice.intake.withdrawal import purge_old_answers
from voice.store.db import connect, write_lock


class Purged(msgspec.Struct, frozen=True):
    drafts: int
    original_texts: int
    staff_sessions: int
    contact_details: int = 0
    """Closed requests for contact whose details were wiped."""
    answers: int = 0
    """Responses deleted after VOICE_ANSWER_DAYS."""
    held_imports: int = 0
    """Files uploaded to import (or what storing them did) past their time."""


def backup(db_path: str | Path, target: str | Path) -> int:
    """Copy the database with SQLite's online backup (consistent while others write); returns pages copied.

    The copy is written beside the target and renamed into place, so a half-written backup never
    looks like a whole one.
    """
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # it holds everything: owner only
    source = sqlite3.connect(str(db_path))
    copy = sqlite3.connect(str(partial))
    try:
        with copy:
            source.backup(copy)
        pages = int(copy.execute("PRAGMA page_count").fetchone()[0])
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("the copy failed its integrity check")
    finally:
        copy.close()
        source.close()
    partial.replace(target)
    return pages


BACKUP_NAME = "voice-%Y-%m-%d-%H%M%S.db"
"""A dated copy's name (UTC): the names sort in the order the copies were made."""


def dated_backup(
    db_path: str | Path, folder: str | Path, keep: int, now: dt.datetime | None = None
) -> tuple[Path, int, list[Path]]:
    """A checked copy in `folder`, named by when it was made; then the oldest dated copies beyond the
    newest `keep` are deleted (only once the new one has passed its check). Returns (the copy, its pages,
    the copies deleted). Files in the folder not named like a dated copy are never touched."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / (now or dt.datetime.now(dt.UTC)).strftime(BACKUP_NAME)
    pages = backup(db_path, target)
    copies = sorted(p for p in folder.glob("voice-*.db") if _is_dated(p.name))
    old = copies[:-keep] if keep > 0 else []
    for path in old:
        path.unlink(missing_ok=True)
    return target, pages, old


def _is_dated(name: str) -> bool:
    try:
        dt.datetime.strptime(name, BACKUP_NAME).replace(tzinfo=dt.UTC)
    except ValueError:
        return False
    return True


def note_backup(db_path: str | Path, target: str | Path, pages: int, now: dt.datetime | None = None) -> bool:
    """Write down in the database that a checked backup was made (for /healthz and the metrics); False when
    the database is from a version before backups were noted (it is never migrated for this)."""
    db = connect(db_path)
    try:
        if "backups" not in db.table_names():
            return False
        with write_lock, db.atomic():
            db.table("backups").insert(
                {
                    "made_at": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
                    "file": str(target),
                    "pages": pages,
                }
            )
    finally:
        db.close()
    return True


def last_backup_age(db: Database, now: dt.datetime | None = None) -> float | None:
    """Seconds since the newest checked backup was made, or None if there has been none."""
    row = db.execute("SELECT max(made_at) FROM backups").fetchone()
    if not row or row[0] is None:
        return None
    return ((now or dt.datetime.now(dt.UTC)) - dt.datetime.fromisoformat(row[0])).total_seconds()


class RestoreError(Exception):
    """A backup that must not be restored; the message says why. Nothing was changed."""


def restore(backup_file: str | Path, db_path: str | Path, now: dt.datetime | None = None) -> Path | None:
    """Put a backup in place of the database, with SQLite's backup API (the same way round), so that a
    running service sees either the old data or the restored data, never a mix. The database as it was
    is first copied aside (returned; None if there was none), so a restore can itself be undone."""
    backup_file, db_path = Path(backup_file), Path(db_path)
    try:
        source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise RestoreError(f"{backup_file} fails SQLite's integrity check; nothing was restored")
            tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            source.close()
    except sqlite3.DatabaseError as exc:
        raise RestoreError(f"{backup_file} is not a database voice can read ({exc}); nothing was restored") from None
    if not {"_sqlite_migrations", "responses", "answers"} <= tables:
        raise RestoreError(f"{backup_file} is not a voice backup (it has no responses); nothing was restored")
    kept: Path | None = None
    if db_path.exists():  # named to the second, and never over an earlier one: each restore can be undone
        moment = now or dt.datetime.now(dt.UTC)
        stamp = f"{local_today(moment).isoformat()}-{moment.astimezone(dt.UTC):%H%M%S}"
        kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
        n = 1
        while kept.exists():
            n += 1
            kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp}-{n}")
        backup(db_path, kept)
    source = sqlite3.connect(str(backup_file))
    target = sqlite3.connect(str(db_path))
    try:
        with write_lock, target:
            source.backup(target)
    finally:
        target.close()
        source.close()
    return kept


def purge(
    db_path: str | Path, now: dt.datetime | None = None, *, contact_details_days: int = 90, answer_days: int = 0
) -> Purged:
    """Delete expired unfinished answers, texts-as-typed past their keeping time (unless a flag on them
    is still open), expired staff sessions, emails to staff sent a month ago and files held for an import; wipe the details of requests
    for contact closed more than `contact_details_days` ago; delete answers older than `answer_days`
    (0: keep them)."""
    moment = now or dt.datetime.now(dt.UTC)
    db = connect(db_path)
    try:
        with write_lock:
            drafts = db.execute("DELETE FROM drafts WHERE expires_at < ?", [moment.isoformat()]).rowcount
            sessions = db.execute("DELETE FROM staff_sessions WHERE expires_at < ?", [moment.isoformat()]).rowcount
            # Emails to staff sent (or given up on) a month ago: the audit log keeps that they were.
            month_ago = (moment - dt.timedelta(days=30)).isoformat()
            db.execute("DELETE FROM emails WHERE sent_at < ? OR given_up_at < ?", [month_ago, month_ago])
        originals = purge_originals(db, local_today(moment))
        wiped = wipe_details(db, contact_details_days, local_today(moment))
        answers = purge_old_answers(db, answer_days, local_today(moment))
        held = purge_held(db, moment)
    finally:
        db.close()
    return Purged(drafts, originals, sessions, wiped, answers, held)


def purge_as_set(settings: Settings, now: dt.datetime | None = None) -> Purged:
    """`purge` with the keeping times of the settings."""
    return purge(
        settings.db_path, now, contact_details_days=settings.contact_details_days, answer_days=settings.answer_days
    )
