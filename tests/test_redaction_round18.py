"""#28 round 18 (thirteenth session), with lines written for these tests (not taken from any set).

Kinds, from what frozen15 (measured before and after round 17, a development set since) missed, written here in
new lines:
- a home that is not a house on a street: a bungalow, caravan, maisonette or hostel room by its number, then its
  address ("bungalow 4, the limes, syston"); a hotel room where a family is placed ("room 118 at the premier inn");
- a house number and "the" with a street's last word that is an everyday word ("21 the paddocks"), wherever it is;
- a named building or block joined to the address after it ("ashfield house on 12 london road", "st marks flats,
  elmsdale house");
- a village of the county after an address ("3 main street, hathern");
- a form group's word goes with its code ("in form 9k" is "in [form group]").
Each with lines where the same shape is not an address and must stay."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("we got moved to bungalow 4, the limes, syston and its so small", ["bungalow", "4", "limes", "syston"]),
        ("my nan is in maisonette 2, 19 tudor road and i stay there weekends", ["maisonette", "2", "19", "tudor"]),
        ("im in hostel room 12, 40 saxby street and its not safe", ["hostel", "room", "12", "40", "saxby"]),
        ("we live in caravan 7 at the site off the a6", ["caravan", "7"]),
        ("me and my mum are in room 118 at the premier inn on humberstone gate", ["118", "premier", "inn"]),
        ("we stay in room 32 at the travelodge since we came", ["32", "travelodge"]),
    ],
)
def test_a_home_by_its_number_that_is_not_a_house_goes(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("people hang round outside 21 the paddocks every night", ["21", "paddocks"]),
        ("number 9 the maltings has police there all the time", ["9", "maltings"]),
        ("my mate got jumped by 6 the willows on friday", ["6", "willows"]),
    ],
)
def test_a_house_number_and_the_with_a_streets_everyday_word_goes(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my cousin is in care at ashfield house on 12 london road", ["ashfield", "house", "12", "london"]),
        ("older lads wait at the st marks flats, elmsdale house for the year 8s", ["marks", "flats", "elmsdale"]),
        ("we live at the old vicarage, 3 church lane, hathern", ["vicarage", "3", "church", "hathern"]),
        ("my dad lives at 14 station road, kirby muxloe now", ["14", "station", "kirby", "muxloe"]),
    ],
)
def test_a_named_building_or_village_joined_to_an_address_goes_with_it(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("a boy in form 9k keeps touching me", ["form", "9k"]),
        ("everyone in tutor group 10JB laughs at me", ["tutor", "group", "10jb"]),
    ],
)
def test_a_form_groups_word_goes_with_its_code(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "we have maths in room 118 on fridays",
        "the premier inn near the train station is being done up",
        "i was 5 the first time i went to the lawns park",
        "we got 3 the same answers in the quiz",
        "the willows is a nice walk with my dog",
        "there are 2 houses on our road that got burgled",
        "my form is nice and my tutor is kind",
        "i live in a bungalow with my nan now",
        "the caravan holiday was the best week of the summer",
        "leicester house music nights are so good",
        "i went to hathern for my cousins party",
        "kirby muxloe has a castle you can visit",
        "room 4 at the youth centre has the pool table",
    ],
)
def test_rooms_houses_and_villages_that_are_no_address_stay(line: str) -> None:
    assert redact(line).text == line
