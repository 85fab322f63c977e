"""Keeping the service healthy: backups that are safe while serving, and purging what must not be kept."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import msgspec

from voice.db import connect, write_lock
from voice.submissions import purge_originals


class Purged(msgspec.Struct, frozen=True):
    drafts: int
    original_texts: int
    staff_sessions: int


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


def purge(db_path: str | Path, now: dt.datetime | None = None) -> Purged:
    """Delete expired unfinished answers, texts-as-typed past their keeping time (unless a flag on them
    is still open) and expired staff sessions."""
    moment = now or dt.datetime.now(dt.UTC)
    db = connect(db_path)
    try:
        with write_lock:
            drafts = db.execute("DELETE FROM drafts WHERE expires_at < ?", [moment.isoformat()]).rowcount
            sessions = db.execute("DELETE FROM staff_sessions WHERE expires_at < ?", [moment.isoformat()]).rowcount
        originals = purge_originals(db, moment.date())
    finally:
        db.close()
    return Purged(drafts, originals, sessions)
