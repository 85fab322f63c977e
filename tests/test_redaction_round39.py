"""#28 round 39 (seventeenth session), with lines written for these tests (not taken from any set).

Kind: the area's primary, special and independent schools that data/schools.txt did not have ("shaftesbury
junior", "holy cross primary", "st patricks", "birch wood", "the pochin"), and South Leicestershire College. Those
that are words, streets, parks or churches too are schools only where something says so."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my little brother goes shaftesbury junior and hes getting bullied", ["shaftesbury"]),
        ("holy cross primary was the best school i went to", ["holy cross"]),
        ("my sister is at st patricks and the teachers are nice", ["patricks"]),
        ("im at birch wood and they help me with my autism", ["birch wood"]),
        ("he goes to the pochin in barkby", ["pochin"]),
        ("i do my course at south leicestershire college in wigston", ["south leicestershire"]),
        ("hallam fields is where my little sister goes", ["hallam fields"]),
        ("i left st marys fields in year 6 and nobody asked why", ["marys fields"]),
    ],
)
def test_the_school_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[school]" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "we walked up brocks hill with the dog on sunday",
        "the sacred heart church does a food bank on fridays",
        "they built houses on a greenfield site near us",
        "we go to church at st barnabas on christmas day",
    ],
)
def test_words_parks_and_churches_stay(line: str) -> None:
    assert redact(line).text == line
