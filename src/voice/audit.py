"""The audit log: who did what, when. Append-only (the database refuses changes); never an IP address."""

from __future__ import annotations

import datetime as dt

import msgspec
from sqlite_utils import Database

from voice.i18n import N_

# Every action the log records, marked for translation: stored in English, shown in the reader's language.
ACTIONS = (
    N_("flag raised"), N_("flag viewed"), N_("flag closed"), N_("account created"), N_("account locked"),
    N_("signed in"), N_("themes corrected"), N_("quote proposed"), N_("quote approved"), N_("quote published"),
    N_("quote rejected"), N_("answers entered"), N_("priorities imported"), N_("priority added"),
    N_("priority changed"), N_("action added"), N_("action changed"), N_("report exported"), N_("report published"),
    N_("report withdrawn"),
)


class Event(msgspec.Struct, frozen=True):
    happened_at: str
    actor: str
    action: str
    subject: str
    detail: str


def record_event(db: Database, actor: str, action: str, subject: str, detail: str = "") -> None:
    """Write one event (an action from ACTIONS). Call it inside the transaction of the change it describes."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: add it to voice.audit.ACTIONS")
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
