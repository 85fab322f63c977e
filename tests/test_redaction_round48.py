"""#28 round 48 (seventeenth session), after frozen26's measure, with lines written for these tests (not taken from
the set) in the kinds its numbers were kept in: a date of birth with spaces the other way round ("dob 2010 03 14")
or with a two-figure year ("born 9 9 09"), a Romanian month ("30 octombrie 2011"), a phone number starting with the
letter o ("o7 eight 4 ..."), a snapchat handle starting with a word and a dot ("its.leylaa"). Times and scores stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("dob 2011 07 22 and i go to a school in wigston", ["2011", "22"]),
        ("i was born 4 11 08 so im still 17", ["08"]),
        ("data nasterii 14 martie 2010 dar scrie alta", ["martie", "2010"]),
        ("her number is o7 nine 1 2 3 4 5 6 7 8 if u need it", ["nine", "5 6"]),
        ("my snap is its.kayyy22 add me", ["kayyy22"]),
    ],
)
def test_the_detail_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "we won 4 1 on saturday and 2 0 on sunday",
        "born in 2010 and year 10 is hard",
        "its 9 5 at break and 3 2 at lunch lol",
        "in march 2010 we moved to leicester",
    ],
)
def test_times_and_scores_stay(line: str) -> None:
    assert redact(line).text == line
