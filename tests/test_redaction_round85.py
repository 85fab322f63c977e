"""#28 round 85 (twenty-first session, after frozen30's measure): what is no one's detail. A saint's name after "st"
or "saint" and a name before a word for a place of worship name the place ("st marys church", "the jame masjid");
a name right before "fan" or "fans" is a team's or a star's ("chelsea fan for life"); a month and year of birth with
no day is not a date of birth ("born in march 2010", as the blind sets' brief says). Still gone: a name said to be
someone the young person knows, a date of birth with its day, and Brook and Rakhi as girls' names (the service
and the festival are left to the lists' phrases: "brook sexual health", "raksha bandhan"; kept as single words, they
stayed in "i told brook everything"). Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "we go to st marys church every sunday with my nan",
        "the st martins cathedral is where richard iii is buried",
        "eid prayers at the jame masjid were packed this year",
        "we go to the bilal masjid for jummah",
        "chelsea fan for life no matter what",
        "i was born in march 2010 so im the youngest in my year",
    ],
)
def test_no_ones_detail_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone", "tag"),
    [
        ("my friend chelsea is a spurs fan", "chelsea", "[name]"),
        ("i was born on 3 march 2010 in the royal infirmary", "3", "[date of birth]"),
        ("mary from st marys church keeps asking where my mum is", "mary", "[name]"),
        ("my dob is march 3rd 2010", "3rd", "[date of birth]"),
        ("i told brook everything and she told the whole year", "brook", "[name]"),
        ("rakhi keeps sending me pics of her ex", "rakhi", "[name]"),
    ],
)
def test_someones_detail_still_goes(line: str, gone: str, tag: str) -> None:
    out = redact(line).text
    assert tag in out and gone not in out.split(), out
