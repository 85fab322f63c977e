"""#28 round 20 (thirteenth session), with lines written for these tests (not taken from any set).

Kinds, from what frozen16 (measured once before and after rounds 18 and 19, a development set since) missed, written
here in new lines:
- a street and its number before Urdu for living there ("woh harrison road 41 pe rehta hai");
- a street, then "number" and its number, wherever it is ("near tudor road number 12");
- the estate, close or place a home is in, before a comma and its address ("the braunstone estate, 3 x road", "the
  limes, 9 x road"); a home by what it is, then "at" or "on" and its address ("the bungalow at ...", "the flats on
  ..."); a flat by where it is in the building ("flat 1 above the chippy, 20 x road");
- a school by a short name only it has ("the lanc"), with "the" before a name that is a city's too ("outside the
  lancaster"), or before a time of its day ("castle rock lunchtimes"); a school named after another one ("went to
  [school] then the cedars").
Each with lines where the same shape is not an address or a school and must stay."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("uska chacha harrison road 41 pe rehta hai", ["harrison", "41"]),
        ("ab main belgrave road 112 par rehti hoon", ["belgrave", "112"]),
        ("my mate got robbed near tudor road number 12 last night", ["tudor", "12"]),
        ("lads from the braunstone estate, 3 winstanley drive keep following me", ["braunstone", "estate", "3"]),
        ("we moved to the limes, 9 station road, anstey", ["limes", "9", "station"]),
        ("my grandad lives at the bungalow at 7 mill lane, quorn", ["bungalow", "7", "mill"]),
        ("they hang round at the flats on 20 st peters road", ["flats", "20", "peters"]),
        ("we live in flat 1 above the chippy, 20 narborough road", ["flat", "1", "above", "chippy", "20"]),
    ],
)
def test_an_address_as_typed_goes_whole(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("the lanc is rubbish this year", ["lanc"]),
        ("a man in a van waits outside the lancaster", ["lancaster"]),
        ("beauchamp lunchtimes are too short", ["beauchamp"]),
        ("i went to judgemeadow then the cedars and got bullied at both", ["judgemeadow", "cedars"]),
    ],
)
def test_a_school_as_typed_goes(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "the number 14 bus on narborough road is always late",
        "lancaster is up north near the lakes",
        "the limes, the oaks and the elms are trees we learnt about",
        "the flats on our road are being knocked down",
        "the bungalow at the end of our road is empty",
        "the lunchtimes are too short",
        "i went to the park then the shop",
        "main yahan 2 saal se rehta hoon",
    ],
)
def test_roads_towns_and_times_that_are_no_address_or_school_stay(line: str) -> None:
    assert redact(line).text == line
