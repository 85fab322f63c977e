"""The young person's journey, through HTTP only: start, every page, check answers, send, thank you."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from litestar.testing import TestClient

from tests.conftest import (
    EXAMPLE_SLUGS,
    answer_all,
    check_page,
    csrf,
    example,
    get_page,
    rows,
    send,
    start,
    until,
)
from voice.common.settings import Settings


@pytest.mark.parametrize("slug", EXAMPLE_SLUGS)
def test_every_example_survey_can_be_answered_and_is_stored_with_its_version(
    client: TestClient, settings: Settings, slug: str
) -> None:
    check_url, seen = answer_all(client, slug)
    assert check_url == f"/s/{slug}/check"
    assert len(seen) >= 3
    receipt = send(client, slug)

    soup = get_page(client, f"/s/{slug}/thanks")
    assert receipt in soup.get_text()
    assert example(slug).closing.publish_when[:40] in soup.get_text(" ")
    stored = rows(
        settings,
        "SELECT r.version_id, r.channel, r.submitted_on, s.version_id FROM responses r "
        "JOIN surveys s ON s.slug = r.survey_slug WHERE r.receipt = ?",
        (receipt,),
    )
    assert len(stored) == 1
    version_id, channel, submitted_on, current_version = stored[0]
    assert version_id == current_version
    assert channel == "web"
    assert len(submitted_on) == 10  # a day, never a time
    answers = dict(
        rows(
            settings,
            "SELECT question_id, value FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.receipt = ?",
            (receipt,),
        )
    )
    survey = example(slug)
    first_choice = next(q for _, q in survey.questions() if q.kind == "single_choice")
    assert json.loads(answers[first_choice.id]) == first_choice.choices[0].value
    texts = [
        q.id
        for p in survey.pages
        if p.show_if is None
        for q in p.questions
        if q.kind == "long_text" and q.show_if is None
    ]
    assert all(t in answers for t in texts)
    # The draft is gone once sent.
    assert rows(settings, "SELECT count(*) FROM drafts") == [(0,)]


def test_progress_back_link_and_optional_labels(client: TestClient) -> None:
    url = start(client, "ypag-priorities")
    soup = get_page(client, url)
    assert "Page 1 of" in soup.get_text()
    assert soup.select_one("a.back-link")["href"] == "/s/ypag-priorities"
    legends = [h.get_text(" ", strip=True) for h in soup.select("legend, h2.question")]
    assert legends and all("(optional)" in text for text in legends)


def test_skipping_every_question_still_sends(client: TestClient, settings: Settings) -> None:
    answer_all(client, "ypag-priorities", chooser=lambda q: {})
    soup = get_page(client, "/s/ypag-priorities/check")
    assert soup.get_text().count("Not provided") >= 6
    receipt = send(client, "ypag-priorities")
    assert rows(
        settings,
        "SELECT count(*) FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.receipt = ?",
        (receipt,),
    ) == [(0,)]


def test_invalid_answer_shows_error_summary_and_keeps_other_answers(client: TestClient) -> None:
    url = start(client, "ypag-priorities")
    page1 = get_page(client, url)
    client.post(url, data={"_csrf_token": csrf(page1), "age_band": "14-15"}, follow_redirects=False)
    url2 = "/s/ypag-priorities/p/2"
    page2 = get_page(client, url2)
    too_long = "x" * 1001
    response = client.post(
        url2,
        data={"_csrf_token": csrf(page2), "top_worries": ["bullying", "waiting"], "most_important": too_long},
        follow_redirects=False,
    )
    assert response.status_code == 422
    soup = check_page(response.text, errors=True)
    summary = soup.select_one(".error-summary a")
    assert summary["href"] == "#most_important"
    inline = soup.select_one("#most_important-error").get_text(" ", strip=True)
    assert summary.get_text(strip=True) in inline
    assert "1,000 characters or fewer" in inline
    assert soup.find("textarea", id="most_important").get_text() == too_long
    assert soup.find("input", id="top_worries-bullying").has_attr("checked")
    assert soup.find("input", id="top_worries-waiting").has_attr("checked")
    assert "most_important-error" in soup.find("textarea", id="most_important")["aria-describedby"]
    # Page 1's answer survived the error on page 2.
    assert get_page(client, url).find("input", id="age_band-14-15").has_attr("checked")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"top_worries": ["bullying", "waiting", "online_safety", "mental_health"]}, "Select no more than 3 answers"),
        ({"top_worries": ["none", "bullying"]}, "Select “None of these” on its own"),
        ({"top_worries": ["made_up"]}, "Select one of the answers shown"),
    ],
)
def test_multiple_choice_rules(client: TestClient, data: dict, message: str) -> None:
    start(client, "ypag-priorities")
    soup = get_page(client, "/s/ypag-priorities/p/2")
    response = client.post("/s/ypag-priorities/p/2", data={"_csrf_token": csrf(soup), **data})
    assert response.status_code == 422
    assert message in check_page(response.text, errors=True).select_one(".error-summary").get_text()


def test_show_if_page_appears_only_for_matching_answers(client: TestClient) -> None:
    _, seen_yes = answer_all(client, "domestic-abuse-support")
    repeat_page = 1 + [p.id for p in example("domestic-abuse-support").pages].index("repeat_story_more")
    assert f"/s/domestic-abuse-support/p/{repeat_page}" in seen_yes
    client.cookies.clear()
    _, seen_no = answer_all(
        client, "domestic-abuse-support", chooser=lambda q: {q.id: "no"} if q.kind == "yes_no" else {}
    )
    assert f"/s/domestic-abuse-support/p/{repeat_page}" not in seen_no
    assert len(seen_no) == len(seen_yes) - 1


def test_change_link_returns_to_check_page(client: TestClient) -> None:
    answer_all(client, "ypag-priorities")
    check = get_page(client, "/s/ypag-priorities/check")
    change = check.find("a", href="/s/ypag-priorities/p/1?from=check#age_band")
    assert change is not None and "How old are you?" in change.get_text()
    soup = get_page(client, "/s/ypag-priorities/p/1?from=check")
    assert soup.select_one("a.back-link")["href"] == "/s/ypag-priorities/check"
    response = client.post(
        "/s/ypag-priorities/p/1",
        data={"_csrf_token": csrf(soup), "from": "check", "age_band": "16-17"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/s/ypag-priorities/check"
    assert "16 to 17" in get_page(client, "/s/ypag-priorities/check").get_text()


def test_other_text_and_prefer_not_to_say(client: TestClient, settings: Settings) -> None:
    url = start(client, "ypag-priorities")
    soup = get_page(client, url)
    assert soup.find("input", id="age_band-prefer_not_to_say") is not None
    client.post(
        url,
        data={"_csrf_token": csrf(soup), "age_band": "prefer_not_to_say", "area": "other", "area.other": "  Melton  "},
        follow_redirects=False,
    )
    check = get_page(client, "/s/ypag-priorities/check").get_text()
    assert "Somewhere else: Melton" in check
    assert "I’d rather not say" in check
    receipt = send(client, "ypag-priorities")
    stored = dict(
        rows(
            settings,
            "SELECT question_id, text FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.receipt = ?",
            (receipt,),
        )
    )
    assert stored["area"] == "Melton"


def test_words_in_the_other_box_with_nothing_chosen_are_the_answer(client: TestClient) -> None:
    """A new user typed "Braunstone" under "Somewhere else" without choosing it (with JavaScript off the box is always
    there) and the check page said "Not provided"; with another choice made, the box's words are not the answer."""
    url = start(client, "ypag-priorities")
    soup = get_page(client, url)
    client.post(url, data={"_csrf_token": csrf(soup), "area.other": "Braunstone"}, follow_redirects=False)
    assert "Somewhere else: Braunstone" in get_page(client, "/s/ypag-priorities/check").get_text()
    soup = get_page(client, url)
    client.post(
        url, data={"_csrf_token": csrf(soup), "area": "rutland", "area.other": "Braunstone"}, follow_redirects=False
    )
    check = get_page(client, "/s/ypag-priorities/check").get_text()
    assert "Rutland" in check and "Braunstone" not in check


def test_quote_consent_on_response_and_contact_details_stored_apart(client: TestClient, settings: Settings) -> None:
    def chooser(q):
        if q.kind == "contact_request":
            return {q.id: "yes", f"{q.id}.name": "Sam", f"{q.id}.contact": "07700 900123"}
        if q.kind == "quote_consent":
            return {q.id: "no"}
        return {}

    answer_all(client, "ypag-priorities", chooser)
    receipt = send(client, "ypag-priorities")
    assert rows(settings, "SELECT quote_consent FROM responses WHERE receipt = ?", (receipt,)) == [(0,)]
    assert rows(settings, "SELECT name, contact FROM contact_requests") == [("Sam", "07700 900123")]
    everything_else = rows(settings, "SELECT value || coalesce(text, '') FROM answers")
    assert not any("07700" in r[0] or "Sam" in r[0] for r in everything_else)


def test_contact_request_without_contact_details_asks_for_them(client: TestClient) -> None:
    start(client, "ypag-priorities")
    last = len(example("ypag-priorities").pages)
    soup = get_page(client, f"/s/ypag-priorities/p/{last}")
    response = client.post(f"/s/ypag-priorities/p/{last}", data={"_csrf_token": csrf(soup), "talk_to_someone": "yes"})
    assert response.status_code == 422
    soup = check_page(response.text, errors=True)
    assert soup.select_one(".error-summary a")["href"] == "#talk_to_someone-contact"
    assert soup.find("input", id="talk_to_someone").has_attr("checked")


def test_pressing_send_twice_stores_one_response(client: TestClient, settings: Settings) -> None:
    answer_all(client, "ypag-priorities")
    soup = get_page(client, "/s/ypag-priorities/check")
    form = soup.find("form", attrs={"action": "/s/ypag-priorities/check"})
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    first = client.post("/s/ypag-priorities/check", data=data, follow_redirects=False)
    assert_draft_cookie_deleted(first)
    assert rows(settings, "SELECT count(*) FROM drafts") == [(0,)]  # deleted when read: at once, nothing else in hand
    second = client.post("/s/ypag-priorities/check", data=data, follow_redirects=False)
    assert first.headers["location"] == second.headers["location"]
    assert rows(settings, "SELECT count(*) FROM responses") == [(1,)]


def assert_draft_cookie_deleted(response: httpx.Response) -> None:
    """The browser is told to forget the answers token, on that survey's path."""
    gone = [h for h in response.headers.get_list("set-cookie") if h.startswith("voice_draft=")]
    assert len(gone) == 1 and "Max-Age=0" in gone[0] and "Path=/s/" in gone[0] and "HttpOnly" in gone[0], gone


def test_honeypot_stores_nothing(client: TestClient, settings: Settings) -> None:
    answer_all(client, "ypag-priorities")
    soup = get_page(client, "/s/ypag-priorities/check")
    response = client.post("/s/ypag-priorities/check", data={"_csrf_token": csrf(soup), "leave_blank": "http://spam"})
    assert response.status_code == 422
    check_page(response.text, errors=True)
    assert rows(settings, "SELECT count(*) FROM responses") == [(0,)]


def test_missing_csrf_token_gets_a_plain_page(client: TestClient) -> None:
    get_page(client, "/s/ypag-priorities")
    response = client.post("/s/ypag-priorities/start", data={})
    assert response.status_code == 403
    soup = check_page(response.text)
    assert "This page has expired" in soup.h1.get_text()


def test_without_answers_cookie_pages_send_you_to_the_start(client: TestClient) -> None:
    response = client.get("/s/ypag-priorities/p/2", follow_redirects=False)
    assert response.headers["location"] == "/s/ypag-priorities?notice=restart"
    soup = get_page(client, "/s/ypag-priorities?notice=restart")
    assert "could not find unfinished answers" in soup.get_text()


def test_delete_my_answers(client: TestClient, settings: Settings) -> None:
    url = start(client, "ypag-priorities")
    soup = get_page(client, url)
    response = client.post("/s/ypag-priorities/clear", data={"_csrf_token": csrf(soup)}, follow_redirects=False)
    assert response.headers["location"] == "/s/ypag-priorities?notice=cleared"
    assert rows(settings, "SELECT count(*) FROM drafts") == [(0,)]
    assert_draft_cookie_deleted(response)


def test_exit_this_page_on_sensitive_surveys(client: TestClient, settings: Settings) -> None:
    url = start(client, "domestic-abuse-support")
    soup = get_page(client, url)
    assert soup.find("a", href="/s/domestic-abuse-support/exit").get_text(strip=True) == "Exit this page"
    response = client.get("/s/domestic-abuse-support/exit", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("https://")
    assert rows(settings, "SELECT count(*) FROM drafts") == [(0,)]
    assert_draft_cookie_deleted(response)
    assert get_page(client, "/s/ypag-priorities").find("a", href="/s/ypag-priorities/exit") is None


def test_closed_survey_says_so_and_takes_no_answers(client: TestClient, settings: Settings, surveys_dir: Path) -> None:
    url = start(client, "ypag-priorities")  # started while open
    token = csrf(get_page(client, url))
    path = surveys_dir / "ypag-priorities.yaml"
    path.write_text(path.read_text().replace("estimated_minutes: 5", "estimated_minutes: 5\nstatus: closed"))
    assert until(lambda: "This survey is closed" in client.get("/s/ypag-priorities").text)  # noticed within a second
    soup = get_page(client, "/s/ypag-priorities")
    assert soup.find("button", string="Start now") is None
    response = client.post("/s/ypag-priorities/start", data={"_csrf_token": token})
    assert response.status_code == 409
    # Someone who started before it closed cannot send either.
    response = client.post("/s/ypag-priorities/check", data={"_csrf_token": token})
    assert response.status_code == 409
    assert "This survey is closed" in check_page(response.text).h1.get_text()
    index = get_page(client, "/")
    assert index.find("a", href="/s/ypag-priorities") is None


def test_unknown_survey_and_page_are_404_pages(client: TestClient) -> None:
    soup = get_page(client, "/s/no-such-survey", status=404)
    assert "Page not found" in soup.h1.get_text()
    start(client, "ypag-priorities")
    get_page(client, "/s/ypag-priorities/p/99", status=404)
    get_page(client, "/s/ypag-priorities/thanks/AAAA-BBBB", status=404)


def test_security_headers_and_cookies(client: TestClient) -> None:
    response = client.get("/s/ypag-priorities")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-content-type-options"] == "nosniff"
    soup = check_page(response.text)
    start_response = client.post("/s/ypag-priorities/start", data={"_csrf_token": csrf(soup)}, follow_redirects=False)
    cookie = start_response.headers["set-cookie"]
    assert "voice_draft=" in cookie and "HttpOnly" in cookie and "Max-Age=86400" in cookie
    assert "Path=/s/ypag-priorities" in cookie
    assert set(client.cookies.keys()) <= {"voice_csrf", "voice_draft"}


def test_the_home_page_title_says_what_the_page_is_not_the_site_twice(client: TestClient) -> None:
    """#27 item 10: the home page was titled "Have your say – Have your say"."""
    title = get_page(client, "/").title.get_text()
    assert title == "Have your say", title
    assert get_page(client, "/withdraw").title.get_text().endswith(" – Have your say")


@pytest.mark.parametrize("slug", EXAMPLE_SLUGS)
def test_a_surveys_start_page_promises_no_help_it_cannot_give(client: TestClient, slug: str) -> None:
    """A new user in Chromium read "a trained safeguarding lead will read it so that help can be offered" on a
    survey that asks no name: no one can be offered help who cannot be found. The start page says a lead reads
    worrying answers, that we can only get in touch if the young person asks, and where to get help now."""
    said = " ".join(get_page(client, f"/s/{slug}").get_text(" ").split())
    assert "safeguarding lead will read it" in said and "help can be offered" not in said
    assert "we can only get in touch if you ask us to at the end" in said and "Childline free on 0800 1111" in said
    question_types = [q.kind for _, q in example(slug).questions()]
    assert "contact_request" in question_types  # there is a way to ask, at the end


@pytest.mark.parametrize("slug", EXAMPLE_SLUGS)
def test_help_for_young_people_of_19_to_25_is_on_every_page_and_the_thank_you_page(
    client: TestClient, slug: str
) -> None:
    """A new user in Chromium (twenty-fourth session) answered a survey for 11 to 25 year olds: its pages and its
    thank-you page named only Childline ("for anyone under 19") and 999, and told a care leaver of 22 to call
    Childline. A free line for any age is shown beside it on each page a young person sees."""
    assert "116 123" in get_page(client, "/").get_text(" ")
    assert "116 123" in get_page(client, start(client, slug)).get_text(" ")
    answer_all(client, slug)
    send(client, slug)
    thanks = " ".join(get_page(client, f"/s/{slug}/thanks").get_text(" ").split())
    assert "Childline free on 0800 1111" in thanks and "Samaritans free on 116 123" in thanks, thanks
