"""#28 round 19 (thirteenth session), with lines written for these tests (not taken from any set).

Kinds, from what frozen15 (a development set since its measure) missed, written here in new lines:
- a nickname of a letter after a word that takes a person ("owes money to big k", "its lil T", "from little j");
- a first name that is also a month or a word, joined by "and" to a person and before what people do ("me and june
  went", "jan and kuba from my class", "kuba and jan pick on me");
- a name after "my key worker is" and other people who work with a young person ("my key worker is bally johal");
- a date of birth with a year of two figures ("11th nov 07", "3 march 09");
- a school whose name is a place or word too, where the words after say school ("outside lancaster at home time",
  "goes to west gate").
Each with lines where the same shape is no person, date or school and must stay."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("i owe money to big k and hes threatening me", ["k"]),
        ("its lil T from the estate who does it", ["t"]),
        ("i got a message from little j last night", ["j"]),
        ("big d and little j run the block", ["d", "j"]),
        ("me and june went to town and got followed", ["june"]),
        ("jan and kuba from my class pick on me", ["jan", "kuba"]),
        ("kuba and jan pick on me every day", ["jan", "kuba"]),
        ("mei and jun from my class say im weird", ["jun", "mei"]),
        ("my key worker is bally johal and shes helped loads", ["bally", "johal"]),
        ("my support worker is tariq and he listens", ["tariq"]),
        ("my pa is gurpreet she sorted my flat", ["gurpreet"]),
        ("my social worker was jas dhillon till last year", ["jas", "dhillon"]),
        ("our youth worker is bally johal at the hub", ["bally", "johal"]),
        ("jaylen, 11th nov 07, care leaver", ["11th", "nov", "07"]),
        ("born 3 march 09 in leicester", ["3", "march", "09"]),
        ("my birthday is 22nd feb 08", ["22nd", "feb", "08"]),
        ("a man sits outside lancaster at home time", ["lancaster"]),
        ("my little brother goes to west gate and they never ring my mum", ["west", "gate"]),
    ],
)
def test_nicknames_names_dates_and_schools_the_words_around_say_go(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "a little j shaped scar",
        "the big d word",
        "in jan and feb we have mocks",
        "may and june are the best months",
        "me and will be there at 6",
        "i went in june and it was sunny",
        "my key worker is great and she listens",
        "my pa is off sick this week",
        "my support worker is always late",
        "my tutor is strict but fair",
        "my foster carer is lovely, first time i felt at home",
        "my key worker is happy to help with anything",
        "in the summer and i did kayaking",
        "i am always sad and i dont think it will change",
        "my social worker is new and i dont know her yet",
        "on the 5th of may 10 of us went to the beach",
        "lancaster is a city up north",
        "we drove past lancaster on the way to the lakes",
        "the west gate of the park is locked at night",
    ],
)
def test_letters_months_roles_and_places_that_are_no_one_stay(line: str) -> None:
    assert redact(line).text == line
