"""#28 round 54 (eighteenth session), with lines written for these tests (not taken from any set): a young person
or someone they know with a famous name, where the words after it say so ("harry kane in year 10", "lewis
hamilton no relation", "is my actual name", then their own email or number), and a name given as one's own after
it ("storm is my name"). A public figure written about as one still stays ("harry kane scored again", "lewis
hamilton won in the rain")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("harry kane in year 10 keeps pushing me into the lockers", ["kane"]),
        ("lewis hamilton no relation lol is in my form and he is so mean", ["hamilton"]),
        ("tyson fury is my cousins actual name and he gets called names at school", ["fury"]),
        ("my name is jude bellingham like the footballer and i get bullied for it", ["bellingham"]),
        ("adele smith adele.s2010@gmail.com please can someone email me back", ["adele"]),
        ("storm is my name and everyone makes jokes about the weather", ["storm"]),
    ],
)
def test_a_famous_name_that_is_theirs_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[name]" in out and not any(g in out.split() for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "harry kane scored again last night and my dad was buzzing",
        "lewis hamilton won in the rain and i stayed up to watch it",
        "tyson fury is my dads favourite boxer",
        "jude bellingham is the best player in the world no cap",
        "i love harry styles like the one direction days",
    ],
)
def test_a_public_figure_written_about_stays(line: str) -> None:
    assert redact(line).text == line
