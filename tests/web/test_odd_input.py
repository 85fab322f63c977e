"""Odd input an attacker (or a slip of the keyboard) sends gets a clear 4xx, never a 500, and nonsense
dates are refused rather than stored (#26 item 11)."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from litestar.testing import TestClient

from tests.conftest import add, csrf, get_page, sign_in
from voice.common.settings import Settings


def refused(response: object, caplog: pytest.LogCaptureFixture) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    assert 400 <= status < 500, status
    assert "Traceback" not in response.text  # type: ignore[attr-defined]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize(
    "path",
    [
        "/staff/audit?until=9999-12-31",
        "/staff/audit/download.csv?until=9999-12-31",
        "/staff/audit?since=0001-01-01&until=0001-01-01",
    ],
)
def test_the_audit_log_takes_the_last_day_there_is(
    client: TestClient, settings: Settings, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    add(settings, "admin@example.org", "admin")
    sign_in(client, "admin@example.org")
    response = client.get(path)
    assert response.status_code in (200, 422), response.status_code
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("year", ["0000-01", "9999-00", "0099-00"])
def test_a_year_no_report_can_have_is_a_clear_400(
    client: TestClient, settings: Settings, year: str, caplog: pytest.LogCaptureFixture
) -> None:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    refused(client.get(f"/staff/reports?year={year}"), caplog)
    refused(client.get(f"/staff/reports/download?year={year}&fmt=csv"), caplog)
    page = get_page(client, "/staff/reports")
    refused(
        client.post(
            "/staff/reports/publish",
            data={"_csrf_token": csrf(page), "year": year.replace("-", "/")},
            follow_redirects=False,
        ),
        caplog,
    )


def test_json_nested_too_deep_is_a_clear_400(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    body = '{"answers": {"most_important": ' + "[" * 1000 + "]" * 1000 + "}}"
    response = client.post(
        "/api/surveys/ypag-priorities/responses", content=body, headers={"content-type": "application/json"}
    )
    refused(response, caplog)


@pytest.mark.parametrize("path", ["/static/css/voice.css%00.png", "/static/css/voice.css/x"])
def test_odd_static_paths_are_404(client: TestClient, path: str, caplog: pytest.LogCaptureFixture) -> None:
    response = client.get(path)
    assert response.status_code == 404, response.status_code
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_year_or_a_day_no_partnership_could_mean_is_refused_not_stored(
    client: TestClient, settings: Settings
) -> None:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    page = get_page(client, "/staff/priorities")
    priority = client.post(
        "/staff/priorities",
        data={"_csrf_token": csrf(page), "year": "0000/01", "key": "babies", "name": "Safeguarding babies"},
    )
    assert priority.status_code in (404, 422)  # the year is the form's own (a page per year): not one there is
    form = get_page(client, "/staff/actions/new")
    action = client.post(
        "/staff/actions",
        data={
            "_csrf_token": csrf(form),
            "year": "0000/01",
            "title": "Drop-in",
            "what_we_did": "Opened a drop-in",
            "agency": "Youth service",
            "status": "done",
        },
    )
    assert action.status_code in (404, 422)
    entry = get_page(client, "/staff/entry/ypag-priorities")
    paper = client.post(
        "/staff/entry/ypag-priorities",
        data={"_csrf_token": csrf(entry), "channel": "paper", "day": "1/1/0001", "most_important": "More youth clubs"},
    )
    assert paper.status_code == 422 and "real date" in paper.text
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM priorities").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM actions").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM responses").fetchone() == (0,)


@pytest.mark.parametrize("slug", ["%E2%80%AEfdp.exe", "%C3%BC" * 300])
def test_leaving_a_survey_that_is_not_there_is_404(
    client: TestClient, slug: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Found by tools/fuzz_routes.py: "Exit this page" and "clear" put the address's survey name into a
    cookie's path, and a name no header can carry was a 500."""
    assert client.get(f"/s/{slug}/exit", follow_redirects=False).status_code == 404
    page = get_page(client, "/s/ypag-priorities")
    token = page.find("input", attrs={"name": "_csrf_token"})["value"]
    assert client.post(f"/s/{slug}/clear", data={"_csrf_token": token}, follow_redirects=False).status_code == 404
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
