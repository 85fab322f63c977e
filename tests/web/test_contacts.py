"""Requests for contact: every one reaches the safeguarding lead's own queue, due on the day promised."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import msgspec
import pytest
from httpx import Response
from litestar.testing import TestClient

from tests.conftest import (
    add,
    answer_all,
    check_page,
    csrf,
    example,
    get_page,
    rows,
    send,
    sign_in,
    start,
)
from voice.common.dates import due_on, local_today
from voice.common.settings import REPO_DIR, Settings
from voice.intake.operations import purge
from voice.surveys.files import check_paths


def ask_on_the_web(client: TestClient, name: str, contact: str) -> str:
    def chooser(q):  # nothing worrying anywhere: only the tick and the details
        if q.kind == "contact_request":
            return {q.id: "yes", f"{q.id}.name": name, f"{q.id}.contact": contact, f"{q.id}.when": "after school"}
        return {}

    answer_all(client, "ypag-priorities", chooser)
    return send(client, "ypag-priorities")


def ask_through_the_api(client: TestClient) -> Response:
    """A young person's request for contact sent through the API: nothing worrying, a phone number."""
    return client.post(
        "/api/surveys/ypag-priorities/responses",
        json={
            "answers": {
                "most_important": "More youth clubs please",
                "talk_to_someone": True,
                "talk_to_someone.contact": "07700 900456",
            }
        },
    )


def test_the_promise_on_the_form_and_the_due_day_come_from_one_setting(settings: Settings) -> None:
    from voice.web.app import create_app

    three = msgspec.structs.replace(settings, contact_working_days=3)
    with TestClient(create_app(three)) as client:
        start(client, "ypag-priorities")
        page = get_page(client, f"/s/ypag-priorities/p/{len(example('ypag-priorities').pages)}")
        assert "A trained worker will get in touch within 3 working days." in page.get_text(" ", strip=True)
        ask_on_the_web(client, "Sam", "07700 900111")
    today = local_today()
    assert rows(settings, "SELECT due_on FROM contact_requests") == [(due_on(today, 3),)]


def test_due_days_skip_weekends_and_englands_bank_holidays() -> None:
    assert due_on("2026-11-27", 2) == "2026-12-01"  # Friday: Monday and Tuesday
    assert due_on("2026-12-24", 2) == "2026-12-30"  # Christmas, a weekend and Boxing Day (moved to Monday)
    assert due_on("2027-03-25", 2) == "2027-03-31"  # Thursday before Good Friday and Easter Monday


def test_every_request_reaches_the_leads_queue_due_on_the_promised_day(client: TestClient, settings: Settings) -> None:
    add(settings, "lead@example.org", "safeguarding_lead")
    add(settings, "facilitator@example.org", "facilitator")
    add(settings, "viewer@example.org", "viewer")
    ask_on_the_web(client, "Sam", "sam.j@example.com")
    api = ask_through_the_api(client)
    assert api.status_code == 201
    assert rows(settings, "SELECT count(*) FROM flags") == [(0,)]  # nothing worrying: no flag to lean on

    for role in ("facilitator", "viewer"):
        client.cookies.clear()
        sign_in(client, f"{role}@example.org")
        assert client.get("/staff/contacts").status_code == 403
        assert client.get("/staff/contacts/1").status_code == 403
    client.cookies.clear()
    sign_in(client, "lead@example.org")
    home = get_page(client, "/staff").get_text(" ", strip=True)
    assert "2 young people asked for someone to talk to them and are waiting" in home

    queue = get_page(client, "/staff/contacts")
    cells = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in queue.select("tbody tr")]
    today = local_today()
    heads = [th.get_text(strip=True) for th in queue.select("thead th")]
    cells = [dict(zip(heads, c, strict=True)) for c in cells]
    assert [c["Due by"] for c in cells] == [due_on(today, 2)] * 2
    title = example("ypag-priorities").title
    assert all(c["Sent"] == today.isoformat() and c["Survey"] == title and c["Also flagged"] == "No" for c in cells)

    links = [a["href"] for a in queue.select("tbody a")]
    first = get_page(client, links[0]).get_text(" ", strip=True)
    assert "Sam" in first and "sam.j@example.com" in first and "after school" in first
    page = get_page(client, links[1])
    assert "07700 900456" in page.get_text()

    empty = client.post(f"{links[1]}/close", data={"_csrf_token": csrf(page), "action_note": " "})
    assert empty.status_code == 422
    assert "Enter what was done" in check_page(empty.text, errors=True).select_one(".error-summary").get_text()
    done = client.post(
        f"{links[1]}/close",
        data={"_csrf_token": csrf(page), "action_note": "Rang, spoke to them"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert len(get_page(client, "/staff/contacts").select("tbody tr")) == 1
    closed = get_page(client, "/staff/contacts?status=closed").get_text(" ", strip=True)
    assert "lead@example.org" in closed

    request_id = int(links[1].rsplit("/", 1)[1])
    log = rows(
        settings,
        "SELECT actor, action, detail FROM audit_log WHERE subject = ? ORDER BY id",
        (f"contact:{request_id}",),
    )
    assert [a for _, a, _ in log] == ["contact request viewed", "contact request viewed", "contact request closed"]
    assert log[-1] == ("lead@example.org", "contact request closed", "Rang, spoke to them")

    # Nothing deletes a request; after the keeping time its details go and the record stays.
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        rows(settings, "DELETE FROM contact_requests WHERE id = ?", (request_id,))
    purge(settings.db_path, dt.datetime.now(dt.UTC) + dt.timedelta(days=89), contact_details_days=90)
    assert rows(settings, "SELECT contact FROM contact_requests WHERE id = ?", (request_id,)) == [("07700 900456",)]
    purge(settings.db_path, dt.datetime.now(dt.UTC) + dt.timedelta(days=91), contact_details_days=90)
    assert rows(
        settings,
        "SELECT name, contact, best_time, status, action_note, details_wiped_on IS NOT NULL "
        "FROM contact_requests WHERE id = ?",
        (request_id,),
    ) == [(None, "", None, "closed", "Rang, spoke to them", 1)]
    assert rows(settings, "SELECT contact FROM contact_requests WHERE status = 'open'") == [("sam.j@example.com",)]
    assert "contact details wiped" in [a for (a,) in rows(settings, "SELECT action FROM audit_log")]
    sign_in(client, "lead@example.org")  # purging 91 days on ended the session too
    wiped = get_page(client, links[1]).get_text(" ", strip=True)
    assert "07700 900456" not in wiped and "Wiped on" in wiped and "Rang, spoke to them" in wiped


def test_overdue_requests_stand_out_on_every_lead_page_and_in_healthz(client: TestClient, settings: Settings) -> None:
    add(settings, "lead@example.org", "safeguarding_lead")
    add(settings, "facilitator@example.org", "facilitator")
    ask_on_the_web(client, "Jo", "07700 900789")
    assert client.get("/healthz").json()["contact_requests_overdue"] == 0
    rows(settings, "UPDATE contact_requests SET due_on = '2021-09-03'")
    health = client.get("/healthz").json()
    assert health["contact_requests_open"] == 1 and health["contact_requests_overdue"] == 1
    sign_in(client, "lead@example.org")
    for url in ("/staff", "/staff/responses", "/staff/quotes", "/staff/safeguarding", "/staff/audit"):
        banner = get_page(client, url).select_one(".notice-urgent")
        assert banner is not None and "waiting past the day we promised" in banner.get_text(), url
        assert banner.find_parent("main") is not None, url  # "Skip to main content" must not skip it
    assert "Overdue" in get_page(client, "/staff/contacts").select_one("tbody tr").get_text()
    client.cookies.clear()
    sign_in(client, "facilitator@example.org")  # facilitators cannot act on it, so are not shown it
    assert get_page(client, "/staff").select_one(".notice-urgent") is None


def test_a_survey_file_cannot_make_its_own_promise(tmp_path: Path) -> None:
    text = (REPO_DIR / "surveys" / "ypag-priorities.yaml").read_text()
    broken = tmp_path / "ypag-priorities.yaml"
    broken.write_text(
        text.replace("hint: Only if you want to.\n", "hint: Only if you want to. We will ring within 5 days.\n", 1)
    )
    _, problems = check_paths([broken])
    line = text.splitlines().index("        hint: Only if you want to.") + 1
    assert [(p.line, p.path) for p in problems] == [(line, "$.pages[5].questions[1].hint")], problems
    assert "VOICE_CONTACT_WORKING_DAYS" in problems[0].message


def test_a_phone_number_given_without_the_tick_is_asked_about_never_dropped(
    client: TestClient, settings: Settings
) -> None:
    """#27 item 2: a number typed under "Phone number or email address" without ticking "Yes, I would like
    someone to talk to me" was silently thrown away. The page says so, keeps what was typed, and stores
    nothing until the young person ticks the box or deletes the number."""

    def chooser(q):
        return {f"{q.id}.contact": "07700 900789"} if q.kind == "contact_request" else {}

    last = f"/s/ypag-priorities/p/{len(example('ypag-priorities').pages)}"
    start(client, "ypag-priorities")
    for n in range(1, len(example("ypag-priorities").pages)):
        page = get_page(client, f"/s/ypag-priorities/p/{n}")
        client.post(f"/s/ypag-priorities/p/{n}", data={"_csrf_token": csrf(page)})
    page = get_page(client, last)
    field = page.find("input", attrs={"name": "talk_to_someone.contact"})
    sent = client.post(last, data={"_csrf_token": csrf(page), "talk_to_someone.contact": "07700 900789"})
    assert sent.status_code == 422, sent.status_code
    shown = check_page(sent.text, errors=True)
    assert "tick" in shown.select_one(".error-summary").get_text().lower()
    assert shown.find("input", attrs={"name": "talk_to_someone.contact"})["value"] == "07700 900789"
    assert field is not None and rows(settings, "SELECT count(*) FROM contact_requests") == [(0,)]
    api = client.post(
        "/api/surveys/ypag-priorities/responses", json={"answers": {"talk_to_someone.contact": "07700 900789"}}
    )
    assert api.status_code == 422 and "talk_to_someone" in api.text
    assert rows(settings, "SELECT count(*) FROM responses") == [(0,)]


def test_the_thank_you_page_confirms_the_request_and_says_when(client: TestClient, settings: Settings) -> None:
    """#27 item 6: the thank-you page did not say that someone would be in touch, or when."""
    ask_on_the_web(client, "Sam", "07700 900222")
    thanks = get_page(client, "/s/ypag-priorities/thanks").get_text(" ", strip=True)
    assert "You asked for someone to talk to you." in thanks
    assert f"within {settings.contact_working_days} working days" in thanks


def test_back_after_sending_says_the_answers_were_sent(client: TestClient) -> None:
    """#27 item 8: Back after sending showed "We could not find your answers… started more than a day ago",
    which suggested they were not sent."""
    check, _ = answer_all(client, "ypag-priorities")
    send(client, "ypag-priorities")
    back = client.get(check)  # the browser's Back button, to "Check your answers"
    text = back.text
    assert "Thank you, your answers have been sent" in text and "We could not find" not in text
    assert "You asked for someone" not in text  # nobody asked here


def test_a_request_links_to_the_flags_its_answers_raised_and_says_their_language(
    client: TestClient, settings: Settings
) -> None:
    """#27 item 12: a request for contact did not link to its answer's flags, nor say which language the young
    person was using, which the lead needs to get back to them."""
    client.headers["accept-language"] = "pl"  # the young person's phone is in Polish

    def chooser(q):
        if q.id == "most_important":
            return {q.id: "My stepdad hits me and I want to die"}
        if q.kind == "contact_request":
            return {q.id: "yes", f"{q.id}.contact": "07700 900333"}
        return {}

    answer_all(client, "ypag-priorities", chooser)
    send(client, "ypag-priorities")
    del client.headers["accept-language"]
    assert (
        client.post(
            "/api/surveys/ypag-priorities/responses",
            json={"answers": {"talk_to_someone": True, "talk_to_someone.contact": "07700 900444"}},
        ).status_code
        == 201
    )
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")

    flags = rows(settings, "SELECT id FROM flags")
    assert len(flags) >= 2  # one answer, more than one concern
    asked_in_polish, asked_by_an_app = (
        get_page(client, a["href"]) for a in get_page(client, "/staff/contacts").select("tbody a")
    )
    said = asked_in_polish.select_one("main").get_text(" ", strip=True)
    assert "Polish" in said
    linked = {a["href"] for a in asked_in_polish.select("main a[href^='/staff/safeguarding/']")}
    assert linked == {f"/staff/safeguarding/{flag_id}" for (flag_id,) in flags}
    assert "Suicidal thoughts" in said  # each flag by its concern
    flag_page = get_page(client, sorted(linked)[0]).get_text(" ", strip=True)
    assert "My stepdad hits me and I want to die" in flag_page
    other = asked_by_an_app.select_one("main").get_text(" ", strip=True)
    assert "Polish" not in other and "English" not in other  # nobody knows which language an app was in
    assert not asked_by_an_app.select("main a[href^='/staff/safeguarding/']")


def test_two_requests_alike_are_told_apart_in_the_list(client: TestClient, settings: Settings) -> None:
    """#27 item 12: two requests sent the same day to the same survey were two identical rows. Each row says
    when, which survey, where it is up to and a reference of its own (never the young person's receipt)."""
    receipts = []
    for phone in ("07700 900555", "07700 900666"):
        sent = client.post(
            "/api/surveys/ypag-priorities/responses",
            json={"answers": {"talk_to_someone": True, "talk_to_someone.contact": phone}},
        )
        receipts.append(sent.json()["receipt"])
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    listed = get_page(client, "/staff/contacts")
    shown = [tr.get_text(" ", strip=True) for tr in listed.select("tbody tr")]
    assert len(shown) == 2 and shown[0] != shown[1]
    today = local_today().isoformat()
    assert all(today in row and example("ypag-priorities").title in row and "Waiting" in row for row in shown)
    for link in listed.select("tbody a"):
        page = get_page(client, link["href"]).select_one("main").get_text(" ", strip=True)
        assert link.get_text(" ", strip=True) in page  # the reference in the list is the request's own
        assert not any(r in page for r in receipts)
    assert not any(r in " ".join(shown) for r in receipts)

    first = listed.select_one("tbody a")["href"]
    client.post(f"{first}/close", data={"_csrf_token": csrf(get_page(client, first)), "action_note": "Rang them"})
    closed = get_page(client, "/staff/contacts?status=closed").select_one("tbody tr").get_text(" ", strip=True)
    assert "Closed" in closed


def test_a_request_whose_answers_were_taken_back_says_so(client: TestClient, settings: Settings) -> None:
    """A new user (the lead) opened a request for contact whose young person had then taken their answers back: nothing
    said so, though the young person was told "they will still get in touch ... You can tell them you do not want to
    talk". The request says when the answers were taken back, and that the young person may not want to talk."""
    add(settings, "lead@example.org", "safeguarding_lead")
    sent = ask_through_the_api(client)
    assert client.delete(f"/api/responses/{sent.json()['receipt']}").status_code == 204
    sign_in(client, "lead@example.org")
    request_id = rows(settings, "SELECT id FROM contact_requests")[0][0]
    said = get_page(client, f"/staff/contacts/{request_id}").get_text(" ", strip=True)
    assert "took their answers back on" in said and "may not want to talk" in said, said
    listed = get_page(client, "/staff/contacts").get_text(" ", strip=True)
    assert "Answers taken back" in listed, listed
