"""#28 round 83 (twenty-first session): a name found on its own, then "from" or "in" and the full title of a film,
show, game or book the lists know, is a character of it, even where the lists do not name that character ("kai in
blue lock", "nessa from gavin and stacey"), and so is a name joined to it by "and" ("erin and orla in derry
girls"); titles the lists did not have are added. Still gone: a name said to be someone the young person knows ("a
boy called jay from fortnite", "my mate kai in my class"), and a name before a title that is an everyday word too
("sarah from the office", where the young person's mum works). Lines written for these tests, not taken from any
set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "reo in blue lock is so underrated",
        "mikey from tokyo revengers is the hardest character",
        "erin and orla in derry girls are the funniest duo ever",
        "rick from rick and morty is a terrible grandad lol",
        "mabel from gravity falls has the best jumpers",
        "steve harrington in stranger things had the best glow up",
    ],
)
def test_a_character_said_with_its_work_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("a boy called jay from fortnite keeps asking for my snap", "jay"),
        ("my mate kai in my class watches blue lock", "kai"),
        ("sarah from the office keeps shouting at my mum", "sarah"),
        ("me and reo in blue lock shirts at the match", "reo"),
    ],
)
def test_someone_they_know_still_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
