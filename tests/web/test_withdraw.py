"""Taking answers back with the receipt code: on the page, through the API, and by staff for a young person."""

from __future__ import annotations

import re
import sqlite3

import msgspec
from litestar.testing import TestClient

from tests.conftest import add, check_page, csrf, get_page, sign_in
from voice.common.settings import Settings
from voice.curation import quotes as curation
from voice.store import tallies
from voice.store.db import opened
from voice.web.app import create_app

COUNTS = {
    "responses": "SELECT count(*) FROM responses",
    "answers": "SELECT count(*) FROM answers",
    "themes": "SELECT count(*) FROM themes",
    "original_texts": "SELECT count(*) FROM original_texts",
    "quotes": "SELECT count(*) FROM quotes",
    "answer_tallies": "SELECT coalesce(sum(n), 0) FROM answer_tallies",
    "topic_tallies": "SELECT coalesce(sum(n), 0) FROM topic_tallies",
    "search": "SELECT count(*) FROM answers_fts WHERE answers_fts MATCH 'listens'",
}


def counts(settings: Settings) -> dict[str, int]:
    with sqlite3.connect(settings.db_path) as conn:
        return {name: conn.execute(sql).fetchone()[0] for name, sql in COUNTS.items()}


def send(client: TestClient, text: str, **more: object) -> str:
    response = client.post(
        "/api/surveys/ypag-priorities/responses",
        json={
            "answers": {
                "age_band": "14-15",
                "top_worries": ["bullying"],
                "listened_to": 2,
                "most_important": text,
                "quote_ok": "yes",
                **more,
            }
        },
    )
    assert response.status_code == 201, response.text
    receipt: str = response.json()["receipt"]
    return receipt


def test_receipt_codes_have_60_random_bits_in_three_groups(client: TestClient) -> None:
    receipts = {send(client, "More clubs") for _ in range(20)}
    assert len(receipts) == 20
    assert all(re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", r) for r in receipts)


def test_delete_through_the_api_takes_everything_with_it(client: TestClient, settings: Settings) -> None:
    send(client, "Nobody at school listens to us about bullying, it makes me sad")  # stays
    before = counts(settings)
    receipt = send(client, "Nobody at school listens to our ideas, my number is 07700 900123")
    with opened(settings.db_path) as db:  # a facilitator picked its words as a quote
        answer_id = db.execute(
            "SELECT a.id FROM answers a JOIN responses r ON r.id = a.response_id "
            "WHERE r.receipt = ? AND a.question_id = 'most_important'",
            [receipt],
        ).fetchone()[0]
        quote_id = curation.propose(
            db,
            answer_id,
            "Nobody at school listens to our ideas",
            "(YPAG)",
            "f@example.org",
            client.app.state["answer_reader"].taxonomy,
        )
        for title, quoted in (("Listening sessions", [quote_id, 424242]), ("Other work", [424242])):
            db.execute(
                "INSERT INTO actions (year, title, what_we_did, agency, status, quotes, updated_by, updated_at) "
                "VALUES ('2026/27', ?, 'x', 'LLR', 'done', ?, 'f@example.org', '2026-11-29')",
                [title, msgspec.json.encode(quoted).decode()],
            )
    during = counts(settings)
    assert during["responses"] == before["responses"] + 1 and during["original_texts"] == before["original_texts"] + 1
    assert during["quotes"] == 1 and during["answer_tallies"] > before["answer_tallies"]
    assert during["topic_tallies"] == before["topic_tallies"] + 1 and during["search"] == before["search"] + 1

    gone = client.delete(f"/api/responses/{receipt.lower()}")  # as typed: small letters are fine
    assert gone.status_code == 204 and gone.content == b""
    assert counts(settings) == before
    with sqlite3.connect(settings.db_path) as conn:  # the quote is gone from the action that used it, only there
        assert conn.execute("SELECT title, quotes FROM actions ORDER BY id").fetchall() == [
            ("Listening sessions", "[424242]"),
            ("Other work", "[424242]"),
        ]
    with opened(settings.db_path) as db:  # the kept counts still agree with the answers left
        kept = tallies.tallies_now(db)
        with db.conn:
            tallies.rebuild(db)
        assert tallies.tallies_now(db) == kept
        assert db.execute("SELECT action, actor FROM audit_log WHERE action = 'answers withdrawn'").fetchall() == [
            ("answers withdrawn", "young person (with the receipt code)")
        ]

    again = client.delete(f"/api/responses/{receipt}")
    assert again.status_code == 404 and "receipt code" in again.json()["message"]
    assert client.delete("/api/responses/AAAA-BBBB-CCCC").status_code == 404


def test_answers_with_an_open_flag_are_hidden_until_the_lead_closes_it(client: TestClient, settings: Settings) -> None:
    add(settings, "lead@example.org", "safeguarding_lead")
    add(settings, "facilitator@example.org", "facilitator")
    worrying = "my stepdad hits me when he is drunk and nobody listens"
    receipt = send(client, worrying)
    assert client.delete(f"/api/responses/{receipt}").status_code == 204
    assert counts(settings)["answers"] > 0  # kept, for the lead
    assert counts(settings)["topic_tallies"] == 0 and counts(settings)["answer_tallies"] == 0  # out of every count

    sign_in(client, "facilitator@example.org")
    assert "stepdad" not in get_page(client, "/staff/responses").get_text()
    client.cookies.clear()
    sign_in(client, "lead@example.org")
    assert "stepdad" not in get_page(client, "/staff/responses").get_text()
    queue = get_page(client, "/staff/safeguarding")
    flag = queue.select_one("tbody a")["href"]
    assert "Taken back" in queue.select_one("tbody tr").get_text()  # #27 item 4: said in the queue
    page = get_page(client, flag)
    assert worrying in page.get_text()  # the lead still reads it
    assert (
        "took their answers back on" in page.get_text() and "kept for you until this flag is closed" in page.get_text()
    )
    assert client.delete(f"/api/responses/{receipt}").status_code == 404  # withdrawn already

    client.post(f"{flag}/close", data={"_csrf_token": csrf(page), "action_note": "Referred to children's services"})
    assert "Their words have been deleted." in get_page(client, flag).get_text()  # not a blank
    left = counts(settings)
    assert left["answers"] == 0 and left["original_texts"] == 0
    with sqlite3.connect(settings.db_path) as conn:  # the flag stays, with why it was raised and what was done
        assert conn.execute("SELECT status, reason FROM flags").fetchall() == [("closed", "stepdad hits")]
        assert ("withdrawn answers deleted",) in conn.execute("SELECT action FROM audit_log").fetchall()


def test_the_withdraw_page_works_without_javascript(client: TestClient, settings: Settings) -> None:
    receipt = send(client, "More clubs in Braunstone please")
    thanks = get_page(client, "/s/ypag-priorities/thanks")
    assert thanks.find("a", href="/withdraw") is not None  # the thank-you page says how

    page = get_page(client, "/withdraw")
    assert page.find("form", attrs={"method": "post", "action": "/withdraw"}) is not None
    empty = client.post("/withdraw", data={"_csrf_token": csrf(page), "receipt": ""})
    assert empty.status_code == 422
    summary = check_page(empty.text, errors=True).select_one(".error-summary a")
    assert summary["href"] == "#receipt" and "Enter your receipt code" in summary.get_text()
    wrong = client.post("/withdraw", data={"_csrf_token": csrf(page), "receipt": "ZZZZ-ZZZZ-ZZZZ"})
    assert wrong.status_code == 422 and "cannot find answers" in wrong.text
    assert 'value="ZZZZ-ZZZZ-ZZZZ"' in wrong.text  # what was typed is kept

    done = client.post(
        "/withdraw",
        data={"_csrf_token": csrf(page), "receipt": receipt.replace("-", " ").lower()},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/withdraw/done"
    text = get_page(client, "/withdraw/done").get_text(" ", strip=True)
    assert "Your answers have been taken back" in text and "until the next time it is published" in text
    assert counts(settings)["responses"] == 0


def test_staff_take_answers_back_for_a_young_person_and_it_is_audited(client: TestClient, settings: Settings) -> None:
    add(settings, "facilitator@example.org", "facilitator")
    add(settings, "viewer@example.org", "viewer")
    receipt = send(client, "I want more youth workers")
    sign_in(client, "viewer@example.org")
    assert client.get("/staff/withdraw").status_code == 403
    client.cookies.clear()
    sign_in(client, "facilitator@example.org")
    page = get_page(client, "/staff/withdraw")
    wrong = client.post("/staff/withdraw", data={"_csrf_token": csrf(page), "receipt": "AAAA-AAAA-AAAA"})
    assert wrong.status_code == 422
    # A new user: one press took the answers back, with no chance to see whose they were. The button now shows
    # which survey and day the code is for, and takes nothing back until that is confirmed.
    check = client.post("/staff/withdraw", data={"_csrf_token": csrf(page), "receipt": receipt})
    assert check.status_code == 200 and counts(settings)["responses"] == 1
    shown = check_page(check.text)
    words = shown.get_text(" ", strip=True)
    assert "Check before you take back" in words and "What should we focus on next year?" in words, words
    assert "cannot be undone" in words
    assert shown.select_one("a[href='/staff/withdraw']") is not None  # a way out that takes nothing back
    confirm = shown.select_one("form[action='/staff/withdraw']")
    fields = {i["name"]: i.get("value", "") for i in confirm.select("input[name]")}
    assert fields["receipt"] == receipt and fields["confirm"] == "yes"
    done = client.post("/staff/withdraw", data=fields, follow_redirects=False)
    assert done.headers["location"] == "/staff/withdraw?done=1"
    assert "taken back" in get_page(client, "/staff/withdraw?done=1").select_one(".notice").get_text()
    assert counts(settings)["responses"] == 0
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT actor, detail FROM audit_log WHERE action = 'answers withdrawn'").fetchall() == [
            ("facilitator@example.org", "for a young person who asked")
        ]


def test_answers_read_later_are_read_before_they_go(settings: Settings) -> None:
    """An answer withdrawn before the service read it still raises its flag first: a disclosure is never lost."""
    from voice.intake.submissions import RecordOptions, record
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate

    migrate(settings.db_path)
    catalogue = Catalogue(settings.db_path, settings.surveys_dir)
    catalogue.refresh()
    published = catalogue.current("ypag-priorities")
    assert published is not None
    with opened(settings.db_path) as db:
        receipt = record(
            db, published, {"most_important": "I want to kill myself"}, "api", RecordOptions(read_now=False)
        ).receipt
        assert db.execute("SELECT count(*) FROM unread").fetchone()[0] == 1
    with TestClient(create_app(settings)) as client:
        assert client.delete(f"/api/responses/{receipt}").status_code == 204
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT category, status FROM flags").fetchall() == [("suicide", "open")]
        assert conn.execute("SELECT count(*) FROM unread").fetchone()[0] == 0


def test_guessing_receipt_codes_is_rate_limited(settings: Settings) -> None:
    limited = msgspec.structs.replace(settings, submissions_per_minute=3)
    with TestClient(create_app(limited)) as client:
        answers = [client.delete(f"/api/responses/AAAA-BBBB-CCC{c}").status_code for c in "23456"]
    assert answers[:3] == [404, 404, 404] and answers[3:] == [429, 429]


def test_staff_trying_receipt_codes_are_rate_limited_too(settings: Settings) -> None:
    """#26 item 9: /staff/withdraw took any number of guesses."""
    limited = msgspec.structs.replace(settings, submissions_per_minute=5)
    with TestClient(create_app(limited)) as client:
        add(settings, "sam@example.org", "facilitator")
        sign_in(client, "sam@example.org")  # one try of the five (a password is limited too)
        token = csrf(get_page(client, "/staff/withdraw"))
        answers = [
            client.post(
                "/staff/withdraw", data={"_csrf_token": token, "receipt": f"AAAA-BBBB-CCC{c}"}, follow_redirects=False
            ).status_code
            for c in "234567"
        ]
    assert 429 not in answers[:4] and answers[4:] == [429, 429], answers


def test_a_young_person_finds_how_to_take_answers_back_from_any_public_page_and_is_told_what_stays(
    client: TestClient, settings: Settings
) -> None:
    """The receipt code's page is linked from every public page's footer (the thank-you page hides the code after a
    while; a new user could not find the way back), and the page after says the safeguarding lead keeps words that
    worried us until they have checked, as the lead's own page says."""
    for path in ("/", "/s/ypag-priorities", "/withdraw"):
        footer = get_page(client, path).select_one("footer")
        assert footer is not None and footer.find("a", href="/withdraw") is not None, path
    receipt = send(client, "More clubs in Braunstone please")
    page = get_page(client, "/withdraw")
    client.post("/withdraw", data={"_csrf_token": csrf(page), "receipt": receipt})
    text = get_page(client, "/withdraw/done").get_text(" ", strip=True)
    assert "the person who looks after safeguarding" in text and "until they have checked" in text
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    staff_footer = get_page(client, "/staff").select_one("footer")
    assert staff_footer is not None and staff_footer.find("a", href="/withdraw") is None  # not on staff pages
