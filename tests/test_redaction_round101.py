"""#28 round 101 (twenty-third session): everyday Urdu words in Latin letters that the lists hold as names too
("jane" going, "lun ga" I will take, "bola" said, "ata" comes, "aya" came): in an answer written in Urdu they are words,
unless a word for a person comes just before ("meri dost jane"); in English they are still names. Lines written for
these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "mujhe ghar jane se dar lagta hai",
        "main khudkushi kar lun ga agar ye chalta raha",
        "usne mujhe bola chup raho warna maar dunga",
        "jab gussa ata hai to main khud ko hurt karta hun",
        "wo kal raat ko aya tha aur ammi ko mara",
    ],
)
def test_an_everyday_urdu_word_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("jane keeps pushing me in the corridor", "jane"),
        ("meri dost jane bohat achi hai", "jane"),
        ("me and aya walk to school", "aya"),
    ],
)
def test_the_name_still_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
