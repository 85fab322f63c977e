"""Requests for contact: a young person ticked "I would like someone to talk to me" and left details.

Every request is a queue of its own for the safeguarding lead, whatever else the answer says. Each
is due a number of working days after the day it was sent (England's bank holidays from the
maintained `holidays` package): the same setting (VOICE_CONTACT_WORKING_DAYS) writes the promise the
young person reads on the form, so the two cannot disagree. A request is closed only by a person with
what was done; viewing and closing are audited; the database refuses to delete one. Its contact
details are wiped a set time after it is closed (VOICE_CONTACT_DETAILS_DAYS), and the record that it
was handled stays.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
from sqlite_utils import Database

from voice.common.dates import local_today
from voice.common.i18n import N_
from voice.store.audit import record_event
from voice.store.db import write_lock


class ContactItem(msgspec.Struct, frozen=True):
    id: int
    survey_slug: str
    requested_on: str
    due_on: str
    status: str
    name: str | None
    contact: str
    best_time: str | None
    closed_by: str | None
    closed_on: str | None
    action_note: str | None
    details_wiped_on: str | None
    flagged: bool
    """The same answer also raised a safeguarding flag."""
    response_id: int = 0
    language: str | None = None
    """The language the young person was using on the form (None when they asked through an app, on paper
    or in an imported file: not known)."""
    taken_back_on: str | None = None
    """The day the young person took their answers back (None: they have not); they were told someone will still
    get in touch, and that they can say they do not want to talk."""

    def overdue(self, today: dt.date | None = None) -> bool:
        return self.status == "open" and self.due_on < (today or _today()).isoformat()


class ContactError(ValueError):
    pass


def _today() -> dt.date:
    return local_today()


_SQL = (
    "SELECT c.id, c.survey_slug, c.requested_on, c.due_on, c.status, c.name, c.contact, c.best_time, "
    "c.closed_by, c.closed_on, c.action_note, c.details_wiped_on, "
    "EXISTS (SELECT 1 FROM flags f WHERE f.response_id = c.response_id) AS flagged, c.response_id, c.language, "
    "(SELECT r.withdrawn_on FROM responses r WHERE r.id = c.response_id) AS taken_back_on "
    "FROM contact_requests c"
)


def _item(row: dict[str, Any]) -> ContactItem:
    """A row of _SQL, by column name (`flagged` is SQLite's 0 or 1)."""
    return ContactItem(**{**row, "flagged": bool(row["flagged"])})


def requests(db: Database, status: str = "open") -> list[ContactItem]:
    """Requests by status: open ones due soonest first; closed ones most recently closed first."""
    order = "c.due_on, c.id" if status == "open" else "c.closed_on DESC, c.id DESC"
    return [_item(row) for row in db.query(f"{_SQL} WHERE c.status = ? ORDER BY {order}", [status])]


def overdue_count(db: Database, today: dt.date | None = None) -> int:
    return int(
        db.execute(
            "SELECT count(*) FROM contact_requests WHERE status = 'open' AND due_on < ?",
            [(today or _today()).isoformat()],
        ).fetchone()[0]
    )


def open_count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM contact_requests WHERE status = 'open'").fetchone()[0])


def request_detail(db: Database, request_id: int, viewer: str) -> ContactItem | None:
    """One request with its contact details; viewing it is recorded in the audit log."""
    row = next(db.query(f"{_SQL} WHERE c.id = ?", [request_id]), None)
    if row is None:
        return None
    with write_lock:
        record_event(db, viewer, "contact request viewed", f"contact:{request_id}")
    return _item(row)


def close_request(db: Database, request_id: int, closed_by: str, note: str, today: dt.date | None = None) -> None:
    """Close a request with what was done ("rang, spoke to them"). The database refuses it without a note."""
    note = note.strip()
    if not note:
        raise ContactError(
            N_("Enter what was done, for example “rang, spoke to them” or “could not reach after 3 tries”.")
        )
    with write_lock, db.atomic():
        cursor = db.execute(
            "UPDATE contact_requests SET status = 'closed', closed_by = ?, closed_on = ?, action_note = ? "
            "WHERE id = ? AND status = 'open'",
            [closed_by, (today or _today()).isoformat(), note, request_id],
        )
        if cursor.rowcount != 1:
            raise ContactError(N_("This request is already closed."))
        record_event(db, closed_by, "contact request closed", f"contact:{request_id}", note)


def wipe_details(db: Database, keep_days: int, today: dt.date | None = None) -> int:
    """Wipe the contact details of requests closed more than `keep_days` ago; the record stays.
    Returns how many were wiped."""
    day = today or _today()
    cutoff = (day - dt.timedelta(days=keep_days)).isoformat()
    with write_lock, db.atomic():
        ids = [
            row[0]
            for row in db.execute(
                "SELECT id FROM contact_requests WHERE status = 'closed' AND details_wiped_on IS NULL AND closed_on < ?",
                [cutoff],
            ).fetchall()
        ]
        for request_id in ids:
            db.execute(
                "UPDATE contact_requests SET name = NULL, contact = '', best_time = NULL, "
                "details_wiped_on = ? WHERE id = ?",
                [day.isoformat(), request_id],
            )
            record_event(db, "system", "contact details wiped", f"contact:{request_id}", f"{keep_days}")
    return len(ids)
