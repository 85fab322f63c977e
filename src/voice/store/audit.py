"""The audit log: who did what, when. Append-only (the database refuses changes); never an IP address."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import msgspec
from sqlite_utils import Database

from voice.common.i18n import N_

# Every action the log records, marked for translation: stored in English, shown in the reader's language.
ACTIONS = (
    N_("flag raised"),
    N_("flag viewed"),
    N_("flag closed"),
    N_("sent to the safeguarding lead"),
    N_("account created"),
    N_("account locked"),
    N_("signed in"),
    N_("themes corrected"),
    N_("quote proposed"),
    N_("quote approved"),
    N_("quote published"),
    N_("quote rejected"),
    N_("answers entered"),
    N_("answers imported"),
    N_("answers downloaded"),
    N_("priorities imported"),
    N_("priority archived"),
    N_("priority restored"),
    N_("action archived"),
    N_("action restored"),
    N_("priority added"),
    N_("priority changed"),
    N_("action added"),
    N_("action changed"),
    N_("report exported"),
    N_("report published"),
    N_("report withdrawn"),
    N_("contact request viewed"),
    N_("contact request closed"),
    N_("contact details wiped"),
    N_("answers withdrawn"),
    N_("withdrawn answers deleted"),
    N_("answers deleted after their keeping time"),
    N_("account invited"),
    N_("account role changed"),
    N_("account disabled"),
    N_("account enabled"),
    N_("password reset link made"),
    N_("password set"),
    N_("audit log downloaded"),
    N_("worth a look raised"),
    N_("needs a person to read"),
    N_("reader retrained"),
    N_("email sent"),
    N_("email not sent"),
    N_("email settings changed"),
)


class Event(msgspec.Struct, frozen=True):
    happened_at: str
    actor: str
    action: str
    subject: str
    detail: str


ABOUT_ANSWERS = ("flag:", "response:")
"""Subjects that stand for a young person's answers."""


def is_staff(actor: str) -> bool:
    """Staff accounts are email addresses; "system" and "young person (…)" are not."""
    return "@" in actor


def record_event(
    db: Database, actor: str, action: str, subject: str, detail: str = "", *, day_only: bool = False
) -> None:
    """Write one event (an action from ACTIONS). Call it inside the transaction of the change it describes.

    What the system does with a young person's answers as they arrive (a flag raised, worth a look, needs
    a person to read) or what the young person does (taking them back) is recorded with the day only: the
    time of day would say when an answer was sent (so is anything else `day_only`, like the email that
    tells the leads of a new flag). Staff members' own actions keep their time."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}: add it to voice.store.audit.ACTIONS")
    now = dt.datetime.now(dt.UTC)
    when = (
        now.date().isoformat()
        if day_only or (subject.startswith(ABOUT_ANSWERS) and not is_staff(actor))
        else (now.isoformat(timespec="seconds"))
    )
    db.execute(
        "INSERT INTO audit_log (happened_at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        [when, actor, action, subject, detail],
    )


def shown_to(event: Event, role: str) -> Event:
    """An event as a staff member in this role may read it: what was written about a safeguarding flag
    (its kind, the lead's note) only for safeguarding leads; others see that it happened."""
    if role != "safeguarding_lead" and event.subject.startswith("flag:") and event.detail:
        return msgspec.structs.replace(event, detail="")
    return event


class AuditFilter(msgspec.Struct, frozen=True, kw_only=True):
    actor: str | None = None
    """A staff member's email (or 'system'), exactly."""
    action: str | None = None
    """One of ACTIONS."""
    subject: str | None = None
    since: str | None = None
    """A day, yyyy-mm-dd: events on or after it."""
    until: str | None = None
    """A day: events on or before it."""


PAGE_SIZE = 100


def _where(f: AuditFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    for column, value in (("actor", f.actor), ("action", f.action), ("subject", f.subject)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if f.since:
        clauses.append("happened_at >= ?")
        params.append(f.since)
    if f.until:  # any time on that day: "2021-10-01T…" and "2021-10-01" sort before "2021-10-01~"
        clauses.append("happened_at < ?")
        params.append(f"{f.until}~")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def events(
    db: Database, subject: str | None = None, limit: int = 200, *, where: AuditFilter | None = None, offset: int = 0
) -> list[Event]:
    """Events, newest first: of one subject, or matching `where`."""
    clause, params = _where(where or AuditFilter(subject=subject))
    rows = db.query(
        "SELECT happened_at, actor, action, subject, detail FROM audit_log"  # noqa: S608 - fixed SQL
        f"{clause} ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [Event(**row) for row in rows]


class Repeated(msgspec.Struct, frozen=True):
    """An event shown once for a run of the same one: the newest, how many, and when the first was."""

    event: Event
    times: int = 1
    first_at: str = ""


REPEATS_SHOWN_ONCE = frozenset(["flag viewed"])
"""Events that a history shows once for each run by one person (a lead who reloads a flag's page, or sends its form
with a mistake, has seen it once more: every view stays in the audit log)."""


def with_repeats_together(found: list[Event]) -> list[Repeated]:
    """Events (newest first) with each run of the same repeated event by the same person shown as one."""
    shown: list[Repeated] = []
    for event in found:
        last = shown[-1] if shown else None
        if (
            last is not None
            and event.action in REPEATS_SHOWN_ONCE
            and (last.event.action, last.event.actor, last.event.detail) == (event.action, event.actor, event.detail)
        ):
            shown[-1] = Repeated(last.event, last.times + 1, event.happened_at)
        else:
            shown.append(Repeated(event, 1, event.happened_at))
    return shown


def count(db: Database, where: AuditFilter) -> int:
    clause, params = _where(where)
    return int(db.execute(f"SELECT count(*) FROM audit_log{clause}", params).fetchone()[0])  # noqa: S608


def actors(db: Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT DISTINCT actor FROM audit_log ORDER BY actor").fetchall()]


def all_events(db: Database, where: AuditFilter, batch: int = 5000) -> Iterator[Event]:
    """Every matching event, newest first, read a batch at a time (for a download of the whole log)."""
    offset = 0
    while chunk := events(db, where=where, limit=batch, offset=offset):
        yield from chunk
        offset += batch
