"""Importing answers on the staff pages (#27 item 5), through HTTP with real CSV and Excel files: upload,
a preview of what will be stored and what is refused (FILE:LINE and a reason in plain words), nothing
stored until "Store", then stored and read like every other answer, and in the audit log."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3

import httpx
import pytest
from bs4 import BeautifulSoup
from litestar.testing import TestClient

from tests.conftest import add, check_page, csrf, get_page, sign_in, until
from voice.common.settings import Settings

HEADER = (
    '"How old are you?",Where do you live?,Which of these should the partnership work hardest on?,'
    "What is the one thing you would change to help young people feel safe?,Timestamp\n"
)
GOOD = [
    "14 to 15,Leicester city,Bullying; Staying safe online,More youth workers in schools,2021-03-01\n",
    "16 to 17,Rutland,Mental health and feeling OK,Call me on 07700 900123 if you want,2021-03-02\n",
]
TOO_MANY = (
    "10 to 13,Leicestershire,Bullying; Staying safe online; Waiting less for help; Mental health and feeling OK,"
    "Less waiting,2021-03-03\n"
)
FOUR_PICKED = "Bullying, Staying safe online, Waiting less for help, Mental health and feeling OK"


def count(settings: Settings, sql: str = "SELECT count(*) FROM responses") -> int:
    with sqlite3.connect(settings.db_path) as conn:
        return int(conn.execute(sql).fetchone()[0])


def imported_events(settings: Settings) -> list[tuple[str, str, str]]:
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute("SELECT actor, subject, detail FROM audit_log WHERE action = 'answers imported'").fetchall()


@pytest.fixture
def facilitator(client: TestClient, settings: Settings) -> TestClient:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    return client


def upload(
    client: TestClient, name: str, content: bytes, media_type: str = "text/csv", **fields: str
) -> httpx.Response:
    token = csrf(get_page(client, "/staff/import"))
    return client.post(
        "/staff/import",
        data={"_csrf_token": token, "channel": "import", "dates": "day_first", **fields},
        files={"file": (name, content, media_type)},
        follow_redirects=False,
    )


def preview_of(
    client: TestClient, name: str, content: bytes, media_type: str = "text/csv", **fields: str
) -> tuple[str, BeautifulSoup]:
    response = upload(client, name, content, media_type, **fields)
    assert response.status_code == 303, response.text[:800]
    location = response.headers["location"]
    assert location.startswith("/staff/import/")
    return location, get_page(client, location)


def refusals(soup: BeautifulSoup) -> dict[str, str]:
    """The preview's table of refused rows: FILE:LINE to why."""
    table = soup.select_one("table.refused")
    assert table is not None, "no table of refused rows"
    rows = [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")]
    return {row[0]: row[1] for row in rows}


def test_the_upload_page_is_where_a_facilitator_looks_and_follows_the_file_upload_pattern(
    facilitator: TestClient,
) -> None:
    home = get_page(facilitator, "/staff")
    assert home.select_one("main a[href='/staff/import']"), "staff home links to importing"
    assert home.select_one("nav a[href='/staff/import']"), "the staff navigation links to importing"
    page = get_page(facilitator, "/staff/import")
    form = page.find("form", attrs={"action": "/staff/import"})
    assert form["method"] == "post" and form["enctype"] == "multipart/form-data"
    file_input = form.find("input", attrs={"type": "file", "name": "file"})
    assert file_input is not None and ".csv" in file_input["accept"] and ".xlsx" in file_input["accept"]
    label = page.find("label", attrs={"for": file_input["id"]})
    assert label is not None and label.get_text(strip=True)
    hint = page.find(id=file_input["aria-describedby"].split()[0]).get_text(" ", strip=True)
    assert "CSV" in hint and "Excel" in hint and ".xlsx" in hint and "5 MB" in hint
    survey = form.find("select", attrs={"name": "survey"})
    assert {o["value"] for o in survey.find_all("option")} >= {"", "ypag-priorities", "domestic-abuse-support"}


def test_a_csv_is_previewed_stored_only_when_confirmed_read_and_audited(
    facilitator: TestClient, settings: Settings
) -> None:
    content = (HEADER + GOOD[0] + TOO_MANY + GOOD[1]).encode()
    location, preview = preview_of(facilitator, "forms.csv", content, survey="ypag-priorities")
    text = preview.get_text(" ", strip=True)
    assert "forms.csv" in text and "What should we work hardest on" not in text  # the English survey's words
    assert "2 answers will be stored" in text
    refused = refusals(preview)
    assert list(refused) == ["forms.csv:3"]
    why = refused["forms.csv:3"]
    assert FOUR_PICKED in why and "Select no more than 3 answers." in why
    assert "[" not in why and "'" not in why  # a list in words, never a Python list, never cut mid-item
    assert "Which of these should the partnership work hardest on?" in why
    # What will be stored comes from which columns: each column beside the question it answers.
    columns = preview.select_one("table.columns").get_text(" ", strip=True)
    assert "Where do you live?" in columns and "Timestamp" in columns
    # Nothing is stored before "Store", and nothing is in the audit log.
    assert count(settings) == 0 and count(settings, "SELECT count(*) FROM unread") == 0
    assert imported_events(settings) == []

    form = preview.find("form", attrs={"action": location})
    button = form.find("button")
    assert button.get_text(strip=True) == "Store these 2 answers"
    stored = facilitator.post(location, data={"_csrf_token": csrf(preview)}, follow_redirects=False)
    assert stored.status_code == 303 and stored.headers["location"] == location  # post/redirect/get
    done = get_page(facilitator, location)
    assert "2 answers stored" in done.h1.get_text(" ", strip=True)
    assert "forms.csv:3" in refusals(done)
    assert count(settings) == 2
    assert [row[0] for row in sqlite3.connect(settings.db_path).execute("SELECT DISTINCT channel FROM responses")] == [
        "import"
    ]
    assert imported_events(settings) == [
        ("sam@example.org", "survey:ypag-priorities", "forms.csv: 2 stored, 0 already imported, 1 rejected")
    ]
    # Read like every other answer: redacted and themed, by the service, moments later.
    assert until(lambda: count(settings, "SELECT count(*) FROM unread") == 0)
    assert count(settings, "SELECT count(*) FROM answers WHERE text = 'Call me on [phone] if you want'") == 1
    assert count(settings, "SELECT count(*) FROM answers WHERE text LIKE '%07700%'") == 0
    # Pressing "Store" again (a second click, a refresh that re-sends) stores nothing more.
    again = facilitator.post(location, data={"_csrf_token": csrf(done)}, follow_redirects=False)
    assert again.status_code == 303 and count(settings) == 2 and len(imported_events(settings)) == 1


def test_an_excel_workbook_is_previewed_and_stored(facilitator: TestClient, settings: Settings) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["How old are you?", "Which of these should the partnership work hardest on?", "Submitted on", "ID"])
    sheet.append(["14 to 15", "Bullying", dt.date(2021, 3, 1), 1])
    sheet.append([99, FOUR_PICKED, dt.date(2021, 3, 2), 2])
    saved = io.BytesIO()
    book.save(saved)
    location, preview = preview_of(
        facilitator,
        "export.xlsx",
        saved.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        survey="ypag-priorities",
    )
    assert "1 answer will be stored" in preview.get_text(" ", strip=True)
    why = refusals(preview)["export.xlsx:3"]
    assert "How old are you? (99): Select one of the answers shown." in why
    assert FOUR_PICKED in why and "[" not in why
    assert count(settings) == 0
    button = preview.find("form", attrs={"action": location}).find("button")
    assert button.get_text(strip=True) == "Store this answer"
    assert facilitator.post(location, data={"_csrf_token": csrf(preview)}, follow_redirects=False).status_code == 303
    assert count(settings) == 1
    assert count(settings, "SELECT count(*) FROM responses WHERE submitted_on = '2021-03-01'") == 1
    # The same file again: its rows are known by their ID, so nothing is stored twice.
    _, second = preview_of(facilitator, "export.xlsx", saved.getvalue(), survey="ypag-priorities")
    text = second.get_text(" ", strip=True)
    assert "0 answers will be stored" in text and "1 row was imported before" in text
    assert not second.find("button", string="Store these 0 answers")


def test_the_survey_is_worked_out_from_the_columns_when_not_chosen(facilitator: TestClient) -> None:
    _, preview = preview_of(facilitator, "forms.csv", (HEADER + GOOD[0]).encode(), survey="")
    assert "What should we focus on next year?" in preview.get_text(" ", strip=True)
    both = b"How old are you?,Where do you live?\n14 to 15,Rutland\n"  # asked in more than one survey
    response = upload(facilitator, "ages.csv", both, survey="")
    assert response.status_code == 422
    page = check_page(response.text, errors=True)
    assert "match more than one survey" in page.select_one(".error-summary").get_text()


BAD_UPLOADS = [
    (
        "report.pdf",
        b"%PDF-1.4 not a spreadsheet",
        "application/pdf",
        422,
        "The selected file must be a CSV file or an Excel workbook (.xlsx)",
    ),
    ("empty.csv", b"", "text/csv", 422, "empty.csv: the file is empty"),
    (
        "latin.csv",
        "How old are you?\nCaf\xe9\n".encode("latin-1"),
        "text/csv",
        422,
        "latin.csv: the file is not UTF-8; export it as 'CSV UTF-8'",
    ),
    (
        "broken.xlsx",
        b"not a zip file",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        422,
        "broken.xlsx: this is not an Excel workbook that can be read",
    ),
    ("other.csv", b"Colour,Pet\nred,cat\n", "text/csv", 422, "other.csv: no column heading matches a question"),
    (
        "big.csv",
        HEADER.encode() + b"14 to 15,Rutland,,x,2021-03-01\n" * 170_000,
        "text/csv",
        422,
        "The selected file must be smaller than 5 MB",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "media_type", "status", "message"), BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS]
)
def test_bad_uploads_are_refused_clearly_and_store_nothing(
    facilitator: TestClient, settings: Settings, name: str, content: bytes, media_type: str, status: int, message: str
) -> None:
    response = upload(facilitator, name, content, media_type, survey="ypag-priorities")
    assert response.status_code == status, response.text[:500]
    page = check_page(response.text, errors=True)
    summary = page.select_one(".error-summary")
    assert message in summary.get_text(" ", strip=True)
    assert summary.find("a")["href"] == "#file"
    assert page.select_one("#file-error") and message in page.select_one("#file-error").get_text()
    assert page.find("select", attrs={"name": "survey"}).find("option", selected=True)["value"] == "ypag-priorities"
    assert count(settings) == 0 and imported_events(settings) == []


def test_a_file_far_too_large_is_refused_before_it_is_read(facilitator: TestClient, settings: Settings) -> None:
    response = upload(
        facilitator,
        "huge.csv",
        HEADER.encode() + b"14 to 15,Rutland,,x,2021-03-01\n" * 300_000,
        survey="ypag-priorities",
    )
    assert response.status_code == 413
    page = check_page(response.text)
    assert page.h1.get_text(strip=True) == "The selected file must be smaller than 5 MB"
    assert count(settings, "SELECT count(*) FROM held_imports") == 0 and count(settings) == 0


def test_no_file_chosen(facilitator: TestClient, settings: Settings) -> None:
    token = csrf(get_page(facilitator, "/staff/import"))
    response = facilitator.post(
        "/staff/import",
        data={"_csrf_token": token, "survey": "ypag-priorities"},
        files={"file": ("", b"", "application/octet-stream")},
        follow_redirects=False,
    )
    assert response.status_code == 422
    page = check_page(response.text, errors=True)
    assert "Select a CSV file or an Excel workbook" in page.select_one(".error-summary").get_text()
    assert count(settings) == 0


def test_odd_fields_are_not_a_500(facilitator: TestClient, settings: Settings) -> None:
    token = csrf(get_page(facilitator, "/staff/import"))
    response = facilitator.post(
        "/staff/import",
        data={
            "_csrf_token": token,
            "survey": ["ypag-priorities", "x"],
            "channel": ["paper", "session"],
            "dates": ["a", "b"],
        },
        files=[("file", ("a.csv", b"x", "text/csv")), ("file", ("b.csv", b"y", "text/csv"))],
        follow_redirects=False,
    )
    assert response.status_code == 422
    assert "Select a CSV file or an Excel workbook" in check_page(response.text, errors=True).get_text()
    plain = facilitator.post(
        "/staff/import", data={"_csrf_token": token, "survey": "ypag-priorities"}, follow_redirects=False
    )  # not multipart at all: no file
    assert plain.status_code == 422 and "Select a CSV file" in plain.text
    assert count(settings, "SELECT count(*) FROM held_imports") == 0


def test_a_held_file_is_only_for_the_sign_in_that_uploaded_it_and_expires(
    facilitator: TestClient, settings: Settings
) -> None:
    location, preview = preview_of(facilitator, "forms.csv", (HEADER + GOOD[0]).encode(), survey="ypag-priorities")
    add(settings, "alex@example.org", "facilitator")
    sam = httpx.Cookies(facilitator.cookies)
    for email in ("alex@example.org", "sam@example.org"):  # another facilitator; Sam in another browser
        facilitator.cookies = httpx.Cookies()
        sign_in(facilitator, email)
        assert facilitator.get(location).status_code == 404
        token = csrf(get_page(facilitator, "/staff/import"))
        assert facilitator.post(location, data={"_csrf_token": token}, follow_redirects=False).status_code == 404
    facilitator.cookies = sam
    assert facilitator.get("/staff/import/not-a-real-upload").status_code == 404
    assert count(settings) == 0
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute("UPDATE held_imports SET expires_at = '2000-01-01T00:00:00+00:00'")
    gone = facilitator.get(location)
    assert gone.status_code == 404 and "upload the file again" in gone.text.lower()
    assert facilitator.post(location, data={"_csrf_token": csrf(preview)}, follow_redirects=False).status_code == 404
    assert count(settings) == 0


def test_cancelling_forgets_the_file(facilitator: TestClient, settings: Settings) -> None:
    location, preview = preview_of(facilitator, "forms.csv", (HEADER + GOOD[0]).encode(), survey="ypag-priorities")
    cancelled = facilitator.post(f"{location}/cancel", data={"_csrf_token": csrf(preview)}, follow_redirects=False)
    assert cancelled.status_code == 303 and cancelled.headers["location"].startswith("/staff/import")
    assert "Nothing was stored" in get_page(facilitator, cancelled.headers["location"]).get_text()
    assert facilitator.get(location).status_code == 404
    assert count(settings) == 0 and count(settings, "SELECT count(*) FROM held_imports") == 0


def test_the_upload_needs_the_form_token(facilitator: TestClient, settings: Settings) -> None:
    response = facilitator.post(
        "/staff/import",
        data={"survey": "ypag-priorities"},
        files={"file": ("forms.csv", (HEADER + GOOD[0]).encode(), "text/csv")},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert count(settings, "SELECT count(*) FROM held_imports") == 0


@pytest.mark.parametrize("role", ["viewer", "safeguarding_lead"])
def test_only_facilitators_and_admins_import(client: TestClient, settings: Settings, role: str) -> None:
    add(settings, "someone@example.org", role)
    sign_in(client, "someone@example.org")
    home = get_page(client, "/staff")
    assert not home.select("a[href='/staff/import']")
    assert client.get("/staff/import").status_code == 403
    token = csrf(home)
    response = client.post(
        "/staff/import",
        data={"_csrf_token": token, "survey": "ypag-priorities"},
        files={"file": ("forms.csv", (HEADER + GOOD[0]).encode(), "text/csv")},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert "You do not have permission to do this" in response.text
    assert count(settings, "SELECT count(*) FROM held_imports") == 0 and count(settings) == 0
