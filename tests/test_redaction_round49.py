"""#28 round 49 (seventeenth session), after frozen26's measure (not blind), with lines written for these tests (not
taken from the set): a name and surname given just before an email made of them ("rukhsana chowdhury
rukhsana.c2009@gmail.com"), which were kept, the email's words read as the name's; and a handle after an app's name
that starts with a word and a dot ("my snap is its.jaydee"), which was cut at the dot."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("my snap is its.jaydee but i got hacked", "my snap is [handle] but i got hacked"),
        ("add me on insta its.kiyah if u want to talk", "add me on insta [handle] if u want to talk"),
        (
            "rukhsana chowdhury rukhsana.c2009@gmail.com please email me the times",
            "[name] [email] please email me the times",
        ),
    ],
)
def test_the_whole_detail_goes(line: str, expected: str) -> None:
    assert redact(line).text == expected


@pytest.mark.parametrize("line", ["its on snap, its.not that deep", "its.ok i guess"])
def test_words_stay(line: str) -> None:
    assert "its" in redact(line).text
