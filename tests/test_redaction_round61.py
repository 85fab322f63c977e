"""#28 round 61 (nineteenth session), with lines written for these tests (not taken from any set): in an answer about
an app, a handle of two parts joined by a dot, with a digit or "_", wherever it stands ("my snap is ... and my
sisters is nisha.k11"). A chapter, part or year with a number, and "no.1", stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my snap is jaz.b07 and my sisters is nisha.k11", ["nisha.k11", "k11"]),
        ("add my insta its kayla_x09 and my mates is deee.22", ["deee.22", "22"]),
        ("the man on tiktok who messaged me was called dan.ldn_ and he knew my school", ["dan.ldn_"]),
    ],
)
def test_a_handle_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[handle]" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "on tiktok i watched part.2 of it and it was so sad",
        "snap me, im in year.11 and revising",
        "i saw it on insta, im the no.1 fan of him and chapter.3 of the book was best",
    ],
)
def test_the_same_shapes_as_words_stay(line: str) -> None:
    assert redact(line).text == line
