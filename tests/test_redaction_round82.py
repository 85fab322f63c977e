"""#28 round 82 (twenty-first session): a name the lists or the learned recognisers found on their own, in an answer
that talks of films, shows, music, sport or history, with no other personal detail in the answer and no word near the
name that says someone the young person knows, is a public figure or a character, and stays. The same names said of
someone the young person knows still go. Lines written for these tests, not taken from any set; the set they are
weighed on is fame30 (written by a helper before the code)."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "lily allen starred in a netflix series and i binged it",
        "jordan henderson lifted the trophy after the final and everyone cried",
        "callum wilson scored twice for newcastle last season",
        "we learned about mary seacole in history, she was a nurse in the crimean war",
        "amy winehouse lyrics hit different when you are sad",
        "daisy edgar jones was so good in that film about the marsh",
        "luke littler is the youngest darts champion ever",
    ],
)
def test_a_famous_name_in_talk_of_fame_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("lily in my class starred in the school play and everyone cried", "lily"),
        ("jordan and me watched the final at his house", "jordan"),
        ("callum scored twice for our team on saturday", "callum"),
        ("my mate amy sings lyrics all day in form", "amy"),
        ("daisy jones from crown hills wants to be an actress", "daisy"),
        ("luke is the best player in our year and wants to be a footballer", "luke"),
        ("a man called luke keeps messaging me about fortnite", "luke"),
        ("daisy edgar jones messaged me on snap about the film, her snap is daisyej_07", "daisy"),
    ],
)
def test_someone_they_know_still_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
