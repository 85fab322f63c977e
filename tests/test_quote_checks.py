"""The checks a facilitator sees before proposing a quote: they point at what could identify someone, not at a
helpline's number or name that redaction keeps on purpose (a new user saw "numbers in it (ages, dates, times)"
beside Centrepoint's helpline)."""

from __future__ import annotations

from litestar.testing import TestClient

from tests.conftest import add, get_page, sign_in
from tests.test_facilitators_data import answered
from voice.common.settings import Settings

NUMBERS = "The quote has numbers in it (ages, dates, times) that could identify someone."
CAPITALS = "The quote has capitalised words that may be names or places; check them."


def checks_for(client: TestClient, settings: Settings, words: str) -> list[str]:
    answer_id = answered(client, settings, words)
    page = get_page(client, f"/staff/answers/{answer_id}")
    notice = page.select_one(".notice ul")
    return [li.get_text(" ", strip=True) for li in notice.select("li")] if notice else []


def test_a_helpline_number_or_name_is_not_a_detail_to_check(client: TestClient, settings: Settings) -> None:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    for words in (
        "i rang childline on 0800 1111 and they actually listened to me",
        "the centrepoint helpline 0808 800 0661 helped when i had nowhere to stay",
        "If it gets bad ring Childline or Samaritans on 116 123, they are good",
        "text shout on 85258 if you cant talk out loud",
    ):
        found = checks_for(client, settings, words)
        assert NUMBERS not in found, (words, found)
        assert CAPITALS not in found, (words, found)


def test_numbers_and_capitals_that_could_identify_are_still_pointed_at(client: TestClient, settings: Settings) -> None:
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    found = checks_for(client, settings, "when i was 14 the youth worker listened and it helped")
    assert NUMBERS in found
    found = checks_for(client, settings, "i rang childline on 0800 1111 when i was 14 and they listened")
    assert NUMBERS in found
    found = checks_for(client, settings, "the worker at Braunstone listened to me properly")
    assert CAPITALS in found


def test_an_answer_held_back_for_its_language_says_so_not_that_it_is_a_worry(
    client: TestClient, settings: Settings
) -> None:
    """An answer in a language the reader cannot read waits for the lead like a flag; the facilitator is told it
    waits because of its language, not shown the words a flag uses for a worry."""
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    polish = "Szkoła jest w porządku, ale chciałbym więcej zajęć po lekcjach."
    answer_id = answered(client, settings, polish)
    text = get_page(client, f"/staff/answers/{answer_id}").get_text(" ", strip=True)
    assert "in a language the automatic reader cannot read" in text
    assert "has not yet reviewed the flag" not in text
    worry = answered(client, settings, "my mums boyfriend hits me when she is at work and i am scared to go home")
    text = get_page(client, f"/staff/answers/{worry}").get_text(" ", strip=True)
    assert "has not yet reviewed the flag" in text
