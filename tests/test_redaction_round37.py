"""#28 round 37 (sixteenth session), with lines written for these tests (not taken from any set).

Kind, from frozen25 (measured once, a development set since): a home named with a word for whose it is that the
stop list has ("the oaks children's home on 12 ..."), and garages in the plural ("the garages behind 8 ..."). Round
32 cut such a home's name at "children" and had no plural of "garage"."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("i live at the oaks children's home on 12 narborough road", ["oaks", "12", "narborough"]),
        ("they sell at the garages behind 31 gipsy lane after school", ["garages", "31", "gipsy"]),
    ],
)
def test_the_whole_home_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[address]" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    ["the garages near us get broken into", "children's homes should listen more"],
)
def test_homes_in_general_stay(line: str) -> None:
    assert redact(line).text == line
