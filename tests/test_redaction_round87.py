"""#28 round 87 (twenty-first session, after frozen30's measure): a street, then the Urdu or Punjabi for "the house
on it" ("... road wale ghar", "... lane wala ghar") is someone's home, and goes; a street, then a shop on it ("...
road wali dukaan") stays. Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("hum belgrave road wale ghar mein rehte hain", "belgrave"),
        ("chacha ji melton road wale ghar vich rehnde ne", "melton"),
        ("nani ko evington lane wala ghar pasand nahi", "evington"),
    ],
)
def test_a_street_said_to_be_a_home_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[address]" in out and gone not in out.split(), out


@pytest.mark.parametrize("line", ["belgrave road wali dukaan se mithai li", "melton road wale mandir mein diwali thi"])
def test_a_street_said_as_a_place_stays(line: str) -> None:
    assert redact(line).text == line
