"""Closing the loop through HTTP: a facilitator sets the year's priorities, records what was done,
previews and downloads the report, publishes it, and young people read "you said, we did"."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile

from docx import Document
from litestar.testing import TestClient

from tests.conftest import add, check_page, csrf, get_page, sign_in
from voice.common.dates import local_today
from voice.common.settings import Settings
from voice.reporting.priorities import year_of, year_slug

WORDS = [
    "Waiting months for CAMHS made everything worse",
    "The youth worker listened to me and it really helped",
    "More youth clubs in the evenings",
    "I worry about exams all the time",
    "Nobody listens to young people",
    "School counsellor was kind",
]
YEAR = year_of(local_today())
SLUG = year_slug(YEAR)


def answered(client: TestClient) -> None:
    for i, words in enumerate(WORDS * 2):
        answers = {"most_important": words, "quote_ok": "yes", "age_band": "14-15" if i % 2 else "16-17"}
        assert client.post("/api/surveys/ypag-priorities/responses", json={"answers": answers}).status_code == 201


def add_priority(client: TestClient, key: str, name: str, outcomes: str, topics: list[str]) -> None:
    """A priority for this business year, added with the priorities page's form (signed in as an editor)."""
    page = get_page(client, "/staff/priorities")
    data = {"_csrf_token": csrf(page), "year": YEAR, "key": key, "name": name, "outcomes": outcomes, "topics": topics}
    assert client.post("/staff/priorities", data=data, follow_redirects=False).status_code == 303


def quote(client: TestClient, settings: Settings, words: str, approve: bool) -> None:
    """Propose the answer as a quote (signed in as sam), and have alex approve it."""
    with sqlite3.connect(settings.db_path) as conn:
        answer_id = conn.execute("SELECT min(id) FROM answers WHERE text = ?", [words]).fetchone()[0]
    page = get_page(client, f"/staff/answers/{answer_id}")
    client.post(
        f"/staff/answers/{answer_id}/quotes", data={"_csrf_token": csrf(page), "quote": words, "attribution": "(YPAG)"}
    )
    if approve:
        sign_in(client, "alex@example.org")
        page = get_page(client, "/staff/quotes")
        quote_id = page.select_one(f"li:-soup-contains('{words}')")["id"].removeprefix("quote-")
        assert (
            client.post(
                f"/staff/quotes/{quote_id}/approve", data={"_csrf_token": csrf(page)}, follow_redirects=False
            ).status_code
            == 303
        )
        sign_in(client, "sam@example.org")


def test_priorities_actions_report_publish_and_the_public_page(client: TestClient, settings: Settings) -> None:
    answered(client)
    add(settings, "sam@example.org", "facilitator")
    add(settings, "alex@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    quote(client, settings, WORDS[1], approve=True)
    quote(client, settings, WORDS[2], approve=False)

    page = get_page(client, "/staff/priorities")
    assert f"There are no priorities for {YEAR} yet" in page.get_text()
    bad = client.post(
        "/staff/priorities",
        data={"_csrf_token": csrf(page), "year": YEAR, "key": "Mental Health", "name": "Child mental health"},
    )
    assert bad.status_code == 422
    assert "Enter a short id" in check_page(bad.text, errors=True).select_one(".error-summary").get_text()
    assert (
        client.post(
            "/staff/priorities",
            data={
                "_csrf_token": csrf(page),
                "year": YEAR,
                "key": "child_mental_health",
                "name": "Child mental health",
                "outcomes": "Good mental health support\nSafe while waiting",
                "topics": ["mental_health", "being_listened_to"],
            },
            follow_redirects=False,
        ).status_code
        == 303
    )
    page = get_page(client, "/staff/priorities")
    assert "Safe while waiting" in page.get_text() and "Being listened to and involved" in page.get_text()

    form = get_page(client, f"/staff/actions/new?year={SLUG}")
    missing = client.post("/staff/actions", data={"_csrf_token": csrf(form), "year": YEAR, "title": ""})
    assert missing.status_code == 422
    summary = check_page(missing.text, errors=True).select_one(".error-summary").get_text()
    assert "Enter what the action is called" in summary and "Select whether it is planned" in summary
    saved = client.post(
        "/staff/actions",
        data={
            "_csrf_token": csrf(form),
            "year": YEAR,
            "title": "Drop-in space to talk at the youth centre",
            "what_we_did": "Opened a weekly drop-in where nobody has to say anything",
            "agency": "Youth service",
            "status": "done",
            "started_on": f"{YEAR[:4]}-05-01",
            "finished_on": "",
            "what_changed": "40 young people came",
            "next_steps": "Open a second one",
            "priorities": ["child_mental_health"],
            "topics": ["being_listened_to"],
            "surveys": ["ypag-priorities"],
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text[:400]
    listed = get_page(client, f"/staff/actions?year={SLUG}").get_text()
    assert "Drop-in space to talk" in listed and "Child mental health" in listed

    preview = get_page(client, "/staff/reports")
    text = preview.get_text(" ")
    assert "Not published yet" in text and "Drop-in space to talk" in text and WORDS[1] in text
    assert WORDS[2] not in text  # proposed, not approved
    docx = client.get(f"/staff/reports/download?year={SLUG}&fmt=docx")
    assert docx.status_code == 200 and "attachment" in docx.headers["content-disposition"]
    document = Document(io.BytesIO(docx.content))
    assert WORDS[1] in "\n".join(p.text for p in document.paragraphs)
    assert client.get(f"/staff/reports/download?year={SLUG}&fmt=pptx").status_code == 404
    csvs = client.get(f"/staff/reports/download?year={SLUG}&fmt=csv")  # the figures and the actions (#31)
    assert csvs.headers["content-type"] == "application/zip"
    figures = zipfile.ZipFile(io.BytesIO(csvs.content)).read(f"you-said-we-did-{SLUG}.csv")
    assert figures.decode("utf-8-sig").startswith('"survey","question_id","question",')

    assert client.get(f"/you-said-we-did/{SLUG}").status_code == 404  # not published yet
    # A new user: "Publish for young people" put the year on the public page at one press. It now asks first, and
    # says what goes public; nothing is published until "Yes".
    button = preview.find("button", string="Publish for young people")
    asking = button.find_parent("form")
    assert asking["method"] == "get" and asking["action"] == "/staff/reports/publish"
    check = get_page(client, f"/staff/reports/publish?year={SLUG}")
    said = check.get_text(" ", strip=True)
    assert "anyone can read" in said and "quotes" in said and YEAR in said, said
    assert check.find("a", href=f"/staff/reports?year={SLUG}") is not None  # back, publishing nothing
    assert check.find("form", attrs={"method": "post", "action": "/staff/reports/publish"}).find(
        "button", string="Yes, publish for young people"
    )
    assert client.get(f"/you-said-we-did/{SLUG}").status_code == 404  # still not published
    assert (
        client.post(
            "/staff/reports/publish", data={"_csrf_token": csrf(preview), "year": YEAR}, follow_redirects=False
        ).status_code
        == 303
    )
    years = get_page(client, "/you-said-we-did")
    assert years.find("a", href=f"/you-said-we-did/{SLUG}")
    public = get_page(client, f"/you-said-we-did/{SLUG}")
    words = public.get_text(" ")
    month = local_today().strftime("%B %Y")
    for expected in (
        "You said",
        "We did",
        "What changed:",
        "40 young people came",
        "What happens next",
        "Open a second one",
        WORDS[1],
        "12 young people answered this survey.",
        "Example Safeguarding Children Partnership",
        f"Published in {month}.",
        f"The full report: https://www.example.org/you-said-we-did/{SLUG}",
    ):
        assert expected in words, expected
    assert WORDS[2] not in words
    assert public.find("a", href=f"/you-said-we-did/{SLUG}/ypag-priorities")
    one = get_page(client, f"/you-said-we-did/{SLUG}/ypag-priorities")
    assert "Drop-in space to talk" in one.get_text()
    get_page(client, f"/you-said-we-did/{SLUG}/nope", status=404)
    get_page(client, "/you-said-we-did/2021-23", status=404)

    # Published means "as it was": a new action shows only after publishing again.
    client.post(
        "/staff/actions",
        data={
            "_csrf_token": csrf(form),
            "year": YEAR,
            "title": "Later action",
            "what_we_did": "Something later",
            "agency": "Police",
            "status": "planned",
        },
    )
    assert "Later action" not in get_page(client, f"/you-said-we-did/{SLUG}").get_text()
    # ...and the staff page says what publishing again would change, before anyone does.
    staff_page = get_page(client, "/staff/reports").select_one(".notice").get_text(" ", strip=True)
    assert "The report as it is now is not the one published:" in staff_page
    assert "1 action was added, changed or taken out." in staff_page
    client.post("/staff/reports/publish", data={"_csrf_token": csrf(preview), "year": YEAR, "withdraw": "1"})
    get_page(client, f"/you-said-we-did/{SLUG}", status=404)
    with sqlite3.connect(settings.db_path) as conn:
        logged = [row[0] for row in conn.execute("SELECT action FROM audit_log ORDER BY id")]
    assert {"priority added", "action added", "report exported", "report published", "report withdrawn"} <= set(logged)


def test_viewers_see_the_report_but_change_nothing(client: TestClient, settings: Settings) -> None:
    add(settings, "val@example.org", "viewer")
    sign_in(client, "val@example.org")
    page = get_page(client, "/staff/reports")
    assert not page.find("button", string="Publish for young people")
    assert client.post("/staff/reports/publish", data={"_csrf_token": csrf(page), "year": YEAR}).status_code == 403
    assert (
        client.post(
            "/staff/priorities", data={"_csrf_token": csrf(page), "year": YEAR, "key": "x", "name": "X"}
        ).status_code
        == 403
    )
    assert client.get("/staff/actions/new").status_code == 403
    assert get_page(client, "/staff/priorities").find("form", method="post", action="/staff/priorities") is None


def test_changing_a_priority_that_does_not_exist_is_404_and_audits_nothing(
    client: TestClient, settings: Settings
) -> None:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    page = get_page(client, "/staff/priorities")
    fields = {"_csrf_token": csrf(page), "year": YEAR, "key": "child_mental_health", "name": "Child mental health"}
    assert client.post("/staff/priorities", data=fields, follow_redirects=False).status_code == 303
    with sqlite3.connect(settings.db_path) as conn:
        real = conn.execute("SELECT id FROM priorities").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    missing = {**fields, "key": "another_key", "priority_id": str(real + 99)}
    assert client.post("/staff/priorities", data=missing).status_code == 404
    other_year = {**fields, "priority_id": str(real), "year": "2019/20"}  # the right id, in another year
    assert client.post("/staff/priorities", data=other_year).status_code == 404
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == events
        assert conn.execute("SELECT year FROM priorities").fetchall() == [(YEAR,)]


def test_staff_download_the_leaflet_for_young_people(client: TestClient, settings: Settings) -> None:
    from pypdf import PdfReader

    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    page = get_page(client, f"/staff/reports?year={SLUG}")
    links = {a.get_text(strip=True): a["href"] for a in page.select("a[download]")}
    assert "Leaflet for young people (PDF)" in links and "Easy read leaflet (PDF)" in links
    leaflet = client.get(links["Leaflet for young people (PDF)"])
    assert leaflet.status_code == 200 and leaflet.headers["content-type"] == "application/pdf"
    assert 'filename="you-said-we-did-' in leaflet.headers["content-disposition"]
    reader = PdfReader(io.BytesIO(leaflet.content))
    assert len(reader.pages) <= 2 and reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_a_quote_is_tagged_with_the_priorities_of_its_answers_year(client: TestClient, settings: Settings) -> None:
    """A new user found a quote from this year tagged with last year's priorities (the taxonomy's keys, as the first
    plan named them). A quote is tagged with the priorities its answer's business year has whose topics it feeds;
    only a year with no priorities falls back to the taxonomy's."""
    answered(client)
    add(settings, "sam@example.org", "facilitator")
    add(settings, "alex@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    add_priority(
        client, "waiting_well", "Waiting well for help", "Nobody waits alone", ["mental_health", "waiting_for_support"]
    )
    quote(client, settings, WORDS[0], approve=False)  # CAMHS waiting: mental health, waiting
    with sqlite3.connect(settings.db_path) as conn:
        tagged = json.loads(conn.execute("SELECT priorities FROM quotes").fetchone()[0])
    assert tagged == ["waiting_well"], tagged
    shown = get_page(client, "/staff/quotes").select_one("li.answer-card .hint").get_text(" ", strip=True)
    assert "Priorities: Waiting well for help" in shown, shown


def test_an_approved_quote_says_which_years_report_publish_puts_it_in(client: TestClient, settings: Settings) -> None:
    """A new user could not tell what "Publish" on a quote does, above all for a quote outside the report's year.
    Beside the button: the business year of its answer, whose report it goes in, and that young people see it once
    that year is published (again, where it is published already)."""
    answered(client)
    add(settings, "sam@example.org", "facilitator")
    add(settings, "alex@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    quote(client, settings, WORDS[1], approve=True)
    card = get_page(client, "/staff/quotes?status=approved").select_one("li.answer-card").get_text(" ", strip=True)
    assert f"“you said, we did” report for {YEAR}" in card and f"once the {YEAR} report is published" in card, card
    page = get_page(client, "/staff/reports")
    client.post("/staff/reports/publish", data={"_csrf_token": csrf(page), "year": YEAR})
    card = get_page(client, "/staff/quotes?status=approved").select_one("li.answer-card").get_text(" ", strip=True)
    assert f"The {YEAR} report is published already: publish it again" in card, card
