"""Answers sent while the service is busy are stored at once and read (redacted, checked for
safeguarding signs, themed) in its next quiet moment, or within VOICE_READ_WITHIN_SECONDS however busy
it stays. Nothing is shown before it is read; nothing is read twice; an answer that cannot be read
waits, safe, without holding up the others."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from tests.conftest import add, answer_all, csrf, get_page, rows, sign_in, until
from tests.web.test_public import assert_draft_cookie_deleted
from voice.common.settings import Settings
from voice.intake.submissions import RecordOptions, read_unread, record
from voice.reading.safeguarding import Flag
from voice.reading.themes import AnswerReader, Theme
from voice.store.db import opened
from voice.store.versions import Published
from voice.web.app import create_app
from voice.web.reading import BackgroundReader

DISCLOSURE = "Nobody listens. My dad hits me when he drinks, call me on 07700 900123"
API = "/api/surveys/ypag-priorities/responses"


@pytest.fixture
def quick(tmp_path: Path, surveys_dir: Path) -> Settings:
    """Readers that look every 0.05 s, and read busy or not after 1 s of waiting."""
    return Settings(
        db_path=str(tmp_path / "voice.db"),
        surveys_dir=str(surveys_dir),
        secret="s",
        read_every_seconds=0.05,
        read_within_seconds=1,
    )


@pytest.fixture
def client(quick: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(quick)) as c:
        yield c


def reader_of(client: TestClient) -> BackgroundReader:
    return client.app.state["reader"]  # type: ignore[no-any-return]


def test_a_busy_service_stores_first_and_reads_in_its_next_quiet_moment(tmp_path: Path, surveys_dir: Path) -> None:
    settings = Settings(
        db_path=str(tmp_path / "v.db"),
        surveys_dir=str(surveys_dir),
        secret="s",
        read_every_seconds=0.05,
        read_within_seconds=3600,
    )
    with TestClient(create_app(settings)) as client:
        add(settings, "lead@example.org", "safeguarding_lead")
        sign_in(client, "lead@example.org")
        reader = reader_of(client)
        reader.in_hand += 1  # another young person's request is in hand: the service is busy
        sent = client.post(API, json={"answers": {"most_important": DISCLOSURE}})
        assert sent.status_code == 201 and sent.json()["receipt"]
        assert rows(settings, "SELECT count(*) FROM responses") == [(1,)]  # stored before the 201
        assert rows(settings, "SELECT count(*) FROM unread") == [(1,)]
        assert rows(settings, "SELECT count(*) FROM answers") == [(0,)]  # nothing shown before it is read
        queue = get_page(client, "/staff/safeguarding").get_text(" ", strip=True)
        assert "1 answer sent in the last moments is still being read for safeguarding signs" in queue
        assert client.get("/healthz").json()["unread"] == 1

        reader.in_hand -= 1  # a quiet moment
        assert until(lambda: rows(settings, "SELECT count(*) FROM unread") == [(0,)])
        assert rows(settings, "SELECT text FROM answers WHERE question_id = 'most_important'") == [
            ("Nobody listens. My dad hits me when he drinks, call me on [phone]",)
        ]
        assert rows(settings, "SELECT category, assigned_role FROM flags") == [("abuse_at_home", "safeguarding lead")]
        queue = get_page(client, "/staff/safeguarding").get_text(" ", strip=True)
        assert "still being read" not in queue and "Abuse or violence at home “dad hits”" in queue


def test_unfinished_answers_sent_while_busy_are_deleted_when_the_answers_are_read(
    tmp_path: Path, surveys_dir: Path
) -> None:
    """The cookie goes with the thank-you page; the unfinished answers, like the answers as sent, stay
    in the database only until they are read (deleting them while the young person waited cost a fifth
    of the rate of form posts under load)."""
    settings = Settings(
        db_path=str(tmp_path / "v.db"),
        surveys_dir=str(surveys_dir),
        secret="s",
        read_every_seconds=0.05,
        read_within_seconds=3600,
    )
    with TestClient(create_app(settings)) as client:
        reader = reader_of(client)
        check, _ = answer_all(client, "ypag-priorities")
        assert rows(settings, "SELECT count(*) FROM drafts") == [(1,)]
        reader.in_hand += 1  # busy
        sent = client.post(check, data={"_csrf_token": csrf(get_page(client, check))}, follow_redirects=False)
        assert sent.status_code == 303 and sent.headers["location"].endswith("/thanks")
        assert_draft_cookie_deleted(sent)
        assert rows(settings, "SELECT count(*) FROM unread WHERE draft IS NOT NULL") == [(1,)]
        assert rows(settings, "SELECT count(*) FROM drafts") == [(1,)]
        reader.in_hand -= 1  # a quiet moment
        assert until(lambda: rows(settings, "SELECT count(*) FROM unread") == [(0,)])
        assert rows(settings, "SELECT count(*) FROM drafts") == [(0,)]
        assert rows(settings, "SELECT count(*) FROM answers WHERE question_id = 'most_important'") == [(1,)]


def test_a_service_that_stays_busy_still_reads_within_the_time_limit(client: TestClient, quick: Settings) -> None:
    reader = reader_of(client)
    reader.in_hand += 1  # busy, and it stays busy
    try:
        assert client.post(API, json={"answers": {"most_important": DISCLOSURE}}).status_code == 201
        assert rows(quick, "SELECT count(*) FROM flags") == [(0,)]
        assert until(lambda: rows(quick, "SELECT count(*) FROM flags") == [(1,)], seconds=15)
        assert rows(quick, "SELECT count(*) FROM unread") == [(0,)]
    finally:
        reader.in_hand -= 1


class Stumbles(AnswerReader):
    """A answer_reader with a bug that one answer triggers."""

    def read(self, texts: list[tuple[str, str]]) -> list[tuple[Theme, list[Flag]]]:
        if any("stumble" in text for text, _ in texts):
            raise ValueError("a bug")
        return super().read(texts)


def test_an_answer_that_cannot_be_read_waits_safely_and_holds_up_no_other(client: TestClient, quick: Settings) -> None:
    working = client.app.state["answer_reader"]
    client.app.state["answer_reader"] = Stumbles(working.taxonomy)
    odd = client.post(API, json={"answers": {"most_important": "this one makes it stumble"}})
    fine = client.post(API, json={"answers": {"most_important": "More youth clubs please"}})
    assert odd.status_code == fine.status_code == 201  # the young person is not told of our bug
    assert rows(quick, "SELECT count(*) FROM responses") == [(2,)]
    assert rows(quick, "SELECT text FROM answers") == [("More youth clubs please",)]
    assert rows(quick, "SELECT count(*) FROM unread") == [(1,)]
    assert client.get("/healthz").json()["unread"] == 1  # what monitoring sees
    client.app.state["answer_reader"] = working  # the bug is fixed
    odd_id = rows(quick, "SELECT response_id FROM unread")[0][0]
    with opened(quick.db_path) as db:
        assert read_unread(db, RecordOptions(answer_reader=working), only=odd_id) == 1
    assert rows(quick, "SELECT count(*) FROM answers") == [(2,)]


def test_readers_in_several_threads_never_store_an_answer_twice(tmp_path: Path, published: Published) -> None:
    db_path = tmp_path / "voice.db"
    with opened(db_path) as db:
        for i in range(120):
            record(db, published, {"most_important": f"answer {i}: {DISCLOSURE}"}, "api", RecordOptions(read_now=False))
    read: list[int] = []

    def reader() -> None:
        with opened(db_path) as db:
            while n := read_unread(db, limit=7):
                read.append(n)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with sqlite3.connect(db_path) as conn:
        assert sum(read) == 120
        assert conn.execute("SELECT count(*), count(DISTINCT response_id) FROM answers").fetchone() == (120, 120)
        assert conn.execute("SELECT count(*), count(DISTINCT response_id) FROM flags").fetchone() == (120, 120)
        assert conn.execute("SELECT count(*) FROM themes").fetchone() == (120,)
        assert conn.execute("SELECT count(*) FROM original_texts").fetchone() == (120,)
        assert conn.execute("SELECT count(*) FROM unread").fetchone() == (0,)


def test_voice_read_reads_what_waits_in_a_database_nobody_is_serving(tmp_path: Path, published: Published) -> None:
    from click.testing import CliRunner

    from voice.cli import main

    db_path = tmp_path / "voice.db"
    with opened(db_path) as db:  # accepted by a service that stopped before reading them
        for i in range(3):
            record(db, published, {"most_important": f"answer {i}: {DISCLOSURE}"}, "web", RecordOptions(read_now=False))
    result = CliRunner().invoke(main, ["read", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "Read 3 answers that were waiting." in result.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM unread").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM flags").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM answers WHERE text LIKE '%[phone]%'").fetchone() == (3,)
    again = CliRunner().invoke(main, ["read", "--db", str(db_path)])
    assert "Read 0 answers that were waiting." in again.output


def test_an_export_counts_answers_still_waiting_by_reading_them_first(tmp_path: Path, published: Published) -> None:
    from click.testing import CliRunner

    from voice.cli import main

    db_path = tmp_path / "voice.db"
    with opened(db_path) as db:
        record(db, published, {"most_important": DISCLOSURE}, "api", RecordOptions(read_now=False))
    result = CliRunner().invoke(
        main,
        [
            "export",
            "you-said-we-did",
            "--year",
            "2026/27",
            "--format",
            "json",
            "--out",
            str(tmp_path / "out"),
            "--db",
            str(db_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Read 1 answers that were waiting." in result.output
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM unread").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM flags").fetchone() == (1,)
