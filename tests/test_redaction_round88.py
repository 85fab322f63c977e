"""#28 round 88 (twenty-second session): where someone lives, said in ways the rules missed. A street, then "outside
my nans" (a relation's home) or after "our road"; a hotel's room with the brand's second word ("holiday inn
express", "ibis budget"); a children's home "called" its name; a home named after trees ("the beeches") after words
that say someone lives or stays there; a named building after "in care at". Lines written for these tests, not taken
from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("the van is always parked on carisbrooke road outside my nans", "carisbrooke"),
        ("a car keeps stopping on thurncourt road outside his mums every night", "thurncourt"),
        ("they race up and down our road, welland drive, every night", "welland"),
        ("cars speed down our street elmfield avenue all the time", "elmfield"),
        ("we got put in room 22 at the holiday inn express in the city centre", "express"),
        ("they put us in room 5 at the ibis budget for a month", "budget"),
        ("my care home is called the beeches and its alright", "beeches"),
        ("i live in a childrens home called the laurels", "laurels"),
        ("the hostel is called millbrook and the staff are ok", "millbrook"),
        ("she keeps running away from the hollies and the police bring her back", "hollies"),
        ("i was placed at the poplars when i was 12", "poplars"),
        ("i was in care at moorfield house for a bit", "moorfield"),
    ],
)
def test_where_someone_lives_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[address]" in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "we walked down london road outside the station",
        "our road trip to skegness was the best",
        "our road is so loud at night",
        "we stayed at the holiday inn express in london for the concert",
        "the willows by the river are my favourite trees",
        "we read the wind in the willows in year 7",
        "the beeches were cut down at the park",
        "a game called the last of us is my favourite",
        "in care at the hospital they were nice",
        "i was in care at 14 and it was hard",
        "i ran away from the dogs in the park",
    ],
)
def test_the_same_words_said_of_no_home_stay(line: str) -> None:
    assert redact(line).text == line
