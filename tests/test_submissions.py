"""Storing answers: free text is redacted at ingest; the text as typed is kept apart, for a time."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import msgspec
from litestar.testing import TestClient

from tests.conftest import answer_all, send
from voice.common.dates import local_today
from voice.common.settings import Settings
from voice.intake.submissions import purge_originals
from voice.store.db import opened
from voice.web.app import create_app

TYPED = "My friend Priya said text her on 07700 900123 or add @priya_p"


def stored(settings: Settings, sql: str) -> list[tuple]:
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute(sql).fetchall()


def test_api_text_is_stored_redacted_and_the_original_apart(client: TestClient, settings: Settings) -> None:
    response = client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"most_important": TYPED, "area": "other", "area.other": "near LE3 0BQ"}},
    )
    assert response.status_code == 201
    answers = {q: (v, t) for q, v, t in stored(settings, "SELECT question_id, value, text FROM answers")}
    redacted = "My friend [name] said text her on [phone] or add [handle]"
    assert answers["most_important"] == (f'"{redacted}"', redacted)
    assert answers["area"] == ('"other"', "near [postcode]")
    originals = stored(settings, "SELECT answer_key, text, kinds, delete_after FROM original_texts ORDER BY answer_key")
    expiry = (local_today() + dt.timedelta(days=settings.original_text_days)).isoformat()
    assert originals == [
        ("area.other", "near LE3 0BQ", '["postcode"]', expiry),
        ("most_important", TYPED, '["handle","name","phone"]', expiry),
    ]
    # The answers were stored as sent, then read (redacted): that row is deleted and overwritten
    # (secure_delete). Once the log is checkpointed, the text as typed is on disk once.
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    everything = b"".join(p.read_bytes() for p in Path(settings.db_path).parent.glob("voice.db*"))
    assert everything.count(b"07700 900123") == 1  # only in original_texts


def test_text_with_nothing_to_redact_keeps_no_copy(client: TestClient, settings: Settings) -> None:
    answer_all(client, "ypag-priorities")
    send(client, "ypag-priorities")
    assert stored(settings, "SELECT count(*) FROM original_texts") == [(0,)]
    assert stored(settings, "SELECT count(*) FROM answers WHERE text LIKE 'My answer to%'") != [(0,)]


def test_originals_are_purged_after_their_time(client: TestClient, settings: Settings) -> None:
    client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": TYPED}})
    expiry = dt.date.fromisoformat(stored(settings, "SELECT delete_after FROM original_texts")[0][0])
    with opened(settings.db_path) as db:
        assert purge_originals(db, today=expiry) == 0
        assert purge_originals(db, today=expiry + dt.timedelta(days=1)) == 1
    assert stored(settings, "SELECT count(*) FROM original_texts") == [(0,)]
    assert stored(settings, "SELECT count(*) FROM answers WHERE text LIKE '%[phone]%'") == [(1,)]


def test_partnership_terms_file_is_used_at_ingest(settings: Settings, tmp_path: Path) -> None:
    terms = tmp_path / "terms.yaml"
    terms.write_text("terms:\n  school: [Soar Valley College]\n")
    with_terms = msgspec.structs.replace(settings, redact_terms_file=str(terms))
    with TestClient(create_app(with_terms)) as client:
        client.post(
            "/api/surveys/ypag-priorities/responses",
            json={"answers": {"most_important": "More help at soar valley college"}},
        )
    assert stored(settings, "SELECT text FROM answers") == [("More help at [school]",)]


def test_the_thank_you_page_says_nobody_will_come_unless_asked_and_where_help_is(client: TestClient) -> None:
    """A young person who told us something hard and asked for nobody must not believe help is on its way: the page
    says the answers do not say who they are, and how to get help now (999, Childline) without asking us."""
    answer_all(client, "ypag-priorities")  # the sample answers ask for no contact
    send(client, "ypag-priorities")
    text = client.get("/s/ypag-priorities/thanks").text
    assert "nobody can come and help you because of them" in text
    assert "call 999" in text and "0800 1111" in text
    assert "Someone will get in touch" not in text
