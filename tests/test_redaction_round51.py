"""#28 round 51 (eighteenth session), with lines written for these tests (not taken from any set): characters of the
films, shows, games and books young people write about stay where the answer names the work or says whose
character it is ("elsa from frozen", "cooper from interstellar", "frodo and sam in lord of the rings"), and a
title written after the book it names ("matilda by roald dahl") stays; a person the young person knows who
shares a character's name still goes ("my mate elsa from year 9", "anna from my class watched frozen with me")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "elsa from frozen is my little cousins favourite",
        "cooper from interstellar made me cry so much",
        "geralt from the witcher is so calm about everything",
        "sky from paw patrol is on all day in our house",
        "rose from titanic should have moved over on that door",
        "frodo and sam in lord of the rings never give up on each other",
        "miss honey from matilda is the teacher everyone needs",
        "matilda by roald dahl was the first book i read on my own",
        "arthur morgan is the best game character ever made",
        "ms rachel keeps my baby brother quiet in the mornings",
        "eleven from stranger things is my favourite",
        "steve from minecraft is in the new film",
        "we watched moana 2 and maui was so funny",
    ],
)
def test_a_character_of_a_work_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my mate elsa from year 9 keeps messaging me at night", ["elsa"]),
        ("anna from my class watched frozen with me and then told everyone i cried", ["anna"]),
        ("sam from the youth club said he would drive me home", ["sam"]),
        ("rose from next door shouts at her kids every night", ["rose"]),
    ],
)
def test_someone_known_who_shares_a_characters_name_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[name]" in out and not any(f" {g} " in f" {out} " for g in gone), out
