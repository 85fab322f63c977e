"""Rate limiting of submissions: a plain 429 past the limit, and the address never kept, only a keyed
hash whose key is in memory and changes every day."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

import msgspec
from litestar.testing import TestClient

from tests.conftest import check_page, csrf, get_page
from voice.common.settings import Settings
from voice.web.app import create_app
from voice.web.limits import DailyKey

ANSWER = {"answers": {"most_important": "More youth clubs"}}


def test_past_the_limit_a_clear_429_and_nothing_stored(settings: Settings) -> None:
    limited = msgspec.structs.replace(settings, submissions_per_minute=3)
    with TestClient(create_app(limited)) as client:
        for _ in range(3):
            assert client.post("/api/surveys/ypag-priorities/responses", json=ANSWER).status_code == 201
        refused = client.post("/api/surveys/ypag-priorities/responses", json=ANSWER)
        assert refused.status_code == 429
        assert refused.json()["message"].startswith("Too many submissions from this address")
        page = get_page(client, "/s/ypag-priorities")  # reading is never limited
        response = client.post("/s/ypag-priorities/start", data={"_csrf_token": csrf(page)})
        assert response.status_code == 429
        soup = check_page(response.text)
        assert soup.h1.get_text() == "Too many answers are being sent from where you are"
        assert "Nothing you sent has been lost" in soup.get_text()
        keys = list(client.app.stores.get("rate_limit")._store)  # type: ignore[attr-defined]
        assert keys and all(re.fullmatch(r"RateLimitMiddleware::[0-9a-f]{64}", k) for k in keys), keys
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM responses").fetchone()[0] == 3


def test_the_key_is_a_daily_hash_that_cannot_be_linked_across_days() -> None:
    daily = DailyKey()
    monday, tuesday = dt.date(2026, 11, 23), dt.date(2026, 11, 24)
    first = daily.identify("203.0.113.9", monday)
    assert first == daily.identify("203.0.113.9", monday)
    assert first != daily.identify("203.0.113.10", monday)
    assert first != daily.identify("203.0.113.9", tuesday)
    assert "203.0.113.9" not in first and len(first) == 64
    assert DailyKey().identify("203.0.113.9", monday) != first  # another worker, or a restart: another key


def test_no_limit_when_set_to_zero(settings: Settings) -> None:
    off = msgspec.structs.replace(settings, submissions_per_minute=0)
    with TestClient(create_app(off)) as client:
        for _ in range(5):
            assert client.post("/api/surveys/ypag-priorities/responses", json=ANSWER).status_code == 201
