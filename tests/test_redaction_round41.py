"""#28 round 41 (seventeenth session), with lines written for these tests (not taken from any set).

Kind, from the clean lines the development sets change most often: a name that is a film, book, show, song,
game or character, or a rapper's, said to be one ("matilda is my favourite film", "dave is the best uk rapper",
"coraline was the best film", "dave's album"). Someone the young person knows, said the same way, still goes
("my mate dave is the best rapper in our year"), and so does anyone said to be a friend, a teacher or a player."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "dave is the best uk rapper and his lyrics are real",
        "matilda is my favourite film because she is brave",
        "coraline was the best film we watched at the youth club",
        "dave's new album is so good it made me cry",
        "sonic is my fav game character",
        "jolene is a song my nan plays every morning",
    ],
)
def test_works_and_artists_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my mate dave is the best rapper in our year", ["dave"]),
        ("jess is my best friend and she listens", ["jess"]),
        ("amir is the best player in our team but the coach hates him", ["amir"]),
        ("mr patel is the best teacher in the school", ["patel"]),
        ("kayla is my favourite person in the whole world", ["kayla"]),
    ],
)
def test_people_still_go(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[" in out and not any(g in out for g in gone), out
