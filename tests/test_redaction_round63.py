"""#28 round 63 (nineteenth session), with lines written for these tests (not taken from any set): public figures
young people name, from a longer list (data/public_figures.txt: footballers, rugby and cricket players, musicians,
creators, actors, politicians and characters), stay as written; a famous name that is someone's own still goes."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "jack harlow new album came out and my brother wont stop playing it",
        "ellis genge should be england captain no question",
        "freddie steward got a red card and the whole pub was fuming",
        "harry brook batting is the only reason i watch cricket",
        "my dad still plays freddie mercury songs in the car every sunday",
        "natasha jonas is from liverpool and she is a legend for women in boxing",
        "millie bright and hannah hampton were unreal in the euros",
        "doechii and tyla are all i listen to on the bus",
        "mykhailo mudryk cost so much money and does nothing",
        "jack draper could win wimbledon one day",
    ],
)
def test_a_public_figure_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my cousin jack draper keeps taking my money and hitting me", ["draper"]),
        ("my name is millie bright and i am in year 8", ["millie", "bright"]),
    ],
)
def test_a_famous_name_that_is_someones_own_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[name]" in out and not any(g in out.split() for g in gone), out
