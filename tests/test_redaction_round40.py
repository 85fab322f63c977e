"""#28 round 40 (seventeenth session), with lines written for these tests (not taken from any set).

Kind: a school in no list, named in lower-case everyday words before "primary" or "infants",
said as where someone is or was ("i was at meadow lane primary", "we were at green farm infants"). Schools in general
("at the local primary", "at catholic primary", "my brother is at primary") stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("i was at meadow lane primary till year 4 then we moved", ["meadow lane"]),
        ("my little sister is at church hill juniors and she loves it", ["church hill"]),
        ("he got moved from oak tree academy because of fights", ["oak tree"]),
        ("we were at green farm infants together when we were little", ["green farm"]),
    ],
)
def test_the_school_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[school]" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "my brother is at primary and he gets bullied",
        "im at the local primary and its fine",
        "at catholic primary they made us pray every day",
        "i was at secondary when covid started",
        "there was a fight at home time outside the primary",
    ],
)
def test_schools_in_general_stay(line: str) -> None:
    assert redact(line).text == line
