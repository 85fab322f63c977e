"""Taking answers back: a young person (or a facilitator for them) gives the receipt code and the answers go.

Withdrawing deletes the response's answers with their themes, counts (tallies), quotes and texts as
typed. Two things are never lost, because a child's safety comes first: a safeguarding flag on the
answers (while it is open the answers are hidden from everyone but the safeguarding lead, and deleted
when the lead closes the last open flag on them), and a request for contact (a lead must still answer
it; its details are wiped by their own keeping time). The response row goes too unless a flag or a
request refers to it; then it stays as a bare record with its receipt code replaced, so the code no
longer finds anything. A report already published keeps its numbers until it is published again, but
the young person's quoted words leave it (and every stored published page) at once.

The same erasing serves the keeping time for answers (VOICE_ANSWER_DAYS).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import msgspec
from sqlite_utils import Database

from voice.common.dates import local_today
from voice.intake.receipts import normalise_receipt
from voice.store import tallies
from voice.store.audit import record_event
from voice.store.db import forget_deleted, write_lock
from voice.store.published import scrub_quotes
from voice.store.versions import version


def _today() -> str:
    return local_today().isoformat()


def find(db: Database, receipt: str) -> int | None:
    """The response this receipt code was given for, unless it was withdrawn already."""
    row = db.execute(
        "SELECT id FROM responses WHERE receipt = ? AND withdrawn_on IS NULL", [normalise_receipt(receipt.strip())]
    ).fetchone()
    return int(row[0]) if row else None


class Sent(msgspec.Struct, frozen=True):
    """What a receipt code is for, to check with the young person before their answers are taken back."""

    survey_slug: str
    submitted_on: str
    answered: int
    """How many questions have an answer."""


def sent_with(db: Database, receipt: str) -> Sent | None:
    """The survey, day and number of answers of the response with this receipt code (None when `find` has none)."""
    response_id = find(db, receipt)
    if response_id is None:
        return None
    slug, day = db.execute("SELECT survey_slug, submitted_on FROM responses WHERE id = ?", [response_id]).fetchone()
    answered = db.execute("SELECT count(*) FROM answers WHERE response_id = ?", [response_id]).fetchone()[0]
    return Sent(slug, day, int(answered))


def _hashed(receipt: str) -> str:
    """How a retired receipt code is kept (gone_receipts): a hash, which says nothing the young person's
    own code does not, and links to no answers."""
    return hashlib.sha256(normalise_receipt(receipt.strip()).encode()).hexdigest()


def gone(db: Database, receipt: str) -> str | None:
    """Why the answers with this receipt code are no longer kept ("withdrawn", or "deleted" after their
    keeping time), or None when the code was never given (or its answers are still kept)."""
    row = db.execute("SELECT why FROM gone_receipts WHERE receipt = ?", [_hashed(receipt)]).fetchone()
    return str(row[0]) if row else None


def withdraw(db: Database, response_id: int, actor: str, how: str) -> bool:
    """Withdraw one response (already read: see voice.web for reading it first). `how` goes in the audit
    log ("on the withdraw page", "through the API", "for a young person"). Returns True when the answers
    went now, False when an open safeguarding flag holds them for the lead (deleted when it closes)."""
    with write_lock:
        with db.atomic():
            open_flag = (
                db.execute("SELECT 1 FROM flags WHERE response_id = ? AND status = 'open'", [response_id]).fetchone()
                is not None
            )
            _retire(db, response_id, "withdrawn")
            if not open_flag:
                _erase(db, response_id)
            record_event(
                db,
                actor,
                "answers withdrawn",
                f"response:{response_id}",
                how if not open_flag else f"{how}; kept for the safeguarding lead until the flag is closed",
            )
        forget_deleted(db)
    return not open_flag


def after_flag_closed(db: Database, response_id: int, actor: str) -> bool:
    """Delete withdrawn answers whose last open flag was just closed (in the caller's transaction).
    Returns True when they went."""
    withdrawn = db.execute("SELECT withdrawn_on FROM responses WHERE id = ?", [response_id]).fetchone()
    if (
        not withdrawn
        or withdrawn[0] is None
        or db.execute("SELECT 1 FROM flags WHERE response_id = ? AND status = 'open'", [response_id]).fetchone()
    ):
        return False
    if db.execute("SELECT 1 FROM answers WHERE response_id = ? LIMIT 1", [response_id]).fetchone() is None:
        return False
    _erase(db, response_id)
    record_event(db, actor, "withdrawn answers deleted", f"response:{response_id}")
    return True


def purge_old_answers(db: Database, keep_days: int, today: dt.date | None = None) -> int:
    """Delete answers sent more than `keep_days` ago (0: keep all), as withdrawing does; answers with an
    open flag wait for it to be closed. Returns how many responses were erased."""
    if keep_days <= 0:
        return 0
    cutoff = ((today or local_today()) - dt.timedelta(days=keep_days)).isoformat()
    ids = [
        row[0]
        for row in db.execute(
            "SELECT id FROM responses r WHERE submitted_on < ? AND withdrawn_on IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM flags f WHERE f.response_id = r.id AND f.status = 'open') "
            "AND NOT EXISTS (SELECT 1 FROM unread u WHERE u.response_id = r.id)",
            [cutoff],
        ).fetchall()
    ]
    for response_id in ids:
        with write_lock, db.atomic():
            _retire(db, response_id, "deleted")
            _erase(db, response_id)
            record_event(
                db, "system", "answers deleted after their keeping time", f"response:{response_id}", f"{keep_days}"
            )
    return len(ids)


def _retire(db: Database, response_id: int, why: str) -> None:
    """Take the response out of every count and quote: its themes (the triggers of m009 move the topic
    counts), its choice answers' tallies, quotes of its answers (and their place in actions); mark it
    withdrawn and replace its receipt code, so that the code finds nothing any more."""
    row = db.execute(
        "SELECT survey_slug, version_id, submitted_on FROM responses WHERE id = ?", [response_id]
    ).fetchone()
    slug, version_id, day = row
    values = dict(db.execute("SELECT question_id, value FROM answers WHERE response_id = ?", [response_id]).fetchall())
    published = version(db, version_id)
    if published is not None and values:
        tallies.add_response(db, slug, published.survey, day, values, step=-1)
    answer_ids = "SELECT id FROM answers WHERE response_id = ?"
    db.execute(f"DELETE FROM themes WHERE answer_id IN ({answer_ids})", [response_id])  # noqa: S608 - fixed SQL
    db.execute(f"DELETE FROM theme_corrections WHERE answer_id IN ({answer_ids})", [response_id])  # noqa: S608
    gone_ids = [
        row[0]
        for row in db.execute(
            f"DELETE FROM quotes WHERE answer_id IN ({answer_ids}) RETURNING id",  # noqa: S608 - fixed SQL
            [response_id],
        ).fetchall()
    ]
    gone = msgspec.json.encode(gone_ids).decode()
    scrub_quotes(db, gone_ids)  # the young person's words leave every published page now
    if gone != "[]":  # only the actions that held these quotes are rewritten
        db.execute(
            "UPDATE actions SET quotes = (SELECT json_group_array(value) FROM json_each(actions.quotes) "
            "WHERE value NOT IN (SELECT value FROM json_each(:gone))) "
            "WHERE EXISTS (SELECT 1 FROM json_each(actions.quotes) WHERE value IN (SELECT value FROM json_each(:gone)))",
            {"gone": gone},
        )
    receipt = db.execute("SELECT receipt FROM responses WHERE id = ?", [response_id]).fetchone()[0]
    db.execute("INSERT OR IGNORE INTO gone_receipts (receipt, why) VALUES (?, ?)", [_hashed(receipt), why])
    db.execute(
        "UPDATE responses SET withdrawn_on = ?, receipt = ? WHERE id = ?",
        [_today(), f"{why}-{secrets.token_hex(8)}", response_id],
    )


def _erase(db: Database, response_id: int) -> None:
    """Delete the answers, texts as typed and anything unread; the response row too when nothing
    (a flag, a request for contact) refers to it."""
    db.execute("DELETE FROM original_texts WHERE response_id = ?", [response_id])
    db.execute("DELETE FROM unread WHERE response_id = ?", [response_id])
    answer_ids = "SELECT id FROM answers WHERE response_id = ?"
    for table in ("themes", "theme_corrections"):  # anything made of the answers since they were taken back
        db.execute(f"DELETE FROM {table} WHERE answer_id IN ({answer_ids})", [response_id])  # noqa: S608 - fixed
    db.execute("DELETE FROM answers WHERE response_id = ?", [response_id])
    kept = db.execute(
        "SELECT EXISTS (SELECT 1 FROM flags WHERE response_id = ?) "
        "OR EXISTS (SELECT 1 FROM contact_requests WHERE response_id = ?)",
        [response_id, response_id],
    ).fetchone()[0]
    if not kept:
        db.execute("DELETE FROM responses WHERE id = ?", [response_id])
