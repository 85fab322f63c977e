"""Reports count from tallies kept as answers are read (voice/tallies.py). Whatever happened to the
answers (read at once or later, themed again, corrected by a person, a correction taken back), the
tallies kept must equal the ones worked out again from the answers, and the report's numbers must be
the answers' own."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.conftest import EXAMPLES
from voice.curation.quotes import correct
from voice.demo import synthetic_answers
from voice.intake.submissions import RecordOptions, read_unread, record, retheme
from voice.reading.safeguarding import Flag
from voice.reading.themes import AnswerReader, Theme, default_answer_reader
from voice.reporting.results import survey_results
from voice.store.catalogue import Catalogue
from voice.store.db import migrate, opened
from voice.store.tallies import rebuild, tallies_now

LINES = [
    "School is really stressful and nobody listens",
    "I liked the youth worker, she helped me",
    "My mum and dad argue a lot at home",
    "There is nothing to do in my area at night",
    "Waiting for CAMHS took ages and I felt alone",
]


class Contrary(AnswerReader):
    """Themes every answer the same way, unlike the real answer_reader: re-theming moves every count."""

    def read(self, texts: list[tuple[str, str]]) -> list[tuple[Theme, list[Flag]]]:
        return [(Theme("mixed", 0.0, (self.taxonomy.topics[-1].id,), {}), []) for _ in texts]


def filled(tmp_path: Path, n: int = 90) -> str:
    """`n` responses to the three example surveys over two months, half read at once, half later."""
    db_path = str(tmp_path / "t.db")
    migrate(db_path)
    catalogue = Catalogue(db_path, EXAMPLES)
    rng = random.Random(11)
    answer_reader = default_answer_reader()
    with opened(db_path) as db:
        for i in range(n):
            published = catalogue.all()[i % 3]
            record(
                db,
                published,
                synthetic_answers(published, rng, LINES),
                "web" if i % 2 else "paper",
                RecordOptions(
                    today=dt.date(2021, 5, 1) + dt.timedelta(days=rng.randrange(60)),
                    answer_reader=answer_reader,
                    read_now=i % 2 == 0,
                ),
            )
        while read_unread(db, RecordOptions(answer_reader=answer_reader)):
            pass
    return db_path


def kept_equals_worked_out(db: Database) -> None:
    kept = tallies_now(db)
    with db.atomic():
        rebuild(db)
    assert tallies_now(db) == kept
    assert kept[0] and kept[1]


def test_tallies_kept_as_answers_are_read_equal_the_answers(tmp_path: Path) -> None:
    db_path = filled(tmp_path)
    with opened(db_path) as db:
        kept_equals_worked_out(db)


def test_tallies_follow_re_theming_and_corrections(tmp_path: Path) -> None:
    db_path = filled(tmp_path)
    taxonomy = default_answer_reader().taxonomy
    topics = [t.id for t in taxonomy.topics]
    with opened(db_path) as db:
        before = tallies_now(db)[1]
        retheme(db, Contrary(taxonomy), "safeguarding lead")
        assert tallies_now(db)[1] != before
        kept_equals_worked_out(db)
        answer_ids = [row[0] for row in db.execute("SELECT answer_id FROM themes ORDER BY answer_id LIMIT 6")]
        for n, answer_id in enumerate(answer_ids):
            correct(db, answer_id, None if n % 2 else "positive", topics[n : n + 2], "fac", taxonomy)
        correct(db, answer_ids[0], "negative", topics[:1], "fac", taxonomy)  # corrected twice: the latest counts
        kept_equals_worked_out(db)
        # No page takes a correction back yet; whatever does, the counts follow.
        with db.atomic():
            db.execute("DELETE FROM theme_corrections WHERE id = (SELECT max(id) FROM theme_corrections)")
        kept_equals_worked_out(db)
        retheme(db, default_answer_reader(), "safeguarding lead")
        kept_equals_worked_out(db)


@pytest.mark.parametrize("slug", ["emotional-health-wellbeing", "ypag-priorities", "domestic-abuse-support"])
def test_report_numbers_are_the_answers_own(tmp_path: Path, slug: str) -> None:
    db_path = filled(tmp_path, 150)
    catalogue = Catalogue(db_path, EXAMPLES)
    published = catalogue.current(slug)
    assert published is not None
    with opened(db_path) as db:
        results = survey_results(
            db,
            published,
            default_answer_reader().taxonomy,
            threshold=0,
            since=dt.date(2021, 5, 10),
            until=dt.date(2021, 6, 10),
        )
        for q in results.questions:
            if q.kind == "multiple_choice":
                continue
            direct = dict(
                db.execute(
                    "SELECT json_extract(a.value, '$'), count(*) FROM answers a JOIN responses r ON r.id = a.response_id "
                    "WHERE r.survey_slug = ? AND a.question_id = ? AND r.submitted_on BETWEEN '2021-05-10' AND "
                    "'2021-06-10' GROUP BY 1",
                    [slug, q.id],
                ).fetchall()
            )
            shown = {str(row.value): row.count.n for row in q.rows if row.count.n}
            assert shown == {str(k): v for k, v in direct.items()}, q.id
        assert (
            results.responses.n
            == db.execute(
                "SELECT count(*) FROM responses WHERE survey_slug = ? AND submitted_on BETWEEN '2021-05-10' AND "
                "'2021-06-10'",
                [slug],
            ).fetchone()[0]
        )


def test_a_database_from_before_the_tallies_gets_them_when_migrated(tmp_path: Path) -> None:
    db_path = filled(tmp_path)
    with opened(db_path) as db:
        kept = tallies_now(db)
        with db.atomic():  # as the database was before migration m009
            for name, kind in db.execute(
                "SELECT name, type FROM sqlite_master WHERE type IN ('trigger', 'view') "
                "AND (name LIKE '%count' OR name = 'effective_themes')"
            ).fetchall():
                db.execute(f"DROP {kind} {name}")
            db.execute("DROP TABLE answer_tallies")
            db.execute("DROP TABLE topic_tallies")
            db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_tallies'")
    migrate(db_path)
    with opened(db_path) as db:
        assert tallies_now(db) == kept
