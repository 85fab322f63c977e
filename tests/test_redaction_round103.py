"""#28 round 103 (twenty-fourth session): where a young person in care or in temporary housing lives, by the name of
the home, the block or the hostel and its room. A named home goes after the people and words that say it is one: a
keyworker or staff "at the beeches", foster carers or a foster brother "at cedar house", running off or away "from fern
bank", "our block kingfisher house", "the gables ... its a childrens home"; and a room goes with the hostel it is in
("room 14 at the ymca"). The same words before a school, a council, a job centre or a day out stay. Lines written for
these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my keyworker at the beeches is the only one who listens", "beeches"),
        ("the staff at hollybrook are always on their phones", "hollybrook"),
        ("my foster carers at ashby court are sound tbh", "ashby"),
        ("me and my foster brother at cedar house share a room", "cedar"),
        ("she keeps running off from fern bank and the police bring her back", "fern"),
        ("i ran away from meadow view twice this year", "meadow"),
        ("our block kingfisher house has needles on the stairs", "kingfisher"),
        ("im in room 14 at the ymca till the council sort something", "ymca"),
        ("im in room 14 at the ymca till the council sort something", "14"),
        ("i stayed at the gables for a bit, its a childrens home in syston", "gables"),
        ("i was at brookside for two years its a residential unit", "brookside"),
    ],
)
def test_the_home_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "my keyworker at the council is never there",
        "staff at the school are rubbish at listening",
        "my foster carers took me to the beach at skegness",
        "i had room 12 at school for my exams",
        "the youth worker at the centre helped me",
        "we went to the willows garden centre for a day out",
        "my mum works at the premier inn",
        "i ran away from the dog at the park lol",
        "the staff at the unit are nice",
        "my support worker at the job centre is helpful",
        "my foster carers at christmas got me a bike",
        "the staff at tesco were nice to me",
        "our block has no lift and the stairs stink",
        "i ran away from home once when i was 12",
    ],
)
def test_everyday_words_stay(line: str) -> None:
    assert redact(line).text == line
