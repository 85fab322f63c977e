"""A one-time submission key never brings back someone else's receipt, and the API takes JSON only
(#26 items 5 and 14)."""

from __future__ import annotations

import sqlite3

from litestar.testing import TestClient

from tests.conftest import answer_all, get_page
from voice.common.settings import Settings
from voice.web.app import create_app

GOOD = {"most_important": "More youth clubs in the evenings"}


def test_the_same_key_for_another_survey_is_another_key(client: TestClient) -> None:
    body = {"answers": GOOD, "submission_id": "someone-elses-key-0001"}
    first = client.post("/api/surveys/ypag-priorities/responses", json=body)
    other = client.post("/api/surveys/emotional-health-wellbeing/responses",
                        json={"answers": {}, "submission_id": "someone-elses-key-0001"})
    assert first.status_code == 201
    assert other.status_code == 201, other.text  # stored as its own answers, not "already stored"
    assert other.json()["receipt"] != first.json()["receipt"]


def test_a_key_posted_from_another_browser_does_not_reveal_the_receipt(settings: Settings) -> None:
    with TestClient(create_app(settings)) as young_person, TestClient(create_app(settings)) as stranger:
        check, _ = answer_all(young_person, "ypag-priorities")
        form = get_page(young_person, check).find("form", attrs={"action": "/s/ypag-priorities/check"})
        data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
        sent = young_person.post("/s/ypag-priorities/check", data=data, follow_redirects=False)
        assert sent.status_code == 303
        with sqlite3.connect(settings.db_path) as conn:
            (receipt,) = conn.execute("SELECT receipt FROM responses").fetchone()
        page = get_page(stranger, "/s/ypag-priorities")
        token = page.find("input", attrs={"name": "_csrf_token"})["value"]
        replay = stranger.post("/s/ypag-priorities/check", data={"_csrf_token": token,
                                                                  "submission_key": data["submission_key"]},
                               follow_redirects=False)
        assert receipt not in replay.headers.get("location", "") and receipt not in replay.text


def test_the_api_takes_json_only(client: TestClient, settings: Settings) -> None:
    """A form on another site can post text/plain from a visitor's browser without asking: refused."""
    body = '{"answers": {"most_important": "posted by a form on another site"}}'
    for media in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
        response = client.post("/api/surveys/ypag-priorities/responses", content=body, headers={"content-type": media})
        assert response.status_code == 415, (media, response.status_code)
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM responses").fetchone() == (0,)
    ok = client.post("/api/surveys/ypag-priorities/responses", content=body,
                     headers={"content-type": "application/json; charset=utf-8"})
    assert ok.status_code == 201
