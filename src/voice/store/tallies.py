"""Counts kept as answers are read, so that reports do not scan every answer.

A report counts each choice answer by survey, day, question, value and the person's age band and area,
and each free-text answer by survey, day, feeling and topics. Scanning a million responses' answers
for that took most of a minute. Instead:

- `answer_tallies` gains one to each (survey, day, question, value, age band, area) as a response's
  answers are stored (`add_response`, in the same transaction: answers are never changed), and loses it
  in the transaction that deletes them (voice.intake.withdrawal);
- `topic_tallies` is kept by triggers on `themes` and `theme_corrections` (migration m009), so that
  re-theming and a person's correction move an answer from one count to another wherever they are
  written. The feeling and topics counted are the view `effective_themes`: the latest correction's,
  else the machine's suggestion.

`rebuild` works every count out again from the answers themselves: the migration that brought the
tables in uses it, and the tests compare it with what was kept.
"""

from __future__ import annotations

from sqlite_utils import Database

from voice.store.versions import version
from voice.surveys.questions import SingleChoice
from voice.surveys.schema import Survey

BREAKDOWNS = ("age_band", "area")
"""The groups every choice question (a question type that is `counted`) is broken down by: each a
column of answer_tallies."""
NONE = ""
"""The age band or area of someone who did not say (a key column cannot be NULL)."""


def group_questions(survey: Survey) -> dict[str, SingleChoice]:
    """The question that asks each breakdown group (the first, if several do)."""
    found: dict[str, SingleChoice] = {}
    for _, q in survey.questions():
        if isinstance(q, SingleChoice) and q.demographic in BREAKDOWNS and q.demographic not in found:
            found[q.demographic] = q
    return found


_ADD = (
    "INSERT INTO answer_tallies (survey_slug, day, question_id, value, age_band, area, n) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n"
)


def add_response(db: Database, slug: str, survey: Survey, day: str, values: dict[str, str], step: int = 1) -> None:
    """Count one response's choice answers. `values` are its answers by question id, as stored (JSON).
    With step=-1, take them off again (the answers are being withdrawn or deleted)."""
    groups = group_questions(survey)
    age, area = (values.get(groups[g].id, NONE) if g in groups else NONE for g in BREAKDOWNS)
    db.conn.executemany(
        _ADD,
        [
            (slug, day, q.id, values[q.id], age, area, step)
            for _, q in survey.questions()
            if q.counted and q.id in values
        ],
    )


def _count_version(db: Database, version_id: int, survey: Survey) -> None:
    groups = group_questions(survey)
    choice = [q.id for _, q in survey.questions() if q.counted]
    if not choice:
        return
    joins, columns = "", []
    params: dict[str, str | int] = {"version": version_id}
    for g in BREAKDOWNS:
        if g in groups:
            joins += f" LEFT JOIN answers {g} ON {g}.response_id = a.response_id AND {g}.question_id = :{g}"
            columns.append(f"coalesce({g}.value, '')")
            params[g] = groups[g].id
        else:
            columns.append("''")
    marks = ", ".join(f":q{i}" for i in range(len(choice)))
    params |= {f"q{i}": qid for i, qid in enumerate(choice)}
    db.execute(
        "INSERT INTO answer_tallies (survey_slug, day, question_id, value, age_band, area, n) "  # noqa: S608 - fixed SQL
        f"SELECT r.survey_slug, r.submitted_on, a.question_id, a.value, {', '.join(columns)}, count(*) "
        f"FROM answers a JOIN responses r ON r.id = a.response_id{joins} "
        f"WHERE r.version_id = :version AND a.question_id IN ({marks}) GROUP BY 1, 2, 3, 4, 5, 6 "
        "ON CONFLICT DO UPDATE SET n = n + excluded.n",
        params,
    )


def rebuild(db: Database) -> None:
    """Work out every count again from the stored answers and themes (in the caller's transaction)."""
    db.execute("DELETE FROM answer_tallies")
    for (version_id,) in db.execute("SELECT DISTINCT version_id FROM responses").fetchall():
        published = version(db, version_id)
        if published is not None:
            _count_version(db, version_id, published.survey)
    db.execute("DELETE FROM topic_tallies")
    db.execute(
        "INSERT INTO topic_tallies (survey_slug, day, sentiment, topics, n) "
        "SELECT r.survey_slug, r.submitted_on, e.sentiment, e.topics, count(*) FROM effective_themes e "
        "JOIN answers a ON a.id = e.answer_id JOIN responses r ON r.id = a.response_id "
        "WHERE true GROUP BY 1, 2, 3, 4 ON CONFLICT DO UPDATE SET n = n + excluded.n"
    )


def tallies_now(db: Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Both tables' rows with a count, in order (for comparing what was kept with `rebuild`)."""
    return (
        db.execute("SELECT * FROM answer_tallies WHERE n != 0 ORDER BY 1, 2, 3, 4, 5, 6").fetchall(),
        db.execute("SELECT * FROM topic_tallies WHERE n != 0 ORDER BY 1, 2, 3, 4").fetchall(),
    )
