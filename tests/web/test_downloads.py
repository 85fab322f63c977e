"""Downloads through HTTP: the file's name in Content-Disposition is one safe, encoded name (RFC 6266 with
RFC 5987's filename*), whatever an address asks for."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import quote, unquote

import pytest
from litestar.testing import TestClient

from tests.conftest import add, get_page, sign_in
from tests.web.test_you_said import SLUG
from voice.common.settings import Settings
from voice.web.downloads import attachment

HEADER = re.compile(r"attachment; filename=\"([A-Za-z0-9._-]+)\"; filename\*=UTF-8''([A-Za-z0-9%._~-]+)")
"""One plain ASCII name, then the name a browser saves the file as (RFC 6266 says it takes filename* first)."""


@pytest.mark.parametrize(
    "survey",
    [
        'x"; filename=evil.exe',
        "x\\..\\..\\evil.exe;",
        "سروے\u202efdp.exe",
        "x%22%3B filename=evil.exe",
        "x\r\nSet-Cookie: a=1",
    ],
)
def test_a_name_asked_for_in_the_address_cannot_add_to_the_header(
    client: TestClient, settings: Settings, survey: str
) -> None:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    response = client.get("/staff/reports/download", params={"year": SLUG, "fmt": "md", "survey": survey})
    assert response.status_code in (200, 404), response.text[:300]
    if response.status_code == 404:
        return
    header = response.headers["content-disposition"]
    found = HEADER.fullmatch(header)
    assert found, header
    fallback, name = found[1], unquote(found[2])
    assert fallback.startswith(f"you-said-we-did-{SLUG}-") and fallback.endswith(".md")
    assert name.startswith(f"you-said-we-did-{SLUG}-") and name.endswith(".md"), name
    assert not set('";/\\\r\n\u202e') & set(name), name
    if survey.startswith("سروے"):
        assert "سروے" in name and "fdp.exe" in name  # the words are kept, the reversing mark is not


def test_an_ordinary_download_keeps_its_name(client: TestClient, settings: Settings) -> None:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    response = client.get(f"/staff/reports/download?year={SLUG}&fmt=docx")
    name = f"you-said-we-did-{SLUG}.docx"
    assert response.headers["content-disposition"] == f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"


def test_a_format_of_several_files_downloads_them_all_named_as_voice_export_names_them(
    client: TestClient, settings: Settings
) -> None:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    # A new user: the link said "Figures (CSV)" and a zip came down. It says what comes.
    link = next(a for a in get_page(client, "/staff/reports").select("a") if "fmt=csv" in a.get("href", ""))
    assert "zip" in link.get_text() and "CSV" in link.get_text(), link.get_text()
    response = client.get(f"/staff/reports/download?year={SLUG}&fmt=csv")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    name = f"you-said-we-did-{SLUG}-csv.zip"
    assert response.headers["content-disposition"] == f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    figures, actions = f"you-said-we-did-{SLUG}.csv", f"you-said-we-did-{SLUG}-actions.csv"
    assert archive.namelist() == [figures, actions]  # no year before: no -compared.csv
    assert archive.read(figures).decode("utf-8-sig").startswith('"survey","question_id","question",')
    assert archive.read(actions).decode("utf-8-sig").startswith('"id","year","priorities","title",')


@pytest.mark.parametrize(
    ("name", "plain", "encoded"),
    [
        ('answers-x"; filename=evil.exe.csv', "answers-x_filename_evil.exe.csv", "answers-x_filename_evil.exe.csv"),
        ("answers-x\r\nSet-Cookie: a=1.csv", "answers-xSet-Cookie_a_1.csv", "answers-xSet-Cookie_a_1.csv"),
        ("report-\u202efdp.exe", "report-fdp.exe", "report-fdp.exe"),
        ("سروے.csv", "download.csv", "%D8%B3%D8%B1%D9%88%DB%92.csv"),
        ("żaba 1/2.csv", "zaba_1_2.csv", "%C5%BCaba_1_2.csv"),
        (".hidden", "download.hidden", "download.hidden"),
        ("", "download", "download"),
    ],
)
def test_every_name_makes_one_safe_header(name: str, plain: str, encoded: str) -> None:
    assert attachment(name) == f"attachment; filename=\"{plain}\"; filename*=UTF-8''{encoded}"


@pytest.mark.parametrize("survey", ['x"; filename=evil.exe', "x\r\nSet-Cookie: a=1", "سروے\u202efdp.exe"])
def test_the_answers_download_name_cannot_be_injected_either(
    client: TestClient, settings: Settings, survey: str
) -> None:
    """/staff/responses/download built its name from `survey=` as given: a quote added a second filename,
    and a CR/LF gave no response at all (after the download was audited)."""
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    response = client.get("/staff/responses/download", params={"survey": survey, "fmt": "csv"})
    assert response.status_code == 200, response.text[:300]
    found = HEADER.fullmatch(response.headers["content-disposition"])
    assert found, response.headers["content-disposition"]
    assert found[1].startswith("answers-") and found[1].endswith(".csv")
    assert "a=1" not in response.headers.get("set-cookie", "")


def test_every_csv_cell_is_quoted_so_a_formula_after_a_semicolon_stays_text(
    client: TestClient, settings: Settings
) -> None:
    """The pen test (eleventh session): "More buses;=cmd|' /C calc'!A0" was written unquoted; an Excel that
    separates cells with ";" (Polish, for one) reads the part after it as a cell of its own, and runs it. Every cell
    of the answers and audit downloads is quoted, so the separator inside a cell stays inside it."""
    said = "More buses;=cmd|' /C calc'!A0"
    assert (
        client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": said}}).status_code
        == 201
    )
    add(settings, "lead@example.org", "safeguarding_lead")
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    answers = client.get("/staff/responses/download?q=buses").text
    assert f'"{said}"' in answers, answers
    lines = [line for line in answers.removeprefix("\ufeff").splitlines() if line]
    assert all(line.startswith('"') and line.endswith('"') for line in lines), lines[:2]
    sign_in(client, "lead@example.org")
    audit = client.get("/staff/audit/download.csv").text
    assert all(line.startswith('"') for line in audit.splitlines() if line), audit[:200]
