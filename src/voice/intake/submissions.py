"""The one way answers are stored: `record()`, for every channel (web, API, paper, session, import).

It checks the answers against the survey version, then writes the response, its answers and any
contact request in one transaction. Only when that transaction has committed (synchronous=FULL, see
db.py) does the caller get a receipt, so a receipt always means the answers are on disk.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import sqlite3
from collections.abc import Callable
from typing import Any, NamedTuple

import msgspec
from sqlite_utils import Database

from voice.common.dates import due_on, local_today
from voice.common.settings import Settings
from voice.intake import drafts
from voice.intake.receipts import new_receipt, normalise_receipt
from voice.reading.redact import Terms, redact
from voice.reading.safeguarding import Flag
from voice.reading.themes import AnswerReader, Theme, default_answer_reader
from voice.store import tallies
from voice.store.audit import record_event
from voice.store.db import write as db_write
from voice.store.db import write_lock
from voice.store.versions import Published, version
from voice.surveys.forms import Answers, FieldError, check_all
from voice.surveys.schema import OTHER, TEXT_KINDS

CHANNELS = ("web", "api", "paper", "session", "import")
log = logging.getLogger("voice")


class InvalidAnswersError(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(f"{len(errors)} answer(s) cannot be accepted")
        self.errors = errors


class Recorded(msgspec.Struct, frozen=True):
    receipt: str
    response_id: int
    duplicate: bool = False
    """True when this submission key was seen before: nothing new was stored."""


def _key_hash(slug: str, submission_key: str | None) -> str | None:
    """A one-time submission key as stored: scoped to its survey, so that the same key sent for another
    survey is another key and never brings back someone's receipt (the web form also shows a receipt
    again only to the browser it was given to: see voice.web.public)."""
    if not submission_key:
        return None
    return hashlib.sha256(f"{slug}\0{submission_key}".encode()).hexdigest()


def already_stored(db: Database, slug: str, submission_key: str) -> bool:
    """A response to this survey was stored with this submission key (an import's source row id) before."""
    key = _key_hash(slug, submission_key)
    return db.execute("SELECT 1 FROM responses WHERE submission_key = ?", [key]).fetchone() is not None


class RecordOptions(msgspec.Struct, frozen=True, kw_only=True):
    """How record() stores one response and how it, or read_unread(), reads it (the reading part comes
    from the settings and the words in use: see reading_options)."""

    submission_key: str | None = None
    """A one-time key (see _key_hash): the same answers sent twice are stored once."""
    today: dt.date | None = None
    """The day the answers are dated with (by default, today)."""
    locale: str = "en"
    """The language of the messages; on the web form, the young person's: a request for contact keeps it."""
    terms: Terms | None = None
    """The partnership's words to redact and keep."""
    keep_original_days: int = 90
    """How long a text as typed is kept for safeguarding leads, where redaction changed it."""
    flag_role: str = "safeguarding lead"
    """Who flags go to."""
    contact_days: int = 2
    """Working days before a request for contact is due."""
    answer_reader: AnswerReader | None = None
    """The answer_reader in use (by default, the taxonomy alone)."""
    read_now: bool = True
    """Read in the same transaction (paper, sessions, imports); else stored as sent in `unread`."""
    draft: str | None = None
    """The unfinished answers (drafts.token_hash) these came from."""


DEFAULTS = RecordOptions()


def record(
    db: Database, published: Published, raw: Answers, channel: str, options: RecordOptions = DEFAULTS
) -> Recorded:
    """Check and store one response. Raises InvalidAnswersError with every problem found.

    Then its free text is read (see `read_answers`): stored redacted; where redaction changed it, the
    text as typed goes to original_texts (for safeguarding leads) until `keep_original_days` have
    passed; text that suggests a child may be at risk raises a flag for `flag_role`; every free-text
    answer gets suggested themes. With read_now (paper, sessions, imports), all in the same transaction.
    Without (the web form and the API), the answers are stored as sent in `unread`, in the same
    transaction as the response, and read moments later by `read_unread` (see voice.web.reading): the
    receipt is given as soon as the answers are safe on disk, however busy the service is.
    `draft` names the unfinished answers (drafts.token_hash) these came from: deleted when the answers
    are read, not while the young person waits (a row at a random place in the table and its index:
    deleting it in the same transaction cost a fifth of the rate of form posts under load).
    On the web form, `locale` is the language the young person was using: a request for contact keeps it.
    """
    submission_key, today, locale, draft = options.submission_key, options.today, options.locale, options.draft
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    answers, errors = check_all(published.survey, raw, locale)
    if errors:
        raise InvalidAnswersError(errors)
    day = (today or local_today()).isoformat()
    reading = (
        read_answers(published, answers, options.terms, options.answer_reader or default_answer_reader())
        if options.read_now
        else None
    )
    key = _key_hash(published.slug, submission_key)
    language = locale if channel == "web" else None  # an app's, a paper form's or a file's is not known

    def store(db: Database) -> Recorded:
        recorded = _new_response(db, published, answers, channel, key, day)
        if recorded.duplicate:
            return recorded
        if reading is None:
            # Raw SQL on purpose: this is under the write lock every submission waits for, and sqlite-utils'
            # insert() took 52 µs where this takes 9 (in memory, one row); see #31.
            db.execute(
                "INSERT INTO unread (response_id, answers, draft, language) VALUES (?, ?, ?, ?)",
                [recorded.response_id, msgspec.json.encode(answers).decode(), draft, language],
            )
        else:
            if draft is not None:
                drafts.forget(db, draft)
            _store_reading(
                db,
                published,
                recorded.response_id,
                answers,
                reading,
                day,
                _delete_after(day, options.keep_original_days),
                options.flag_role,
                options.contact_days,
                language,
            )
        return recorded

    for _attempt in range(5):
        try:
            return db_write(db, store)
        except sqlite3.IntegrityError as exc:
            if "responses.receipt" not in str(exc):
                raise
    raise RuntimeError("could not find an unused receipt code")  # 32^12 codes: not in this universe


def reading_options(settings: Settings, terms: Terms, answer_reader: AnswerReader) -> RecordOptions:
    """What record() and read_unread() take from the settings and the words in use."""
    return RecordOptions(
        terms=terms,
        answer_reader=answer_reader,
        keep_original_days=settings.original_text_days,
        flag_role=settings.safeguarding_role,
        contact_days=settings.contact_working_days,
    )


class Reading(msgspec.Struct, frozen=True):
    """What reading a response's free text found."""

    texts: dict[str, tuple[str, str, tuple[str, ...]]]
    """Each free-text answer key: (redacted text, text as typed, kinds redacted)."""
    themes: dict[str, Theme]
    flags: dict[str, list[Flag]]
    theme_version: str


def read_answers(published: Published, answers: Answers, terms: Terms | None, answer_reader: AnswerReader) -> Reading:
    """Redact, theme and check for safeguarding signs: no database, so no lock is held meanwhile."""
    return read_many([(published, answers)], terms, answer_reader)[0]


def read_many(
    responses: list[tuple[Published, Answers]], terms: Terms | None, answer_reader: AnswerReader
) -> list[Reading]:
    """read_answers for several responses, their free text read together (the reader is faster in batches)."""
    texts = [_redacted_texts(published, answers, terms) for published, answers in responses]
    read = answer_reader.read([(redacted, original) for found in texts for redacted, original, _ in found.values()])
    readings, at = [], 0
    for found in texts:
        mine = dict(zip(found, read[at : at + len(found)], strict=True))
        at += len(found)
        readings.append(
            Reading(
                found,
                {key: theme for key, (theme, _) in mine.items()},
                {key: flags for key, (_, flags) in mine.items() if flags},
                answer_reader.version,
            )
        )
    return readings


def _delete_after(day: str, keep_original_days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=keep_original_days)).isoformat()


def _redacted_texts(
    published: Published, answers: Answers, terms: Terms | None
) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """For each free-text answer key: (redacted text, text as typed, kinds redacted)."""
    found = {}
    for _, q in published.survey.questions():
        key = q.id if q.kind in TEXT_KINDS else f"{q.id}.other" if answers.get(q.id) == OTHER else None
        if key and isinstance(answers.get(key), str):
            result = redact(answers[key], terms)
            found[key] = (result.text, answers[key], result.kinds)
    return found


def _new_response(
    db: Database, published: Published, answers: Answers, channel: str, key: str | None, day: str
) -> Recorded:
    """The response's own row (receipt, survey, day), or the earlier one with this submission key."""
    consent = next((answers.get(q.id) for _, q in published.survey.questions() if q.kind == "quote_consent"), None)
    receipt = new_receipt()
    # The first statement writes, so the transaction takes the write lock (waiting politely,
    # see busy_timeout) before it reads anything: no stale-snapshot failures under load.
    # Raw SQL: sqlite-utils' insert(ignore=True) would also swallow a receipt that is taken (retried in record()).
    cursor = db.execute(
        "INSERT INTO responses (receipt, survey_slug, version_id, channel, submitted_on, quote_consent, submission_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(submission_key) DO NOTHING",
        [
            receipt,
            published.slug,
            published.version_id,
            channel,
            day,
            None if consent is None else int(consent == "yes"),
            key,
        ],
    )
    if cursor.rowcount == 0:
        row = next(db.table("responses").rows_where("submission_key = ?", [key], select="receipt, id AS response_id"))
        return Recorded(**row, duplicate=True)
    return Recorded(receipt, int(cursor.lastrowid or 0))


class Stored(NamedTuple):
    """An answer's row as stored (a NamedTuple: executemany takes it as it is)."""

    response_id: int
    question_id: str
    value: str
    """JSON."""
    text: str | None
    """The free text, redacted."""


def _store_reading(
    db: Database,
    published: Published,
    response_id: int,
    answers: Answers,
    reading: Reading,
    day: str,
    delete_after: str,
    flag_role: str,
    contact_days: int = 2,
    language: str | None = None,
) -> None:
    """A response's answers (free text redacted), texts as typed, flags, themes and contact request (with
    the language the young person used, when known)."""
    survey = published.survey
    texts = reading.texts
    rows: list[Stored] = []
    for _, q in survey.questions():
        if q.id not in answers or q.kind in ("contact_request", "quote_consent"):
            continue
        text_key = q.id if q.kind in TEXT_KINDS else f"{q.id}.other"
        redacted = texts[text_key][0] if text_key in texts else None
        value = redacted if q.kind in TEXT_KINDS else answers[q.id]
        rows.append(Stored(response_id, q.id, msgspec.json.encode(value).decode(), redacted))
    # Raw executemany, not insert_all: sqlite-utils' insert_all (a look at the schema and a savepoint each
    # call) made storing a read response cost 270 µs instead of 90, about 6% of a submission's whole cost
    # (record and reading), over #31's 5% limit for the write path.
    db.conn.executemany("INSERT INTO answers (response_id, question_id, value, text) VALUES (?, ?, ?, ?)", rows)
    tallies.add_response(db, published.slug, survey, day, {row.question_id: row.value for row in rows})
    db.conn.executemany(
        "INSERT INTO original_texts (response_id, answer_key, text, kinds, delete_after) VALUES (?, ?, ?, ?, ?)",
        [
            (response_id, k, original, msgspec.json.encode(list(kinds)).decode(), delete_after)
            for k, (_, original, kinds) in texts.items()
            if kinds
        ],
    )
    _raise_flags(db, response_id, reading.flags, day, flag_role)
    if reading.themes:
        ids = dict(db.execute("SELECT question_id, id FROM answers WHERE response_id = ?", [response_id]).fetchall())
        store_themes(
            db, [(ids[k.removesuffix(".other")], t) for k, t in reading.themes.items()], reading.theme_version, day
        )
    contact = next((q for _, q in survey.questions() if q.kind == "contact_request"), None)
    if contact is not None and answers.get(contact.id) == "yes":
        db.table("contact_requests").insert(
            {
                "response_id": response_id,
                "survey_slug": published.slug,
                "name": answers.get(f"{contact.id}.name"),
                "contact": answers[f"{contact.id}.contact"],
                "best_time": answers.get(f"{contact.id}.when"),
                "requested_on": day,
                "due_on": due_on(day, contact_days),
                "language": language,
            }
        )


class Unread(msgspec.Struct, frozen=True):
    """A response waiting in `unread`, with what reading it needs."""

    response_id: int
    published: Published
    answers: Answers
    day: str
    draft: str | None
    """The unfinished answers (drafts.token_hash) these came from, deleted once they are read."""
    language: str | None


class Read(msgspec.Struct, frozen=True):
    """A response read, not yet stored."""

    unread: Unread
    reading: Reading


def read_unread(
    db: Database,
    options: RecordOptions = DEFAULTS,
    *,
    only: int | None = None,
    limit: int = 20,
    claim_seconds: int = 120,
    stop: Callable[[], bool] | None = None,
) -> int:
    """Read answers waiting in `unread` (oldest first, at most `limit`), store what reading found and
    delete them from `unread`, in one transaction. Returns how many were read. `options`: how to read
    them (its reading part: see reading_options).

    Readers in other threads or worker processes never read the same answers twice: a batch is
    claimed first (for `claim_seconds`, after which another reader may take it, say if this one
    died; if storing what was read fails, at once), and a response is stored only if it is still unread
    when the batch is written. `only`
    reads that one response now, claimed or not. `stop` is asked between answers: when it says so,
    what was read so far is stored and the rest released for the next reader.
    """
    batch = _claim(db, only, limit, claim_seconds)
    if not batch:
        return 0
    waiting = _waiting(db, batch)
    done, left = _read_batch(waiting, options.terms, options.answer_reader or default_answer_reader(), stop)
    try:
        return _store_read(db, done, left, options)
    except sqlite3.Error:
        if only is None:  # let the next reader have them now, not when the claim runs out
            _release(db, [row["response_id"] for row in batch])
        raise


def _claim(db: Database, only: int | None, limit: int, claim_seconds: int) -> list[dict[str, Any]]:
    """Rows of `unread` to read now, oldest first: `only` that one (claimed or not), else at most `limit`
    that no other reader holds, claimed for `claim_seconds`."""
    if only is not None:
        # db.query, not rows_where, which looks up the schema first: a worker reads most submissions this way
        # (BackgroundReader.after_accepting), so this is on the write path.
        return list(db.query("SELECT response_id, answers, draft, language FROM unread WHERE response_id = ?", [only]))
    now = dt.datetime.now(dt.UTC)
    with write_lock, db.atomic():
        # Raw SQL: claiming and reading back in one statement (UPDATE ... RETURNING) is not in sqlite-utils.
        batch = list(
            db.query(
                "UPDATE unread SET claimed_until = ? WHERE response_id IN (SELECT response_id FROM unread "
                "WHERE claimed_until IS NULL OR claimed_until < ? ORDER BY response_id LIMIT ?) "
                "RETURNING response_id, answers, draft, language",
                [(now + dt.timedelta(seconds=claim_seconds)).isoformat(), now.isoformat(), limit],
            )
        )
    return sorted(batch, key=lambda row: row["response_id"])


def _waiting(db: Database, batch: list[dict[str, Any]]) -> list[Unread]:
    """The claimed rows with their survey version and day (each version looked up once: a batch is
    mostly one or two versions)."""
    about = {
        row["id"]: row
        for row in db.query(
            "SELECT id, version_id, submitted_on FROM responses WHERE id IN (SELECT value FROM json_each(?))",
            [msgspec.json.encode([row["response_id"] for row in batch]).decode()],
        )
    }
    versions: dict[int, Published | None] = {}
    waiting = []
    for row in batch:
        response = about[row["response_id"]]
        version_id = response["version_id"]
        if version_id not in versions:
            versions[version_id] = version(db, version_id)
        published = versions[version_id]
        if published is not None:  # always: a response's version is never deleted
            waiting.append(
                Unread(
                    row["response_id"],
                    published,
                    msgspec.json.decode(row["answers"]),
                    response["submitted_on"],
                    row["draft"],
                    row["language"],
                )
            )
    return waiting


def _read_batch(
    waiting: list[Unread], terms: Terms | None, answer_reader: AnswerReader, stop: Callable[[], bool] | None
) -> tuple[list[Read], list[int]]:
    """Read the waiting responses, READ_TOGETHER at a time, asking `stop` between groups: what was read,
    and the response ids not read because `stop` said so (released for the next reader)."""
    done: list[Read] = []
    for at in range(0, len(waiting), READ_TOGETHER):
        if stop is not None and done and stop():
            return done, [later.response_id for later in waiting[at:]]
        done += _read_chunk(waiting[at : at + READ_TOGETHER], terms, answer_reader)
    return done, []


def _release(db: Database, response_ids: list[int]) -> None:
    try:
        with write_lock:
            db.execute(
                "UPDATE unread SET claimed_until = NULL WHERE response_id IN (SELECT value FROM json_each(?))",
                [msgspec.json.encode(response_ids).decode()],
            )
    except sqlite3.Error:
        pass  # a full disk may refuse even this: the claim runs out by itself


def _store_read(db: Database, done: list[Read], left: list[int], options: RecordOptions) -> int:
    with write_lock, db.atomic():
        stored = 0
        for read in done:
            unread = read.unread
            # Raw SQL: whether the row was still there (rowcount) is what tells another reader stored it.
            if not db.execute("DELETE FROM unread WHERE response_id = ?", [unread.response_id]).rowcount:
                continue  # another reader stored it meanwhile
            if unread.draft is not None:  # the unfinished answers the young person sent these from
                drafts.forget(db, unread.draft)
            _store_reading(
                db,
                unread.published,
                unread.response_id,
                unread.answers,
                read.reading,
                unread.day,
                _delete_after(unread.day, options.keep_original_days),
                options.flag_role,
                options.contact_days,
                unread.language,
            )
            stored += 1
        if left:
            db.execute(
                "UPDATE unread SET claimed_until = NULL WHERE response_id IN (SELECT value FROM json_each(?))",
                [msgspec.json.encode(left).decode()],
            )
    return stored


READ_TOGETHER = 8
"""Responses whose free text the reader reads in one go (`stop` is asked between such groups)."""


def _read_chunk(chunk: list[Unread], terms: Terms | None, answer_reader: AnswerReader) -> list[Read]:
    """Read responses together; if that fails, one by one, so that one odd answer holds up no other."""
    try:
        readings = read_many([(unread.published, unread.answers) for unread in chunk], terms, answer_reader)
    except Exception:  # noqa: BLE001 - which answer it was is found below
        readings = []
    if len(readings) == len(chunk):
        return [Read(unread, reading) for unread, reading in zip(chunk, readings, strict=True)]
    done = []
    for unread in chunk:
        try:
            reading = read_answers(unread.published, unread.answers, terms, answer_reader)
        except Exception as exc:  # noqa: BLE001 - one odd answer must not stop the others being read
            log.error(
                "could not read response %d (%s); it stays unread and is tried again later",
                unread.response_id,
                type(exc).__name__,
            )
            continue
        done.append(Read(unread, reading))
    return done


def unread_count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM unread").fetchone()[0])


def receipt_exists(db: Database, slug: str, receipt: str) -> bool:
    return (
        db.execute(
            "SELECT 1 FROM responses WHERE survey_slug = ? AND receipt = ?", [slug, normalise_receipt(receipt)]
        ).fetchone()
        is not None
    )


def receipt_for_key(db: Database, slug: str, submission_key: str) -> str | None:
    """The receipt already given for this one-time submission key (see _key_hash), if any."""
    row = db.execute(
        "SELECT receipt FROM responses WHERE survey_slug = ? AND submission_key = ?",
        [slug, _key_hash(slug, submission_key)],
    ).fetchone()
    return row[0] if row else None


INSERT_FLAG = (
    "INSERT INTO flags (response_id, answer_key, category, reason, severity, raised_on, assigned_role, "
    "tier, score, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_FLAG_IF_NEW = INSERT_FLAG.replace("INSERT INTO", "INSERT OR IGNORE INTO")


def store_themes(db: Database, themed: list[tuple[int, Theme]], version: str, day: str) -> None:
    """Write (or replace) the suggested themes of answers."""
    db.conn.executemany(
        "INSERT INTO themes (answer_id, sentiment, score, topics, matched, version, themed_on) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(answer_id) DO UPDATE SET sentiment = excluded.sentiment, "
        "score = excluded.score, topics = excluded.topics, matched = excluded.matched, version = excluded.version, "
        "themed_on = excluded.themed_on",
        [
            (
                answer_id,
                t.sentiment,
                t.score,
                msgspec.json.encode(list(t.topics)).decode(),
                msgspec.json.encode(t.matched).decode(),
                version,
                day,
            )
            for answer_id, t in themed
        ],
    )


def _raise_flags(
    db: Database, response_id: int, flags: dict[str, list[Flag]], day: str, role: str, *, new_only: bool = False
) -> None:
    """Store the flags found (see AnswerReader.read), each with an audit event.

    With new_only (re-theming), a category already flagged for that answer is left as it is.
    """
    for answer_key, found in flags.items():
        for flag in found:
            cursor = db.execute(
                INSERT_FLAG_IF_NEW if new_only else INSERT_FLAG,
                [
                    response_id,
                    answer_key,
                    flag.category,
                    flag.reason,
                    flag.severity,
                    day,
                    role,
                    flag.tier,
                    flag.score,
                    msgspec.json.encode(flag.evidence).decode() if flag.evidence else None,
                ],
            )
            if cursor.rowcount:
                what = {"flag": "flag raised", "look": "worth a look raised", "person": "needs a person to read"}[
                    flag.tier
                ]
                # The kind only: the words stay with the flag, which only safeguarding leads read.
                record_event(db, "system", what, f"flag:{cursor.lastrowid}", flag.category)


def purge_originals(db: Database, today: dt.date | None = None) -> int:
    """Delete texts-as-typed whose keeping time is over; returns how many went.

    The original of an answer with an open safeguarding flag stays until a person closes the flag.
    """
    day = (today or local_today()).isoformat()
    with write_lock:
        cursor = db.execute(
            "DELETE FROM original_texts WHERE delete_after < ? AND NOT EXISTS (SELECT 1 FROM flags f "
            "WHERE f.response_id = original_texts.response_id AND f.answer_key = original_texts.answer_key "
            "AND f.status = 'open')",
            [day],
        )
    return cursor.rowcount


def retheme(
    db: Database,
    answer_reader: AnswerReader,
    flag_role: str,
    *,
    batch: int = 1000,
    progress: Callable[[int], object] | None = None,
) -> tuple[int, int]:
    """Theme every free-text answer again; raise any new flags. Returns (answers themed, new flags)."""
    day = local_today().isoformat()
    flags_before = db.execute("SELECT count(*) FROM flags").fetchone()[0]
    done, last_id = 0, 0
    while True:
        rows = list(
            db.query(
                "SELECT a.id, a.response_id, a.question_id, a.value, a.text, o.text AS original FROM answers a "
                "LEFT JOIN original_texts o ON o.response_id = a.response_id AND o.answer_key = "
                "(CASE WHEN a.value = '\"other\"' THEN a.question_id || '.other' ELSE a.question_id END) "
                "WHERE a.text IS NOT NULL AND a.id > ? ORDER BY a.id LIMIT ?",
                [last_id, batch],
            )
        )
        if not rows:
            break
        read = answer_reader.read([(row["text"], row["original"] or row["text"]) for row in rows])
        themed = [(row["id"], theme) for row, (theme, _) in zip(rows, read, strict=True)]
        found = [
            (
                row["response_id"],
                {f"{row['question_id']}.other" if row["value"] == '"other"' else row["question_id"]: flags},
            )
            for row, (_, flags) in zip(rows, read, strict=True)
            if flags
        ]
        with write_lock, db.atomic():
            store_themes(db, themed, answer_reader.version, day)
            for response_id, flags in found:
                _raise_flags(db, response_id, flags, day, flag_role, new_only=True)
        last_id = rows[-1]["id"]
        done += len(rows)
        if progress:
            progress(len(rows))
    return done, db.execute("SELECT count(*) FROM flags").fetchone()[0] - flags_before
