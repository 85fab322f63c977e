"""Every staff form, filled in and sent as a person does (#27's must-show for the staff pages): Debian's
Chromium driven by Playwright, one browser and one served app for the module, on a fresh database with
the demo's data (two years of answers, flags, requests for contact, priorities, actions, quotes and
published reports) and a few answers of our own; each person signs in through the sign-in form once.
Each journey asserts what the person then sees (the page's words, the address after the redirect, a
download's file name and type), and axe's WCAG A and AA rules pass on the pages it leads to that
test_a11y does not already check (at a desktop width: staff pages are not for phones first).

Seen failing first: the fixes were committed before these journeys were written, so each journey was
run against the code as it was before its fix (a git worktree of that commit, this file run with
PYTHONPATH at the worktree's src). What failed there, and how:

- at bd827ed, the parent of 1752d5c (items 1 and 3; 5174394 already had their fix):
  test_answers_filter_with_only_words_typed: "Show answers" with only "listen" typed gave the 400 page
  "We could not read what was sent" (the form sends version= empty);
  test_downloads_under_a_filter_are_the_type_asked_for: "Excel" under ?q=youth+workers+park downloaded
  answers-all-surveys.csv.
- at 49a22e0, the parent of 5cf97f1 (item 15, in part): test_a_viewer_is_told_they_do_not_have_permission:
  /staff/actions/new said "This page has expired".
- at 5174394, before this session's #27 work:
  item 12: test_the_lead_closes_every_flag_on_an_answer_with_one_note: the queue had a row per flag, none
  "3 flags on one answer"; test_a_request_for_contact_links_to_its_flags_and_says_its_language: the
  requests' rows began with their due days, two of them the same ("Request N" came later);
  item 13: test_the_queue_and_a_flag_call_things_by_their_words: the queue said "ypag-priorities", not
  the survey's title and the question;
  item 14: test_a_topic_taken_off_is_not_listed_as_checked: after saving, the answer listed the topics
  taken off ("Staying safe online, because of the words: “online”, “snapchat”") and not the one chosen;
  test_an_action_made_with_the_form_is_listed_once_in_who_was_asked failed sooner, on item 13 (the action
  form offered the consultations by slug), so it was also run at edbbf9b, the parent of a74d21e: there
  "Shorter waits for CAMHS" was listed twice in what was done before asking Leicestershire again;
  item 15: test_an_admin_invites_changes_a_role_and_disables_an_account: reloading the page after "Make an
  invitation link" sent the POST again; test_a_viewers_home_offers_only_what_a_viewer_can_do: a viewer was
  offered "Quotes waiting for a decision" and "Record what the partnership did" (also at 49a22e0);
  item 10 (its staff side): test_paper_answers_entered_then_taken_back_for_the_young_person: a receipt code
  used twice was told "No answers have this receipt code" instead of "already taken back";
  item 5: test_importing_a_file_on_the_staff_pages: no "Import answers" in the staff navigation.
The other journeys (sign-in, quotes, priorities, publishing, the audit log's filter) passed there: no
item was about them.

Found by these journeys and fixed: the lead's queue failed axe's target-size rule (WCAG 2.5.8) once an
answer's flags were listed together in one cell (links under 24px high, one on the next): they are 24px now.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, Request

from tests.browser.conftest import AXE_JS
from tests.browser.conftest import no_axe_violations as audit
from tests.conftest import EXAMPLE_SLUGS, EXAMPLES, example, served
from voice.common.settings import Settings
from voice.store.accounts import add_user
from voice.store.db import opened
from voice.web.app import create_app

pytestmark = pytest.mark.browser

PASSWORD = "a long staff password"
STAFF = {
    "facilitator": "sam@example.org",
    "lead": "lead@example.org",
    "admin": "admin@example.org",
    "viewer": "vic@example.org",
}
DESKTOP = {"width": 1280, "height": 900}
YPAG = example("ypag-priorities")
WELLBEING = example("emotional-health-wellbeing")
MOST_IMPORTANT = YPAG.question("most_important").label


@dataclass(frozen=True)
class Site:
    url: str
    receipts: dict[str, str]


# Answers of our own beside the demo's, stored and read as the web form's are.
OUR_ANSWERS = {
    # Two flags on one answer, with a request for contact made on the form in Polish.
    "contact": (
        "ypag-priorities",
        {
            "most_important": "my dad hits me and i want to kill myself",
            "talk_to_someone": "yes",
            "talk_to_someone.name": "Ola",
            "talk_to_someone.contact": "07700 900555",
        },
        "pl",
    ),
    # Three flags on one answer.
    "flags": (
        "ypag-priorities",
        {"most_important": "my stepdad hits me every night and I have been cutting myself, I want to die"},
        "en",
    ),
    "themes": (
        "ypag-priorities",
        {"most_important": "Being bullied online on snapchat every night", "quote_ok": "no"},
        "en",
    ),
    "quote": (
        "ypag-priorities",
        {"most_important": "The youth workers in the park really listened to us", "quote_ok": "yes"},
        "en",
    ),
    "take back": ("domestic-abuse-support", {"most_helpful": "Having someone to text when it got bad"}, "en"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from voice.demo import seed
    from voice.intake.submissions import RecordOptions, record
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate

    root = tmp_path_factory.mktemp("journeys")
    shutil.copytree(EXAMPLES, root / "surveys")
    settings = Settings(db_path=str(root / "voice.db"), surveys_dir=str(root / "surveys"), secret="journeys")
    migrate(settings.db_path)
    catalogue = Catalogue(settings.db_path, root / "surveys")
    seed(catalogue)
    receipts = {}
    with opened(settings.db_path) as db:
        for role, email in STAFF.items():
            add_user(db, email, "safeguarding_lead" if role == "lead" else role, PASSWORD)
        for name, (slug, answers, locale) in OUR_ANSWERS.items():
            receipts[name] = record(db, catalogue.current(slug), answers, "web", RecordOptions(locale=locale)).receipt
        # One area's young people answered both surveys open now, this week: asking them again warns.
        for n in range(5):
            record(
                db,
                catalogue.current("emotional-health-wellbeing"),
                {"area": "leicestershire", "what_helps": f"Not waiting months for CAMHS, it took ages {n}"},
                "web",
            )
            record(
                db,
                catalogue.current("ypag-priorities"),
                {"area": "leicestershire", "most_important": f"The waiting list for CAMHS is far too long {n}"},
                "web",
            )
    with served(create_app(settings)) as url:
        yield Site(url, receipts)


def new_page(browser: Browser) -> Page:
    """A page in a browser of its own (cookies apart), with axe-core ready on every page it opens."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    context.add_init_script(path=AXE_JS)
    context.set_default_timeout(10_000)
    return context.new_page()


def sign_in(page: Page, url: str, email: str, password: str = PASSWORD) -> None:
    """Through the sign-in form, as a person does."""
    page.goto(f"{url}/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    press(page, "Sign in")


@pytest.fixture(scope="module")
def signed_in(browser: Browser, site: Site) -> Iterator[Callable[[str], Page]]:
    """The staff home page, signed in as "facilitator", "lead", "admin" or "viewer" (one sign-in each for
    the module)."""
    pages: dict[str, Page] = {}

    def page_for(role: str) -> Page:
        if role not in pages:
            pages[role] = new_page(browser)
            sign_in(pages[role], site.url, STAFF[role])
        else:
            go(pages[role], f"{site.url}/staff")
        assert pages[role].url == f"{site.url}/staff", f"{role} is not signed in: {main_text(pages[role])}"
        return pages[role]

    yield page_for
    for page in pages.values():
        page.context.close()


def press(page: Page, button: str, within: str = "main") -> int:
    """Press a button and wait for the page it leads to; returns that page's HTTP status."""
    with page.expect_navigation() as navigation:
        page.locator(within).get_by_role("button", name=button, exact=True).click()
    response = navigation.value
    return response.status if response else 0


def follow(page: Page, link: str, within: str = "main") -> int:
    """Follow a link by its words; returns the status of the page it opens."""
    with page.expect_navigation() as navigation:
        page.locator(within).get_by_role("link", name=link, exact=True).first.click()
    response = navigation.value
    return response.status if response else 0


def go(page: Page, url: str) -> int:
    response = page.goto(url)
    return response.status if response else 0


def main_text(page: Page) -> str:
    return page.locator("main").inner_text()


def heading(page: Page) -> str:
    return page.locator("h1").inner_text()


def message(page: Page) -> str:
    """The success message a staff page shows after a change (empty if none)."""
    shown = page.locator("main > .notice[role=status]:not(.notice-urgent)")  # not the warnings above it
    return shown.inner_text() if shown.count() else ""


def errors(page: Page) -> list[str]:
    """What the error summary lists (and the page title says Error:)."""
    listed = page.locator(".error-summary-list li").all_inner_texts()
    assert not listed or page.title().startswith("Error:"), page.title()
    return listed


def no_post_on_reload(page: Page) -> None:
    """Reloading the page a form led to sends nothing again (post/redirect/get)."""
    sent: list[str] = []

    def note(request: Request) -> None:
        if request.method != "GET":
            sent.append(f"{request.method} {request.url}")

    page.on("request", note)
    try:
        page.reload()
    finally:
        page.remove_listener("request", note)
    assert not sent, f"reloading {page.url} sent {sent}"


# --- sign in, sign out ------------------------------------------------------------------------------
def test_signing_in_with_a_wrong_password_says_so_then_in_and_out(browser: Browser, site: Site) -> None:
    page = new_page(browser)
    try:
        go(page, f"{site.url}/staff")
        assert page.url == f"{site.url}/staff/sign-in"
        sign_in(page, site.url, STAFF["facilitator"], "not the password")
        assert errors(page) == ["The email address or password is not right."]
        assert page.get_by_label("Email address").input_value() == STAFF["facilitator"]  # kept as typed
        audit(page)
        page.get_by_label("Password").fill(PASSWORD)
        press(page, "Sign in")
        assert page.url == f"{site.url}/staff" and heading(page) == "Staff home"
        assert f"Signed in as {STAFF['facilitator']}" in page.locator("nav.staff-nav").inner_text()
        press(page, "Sign out", within="nav.staff-nav")
        assert page.url.startswith(f"{site.url}/staff/sign-in") and heading(page) == "Sign in"
        assert "You have signed out." in page.locator("main").inner_text()
        go(page, f"{site.url}/staff/responses")
        assert page.url.startswith(f"{site.url}/staff/sign-in"), "signed out: the staff pages ask again"
    finally:
        page.context.close()


# --- answers: the filter and its downloads (#27 items 1 and 3) ---------------------------------------
def test_answers_filter_with_only_words_typed(signed_in: Callable[[str], Page], site: Site) -> None:
    """Item 1: "Show answers" with only words typed (every other field left empty, as the form sends it)."""
    page = signed_in("facilitator")
    follow(page, "Answers", within="nav.staff-nav")
    page.get_by_label("Words in the answer").fill("listen")
    assert press(page, "Show answers") == 200, main_text(page)
    assert "q=listen" in page.url and "version=&" in page.url, "every field is sent, the empty ones too"
    matched = page.get_by_role("status").inner_text()
    assert re.fullmatch(r"\d+ answers match\.", matched) and int(matched.split()[0]) > 1, matched
    texts = page.locator(".answer-card .answer-text").all_inner_texts()
    assert texts and all("listen" in t.lower() for t in texts), texts
    assert page.get_by_label("Words in the answer").input_value() == "listen"

    # The same words within one version of one survey.
    versions = page.get_by_label("Version of the survey")
    chosen = next(o for o in versions.locator("option").all_inner_texts() if o.startswith(YPAG.title))
    versions.select_option(label=chosen)
    assert press(page, "Show answers") == 200, main_text(page)
    cards = page.locator(".answer-card .hint").all_inner_texts()
    assert cards and all(c.startswith(YPAG.title) for c in cards), cards
    assert int(page.get_by_role("status").inner_text().split()[0]) <= int(matched.split()[0])
    assert versions.evaluate("s => s.selectedOptions[0].text") == chosen

    # A date that is not one is said beside its field; nothing else is refused.
    page.get_by_label("Sent on or after").fill("31/2/2022")
    assert press(page, "Show answers") == 400
    assert errors(page) == ["Enter a real date, for example 27/3/2021"]
    audit(page)


def test_answers_filter_by_the_safeguarding_queue(signed_in: Callable[[str], Page], site: Site) -> None:
    """The filter names the lead's queue as the lead's pages do (a new user read "Flagged" as a flag the queue did
    not count as one): "In the queue" shows only answers marked so, "Not in the queue" none of them."""
    page = signed_in("facilitator")
    follow(page, "Answers", within="nav.staff-nav")
    page.get_by_label("Safeguarding queue").select_option(label="In the queue")
    assert press(page, "Show answers") == 200, main_text(page)
    cards = page.locator(".answer-card .hint").all_inner_texts()
    assert cards and all("In the safeguarding queue" in c for c in cards), cards
    page.get_by_label("Safeguarding queue").select_option(label="Not in the queue")
    assert press(page, "Show answers") == 200, main_text(page)
    cards = page.locator(".answer-card .hint").all_inner_texts()
    assert cards and not any("In the safeguarding queue" in c for c in cards), cards
    audit(page)
    # An answer opened from the filtered list, then "Back to answers": the list as it was filtered (a new user
    # found every filter gone each time).
    matched = page.get_by_role("status").inner_text()
    with page.expect_navigation():
        page.locator(".answer-card a").first.click()
    assert "/staff/answers/" in page.url
    assert follow(page, "Back to answers", within="body") == 200
    assert "flagged=no" in page.url and page.get_by_role("status").inner_text() == matched
    assert page.get_by_label("Safeguarding queue").evaluate("s => s.selectedOptions[0].text") == "Not in the queue"


def test_downloads_under_a_filter_are_the_type_asked_for(signed_in: Callable[[str], Page], site: Site) -> None:
    """Item 3: with a filter on, "Excel" gives an Excel file and "CSV" a CSV, of the filtered answers. The
    filtered list is opened by its address, as the issue did (the form itself is item 1's journey)."""
    page = signed_in("facilitator")
    go(page, f"{site.url}/staff/responses?q=youth+workers+park")
    assert page.get_by_role("status").inner_text() == "1 answer matches."
    with page.expect_download() as got:
        page.get_by_role("link", name="Excel", exact=True).click()
    excel = got.value
    assert excel.suggested_filename == "answers-all-surveys.xlsx"
    assert Path(excel.path()).read_bytes()[:2] == b"PK", "an Excel workbook (a zip), not a CSV"
    with page.expect_download() as got:
        page.get_by_role("link", name="CSV", exact=True).click()
    table = list(csv.reader(io.StringIO(Path(got.value.path()).read_text(encoding="utf-8-sig"))))
    assert got.value.suggested_filename == "answers-all-surveys.csv"
    assert table[0][:3] == ["Answer number", "Survey", "Question"] and len(table) == 2
    assert table[1][1:3] == [YPAG.title, MOST_IMPORTANT] and "youth workers" in table[1][5]


# --- the safeguarding lead (#27 items 12 and 13) ------------------------------------------------------
def queue_row(page: Page, words: str) -> Locator:
    return page.locator("table tbody tr").filter(has_text=words)


def test_the_queue_and_a_flag_call_things_by_their_words(signed_in: Callable[[str], Page], site: Site) -> None:
    """Item 13: the queue and a flag page give the survey's title and the question's words, never a slug or
    a question id."""
    page = signed_in("lead")
    follow(page, "Safeguarding queue", within="nav.staff-nav")
    audit(page)
    said = main_text(page)
    assert YPAG.title.endswith("?") and f"{YPAG.title} {MOST_IMPORTANT}" in said and "?:" not in said  # no "?:"
    ids = [q.id for slug in EXAMPLE_SLUGS for _, q in example(slug).questions()]
    assert not [w for w in [*EXAMPLE_SLUGS, *ids] if re.search(rf"\b{re.escape(w)}\b", said)], said
    row = queue_row(page, "i dont feel safe")  # the demo's flag
    with page.expect_navigation():
        row.get_by_role("link").first.click()
    assert heading(page) == "Feeling unsafe"
    said = main_text(page)
    assert f"{YPAG.title} {MOST_IMPORTANT}" in said and "?:" not in said
    assert not [w for w in [*EXAMPLE_SLUGS, *ids] if re.search(rf"\b{re.escape(w)}\b", said)], said


def test_the_lead_closes_every_flag_on_an_answer_with_one_note(signed_in: Callable[[str], Page], site: Site) -> None:
    """Item 12: one answer's flags are one item in the queue, closed together with one note."""
    page = signed_in("lead")
    go(page, f"{site.url}/staff/safeguarding")
    row = queue_row(page, "3 flags on one answer")
    assert row.count() == 1, main_text(page)
    assert sorted(row.get_by_role("link").all_inner_texts()) == [
        "Abuse or violence at home",
        "Self-harm",
        "Suicidal thoughts",
    ]
    with page.expect_navigation():
        row.get_by_role("link", name="Self-harm").click()
    assert heading(page) == "Self-harm"
    others = page.locator(".summary-row").filter(has_text="Other flags on this answer")
    assert sorted(others.get_by_role("link").all_inner_texts()) == ["Abuse or violence at home", "Suicidal thoughts"]
    together = page.get_by_label("All 3 open flags on this answer, with this note")
    assert together.is_checked(), "closing them all together is the default"
    assert press(page, "Close") == 422, "a note is needed"
    assert errors(page)
    audit(page)
    page.get_by_label("What was done").fill("Rang children's social care; a worker is visiting today")
    page.get_by_label("Yes, a real concern").check()
    press(page, "Close")
    assert re.search(r"/staff/safeguarding/\d+\?done=flags-closed$", page.url), page.url
    assert message(page) == "Flags closed. What you did is in the audit log for each of them."
    assert "Closed by lead@example.org" in main_text(page) and "a worker is visiting today" in main_text(page)
    audit(page)
    no_post_on_reload(page)
    for other in ("Suicidal thoughts", "Abuse or violence at home"):
        follow(page, other)
        assert heading(page) == other and "a worker is visiting today" in main_text(page)
        assert page.get_by_role("button", name="Close").count() == 0, "closed with the others"
    go(page, f"{site.url}/staff/safeguarding")
    assert queue_row(page, "stepdad").count() == 0, "closed flags leave the open queue"
    follow(page, "Closed flags")
    assert queue_row(page, "3 flags on one answer").count() == 1


def test_the_lead_turns_her_daily_digest_off_and_on_with_the_form(signed_in: Callable[[str], Page], site: Site) -> None:
    """#29: the Emails page, from the staff navigation; the digest is hers to turn off, the urgent emails are not."""
    page = signed_in("lead")
    go(page, f"{site.url}/staff")
    follow(page, "Emails", within="nav")
    assert heading(page) == "Emails"
    assert "cannot be turned off" in main_text(page)
    assert page.get_by_label("Yes, send me the daily digest").is_checked()
    audit(page)
    page.get_by_label("No, I will look at the queue myself").check()
    press(page, "Save")
    assert page.url.endswith("/staff/emails?done=1"), page.url
    assert message(page) == "Your email settings are saved."
    assert page.get_by_label("No, I will look at the queue myself").is_checked()
    no_post_on_reload(page)
    page.get_by_label("Yes, send me the daily digest").check()
    press(page, "Save")
    assert page.get_by_label("Yes, send me the daily digest").is_checked()


def test_a_request_for_contact_links_to_its_flags_and_says_its_language(
    signed_in: Callable[[str], Page], site: Site
) -> None:
    """Item 12: a request says the language the young person used and links to the flags its answers
    raised; the requests are told apart; closing one needs what was done."""
    page = signed_in("lead")
    follow(page, "Asked for contact", within="nav.staff-nav")
    references = page.locator("tbody tr td:first-child").all_inner_texts()
    assert len(references) == len(set(references)) >= 3, references
    row = page.locator("tbody tr").filter(has_text="Polish")
    assert row.count() == 1 and YPAG.title in row.inner_text() and "Yes" in row.inner_text(), main_text(page)
    with page.expect_navigation():
        row.get_by_role("link").click()
    assert heading(page) == "Request for contact"
    fields = dict(
        zip(
            page.locator(".summary-key").all_inner_texts(),
            page.locator(".summary-value").all_inner_texts(),
            strict=True,
        )
    )
    assert fields["Language they used"] == "Polish" and fields["Phone number or email address"] == "07700 900555"
    assert fields["Survey"] == YPAG.title
    flagged = page.locator(".summary-row").filter(has_text="Also flagged").get_by_role("link")
    assert sorted(flagged.all_inner_texts()) == ["Abuse or violence at home", "Suicidal thoughts"]
    audit(page)
    request_page = page.url
    follow(page, "Suicidal thoughts")
    assert re.search(r"/staff/safeguarding/\d+$", page.url) and heading(page) == "Suicidal thoughts"
    assert "Ola: 07700 900555" in main_text(page), "the flag says who asked to be contacted"
    go(page, request_page)
    assert press(page, "Close this request") == 422 and errors(page)
    page.get_by_label("What was done").fill("Rang Ola with an interpreter; she is seeing her school nurse")
    press(page, "Close this request")
    assert page.url == request_page
    assert "Closed by lead@example.org" in main_text(page) and "school nurse" in main_text(page)
    no_post_on_reload(page)


# --- facilitators: themes, quotes, priorities, actions, the report (#27 item 14) -----------------------
def open_answer(page: Page, site: Site, words: str) -> None:
    """Find an answer by its words with the filter and open it."""
    go(page, f"{site.url}/staff/responses")
    page.get_by_label("Words in the answer").fill(words)
    press(page, "Show answers")
    with page.expect_navigation():
        page.locator(".answer-card").get_by_role("link", name="Open this answer").first.click()
    assert heading(page) == "An answer" and words.split()[0] in page.locator("blockquote").inner_text()


def test_a_topic_taken_off_is_not_listed_as_checked(signed_in: Callable[[str], Page], site: Site) -> None:
    """Item 14: after saving corrected themes, a topic the person took off is not listed under "Checked by
    a person"; the one they chose is."""
    page = signed_in("facilitator")
    open_answer(page, site, "snapchat")
    boxes = page.locator("input[name=topics]")
    names = [
        page.locator(f"label[for='{boxes.nth(i).get_attribute('id')}']").inner_text() for i in range(boxes.count())
    ]
    suggested = [n for i, n in enumerate(names) if boxes.nth(i).is_checked()]
    assert suggested, "the computer suggested topics"
    kept = next(n for n in names if n not in suggested)
    for name in suggested:
        page.get_by_label(name, exact=True).uncheck()
    page.get_by_label(kept, exact=True).check()
    press(page, "Save themes")
    assert page.url.endswith("?done=themes") and message(page) == "Themes saved. Later theming learns from them."
    listed = page.locator("main > ul.plain-list").inner_text()
    assert "Checked by a person." in main_text(page) and kept in listed
    assert not [n for n in suggested if n in listed], f"taken off but still listed: {listed}"
    audit(page)


def test_a_quote_proposed_by_one_person_is_approved_by_another(signed_in: Callable[[str], Page], site: Site) -> None:
    page = signed_in("facilitator")
    open_answer(page, site, "youth workers in the park")
    assert page.get_by_label("The quote, as it will be published").input_value().startswith("The youth workers")
    page.get_by_label("Attribution").fill("(YPAG, 2026)")
    press(page, "Propose this quote")
    assert page.url.endswith("/staff/quotes?status=proposed&done=proposed")
    assert message(page) == "Quote proposed. Someone else now needs to approve it."
    card = page.locator(".answer-card").filter(has_text="youth workers in the park")
    assert "(YPAG, 2026)" in card.inner_text() and "proposed by sam@example.org" in card.inner_text()

    second = signed_in("admin")
    follow(second, "Quotes", within="nav.staff-nav")
    card = second.locator(".answer-card").filter(has_text="youth workers in the park")
    with second.expect_navigation():
        card.get_by_role("button", name="Approve").click()
    assert message(second) == "Quote approved. It can now be published."
    follow(second, "Approved")
    card = second.locator(".answer-card").filter(has_text="youth workers in the park")
    assert "decided by admin@example.org" in card.inner_text()
    audit(second)


def add_action(page: Page, year: str, title: str) -> None:
    """On "What we did" for `year` (chosen with the year picker), add an action with the form."""
    follow(page, "What we did", within="nav.staff-nav")
    page.get_by_label("Business year").select_option(year)
    press(page, "Show")
    assert heading(page) == f"What we did {year}"
    follow(page, "Add an action")
    page.get_by_label("What is it called?").fill(title)
    page.get_by_label("What we did", exact=True).fill("Two more CAMHS workers for young people in the county")
    page.get_by_label("Which partner agency led it?").fill("NHS Leicestershire")
    page.get_by_label("In progress").check()
    page.get_by_label(YPAG.title, exact=True).check()
    page.get_by_label(WELLBEING.title, exact=True).check()
    press(page, "Save action")
    assert re.search(rf"/staff/actions\?year={year.replace('/', '-')}&done=saved#action-\d+$", page.url), page.url
    assert message(page) == "Saved." and page.get_by_role("heading", name=title).count() == 1


def test_an_action_made_with_the_form_is_listed_once_in_who_was_asked(
    signed_in: Callable[[str], Page], site: Site
) -> None:
    """Actions' form: the required fields said when empty, then saved; item 14: an action carried into
    another year is listed once in what was done before asking a group again."""
    page = signed_in("facilitator")
    follow(page, "What we did", within="nav.staff-nav")
    follow(page, "Add an action")
    assert heading(page) == "Add an action"
    page.get_by_label("What is it called?").fill("Shorter waits")
    assert press(page, "Save action") == 422
    assert errors(page) == [
        "Say what was done, in 4000 characters or fewer.",
        "Enter the partner agency that led it, in 300 characters or fewer.",
    ]
    assert page.get_by_label("What is it called?").input_value() == "Shorter waits", "what was typed is kept"

    title = "Shorter waits for CAMHS"
    add_action(page, "2021/22", title)
    audit(page)
    add_action(page, "2022/23", title)

    follow(page, "Who was asked", within="nav.staff-nav")
    warnings = page.locator(".notice-urgent").all_inner_texts()
    about = [w for w in warnings if title in w]
    assert about and all(w.count(title) == 1 for w in about), warnings
    assert all(w.count("A local approach to harm outside the home") <= 1 for w in warnings), warnings
    audit(page)
    with page.expect_download() as got:
        page.get_by_role("link", name="Download as CSV").click()
    assert got.value.suggested_filename == "who-was-asked.csv"

    # Archived, it leaves the list; restored, it is back.
    follow(page, "What we did", within="nav.staff-nav")
    page.get_by_label("Business year").select_option("2022/23")
    press(page, "Show")
    press(page, f"Archive {title}")
    assert message(page).startswith("Archived:")
    press(page, f"Restore {title}")
    assert message(page) == "Restored." and page.get_by_role("heading", name=title, exact=True).count() == 1


def test_a_priority_added_with_the_form(signed_in: Callable[[str], Page], site: Site) -> None:
    page = signed_in("facilitator")
    follow(page, "Priorities", within="nav.staff-nav")
    press(page, "Add priority")
    assert page.title().startswith("Error:") and errors(page)
    form = page.locator("form").filter(has=page.get_by_role("button", name="Add priority"))
    form.get_by_label("Short id").fill("young_carers")
    form.get_by_label("Name").fill("Support for young carers")
    form.get_by_label("Outcomes, one per line").fill(
        "Young carers know where to get a break\nSchools spot young carers"
    )
    form.get_by_label("Being listened to and involved", exact=True).check()
    press(page, "Add priority")
    assert "&done=saved" in page.url and message(page) == "Saved."
    card = page.locator(".answer-card").filter(has_text="Support for young carers")
    assert (
        "Schools spot young carers" in card.inner_text()
        and "Fed by the topics: Being listened to and involved" in card.inner_text()
    )
    audit(page)


def test_publishing_you_said_we_did(signed_in: Callable[[str], Page], site: Site) -> None:
    page = signed_in("facilitator")
    follow(page, "You said, we did", within="nav.staff-nav")
    page.get_by_label("Business year").select_option("2022/23")
    press(page, "Show")
    assert page.get_by_label("Business year").input_value() == "2022/23"
    press(page, "Withdraw")  # each asks first, saying what will change
    assert heading(page) == "Withdraw 2022/23 from the public page?"
    audit(page)
    press(page, "Yes, withdraw it")
    assert "Not published yet" in page.locator("main .notice").first.inner_text()
    assert go(page, f"{site.url}/you-said-we-did/2022-23") == 404
    go(page, f"{site.url}/staff/reports?year=2022-23")
    press(page, "Publish for young people")
    assert heading(page) == "Publish 2022/23 for young people?" and "anyone can read it" in main_text(page)
    assert go(page, f"{site.url}/you-said-we-did/2022-23") == 404  # not until "Yes"
    page.go_back()
    audit(page)
    press(page, "Yes, publish for young people")
    assert page.url.endswith("/staff/reports?year=2022-23")
    assert f"by {STAFF['facilitator']}" in page.locator("main .notice").first.inner_text()
    assert follow(page, "See the public page") == 200
    assert page.url == f"{site.url}/you-said-we-did/2022-23" and heading(page).startswith("You said, we did")


# --- other ways in, and taking answers back ---------------------------------------------------------
def test_paper_answers_entered_then_taken_back_for_the_young_person(
    signed_in: Callable[[str], Page], site: Site
) -> None:
    """Answers from a paper form, entered; then taken back with their receipt code, and the same code
    again is told the answers were already taken back."""
    page = signed_in("facilitator")
    follow(page, "Enter answers", within="nav.staff-nav")
    follow(page, YPAG.title)
    page.get_by_label("When were these answers given?").fill("31/2/2024")
    page.get_by_label(MOST_IMPORTANT).fill("Safer buses home from college")
    assert press(page, "Save these answers") == 422
    assert errors(page) == ["Enter a real date, for example 27/3/2021"]
    assert page.get_by_label(MOST_IMPORTANT).input_value() == "Safer buses home from college"
    page.get_by_label("When were these answers given?").fill("29/2/2024")
    press(page, "Save these answers")
    saved = re.search(r"Saved\. Receipt ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\.", main_text(page))
    assert saved, main_text(page)
    audit(page)

    follow(page, "Take back answers", within="nav.staff-nav")
    for code, said in (
        (saved[1], None),
        (saved[1], "The answers with this receipt code were already taken back."),
        ("ZZZZ-ZZZZ-ZZZZ", "No answers have this receipt code. Check it with the young person."),
    ):
        page.get_by_label("Their receipt code").fill(code)
        status = press(page, "Take back their answers")
        if said is None:  # first the survey and day to check with the young person, then the taking back
            assert "What should we focus on next year?" in main_text(page) and status == 200
            audit(page)
            status = press(page, "Yes, take back their answers")
            assert page.url.endswith("/staff/withdraw?done=1") and status == 200
            assert message(page).startswith("Their answers have been taken back.")
        else:
            assert status == 422 and errors(page) == [said]
    # A receipt from the web form, too.
    audit(page)
    page.get_by_label("Their receipt code").fill(site.receipts["take back"].lower())
    press(page, "Take back their answers")
    press(page, "Yes, take back their answers")
    assert page.url.endswith("?done=1")


def test_importing_a_file_on_the_staff_pages(signed_in: Callable[[str], Page], site: Site, tmp_path: Path) -> None:
    """Item 5: upload a CSV, see what will be stored and what will not, store it, see what was."""
    upload = tmp_path / "forms-export.csv"
    upload.write_text(
        '"How old are you?",Where do you live?,What is the one thing you would change to help young '
        "people feel safe?,Timestamp\n14 to 15,Rutland,More buses after youth club,01/03/2024\n"
        "99,Mars,Nothing,01/03/2024\n",
        encoding="utf-8",
    )
    page = signed_in("facilitator")
    follow(page, "Import answers", within="nav.staff-nav")
    assert press(page, "Upload and check") == 422 and errors(page), "no file chosen: said on the form"
    page.get_by_label("Upload a file").set_input_files(str(upload))
    page.get_by_label("Which survey are these answers to?").select_option(label=YPAG.title)
    press(page, "Upload and check")
    assert heading(page) == "Check what will be stored"
    columns = page.locator("table.columns").inner_text()
    assert MOST_IMPORTANT in columns and "Where do you live?" in columns
    refused = page.locator("table.refused").inner_text()
    assert "forms-export.csv:3" in refused and "forms-export.csv:2" not in refused
    press(page, "Store this answer")
    assert re.search(r"/staff/import/[\w-]+$", page.url) and heading(page) == "1 answer stored"
    no_post_on_reload(page)
    assert heading(page) == "1 answer stored", "a reload stores nothing more"


# --- the audit log's filter -----------------------------------------------------------------------------
def test_the_audit_log_filtered_with_some_fields_empty(signed_in: Callable[[str], Page], site: Site) -> None:
    page = signed_in("admin")
    follow(page, "Audit log", within="nav.staff-nav")
    page.get_by_label("Who").select_option(STAFF["admin"])
    page.get_by_label("What").select_option("signed in")
    assert press(page, "Show events") == 200
    rows = page.locator("tbody tr")
    assert rows.count() >= 1 and all(f"{STAFF['admin']}\tsigned in" in r for r in rows.all_inner_texts())
    page.get_by_label("On or after").fill("2021-13-45")
    assert press(page, "Show events") == 422
    assert errors(page) == ["Enter a date like 2021-10-01 or 01/10/2021."]


# --- accounts and roles (#27 item 15) ----------------------------------------------------------------
def test_an_admin_invites_changes_a_role_and_disables_an_account(
    signed_in: Callable[[str], Page], browser: Browser, site: Site
) -> None:
    page = signed_in("admin")
    follow(page, "Staff accounts", within="nav.staff-nav")
    page.get_by_role("textbox", name="Email address").fill("new.worker@example.org")
    page.get_by_label("Facilitator").check()
    press(page, "Make an invitation link")
    assert page.url == f"{site.url}/staff/accounts", "the invitation redirects to the list"
    assert "Invitation made." in message(page)
    link = page.locator(".link-text code").inner_text()
    row = page.locator("tbody tr").filter(has_text="new.worker@example.org")
    assert "Invited" in row.inner_text() and "Facilitator" in row.inner_text()
    no_post_on_reload(page)
    assert page.locator(".link-text").count() == 0, "the link is shown once"

    # The invited person chooses a password with the link and signs in.
    newcomer = new_page(browser)
    try:
        go(newcomer, site.url + link)
        assert heading(newcomer) == "Choose your password"
        newcomer.get_by_label("New password").fill("my own long password")
        newcomer.get_by_label("The same password again").fill("my own long password")
        press(newcomer, "Save my password")
        assert newcomer.url == f"{site.url}/staff/sign-in?done=password"
        assert "Your password is saved." in main_text(newcomer)
        sign_in(newcomer, site.url, "new.worker@example.org", "my own long password")
        assert newcomer.url == f"{site.url}/staff"
    finally:
        newcomer.context.close()

    follow(page, "new.worker@example.org")
    page.get_by_label("Change the role").select_option(label="Viewer")
    press(page, "Save the role")
    assert re.search(r"/staff/accounts/\d+\?done=role$", page.url), page.url
    assert message(page) == "Role saved. It applies from their next page."
    assert page.locator(".summary-row").filter(has_text="Role").inner_text().endswith("Viewer")
    audit(page)
    no_post_on_reload(page)
    assert message(page) == "Role saved. It applies from their next page."

    account = page.url.split("?")[0]
    follow(page, "Disable this account")
    assert heading(page) == "Disable new.worker@example.org?"
    audit(page)
    follow(page, "No, go back without disabling it")
    assert page.url == account and "Active" in main_text(page)
    follow(page, "Disable this account")
    press(page, "Yes, disable this account")
    assert page.url == f"{account}?done=disabled"
    assert message(page) == "Account disabled. They are signed out and cannot sign in."
    assert page.locator(".summary-row").filter(has_text="State").inner_text().endswith("Disabled")
    no_post_on_reload(page)
    press(page, "Enable this account")
    assert message(page) == "Account enabled. They can sign in again."
    press(page, "Make a password reset link")
    assert page.url == account and "Password reset link made." in message(page)


def test_a_viewer_is_told_they_do_not_have_permission(signed_in: Callable[[str], Page], site: Site) -> None:
    """Item 15: a page a viewer may not use says so, not that the page expired."""
    page = signed_in("viewer")
    assert go(page, f"{site.url}/staff/actions/new") == 403
    assert heading(page) == "You do not have permission to do this"
    assert "ask an admin to change your role" in main_text(page)
    audit(page)


def test_a_viewers_home_offers_only_what_a_viewer_can_do(signed_in: Callable[[str], Page], site: Site) -> None:
    """Item 15: a viewer's home offers what a viewer may do, and each of those pages opens for them with
    nothing on it they would be refused."""
    page = signed_in("viewer")
    offered = page.locator("main ul a").all_inner_texts()
    assert offered == [
        "Read and search what young people said",
        "See the quotes chosen from what young people said",
        "The partnership's priorities for the year",
        "See what the partnership did",
        "See the results and download the “you said, we did” report",
    ], offered
    audit(page)
    for words in offered:
        assert follow(page, words) == 200, f"{words}: {heading(page)}"
        assert page.locator("main form[method=post]").count() == 0, f"{page.url} offers a viewer a form to send"
        page.go_back()


# --- on a phone ------------------------------------------------------------------------------------------


PHONE = {"width": 320, "height": 640}


def test_on_a_phone_the_staff_menu_folds_and_a_flag_starts_with_the_way_back(browser: Browser, site: Site) -> None:
    """A new user at 360 px: the staff menu (up to fourteen links) filled the first screen, and the flag page's
    "Back to the queue" was under it. On a phone the menu folds behind a "Menu" button that says whether it is
    open; at a desktop width every link shows as before; without JavaScript the links show (nothing hidden)."""
    page = new_page(browser)
    try:
        sign_in(page, site.url, STAFF["lead"])
        follow(page, "Safeguarding queue", within="nav.staff-nav")
        flag_link = queue_row(page, "i dont feel safe").get_by_role("link").first
        flag_url = site.url + str(flag_link.get_attribute("href"))
        page.set_viewport_size(PHONE)
        go(page, flag_url)
        back = page.get_by_role("link", name="Back to the queue", exact=True)
        box = back.bounding_box()
        nav = page.locator("nav.staff-nav").bounding_box()
        assert nav is not None and nav["height"] <= PHONE["height"] / 4, f"the staff menu is {nav} on a phone"
        assert box is not None and box["y"] + box["height"] <= PHONE["height"] / 2, f"the way back is at {box}"
        menu = page.locator("nav.staff-nav").get_by_role("button", name="Menu", exact=True)
        assert menu.get_attribute("aria-expanded") == "false"
        queue = page.locator("nav.staff-nav").get_by_role("link", name="Safeguarding queue", exact=True)
        assert not queue.is_visible()
        audit(page)
        menu.focus()
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true" and queue.is_visible()
        audit(page)
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "false" and not queue.is_visible()
        page.set_viewport_size(DESKTOP)
        queue.wait_for(state="visible")  # the menu unfolds when the screen widens (matchMedia's change, a moment later)
        assert not menu.is_visible()
    finally:
        page.context.close()
    quiet = browser.new_context(viewport=PHONE, locale="en-GB", java_script_enabled=False)
    try:
        page = quiet.new_page()
        sign_in(page, site.url, STAFF["lead"])
        go(page, flag_url)
        assert page.locator("nav.staff-nav").get_by_role("link", name="Safeguarding queue", exact=True).is_visible()
        assert not page.locator("nav.staff-nav").get_by_role("button", name="Menu").is_visible()
    finally:
        quiet.close()
