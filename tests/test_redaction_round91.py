"""#28 round 91 (twenty-second session): vehicle registrations as young people type them: spaced out in lower case
after "reg" even where a group of letters is a word too ("reg yr 19 bxt"), the old shape spaced ("reg s 481 ptk"),
and by a word for a car in Romanian, Polish or Urdu ("masina", "samochód", "gaadi"). "Masina" (a car) is no name.
Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("the grey van reg yr 19 bxt keeps parking outside", "bxt"),
        ("note the reg s 481 ptk pls", "ptk"),
        ("masina lui tata e kx 70 fbn si e neagra", "fbn"),
        ("samochód ojczyma to wn 66 kcr", "kcr"),
        ("unki gaadi ka number hy 18 dvz hai", "dvz"),
    ],
)
def test_a_registration_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[vehicle registration]" in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "we are in yr 11 now and its stressful",
        "reg starts at 8 45 and im always late",
        "masina e noua si frumoasa",
        "in reg we had a quiz",
        "my car is in the garage so we are in yr 10 mode lol",
    ],
)
def test_the_same_shapes_of_no_registration_stay(line: str) -> None:
    assert redact(line).text == line
