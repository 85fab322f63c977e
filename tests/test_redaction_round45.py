"""#28 round 45 (seventeenth session), with lines written for these tests (not taken from any set), after the code:
everyday Somali, which no list had, and Romanian's two-letter words. On the code before it, the Somali line lost
"xumahay laakiin" as a school's name and the Romanian "ce" went as a first name. A Somali name after a word for a
friend still goes."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "waan ka xumahay laakiin school waa ok",
        "nu stiu ce sa fac cu scoala",
        "hooyo waxay tiri si fiican u baro",
        "macalinka dugsiga waa wanaagsan laakiin caruurta waa xun",
    ],
)
def test_everyday_somali_and_romanian_stay(line: str) -> None:
    assert redact(line).text == line


def test_a_somali_name_after_a_friend_goes() -> None:
    out = redact("saaxiibkay hodan waa ku faraxsan dugsiga").text
    assert "hodan" not in out and "[name]" in out, out
