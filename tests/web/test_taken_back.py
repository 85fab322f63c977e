"""Nothing a young person takes back stays anywhere (#26): not on a published page or in its stored
snapshot, not in the audit log's details, not in the database's files; and no stored record says at
what time of day an answer arrived."""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

from litestar.testing import TestClient

from tests.conftest import add, csrf, get_page, sign_in
from tests.web.test_you_said import SLUG, WORDS, YEAR, add_priority, answered, quote
from voice.common.settings import Settings

WORDS_TAKEN_BACK = "My youth worker Saturday club listened to me properly and it really helped me"
TIME_OF_DAY = re.compile(r"T\d\d:\d\d")


def publish_with_quote(client: TestClient, settings: Settings) -> str:
    """Answers, one of them quoted and approved, the year published; returns that answer's receipt."""
    answered(client)
    sent = client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"most_important": WORDS_TAKEN_BACK, "quote_ok": "yes"}},
    )
    assert sent.status_code == 201
    add(settings, "sam@example.org", "facilitator")
    add(settings, "alex@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    quote(client, settings, WORDS_TAKEN_BACK, approve=True)
    quote(client, settings, WORDS[1], approve=True)
    add_priority(
        client,
        "listened_to",
        "Being heard",
        "Young people are listened to",
        ["being_listened_to", "mental_health", "other"],
    )
    page = get_page(client, "/staff/reports")
    assert (
        client.post(
            "/staff/reports/publish", data={"_csrf_token": csrf(page), "year": YEAR}, follow_redirects=False
        ).status_code
        == 303
    )
    assert WORDS_TAKEN_BACK in get_page(client, f"/you-said-we-did/{SLUG}").get_text(" ")
    return str(sent.json()["receipt"])


def stored(settings: Settings, sql: str) -> list[tuple]:
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute(sql).fetchall()


def test_a_withdrawn_quote_leaves_the_published_pages_and_their_snapshots_at_once(
    client: TestClient, settings: Settings
) -> None:
    receipt = publish_with_quote(client, settings)
    assert client.delete(f"/api/responses/{receipt}").status_code == 204
    for path in (f"/you-said-we-did/{SLUG}", f"/you-said-we-did/{SLUG}/ypag-priorities"):
        words = get_page(client, path).get_text(" ")
        assert WORDS_TAKEN_BACK not in words, path
        assert WORDS[1] in words  # the other quote, not taken back, stays
    snapshots = [report for (report,) in stored(settings, "SELECT report FROM published_reports")]
    assert len(snapshots) >= 2 and not any(WORDS_TAKEN_BACK in report for report in snapshots)


def test_withdrawn_words_are_not_in_the_audit_log_or_the_database_files(client: TestClient, settings: Settings) -> None:
    receipt = publish_with_quote(client, settings)
    assert client.delete(f"/api/responses/{receipt}").status_code == 204
    details = " ".join(detail for (detail,) in stored(settings, "SELECT detail FROM audit_log"))
    assert WORDS_TAKEN_BACK not in details
    assert "Saturday club" not in details
    for path in (Path(settings.db_path), Path(settings.db_path + "-wal")):
        if path.exists():
            data = path.read_bytes()
            assert b"Saturday club" not in data, path.name
            assert receipt.encode() not in data and receipt.replace("-", "").encode() not in data, path.name


def test_no_stored_record_says_at_what_time_of_day_an_answer_came(client: TestClient, settings: Settings) -> None:
    """The system's own events about an answer (a flag raised, worth a look, needs a person to read,
    answers taken back or deleted) carry the day only: the time would tie an answer to the moment it was
    sent. Staff members' own actions keep their time."""
    sent = client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"most_important": "My dad hits me when he is angry"}},
    )
    assert sent.status_code == 201
    client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"most_important": "Mój tata mnie bije i boję się wracać do domu"}},
    )
    assert client.delete(f"/api/responses/{sent.json()['receipt']}").status_code == 204
    rows = stored(settings, "SELECT happened_at, actor, action, subject FROM audit_log")
    about_answers = [r for r in rows if r[3].startswith(("flag:", "response:")) and "@" not in r[1]]
    assert {"flag raised", "answers withdrawn"} <= {r[2] for r in about_answers}
    assert not [r for r in about_answers if TIME_OF_DAY.search(r[0])], about_answers
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    rows = stored(settings, "SELECT happened_at FROM audit_log WHERE action = 'signed in'")
    assert rows and TIME_OF_DAY.search(rows[0][0])


def test_an_admin_sees_that_a_flag_event_happened_never_its_words(client: TestClient, settings: Settings) -> None:
    assert (
        client.post(
            "/api/surveys/ypag-priorities/responses",
            json={"answers": {"most_important": "My dad hits me when he is angry"}},
        ).status_code
        == 201
    )
    add(settings, "admin@example.org", "admin")
    sign_in(client, "admin@example.org")
    page = get_page(client, "/staff/audit").get_text(" ")
    assert "flag raised" in page
    assert "dad hits" not in page and "abuse_at_home" not in page
    download = client.get("/staff/audit/download.csv")
    assert download.status_code == 200 and "flag raised" in download.text and "dad hits" not in download.text


def test_staff_pages_and_downloads_are_never_kept_by_a_browser_or_proxy(client: TestClient, settings: Settings) -> None:
    assert (
        client.post(
            "/api/surveys/ypag-priorities/responses",
            json={"answers": {"most_important": "My dad hits me when he is angry"}},
        ).status_code
        == 201
    )
    add(settings, "lead@example.org", "safeguarding_lead")
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "lead@example.org")
    for path in ("/staff", "/staff/safeguarding", "/staff/safeguarding/1", "/staff/contacts"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response.headers.get("cache-control", ""), path
    sign_in(client, "sam@example.org")
    for path in ("/staff/responses", "/staff/responses/download?fmt=csv", "/staff/responses/download?fmt=xlsx"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response.headers.get("cache-control", ""), path


def test_withdrawn_words_leave_the_files_while_another_checkpoint_keeps_running(
    client: TestClient, settings: Settings
) -> None:
    """The service checkpoints the WAL every few seconds from another connection; SQLite answers a second
    checkpoint "busy" at once. A withdrawal that met one left the young person's words in the database
    file's old page (found by a full test run)."""
    receipt = publish_with_quote(client, settings)
    stop = threading.Event()

    def checkpointing() -> None:
        with sqlite3.connect(settings.db_path) as conn:
            while not stop.is_set():
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()

    other = threading.Thread(target=checkpointing)
    other.start()
    try:
        assert client.delete(f"/api/responses/{receipt}").status_code == 204
    finally:
        stop.set()
        other.join()
    for path in (Path(settings.db_path), Path(settings.db_path + "-wal")):
        if path.exists():
            assert b"Saturday club" not in path.read_bytes(), path.name


def test_no_one_can_change_the_themes_of_an_answer_taken_back_and_it_is_deleted_when_its_flags_close(
    client: TestClient, settings: Settings
) -> None:
    """The pen test (eleventh session): a facilitator saved themes on an answer taken back (its page said 404, the form
    still took it); then the lead could not close its last flag (a database error, 503) and the answers were never
    deleted. Themes of an answer taken back, or of no answer, are refused (404); closing the flags deletes it."""
    add(settings, "sam@example.org", "facilitator")
    add(settings, "lead@example.org", "safeguarding_lead")
    sent = client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"age_band": "14-15", "most_important": "My stepdad hits me and I am scared to go home"}},
    )
    assert sent.status_code == 201
    rows = stored(settings, "SELECT a.id, f.id FROM answers a JOIN flags f ON f.response_id = a.response_id")
    answer_id, flag_ids = rows[0][0], [f for _, f in rows]
    assert client.delete(f"/api/responses/{sent.json()['receipt']}").status_code == 204
    sign_in(client, "sam@example.org")
    page = get_page(client, "/staff/responses")
    for target in (answer_id, 999_999):
        refused = client.post(
            f"/staff/answers/{target}/themes",
            data={"_csrf_token": csrf(page), "topics": "bullying", "sentiment": "negative"},
            follow_redirects=False,
        )
        assert refused.status_code == 404, (target, refused.status_code)
    assert stored(settings, "SELECT count(*) FROM theme_corrections") == [(0,)]
    sign_in(client, "lead@example.org")
    for flag_id in flag_ids:
        page = get_page(client, f"/staff/safeguarding/{flag_id}")
        if page.find("textarea", attrs={"name": "action_note"}) is None:
            continue  # closed with the one before
        together = page.find("input", attrs={"name": "close", "checked": True})  # every open flag on the answer
        closed = client.post(
            f"/staff/safeguarding/{flag_id}/close",
            data={"_csrf_token": csrf(page), "action_note": "Spoke to the school"}
            | ({"close": together["value"]} if together else {}),
            follow_redirects=False,
        )
        assert closed.status_code == 303, closed.status_code
    assert stored(settings, "SELECT count(*) FROM answers") == [(0,)]
    assert stored(settings, "SELECT count(*) FROM original_texts") == [(0,)]
