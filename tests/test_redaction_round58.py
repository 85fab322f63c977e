"""#28 round 58 (eighteenth session), with lines written for these tests (not taken from any set): first names that
are places too ("jordan", "georgia", "florence", "paris", "india") are names where a person stands in the sentence
("i still see jordan at the park", "my pa jordan has my documents", "georgia and her mates"), and places after
words that say a place ("my dad is from jordan", "we went to paris on a school trip", "my nan lives in india")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("i still see jordan at the park and he laughs at me", "jordan"),
        ("my pa jordan has all my documents and never answers", "jordan"),
        ("georgia and her mates wait for me after school", "georgia"),
        ("a group chat with jordan and kai where they rate girls", "jordan"),
        ("florence keeps telling everyone my business", "florence"),
    ],
)
def test_a_first_name_that_is_a_place_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "my dad is from jordan and he misses it",
        "we went to paris on a school trip in year 8",
        "my nan lives in india and i miss her",
        "the war in georgia was on the news",
        "i want to visit florence one day",
    ],
)
def test_a_place_stays(line: str) -> None:
    assert redact(line).text == line
