"""#28 round 72 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): what is no one's detail stays: a street named like a school ("st georges way", "st peters lane"),
the city's and county's constituencies after "mp for" or "mp of", a sequel of a film whose title is a name ("moana 2
was", "coco 2"), characters of shows and games young people talk about now (the amazing digital circus, kpop demon
hunters, one piece, minecraft), a band's members beside the band, Love Island's villa, a business that shares a
school's word. A school, and a name a young person has, where the words say so, still go."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "the buses on st georges way never come on time",
        "there was a crash on st peters lane this morning",
        "who is the mp for leicester east now",
        "the mp for leicester west came to our school",
        "our mp for charnwood never answers emails",
        "moana 2 was too long and the songs were worse",
        "moana 2 came out when i was in year 7",
        "pomni and jax from the amazing digital circus are my favourites",
        "my little brother only talks about rumi and zoey from kpop demon hunters",
        "zoro and luffy are the best in one piece",
        "steve and alex in minecraft are so basic",
        "niall and louis from one direction are back on tour",
        "casa amor week is the best bit of love island",
        "samworth brothers make most of the sandwiches in the shops",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone", "tag"),
    [
        ("i go to st georges and i hate it", "georges", "[school]"),
        ("my friend louis got beat up at the park", "louis", "[name]"),
        ("my cousin zoey is scared to go home", "zoey", "[name]"),
        ("i got excluded from samworth last year", "samworth", "[school]"),
        ("my dad works at samworth brothers on nights", "samworth", "[workplace]"),
    ],
)
def test_the_detail_goes(line: str, gone: str, tag: str) -> None:
    out = redact(line).text
    assert tag in out and gone not in out.split(), out
