"""The facilitators' path through HTTP: sign in, filter, correct a topic, propose a quote, a second
person approves, the quote is published; and the rules that protect young people on the way."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import settings as settings_
from hypothesis import strategies as st
from litestar.testing import TestClient

from tests.conftest import EXAMPLES, add, check_page, csrf, get_page, sign_in
from voice.common.settings import Settings
from voice.web.app import create_app

ANSWERS = [
    {"most_important": "Waiting months for CAMHS made everything worse", "quote_ok": "yes"},
    {"most_important": "The youth worker listened to me and it really helped", "quote_ok": "yes"},
    {"most_important": "More youth clubs in the evenings", "quote_ok": "no"},
    {"most_important": "My dad hits me when he is angry", "quote_ok": "yes"},
]


def submit_all(client: TestClient) -> None:
    for answers in ANSWERS:
        assert client.post("/api/surveys/ypag-priorities/responses", json={"answers": answers}).status_code == 201


def answer_id(settings: Settings, words: str) -> int:
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute("SELECT id FROM answers WHERE text LIKE ?", [f"%{words}%"]).fetchone()[0]


def test_sign_in_filter_correct_propose_approve_publish(client: TestClient, settings: Settings) -> None:
    submit_all(client)
    add(settings, "sam@example.org", "facilitator")
    add(settings, "alex@example.org", "facilitator")
    sign_in(client, "sam@example.org")

    everything = get_page(client, "/staff/responses")
    assert "4 answers match." in everything.get_text()
    waiting = get_page(client, "/staff/responses?topic=waiting_for_support")
    assert "1 answer matches." in waiting.get_text() and "Waiting months for CAMHS" in waiting.get_text()
    searched = get_page(client, "/staff/responses?q=youth+club")  # full-text search, stemmed
    assert "1 answer matches." in searched.get_text() and "youth clubs" in searched.get_text()
    assert "1 answer matches." in get_page(client, "/staff/responses?flagged=yes").get_text()
    # Mental health, bullying, school and being listened to feed it: the CAMHS and youth worker answers.
    assert "2 answers match." in get_page(client, "/staff/responses?priority=child_mental_health").get_text()
    today = get_page(client, "/staff/responses?since=2000-01-01&until=2999-12-31").get_text()
    assert "4 answers match." in today
    assert "0 answers match." in get_page(client, "/staff/responses?until=2000-01-01").get_text()
    with sqlite3.connect(settings.db_path) as conn:
        version_id = conn.execute("SELECT version_id FROM responses LIMIT 1").fetchone()[0]
    assert "4 answers match." in get_page(client, f"/staff/responses?version={version_id}").get_text()
    assert "0 answers match." in get_page(client, f"/staff/responses?version={version_id + 99}").get_text()
    # How an answer came in, named as the answer's own page names it (a new user found "Web form" and "API" here,
    # "Online form" there).
    ways = [o.get_text() for o in everything.select("#channel option")][1:]
    assert ways == ["Online form", "Another app (API)", "Paper form", "Session or group", "Imported file"], ways
    # Each version is named by its place and its day, never by a hash code (a new user found "· 3f9a0c1e").
    named = [o.get_text() for o in everything.select("#version option")][1:]
    assert named and all(re.fullmatch(r".+ · version 1, from \d{1,2} [A-Z][a-z]+ \d{4}", o) for o in named), named

    helped = answer_id(settings, "really helped")
    page = get_page(client, f"/staff/answers/{helped}")
    assert "because of the words" in page.get_text()
    response = client.post(
        f"/staff/answers/{helped}/themes",
        data={
            "_csrf_token": csrf(page),
            "topics": ["being_listened_to", "friends_loneliness"],
            "sentiment": "positive",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    corrected = get_page(client, "/staff/responses?topic=friends_loneliness")  # only the corrected one
    assert "1 answer matches." in corrected.get_text()
    card = next(c for c in corrected.select(".answer-card") if "really helped" in c.get_text())
    assert "Checked by a person" in card.get_text() and "Positive" in card.get_text()

    page = get_page(client, f"/staff/answers/{helped}")
    client.post(
        f"/staff/answers/{helped}/quotes",
        data={
            "_csrf_token": csrf(page),
            "quote": "The youth worker listened to me and it really helped",
            "attribution": "(YPAG)",
        },
        follow_redirects=False,
    )
    proposed = get_page(client, "/staff/quotes")
    assert "The youth worker listened to me" in proposed.get_text()
    quote_id = proposed.select_one("li[id^=quote-]")["id"].split("-")[1]

    # The proposer is not offered an Approve button for their own quote, and is told why (a new user pressed it and
    # was refused only then); they may still reject it.
    mine = proposed.select_one(f"li#quote-{quote_id}")
    assert mine.find("form", action=f"/staff/quotes/{quote_id}/approve") is None
    assert mine.find("form", action=f"/staff/quotes/{quote_id}/reject") is not None
    assert "Someone other than you must approve it" in mine.get_text()
    own = client.post(f"/staff/quotes/{quote_id}/approve", data={"_csrf_token": csrf(proposed), "showing": "proposed"})
    assert own.status_code == 409 and "/staff/quotes?" in str(own.url)  # said on the quotes page
    assert "Someone other than the person who proposed" in check_page(own.text, errors=True).get_text()

    client.cookies.clear()
    sign_in(client, "alex@example.org")
    proposed = get_page(client, "/staff/quotes")
    assert proposed.find("form", action=f"/staff/quotes/{quote_id}/approve") is not None  # another person: offered
    assert (
        client.post(
            f"/staff/quotes/{quote_id}/approve",
            data={"_csrf_token": csrf(proposed), "showing": "proposed"},
            follow_redirects=False,
        ).status_code
        == 303
    )
    approved = get_page(client, "/staff/quotes?status=approved")
    assert (
        client.post(
            f"/staff/quotes/{quote_id}/publish",
            data={"_csrf_token": csrf(approved), "showing": "approved"},
            follow_redirects=False,
        ).status_code
        == 303
    )
    published = get_page(client, "/staff/quotes?status=published").get_text()
    assert "“The youth worker listened to me and it really helped” (YPAG)" in published
    # linked to the corrected topics and the priorities they feed (from the taxonomy)
    assert "Topics: Being listened to and involved, Friends and loneliness" in published
    assert "Priorities: Child mental health, Covid, Domestic abuse" in published  # no year has named them: in words
    assert "decided by alex@example.org" in published

    with sqlite3.connect(settings.db_path) as conn:
        actions = [a for (a,) in conn.execute("SELECT action FROM audit_log WHERE actor != 'system' ORDER BY id")]
    assert actions[-5:] == ["themes corrected", "quote proposed", "signed in", "quote approved", "quote published"]


def test_consent_and_open_flags_hold_answers_back_from_quotes(client: TestClient, settings: Settings) -> None:
    submit_all(client)
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    for words, reason in (
        ("youth clubs", "did not say yes to being quoted"),
        ("dad hits", "has not yet reviewed the flag"),
    ):
        page = get_page(client, f"/staff/answers/{answer_id(settings, words)}")
        assert reason in page.get_text()
        assert page.find("form", attrs={"action": lambda a: a and a.endswith("/quotes")}) is None
        refused = client.post(
            f"/staff/answers/{answer_id(settings, words)}/quotes",
            data={"_csrf_token": csrf(page), "quote": words, "attribution": "(YPAG)"},
        )
        assert refused.status_code == 422
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM quotes").fetchone() == (0,)


def test_viewers_read_but_do_not_change(client: TestClient, settings: Settings) -> None:
    submit_all(client)
    add(settings, "val@example.org", "viewer")
    sign_in(client, "val@example.org")
    helped = answer_id(settings, "really helped")
    page = get_page(client, f"/staff/answers/{helped}")
    assert page.find("form", attrs={"action": f"/staff/answers/{helped}/themes"}) is None
    refused = client.post(f"/staff/answers/{helped}/themes", data={"_csrf_token": csrf(page), "topics": "covid"})
    assert refused.status_code == 403


def test_search_syntax_is_taken_as_words(client: TestClient, settings: Settings) -> None:
    submit_all(client)
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    for q in ('"unbalanced', "NEAR(", "a OR", "'; DROP TABLE answers; --", "*"):
        page = get_page(client, f"/staff/responses?q={q}")
        assert "match" in page.get_text()
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] >= 4


SQL_LIKE = [
    "'",
    "' OR '1'='1",
    "1; DROP TABLE answers; --",
    '" OR 1=1 --',
    "%",
    "_",
    "') UNION SELECT * FROM staff --",
    "2021-13-45",
    "9999999999999999999999",
    "null",
    "\x00",
    "ü" * 300,
    "²",  # a digit to str.isdigit(), not to int()
]


@settings_(max_examples=60)
@given(
    field=st.sampled_from(
        ["q", "survey", "version", "topic", "priority", "sentiment", "channel", "flagged", "since", "until", "page"]
    ),
    value=st.one_of(st.sampled_from(SQL_LIKE), st.text(max_size=80)),
)
def test_every_filter_takes_any_value_as_data(filter_client: tuple, field: str, value: str) -> None:
    """SQL through any filter of the answers browser is only ever a value: a page or a clear 4xx, never
    a 500, and the stored answers are untouched."""
    client, settings = filter_client
    response = client.get("/staff/responses", params={field: value})
    assert response.status_code in (200, 400, 404, 422), (field, value, response.status_code)
    assert "Traceback" not in response.text
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == 4
        assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] == 1


@pytest.fixture(scope="module")
def filter_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Settings]]:
    root = tmp_path_factory.mktemp("filters")
    settings = Settings(db_path=str(root / "v.db"), surveys_dir=str(EXAMPLES), secret="filters")
    with TestClient(create_app(settings)) as client:
        submit_all(client)
        add(settings, "sam@example.org", "facilitator")
        sign_in(client, "sam@example.org")
        yield client, settings


def test_entering_paper_answers_goes_through_the_same_checks(client: TestClient, settings: Settings) -> None:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    page = get_page(client, "/staff/entry/ypag-priorities")
    too_long = "x" * 1001
    refused = client.post(
        "/staff/entry/ypag-priorities",
        data={"_csrf_token": csrf(page), "channel": "session", "age_band": "14-15", "most_important": too_long},
    )
    assert refused.status_code == 422
    soup = check_page(refused.text, errors=True)
    assert soup.find("input", id="age_band-14-15").has_attr("checked")
    assert soup.find("input", id="channel-session").has_attr("checked")
    saved = client.post(
        "/staff/entry/ypag-priorities",
        data={
            "_csrf_token": csrf(page),
            "channel": "session",
            "age_band": "14-15",
            "most_important": "Sam at school says ring 07700 900123, I feel unsafe at home",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303 and "saved=" in saved.headers["location"]
    assert "Saved. Receipt" in get_page(client, saved.headers["location"]).get_text()
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT channel FROM responses").fetchall() == [("session",)]
        assert conn.execute("SELECT text FROM answers WHERE text IS NOT NULL").fetchone() == (
            "[name] at school says ring [phone], I feel unsafe at home",
        )
        assert conn.execute("SELECT category FROM flags").fetchall() == [("feeling_unsafe",)]
        assert conn.execute(
            "SELECT action FROM audit_log WHERE actor = 'sam@example.org' ORDER BY id DESC"
        ).fetchone() == ("answers entered",)


def test_corrections_teach_later_theming(client: TestClient, settings: Settings) -> None:
    taught = [
        "We need a skatepark for bikes",
        "More bike tracks and a skatepark please",
        "A skatepark would give us somewhere to ride bikes",
        "Fix the bike ramps at the skatepark",
    ]
    others = ["Exams stress me out", "Teachers never listen to us", "I feel anxious before school"]
    for text in taught + others:
        client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": text}})
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    for text in taught + others:
        page = get_page(client, f"/staff/answers/{answer_id(settings, text)}")
        topics = ["health_physical"] if text in taught else ["mental_health", "school_education"]
        client.post(
            f"/staff/answers/{answer_id(settings, text)}/themes",
            data={"_csrf_token": csrf(page), "topics": topics},
            follow_redirects=False,
        )

    client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"most_important": "Somewhere to ride bikes, like a skatepark"}},
    )
    with sqlite3.connect(settings.db_path) as conn:
        topics, matched, version = conn.execute(
            "SELECT topics, matched, version FROM themes ORDER BY answer_id DESC LIMIT 1"
        ).fetchone()
    assert "health_physical" in topics
    assert "learned: skatepark" in matched or "learned: bike" in matched
    assert version.endswith(":learned-7")


def test_what_corrections_teach_keeps_the_reading_the_partnership_chose(settings: Settings) -> None:
    """A correction makes the worker's answer reader again: it must keep VOICE_CLOSE_READER and
    VOICE_CLOSE_FLOOR as set (they were lost: the close reader came back on after the first correction)."""
    chosen = msgspec.structs.replace(settings, close_reader=False, close_floor=1.0)
    with TestClient(create_app(chosen)) as client:
        client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": "More bike tracks"}})
        add(chosen, "sam@example.org", "facilitator")
        sign_in(client, "sam@example.org")
        page = get_page(client, f"/staff/answers/{answer_id(chosen, 'More bike tracks')}")
        client.post(
            f"/staff/answers/{answer_id(chosen, 'More bike tracks')}/themes",
            data={"_csrf_token": csrf(page), "topics": ["health_physical"]},
            follow_redirects=False,
        )
        answer_reader = client.app.state["answer_reader"]
        assert answer_reader.learned is not None  # made again, with what the correction taught
        assert answer_reader.close is None and answer_reader.close_floor == 1.0


def test_the_priority_filter_uses_the_topics_each_year_gave_that_priority(
    client: TestClient, settings: Settings
) -> None:
    """By default a priority is fed by the taxonomy's topics; once the year's priorities page says
    otherwise, answers sent in that year are filtered by the year's topics, and older answers by theirs."""
    submit_all(client)
    with sqlite3.connect(settings.db_path) as conn:  # one answer was sent in an earlier business year
        conn.execute("UPDATE responses SET submitted_on = '2021-05-01' WHERE id = 1")
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    url = "/staff/responses?priority=child_mental_health"
    assert "2 answers match." in get_page(client, url).get_text()  # the taxonomy's mapping, every year

    page = get_page(client, "/staff/priorities")
    year = page.find("input", attrs={"name": "year"})["value"]
    assert (
        client.post(
            "/staff/priorities",
            data={  # this year: only "being listened to" feeds it
                "_csrf_token": csrf(page),
                "year": year,
                "key": "child_mental_health",
                "name": "Child mental health",
                "topics": ["being_listened_to"],
            },
            follow_redirects=False,
        ).status_code
        == 303
    )
    page = get_page(client, "/staff/priorities")
    assert (
        client.post(
            "/staff/priorities",
            data={  # 2021/22: only "waiting for support"
                "_csrf_token": csrf(page),
                "year": "2021/22",
                "key": "child_mental_health",
                "name": "Child mental health",
                "topics": ["waiting_for_support"],
            },
            follow_redirects=False,
        ).status_code
        == 303
    )

    shown = get_page(client, url).get_text()
    assert "2 answers match." in shown, shown  # this year's listened-to answer, 2021/22's waiting one
    assert "Waiting months for CAMHS" in shown and "The youth worker listened" in shown
    both = get_page(client, url + "&topic=waiting_for_support").get_text()
    assert "1 answer matches." in both and "Waiting months for CAMHS" in both  # topic AND priority


def form_as_sent(page: Any, action: str, **typed: str) -> dict[str, str]:
    """What a browser sends for a GET form: every named field, empty ones too, with what was typed."""
    form = page.find("form", attrs={"action": action})
    sent: dict[str, str] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        if not field.get("name") or field.get("type") in ("submit", "button"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            sent[field["name"]] = chosen.get("value", "") if chosen else ""
        else:
            sent[field["name"]] = field.get("value", "")
    return sent | typed


def test_the_answers_filter_works_as_a_person_sends_it_and_its_downloads_keep_the_format(
    client: TestClient, settings: Settings
) -> None:
    """Type a word, leave every other field as it is, press the button: the empty fields mean "any" (an
    empty version was refused with a 400); the Excel link under the filtered list gives an Excel file."""
    submit_all(client)
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    sent = form_as_sent(get_page(client, "/staff/responses"), "/staff/responses", q="helped")
    assert sent["version"] == "" and sent["survey"] == ""
    response = client.get("/staff/responses", params=sent)
    assert response.status_code == 200, response.text[:300]
    page = BeautifulSoup(response.text, "html.parser")
    assert "really helped" in page.get_text() and "1 answer matches." in page.get_text()
    excel = page.find("a", string="Excel")["href"]
    assert "amp;" not in excel and excel.endswith("fmt=xlsx")
    download = client.get(excel)
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert 'filename="answers-all-surveys.xlsx"' in download.headers["content-disposition"]
    assert download.content[:2] == b"PK"  # an Excel file (a zip), not a CSV


def test_a_topic_a_person_took_off_is_not_listed_as_checked(client: TestClient, settings: Settings) -> None:
    """#27 item 14: after saving corrected themes, the machine's topic the person removed was still listed
    under "Checked by a person"."""
    assert (
        client.post(
            "/api/surveys/ypag-priorities/responses",
            json={"answers": {"most_important": "Being bullied online on snapchat every night"}},
        ).status_code
        == 201
    )
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    url = f"/staff/answers/{answer_id(settings, 'snapchat')}"

    def themes(page: BeautifulSoup) -> str:
        """What the page says under "Themes", before the form to change them."""
        said = []
        for element in page.find("h2", string="Themes").find_next_siblings():
            if element.name in ("form", "h2"):
                break
            said.append(element.get_text(" ", strip=True))
        return " ".join(said)

    page = get_page(client, url)
    suggested = [box.find_next("label").get_text(strip=True) for box in page.select("input[name=topics][checked]")]
    assert suggested and all(name in themes(page) for name in suggested)  # the machine's, with its words
    kept = page.find("input", attrs={"name": "topics", "checked": False})
    kept_name = kept.find_next("label").get_text(strip=True)
    client.post(f"{url}/themes", data={"_csrf_token": csrf(page), "topics": [kept["value"]]})

    page = get_page(client, url)
    said = themes(page)
    assert "Checked by a person" in said and kept_name in said
    assert not [name for name in suggested if name in said], said


def test_a_survey_edited_after_answers_came_in_offers_its_versions_by_number(settings: Settings) -> None:
    """A survey file changed between two runs of the service is a second version: the answers filter names the
    two by their place, oldest first, and the day each was first served."""
    with TestClient(create_app(settings)) as client:
        submit_all(client)
    survey = Path(settings.surveys_dir) / "ypag-priorities.yaml"
    survey.write_text(survey.read_text().replace("title: What should we focus on next year?", "title: Our next year"))
    with TestClient(create_app(settings)) as client:
        add(settings, "facilitator@example.org", "facilitator")
        sign_in(client, "facilitator@example.org")
        named = [o.get_text() for o in get_page(client, "/staff/responses").select("#version option")]
    ours = [re.sub(r", from .*", "", o.split(" · ")[-1]) for o in named if o.startswith("Our next year")]
    assert ours == ["version 1", "version 2"], named
