"""The one way answers are stored: `record()`, for every channel (web, API, paper, session, import).

It checks the answers against the survey version, then writes the response, its answers and any
contact request in one transaction. Only when that transaction has committed (synchronous=FULL, see
db.py) does the caller get a receipt, so a receipt always means the answers are on disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import sqlite3
from collections.abc import Callable

import msgspec
from sqlite_utils import Database

from voice.audit import record_event
from voice.catalogue import Published
from voice.db import write_lock
from voice.forms import Answers, FieldError, check_all
from voice.redact import Terms, redact
from voice.safeguarding import Flag, flags_for
from voice.surveys import OTHER, TEXT_KINDS
from voice.themes import Theme, Themer, default_themer

CHANNELS = ("web", "api", "paper", "session", "import")
RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: easy to read out over the phone


class InvalidAnswersError(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(f"{len(errors)} answer(s) cannot be accepted")
        self.errors = errors


class Recorded(msgspec.Struct, frozen=True):
    receipt: str
    response_id: int
    duplicate: bool = False
    """True when this submission key was seen before: nothing new was stored."""


def new_receipt() -> str:
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def normalise_receipt(text: str) -> str:
    code = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else text.upper()


def _key_hash(submission_key: str | None) -> str | None:
    return hashlib.sha256(submission_key.encode()).hexdigest() if submission_key else None


def record(
    db: Database,
    published: Published,
    raw: Answers,
    channel: str,
    *,
    submission_key: str | None = None,
    today: dt.date | None = None,
    locale: str = "en",
    terms: Terms | None = None,
    keep_original_days: int = 90,
    flag_role: str = "safeguarding lead",
    themer: Themer | None = None,
) -> Recorded:
    """Check, redact and store one response. Raises InvalidAnswersError with every problem found.

    Free text is stored redacted; where redaction changed it, the text as typed goes to
    original_texts (for safeguarding leads) until `keep_original_days` have passed. Free text that
    suggests a child may be at risk raises a flag for `flag_role`, and every free-text answer gets
    suggested themes, in the same transaction.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    answers, errors = check_all(published.survey, raw, locale)
    if errors:
        raise InvalidAnswersError(errors)
    date = today or dt.datetime.now(dt.UTC).date()
    texts = _redacted_texts(published, answers, terms)
    themer = themer or default_themer()
    themes = {key: themer.theme(redacted) for key, (redacted, _, _) in texts.items()}
    flags = _flags_in(texts)  # worked out before taking the write lock: other writers wait only for the writing
    delete_after = (date + dt.timedelta(days=keep_original_days)).isoformat()
    key = _key_hash(submission_key)
    for _attempt in range(5):
        try:
            with write_lock:
                return _insert(db, published, answers, texts, channel, key, date.isoformat(), delete_after, flag_role,
                               themes, themer.version, flags)
        except sqlite3.IntegrityError as exc:
            if "responses.receipt" not in str(exc):
                raise
    raise RuntimeError("could not find an unused receipt code")  # 32^8 codes: not in this universe


def _redacted_texts(published: Published, answers: Answers, terms: Terms | None) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """For each free-text answer key: (redacted text, text as typed, kinds redacted)."""
    found = {}
    for _, q in published.survey.questions():
        key = q.id if q.kind in TEXT_KINDS else f"{q.id}.other" if answers.get(q.id) == OTHER else None
        if key and isinstance(answers.get(key), str):
            result = redact(answers[key], terms)
            found[key] = (result.text, answers[key], result.kinds)
    return found


def _insert(db: Database, published: Published, answers: Answers,
            texts: dict[str, tuple[str, str, tuple[str, ...]]], channel: str,
            key: str | None, day: str, delete_after: str, flag_role: str,
            themes: dict[str, Theme], theme_version: str, flags: dict[str, list[Flag]]) -> Recorded:
    survey = published.survey
    receipt = new_receipt()
    consent = next((answers.get(q.id) for _, q in survey.questions() if q.kind == "quote_consent"), None)
    with db.atomic():
        # The first statement writes, so the transaction takes the write lock (waiting politely,
        # see busy_timeout) before it reads anything: no stale-snapshot failures under load.
        cursor = db.execute(
            "INSERT INTO responses (receipt, survey_slug, version_id, channel, submitted_on, quote_consent, submission_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(submission_key) DO NOTHING",
            [receipt, published.slug, published.version_id, channel, day,
             None if consent is None else int(consent == "yes"), key],
        )
        if cursor.rowcount == 0:
            row = db.execute("SELECT receipt, id FROM responses WHERE submission_key = ?", [key]).fetchone()
            return Recorded(row[0], row[1], duplicate=True)
        response_id = int(cursor.lastrowid or 0)
        rows = []
        for _, q in survey.questions():
            if q.id not in answers or q.kind in ("contact_request", "quote_consent"):
                continue
            text_key = q.id if q.kind in TEXT_KINDS else f"{q.id}.other"
            redacted = texts[text_key][0] if text_key in texts else None
            value = redacted if q.kind in TEXT_KINDS else answers[q.id]
            rows.append((response_id, q.id, msgspec.json.encode(value).decode(), redacted))
        db.conn.executemany(
            "INSERT INTO answers (response_id, question_id, value, text) VALUES (?, ?, ?, ?)", rows
        )
        db.conn.executemany(
            "INSERT INTO original_texts (response_id, answer_key, text, kinds, delete_after) VALUES (?, ?, ?, ?, ?)",
            [(response_id, k, original, msgspec.json.encode(list(kinds)).decode(), delete_after)
             for k, (_, original, kinds) in texts.items() if kinds],
        )
        _raise_flags(db, response_id, flags, day, flag_role)
        ids = dict(db.execute("SELECT question_id, id FROM answers WHERE response_id = ?", [response_id]).fetchall())
        store_themes(db, [(ids[k.removesuffix(".other")], t) for k, t in themes.items()], theme_version, day)
        contact = next((q for _, q in survey.questions() if q.kind == "contact_request"), None)
        if contact is not None and answers.get(contact.id) == "yes":
            db.execute(
                "INSERT INTO contact_requests (response_id, survey_slug, name, contact, best_time, requested_on) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [response_id, published.slug, answers.get(f"{contact.id}.name"),
                 answers[f"{contact.id}.contact"], answers.get(f"{contact.id}.when"), day],
            )
    return Recorded(receipt, response_id)


def receipt_exists(db: Database, slug: str, receipt: str) -> bool:
    return db.execute(
        "SELECT 1 FROM responses WHERE survey_slug = ? AND receipt = ?", [slug, normalise_receipt(receipt)]
    ).fetchone() is not None


def receipt_for_key(db: Database, slug: str, submission_key: str) -> str | None:
    """The receipt already given for this one-time submission key, if any."""
    row = db.execute(
        "SELECT receipt FROM responses WHERE survey_slug = ? AND submission_key = ?",
        [slug, _key_hash(submission_key)],
    ).fetchone()
    return row[0] if row else None


INSERT_FLAG = ("INSERT INTO flags (response_id, answer_key, category, reason, severity, raised_on, assigned_role) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")
INSERT_FLAG_IF_NEW = INSERT_FLAG.replace("INSERT INTO", "INSERT OR IGNORE INTO")


def store_themes(db: Database, themed: list[tuple[int, Theme]], version: str, day: str) -> None:
    """Write (or replace) the suggested themes of answers."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO themes (answer_id, sentiment, score, topics, matched, version, themed_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(answer_id, t.sentiment, t.score, msgspec.json.encode(list(t.topics)).decode(),
          msgspec.json.encode(t.matched).decode(), version, day) for answer_id, t in themed],
    )


def _flags_in(texts: dict[str, tuple[str, str, tuple[str, ...]]]) -> dict[str, list[Flag]]:
    """What suggests risk in each free-text answer, judged on the words as typed."""
    return {key: found for key, (_, original, _) in texts.items() if (found := flags_for(original))}


def _raise_flags(db: Database, response_id: int, flags: dict[str, list[Flag]], day: str, role: str, *,
                 new_only: bool = False) -> None:
    """Store the flags found (see `_flags_in`), each with an audit event.

    With new_only (re-theming), a category already flagged for that answer is left as it is.
    """
    for answer_key, found in flags.items():
        for flag in found:
            cursor = db.execute(
                INSERT_FLAG_IF_NEW if new_only else INSERT_FLAG,
                [response_id, answer_key, flag.category, flag.reason, flag.severity, day, role],
            )
            if cursor.rowcount:
                record_event(db, "system", "flag raised", f"flag:{cursor.lastrowid}", f"{flag.category}: {flag.reason}")


def purge_originals(db: Database, today: dt.date | None = None) -> int:
    """Delete texts-as-typed whose keeping time is over; returns how many went.

    The original of an answer with an open safeguarding flag stays until a person closes the flag.
    """
    day = (today or dt.datetime.now(dt.UTC).date()).isoformat()
    with write_lock:
        cursor = db.execute(
            "DELETE FROM original_texts WHERE delete_after < ? AND NOT EXISTS (SELECT 1 FROM flags f "
            "WHERE f.response_id = original_texts.response_id AND f.answer_key = original_texts.answer_key "
            "AND f.status = 'open')", [day])
    return cursor.rowcount


def retheme(db: Database, themer: Themer, flag_role: str, *, batch: int = 1000,
            progress: Callable[[int], object] | None = None) -> tuple[int, int]:
    """Theme every free-text answer again; raise any new flags. Returns (answers themed, new flags)."""
    day = dt.datetime.now(dt.UTC).date().isoformat()
    flags_before = db.execute("SELECT count(*) FROM flags").fetchone()[0]
    done, last_id = 0, 0
    while True:
        rows = db.execute(
            "SELECT a.id, a.response_id, a.question_id, a.value, a.text, o.text FROM answers a "
            "LEFT JOIN original_texts o ON o.response_id = a.response_id AND o.answer_key = "
            "(CASE WHEN a.value = '\"other\"' THEN a.question_id || '.other' ELSE a.question_id END) "
            "WHERE a.text IS NOT NULL AND a.id > ? ORDER BY a.id LIMIT ?", [last_id, batch]).fetchall()
        if not rows:
            break
        themed = [(row[0], themer.theme(row[4])) for row in rows]
        found = [(response_id, _flags_in({f"{question_id}.other" if value == '"other"' else question_id:
                                          (text, original or text, ())}))
                 for _, response_id, question_id, value, text, original in rows]
        with write_lock, db.atomic():
            store_themes(db, themed, themer.version, day)
            for response_id, flags in found:
                _raise_flags(db, response_id, flags, day, flag_role, new_only=True)
        last_id = rows[-1][0]
        done += len(rows)
        if progress:
            progress(len(rows))
    return done, db.execute("SELECT count(*) FROM flags").fetchone()[0] - flags_before
