"""A young person's journeys in a real browser (#27 must-show): every page with a form filled in and its
button pressed as a person does, at 360 CSS pixels wide, with JavaScript on and off, asserting what they
then see. Covers #27 items 2 (contact details without the tick), 6 (the thank-you page confirms the
request), 7 (changing language keeps what was typed), 8 (Back after sending), 10 (the page count, a receipt
used twice) and 11 (Exit this page).

Seen failing first: run against the code before this session's fixes (0eda38a, in a git worktree), all eight
failed, with JavaScript on and off: the second receipt was "We cannot find answers with this receipt code",
the text box came back empty after "Polski", the count went [5, 5, 5, 6, 6], and the start page had no
advice on clearing history."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

from tests.browser.conftest import AXE_JS, no_axe_violations, no_wider_than

pytestmark = pytest.mark.browser

SENSITIVE = "domestic-abuse-support"
WEATHER = "https://www.bbc.co.uk/weather"
WEATHER_HERE = "/__weather"


@pytest.fixture(params=["js", "no-js"])
def person(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A phone 360 pixels wide, with JavaScript on or off; the everyday website Exit this page goes to is
    answered locally (no network in tests)."""
    ctx: BrowserContext = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="en-GB", java_script_enabled=request.param == "js"
    )
    ctx.set_default_timeout(10_000)
    if request.param == "js":
        ctx.add_init_script(path=AXE_JS)

    def leave(route: Route) -> None:
        """The service's "Exit this page" (answers deleted, then a redirect to an everyday website), its
        redirect pointed at a stand-in here: Chromium follows a redirect to another site out of reach of routing."""
        sent = route.fetch(max_redirects=0)
        assert sent.status == 303 and sent.headers["location"] == WEATHER
        route.fulfill(status=303, headers={"location": WEATHER_HERE})

    ctx.route(re.compile(r".*/exit$"), leave)
    ctx.route(
        re.compile(r".*/__weather$"),
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"),
    )
    page = ctx.new_page()
    page.javascript = request.param == "js"  # type: ignore[attr-defined]
    yield page
    ctx.close()


def checked(page: Page) -> None:
    """axe's WCAG 2.2 AA rules where scripts run (the same page without them is the same HTML)."""
    if page.javascript:  # type: ignore[attr-defined]
        no_axe_violations(page)
    no_wider_than(page, 360)


def press(page: Page, name: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=name, exact=True).first.click()


def h1(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def start(page: Page, server: str, slug: str) -> None:
    page.goto(f"{server}/s/{slug}")
    press(page, "Start now")


def test_answering_a_survey_asking_for_contact_and_coming_back(person: Page, live_server: str) -> None:
    page = person
    start(page, live_server, "ypag-priorities")
    page.get_by_label("14 to 15").check()
    press(page, "Continue")
    while "/p/" in page.url and not page.get_by_label("Phone number or email address").count():
        boxes = page.locator("textarea")
        if boxes.count():
            boxes.first.fill("More youth workers in the park at night")
        press(page, "Continue")
    # Item 2: details typed without the tick are not dropped: the page asks, keeping what was typed.
    page.get_by_label("Phone number or email address").fill("07700 900123")
    press(page, "Continue")
    assert "/p/" in page.url and page.locator(".error-summary").count() == 1
    assert "Tick the box" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Phone number or email address").input_value() == "07700 900123"
    checked(page)
    page.get_by_label("Yes, I would like someone to talk to me").check()
    press(page, "Continue")
    assert page.url.endswith("/check")
    assert "More youth workers in the park at night" in page.content()
    checked(page)
    press(page, "Send my answers")
    # Item 6: the thank-you page confirms the request and says when.
    assert h1(page) == "Thank you, your answers have been sent"
    assert re.search(r"will get in touch within \d+ working days?", page.content())
    receipt = page.locator(".receipt").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){2}", receipt)
    checked(page)
    # Item 8: Back after sending does not suggest the answers were lost.
    page.go_back(wait_until="load")
    text = page.content()
    assert "could not find" not in text.lower() or "sent and are safe" in text
    # Item 10: taking the answers back, then the same code again.
    for _ in (1, 2):
        page.goto(f"{live_server}/withdraw")
        page.get_by_label("Receipt code", exact=False).fill(receipt)
        press(page, "Take back my answers")
    summary = page.locator(".error-summary").inner_text()
    assert "already taken back" in summary and "cannot find" not in summary
    checked(page)


def test_changing_language_in_the_middle_of_a_page_keeps_what_was_typed(person: Page, live_server: str) -> None:
    page = person
    start(page, live_server, SENSITIVE)
    press(page, "Continue")
    box = page.get_by_label("Is there anything that would have helped while you were waiting?")
    box.fill("someone texting me while i waited")
    with page.expect_navigation(wait_until="load"):
        page.locator("nav.languages").get_by_text("Polski", exact=True).click()
    assert page.locator("html").get_attribute("lang") == "pl"
    assert page.locator("textarea").first.input_value() == "someone texting me while i waited"
    assert page.locator(".error-summary").count() == 0
    checked(page)
    with page.expect_navigation(wait_until="load"):
        page.locator("nav.languages").get_by_text("English", exact=True).click()
    assert page.locator("textarea").first.input_value() == "someone texting me while i waited"


def test_the_page_count_never_grows_and_deleting_my_answers_deletes_them(person: Page, live_server: str) -> None:
    page = person
    start(page, live_server, SENSITIVE)
    totals = []
    while "/p/" in page.url:
        shown = re.search(r"Page (\d+) of (\d+)", page.locator(".progress").inner_text())
        assert shown is not None
        totals.append(int(shown.group(2)))
        if page.get_by_role("group", name="Did you have to tell your story again to different people?").count():
            page.get_by_role("group", name="Did you have to tell your story again to different people?").get_by_label(
                "Yes"
            ).check()
        if len(totals) == 5:  # past the page that opens another ("Telling your story again")
            break
        press(page, "Continue")
    assert len(set(totals)) == 1, totals
    press(page, "Delete my answers and leave")
    assert "Your answers have been deleted. Nothing was sent." in page.content()
    checked(page)


def test_exit_this_page_leaves_at_once_and_says_how_to_clear_history(person: Page, live_server: str) -> None:
    page = person
    page.goto(f"{live_server}/s/{SENSITIVE}")
    advice = page.locator("[data-clear-history]")
    assert "private (incognito) window" in advice.inner_text()
    press(page, "Start now")
    survey_page = page.url
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("link", name="Exit this page").click()
    assert page.url.endswith(WEATHER_HERE)
    page.go_back(wait_until="load")
    if page.javascript:  # type: ignore[attr-defined]
        # location.replace: the page Exit was pressed on is not in the history any more.
        assert page.url != survey_page
    # With or without JavaScript, the unfinished answers are gone: nothing of them is shown again.
    page.goto(survey_page)
    assert "/p/" not in page.url and f"/s/{SENSITIVE}" in page.url


def test_words_in_the_other_box_are_kept_and_the_thank_you_page_says_how_to_get_help(
    person: Page, live_server: str
) -> None:
    """Two things a new user met (ninth session): "Braunstone" typed under "Somewhere else" without choosing it was
    dropped ("Not provided"); and after telling something hard with no contact asked for, nothing said that nobody
    could come because of the answers, or how to get help now."""
    page = person
    start(page, live_server, "ypag-priorities")
    page.get_by_label("If you chose “Somewhere else”, tell us more").fill("Braunstone")
    press(page, "Continue")
    while "/p/" in page.url:
        press(page, "Continue")  # every other question can be skipped
    assert page.url.endswith("/check")
    assert "Somewhere else: Braunstone" in page.locator("main").inner_text()
    checked(page)
    press(page, "Send my answers")
    text = page.locator("main").inner_text()
    assert "nobody can come and help you because of them" in text
    assert "call 999" in text and "0800 1111" in text
    checked(page)


def test_after_exit_back_shows_nothing_of_answers_sent(person: Page, live_server: str) -> None:
    """A new user (eleventh session) sent the domestic abuse survey, pressed "Exit this page" on the thank-you page,
    then the browser's Back: the thank-you page came back with the receipt code and "Someone will get in touch".
    Exit now forgets the receipt too, and the survey's pages are never kept by the browser (Cache-Control: no-store),
    so Back asks the service again and is shown nothing of what was sent; the same after starting the survey again
    and exiting from its first question."""
    page = person
    for again in (False, True):
        start(page, live_server, SENSITIVE)
        while "/p/" in page.url:
            press(page, "Continue")  # every question can be skipped
        press(page, "Send my answers")
        assert "Your receipt code" in page.locator("main").inner_text()
        receipt = page.locator(".receipt").inner_text()
        if again:
            start(page, live_server, SENSITIVE)  # a second time, left from its first question
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("link", name="Exit this page").click()
        assert page.url.endswith(WEATHER_HERE)
        for _ in range(3):  # back through the history, as far as the survey's pages go
            page.go_back(wait_until="load")
            shown = page.content()
            assert receipt not in shown and "Thank you, your answers have been sent" not in shown, page.url
            assert "Someone will get in touch" not in shown


def test_exit_this_page_stays_in_reach_while_the_page_scrolls(person: Page, live_server: str) -> None:
    """A new user at 320 px (eleventh session): on the domestic abuse survey, "Exit this page" was at the top of the
    page and went off screen as it scrolled; pressing Shift three times is no use on a phone. It stays at the top of
    the screen, as GOV.UK's does, and covers none of the page's words."""
    page = person
    page.set_viewport_size({"width": 320, "height": 568})
    start(page, live_server, SENSITIVE)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate("window.scrollY") > 100, "the page is long enough to scroll"
    box = page.get_by_role("link", name="Exit this page").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 568, box
    checked(page) if page.javascript else None  # type: ignore[attr-defined]


def test_the_receipt_code_is_on_one_line_at_320_pixels(person: Page, live_server: str) -> None:
    """A new user at 320 px: the receipt code broke across two lines ("YQQ7-BYBD-" / "GMUM"), easy to copy wrong."""
    page = person
    page.set_viewport_size({"width": 320, "height": 640})
    start(page, live_server, "ypag-priorities")
    while "/p/" in page.url:
        press(page, "Continue")
    press(page, "Send my answers")
    code = page.locator(".receipt")
    one_line = code.evaluate(
        "e => e.getClientRects().length === 1 && e.offsetHeight < 1.8 * parseFloat(getComputedStyle(e).fontSize)"
    )
    assert one_line, code.bounding_box()
    no_wider_than(page, 320)


def test_the_character_counter_counts_what_the_service_keeps(person: Page, live_server: str) -> None:
    """A new user: the counter and the service's error disagreed. The service keeps the words without spaces or empty
    lines at either end (and a line end as one character); the counter counted those too, so an answer the service
    took read as "too many", and Enter at the end counted. Typed in a real browser, then Continue pressed."""
    page = person
    if not page.javascript:  # type: ignore[attr-defined]
        pytest.skip("the counter is written by the page's script; without it the service's message is all there is")
    start(page, live_server, SENSITIVE)
    press(page, "Continue")
    box = page.get_by_label("Is there anything that would have helped while you were waiting?")
    limit = int(box.get_attribute("data-maxlength") or 0)
    counter = page.locator(f"#{box.get_attribute('id')}-count")
    box.fill("  " + "a" * (limit - 2) + "\nb\n\n  ")  # limit characters kept (a line end is one), spaces around
    assert counter.inner_text().strip() == "You have 0 characters left"
    press(page, "Continue")
    assert page.locator(".error-summary").count() == 0  # the service took it, as the counter said
    page.go_back(wait_until="load")
    box = page.get_by_label("Is there anything that would have helped while you were waiting?")
    box.fill("a" * limit + "b")
    assert counter.inner_text().strip() == "You have 1 character too many"
    press(page, "Continue")
    assert f"It has {limit + 1:,}" in page.locator(".error-summary").inner_text()
