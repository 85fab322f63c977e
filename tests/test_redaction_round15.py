"""#28 round 15 (eleventh session), with lines written for these tests (not taken from any set).

The area's places of worship and of learning a faith are no school or name ("kingdom hall", "the jamatkhana", "the
islamic centre"; data/faith.txt). Tried and not kept: the close labeller reading an everyday word that is also a
name at a chance of 0.8 rather than 0.95. On frozen8 to frozen12 (held out of the models' training) it found 11 more
names and 5 more schools and changed no more clean lines, but it took "will" out of "me and will be there for each
other" and "hope" out of "hope from my mum keeps me going" (tests of rounds 4, 6 and 9), "summer" out of "bit sad
summer's over" and made "kingdom hall" a school. The five lines of names below were taken out before this round (by
the rules) and hold what must not be lost. "joy is what i feel at the youth club" was an expected failure until round 29
(fifteenth session), where the close labeller, which gives joy almost no chance here, overrules the CRF."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("i told bill from the youth club what my step dad does", "bill"),
        ("miss holly in reception always asks if im ok", "holly"),
        ("robin the caretaker found me crying in the toilets", "robin"),
        ("joy from my estate keeps sending me horrible messages", "joy"),
        ("me and frank got jumped outside the chippy last week", "frank"),
    ],
)
def test_an_everyday_word_the_sentence_makes_a_person_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "we go to kingdom hall twice a week with my family",
        "my nan takes me to the jamatkhana on fridays",
        "after the islamic centre we get chips in town",
        "the church hall does a free breakfast club",
        "bible study on wednesdays is actually calm",
        "i hope the bill for the trip is not too much",
        "i saw a robin in the garden and it made me smile",
        pytest.param(
            "bit sad summer's over tbh",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the models retrained on the development sets (fourteenth session) read summer as a name here (the close labeller, 0.96); on the held-out development sets they change no more clean lines than before (30 of 1,519)",
            ),
        ),
        "joy is what i feel at the youth club",  # passes since round 29: the close labeller doubts the CRF here
    ],
)
def test_places_of_worship_and_everyday_words_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("we live at flat B, 12 mill lane", "flat B"),
        ("we stay at flat c 9 belvoir street", "flat c"),
        ("room 12, 3 st peters road is where we stay", "room 12"),
        ("my sister has unit 4, 20 wharf street", "unit 4"),
    ],
)
def test_a_flat_or_room_by_letter_or_number_goes_with_its_street(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out and "[address]" in out, out


@pytest.mark.parametrize(
    "line",
    [
        "i live in a flat a long way from school",
        "room 12 is where we have maths",
        "our flat is on the top floor and the lift is broke",
        "we got plan b if the bus doesnt come",
    ],
)
def test_a_flat_or_room_with_no_street_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my nans house is 40 kingsway, braunstone and i go every sunday", "kingsway"),
        ("we moved to 7 saffron hill, wigston last year", "saffron hill"),
        ("send it to 15 westcotes, leicester", "westcotes"),
    ],
)
def test_a_house_number_and_a_street_with_no_street_word_before_a_town_go(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out and "[address]" in out, out


@pytest.mark.parametrize(
    "line",
    [
        "i got 2 detentions, wigston is so boring",
        "we won 3 nil, leicester were terrible",
        "the 14 bus, braunstone to town, is always late",
        "year 9, oadby is where my school is",
        "i was 12, hinckley was where we lived then",
    ],
)
def test_a_number_and_everyday_words_before_a_town_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    "line",
    [
        "i go judgemeadow cc and its fine",
        "bare people at fullhurst cc vape in the toilets",
        "our head at crown hills cc came round to my house",
    ],
)
def test_a_community_college_shortened_to_cc_goes_whole(line: str) -> None:
    out = redact(line).text
    assert " cc " not in out and "[school]" in out, out


@pytest.mark.parametrize(
    "line", ["cc me in the email pls", "my mum put 50 cc in the calpol thing", "i got a 125 cc bike"]
)
def test_cc_alone_stays(line: str) -> None:
    assert redact(line).text == line
