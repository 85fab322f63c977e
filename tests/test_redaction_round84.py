"""#28 round 84 (twenty-first session, after frozen30's measure; it is a development set since): a street after a
word for a dwelling ("a flat on", "a house on", "my own place on", "his on", "respite on") is where someone lives or
stays, and goes. A street after a shop, a party or a place that is not said to be a home stays. Lines written for
these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("they took him to a flat on mere road and left him there", "mere"),
        ("my dad has a house on gwendolen road now with his new girlfriend", "gwendolen"),
        ("i finally got my own place on narborough road last month", "narborough"),
        ("she said i can stay at his on evington lane for a bit", "evington"),
        ("i go to respite on braunstone avenue one weekend a month", "braunstone"),
        ("they moved her to a semi independent place on aylestone road", "aylestone"),
        ("the bungalow on kirby road is where they keep the stuff", "kirby"),
    ],
)
def test_a_street_after_a_dwelling_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[address]" in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "the shop on london road sells cheap trainers",
        "there was a house party on saturday and it got raided",
        "the place on granby street does the best chips",
        "a house on fire is on the news",
    ],
)
def test_a_street_said_as_a_place_stays(line: str) -> None:
    assert redact(line).text == line
