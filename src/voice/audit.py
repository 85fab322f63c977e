"""The audit log: who did what, when. Append-only (the database refuses changes); never an IP address."""

from __future__ import annotations

import datetime as dt

import msgspec
from sqlite_utils import Database


class Event(msgspec.Struct, frozen=True):
    happened_at: str
    actor: str
    action: str
    subject: str
    detail: str


def record_event(db: Database, actor: str, action: str, subject: str, detail: str = "") -> None:
    """Write one event. Call it inside the transaction of the change it describes."""
    db.execute(
        "INSERT INTO audit_log (happened_at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        [dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), actor, action, subject, detail],
    )


def events(db: Database, subject: str | None = None, limit: int = 200) -> list[Event]:
    sql = "SELECT happened_at, actor, action, subject, detail FROM audit_log"
    params: list[object] = []
    if subject:
        sql += " WHERE subject = ?"
        params.append(subject)
    sql += " ORDER BY id DESC LIMIT ?"
    params.append(limit)
    return [Event(*row) for row in db.execute(sql, params).fetchall()]
