"""#28 round 29 (fifteenth session), with lines written for these tests (not taken from any set).

Kind, from the reader's answers (which have no names marked): an everyday English word in lower case where a name
could stand, after a word for a person ("my dad [broke] my mums arm", "my friend [alcohol]", "some big [boys]"),
that the CRF read as a name and the close labeller, reading the whole sentence, gives almost no chance
(CLOSE_DOUBT). Two learned readers must agree on such a word; where the close labeller agrees, the name goes."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "word"),
    [
        ("my stepdad broke my little brothers arm and said he fell", "broke"),
        ("my uncle smashed my phone when i said no", "smashed"),
        ("some big lads told me to take a bag to a flat", "lads"),
        ("my mate gave me vodka and then his mates came round", "vodka"),
        pytest.param(
            "they call me fresh off the boat at school",
            "fresh",
            marks=pytest.mark.xfail(
                strict=True, reason="'call me' is where a nickname stands; the close labeller gives fresh above 0.02"
            ),
        ),
    ],
)
def test_an_everyday_word_where_a_name_could_stand_stays(line: str, word: str) -> None:
    assert word in words_left(line), redact(line).text


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my stepdad frank hit my mum again last night", ["frank"]),
        ("my friend grace told me she cuts herself", ["grace"]),
        ("me and hope walk home together because a man follows us", ["hope"]),
    ],
)
def test_an_everyday_word_that_is_a_name_there_goes(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text
