"""#28 round 23 (fourteenth session): the close labeller reads addresses too. Lines written for these tests before
the retrained model was run on them (not taken from any set).

Kinds: an address that no rule's shape holds, read from the words around it: a pitch or plot on a site, a room
in a home, a house number before a street's name with no street word, a flat in a named block, a number after the
street; and, beside them, numbers that are no one's home (ages, scores, times, buses, rooms at school, levels)."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        (  # a rule since round 59: a caravan site's plot or pitch
            "we live on pitch 7 at the willows caravan park and people stare",
            ["7", "willows"],
        ),
        ("my grandad is in room 9 at the beeches care home in wigston", ["9", "beeches"]),  # round 32
        ("she lives at 14 hazelmere by the shops and her dad drinks", ["14", "hazelmere"]),
        ("my address is 31 brambling, new parks", ["31", "brambling"]),
        ("he stays at number 5 ashby court on the top floor", ["5", "ashby"]),
        ("come to 62b the newarke flats if you want to find me", ["62b", "newarke"]),
    ],
)
def test_addresses_read_from_the_words_around_them_go(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "the 14 bus never comes on time so i walk",
        "i got 7 out of 10 in my maths test",
        "room 12 is the music room and its always cold",
        "we live 2 minutes from the park but its not safe at night",
        "my brother is 4 and my sister is 9",
        "we won 3 nil on saturday and i scored",
        "i was 12 when it started and nobody noticed",
        "im on level 4 in reading now",
    ],
)
def test_numbers_that_are_no_ones_home_stay(line: str) -> None:
    assert redact(line).text == line
