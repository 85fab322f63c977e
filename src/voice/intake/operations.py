"""Keeping the service healthy: backups that are safe while serving, and purging what must not be kept."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import msgspec

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


class RestoreError(Exception):
    """A backup that must not be restored; the message says why. Nothing was changed."""


def restore(backup_file: str | Path, db_path: str | Path, today: dt.date | None = None) -> Path | None:
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
    kept: Path | None = db_path.with_name(f"{db_path.name}.before-restore-{(today or local_today()).isoformat()}")
    if db_path.exists() and kept is not None:
        backup(db_path, kept)
    else:
        kept = None
    source = sqlite3.connect(str(backup_file))
    target = sqlite3.connect(str(db_path))
    try:
        with write_lock, target:
            source.backup(target)
    finally:
        target.close()
        source.close()
    return kept


def purge(db_path: str | Path, now: dt.datetime | None = None, *, contact_details_days: int = 90,
          answer_days: int = 0) -> Purged:
    """Delete expired unfinished answers, texts-as-typed past their keeping time (unless a flag on them
    is still open), expired staff sessions and files held for an import; wipe the details of requests
    for contact closed more than `contact_details_days` ago; delete answers older than `answer_days`
    (0: keep them)."""
    moment = now or dt.datetime.now(dt.UTC)
    db = connect(db_path)
    try:
        with write_lock:
            drafts = db.execute("DELETE FROM drafts WHERE expires_at < ?", [moment.isoformat()]).rowcount
            sessions = db.execute("DELETE FROM staff_sessions WHERE expires_at < ?", [moment.isoformat()]).rowcount
        originals = purge_originals(db, local_today(moment))
        wiped = wipe_details(db, contact_details_days, local_today(moment))
        answers = purge_old_answers(db, answer_days, local_today(moment))
        held = purge_held(db, moment)
    finally:
        db.close()
    return Purged(drafts, originals, sessions, wiped, answers, held)


def purge_as_set(settings: Settings, now: dt.datetime | None = None) -> Purged:
    """`purge` with the keeping times of the settings."""
    return purge(settings.db_path, now, contact_details_days=settings.contact_details_days,
                 answer_days=settings.answer_days)
