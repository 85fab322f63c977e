"""#27 item 13: staff pages call things by their words, in the page's language: a survey by its title, a
question by what it asks and a topic by its name, never a slug or an id, which mean nothing to a person."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from litestar.testing import TestClient

from tests.conftest import (
    EXAMPLE_SLUGS,
    add,
    answer_all,
    check_page,
    example,
    get_page,
    send,
    sign_in,
)
from voice.common.i18n import translate
from voice.common.settings import Settings
from voice.reading.themes import load_taxonomy
from voice.web.app import create_app

DISCLOSURE = "My stepdad hits me and I want to die"


def ask_for_help_on_the_web(client: TestClient, language: str = "en") -> None:
    """A young person answers on the form in `language`, writes a disclosure and asks for someone to talk to."""
    client.headers["accept-language"] = language

    def chooser(q):
        if q.id == "most_important":
            return {q.id: DISCLOSURE}
        if q.kind == "contact_request":
            return {q.id: "yes", f"{q.id}.contact": "07700 900111"}
        return {}

    answer_all(client, "ypag-priorities", chooser)
    send(client, "ypag-priorities")
    client.headers.pop("accept-language")


def words_of(client: TestClient, url: str) -> str:
    page = get_page(client, url)
    return page.select_one("main").get_text(" ", strip=True)


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_lead_reads_the_survey_title_and_the_question_not_their_ids(
    client: TestClient, settings: Settings, language: str
) -> None:
    ask_for_help_on_the_web(client)
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    client.headers["accept-language"] = language
    survey = example("ypag-priorities").in_words(language)
    question = next(q for _, q in survey.questions() if q.id == "most_important")

    queue = get_page(client, "/staff/safeguarding")
    row = queue.select_one("tbody tr").get_text(" ", strip=True)
    flag = words_of(client, queue.select_one("tbody tr a")["href"])
    contacts = get_page(client, "/staff/contacts")
    listed = contacts.select_one("tbody tr").get_text(" ", strip=True)
    contact = words_of(client, contacts.select_one("tbody tr a")["href"])
    for shown in (row, flag, contact, listed):
        assert survey.title in shown, shown
        assert "ypag-priorities" not in shown and "most_important" not in shown
    assert question.label in row and question.label in flag


def test_topics_are_named_in_the_pages_language(client: TestClient, settings: Settings) -> None:
    assert (
        client.post(
            "/api/surveys/ypag-priorities/responses",
            json={"answers": {"most_important": "Being bullied online on snapchat every night"}},
        ).status_code
        == 201
    )
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    client.headers["accept-language"] = "pl"
    card = get_page(client, "/staff/responses").select_one(".answer-card")
    answer = words_of(client, card.find("a")["href"])
    names = {tp.id: tp.name for tp in load_taxonomy().topics}
    polish = translate("pl", names["bullying"])
    assert polish != names["bullying"]  # the catalogue has it
    assert polish in card.get_text(" ", strip=True) and polish in answer
    assert names["bullying"] not in answer


def test_the_action_form_offers_consultations_by_their_titles(client: TestClient, settings: Settings) -> None:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    form = get_page(client, "/staff/actions/new")
    box = form.find("input", attrs={"name": "surveys", "value": "ypag-priorities"})
    label = form.find("label", attrs={"for": box["id"]}).get_text(strip=True)
    assert label == example("ypag-priorities").title


def test_no_staff_page_shows_a_slug_or_an_id_where_words_belong(tmp_path: Path, surveys_dir: Path) -> None:
    """Every staff page each role can reach from its home page, on the demo's two years of answers, flags,
    requests for contact, quotes and plans."""
    from voice.demo import seed
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate

    settings = Settings(db_path=str(tmp_path / "demo.db"), surveys_dir=str(surveys_dir), secret="words")
    migrate(settings.db_path)
    seed(Catalogue(settings.db_path, settings.surveys_dir))
    taxonomy = load_taxonomy()
    priority_keys = {p for tp in taxonomy.topics for p in tp.priorities}
    question_ids = {q.id for slug in EXAMPLE_SLUGS for _, q in example(slug).questions() if "_" in q.id}
    topic_ids = {tp.id for tp in taxonomy.topics if "_" in tp.id} - priority_keys  # "bullying" is also a word
    ids = set(EXAMPLE_SLUGS) | question_ids | topic_ids
    found = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![\w-])")
    problems = []
    with TestClient(create_app(settings)) as client:
        for role in ("safeguarding_lead", "facilitator", "admin", "viewer"):
            add(settings, f"{role}@example.org", role)
            client.cookies.clear()
            sign_in(client, f"{role}@example.org")
            todo, seen = ["/staff"], set()
            while todo:
                url = todo.pop()
                shape = re.sub(r"\d+", "N", url.split("#")[0])
                # The audit log is the record of what happened to which row, by design in ids.
                if shape in seen or "/download" in url or url.startswith("/staff/audit"):
                    continue
                seen.add(shape)
                response = client.get(url)
                if response.status_code != 200 or "text/html" not in response.headers["content-type"]:
                    continue
                page = check_page(response.text)
                todo += [a["href"] for a in page.select("main a[href^='/staff'], nav a[href^='/staff']")]
                text = page.select_one("main").get_text(" ", strip=True)
                problems += [f"{role} {url}: {m.group()}" for m in found.finditer(text)]
            assert len(seen) > 5, seen
    assert not problems, problems
