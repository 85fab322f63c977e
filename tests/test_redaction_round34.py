"""#28 round 34 (sixteenth session), with lines written for these tests (not taken from any set).

Kind, from dev7 (where people live and stay): an address written the Polish way, the number after the street, its
flat after that ("mieszkam na [evington road pod numerem 118]", "[hinckley road 54, mieszkanie 2]", "[fosse road
south 77]"), and the number of a flat after an English address ("[14 tudor road flat 2]"). Before, the street and
its number went and what followed them ("pod numerem 118", "mieszkanie 2", "south 77") was left."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("mieszkam na saffron lane pod numerem 42 z babcią", ["saffron", "42"]),
        ("mieszkamy na narborough road 120, mieszkanie 4", ["narborough", "120", "mieszkanie 4"]),
        ("mój tata mieszka na welford road south 9", ["welford", "south 9"]),
        ("my brother lives at 14 tudor road flat 2 on his own", ["14", "tudor", "flat 2"]),
    ],
)
def test_the_number_and_flat_after_a_street_go_with_it(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[address]" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "mieszkam w leicester od 5 lat",
        "the 14 bus down narborough road takes 40 mins",
        "the number 38 down humberstone road is always late",
    ],
)
def test_numbers_that_are_no_part_of_an_address_stay(line: str) -> None:
    assert redact(line).text == line
