"""#28 round 35 (sixteenth session), with lines written for these tests (not taken from any set).

Kind, from dev7 (where people live and stay): where someone lives said by what their home is beside, with no word
for the home ("i live above the barbers on green lane road"). Round 32 reads a description after a word for a home;
here the description starts straight after the word for living."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone", "kept"),
    [
        ("we live above the launderette on wharf street", ["launderette", "wharf"], "we live"),
        ("my uncle lives next to the mosque on st saviours road", ["mosque", "saviours"], "my uncle lives"),
        ("she stays behind the chip shop in anstey with her nan", ["chip shop", "anstey"], "with her nan"),
    ],
)
def test_where_someone_lives_said_by_what_is_beside_it_goes(line: str, gone: list[str], kept: str) -> None:
    out = redact(line).text
    assert "[address]" in out and not any(g in out for g in gone) and kept in out, out


@pytest.mark.parametrize(
    "line",
    [
        "i live near the park and its nice",
        "we live next to a busy road so its loud",
        "i live behind the times with music lol",
        "i live for the weekends in town",
    ],
)
def test_living_near_somewhere_in_general_stays(line: str) -> None:
    assert redact(line).text == line
