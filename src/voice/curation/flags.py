"""The safeguarding lead's queue: flags raised by the reading step (voice.reading.safeguarding), read as
typed, and closed with what was done; every view and every close is in the audit log. Closing the last open
flag on answers a young person took back lets their withdrawal finish (voice.intake.withdrawal)."""

from __future__ import annotations

from typing import Any

import msgspec
from sqlite_utils import Database

from voice.common.dates import local_today
from voice.common.i18n import N_
from voice.intake import withdrawal
from voice.reading.evidence import Evidence
from voice.reading.safeguarding import SEVERITY, TIERS
from voice.store.audit import record_event
from voice.store.db import forget_deleted, write_lock


class QueueItem(msgspec.Struct, frozen=True):
    id: int
    category: str
    reason: str
    severity: int
    raised_on: str
    status: str
    survey_slug: str
    assigned_role: str
    tier: str = "flag"
    score: float | None = None
    decision: str | None = None
    evidence: Evidence | None = None
    """Why the model raised it (words, harms named, the labelled answers it is most like)."""
    taken_back_on: str | None = None
    """The day the young person took their answers back, if they did (the flag stays, and while it is open
    their words are kept for the lead)."""
    response_id: int = 0
    answer_key: str = ""
    """The answer that raised it: the question's id, or `<id>.other` for the words after "Other"."""

    @classmethod
    def of(cls, row: dict[str, Any]) -> QueueItem:
        """From a row of _QUEUE_SQL, by column name (the evidence as stored: JSON)."""
        evidence = row.pop("evidence")
        return cls(**row, evidence=msgspec.json.decode(evidence, type=Evidence) if evidence else None)


class FlagDetail(msgspec.Struct, frozen=True):
    item: QueueItem
    question: str
    text_as_typed: str
    """The answer as the young person typed it: only safeguarding leads see this page."""
    contact: tuple[str | None, str, str | None] | None
    """(name, how to contact, best time) when the young person asked someone to talk to them."""
    closed_by: str | None
    closed_on: str | None
    action_note: str | None
    on_answer: list[QueueItem] = []
    """Every flag the same answer raised, this one included, in the queue's order: the lead reads and closes
    them together."""


class FlagError(ValueError):
    pass


STAFF_CATEGORY = "raised_by_staff"
"""A flag a member of staff raised (send_to_lead), not the reader."""


_QUEUE_SQL = (
    "SELECT f.id, f.category, f.reason, f.severity, f.raised_on, f.status, r.survey_slug, f.assigned_role, "
    "f.tier, f.score, f.decision, f.evidence, r.withdrawn_on AS taken_back_on, f.response_id, f.answer_key "
    "FROM flags f JOIN responses r ON r.id = f.response_id"
)
DECISIONS = ("concern", "no concern")


def queue(db: Database, status: str = "open", tiers: tuple[str, ...] = TIERS) -> list[QueueItem]:
    """Flags by status in these tiers: flags and answers for a person first, then "worth a look";
    in each, most serious first, then newest first."""
    rows = db.query(
        f"{_QUEUE_SQL} WHERE f.status = ? AND f.tier IN (SELECT value FROM json_each(?)) "  # noqa: S608 - fixed SQL
        "ORDER BY f.tier = 'look', f.severity, f.raised_on DESC, f.id DESC",
        [status, msgspec.json.encode(list(tiers)).decode()],
    )
    return [QueueItem.of(row) for row in rows]


def open_counts(db: Database) -> dict[str, int]:
    """How many flags are open in each tier (flag, look, person), every tier named (0 where none)."""
    found = dict(db.execute("SELECT tier, count(*) FROM flags WHERE status = 'open' GROUP BY tier").fetchall())
    return {tier: int(found.get(tier, 0)) for tier in TIERS}


def open_answers(db: Database) -> dict[str, int]:
    """How many answers have open flags: flagged and worth a look each counted once, in its most serious tier, as
    the lead's queue lists them (one answer, one row, however many flags it raised); "person", every answer in
    another language waiting for a person to read it, flagged by a rule too or not ("mój ojczym mnie bije" is both:
    a new user read "0 answers in another language" beside it in the queue)."""
    tops: dict[tuple[int, str], int] = {}  # each answer's most serious tier, as its place in TIERS
    to_read: set[tuple[int, str]] = set()
    for response_id, key, tier in db.execute(
        "SELECT response_id, answer_key, tier FROM flags WHERE status = 'open'"
    ).fetchall():
        tops[response_id, key] = min(tops.get((response_id, key), len(TIERS)), TIERS.index(tier))
        if tier == "person":
            to_read.add((response_id, key))
    counts = {tier: sum(1 for top in tops.values() if top == at) for at, tier in enumerate(TIERS)}
    counts["person"] = len(to_read)
    return counts


def by_answer(items: list[QueueItem]) -> list[list[QueueItem]]:
    """Flags grouped by the answer that raised them, each group where its first (most serious) flag was."""
    groups: dict[tuple[int, str], list[QueueItem]] = {}
    for item in items:
        groups.setdefault((item.response_id, item.answer_key), []).append(item)
    return list(groups.values())


def on_response(db: Database, response_id: int) -> list[QueueItem]:
    """Every flag a response's answers raised, open or closed, in the queue's order."""
    rows = db.query(
        f"{_QUEUE_SQL} WHERE f.response_id = ? ORDER BY f.status = 'closed', f.tier = 'look', f.severity, f.id",
        [response_id],
    )
    return [QueueItem.of(row) for row in rows]


def other_answers(db: Database, response_id: int, answer_key: str) -> list[tuple[str, object, str | None]]:
    """The response's other answers, beside a flag for the lead: (question id, the value as stored, the free text as
    typed, or as stored where the words as typed are gone); the flagged question's own answer is left out."""
    rows = db.execute(
        "SELECT a.question_id, a.value, coalesce(o.text, a.text) FROM answers a "
        "LEFT JOIN original_texts o ON o.response_id = a.response_id "
        "AND o.answer_key IN (a.question_id, a.question_id || '.other') "
        "WHERE a.response_id = ? AND a.question_id != ? ORDER BY a.id",
        [response_id, answer_key.split(".")[0]],
    ).fetchall()
    return [(question, msgspec.json.decode(value), text) for question, value, text in rows]


def flag_detail(db: Database, flag_id: int, viewer: str) -> FlagDetail | None:
    """One flag with the words as typed; viewing it is recorded in the audit log."""
    row = next(db.query(f"{_QUEUE_SQL} WHERE f.id = ?", [flag_id]), None)
    if row is None:
        return None
    item = QueueItem.of(row)
    extra = next(
        db.query(
            "SELECT f.answer_key AS question, f.closed_by, f.closed_on, f.action_note, "
            "coalesce(o.text, a.text, '') AS text_as_typed FROM flags f "
            "LEFT JOIN original_texts o ON o.response_id = f.response_id AND o.answer_key = f.answer_key "
            "LEFT JOIN answers a ON a.response_id = f.response_id AND a.question_id = replace(f.answer_key, '.other', '') "
            "WHERE f.id = ?",
            [flag_id],
        )
    )
    contact = db.execute(
        "SELECT name, contact, best_time FROM contact_requests WHERE response_id = ?", [item.response_id]
    ).fetchone()
    on_answer = [f for f in on_response(db, item.response_id) if f.answer_key == item.answer_key]
    with write_lock:  # the page shows every flag on the answer: each is seen
        for shown in [item, *(f for f in on_answer if f.id != flag_id)]:
            record_event(db, viewer, "flag viewed", f"flag:{shown.id}")
    return FlagDetail(item, **extra, contact=tuple(contact) if contact else None, on_answer=on_answer)


NOTE_MAX = 1000


def send_to_lead(db: Database, answer_id: int, by: str, note: str, role: str) -> int:
    """A staff member's worry about an answer the reader did not flag (or flagged for something else): a flag for the
    safeguarding lead (`role`) with their note as its reason, as urgent as any, emailed as any flag is, and in the
    audit log under their name. FlagError where there is no note or they sent it before; None where the answer is
    not there (taken back, or no free text)."""
    note = " ".join(note.split())
    if not note:
        raise FlagError(N_("Say what worries you, so the lead knows what to look for."))
    with write_lock, db.atomic():
        found = db.execute(
            "SELECT a.response_id, a.question_id FROM answers a JOIN responses r ON r.id = a.response_id "
            "WHERE a.id = ? AND a.text IS NOT NULL AND r.withdrawn_on IS NULL",
            [answer_id],
        ).fetchone()
        if found is None:
            raise LookupError(answer_id)
        response_id, question = found
        if db.execute(
            "SELECT 1 FROM flags WHERE response_id = ? AND answer_key = ? AND category = ?",
            [response_id, question, STAFF_CATEGORY],
        ).fetchone():
            raise FlagError(N_("This answer was sent to the safeguarding lead already: it is in their queue."))
        cursor = db.execute(
            "INSERT INTO flags (response_id, answer_key, category, reason, severity, raised_on, assigned_role, tier) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'flag')",
            [
                response_id,
                question,
                STAFF_CATEGORY,
                note[:NOTE_MAX],
                SEVERITY[STAFF_CATEGORY],
                local_today().isoformat(),
                role,
            ],
        )
        flag_id = int(cursor.lastrowid or 0)
        record_event(db, by, "sent to the safeguarding lead", f"flag:{flag_id}")
    return flag_id


def close_flag(
    db: Database, flag_id: int, closed_by: str, note: str, decision: str | None = None, *, with_answer: bool = False
) -> int:
    """Close a flag with what was done. Only a person can; the database also refuses it without a note.
    `decision` ("concern" or "no concern", optional) is what the reader learns from (`voice train --db`).
    `with_answer`: every other flag still open on the same answer is closed too, with the same note, each
    in the audit log. Returns how many were closed."""
    note = note.strip()
    if not note:
        raise FlagError(N_("Enter what was done about this flag."))
    if decision is not None and decision not in DECISIONS:
        raise FlagError(N_("Choose whether this was a real concern, or leave it blank."))
    with write_lock, db.atomic():
        found = next(db.table("flags").rows_where("id = ?", [flag_id], select="response_id, answer_key, status"), None)
        if found is None or found["status"] != "open":
            raise FlagError(N_("This flag is already closed."))
        response_id, answer_key = found["response_id"], found["answer_key"]
        others = (
            [
                row["id"]
                for row in db.table("flags").rows_where(
                    "response_id = ? AND answer_key = ? AND status = 'open' AND id != ?",
                    [response_id, answer_key, flag_id],
                    order_by="id",
                    select="id",
                )
            ]
            if with_answer
            else []
        )
        for closing in (flag_id, *others):
            # Raw: only while still open, which table.update (by primary key alone) cannot say.
            db.execute(
                "UPDATE flags SET status = 'closed', closed_by = ?, closed_on = ?, action_note = ?, decision = ? "
                "WHERE id = ? AND status = 'open'",
                [closed_by, local_today().isoformat(), note, decision, closing],
            )
            record_event(db, closed_by, "flag closed", f"flag:{closing}", f"{note} ({decision})" if decision else note)
        # Answers the young person took back while this flag was open go once no flag on them is open.
        erased = withdrawal.after_flag_closed(db, response_id, closed_by)
    if erased:
        with write_lock:
            forget_deleted(db)
    return 1 + len(others)
