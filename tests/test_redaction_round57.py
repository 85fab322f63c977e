"""#28 round 57 (eighteenth session), with lines written for these tests (not taken from any set): a children's or
care home by its name ("sunnyside lodge childrens home", "the elms care home"); a home described in a village whose
name has an everyday word in it ("the cottage by the pub in long clawson"); a house number given alone ("our house
number is 27"); a number and a street's name without "road" or "street" where someone lives ("we live at 14
westcotes"); which flat of a building ("the top flat at 3 ..."). A children's home said in general stays ("i
live in a childrens home", "the secure childrens home was horrible"), and so do times and amounts ("i live at 5
mins from school")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("i got moved to sunnyside lodge childrens home in thurmaston last month", ["sunnyside", "lodge"]),
        ("the staff at the elms care home are kind to my nan", ["elms"]),
        ("they live in the cottage by the pub in long clawson", ["cottage", "clawson"]),
        ("our house number is 27 and the door is red", ["27"]),
        ("we live at 14 westcotes and the landlord never fixes anything", ["14", "westcotes"]),
        ("i live in the top flat at 3 evington lane with my dad", ["top", "3", "evington"]),
        ("we got put in the basement flat, 22 hartopp road and its damp", ["basement", "22", "hartopp"]),
    ],
)
def test_a_home_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[address]" in out and not any(g in out.replace(",", " ").split() for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "i live in a childrens home and the staff change every week",
        "the secure childrens home was horrible",
        "i live at 5 mins from school so i walk",
        "my house number is on the gate but the postman still gets it wrong",
        "the top flat always gets the noise from the roof",
        "we moved to great glen last year and its quiet",
    ],
)
def test_homes_in_general_stay(line: str) -> None:
    assert redact(line).text == line
