"""#28 round 36 (sixteenth session), with lines written for these tests (not taken from any set).

Kind, from frozen24 (measured once, a development set since): a date of birth written with spaces, with the words
that say it is a birthday after it rather than before ("13 03 2010 is my birthday"). Before, such a date went only
after "dob", "born" or "birthday"."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "01 12 2009 is my birthday and nobody remembered",
        "my sister says 4 7 2012 was her bday",
        "27 11 2008 is my date of birth if you need it",
    ],
)
def test_a_spaced_date_said_to_be_a_birthday_goes(line: str) -> None:
    out = redact(line).text
    assert "[date of birth]" in out and not any(ch.isdigit() for ch in out), out


@pytest.mark.parametrize(
    "line",
    [
        "we won 3 1 2010 was a good year for us",
        "i scored 10 2 2019 is when i started playing",
    ],
)
def test_numbers_with_spaces_that_are_no_birthday_stay(line: str) -> None:
    assert redact(line).text == line
