"""Two business years side by side (the demo's 2021/22 and 2022/23), and the partnership's own words in
Urdu and Polish with English where they were not given: through the CLI with real files and over HTTP."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from docx import Document
from litestar.testing import TestClient
from pypdf import PdfReader

from tests.conftest import EXAMPLES, check_page
from voice.cli import main
from voice.common.i18n import language_name, translate
from voice.common.settings import Settings
from voice.demo import synthetic_answers
from voice.intake.submissions import RecordOptions, record
from voice.reading.themes import default_answer_reader
from voice.reporting import outputs
from voice.reporting.priorities import priorities
from voice.reporting.results import SHOWN
from voice.store.catalogue import Catalogue
from voice.store.db import migrate, opened
from voice.web.app import create_app

URDU_NAME = "بچوں کی ذہنی صحت اور جذباتی خیریت"
POLISH_NAME = "Zdrowie psychiczne i dobre samopoczucie dzieci"
ENGLISH_ONLY_ACTION = "A local approach to harm outside the home"  # given in English only in the 2022/23 plan


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from voice.demo import seed

    db = str(tmp_path_factory.mktemp("years") / "demo.db")
    migrate(db)
    seed(Catalogue(db, EXAMPLES))
    return db


def copy_of(demo_db: str, tmp_path: Path) -> str:
    """The demo database to change in one test, leaving the module's untouched."""
    db_path = str(tmp_path / "copy.db")
    with opened(demo_db) as src, opened(db_path) as dst:
        src.conn.backup(dst.conn)
    return db_path


def staff_settings(db_path: str) -> Settings:
    """Settings for the app on `db_path`, with a facilitator account to sign in with (tests.conftest)."""
    from tests.conftest import add

    settings = Settings(db_path=db_path, surveys_dir=str(EXAMPLES), secret="years")
    add(settings, "sam@example.org", "facilitator")
    return settings


def export(db: str, out: Path, year: str, *formats: str, locale: str = "en") -> dict[str, Path]:
    args = ["export", "you-said-we-did", "--year", year, "--out", str(out), "--db", db, "--locale", locale]
    for fmt in formats:
        args += ["--format", fmt]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return {p.name: p for p in out.iterdir()}


def test_the_year_is_beside_the_year_before_in_every_format(demo_db: str, tmp_path: Path) -> None:
    files = export(demo_db, tmp_path, "2022/23", "all")
    data = json.loads(files["you-said-we-did-2022-23.json"].read_text())
    previous = data["previous"]
    assert previous["year"] == "2021/22" and previous["published"] is True
    assert previous["questions"] and previous["told"] and previous["told_now"]
    told = f"Last year (2021/22) you told us most about {previous['told'][0]}"
    md = files["you-said-we-did-2022-23.md"].read_text()
    docx = "\n".join(p.text for p in Document(str(files["you-said-we-did-2022-23.docx"])).paragraphs)
    docx_cells = {
        c.text for t in Document(str(files["you-said-we-did-2022-23.docx"])).tables for row in t.rows for c in row.cells
    }
    pdf = " ".join(page.extract_text() for page in PdfReader(str(files["you-said-we-did-2022-23.pdf"])).pages)
    html = BeautifulSoup(files["you-said-we-did-2022-23.html"].read_text(), "html.parser")
    leaflet = " ".join(p.extract_text() for p in PdfReader(str(files["you-said-we-did-2022-23-leaflet.pdf"])).pages)
    for text in (md, docx, html.get_text(" "), " ".join(pdf.split()), " ".join(leaflet.split())):
        assert told in " ".join(text.split())
    assert (
        "Compared with 2021/22" in md
        and "Compared with 2021/22" in docx
        and "−" in " ".join(docx_cells)
        and "Compared with 2021/22" in pdf
    )
    assert len(html.select("table.compared")) == len(previous["questions"])
    # Carried-over priorities say so (the new one does not).
    assert md.count("This was a priority in 2021/22 too.") == docx.count("This was a priority in 2021/22 too.") >= 2
    carried = {p["key"] for p in data["priorities"] if p["carried_from"] == "2021/22"}
    assert "child_mental_health" in carried and "out_of_school_settings" not in carried
    # Every row of the CSV of changes matches the JSON, and a change is there only between two shown shares.
    rows = list(csv.DictReader(io.StringIO(files["you-said-we-did-2022-23-compared.csv"].read_text("utf-8-sig"))))
    answers = [r for r in rows if r["answer_value"]]
    assert len(answers) == sum(len(q["rows"]) for q in previous["questions"])
    for r in answers:
        both_shown = r["note_before"] == "" and r["note"] == "" and r["percent_before"] and r["percent"]
        assert (r["change_points"] != "") == bool(both_shown), r
        if both_shown:
            assert int(r["change_points"]) == int(r["percent"]) - int(r["percent_before"])
        else:  # a held-back number leaves no trace: no count, no difference
            assert r["count_before" if r["note_before"] else "count"] == ""


def test_a_difference_never_gives_away_a_number_held_back(demo_db: str) -> None:
    with opened(demo_db) as db:
        report = outputs.build_report(db, "2022/23", default_answer_reader().taxonomy)
    assert report.previous is not None
    rows = [r for q in report.previous.questions for r in q.rows]
    held_back = [r for r in rows if not (r.now.state == SHOWN and r.before.state == SHOWN)]
    assert held_back, "the demo has answers too few to show in one of the years"
    assert all(r.change is None for r in held_back)
    assert all(r.change == (r.now.percent or 0) - (r.before.percent or 0) for r in rows if r.change is not None)
    assert all(c.n is None for r in held_back for c in (r.now, r.before) if c.state != SHOWN)


def test_last_years_figures_are_those_it_published_even_after_late_answers(demo_db: str, tmp_path: Path) -> None:
    """Answers imported late for a year already published must not change the figures shown for it beside
    the next year: two versions of one count would give the late ones away by subtraction."""
    db_path = copy_of(demo_db, tmp_path)
    published = Catalogue(db_path, EXAMPLES).current("ypag-priorities")
    assert published is not None
    taxonomy = default_answer_reader().taxonomy
    with opened(db_path) as db:
        before = outputs.build_report(db, "2022/23", taxonomy).previous
        import random

        rng = random.Random(1)
        for i in range(3):
            record(
                db,
                published,
                synthetic_answers(published, rng, []),
                "paper",
                RecordOptions(today=dt.date(2021, 6, 1 + i)),
            )
        after = outputs.build_report(db, "2022/23", taxonomy).previous
        last_year = outputs.published(db, "2021/22")
    assert before is not None and after is not None and last_year is not None
    assert after == before
    assert after.responses == last_year.responses


def test_the_public_page_says_what_was_said_last_year_and_links_priorities_carried_over(demo_db: str) -> None:
    settings = Settings(db_path=demo_db, surveys_dir=str(EXAMPLES), secret="years")
    with TestClient(create_app(settings)) as client:
        page = check_page(client.get("/you-said-we-did/2022-23").text)
        assert "Last year (2021/22) you told us most about" in page.get_text(" ")
        link = page.select_one('a[href="/you-said-we-did/2021-22#priority-child_mental_health"]')
        assert link is not None and "2021/22" in link.get_text()
        assert page.select("table.compared")
        # The earlier year's page has the anchor the link goes to.
        earlier = check_page(client.get("/you-said-we-did/2021-22").text)
        assert earlier.select_one("#priority-child_mental_health") is not None


@pytest.mark.parametrize(("lang", "name"), [("ur", URDU_NAME), ("pl", POLISH_NAME)])
def test_the_partnerships_words_in_urdu_and_polish_with_english_marked_where_not_given(
    demo_db: str, lang: str, name: str
) -> None:
    settings = Settings(db_path=demo_db, surveys_dir=str(EXAMPLES), secret="years")
    with TestClient(create_app(settings)) as client:
        client.get(f"/language/{lang}")
        page = check_page(client.get("/you-said-we-did/2022-23").text)
    assert page.find("html")["lang"] == lang
    heading = page.select_one("#priority-child_mental_health")
    assert heading.get_text(strip=True) == name and heading.find(attrs={"lang": "en"}) is None
    english = page.select('main [lang="en"]')
    assert any(ENGLISH_ONLY_ACTION in tag.get_text() for tag in english)  # marked as English, not unmarked
    assert all(tag.get("dir") == "ltr" for tag in english)
    notice = translate(
        lang,
        "Some parts of this report are not in %(language)s yet, so they are shown in %(shown)s.",
        language=language_name(lang, lang),
        shown=language_name("en", lang),
    )
    assert notice in page.get_text()


@pytest.mark.parametrize("lang", ["ur", "pl"])
def test_every_format_takes_the_partnerships_words_in_the_chosen_language(
    demo_db: str, tmp_path: Path, lang: str
) -> None:
    name = {"ur": URDU_NAME, "pl": POLISH_NAME}[lang]
    files = export(demo_db, tmp_path, "2022/23", "md", "docx", "html", "pdf", "leaflet", locale=lang)
    md = files["you-said-we-did-2022-23.md"].read_text()
    docx = Document(str(files["you-said-we-did-2022-23.docx"]))
    html = BeautifulSoup(files["you-said-we-did-2022-23.html"].read_text(), "html.parser")
    pdf = " ".join(page.extract_text() for page in PdfReader(str(files["you-said-we-did-2022-23.pdf"])).pages)
    assert f"## {name}" in md and ENGLISH_ONLY_ACTION in md
    assert name in [p.text for p in docx.paragraphs if p.style.name == "Heading 2"]
    # Charts in Word for either language (Urdu's right to left, its letters joined), each with alt text in it.
    words = translate(
        lang, "Bar chart of the answers to the question %(question)s: %(answers)s", question="\0", answers="\0"
    )
    alt = max(words.split("\0"), key=len)  # the message's own words, around the question and answers
    pictures = docx.inline_shapes
    assert len(pictures) >= 5 and all(alt in p._inline.docPr.get("descr", "") for p in pictures)
    assert html.select_one("#priority-child_mental_health").get_text(strip=True) == name
    if lang == "pl":  # pypdf reads Polish text back; Urdu's joined letters come back in another order
        assert name in " ".join(pdf.split())


def test_a_translation_is_dropped_once_its_english_is_changed(demo_db: str, tmp_path: Path) -> None:
    """A facilitator renames a priority on the staff page: its Urdu and Polish name (made from the old English)
    is no longer shown anywhere, the staff page says why, and the outcomes' translation still holds."""
    from tests.conftest import sign_in

    db_path = copy_of(demo_db, tmp_path)
    with opened(db_path) as db:
        p = next(p for p in priorities(db, "2022/23") if p.key == "child_mental_health")
    assert p.translations["ur"]["name"] == URDU_NAME and not p.stale_translations
    with TestClient(create_app(staff_settings(db_path))) as client:
        sign_in(client, "sam@example.org")
        card = check_page(client.get("/staff/priorities?year=2022-23").text).select_one(f"#priority-{p.id}")
        assert "Also in Urdu and Polish." in card.get_text(" ", strip=True)
        token = check_page(client.get("/staff/priorities?year=2022-23").text).find(
            "input", attrs={"name": "_csrf_token"}
        )["value"]
        response = client.post(
            "/staff/priorities",
            data={
                "_csrf_token": token,
                "year": "2022-23",
                "priority_id": str(p.id),
                "key": p.key,
                "name": "Children's mental health",
                "outcomes": "\n".join(p.outcomes),
                "topics": p.topics,
            },
            follow_redirects=False,
        )
        assert response.status_code == 303
        card = check_page(client.get("/staff/priorities?year=2022-23").text).select_one(f"#priority-{p.id}")
        assert "Partly not shown in Urdu and Polish: the English has changed since it was translated." in card.get_text(
            " ", strip=True
        )
    with opened(db_path) as db:
        edited = next(p for p in priorities(db, "2022/23") if p.key == "child_mental_health")
        assert "name" not in edited.translations["ur"]  # the outcomes' translation still holds
        assert edited.translations["ur"]["outcomes"] == p.translations["ur"]["outcomes"]
        report = outputs.in_language(outputs.build_report(db, "2022/23", default_answer_reader().taxonomy), "ur")
    section = next(s for s in report.priorities if s.key == "child_mental_health")
    assert (section.name, section.lang) == ("Children's mental health", "en")  # wholly English, not half


def test_topic_names_are_given_in_the_readers_language(demo_db: str) -> None:
    from voice.reading.themes import TOPIC_NAMES, default_taxonomy

    assert sorted(TOPIC_NAMES) == sorted(t.name for t in default_taxonomy().topics)
    with opened(demo_db) as db:
        report = outputs.published(db, "2022/23")
    assert report is not None and report.previous is not None
    line = outputs.told_line("pl", outputs.in_language(report, "pl"))
    assert line.startswith("W zeszłym roku (2021/22)")
    assert all(translate("pl", t) in line for t in report.previous.told)
    assert not any(t in line for t in report.previous.told)  # no English name left in the sentence


def test_the_staff_preview_shows_the_report_as_a_reader_of_that_language_gets_it(demo_db: str, tmp_path: Path) -> None:
    from tests.conftest import sign_in

    with TestClient(create_app(staff_settings(copy_of(demo_db, tmp_path)))) as client:
        client.get("/language/pl")
        sign_in(client, "sam@example.org")
        page = check_page(client.get("/staff/reports?year=2022-23").text)
    assert page.select_one("#priority-child_mental_health").get_text(strip=True) == POLISH_NAME
    assert any(ENGLISH_ONLY_ACTION in tag.get_text() for tag in page.select('main [lang="en"]'))
