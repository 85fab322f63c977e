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
    other = client.post(
        "/api/surveys/emotional-health-wellbeing/responses",
        json={"answers": {}, "submission_id": "someone-elses-key-0001"},
    )
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
        replay = stranger.post(
            "/s/ypag-priorities/check",
            data={"_csrf_token": token, "submission_key": data["submission_key"]},
            follow_redirects=False,
        )
        assert receipt not in replay.headers.get("location", "") and receipt not in replay.text


def test_the_api_takes_json_only(client: TestClient, settings: Settings) -> None:
    """A form on another site can post text/plain from a visitor's browser without asking: refused."""
    body = '{"answers": {"most_important": "posted by a form on another site"}}'
    for media in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"):
        response = client.post("/api/surveys/ypag-priorities/responses", content=body, headers={"content-type": media})
        assert response.status_code == 415, (media, response.status_code)
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM responses").fetchone() == (0,)
    ok = client.post(
        "/api/surveys/ypag-priorities/responses",
        content=body,
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert ok.status_code == 201


def test_the_receipt_is_never_in_an_address_and_a_fresh_browser_cannot_see_it(settings: Settings) -> None:
    """#26 item 2: the thank-you page was /s/<slug>/thanks/<RECEIPT>: in the phone's history, and it opened
    in a fresh browser, so anyone who picked up the phone could take the answers back."""
    with TestClient(create_app(settings)) as young_person, TestClient(create_app(settings)) as later:
        check, _ = answer_all(young_person, "ypag-priorities")
        form = get_page(young_person, check).find("form", attrs={"action": "/s/ypag-priorities/check"})
        data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
        sent = young_person.post("/s/ypag-priorities/check", data=data, follow_redirects=False)
        with sqlite3.connect(settings.db_path) as conn:
            (receipt,) = conn.execute("SELECT receipt FROM responses").fetchone()
        assert sent.status_code == 303 and receipt not in sent.headers["location"]
        cookie = sent.headers["set-cookie"]
        assert "path=/s/ypag-priorities;" in cookie.lower() and "httponly" in cookie.lower()
        assert "samesite=strict" in cookie.lower() and "max-age=900" in cookie.lower()
        shown = young_person.get(sent.headers["location"])
        assert receipt in shown.text and shown.headers["referrer-policy"] == "no-referrer"
        assert receipt not in later.get(sent.headers["location"]).text
        assert later.get(f"/s/ypag-priorities/thanks/{receipt}").status_code == 404  # the old address is gone
        later.cookies.set("voice_receipt", f"{receipt}.-.0123456789abcdef0123456789abcdef", path="/s/ypag-priorities")
        assert receipt not in later.get(sent.headers["location"]).text  # a made-up cookie shows nothing


def test_a_form_token_from_someone_elses_browser_does_not_go_with_a_staff_session(settings: Settings) -> None:
    """#26 item 14: an attacker's own cookie-and-token pair (valid on its own) was accepted with a victim's
    staff session. The token is tied to the sign-in now."""
    from tests.conftest import add, sign_in

    with TestClient(create_app(settings)) as victim, TestClient(create_app(settings)) as attacker:
        add(settings, "lead@example.org", "safeguarding_lead")
        sign_in(victim, "lead@example.org")
        page = get_page(attacker, "/staff/sign-in")
        their_token = page.find("input", attrs={"name": "_csrf_token"})["value"]
        their_cookie = attacker.cookies.get("voice_csrf")
        jar = {
            "voice_staff": victim.cookies.get("voice_staff"),
            "voice_bind": victim.cookies.get("voice_bind"),
            "voice_csrf": their_cookie,
        }
        with TestClient(create_app(settings)) as raw:  # the victim's session cookies, the attacker's form token
            forged = raw.post(
                "/staff/sign-out",
                data={"_csrf_token": their_token},
                follow_redirects=False,
                headers={"cookie": "; ".join(f"{k}={v}" for k, v in jar.items() if v)},
            )
        assert forged.status_code == 403, forged.status_code
        assert get_page(victim, "/staff").find("h1") is not None  # still signed in: nothing was done
        own = get_page(victim, "/staff").find("input", attrs={"name": "_csrf_token"})["value"]
        assert victim.post("/staff/sign-out", data={"_csrf_token": own}, follow_redirects=False).status_code == 303
