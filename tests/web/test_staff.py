"""Staff pages through HTTP: every route is guarded, and the safeguarding queue works end to end."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3

import msgspec
import pytest
from litestar.testing import TestClient

from tests.conftest import STAFF_PASSWORD, add, check_page, csrf, get_page, sign_in, staff_routes
from voice.common.settings import Settings
from voice.web.app import create_app
from voice.web.guard import DEVICE_COOKIE, staff_guard


def test_every_staff_route_but_sign_in_is_guarded_and_refuses_anonymous_visitors(client: TestClient) -> None:
    routes = staff_routes(client.app)
    assert len(routes) >= 7
    token = csrf(get_page(client, "/staff/sign-in"))
    for method, path, handler in routes:
        url = re.sub(r"\{[^}]+\}", "1", path)
        if path == "/staff/sign-in" or path.startswith("/staff/set-password"):  # no one is signed in yet there
            continue
        guards = [getattr(g, "func", g) for g in handler.resolve_guards()]
        assert staff_guard in guards, f"{method} {path} has no staff guard"
        response = client.request(
            method, url, data={"_csrf_token": token} if method == "POST" else None, follow_redirects=False
        )
        assert response.status_code in (303, 401, 403), f"{method} {path} answered {response.status_code}"
        if response.status_code == 303:
            assert response.headers["location"] == "/staff/sign-in"


@pytest.mark.parametrize("role", ["viewer", "facilitator", "admin"])
def test_only_safeguarding_leads_see_the_queue(client: TestClient, settings: Settings, role: str) -> None:
    add(settings, f"{role}@example.org", role)
    sign_in(client, f"{role}@example.org")
    assert client.get("/staff").status_code == 200
    for url in ("/staff/safeguarding", "/staff/safeguarding/1"):
        response = client.get(url)
        assert response.status_code == 403
        check_page(response.text)


def test_the_queue_from_disclosure_to_closed_flag_with_audit(client: TestClient, settings: Settings) -> None:
    add(settings, "lead@example.org", "safeguarding_lead")
    typed = "Call me on 07700 900123. My stepdad hits me and I want to die"
    assert (
        client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": typed}}).status_code
        == 201
    )
    sign_in(client, "lead@example.org")

    queue = get_page(client, "/staff/safeguarding")
    rows = queue.select("tbody tr")  # one answer: one item in the queue, with each of its flags
    reasons = [li.get_text(" ", strip=True) for li in rows[0].select("td")[1].select("li")]
    assert len(rows) == 1 and rows[0].get_text(" ", strip=True).startswith("Suicidal thoughts")  # most serious first
    assert reasons == ["“want to die”", "“stepdad hits”"]  # with the reason
    first = queue.select_one("tbody tr a")["href"]

    page = get_page(client, first)
    assert typed in page.get_text()  # the lead sees the words as typed, phone number included
    assert "The answer is anonymous" in page.get_text()
    history = page.find("h2", string="History").find_next("ul").get_text(" ")
    assert "flag raised (Suicidal thoughts)" in history and "(suicide)" not in history  # the category's name
    items = [li.get_text(" ", strip=True) for li in page.find("h2", string="History").find_next("ul")("li")]
    raised = next(item for item in items if "flag raised" in item)
    assert re.fullmatch(r"\d{1,2} \w+ \d{4}: system, flag raised \(.*\)", raised)  # its day, no made-up "00:00"
    assert "voice train" not in page.get_text()  # no command's name on the lead's pages
    # The survey's title ends its own sentence ("What should we focus on next year?"): no colon after it.
    asked = page.find("dt", string="Survey and question").find_next("dd").get_text(" ", strip=True)
    assert asked.startswith("What should we focus on next year? ") and "?:" not in page.get_text() + queue.get_text()

    token = csrf(page)
    empty = client.post(f"{first}/close", data={"_csrf_token": token, "action_note": "  "})
    assert empty.status_code == 422
    assert "Enter what was done" in check_page(empty.text, errors=True).select_one(".error-summary").get_text()

    done = client.post(
        f"{first}/close",
        data={"_csrf_token": token, "action_note": "Passed to the DSL at the school"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    closed_page = get_page(client, first)
    closed = closed_page.get_text()
    assert "Closed by lead@example.org" in closed and "Passed to the DSL at the school" in closed
    # The history in words a lead reads: the day and the time on the partnership's clock, the note after a colon
    # (a new user in Chromium read "2026-12-05T22:17:37+00:00: ..., flag closed (note (concern))").
    lines = [li.get_text() for li in closed_page.find("h2", string="History").find_next("ul")("li")]
    when = r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}"
    assert all(re.match(when + ": lead@example.org, ", line) for line in lines[:-1]), lines
    assert any(
        re.fullmatch(when + ": lead@example.org, flag closed: Passed to the DSL at the school.*", li) for li in lines
    )
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}T", line) for line in lines)
    assert len(get_page(client, "/staff/safeguarding").select("tbody tr")) == 1
    assert len(get_page(client, "/staff/safeguarding?status=closed").select("tbody tr")) == 1

    with sqlite3.connect(settings.db_path) as conn:
        log = conn.execute(
            "SELECT actor, action, detail FROM audit_log WHERE subject = ? ORDER BY id",
            [f"flag:{first.rsplit('/', 1)[1]}"],
        ).fetchall()
    # raised; viewed; viewed again with the error; closed; viewed after closing
    assert [a for _, a, _ in log] == ["flag raised", "flag viewed", "flag viewed", "flag closed", "flag viewed"]
    assert log[3] == ("lead@example.org", "flag closed", "Passed to the DSL at the school")
    audit_page = get_page(client, "/staff/audit")
    audit = audit_page.get_text()
    assert "flag closed" in audit and "signed in" in audit
    # Moments in words on the partnership's clock, the exact one kept for machines (a new user read raw timestamps)
    first_cell = audit_page.select_one("tbody tr td time")
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", first_cell.get_text())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*", first_cell["datetime"]) and not re.search(
        r"\d{4}-\d{2}-\d{2}T", audit_page.select_one("tbody").get_text()
    )
    # Every view is in the log; the flag's history shows a run of views by one person once, with how many (a new
    # user read three "flag viewed" lines for one close with a mistake in its form).
    for _ in range(2):
        get_page(client, first)
    history = [
        li.get_text(" ", strip=True)
        for li in get_page(client, first).find("h2", string="History").find_next("ul")("li")
    ]
    viewed = [line for line in history if "flag viewed" in line]
    assert len(viewed) == 2, history  # after the close, and before it: two runs
    assert re.search(r"flag viewed \(4 times since \d{1,2} \w+ \d{4}, \d{2}:\d{2}\)", viewed[0]), viewed
    assert re.search(r"flag viewed \(2 times since ", viewed[1]), viewed


def _sign_in_answer(client: TestClient, email: str, password: str) -> tuple[int, str]:
    """The status and the visible words of the sign-in page's answer (the typed email taken out)."""
    token = csrf(get_page(client, "/staff/sign-in"))
    response = client.post("/staff/sign-in", data={"_csrf_token": token, "email": email, "password": password})
    text = check_page(response.text, errors=response.status_code != 200).get_text(" ", strip=True)
    return response.status_code, text.replace(email, "EMAIL")


def test_wrong_passwords_lock_the_email_in_this_browser_only_and_never_say_whether_it_exists(
    client: TestClient, settings: Settings
) -> None:
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")  # the lead's own browser: it has signed in before
    lead_browser = client.cookies.get(DEVICE_COOKIE)
    assert lead_browser
    client.cookies.clear()  # a stranger's browser
    real = [_sign_in_answer(client, "lead@example.org", "wrong password!!") for _ in range(5)]
    unknown = [_sign_in_answer(client, "nobody@example.org", "wrong password!!") for _ in range(5)]
    assert real == unknown  # the same answers, the fifth already the lock-out
    assert real[0][0] == 401 and "email address or password is not right" in real[0][1]
    assert "After 5 wrong passwords, this email cannot sign in from this browser" in real[4][1]
    # Locked now, even with the right password (in this browser), and an unknown email alike.
    assert _sign_in_answer(client, "lead@example.org", STAFF_PASSWORD) == _sign_in_answer(
        client, "nobody@example.org", STAFF_PASSWORD
    )
    assert "cannot sign in from this browser" in _sign_in_answer(client, "lead@example.org", STAFF_PASSWORD)[1]
    # The lead, in the browser they signed in from before, is not locked out by what a stranger typed.
    client.cookies.clear()
    client.cookies.set(DEVICE_COOKIE, lead_browser, path="/staff")
    sign_in(client, "lead@example.org")
    assert client.get("/staff/safeguarding").status_code == 200


def test_a_guesser_cannot_dodge_the_lock_out_with_new_or_made_up_browser_cookies(
    client: TestClient, settings: Settings
) -> None:
    """Pen test: the browser cookie that wrong passwords were counted by was given to anyone who opened the sign-in
    page, and any made-up value of the right shape was taken, so a guesser who sent a new one with each try was never
    locked out. Now only a browser this email has signed in from has a count of its own (its cookie is signed for the
    email at sign-in); every other browser shares one count for the email."""
    add(settings, "lead@example.org", "safeguarding_lead")
    assert DEVICE_COOKIE not in client.get("/staff/sign-in").headers.get(
        "set-cookie", ""
    )  # opening the page gives none
    for n in range(5):
        client.cookies.clear()
        client.cookies.set(DEVICE_COOKIE, f"made-up-browser-number-{n:04d}", path="/staff")
        _sign_in_answer(client, "lead@example.org", "wrong password!!")
    for fresh in ("", "another-made-up-browser-0001"):
        client.cookies.clear()
        if fresh:
            client.cookies.set(DEVICE_COOKIE, fresh, path="/staff")
        status, words = _sign_in_answer(client, "lead@example.org", STAFF_PASSWORD)
        assert status == 401 and "After 5 wrong passwords" in words
    # A cookie signed for another email does not count for this one.
    add(settings, "other@example.org", "viewer")
    client.cookies.clear()
    sign_in(client, "other@example.org")
    other_browser = client.cookies.get(DEVICE_COOKIE)
    assert other_browser
    client.cookies.clear()
    client.cookies.set(DEVICE_COOKIE, other_browser, path="/staff")
    assert "After 5 wrong passwords" in _sign_in_answer(client, "lead@example.org", STAFF_PASSWORD)[1]
    with sqlite3.connect(settings.db_path) as conn:
        locked = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'account locked'").fetchone()[0]
    assert locked == 1  # the shared count locked once, and the lead's audit log says so


def test_a_turned_off_account_is_told_so_but_only_with_the_right_password(
    client: TestClient, settings: Settings
) -> None:
    """A new user: a disabled account was told "The email address or password is not right", so they kept retyping a
    right password. With the right password the page says the account is turned off and who can turn it on; with a
    wrong one it says what it says for anyone (so nobody learns an account exists, or is off, without its password)."""
    add(settings, "gone@example.org", "viewer")
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute("UPDATE staff SET disabled = 1 WHERE email = 'gone@example.org'")
    status, words = _sign_in_answer(client, "gone@example.org", STAFF_PASSWORD)
    assert status == 401 and "turned off" in words and "administrator" in words, words
    assert "not right" not in words
    wrong = _sign_in_answer(client, "gone@example.org", "wrong password!!")
    assert wrong == _sign_in_answer(client, "nobody@example.org", "wrong password!!")
    assert "not right" in wrong[1] and "turned off" not in wrong[1]
    assert client.get("/staff/safeguarding", follow_redirects=False).status_code == 303  # not signed in


def test_session_cookie_idle_timeout_and_sign_out(client: TestClient, settings: Settings) -> None:
    add(settings, "lead@example.org", "safeguarding_lead")
    token = csrf(get_page(client, "/staff/sign-in"))
    response = client.post(
        "/staff/sign-in",
        data={"_csrf_token": token, "email": "LEAD@example.org", "password": STAFF_PASSWORD},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"]
    assert "voice_staff=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/staff" in cookie
    assert client.get("/staff/safeguarding").status_code == 200
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31)).isoformat()
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute("UPDATE staff_sessions SET last_seen = ?", [old])
    assert client.get("/staff/safeguarding", follow_redirects=False).headers["location"] == "/staff/sign-in"
    sign_in(client, "lead@example.org")
    home = get_page(client, "/staff")
    client.post("/staff/sign-out", data={"_csrf_token": csrf(home)}, follow_redirects=False)
    assert client.get("/staff", follow_redirects=False).headers["location"] == "/staff/sign-in"


def test_cookies_are_secure_over_https(settings: Settings) -> None:
    from voice.web.app import create_app

    with TestClient(create_app(settings), base_url="https://testserver.local") as client:
        add(settings, "lead@example.org", "safeguarding_lead")
        page = get_page(client, "/s/ypag-priorities")
        started = client.post("/s/ypag-priorities/start", data={"_csrf_token": csrf(page)}, follow_redirects=False)
        assert "secure" in started.headers["set-cookie"].lower()
        token = csrf(get_page(client, "/staff/sign-in"))
        signed = client.post(
            "/staff/sign-in",
            data={"_csrf_token": token, "email": "lead@example.org", "password": STAFF_PASSWORD},
            follow_redirects=False,
        )
        assert "secure" in signed.headers["set-cookie"].lower()


@pytest.mark.parametrize(
    "path", ["/staff/answers/{n}", "/staff/safeguarding/{n}", "/staff/actions/{n}", "/staff/responses?version={n}"]
)
@pytest.mark.parametrize("n", ["99999999999999999999999", "-1", "0"])
def test_an_id_no_row_could_have_is_a_clear_400(client: TestClient, settings: Settings, path: str, n: str) -> None:
    """A number past what SQLite can hold reached the database and came back as a 500."""
    add(settings, "lead@example.org", "admin")
    add(settings, "safe@example.org", "safeguarding_lead")
    sign_in(client, "safe@example.org" if "safeguarding" in path else "lead@example.org")
    response = client.get(path.format(n=n))
    assert response.status_code == 400, response.status_code
    said = "Choose a version from the list" if "version" in path else "We could not read what was sent"
    assert "Traceback" not in response.text and said in response.text


def test_a_role_that_may_not_do_something_is_told_so_not_that_the_page_expired(
    client: TestClient, settings: Settings
) -> None:
    """#27 item 15: a viewer opening /staff/actions/new got "This page has expired… cookies are blocked"."""
    add(settings, "val@example.org", "viewer")
    sign_in(client, "val@example.org")
    response = client.get("/staff/actions/new")
    assert response.status_code == 403
    text = check_page(response.text).get_text(" ")
    assert "You do not have permission to do this" in text and "expired" not in text


def test_flags_one_answer_raised_are_one_item_in_the_queue_closed_together_with_one_note(
    client: TestClient, settings: Settings
) -> None:
    """#27 item 12: one answer raised several flags, each in the queue on its own and each to be closed on
    its own. They are one item, and closing them together with one note closes and audits each."""
    add(settings, "lead@example.org", "safeguarding_lead")
    typed = "My stepdad hits me and I want to die"
    for answers in ({"most_important": typed}, {"most_important": "I dont feel safe walking home"}):
        assert client.post("/api/surveys/ypag-priorities/responses", json={"answers": answers}).status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        raised = conn.execute("SELECT response_id, id FROM flags ORDER BY id").fetchall()
    several = [flag_id for response_id, flag_id in raised if response_id == 1]
    assert len(several) >= 2 and len(raised) > len(several)
    sign_in(client, "lead@example.org")

    queue = get_page(client, "/staff/safeguarding")
    items = queue.select("tbody tr")
    assert len(items) == 2  # one per answer
    together = next(tr for tr in items if "want to die" in tr.get_text())
    assert {a["href"] for a in together.select("a")} == {f"/staff/safeguarding/{f}" for f in several}

    page = get_page(client, f"/staff/safeguarding/{several[-1]}")
    words = page.get_text(" ", strip=True)
    assert typed in words and "Suicidal thoughts" in words and "Abuse or violence at home" in words
    chosen = page.find("input", attrs={"name": "close", "checked": True})  # the form closes them together
    assert f"All {len(several)} open flags on this answer" in page.find("label", attrs={"for": chosen["id"]}).get_text()
    closed = client.post(
        f"/staff/safeguarding/{several[-1]}/close",
        data={"_csrf_token": csrf(page), "action_note": "Rang the school's DSL", "close": chosen["value"]},
    )
    assert closed.status_code == 200 and "Rang the school's DSL" in check_page(closed.text).get_text()
    assert len(get_page(client, "/staff/safeguarding").select("tbody tr")) == 1  # the other answer's flag
    assert len(get_page(client, "/staff/safeguarding?status=closed").select("tbody tr")) == 1
    with sqlite3.connect(settings.db_path) as conn:
        log = conn.execute("SELECT subject, actor, detail FROM audit_log WHERE action = 'flag closed'").fetchall()
        status = dict(conn.execute("SELECT id, status FROM flags").fetchall())
    assert sorted(log) == sorted((f"flag:{f}", "lead@example.org", "Rang the school's DSL") for f in several)
    assert [f for f, s in status.items() if s == "open"] == [f for r, f in raised if r != 1]


@pytest.mark.parametrize("role", ["viewer", "safeguarding_lead"])
def test_the_home_page_offers_only_what_the_role_can_do(client: TestClient, settings: Settings, role: str) -> None:
    """#27 item 15: a viewer's home page offered to record what the partnership did, to decide on quotes and
    to publish "you said, we did", none of which a viewer (nor a lead) may do."""
    add(settings, f"{role}@example.org", role)
    sign_in(client, f"{role}@example.org")
    home = get_page(client, "/staff")
    offered = home.select("main li a")
    assert len(offered) >= 4
    for link in offered:
        words = link.get_text(" ", strip=True)
        assert not re.search(r"\b(record|publish|decision|import|invite)\b", words, re.IGNORECASE), words
        page = client.get(link["href"])
        assert page.status_code == 200, link["href"]
        # What the page offers to send, beside signing out, is what the role may send: never a refusal.
        for form in check_page(page.text).select("main form[method=post]"):
            action = form["action"]
            token = csrf(form)
            sent = client.post(action, data={"_csrf_token": token}, follow_redirects=False)
            assert sent.status_code != 403, (link["href"], action)


def test_the_leads_home_page_says_how_many_answers_are_waiting_in_the_queue(
    client: TestClient, settings: Settings
) -> None:
    """A new lead, tried in Chromium, found no count of open flags on the home page: they learn what waits for
    them there, one answer counted once however many flags it raised, until they close them."""
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")

    def waiting() -> str:
        item = get_page(client, "/staff").select_one("main li a[href='/staff/safeguarding']").parent
        return " ".join(item.get_text(" ", strip=True).split())

    assert "0 flagged answers" in waiting() and get_page(client, "/staff").select_one("main .notice-urgent") is None
    typed = "My stepdad hits me and I want to die"  # one answer, two flags
    sent = client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": typed}})
    assert sent.status_code == 201
    assert "1 flagged answer," in waiting()
    urgent = get_page(client, "/staff").select_one("main .notice-urgent")  # above the list, as urgent
    assert urgent is not None and "1 flagged answer is waiting for a safeguarding lead." in urgent.get_text()
    first = get_page(client, "/staff/safeguarding").select_one("tbody tr a")["href"]
    page = get_page(client, first)
    chosen = page.find("input", attrs={"name": "close", "checked": True})
    closed = client.post(
        f"{first}/close", data={"_csrf_token": csrf(page), "action_note": "Rang the DSL", "close": chosen["value"]}
    )
    assert closed.status_code == 200
    assert "0 flagged answers" in waiting()


def test_only_the_lead_sees_the_queues_count_on_the_home_page(client: TestClient, settings: Settings) -> None:
    add(settings, "facilitator@example.org", "facilitator")
    sign_in(client, "facilitator@example.org")
    assert "flagged answer" not in get_page(client, "/staff").get_text()


def test_the_lead_home_counts_an_answer_in_another_language_that_a_rule_flagged_too(
    client: TestClient, settings: Settings
) -> None:
    """A new user saw "0 answers in another language for a person to read" while the queue held one: a Polish
    disclosure is a rule's flag and waits for a person to read it, and the home page counts it as both."""
    add(settings, "lead@example.org", "safeguarding_lead")
    answer = {"answers": {"most_important": "Mój ojczym mnie bije, kiedy mama jest w pracy."}}
    assert client.post("/api/surveys/ypag-priorities/responses", json=answer).status_code == 201
    sign_in(client, "lead@example.org")
    home = " ".join(get_page(client, "/staff").get_text(" ").split())
    assert "1 flagged answer," in home and "1 answer in another language for a person to read" in home


def test_a_long_answer_is_cut_short_in_the_list_and_whole_on_its_page(client: TestClient, settings: Settings) -> None:
    """A new user's 1,500-character answer filled the answers list: the list shows its start, its page all of it;
    and "Back to answers" there returns to the list with its filters."""
    add(settings, "facilitator@example.org", "facilitator")
    long = " ".join(["the bus to school is late every single day and nobody does anything about it"] * 12)
    sent = client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": long}})
    assert sent.status_code == 201, sent.text
    sign_in(client, "facilitator@example.org")
    listing = get_page(client, "/staff/responses?q=bus")
    shown = listing.select_one(".answer-card .answer-text").get_text()
    assert len(shown) <= 401 and shown.endswith("…") and long.startswith(shown[:-1])
    opened = listing.select_one(".answer-card a")["href"]
    page = get_page(client, opened)
    assert long in page.get_text()
    assert page.select_one("a.back-link")["href"] == "/staff/responses?q=bus"
    assert get_page(client, "/staff/answers/1?listed=https://evil.example").select_one("a.back-link")["href"] == (
        "/staff/responses"
    )


def test_sign_in_says_what_is_missing_who_to_ask_and_that_you_signed_out(
    client: TestClient, settings: Settings
) -> None:
    """A new user: empty fields were called a wrong password, nothing said who to ask for a new password, signing out
    said nothing, and the lock-out read as if the whole account were locked (it is this browser only)."""
    add(settings, "lead@example.org", "safeguarding_lead")
    page = get_page(client, "/staff/sign-in")
    assert "administrator" in page.get_text()  # who to ask when the password is lost
    empty = client.post("/staff/sign-in", data={"_csrf_token": csrf(page), "email": "", "password": ""})
    assert empty.status_code == 422
    summary = [a["href"] for a in check_page(empty.text, errors=True).select(".error-summary a")]
    assert summary == ["#email", "#password"]
    assert "Enter your email address" in empty.text and "Enter your password" in empty.text
    assert "not right" not in empty.text
    no_password = client.post(
        "/staff/sign-in", data={"_csrf_token": csrf(page), "email": "lead@example.org", "password": ""}
    )
    assert no_password.status_code == 422 and "Enter your password" in no_password.text
    assert 'value="lead@example.org"' in no_password.text  # kept as typed
    for _ in range(5):
        _sign_in_answer(client, "lead@example.org", "wrong password!!")
    locked = _sign_in_answer(client, "lead@example.org", "wrong password!!")[1]
    assert "this browser" in locked and "administrator" in locked
    add(settings, "viewer@example.org", "viewer")
    client.cookies.clear()
    sign_in(client, "viewer@example.org")  # another account: its email is not locked
    home = get_page(client, "/staff")
    out = client.post("/staff/sign-out", data={"_csrf_token": csrf(home)})
    assert out.status_code == 200 and "You have signed out." in check_page(out.text).get_text()


def test_a_flag_shows_the_young_persons_other_answers_and_that_they_were_taken_back(
    client: TestClient, settings: Settings
) -> None:
    """A new user (a lead) could not see the rest of what the young person said beside a flag, and the flag's
    history did not say that the answers had been taken back. The flag page lists the response's other answers
    (the question's words, the choice's words, free text as typed) and its history has the taking-back."""
    add(settings, "lead@example.org", "safeguarding_lead")
    sent = client.post(
        "/api/surveys/ypag-priorities/responses",
        json={
            "answers": {
                "age_band": "14-15",
                "most_important": "My stepdad hits me when mum is at work",
                "listened_to_more": "Nobody at school asks how I am, Mr Okafor just shouts",
            }
        },
    )
    assert sent.status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        flag_id = conn.execute("SELECT id FROM flags WHERE answer_key = 'most_important'").fetchone()[0]
    sign_in(client, "lead@example.org")
    page = get_page(client, f"/staff/safeguarding/{flag_id}")
    other = page.find("h2", string="Their other answers")
    assert other is not None, page.get_text(" ", strip=True)
    listed = other.find_next("dl").get_text(" ", strip=True)
    assert "How old are you? 14 to 15" in listed
    assert "Nobody at school asks how I am, Mr Okafor just shouts" in listed  # as typed: the lead reads it whole
    assert "My stepdad hits me" not in listed  # the flagged answer is not listed twice
    assert "14-15" not in listed  # the choice's words, not its value

    withdraw_page = get_page(client, "/withdraw")
    taken = client.post(
        "/withdraw",
        data={"_csrf_token": csrf(withdraw_page), "receipt": sent.json()["receipt"]},
        follow_redirects=False,
    )
    assert taken.status_code == 303
    page = get_page(client, f"/staff/safeguarding/{flag_id}")
    history = page.find("h2", string="History").find_next("ul").get_text(" ", strip=True)
    assert "answers withdrawn" in history and "kept for the safeguarding lead" in history, history
    assert "response:" not in history and "flag:" not in history


def test_the_audit_log_names_what_each_event_was_about_in_words_with_a_link(
    client: TestClient, settings: Settings
) -> None:
    """A new user read "flag:7" in the audit log as a raw code. Its Subject column names the thing in words ("Flag
    7") and links to its page where the reader may open it; the CSV download keeps the codes, for a spreadsheet."""
    add(settings, "lead@example.org", "safeguarding_lead")
    assert (
        client.post(
            "/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": "My stepdad hits me"}}
        ).status_code
        == 201
    )
    with sqlite3.connect(settings.db_path) as conn:
        flag_id = conn.execute("SELECT id FROM flags").fetchone()[0]
    sign_in(client, "lead@example.org")
    get_page(client, f"/staff/safeguarding/{flag_id}")
    page = get_page(client, "/staff/audit")
    cells = [row.select("td")[3] for row in page.select("tbody tr")]
    words = [c.get_text(" ", strip=True) for c in cells]
    assert f"Flag {flag_id}" in words and not [w for w in words if re.fullmatch(r"[a-z]+:\S+", w)], words
    link = next(c.find("a") for c in cells if c.get_text(strip=True) == f"Flag {flag_id}")
    assert link is not None and link["href"] == f"/staff/safeguarding/{flag_id}"
    assert f"flag:{flag_id}" in client.get("/staff/audit/download.csv").text


@pytest.mark.parametrize(
    ("role", "told", "not_told"),
    [
        ("safeguarding_lead", ["The safeguarding queue", "Requests for contact"], ["Staff accounts"]),
        ("facilitator", ["Entering answers from a session or on paper", "Choosing quotes"], ["The safeguarding queue"]),
        ("admin", ["Staff accounts", "Choosing quotes"], ["The safeguarding queue"]),
        ("viewer", ["Reading what young people said"], ["Choosing quotes", "The safeguarding queue"]),
    ],
)
def test_staff_help_says_what_each_page_is_for_as_the_role_meets_it(
    client: TestClient, settings: Settings, role: str, told: list[str], not_told: list[str]
) -> None:
    """A new user found no help on the staff side. Every staff page's menu links to a help page that says, in plain
    words, what each part of the service is for and how to use it, for what this person's role can do."""
    add(settings, f"{role}@example.org", role)
    sign_in(client, f"{role}@example.org")
    home = get_page(client, "/staff")
    assert home.select_one('nav.staff-nav a[href="/staff/help"]') is not None
    page = get_page(client, "/staff/help")
    headings = [h.get_text(strip=True) for h in page.select("main h2")]
    assert set(told) <= set(headings) and not set(not_told) & set(headings), headings
    words = page.select_one("main").get_text(" ", strip=True)
    assert "fewer than 5" in words  # what every role meets in the figures


def test_ids_too_large_for_the_database_are_refused_not_a_server_error(client: TestClient, settings: Settings) -> None:
    """The pen test (eleventh session): a priority_id, action_id or linked quote id past SQLite's largest integer gave
    a 500 (OverflowError). No such row can exist: 404 for the thing to change, 422 for a quote to link."""
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    huge = "99999999999999999999999"
    page = get_page(client, "/staff/priorities")
    token = csrf(page)
    year = page.find("input", attrs={"name": "year"})["value"]
    priority = client.post(
        "/staff/priorities",
        data={"_csrf_token": token, "year": year, "key": "okkey", "name": "n", "priority_id": huge},
        follow_redirects=False,
    )
    assert priority.status_code == 404, priority.status_code
    action = {"_csrf_token": token, "year": year, "title": "t", "what_we_did": "w", "agency": "a", "status": "planned"}
    assert client.post("/staff/actions", data=action | {"action_id": huge}).status_code == 404
    linked = client.post("/staff/actions", data=action | {"quotes": huge})
    assert linked.status_code == 422, linked.status_code


def test_any_staff_member_can_send_a_worrying_answer_to_the_safeguarding_lead(
    client: TestClient, settings: Settings
) -> None:
    """A new user (a facilitator) read an answer the reader had not flagged ("[name] at [school] ignored it") and found
    no way to pass it to the lead. Every staff member can: with a note saying what worries them, the answer is in
    the lead's queue as a flag, with the note and who sent it, and the audit log says so."""
    add(settings, "sam@example.org", "facilitator")
    add(settings, "vic@example.org", "viewer")
    add(settings, "lead@example.org", "safeguarding_lead")
    words = "Stop people sharing pictures in group chats. Nobody at school did anything when it happened to me"
    assert (
        client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": words}}).status_code
        == 201
    )
    with sqlite3.connect(settings.db_path) as conn:
        answer_id = conn.execute("SELECT id FROM answers WHERE text LIKE 'Stop people%'").fetchone()[0]
        before = conn.execute("SELECT count(*) FROM flags").fetchone()[0]
    for who in ("vic@example.org", "sam@example.org"):
        client.cookies.clear()
        sign_in(client, who)
        page = get_page(client, f"/staff/answers/{answer_id}")
        form = page.find("form", attrs={"action": f"/staff/answers/{answer_id}/tell-lead"})
        assert form is not None and "Send to the safeguarding lead" in form.get_text(), who
    empty = client.post(f"/staff/answers/{answer_id}/tell-lead", data={"_csrf_token": csrf(page), "note": " "})
    assert empty.status_code == 422 and "Say what worries you" in empty.text
    sent = client.post(
        f"/staff/answers/{answer_id}/tell-lead",
        data={"_csrf_token": csrf(page), "note": "Sounds like image-based abuse at school"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert "The safeguarding lead has it in their queue" in get_page(client, sent.headers["location"]).get_text()
    with sqlite3.connect(settings.db_path) as conn:
        raised = conn.execute("SELECT id, category, reason, tier, status FROM flags").fetchall()[before:]
        log = conn.execute(
            "SELECT actor, subject FROM audit_log WHERE action = 'sent to the safeguarding lead'"
        ).fetchall()
    assert [(c, tier, s) for _, c, _, tier, s in raised] == [("raised_by_staff", "flag", "open")], raised
    assert "image-based abuse" in raised[0][2] and log == [("sam@example.org", f"flag:{raised[0][0]}")]
    again = client.post(f"/staff/answers/{answer_id}/tell-lead", data={"_csrf_token": csrf(page), "note": "again"})
    assert again.status_code == 422 and "already" in again.text
    client.cookies.clear()
    sign_in(client, "lead@example.org")
    queue = get_page(client, "/staff/safeguarding").get_text(" ", strip=True)
    assert "Sent by a member of staff" in queue and "image-based abuse" in queue, queue


def test_the_staff_pages_at_another_address_link_to_the_right_one(settings: Settings) -> None:
    """A new user opened the staff pages at localhost rather than the service's address: "This is not the address of
    the staff pages ... at http://127.0.0.1:8765/staff. Go there instead." gave the address as words, no link."""
    settings = msgspec.structs.replace(settings, public_url="https://voice.example.org")
    with TestClient(create_app(settings), base_url="http://elsewhere.local") as client:
        wrong = client.get("/staff/sign-in")
        assert wrong.status_code == 400
        link = check_page(wrong.text).find("a", href="https://voice.example.org/staff")
        assert link is not None and link.get_text(strip=True) == "Go to the staff pages", wrong.text[-800:]
