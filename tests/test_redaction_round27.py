"""#28 round 27 (fifteenth session), with lines written for these tests (not taken from any set).

Kind, from what the development sets keep most among schools: a school named after its area ("crown hills",
"beaumont leys", "rushey mead", "countesthorpe"), typed bare where the answer says it is the school (who goes there,
what happens inside or outside it). The word lists keep the area, and the close labeller's school was cut short of
its last word ("[school] hills"). Where the close labeller is very sure it is the school, it goes whole; the area,
said as a place to live or pass through, stays."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my little brother gets picked on every day at crown hills and nobody does anything", ["crown", "hills"]),
        ("two lads from rushey mead keep following me home after last lesson", ["rushey", "mead"]),
        ("the toilets at beaumont leys have no locks and people film you", ["beaumont", "leys"]),
        ("kids from countesthorpe keep putting fights on tiktok", ["countesthorpe"]),
    ],
)
def test_a_school_named_after_its_area_goes_whole_where_it_is_the_school(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "i live in beaumont leys and there is nothing to do for teenagers",
        pytest.param(
            "we moved from rushey mead to the other side of town last year",
            marks=pytest.mark.xfail(
                strict=True, reason="a rule reads 'moved from' before a listed school as a move of school"
            ),
        ),
        "the park in crown hills is full of people drinking at night",
        "countesthorpe is a village so everyone knows your business",
        "the bus from hinckley to leicester takes forever",
    ],
)
def test_the_area_said_as_a_place_stays(line: str) -> None:
    assert redact(line).text == line
