"""Facilitators' decisions: browsing answers, correcting themes, and curating quotes.

Machine suggestions (themes) and people's decisions (theme_corrections, quotes) are kept apart; where
a person corrected an answer, their version is what counts. Only redacted text is shown here. A quote
needs the young person's agreement where the survey asked for it, waits while a safeguarding flag on
its answer is open, and is approved by someone other than the person who proposed it.
"""

from __future__ import annotations

import collections
import datetime as dt
import difflib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import msgspec
from sqlite_utils import Database

from voice.common.i18n import N_
from voice.common.text import clean_text, typed_forms
from voice.reading.names import helplines
from voice.reading.redact import Terms, redact
from voice.reading.safeguarding import NEEDS_READING
from voice.reading.themes import SENTIMENTS, Taxonomy
from voice.store.audit import record_event
from voice.store.corrections import LATEST_CORRECTIONS
from voice.store.db import write_lock
from voice.store.versions import version

PAGE_SIZE = 50
QUOTE_MAX = 1000


class Filters(msgspec.Struct, frozen=True, kw_only=True):
    survey: str | None = None
    version: int | None = None
    channel: str | None = None
    topic: str | None = None
    priority: str | None = None
    sentiment: str | None = None
    flagged: bool | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    page: int = 1


class Row(msgspec.Struct, frozen=True):
    answer_id: int
    survey_slug: str
    question_id: str
    text: str
    sentiment: str | None
    topics: list[str]
    day: str
    channel: str
    flagged: bool
    corrected: bool


class Quote(msgspec.Struct, frozen=True):
    id: int
    answer_id: int
    text: str
    attribution: str
    status: str
    proposed_by: str
    decided_by: str | None
    survey_slug: str
    topics: list[str]
    priorities: list[str]
    summary: bool = False
    """In the partnership's words, not the young person's: never shown in quotation marks."""
    answer_text: str = ""
    """The answer it came from, redacted, for the person who approves it."""
    year: str = ""
    """The business year its answer was given in: the year whose "you said, we did" report it goes in."""


class Version(msgspec.Struct, frozen=True):
    id: int
    slug: str
    content_hash: str
    first_loaded_on: str
    number: int = 1
    """Its place among its survey's versions, oldest first (1, 2, ...): what staff are shown, not the hash."""


def versions(db: Database) -> list[Version]:
    """Every stored survey version, for choosing which answers to look at: by survey, oldest first."""
    return [
        Version(**row)
        for row in db.query(
            "SELECT id, slug, content_hash, first_loaded_on, "
            "row_number() OVER (PARTITION BY slug ORDER BY id) AS number FROM survey_versions ORDER BY slug, id"
        )
    ]


class CurationError(ValueError):
    """A decision that cannot be made; the message is a translatable sentence."""


SELF_APPROVAL = N_("Someone other than the person who proposed a quote must approve it.")
DECISION_PROBLEMS = (
    N_("There is no such quote."),
    N_("This quote has already moved on; reload the page."),
    SELF_APPROVAL,
)
"""What can stop a decision on a quote, by number (the quotes page says it after its redirect)."""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# The effective theme: a person's latest correction, else the machine's suggestion.
_BASE = f"""
FROM answers a
JOIN responses r ON r.id = a.response_id
LEFT JOIN themes t ON t.answer_id = a.id
LEFT JOIN ({LATEST_CORRECTIONS}) c ON c.answer_id = a.id
WHERE a.text IS NOT NULL AND r.withdrawn_on IS NULL
"""


FLAGGED = (
    "EXISTS (SELECT 1 FROM flags f WHERE f.response_id = a.response_id "
    "AND f.answer_key IN (a.question_id, a.question_id || '.other'))"
)


def _fts_query(text: str) -> str:
    """Words as FTS5 phrases, so that search syntax typed by a person is taken as words; a word ending
    in * finds the words that start with it ("scho*": school, schools, scholarship). A word finds the ways young
    people type it too (voice.common.text.typed_forms: "follow" finds "followin", "school" finds "skool")."""
    words = re.findall(r"\w+\*?", text)[:20]
    return " AND ".join(_fts_word(w) for w in words)


def _fts_word(word: str) -> str:
    def phrase(w: str) -> str:
        return '"' + w.replace('"', '""') + '"'

    if word.endswith("*"):
        return phrase(word.rstrip("*")) + "*"
    forms = [word, *typed_forms(word)]
    return phrase(word) if len(forms) == 1 else "(" + " OR ".join(map(phrase, forms)) + ")"


# "2021/22" for an answer sent between 1 April 2021 and 31 March 2022 (as priorities.year_of says).
BUSINESS_YEAR_OF_ANSWER = (
    "printf('%d/%02d', CAST(strftime('%Y', r.submitted_on, '-3 months') AS INTEGER), "
    "(CAST(strftime('%Y', r.submitted_on, '-3 months') AS INTEGER) + 1) % 100)"
)
# Two fixed fragments of this module, no value from outside:
PRIORITY_FILTER = (
    " AND EXISTS (SELECT 1 FROM json_each(coalesce(c.topics, t.topics, '[]')) WHERE value IN "  # noqa: S608
    "(SELECT value FROM json_each(coalesce((SELECT p.topics FROM priorities p WHERE p.key = :priority "
    "AND p.year = " + BUSINESS_YEAR_OF_ANSWER + "), :priority_topics))))"
)

# Filters that compare one column with the value given: (field, fixed SQL with its named placeholder).
SIMPLE_FILTERS = (
    ("survey", " AND r.survey_slug = :survey"),
    ("version", " AND r.version_id = :version"),
    ("channel", " AND r.channel = :channel"),
    ("since", " AND r.submitted_on >= :since"),
    ("until", " AND r.submitted_on <= :until"),
    ("sentiment", " AND coalesce(c.sentiment, t.sentiment) = :sentiment"),
)


def _where(filters: Filters, taxonomy: Taxonomy) -> tuple[str, dict[str, Any]]:
    sql, params = "", {}
    for field, clause in SIMPLE_FILTERS:
        if value := getattr(filters, field):
            sql += clause
            params[field] = value
    if filters.topic:
        sql += (
            " AND EXISTS (SELECT 1 FROM json_each(coalesce(c.topics, t.topics, '[]')) "
            "WHERE value IN (SELECT value FROM json_each(:topics)))"
        )
        params["topics"] = msgspec.json.encode([filters.topic]).decode()
    if filters.priority:
        # The topics that fed the priority in the business year the answer was sent (as edited for that
        # year on the priorities page), or the taxonomy's where the year has no such priority.
        sql += PRIORITY_FILTER
        params["priority"] = filters.priority
        params["priority_topics"] = msgspec.json.encode(
            [tp.id for tp in taxonomy.topics if filters.priority in tp.priorities]
        ).decode()
    if filters.flagged is not None:
        sql += (" AND " if filters.flagged else " AND NOT ") + FLAGGED
    if filters.q and _fts_query(filters.q):
        sql += " AND a.id IN (SELECT rowid FROM answers_fts WHERE answers_fts MATCH :q)"
        params["q"] = _fts_query(filters.q)
    return sql, params


_SELECT = (
    "SELECT a.id AS answer_id, r.survey_slug, a.question_id, a.text, "
    "coalesce(c.sentiment, t.sentiment) AS sentiment, coalesce(c.topics, t.topics, '[]') AS topics, "
    "r.submitted_on AS day, r.channel, "
    "EXISTS (SELECT 1 FROM flags f WHERE f.response_id = a.response_id AND f.status = 'open' "
    "AND f.answer_key IN (a.question_id, a.question_id || '.other')) AS flagged, c.id IS NOT NULL AS corrected "
)


def _row(r: dict[str, Any]) -> Row:
    """A Row from a row of _SELECT, by column name."""
    return Row(
        **(
            r
            | {
                "topics": msgspec.json.decode(r["topics"]),
                "flagged": bool(r["flagged"]),
                "corrected": bool(r["corrected"]),
            }
        )
    )


# SQL below is put together only from the fixed fragments in this module and named placeholders;
# every value a person typed travels as a parameter.
def browse(db: Database, filters: Filters, taxonomy: Taxonomy) -> tuple[list[Row], int]:
    """One page of answers that match, newest first, and how many match in all."""
    where, params = _where(filters, taxonomy)
    total = db.execute("SELECT count(*) " + _BASE + where, params).fetchone()[0]
    rows = db.query(
        _SELECT + _BASE + where + " ORDER BY r.submitted_on DESC, a.id DESC LIMIT :limit OFFSET :offset",
        {**params, "limit": PAGE_SIZE, "offset": (max(filters.page, 1) - 1) * PAGE_SIZE},
    )
    return [_row(r) for r in rows], int(total)


def every(db: Database, filters: Filters, taxonomy: Taxonomy) -> Iterator[Row]:
    """Every answer that matches, newest first (for a download), read a row at a time."""
    where, params = _where(filters, taxonomy)
    for r in db.query(_SELECT + _BASE + where + " ORDER BY r.submitted_on DESC, a.id DESC", params):
        yield _row(r)


def answer(db: Database, answer_id: int) -> Row | None:
    row = next(db.query(_SELECT + _BASE + " AND a.id = :id", {"id": answer_id}), None)
    return _row(row) if row else None


def suggested(db: Database, answer_id: int) -> tuple[str | None, list[str], dict[str, list[str]]]:
    """The machine's own suggestion for an answer, with the words that matched each topic."""
    row = next(db.query("SELECT sentiment, topics, matched FROM themes WHERE answer_id = ?", [answer_id]), None)
    if row is None:
        return None, [], {}
    return row["sentiment"], msgspec.json.decode(row["topics"]), msgspec.json.decode(row["matched"])


def correct(
    db: Database, answer_id: int, sentiment: str | None, topics: list[str], by: str, taxonomy: Taxonomy
) -> None:
    """A person's themes for an answer; they count from now on, and are kept for teaching the model."""
    known = {t.id for t in taxonomy.topics}
    if sentiment is not None and sentiment not in SENTIMENTS:
        raise CurationError(N_("Select one of the feelings shown."))
    if not topics or any(t not in known for t in topics):
        raise CurationError(N_("Select at least one topic from the list."))
    with write_lock, db.atomic():
        db.table("theme_corrections").insert(
            {
                "answer_id": answer_id,
                "sentiment": sentiment,
                "topics": msgspec.json.encode(topics).decode(),
                "corrected_by": by,
                "corrected_at": _now(),
            }
        )
        record_event(db, by, "themes corrected", f"answer:{answer_id}", f"{sentiment}; {', '.join(topics)}")


def quote_blockers(db: Database, answer_id: int) -> list[str]:
    """Why this answer cannot be quoted now (empty when it can)."""
    row = db.execute(
        "SELECT r.id, r.version_id, r.quote_consent, a.question_id FROM answers a "
        "JOIN responses r ON r.id = a.response_id WHERE a.id = ? AND r.withdrawn_on IS NULL",
        [answer_id],
    ).fetchone()
    if row is None:
        return [N_("There is no such answer.")]
    response_id, version_id, consent, question_id = row
    blockers = []
    published = version(db, version_id)
    asked = published is not None and any(q.kind == "quote_consent" for _, q in published.survey.questions())
    if asked and consent != 1:
        blockers.append(N_("The young person did not say yes to being quoted, so this answer cannot be a quote."))
    waiting = {
        category
        for (category,) in db.execute(
            "SELECT category FROM flags WHERE response_id = ? AND answer_key IN (?, ?) AND status = 'open'",
            [response_id, question_id, f"{question_id}.other"],
        )
    }
    if waiting == {NEEDS_READING}:
        blockers.append(
            N_(
                "This answer is in a language the automatic reader cannot read, so a safeguarding lead reads it "
                "first. Until then it is held back."
            )
        )
    elif waiting:
        blockers.append(N_("A safeguarding lead has not yet reviewed the flag on this answer, so it is held back."))
    return blockers


NUMBER_AS_TYPED = re.compile(r"\d(?:[\d ]*\d)?")


@cache
def _helpline_names() -> re.Pattern[str]:
    """data/helplines.txt's names as whole phrases, longest first ("the mix", "laura centre", "childline")."""
    names = sorted(helplines().names, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)


def _without_helplines(text: str) -> str:
    """The text with data/helplines.txt's numbers taken out and its names written as "service" ("Childline on 0800
    1111" -> "service on  "): redaction keeps them on purpose, so they are no one's detail to check. A name is taken
    only whole, so "Laura" alone is still pointed at where "the Laura Centre" is not."""
    numbers = helplines().numbers
    text = NUMBER_AS_TYPED.sub(lambda m: " " if re.sub(r"\D", "", m.group()) in numbers else m.group(), text)
    return _helpline_names().sub("service", text)


def quote_warnings(db: Database, text: str, survey_slug: str, min_group: int) -> list[str]:
    """Things that could make a quote identify someone: for a person to weigh, not a rule."""
    warnings = []
    if re.search(r"\[[a-z ]+\]", text):
        warnings.append(N_("The quote has a redacted detail in it; check it reads well and identifies nobody."))
    checked = _without_helplines(text)
    if re.search(r"\d", checked):
        warnings.append(N_("The quote has numbers in it (ages, dates, times) that could identify someone."))
    if re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}", checked.strip()):
        warnings.append(N_("The quote has capitalised words that may be names or places; check them."))
    responses = db.execute("SELECT count(*) FROM responses WHERE survey_slug = ?", [survey_slug]).fetchone()[0]
    if responses < min_group:
        warnings.append(N_("This survey has very few responses, so a quote could identify who wrote it."))
    return warnings


def propose(
    db: Database,
    answer_id: int,
    text: str,
    attribution: str,
    by: str,
    taxonomy: Taxonomy,
    terms: Terms | None = None,
    *,
    summary: bool = False,
) -> int:
    """A quote, linked to the answer's topics (a person's correction if there is one) and the
    partnership priorities those topics feed. The words as proposed (a facilitator may edit them) go
    through the same redaction as every answer, so a name or number typed into an edit is not kept. An
    edit that keeps too few of the young person's words is refused, unless it is marked as a summary."""
    text, attribution = redact(clean_text(text), terms).text, redact(clean_text(attribution), terms).text
    blockers = quote_blockers(db, answer_id)
    if blockers:
        raise CurationError(blockers[0])
    if not text:
        raise CurationError(N_("Enter the words of the quote."))
    if len(text) > QUOTE_MAX:
        raise CurationError(N_("A quote must be 1000 characters or fewer."))
    if not attribution:
        raise CurationError(N_("Enter how the quote is attributed, for example (YPAG)."))
    row = answer(db, answer_id)
    if row is not None and not summary and shared(row.text or "", text) < MIN_SHARED:
        raise CurationError(
            N_(
                "The quote keeps too few of the young person's words. Use their words, or "
                "tick “This is a summary in our words”."
            )
        )
    topics = [t for t in (row.topics if row else []) if t != "other"]
    priorities = _priorities_fed(db, answer_id, topics, taxonomy)
    with write_lock, db.atomic():
        cursor = db.execute(
            "INSERT INTO quotes (answer_id, text, attribution, topics, priorities, proposed_by, proposed_at, summary) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                answer_id,
                text,
                attribution,
                msgspec.json.encode(topics).decode(),
                msgspec.json.encode(priorities).decode(),
                by,
                _now(),
                int(summary),
            ],
        )
        # Not the words: a young person may take them back, and the audit log cannot forget.
        record_event(db, by, "quote proposed", f"quote:{cursor.lastrowid}", f"answer:{answer_id}")
    return int(cursor.lastrowid or 0)


def _priorities_fed(db: Database, answer_id: int, topics: list[str], taxonomy: Taxonomy) -> list[str]:
    """The priorities of the answer's business year whose topics the quote's topics feed (a year's priorities and
    their topics are the partnership's, editable on the priorities page); where that year has none yet, the
    taxonomy's."""
    year_topics = db.execute(
        "SELECT p.key, p.topics FROM answers a JOIN responses r ON r.id = a.response_id "  # noqa: S608 - fixed SQL
        f"JOIN priorities p ON p.year = {BUSINESS_YEAR_OF_ANSWER} AND p.archived_at IS NULL WHERE a.id = ?",
        [answer_id],
    ).fetchall()
    if year_topics:
        return sorted({key for key, fed in year_topics if set(msgspec.json.decode(fed)) & set(topics)})
    return sorted({p for tp in taxonomy.topics if tp.id in topics for p in tp.priorities})


STEPS = {"approve": ("proposed", "approved"), "publish": ("approved", "published"), "reject": (None, "rejected")}


def decide(db: Database, quote_id: int, action: str, by: str) -> None:
    """approve (by a second person), publish (approved quotes only, checked again), or reject."""
    row = db.execute("SELECT status, proposed_by, answer_id FROM quotes WHERE id = ?", [quote_id]).fetchone()
    if row is None or action not in STEPS:
        raise CurationError(N_("There is no such quote."))
    status, proposed_by, answer_id = row
    before, after = STEPS[action]
    if (before and status != before) or (action == "reject" and status in ("published", "rejected")):
        raise CurationError(N_("This quote has already moved on; reload the page."))
    if action == "approve" and by.lower() == proposed_by.lower():
        raise CurationError(SELF_APPROVAL)
    if action == "publish" and (blockers := quote_blockers(db, answer_id)):
        raise CurationError(blockers[0])
    with write_lock, db.atomic():
        if action == "publish":  # who approved stays on the quote; who published is in the audit log
            db.execute("UPDATE quotes SET status = 'published' WHERE id = ?", [quote_id])
        else:
            db.execute(
                "UPDATE quotes SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                [after, by, _now(), quote_id],
            )
        record_event(db, by, f"quote {after}", f"quote:{quote_id}")


def quotes(db: Database, status: str | None = None) -> list[Quote]:
    sql = (  # fixed fragments only
        "SELECT q.id, q.answer_id, q.text, q.attribution, q.status, q.proposed_by, q.decided_by, r.survey_slug, "  # noqa: S608
        "q.topics, q.priorities, q.summary, a.text AS answer_text, "
        f"{BUSINESS_YEAR_OF_ANSWER} AS year FROM quotes q JOIN answers a ON a.id = q.answer_id "
        "JOIN responses r ON r.id = a.response_id"
    )
    rows = db.query(sql + (" WHERE q.status = ?" if status else "") + " ORDER BY q.id DESC", [status] if status else [])
    return [
        Quote(
            **(
                row
                | {
                    "topics": msgspec.json.decode(row["topics"]),
                    "priorities": msgspec.json.decode(row["priorities"]),
                    "summary": bool(row["summary"]),
                    "answer_text": row["answer_text"] or "",
                }
            )
        )
        for row in rows
    ]


MIN_SHARED = 0.6
"""The share of a quote's words that must be the young person's own (else it is a summary)."""
WORDS = re.compile(r"\[[a-z ]+\]|[^\W_]+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORDS.findall(text)]


def shared(answer_text: str, quote: str) -> float:
    """The share of the quote's words that are in the answer (a redaction tag counts as a word)."""
    words = _words(quote)
    if not words:
        return 1.0
    have = collections.Counter(_words(answer_text))
    kept = 0
    for word in words:
        if have[word] > 0:
            have[word] -= 1
            kept += 1
    return kept / len(words)


def differences(answer_text: str, quote: str) -> list[tuple[str, str]]:
    """The quote against the answer it came from, word by word: ("same" | "removed" | "added", words), for
    the approver to see what the person who proposed it changed."""
    a, b = answer_text.split(), quote.split()
    found: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            found.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            found.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            found.append(("added", " ".join(b[j1:j2])))
    return found
