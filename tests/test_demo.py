"""The demo a new user starts with `./scripts/demo`: sample answers from real published words, and
staff accounts that work."""

from __future__ import annotations

import sqlite3

from litestar.testing import TestClient

from tests.conftest import EXAMPLE_SLUGS, EXAMPLES, csrf, get_page
from voice.common.settings import Settings
from voice.demo import (
    DEMO_YEARS,
    MADE_UP_PER_SURVEY,
    SAMPLES,
    SAMPLES_NEXT_YEAR,
    demo_accounts,
    seed,
)
from voice.store.catalogue import Catalogue
from voice.store.db import migrate
from voice.web.app import create_app


def test_demo_data_and_accounts(tmp_path) -> None:
    db = str(tmp_path / "demo.db")
    migrate(db)
    made_up = len(DEMO_YEARS) * len(EXAMPLE_SLUGS) * MADE_UP_PER_SURVEY
    assert seed(Catalogue(db, EXAMPLES)) == len(SAMPLES) + len(SAMPLES_NEXT_YEAR) + made_up + 2  # 2 ask for contact
    assert seed(Catalogue(db, EXAMPLES)) == 0  # only into an empty database
    accounts = demo_accounts(db)
    assert demo_accounts(db) == accounts  # the same accounts at every start
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM themes").fetchone()[0] >= len(SAMPLES)
        # The one answer a rule flags; the model's own flags and "worth a look" carry their score.
        assert conn.execute("SELECT category FROM flags WHERE score IS NULL").fetchall() == [("feeling_unsafe",)]
        assert conn.execute("SELECT count(*) FROM flags WHERE score IS NULL AND tier != 'flag'").fetchone() == (0,)
    email, _, password = next(a for a in accounts if a[1] == "safeguarding_lead")
    with TestClient(create_app(Settings(db_path=db, surveys_dir=str(EXAMPLES), secret="demo"))) as client:
        page = get_page(client, "/staff/sign-in")
        client.post("/staff/sign-in", data={"_csrf_token": csrf(page), "email": email, "password": password})
        queue = get_page(client, "/staff/safeguarding")
        assert "Feeling unsafe" in queue.get_text()
        contacts = get_page(client, "/staff/contacts")  # one asked a week ago: overdue, and it shows
        assert len(contacts.select("tbody tr")) == 2 and "Overdue" in contacts.select_one("tbody").get_text()
        assert contacts.select_one(".notice-urgent") is not None


def test_a_start_page_says_what_was_done_about_what_they_told_us_before(tmp_path) -> None:
    """The demo publishes 2021/22 and 2022/23: a survey whose answers prompted something done says so on its
    start page (the newest such year, in the reader's language where the partnership gave it), so that
    young people are not asked to tell their story again from nothing."""
    db = str(tmp_path / "demo.db")
    migrate(db)
    seed(Catalogue(db, EXAMPLES))
    with TestClient(create_app(Settings(db_path=db, surveys_dir=str(EXAMPLES), secret="demo"))) as client:
        told = get_page(client, "/s/domestic-abuse-support").select_one("main .notice")
        assert told is not None
        assert told.get_text(" ", strip=True).startswith("In 2021/22 you told us about Domestic abuse")
        assert "Hearing from young people about domestic abuse support" in told.get_text()
        assert told.find("a")["href"] == "/you-said-we-did/2021-22"  # nothing it prompted is done yet in 2022/23
        told = get_page(client, "/s/ypag-priorities").select_one("main .notice")
        assert told.get_text(" ", strip=True).startswith("In 2022/23 you told us about Child mental health")
        assert "Checking on young people while they wait for mental health support" in told.get_text()
        client.get("/language/pl")
        told = get_page(client, "/s/ypag-priorities").select_one("main .notice")
        assert "Kontakt z młodymi ludźmi, którzy czekają na pomoc psychologiczną" in told.get_text()
