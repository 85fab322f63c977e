"""What a young person meets on the survey pages (#27 items 7, 10 and 11): the language switcher keeps
what was typed, the page count never grows, the switcher is in one order everywhere, a receipt code
used twice is told it was used, and "Exit this page" leaves no way back where it can."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from litestar.testing import TestClient

from tests.conftest import answer_all, csrf, get_page, send, start
from tests.web.test_languages import po_text

SENSITIVE = "domestic-abuse-support"  # pages: before you start, getting support (a text box), ...


def _page_with_text_box(client: TestClient) -> str:
    first = start(client, SENSITIVE)
    soup = get_page(client, first)
    response = client.post(first, data={"_csrf_token": csrf(soup)}, follow_redirects=False)
    assert response.status_code == 303
    return response.headers["location"]


def test_switching_language_in_the_middle_of_a_page_keeps_what_was_typed(client: TestClient) -> None:
    url = _page_with_text_box(client)
    soup = get_page(client, url)
    form = soup.find("form", attrs={"action": url})
    switch = {b.get_text(strip=True): b for b in soup.select("nav.languages button")}
    assert set(switch) == {"English", "اردو", "Polski"}, "on a page with a form the switcher sends the form"
    polski = switch["Polski"]
    assert polski["form"] == form["id"] and polski["name"] and polski["value"] == "pl"
    typed = "a worker to text me while i waited"
    response = client.post(
        url,
        data={"_csrf_token": csrf(soup), "waiting_coping": typed, polski["name"]: polski["value"]},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == url
    assert "voice_lang=pl" in response.headers["set-cookie"]
    again = get_page(client, url)
    assert again.html["lang"] == "pl"
    assert again.find("textarea", attrs={"name": "waiting_coping"}).get_text() == typed
    assert not again.select(".error-summary"), "changing language is not pressing Continue"


def test_switching_language_keeps_an_answer_that_would_not_pass_the_checks(client: TestClient) -> None:
    url = _page_with_text_box(client)
    soup = get_page(client, url)
    too_long = "x" * 1600  # over the box's 1,500 characters: kept to be shortened, not lost
    response = client.post(url, data={"_csrf_token": csrf(soup), "waiting_coping": too_long, "_language": "ur"})
    assert response.status_code == 200
    page = BeautifulSoup(response.text, "html.parser")
    assert page.html["lang"] == "ur" and page.html["dir"] == "rtl"
    assert page.find("textarea", attrs={"name": "waiting_coping"}).get_text() == too_long
    assert not page.select(".error-summary")


def test_the_page_count_never_grows_as_questions_are_answered(client: TestClient) -> None:
    def counted(url: str) -> tuple[int, int]:
        text = get_page(client, url).select_one(".progress").get_text(strip=True)
        position, total = (int(n) for n in text.replace("Page", "").split("of"))
        return position, total

    url = start(client, SENSITIVE)
    totals = []
    while "/p/" in url:
        totals.append(counted(url))
        soup = get_page(client, url)
        data = {"_csrf_token": csrf(soup)}
        if soup.find(attrs={"name": "repeat_story"}) is not None:
            data["repeat_story"] = "yes"  # shows the page "Telling your story again"
        response = client.post(url, data=data, follow_redirects=False)
        url = response.headers["location"]
    positions = [p for p, _ in totals]
    assert positions == list(range(1, len(totals) + 1))
    assert all(total == totals[-1][1] for _, total in totals), totals
    assert totals[-1][0] == totals[-1][1]


def test_the_language_switcher_is_in_the_same_order_on_every_page(client: TestClient) -> None:
    orders = []
    for url in ("/", "/withdraw", f"/s/{SENSITIVE}", "/s/ypag-priorities", "/you-said-we-did"):
        soup = get_page(client, url)
        orders.append([e.get_text(strip=True) for e in soup.select("nav.languages a, nav.languages button")])
    assert all(order == orders[0] for order in orders), orders


def test_a_receipt_used_a_second_time_is_told_the_answers_were_taken_back(client: TestClient) -> None:
    answer_all(client, "ypag-priorities")
    receipt = send(client, "ypag-priorities")
    for attempt in (1, 2):
        soup = get_page(client, "/withdraw")
        response = client.post(
            "/withdraw", data={"_csrf_token": csrf(soup), "receipt": receipt}, follow_redirects=False
        )
        if attempt == 1:
            assert response.status_code == 303
    assert response.status_code == 422
    said = BeautifulSoup(response.text, "html.parser").select_one(".error-summary-list").get_text(" ", strip=True)
    assert "already taken back" in said and "cannot find" not in said
    response = client.delete(f"/api/responses/{receipt}")
    assert response.status_code == 404 and "already taken back" in response.json()["message"]


def test_exit_this_page_replaces_history_where_javascript_runs_and_says_how_to_clear_it(client: TestClient) -> None:
    soup = get_page(client, f"/s/{SENSITIVE}")
    exit_link = soup.select_one("a.exit-button")
    assert exit_link is not None and exit_link.has_attr("data-exit-this-page")
    script = client.get("/static/js/voice.js").text
    assert "location.replace" in script and "data-exit-this-page" in script
    advice = soup.select_one("[data-clear-history]")
    assert advice is not None and "history" in advice.get_text().lower()
    assert "private" in advice.get_text().lower() or "incognito" in advice.get_text().lower()
    client.get("/language/pl")
    polish = get_page(client, f"/s/{SENSITIVE}").select_one("[data-clear-history]").get_text(" ", strip=True)
    assert polish != advice.get_text(" ", strip=True), "the advice is translated"
    assert po_text("pl", "Exit this page") in get_page(client, f"/s/{SENSITIVE}").text


def test_what_we_did_before_marks_the_partnership_words_still_in_english_on_a_polish_start_page(tmp_path: Path) -> None:
    """The demo's 2021/22 priorities and actions are in English only: on the Polish start page of the survey
    they fed, they are marked as English (for screen readers), inside a Polish sentence; 2022/23's are in Polish."""
    from voice.common.settings import REPO_DIR, Settings
    from voice.demo import seed
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate
    from voice.web.app import create_app

    settings = Settings(db_path=str(tmp_path / "d.db"), surveys_dir=str(REPO_DIR / "surveys"), secret="r")
    migrate(settings.db_path)
    seed(Catalogue(settings.db_path, REPO_DIR / "surveys"))
    with TestClient(create_app(settings)) as demo:
        demo.get("/language/pl")
        told = get_page(demo, f"/s/{SENSITIVE}").select_one("main .notice")
        english = told.select("[lang=en]")
        assert told.get_text().startswith("W 2021/22") and len(english) == 2
        assert all(e["dir"] == "ltr" for e in english)
        assert "Domestic abuse" in english[0].get_text()
        polish = get_page(demo, "/s/emotional-health-wellbeing").select_one("main .notice")
        assert polish.select("[lang]") == [] and "Zdrowie psychiczne" in polish.get_text()


def test_the_easy_read_start_page_names_priorities_and_actions_in_easy_words(tmp_path: Path) -> None:
    """#27 item 9: easy read everywhere a young person reads: the priorities and what was done, on the
    easy-read start page, in the easy words the priorities file gives (its `easy_name` and `easy_title`),
    not "Keeping adolescents safe" or "Safeguarding in independent and out of school settings"."""
    import yaml

    from voice.common.settings import REPO_DIR, Settings
    from voice.demo import seed
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate
    from voice.web.app import create_app

    plan = yaml.safe_load((REPO_DIR / "src/voice/data/demo_plan_2022-23.yaml").read_text(encoding="utf-8"))
    easy = {p["name"]: p["easy_name"] for p in plan["priorities"]} | {
        a["title"]: a["easy_title"] for a in plan["actions"]
    }
    settings = Settings(db_path=str(tmp_path / "d.db"), surveys_dir=str(REPO_DIR / "surveys"), secret="r")
    migrate(settings.db_path)
    seed(Catalogue(settings.db_path, REPO_DIR / "surveys"))
    with TestClient(create_app(settings)) as demo:
        usual = get_page(demo, "/s/ypag-priorities").select_one("main .notice").get_text(" ", strip=True)
        demo.get("/easy-read/on")
        told = get_page(demo, "/s/ypag-priorities").select_one("main .notice").get_text(" ", strip=True)
        shown = [name for name in easy if name in usual]
        assert len(shown) >= 3, usual
        for name in shown:
            assert name not in told and easy[name] in told, (name, told)
        assert "adolescents" not in told and "independent" not in told
        demo.get("/easy-read/off")
        assert get_page(demo, "/s/ypag-priorities").select_one("main .notice").get_text(" ", strip=True) == usual
    # The easy-read leaflet too: its headings are the priorities' easy names.
    from voice.reading.themes import default_taxonomy
    from voice.reporting import outputs
    from voice.reporting.exports import leaflet_html
    from voice.store.db import opened

    with opened(settings.db_path) as db:
        report = outputs.build_report(db, "2022/23", default_taxonomy())
    headings = [h.get_text(strip=True) for h in BeautifulSoup(leaflet_html(report, easy=True), "html.parser")("h2")]
    assert any(easy[p["name"]] in headings for p in plan["priorities"]), headings
    assert not any(p["name"] in headings for p in plan["priorities"] if p["name"] != easy[p["name"]]), headings


def test_every_page_names_an_icon_the_site_serves(client: TestClient) -> None:
    """A new user's browser asked for /favicon.ico on every page and got 404 (twenty-third session): each page names
    its icon, and the site serves it."""
    icon = get_page(client, "/").find("link", rel="icon")
    assert icon is not None and icon["href"].startswith("/static/")
    served = client.get(icon["href"])
    assert served.status_code == 200 and served.headers["content-type"].startswith("image/svg+xml")
