"""#28 round 78 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): a line that starts with someone's name and then their email, the way a young person leaves their
contact ("grace wood gracewood11@gmail.com ..."), loses the name, everyday word or not, where the email holds it; a
service's email after its name stays, as do words before an email that are not in it."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("grace wood gracewood11@gmail.com can someone call me back", ["grace", "wood"]),
        ("skye little skye.little07@hotmail.co.uk i need help with my housing form", ["skye", "little"]),
        ("faith day faithday2010@icloud.com please send me the times", ["faith", "day"]),
    ],
)
def test_the_name_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert not set(gone) & set(out.split()), out


@pytest.mark.parametrize(
    "line",
    [
        "youth team youthteam@leicester.gov.uk is who you email",
        "please email me back i need help",
    ],
)
def test_the_words_stay(line: str) -> None:
    out = redact(line).text
    assert out.split()[:2] == line.split()[:2], out
