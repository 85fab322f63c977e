"""#28 round 38 (seventeenth session), with lines written for these tests (not taken from any set).

Kind, from the development sets' misses: a school whose short form is an everyday word or a street too ("moat",
"castle rock", "heath lane") said as the place its pupils belong to ("the moat kids", "is in castle rock",
"moat mein hai"), a school's initials young people use ("jmc", "fcc"), and a school said at the start of a sentence
about its teachers, gates or year groups. The same forms as places, streets or words stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("the moat kids always start on us at the bus stop", ["moat"]),
        ("castle rock students get the same bus as us", ["castle rock"]),
        ("my cousin is in heath lane and they pick on him", ["heath lane"]),
        ("meri behen moat mein hai aur wahan sab usko tang karte hain", ["moat"]),
        ("i was at jmc before we moved to wigston", ["jmc"]),
        ("fcc is strict about phones but not about bullying", ["fcc"]),
        ("moat is full of fights and the teachers do nothing", ["moat"]),
        ("beaumont leys needs more teachers on the gate at home time", ["beaumont leys"]),
        ("city of leicester is ok but the year 11s take our money", ["city of leicester"]),
    ],
)
def test_the_school_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[school]" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "the moat round the castle was the best bit of the trip",
        "beaumont leys is rough at night and the police never come",
        "kids in beaumont leys have nothing to do after school",
        "hamilton kids play football on the field by the library",
        "the kids on heath lane set fire to the bins",
        "the city of leicester is diverse and i like that",
        "leicester city fans were singing outside our school",
    ],
)
def test_places_and_words_stay(line: str) -> None:
    assert redact(line).text == line
