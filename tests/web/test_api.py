"""The JSON API, through HTTP: published surveys, responses, and every error path."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import httpx
import msgspec
import pytest
from litestar.testing import TestClient

from tests.conftest import served, until
from voice.common.settings import Settings
from voice.web.app import create_app

GOOD = {
    "age_band": "14-15",
    "top_worries": ["bullying", "waiting"],
    "listened_to": 4,
    "know_help": True,
    "most_important": "More places to talk without being judged.",
}


def count(settings: Settings, sql: str = "SELECT count(*) FROM responses") -> int:
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute(sql).fetchone()[0]


def test_list_and_get_surveys(client: TestClient) -> None:
    listed = client.get("/api/surveys").json()
    assert {s["slug"] for s in listed} == {"domestic-abuse-support", "emotional-health-wellbeing", "ypag-priorities"}
    one = client.get("/api/surveys/ypag-priorities").json()
    assert one["is_open"] is True
    assert one["version"] == next(s["version"] for s in listed if s["slug"] == "ypag-priorities")
    assert one["definition"]["pages"][0]["questions"][0]["id"] == "age_band"
    assert one["definition"]["pages"][0]["questions"][0]["type"] == "single_choice"


def test_submit_returns_201_with_receipt_and_stores_the_version(client: TestClient, settings: Settings) -> None:
    version = client.get("/api/surveys/ypag-priorities").json()["version"]
    response = client.post("/api/surveys/ypag-priorities/responses", json={"answers": GOOD})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["version"] == version and len(body["receipt"]) == 14  # ABCD-EFGH-JKMN: 60 random bits
    with sqlite3.connect(settings.db_path) as conn:
        row = conn.execute(
            "SELECT v.content_hash, r.channel FROM responses r JOIN survey_versions v "
            "ON v.id = r.version_id WHERE r.receipt = ?",
            [body["receipt"]],
        ).fetchone()
        stored = dict(conn.execute("SELECT question_id, value FROM answers").fetchall())
    assert row == (version, "api")
    assert stored["listened_to"] == '"4"' and stored["know_help"] == '"yes"'


def test_same_submission_id_stores_once(client: TestClient, settings: Settings) -> None:
    body = {"answers": GOOD, "submission_id": "phone-retry-0001"}
    first = client.post("/api/surveys/ypag-priorities/responses", json=body)
    second = client.post("/api/surveys/ypag-priorities/responses", json=body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["receipt"] == second.json()["receipt"]
    assert count(settings) == 1


def test_a_submission_id_with_other_answers_never_gets_the_first_ones_receipt(
    client: TestClient, settings: Settings
) -> None:
    """The pen test (eleventh session): anyone who sent the same submission_id with empty answers got back the first
    response's receipt code, and with it could take that young person's answers back. A retry is the same key and
    the same answers: only it gets the same receipt."""
    url = "/api/surveys/ypag-priorities/responses"
    first = client.post(url, json={"answers": GOOD, "submission_id": "partner-app-0002"})
    other = client.post(url, json={"answers": {}, "submission_id": "partner-app-0002"})
    assert first.status_code == 201 and other.json().get("receipt") != first.json()["receipt"], other.json()
    retry = client.post(url, json={"answers": GOOD, "submission_id": "partner-app-0002"})
    assert retry.status_code == 200 and retry.json()["receipt"] == first.json()["receipt"]


def test_the_idempotency_key_is_read_from_its_header_not_the_address(client: TestClient, settings: Settings) -> None:
    """The pen test: an Idempotency-Key header was ignored (a second response stored) and the key was taken from the
    address instead; the OpenAPI schema said so too."""
    url = "/api/surveys/ypag-priorities/responses"
    first = client.post(url, json={"answers": GOOD}, headers={"Idempotency-Key": "retry-0003"})
    second = client.post(url, json={"answers": GOOD}, headers={"Idempotency-Key": "retry-0003"})
    assert (first.status_code, second.status_code) == (201, 200) and count(settings) == 1
    schema = client.get("/api/schema/openapi.json").json()
    where = {(p["name"], p["in"]) for p in schema["paths"]["/api/surveys/{slug}/responses"]["post"]["parameters"]}
    assert ("Idempotency-Key", "header") in where and not [n for n, i in where if i == "query"], where


@pytest.mark.parametrize(
    ("body", "status", "field", "words"),
    [
        (b'{"answers": {"age_band": ', 400, None, "not JSON"),
        (b"[1, 2, 3]", 422, None, "expected fields"),
        (b'{"answers": {}, "extra": 1}', 422, "extra", "expected fields"),
        (b'{"answers": {"favourite_colour": "blue"}}', 422, "answers.favourite_colour", "no question"),
        (b'{"answers": {"age_band": "99-100"}}', 422, "answers.age_band", "Select one of the answers"),
        (b'{"answers": {"top_worries": ["a", "b", "c", "d"]}}', 422, "answers.top_worries", "Select one of"),
        (b'{"answers": {"top_worries": "bullying", "most_important": 7}}', 422, "answers.most_important", "as text"),
        (b'{"answers": {"most_important": "' + b"x" * 1001 + b'"}}', 422, "answers.most_important", "1,000 characters"),
        (b'{"answers": {"talk_to_someone": true}}', 422, "answers.talk_to_someone.contact", "phone number or email"),
    ],
)
def test_bad_submissions_get_clear_errors_and_store_nothing(
    client: TestClient, settings: Settings, body: bytes, status: int, field: str | None, words: str
) -> None:
    response = client.post(
        "/api/surveys/ypag-priorities/responses", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == status, response.text
    payload = response.json()
    assert payload["status"] == status
    text = payload["message"] + " ".join(e["message"] for e in payload["errors"])
    assert words in text
    if field:
        assert field in [e["field"] for e in payload["errors"]]
    assert "Traceback" not in response.text
    assert count(settings) == 0


def test_unknown_survey_is_404_json(client: TestClient) -> None:
    for response in (client.get("/api/surveys/nope"), client.post("/api/surveys/nope/responses", json={"answers": {}})):
        assert response.status_code == 404
        assert response.json() == {"status": 404, "message": "There is no survey called “nope”.", "errors": []}


def test_closed_survey_is_409(client: TestClient, settings: Settings, surveys_dir: Path) -> None:
    path = surveys_dir / "ypag-priorities.yaml"
    path.write_text(path.read_text().replace("estimated_minutes: 5", "estimated_minutes: 5\nstatus: closed"))
    assert until(lambda: client.get("/api/surveys/ypag-priorities").json()["is_open"] is False)  # within a second
    response = client.post("/api/surveys/ypag-priorities/responses", json={"answers": GOOD})
    assert response.status_code == 409
    assert "closed" in response.json()["message"]
    assert client.get("/api/surveys/ypag-priorities").json()["is_open"] is False
    assert count(settings) == 0


def test_body_over_the_limit_is_413(settings: Settings) -> None:
    small = msgspec.structs.replace(settings, max_body_bytes=10_000)
    with TestClient(create_app(small)) as client:
        response = client.post(
            "/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": "x" * 20_000}}
        )
        assert response.status_code == 413
        assert response.json()["status"] == 413
        page = client.post(
            "/s/ypag-priorities/p/1",
            content=b"a=" + b"x" * 20_000,
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert page.status_code == 413 and "too long" in page.text


def test_openapi_schema_is_served_without_cdn(client: TestClient) -> None:
    schema = client.get("/api/schema/openapi.json").json()
    assert "/api/surveys/{slug}/responses" in schema["paths"]
    assert "ResponseIn" in str(schema["components"])
    assert client.get("/schema").status_code == 404


@pytest.fixture
def live_server(settings: Settings) -> Iterator[str]:
    with served(create_app(settings)) as url:
        yield url


def test_100_concurrent_submissions_all_stored(live_server: str, settings: Settings) -> None:
    async def burst() -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=100)
        async with httpx.AsyncClient(base_url=live_server, limits=limits, timeout=30) as http:
            return await asyncio.gather(
                *(
                    http.post(
                        "/api/surveys/ypag-priorities/responses",
                        json={"answers": {**GOOD, "most_important": f"answer number {i}"}},
                    )
                    for i in range(100)
                )
            )

    responses = asyncio.run(burst())
    assert [r.status_code for r in responses] == [201] * 100
    assert len({r.json()["receipt"] for r in responses}) == 100
    assert count(settings) == 100  # every receipt's response is stored before its 201
    # A burst is read (redacted, flagged, themed) when the service has a quiet moment: then all of it.
    assert until(lambda: count(settings, "SELECT count(*) FROM unread") == 0)
    assert count(settings, "SELECT count(DISTINCT text) FROM answers WHERE question_id = 'most_important'") == 100
