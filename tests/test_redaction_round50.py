"""#28 round 50 (seventeenth session), after frozen26's measure (not blind), with lines written for these tests (not
taken from the set): a bus to or from an area that a school is named after is the area ("the 38 to rushey mead is
always full", "the 14 bus from beaumont leys"); a school a bus goes to, said as a school, still goes."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "the 38 to rushey mead is always full after school",
        "the 14 bus from beaumont leys never comes on time",
        "i get the bus to hamilton on saturdays to see my nan",
    ],
)
def test_a_bus_to_an_area_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("the 48 to soar valley college is always packed", ["soar valley"]),
        ("the bus to judgemeadow takes 40 mins", ["judgemeadow"]),
    ],
)
def test_a_bus_to_a_school_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[school]" in out and not any(g in out for g in gone), out
