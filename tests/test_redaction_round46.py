"""#28 round 46 (seventeenth session), with lines written for these tests (not taken from any set).

Kind: a first name with an "s" and no apostrophe before who someone is to them ("jades mum is always drunk", "ellies
brother sells weed"), the way young people type a possessive. Plurals and verbs before such a word stay ("the guys
mum", "she hopes mum will come", "my mates dad")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("jades mum is always drunk at the school gate", ["jades"]),
        ("ellies brother sells weed at the park", ["ellies"]),
        ("i stay at amys house when it kicks off", ["amys"]),
        ("me and rubys sister got followed home", ["rubys"]),
    ],
)
def test_the_name_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[name]" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "the guys mum came to pick him up",
        "she hopes mum will come to the meeting",
        "my mates dad drives us to football",
        "all the kids mums were there",
        "the bills mum cant pay keep piling up",
    ],
)
def test_plurals_and_verbs_stay(line: str) -> None:
    assert redact(line).text == line
