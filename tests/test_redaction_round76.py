"""#28 round 76 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): Moat Community College is "moat" wherever it is written (no young person's answer uses the
English word), and "city of leicester" without "the" is the college ("near city of leicester"); "the city of
leicester" said as the city, and Moat Road, stay; Polish "lata" (years) after an age is no name (added after the
development sets showed it: "ma 24 lata")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("moat is where all the fights happen", "moat"),
        ("he sells vapes round moat at lunch", "moat"),
        ("the year 10s outside city of leicester took my phone", "city"),
        ("everyone at city of leicester knows about it", "city"),
        ("woh moat ke bahar khade rehte hain", "moat"),
    ],
)
def test_the_school_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[school]" in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "the city of leicester needs more youth clubs",
        "i love the city of leicester at christmas with the lights",
        "there was a crash on moat road this morning",
        "ona ma 13 lata i boi sie wracac do domu",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line
