"""#28 round 55 (eighteenth session), with lines written for these tests (not taken from any set): a surname that is
an everyday word ("day", "good", "little", "best", "street", "price", "wood"), right after a first name, where what
follows says the two words are a person ("jack day both play", "ellie little spread it", "tom price smashed",
"my stepdad is frank wood and ..."), and after a title ("miss street kept me back"). The same words as words stay
("amy best friend", "sam good at maths", "jack day off", "will power", "a good day")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("me and jack day both got detention for nothing", ["day"]),
        ("ellie little spread rumours about me in year 8", ["little"]),
        ("aisha good is the only one who sticks up for me", ["good"]),
        ("tom price smashed the window at the youth club", ["tom", "price"]),
        ("my stepdad is frank wood and he hurts my mum", ["frank", "wood"]),
        ("miss street kept me back for talking and wouldnt listen", ["street"]),
        ("dob 4/5/2011, chloe best, year 9", ["best"]),
        ("kai young keeps sending me videos i dont want", ["young"]),
        ("mia good is actually kind to me", ["good"]),
        ("dan and jack day both play in goal", ["jack", "day"]),
        ("owen street lives on my road", ["owen", "street"]),
        ("in science tom hall films people getting hit", ["hall"]),
        ("the teacher miss street is strict", ["street"]),
    ],
)
def test_an_everyday_surname_after_a_name_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[name]" in out and not any(g in out.replace(",", " ").split() for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "amy best friend is moving away and i dont know what to do",
        "sam good at maths but he never gets picked",
        "we had a good day at the park",
        "it takes will power to say no",
        "the best thing about the youth club is the staff",
        "i want to go to the street dance club",
        "jack frost nipping at your nose is the only christmas song i know",
    ],
)
def test_the_same_words_as_words_stay(line: str) -> None:
    out = redact(line).text
    assert all(w in out.split() for w in ("best", "good", "day", "power", "street", "frost") if w in line.split()), out
