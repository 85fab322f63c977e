"""Unfinished answers, kept server-side under a random token for a limited time.

The young person's cookie holds only the token; the database holds only its hash. Drafts expire
after `draft_hours` (at least 20 hours, so WCAG 2.2.1 needs no time-out warning) and are deleted
once the answers sent from them are read, and on "clear my answers" and "exit this page".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import msgspec
from sqlite_utils import Database

from voice.store.db import write
from voice.surveys.forms import Answers


class Draft(msgspec.Struct, frozen=True):
    survey_slug: str
    version_id: int
    answers: Answers
    submission_key: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_hash(token: str | None) -> str | None:
    """How the unfinished answers of this cookie's token are found in the table (drafts.token_hash)."""
    return _hash(token) if token and len(token) <= 100 else None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create(db: Database, slug: str, version_id: int, hours: int) -> str:
    token = secrets.token_urlsafe(24)
    row = [_hash(token), slug, version_id, secrets.token_urlsafe(16), (_now() + dt.timedelta(hours=hours)).isoformat()]

    def store(db: Database) -> None:
        db.execute("DELETE FROM drafts WHERE expires_at < ?", [_now().isoformat()])
        db.execute(
            "INSERT INTO drafts (token_hash, survey_slug, version_id, submission_key, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            row,
        )

    # With the other writes of the moment: a class starting a survey together shares fsyncs, and
    # nobody's page waits in SQLite's busy handler (its sleeps made the slowest hundredth 0.6 s).
    write(db, store)
    return token


def load(db: Database, token: str | None, slug: str) -> Draft | None:
    hashed = token_hash(token)
    if hashed is None:
        return None
    row = next(
        db.query(
            "SELECT survey_slug, version_id, answers, submission_key FROM drafts "
            "WHERE token_hash = ? AND survey_slug = ? AND expires_at >= ?",
            [hashed, slug, _now().isoformat()],
        ),
        None,
    )
    if row is None:
        return None
    return Draft(**(row | {"answers": msgspec.json.decode(row["answers"])}))


def save(db: Database, token: str, answers: Answers) -> None:
    row = [msgspec.json.encode(answers).decode(), _hash(token)]
    write(db, lambda db: db.execute("UPDATE drafts SET answers = ? WHERE token_hash = ?", row))  # as create()


def delete(db: Database, token: str | None) -> None:
    if token:
        write(db, lambda db: forget(db, _hash(token)))


def forget(db: Database, hashed: str) -> None:
    """Delete the unfinished answers with this token_hash, in the caller's transaction."""
    db.execute("DELETE FROM drafts WHERE token_hash = ?", [hashed])
