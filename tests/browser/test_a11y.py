"""Accessibility in a real browser: Debian's Chromium, driven by Playwright, with axe-core's WCAG
2.0, 2.1 and 2.2 A and AA rules on every page of every example survey at 320 CSS pixels wide, in
English and in Urdu (right to left); a whole survey with JavaScript off and another with the keyboard
only; text at 200%; touch targets; easy read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.conftest import AXE_JS, no_axe_violations, no_wider_than
from tests.conftest import EXAMPLE_SLUGS, EXAMPLES, served, until
from voice.common.i18n import direction, translate, translate_plural
from voice.common.settings import Settings
from voice.intake.submissions import unread_count
from voice.store.accounts import add_user
from voice.store.db import opened
from voice.web.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture(params=["en", "ur"])
def lang(request: pytest.FixtureRequest) -> str:
    """The language the browser asks for (Accept-Language): English, and Urdu, written right to left."""
    return str(request.param)


@pytest.fixture
def context(browser: Browser, lang: str) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 320, "height": 640}, locale="en-GB" if lang == "en" else lang)
    ctx.add_init_script(path=AXE_JS)
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


def audit(page: Page) -> None:
    """No axe violations, and nothing wider than the 320px screen."""
    no_axe_violations(page)
    no_wider_than(page, 320)


def press_continue(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


@pytest.mark.parametrize("slug", EXAMPLE_SLUGS)
def test_every_page_of_every_survey_passes_axe_at_320px(
    context: BrowserContext, live_server: str, slug: str, lang: str
) -> None:
    page = context.new_page()
    page.goto(f"{live_server}/")
    assert page.locator("html").get_attribute("dir") == direction(lang)
    audit(page)
    page.goto(f"{live_server}/s/{slug}")
    audit(page)
    press_continue(page)
    checked_error = False
    while "/p/" in page.url:
        audit(page)
        if not checked_error and page.locator("textarea").count():
            box = page.locator("textarea").first
            box.fill("x" * 6000)
            press_continue(page)
            shown_in = page.locator("html").get_attribute("lang") or "en"  # the survey's language if not in lang's
            assert page.title().startswith(translate(shown_in, "Error:"))
            assert page.evaluate("document.activeElement.classList.contains('error-summary')"), "focus on the summary"
            audit(page)
            box = page.locator("textarea").first
            box.fill("")
            checked_error = True
        radios = page.locator("input[type=radio]")
        if radios.count():
            page.locator("label.choice-label").first.click()
        press_continue(page)
    assert checked_error
    assert page.url.endswith("/check")
    audit(page)
    with page.expect_navigation():
        page.locator("form[action$='/check'] button[type=submit]").click()
    assert page.url.endswith("/thanks")
    audit(page)
    page.goto(f"{live_server}/s/no-such-survey")
    audit(page)


def test_a_whole_survey_with_javascript_off(browser: Browser, live_server: str) -> None:
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    try:
        page = ctx.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server}/s/ypag-priorities")

        def press(name: str) -> None:
            with page.expect_navigation(wait_until="load"):
                page.get_by_role("button", name=name).click()

        press("Start now")
        page.get_by_label("14 to 15").check()
        press("Continue")
        page.get_by_label("What is the one thing you would change", exact=False).fill("Shorter waits for help")
        while "/p/" in page.url:
            press("Continue")
        assert "14 to 15" in page.content() and "Shorter waits for help" in page.content()
        press("Send my answers")
        assert page.get_by_role("heading", level=1).inner_text() == "Thank you, your answers have been sent"
    finally:
        ctx.close()


# What has the keyboard focus, and whether it shows: an outline, a shadow or a yellow background on the
# element, or, for the hidden native radio and tick boxes, the thick ring drawn round their label's box.
FOCUSED = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const drawn = e.classList.contains('choice-input') ? getComputedStyle(e.nextElementSibling, '::before') : s;
  const visible = (drawn.outlineStyle !== 'none' && parseFloat(drawn.outlineWidth) > 0 && drawn.outlineColor !== 'rgba(0, 0, 0, 0)')
    || drawn.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 221, 0)';
  return {tag: e.tagName, type: e.type, name: e.name, text: (e.innerText || '').trim(), visible,
          html: e.outerHTML.slice(0, 80)};
}"""


def test_a_whole_survey_with_the_keyboard_only(context: BrowserContext, live_server: str, lang: str) -> None:
    page = context.new_page()
    page.goto(f"{live_server}/s/ypag-priorities")
    buttons = {translate(lang, b) for b in ("Start now", "Continue", "Send my answers")}
    for _step in range(20):
        chosen: set[str] = set()
        for _tab in range(80):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            assert focused["visible"], f"no visible focus on {focused['html']} at {page.url}"
            if focused["type"] == "radio" and focused["name"] not in chosen:
                page.keyboard.press("Space")
                chosen.add(focused["name"])
            if focused["tag"] == "BUTTON" and focused["text"] in buttons:
                break
        else:
            pytest.fail(f"Tab never reached a button on {page.url}")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        if page.url.endswith("/thanks"):
            break
    assert page.get_by_role("heading", level=1).inner_text() == translate(
        lang, "Thank you, your answers have been sent"
    )


def all_read(db_path: str, within: float = 60.0) -> None:
    """Wait until the service has read every answer it accepted (voice.web.reading)."""

    def none_unread() -> bool:
        with opened(db_path) as db:
            return not unread_count(db)

    assert until(none_unread, seconds=within), f"answers still unread after {within:.0f} s"


@contextmanager
def staff_server(tmp_path: Path, email: str, role: str, answers: dict[str, object]) -> Iterator[str]:
    """A live server with one staff account and one submitted answer; yields its address."""
    settings = Settings(db_path=str(tmp_path / "v.db"), surveys_dir=str(EXAMPLES), secret="staff")
    with served(create_app(settings)) as url:
        with opened(settings.db_path) as db:
            add_user(db, email, role, "a long staff password")
        httpx.post(f"{url}/api/surveys/ypag-priorities/responses", json={"answers": answers}).raise_for_status()
        all_read(settings.db_path)  # the pages below show its flag and contact request
        yield url


def signed_in(context: BrowserContext, url: str, email: str, lang: str) -> Page:
    """A page signed in as `email` (password: a long staff password) through the sign-in form."""
    page = context.new_page()
    page.goto(f"{url}/staff/sign-in")
    page.get_by_label(translate(lang, "Email address")).fill(email)
    page.get_by_label(translate(lang, "Password")).fill("a long staff password")
    with page.expect_navigation():
        page.get_by_role("button", name=translate(lang, "Sign in")).click()
    return page


def test_staff_pages_pass_axe_at_320px(context: BrowserContext, tmp_path: Path, lang: str) -> None:
    answers = {"most_important": "my dad hits me", "talk_to_someone": True, "talk_to_someone.contact": "07700 900123"}
    with staff_server(tmp_path, "lead@example.org", "safeguarding_lead", answers) as url:
        first = context.new_page()
        first.goto(f"{url}/staff")  # redirected to sign in
        audit(first)
        page = signed_in(context, url, "lead@example.org", lang)
        audit(page)
        # On a phone, a table says it scrolls sideways (a new user missed columns).
        page.goto(f"{url}/staff/safeguarding")
        hint = page.locator(".table-scroll-hint").first
        assert hint.is_visible() and hint.inner_text() == translate(lang, "Scroll sideways to see every column.")
        for path in (
            "/staff/safeguarding",
            "/staff/safeguarding?status=closed",
            "/staff/audit",
            "/staff/audit?since=2021-13-45",
            "/staff/contacts",
            "/staff/contacts?status=closed",
            "/staff/withdraw",
            "/staff/emails",
            "/staff/help",
        ):
            page.goto(url + path)
            audit(page)
        page.goto(f"{url}/staff/contacts")
        with page.expect_navigation():
            page.locator("tbody a").first.click()
        audit(page)
        with page.expect_navigation():
            page.get_by_role("button", name=translate(lang, "Close this request")).click()
        assert page.title().startswith(translate(lang, "Error:"))
        audit(page)
        page.goto(f"{url}/staff/safeguarding")
        with page.expect_navigation():
            page.locator("tbody a").first.click()
        audit(page)
        with page.expect_navigation():
            page.get_by_role("button", name=translate(lang, "Close this flag")).click()
        assert page.title().startswith(translate(lang, "Error:"))
        audit(page)


def test_admin_account_pages_pass_axe_at_320px(context: BrowserContext, tmp_path: Path, lang: str) -> None:
    with staff_server(tmp_path, "admin@example.org", "admin", {"most_important": "More clubs"}) as url:
        page = signed_in(context, url, "admin@example.org", lang)
        page.goto(f"{url}/staff/accounts")
        audit(page)
        page.get_by_role("textbox", name=translate(lang, "Email address")).fill("new@example.org")
        with page.expect_navigation():
            page.get_by_role("button", name=translate(lang, "Make an invitation link")).click()
        audit(page)  # the list with the one-time link shown
        link = page.locator(".link-text code").inner_text()  # a path: VOICE_PUBLIC_URL is not set
        with page.expect_navigation():
            page.get_by_role("link", name="new@example.org").click()
        audit(page)
        with page.expect_navigation():
            page.get_by_role("button", name=translate(lang, "Make a password reset link")).click()
        audit(page)
        page.goto(f"{url}{link}")
        audit(page)  # choosing a password
        page.goto(f"{url}/staff/set-password/not-a-real-link")
        audit(page)


def test_taking_answers_back_works_without_javascript_and_passes_axe(
    browser: Browser, context: BrowserContext, live_server: str, lang: str
) -> None:
    def receipt() -> str:
        sent = httpx.post(
            f"{live_server}/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": "More clubs"}}
        )
        sent.raise_for_status()
        return str(sent.json()["receipt"])

    plain = browser.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 640}, locale="en-GB" if lang == "en" else lang
    )
    page = plain.new_page()
    page.goto(f"{live_server}/withdraw")
    with page.expect_navigation():
        page.get_by_role("button", name=translate(lang, "Take back my answers")).click()
    assert page.title().startswith(translate(lang, "Error:"))
    page.get_by_label(translate(lang, "Your receipt code")).fill(receipt())
    with page.expect_navigation():
        page.get_by_role("button", name=translate(lang, "Take back my answers")).click()
    assert page.url.endswith("/withdraw/done")
    assert page.get_by_role("heading", level=1).inner_text() == translate(lang, "Your answers have been taken back")
    plain.close()

    page = context.new_page()
    page.goto(f"{live_server}/withdraw")
    audit(page)
    page.get_by_label(translate(lang, "Your receipt code")).fill("ZZZZ-ZZZZ-ZZZZ")
    with page.expect_navigation():
        page.get_by_role("button", name=translate(lang, "Take back my answers")).click()
    assert page.title().startswith(translate(lang, "Error:"))
    audit(page)
    page.get_by_label(translate(lang, "Your receipt code")).fill(receipt())
    with page.expect_navigation():
        page.get_by_role("button", name=translate(lang, "Take back my answers")).click()
    audit(page)


def test_facilitator_pages_pass_axe_at_320px(context: BrowserContext, tmp_path: Path, lang: str) -> None:
    answers = {"most_important": "The youth worker really helped", "quote_ok": "yes"}
    with staff_server(tmp_path, "sam@example.org", "facilitator", answers) as url:
        page = signed_in(context, url, "sam@example.org", lang)
        for path in (
            "/staff/responses",
            "/staff/responses?q=youth&topic=being_listened_to",
            "/staff/quotes",
            "/staff/entry",
            "/staff/entry/domestic-abuse-support",
            "/staff/asked",
            "/staff/help",
        ):
            page.goto(url + path)
            audit(page)
        page.goto(f"{url}/staff/responses")
        with page.expect_navigation():
            page.get_by_role("link", name=translate(lang, "Open this answer")).first.click()
        audit(page)
        with page.expect_navigation():
            page.get_by_role("button", name=translate(lang, "Propose this quote")).click()
        audit(page)  # the quotes page with the new quote and its buttons


def test_importing_a_file_works_without_javascript_and_passes_axe(
    browser: Browser, context: BrowserContext, tmp_path: Path, lang: str
) -> None:
    """#27 item 5: upload, preview (with a refused row), store; with JavaScript off, and through axe with
    the form's errors too."""
    header = '"How old are you?",Where do you live?,Which of these should the partnership work hardest on?,Timestamp\n'
    files = []
    for n, day in enumerate(("2021-03-01", "2021-04-01")):
        csv_file = tmp_path / f"forms{n}.csv"
        csv_file.write_text(
            header + f"14 to 15,Rutland,Bullying,{day}\n"
            f"99,Mars,Bullying; Staying safe online; Waiting less for help; Flying,{day} 10:00\n",
            encoding="utf-8",
        )
        files.append(csv_file)

    def upload(page: Page, csv_file: Path | None) -> None:
        page.goto(f"{url}/staff/import")
        if csv_file:
            page.get_by_label(translate(lang, "Upload a file")).set_input_files(str(csv_file))
            page.get_by_label(translate(lang, "Which survey are these answers to?")).select_option("ypag-priorities")
        with page.expect_navigation():
            page.get_by_role("button", name=translate(lang, "Upload and check")).click()

    def store(page: Page) -> None:
        assert ".csv:3" in page.locator("table.refused").inner_text()
        with page.expect_navigation():
            page.get_by_role("button", name=translate(lang, "Store this answer")).click()
        assert page.get_by_role("heading", level=1).inner_text() == translate_plural(
            lang, "%(num)s answer stored", "%(num)s answers stored", 1
        )

    with staff_server(tmp_path, "sam@example.org", "facilitator", {"most_important": "More clubs"}) as url:
        plain = browser.new_context(
            java_script_enabled=False, viewport={"width": 320, "height": 640}, locale="en-GB" if lang == "en" else lang
        )
        page = signed_in(plain, url, "sam@example.org", lang)
        upload(page, files[0])
        assert page.locator("table.refused").inner_text().count("forms0.csv:3") == 1
        store(page)
        plain.close()

        page = signed_in(context, url, "sam@example.org", lang)
        page.goto(f"{url}/staff")
        nav = page.get_by_role("navigation", name=translate(lang, "Staff"))
        nav.get_by_role("button", name=translate(lang, "Menu")).click()  # on a phone the menu is folded
        with page.expect_navigation():
            page.get_by_role("navigation", name=translate(lang, "Staff")).get_by_role(
                "link", name=translate(lang, "Import answers")
            ).click()
        audit(page)  # the upload form
        upload(page, None)
        assert page.title().startswith(translate(lang, "Error:"))
        audit(page)  # the form with its error
        upload(page, files[1])
        audit(page)  # the preview: columns, the refused row, the buttons
        store(page)
        audit(page)  # what was stored


def test_you_said_we_did_and_its_staff_pages_pass_axe_at_320px(
    context: BrowserContext, tmp_path: Path, lang: str
) -> None:
    """The demo's years (priorities, actions, quotes, charts, tables with hidden numbers, one year beside
    the other, the partnership's words in the page's language or marked English), public and staff."""
    from voice.demo import seed
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate

    settings = Settings(db_path=str(tmp_path / "d.db"), surveys_dir=str(EXAMPLES), secret="ysd")
    migrate(settings.db_path)
    seed(Catalogue(settings.db_path, EXAMPLES))
    with opened(settings.db_path) as db:
        add_user(db, "sam@example.org", "facilitator", "a long staff password")
    with served(create_app(settings)) as url:
        page = context.new_page()
        for path in (
            "/",
            "/you-said-we-did",
            "/you-said-we-did/2021-22",
            "/you-said-we-did/2022-23",
            "/you-said-we-did/2022-23/emotional-health-wellbeing",
        ):
            page.goto(url + path)
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            audit(page)
        assert page.locator(".bar-row").count() > 5 and page.locator(".icon-array svg[role=img]").count() > 0
        page = signed_in(context, url, "sam@example.org", lang)
        for path in (
            "/staff/priorities?year=2021-22",
            "/staff/actions?year=2021-22",
            "/staff/actions/new?year=2021-22",
            "/staff/priorities?year=2022-23",
            "/staff/actions?year=2022-23",
            "/staff/reports?year=2022-23",
            "/staff/reports?year=2021-22",
            "/staff/reports?year=2021-22&survey=domestic-abuse-support",
        ):
            page.goto(url + path)
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            audit(page)
        page.goto(f"{url}/staff/actions/new?year=2021-22")
        with page.expect_navigation():
            page.get_by_role("button", name=translate(lang, "Save action")).click()
        assert page.title().startswith(translate(lang, "Error:"))
        audit(page)
    # The exported web page is a file of its own (styles inside): it must pass too.
    from click.testing import CliRunner

    from voice.cli import main

    out = tmp_path / "exports"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "you-said-we-did",
            "--year",
            "2022/23",
            "--format",
            "html",
            "--out",
            str(out),
            "--db",
            settings.db_path,
            "--locale",
            lang,
        ],
    )
    assert result.exit_code == 0, result.output
    page = context.new_page()
    page.goto((out / "you-said-we-did-2022-23.html").as_uri())
    assert page.locator("table.compared").count() > 0
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    audit(page)
    # At 320px every column of the topics and year-on-year tables is on the screen (rows become cards), and within a chart
    # every bar's track is as long as the others, so bars can be compared.
    cells = boxes(page, ".table-stack tbody td, .table-stack tbody th")
    assert cells and all(c["x"] >= 0 and c["x"] + c["width"] <= 320 for c in cells)
    for chart in range(len(boxes(page, ".chart"))):
        tracks = boxes(page, f".chart:nth-of-type({chart + 1}) .bar-svg")
        assert len({round(t["width"]) for t in tracks}) <= 1, tracks


def boxes(page: Page, selector: str) -> list[dict[str, float]]:
    return page.evaluate(
        "s => [...document.querySelectorAll(s)].map(e => { const r = e.getBoundingClientRect(); "
        "return {x: r.x, y: r.y, width: r.width, height: r.height}; })",
        selector,
    )


def test_urdu_pages_mirror_right_to_left(browser: Browser, live_server: str) -> None:
    """In Urdu the page reads from the right: radio buttons sit to the right of their words, the back
    link and the site name start at the right, and the back arrow points right (backwards)."""
    ctx = browser.new_context(viewport={"width": 320, "height": 640}, locale="ur")
    try:
        page = ctx.new_page()
        page.goto(f"{live_server}/s/ypag-priorities")
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("h1").inner_text() == "ہمیں اگلے سال کس چیز پر توجہ دینی چاہیے؟"
        name = boxes(page, ".header-name")[0]
        assert name["x"] + name["width"] > 320 - 40, "the site name starts at the right"
        press_continue(page)
        radio = boxes(page, ".choice-input")[0]
        label = boxes(page, ".choice-label")[0]
        assert radio["x"] > label["x"] + label["width"] - 5, f"radio {radio} should be right of its words {label}"
        back = boxes(page, ".back-link")[0]
        assert back["x"] + back["width"] > 320 - 40, "the back link starts at the right"
        arrow = page.evaluate("getComputedStyle(document.querySelector('.back-link'), '::before').transform")
        assert arrow != "none" and float(arrow.split("(")[1].split(",")[1]) > 0, f"arrow points right: {arrow}"
    finally:
        ctx.close()


@pytest.mark.parametrize("locale", ["en-GB", "ur"])
def test_text_at_200_percent_still_fits_320px(browser: Browser, live_server: str, locale: str) -> None:
    """WCAG 1.4.4 and 1.4.10: the reader's text size doubled, on a 320px screen: nothing scrolls sideways
    and nothing is cut off."""
    ctx = browser.new_context(viewport={"width": 320, "height": 640}, locale=locale)
    try:
        page = ctx.new_page()
        page.goto(f"{live_server}/s/domestic-abuse-support")
        press_continue(page)
        for _ in range(3):
            page.evaluate("document.documentElement.style.fontSize = '200%'")
            size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert size >= 37, f"text did not grow ({size}px)"
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{page.url} scrolls sideways with text at 200% ({width}px)"
            clipped = page.evaluate(
                "[...document.querySelectorAll('main *')].filter(e => { const s = getComputedStyle(e); "
                "return ['hidden', 'clip'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1 "
                "&& !e.classList.contains('visually-hidden'); }).map(e => e.outerHTML.slice(0, 80))"
            )
            assert not clipped, f"cut off at 200%: {clipped}"
            press_continue(page)
    finally:
        ctx.close()


TARGETS = (
    "button, input:not([type=hidden]), select, textarea, summary, "
    "a:not(p a):not(li p a):not(td a):not(.skip-link):not(.footer a)"
)


def small_targets(page: Page) -> list[str]:
    """Controls under 24 by 24 CSS pixels (WCAG 2.5.8). Links inside sentences are exempt, as the
    criterion allows; the skip link only shows when focused."""
    shown = page.evaluate("s => [...document.querySelectorAll(s)].filter(e => e.offsetParent !== null).length", TARGETS)
    assert shown >= 3, f"only {shown} controls found on {page.url}: is the selector right?"
    return page.evaluate(
        "s => [...document.querySelectorAll(s)].filter(e => e.offsetParent !== null).filter(e => {"
        " const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; })"
        ".map(e => e.outerHTML.slice(0, 100))",
        TARGETS,
    )


def test_touch_targets_are_at_least_24px(context: BrowserContext, live_server: str) -> None:
    page = context.new_page()
    page.goto(f"{live_server}/")
    assert not small_targets(page)
    page.goto(f"{live_server}/s/ypag-priorities")
    assert not small_targets(page), page.url
    press_continue(page)
    while "/p/" in page.url:
        assert not small_targets(page), page.url
        press_continue(page)
    assert not small_targets(page), page.url  # check answers: its "Change" links


def test_easy_read_pages_pass_axe_with_their_pictures(context: BrowserContext, live_server: str) -> None:
    page = context.new_page()
    page.goto(f"{live_server}/easy-read/on?next=/s/ypag-priorities")
    audit(page)
    press_continue(page)
    while "/p/" in page.url:
        audit(page)
        pictures = page.locator("label.choice-label img")
        for i in range(pictures.count()):
            assert pictures.nth(i).evaluate("img => img.complete && img.naturalWidth > 0"), "the picture loads"
        press_continue(page)
    assert page.url.endswith("/check")
    audit(page)


PAYLOAD = (
    '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2">'
    '<svg onload="window.pwned = 3"></svg></textarea>"\' '
)
INJECTED = (
    "() => ({pwned: window.pwned === undefined ? null : window.pwned, "
    "elements: document.querySelectorAll('img[src=\"x\"], svg[onload], [onerror]').length, "
    "scripts: [...document.scripts].filter(s => !s.src).length, text: document.body.innerText})"
)


def assert_inert(page: Page, dialogs: list[str]) -> None:
    """The words are on the page as words: nothing they hold became an element or ran."""
    found = page.evaluate(INJECTED)
    assert found["pwned"] is None and not dialogs, f"script ran on {page.url}"
    assert found["elements"] == 0 and found["scripts"] == 0, f"markup from an answer became HTML on {page.url}"
    assert "<script>window.pwned = 1</script>" in found["text"], f"the answer is not shown as written on {page.url}"


def test_html_and_script_in_answers_are_shown_as_words_on_every_page(browser: Browser, tmp_path: Path) -> None:
    """Free text is shown inert wherever it appears: the young person's check page, the facilitators'
    answers, search, answer and quotes pages, and the safeguarding lead's queue, flag and audit pages."""
    settings = Settings(db_path=str(tmp_path / "v.db"), surveys_dir=str(EXAMPLES), secret="xss", read_every_seconds=12)
    ctx = browser.new_context(viewport={"width": 320, "height": 640}, locale="en-GB")
    dialogs: list[str] = []
    ctx.on("page", lambda p: p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
    try:
        with served(create_app(settings)) as url:
            with opened(settings.db_path) as db:
                add_user(db, "sam@example.org", "facilitator", "a long staff password")
                add_user(db, "lead@example.org", "safeguarding_lead", "a long staff password")
            httpx.post(
                f"{url}/api/surveys/ypag-priorities/responses",
                json={"answers": {"most_important": PAYLOAD + "I want to kill myself", "quote_ok": "no"}},
            ).raise_for_status()
            httpx.post(
                f"{url}/api/surveys/ypag-priorities/responses",
                json={"answers": {"most_important": PAYLOAD + "more youth clubs", "quote_ok": "yes"}},
            ).raise_for_status()
            # The API's 201 does not wait for the reading, and nobody sees an answer before it is read: wait
            # for the service's own reader (a busy machine once took longer than the journey below).
            all_read(settings.db_path)

            page = ctx.new_page()
            page.goto(f"{url}/s/ypag-priorities")
            press_continue(page)
            while "/p/" in page.url:
                if page.locator("textarea").count():
                    page.locator("textarea").first.fill(PAYLOAD)
                press_continue(page)
            assert_inert(page, dialogs)  # "Check your answers"

            page = signed_in(ctx, url, "sam@example.org", "en")
            for path in ("/staff/responses", "/staff/responses?q=script+pwned", "/staff/responses?q=%22%3Cscript"):
                page.goto(url + path)
                assert_inert(page, dialogs)
            page.goto(f"{url}/staff/responses?q=youth+clubs")
            with page.expect_navigation():
                page.get_by_role("link", name="Open this answer").first.click()
            assert_inert(page, dialogs)
            with page.expect_navigation():
                page.get_by_role("button", name="Propose this quote").click()
            assert_inert(page, dialogs)  # the quotes page

            page = signed_in(ctx, url, "lead@example.org", "en")
            page.goto(f"{url}/staff/safeguarding")
            with page.expect_navigation():
                page.locator("tbody a").first.click()
            assert_inert(page, dialogs)  # the flag, with the words as typed
    finally:
        ctx.close()
