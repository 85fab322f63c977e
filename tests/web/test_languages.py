"""Languages and easy read, through HTTP: the switcher, Accept-Language, a survey's own translations,
right-to-left pages, the notice when a survey is not in the chosen language, and easy read."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from litestar.testing import TestClient

from tests.conftest import answer_all, extracted_messages, get_page, send
from voice.common.i18n import LOCALE_DIR
from voice.common.settings import Settings

DATA = Path(__file__).parent.parent / "data" / "surveys"
SLUG = "ypag-priorities"  # the example survey with Urdu, Polish and easy-read words


def po_text(locale: str, message: str) -> str:
    """The committed translation of one message: the tests read the .po, the app the compiled .mo."""
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return str(read_po(f).get(message).string)


@pytest.fixture
def english_only(surveys_dir: Path) -> str:
    """A survey with no translations, beside the examples (which are all in Urdu and Polish too)."""
    shutil.copy(DATA / "minimal.yaml", surveys_dir / "english-only.yaml")
    return "english-only"


def test_accept_language_picks_urdu_right_to_left(english_only: str, client: TestClient) -> None:
    client.headers["accept-language"] = "ur-PK,ur;q=0.9,en;q=0.5"
    soup = get_page(client, "/")
    assert soup.html["lang"] == "ur" and soup.html["dir"] == "rtl"
    assert soup.h1.get_text(strip=True) == po_text("ur", "Have your say")
    # The survey with an Urdu translation is listed in Urdu; the others in English, marked as such.
    cards = {a["href"]: a for a in soup.select(".survey-card a")}
    assert cards[f"/s/{SLUG}"].get_text(strip=True) == "ہمیں اگلے سال کس چیز پر توجہ دینی چاہیے؟"
    assert "lang" not in cards[f"/s/{SLUG}"].attrs
    assert cards[f"/s/{english_only}"]["lang"] == "en"
    assert "انگریزی" in cards[f"/s/{english_only}"].find_parent("li").get_text()  # "In English", in Urdu


def test_the_switcher_is_a_plain_link_that_wins_over_the_browser(client: TestClient) -> None:
    client.headers["accept-language"] = "ur"
    soup = get_page(client, f"/s/{SLUG}")
    links = {a.get_text(strip=True): a for a in soup.select("nav.languages a")}
    assert set(links) == {"English", "اردو", "Polski"}
    assert links["اردو"].get("aria-current") == "true" and links["Polski"]["lang"] == "pl"
    response = client.get(links["Polski"]["href"], follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/s/{SLUG}"
    cookie = response.headers["set-cookie"]
    assert "voice_lang=pl" in cookie and "expires" not in cookie.lower() and "max-age" not in cookie.lower()
    soup = get_page(client, f"/s/{SLUG}")
    assert soup.html["lang"] == "pl" and soup.html["dir"] == "ltr"
    assert soup.h1.get_text(strip=True) == "Na czym mamy się skupić w przyszłym roku?"


def test_the_switcher_only_goes_back_to_this_site(client: TestClient) -> None:
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.get("/language/pl", params={"next": target}, follow_redirects=False)
        assert response.headers["location"] == "/", target
    assert client.get("/language/klingon", follow_redirects=False).status_code == 404


def test_a_whole_survey_in_polish_stores_the_same_answers_as_in_english(client: TestClient, settings: Settings) -> None:
    client.get("/language/pl")
    check_url, _seen = answer_all(client, SLUG)
    soup = get_page(client, check_url)
    text = soup.get_text(" ")
    assert po_text("pl", "Check your answers before sending them") in text
    assert "od 10 do 13" in text and "How old are you?" not in text  # the survey's own Polish words
    receipt = send(client, SLUG)
    thanks = get_page(client, f"/s/{SLUG}/thanks")
    assert thanks.h1.get_text(strip=True) == po_text("pl", "Thank you, your answers have been sent")
    assert receipt in thanks.get_text()
    client.get("/language/en")
    _english_check, _ = answer_all(client, SLUG)
    send(client, SLUG)
    with sqlite3.connect(settings.db_path) as db:
        stored = [
            json.loads(a)
            for (a,) in db.execute(
                "SELECT json_group_object(question_id, value) FROM answers GROUP BY response_id ORDER BY response_id"
            )
        ]
    assert len(stored) == 2 and stored[0] == stored[1], "the same choices are stored whatever the language"


def test_page_with_errors_in_urdu_names_the_problem_in_urdu(client: TestClient) -> None:
    client.get("/language/ur")
    start = get_page(client, f"/s/{SLUG}")
    first = client.post(
        f"/s/{SLUG}/start",
        data={"_csrf_token": start.find("input", attrs={"name": "_csrf_token"})["value"]},
        follow_redirects=False,
    ).headers["location"]
    page = get_page(client, first)
    response = client.post(
        first,
        data={"_csrf_token": page.find("input", attrs={"name": "_csrf_token"})["value"], "age_band": "not-a-choice"},
    )
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.html["dir"] == "rtl"
    assert soup.title.get_text().startswith(po_text("ur", "Error:") + " " + soup.h1.get_text(strip=True))
    assert soup.select_one(".error-summary-title").get_text(strip=True) == po_text("ur", "There is a problem")
    assert po_text("ur", "Select one of the answers shown.") in soup.select_one(".error-summary-list").get_text()


def test_a_survey_not_in_the_chosen_language_says_so_in_that_language(english_only: str, client: TestClient) -> None:
    client.get("/language/ur")
    soup = get_page(client, f"/s/{english_only}")
    assert soup.html["lang"] == "en" and soup.html["dir"] == "ltr"
    notice = soup.find("p", attrs={"lang": "ur"})
    assert notice is not None and notice["dir"] == "rtl"
    assert "انگریزی" in notice.get_text()  # "English", in Urdu
    assert not soup.select("nav.languages"), "nothing to switch to: the survey is only in English"


def test_easy_read_shows_short_words_and_pictures_with_alt_text(client: TestClient) -> None:
    soup = get_page(client, f"/s/{SLUG}")
    toggle = soup.select_one(".easy-read-switch a")
    assert toggle is not None and toggle["href"].startswith("/easy-read/on")
    client.get(toggle["href"])
    _check_url, seen = answer_all(client, SLUG)
    page = get_page(client, seen[1])
    assert "What should we work hardest on?" in page.get_text()
    pictures = page.select("label.choice-label img")
    assert len(pictures) == 7 and all(img["alt"] for img in pictures)
    assert client.get(pictures[0]["src"]).headers["content-type"].startswith("image/svg+xml")
    assert page.select_one(".easy-read-switch a")["href"].startswith("/easy-read/off")
    client.get("/easy-read/off")
    standard = get_page(client, seen[1])
    assert "Which of these should the partnership work hardest on?" in standard.get_text()
    assert not standard.select("label.choice-label img")


def test_easy_read_is_offered_only_in_the_survey_own_language(client: TestClient) -> None:
    client.get("/easy-read/on")
    client.get("/language/pl")
    soup = get_page(client, f"/s/{SLUG}")
    assert not soup.select(".easy-read-switch"), "the easy-read words are English; Polish readers get Polish"
    assert soup.h1.get_text(strip=True) == "Na czym mamy się skupić w przyszłym roku?"


def test_catalogues_are_compiled_from_the_committed_words() -> None:
    """The app reads compiled .mo files (made by the build); they must say what the .po files say."""
    from voice.common.i18n import translations

    for locale in ("ur", "pl"):
        po = LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po"
        mo = po.with_suffix(".mo")
        assert mo.exists(), f"{mo} is missing: reinstall (pip install -e .) to compile the catalogues"
        with po.open("rb") as f:
            catalog = read_po(f)
        stale = [
            m.id
            for m in catalog
            if m.id and not m.pluralizable and not m.fuzzy and translations(locale).gettext(m.id) != m.string
        ]
        assert not stale, f"{mo} is older than {po.name}: reinstall to recompile ({stale[:3]})"


def test_every_message_is_translated_into_urdu_and_polish_with_its_placeholders(tmp_path: Path) -> None:
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted_messages(tmp_path) if m.id}
    for locale in ("ur", "pl"):
        with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
            catalog = read_po(f, locale=locale)
        done = {
            m.id if isinstance(m.id, str) else m.id[0]
            for m in catalog
            if m.id and not m.fuzzy and (all(m.string) if m.pluralizable else m.string)
        }
        missing = sorted(wanted - done)
        assert not missing, f"{locale}: not translated (run python tools/translations.py update): {missing[:5]}"
        problems = [(m.id, e) for m, errors in catalog.check() for e in errors]
        assert not problems, f"{locale}: {problems[:3]}"


def demo_report_in_urdu(tmp_path: Path, surveys: Path) -> BeautifulSoup:
    """The demo's 2021/22 report as an Urdu reader gets it, with the survey files in `surveys`."""
    from voice.demo import seed
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate
    from voice.web.app import create_app

    settings = Settings(db_path=str(tmp_path / "d.db"), surveys_dir=str(surveys), secret="r")
    migrate(settings.db_path)
    seed(Catalogue(settings.db_path, surveys))
    with TestClient(create_app(settings)) as client:
        client.headers["accept-language"] = "ur"
        soup = get_page(client, "/you-said-we-did/2021-22")
    assert soup.html["lang"] == "ur" and soup.html["dir"] == "rtl"
    assert soup.select_one(".help-title").get_text(strip=True) == po_text("ur", "Need to talk to someone now?")
    return soup


def test_a_published_report_with_no_urdu_is_wholly_english_inside_an_urdu_page(tmp_path: Path) -> None:
    """A report none of whose words the partnership or its surveys gave in Urdu: an Urdu reader gets the page
    around it in Urdu and the report marked as English, not English words dropped into Urdu sentences."""
    from voice.common.settings import REPO_DIR

    surveys = tmp_path / "surveys"
    surveys.mkdir()
    for path in (REPO_DIR / "surveys").glob("*.yaml"):  # the example surveys without their translations
        text = path.read_text(encoding="utf-8")
        (surveys / path.name).write_text(text[: text.index("\ntranslations:")] + "\n", encoding="utf-8")
    soup = demo_report_in_urdu(tmp_path, surveys)
    body = soup.select_one("main div[lang=en]")
    assert body is not None and body["dir"] == "ltr"
    assert "انگریزی" in body.find_previous_sibling("p", class_="notice").get_text()  # "English", in Urdu
    assert "We did" in body.get_text() and po_text("ur", "We did") not in body.get_text()


def test_a_published_report_in_urdu_marks_the_parts_still_in_english(tmp_path: Path) -> None:
    """The surveys give their words in Urdu; 2021/22's priorities and actions are in English only: the
    report is in Urdu with each English priority and action marked as English, and says so."""
    from voice.common.settings import REPO_DIR

    main = demo_report_in_urdu(tmp_path, REPO_DIR / "surveys").select_one("main")
    assert "انگریزی" in main.select_one("p.notice").get_text()
    assert po_text("ur", "You said") in main.get_text()
    heading = main.select_one("#priority-child_mental_health")
    english = heading.find(attrs={"lang": "en"})
    assert english is not None and english["dir"] == "ltr" and english.get_text() == heading.get_text(strip=True)
    results = main.select_one("#results-ypag-priorities")  # the survey's own title, in Urdu: not marked
    assert results.find(attrs={"lang": "en"}) is None and "ہمیں اگلے سال" in results.get_text()


def test_messages_on_a_survey_page_are_in_the_page_language_not_the_chosen_one(
    english_only: str, client: TestClient
) -> None:
    """A visitor who chose Urdu answering an English-only survey: its error messages are English too."""
    client.get("/language/ur")
    start = get_page(client, f"/s/{english_only}")
    token = start.find("input", attrs={"name": "_csrf_token"})["value"]
    response = client.post(f"/s/{english_only}/start", data={"_csrf_token": token, "leave_blank": "bot"})
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.html["lang"] == "en"
    assert (
        soup.select_one(".error-summary-list").get_text(strip=True)
        == "Leave the last box empty, then press the button again."
    )
