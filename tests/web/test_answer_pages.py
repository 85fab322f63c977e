"""The pages of answers a facilitator reads: the links to the next and previous page carry the filters and nothing
else (a new user in Chromium saw "/staff/responses?&page=2", twenty-third session), and following them gives the
page they name."""

from __future__ import annotations

from litestar.testing import TestClient

from tests.conftest import add, get_page, sign_in, until
from voice.common.settings import Settings
from voice.curation.quotes import PAGE_SIZE

API = "/api/surveys/ypag-priorities/responses"


def test_the_next_page_link_is_clean_and_goes_to_the_next_page(client: TestClient, settings: Settings) -> None:
    for n in range(PAGE_SIZE + 1):
        words = f"more youth clubs open after school please, number {n} of my ideas"
        assert client.post(API, json={"answers": {"most_important": words}}).status_code == 201
    assert until(lambda: client.get("/healthz").json()["unread"] == 0, seconds=120)
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    first = get_page(client, "/staff/responses")
    link = next(a["href"] for a in first.select(".pagination a"))
    assert "?&" not in link and link.endswith("page=2"), link
    second = get_page(client, link)
    assert "Page 2 of 2" in second.select_one(".pagination").get_text(" ", strip=True)
    filtered = get_page(client, "/staff/responses?survey=ypag-priorities")
    link = next(a["href"] for a in filtered.select(".pagination a"))
    assert link == "/staff/responses?survey=ypag-priorities&page=2", link


def test_a_word_searched_finds_it_as_text_speak_types_it(client: TestClient, settings: Settings) -> None:
    """The search box says words are found "in any form": "follow" finds "followin", "school" finds "skool" (the
    short forms the reader respells, data/textspeak.tsv), "following" finds "followin"; an unrelated answer is not
    found. A new user searched "follow" for "sum1 keeps followin me home frm skool" and found nothing."""
    lines = ["sum1 keeps followin me home frm skool", "the bus is always late and it is cold", "school is fine"]
    for words in lines:
        assert client.post(API, json={"answers": {"most_important": words}}).status_code == 201
    assert until(lambda: client.get("/healthz").json()["unread"] == 0, seconds=60)
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    for q, found in (
        ("follow", {lines[0]}),
        ("following", {lines[0]}),
        ("school", {lines[0], lines[2]}),
        ("followin home", {lines[0]}),
        ("late", {lines[1]}),
    ):
        page = get_page(client, f"/staff/responses?q={q}")
        shown = {line for line in lines if line in page.get_text(" ", strip=True)}
        assert shown == found, (q, shown)
