"""#28 round 80 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): in an answer about an app, a handle joined by an underscore with no digit ("moon_childx",
"her user is lil_angelz"), and one of two parts joined by a dot with a digit in its first part ("j4de.mx"); words
joined by an underscore or a dot in an answer about no app, a file's or a site's name, stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("her user on discord is lil_angelz and she sends me stuff", "lil_angelz"),
        ("he made a new insta called moon_childx to get round the block", "moon_childx"),
        ("someone on snap called j4de.mx keeps adding me", "j4de.mx"),
    ],
)
def test_the_handle_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[handle]" in out and gone not in out, out


@pytest.mark.parametrize(
    "line",
    [
        "the file was called final_version and i lost it",
        "i was on snap in year10.we had a fire drill after",
        "my snap streak is 200 days lol",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line
