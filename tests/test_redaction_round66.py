"""#28 round 66 (nineteenth session), with lines written for these tests (not taken from any set): weddings and
family occasions of South Asian families ("my cousins nikah", "her mehndi"), a god prayed to ("i pray to krishna
every morning"), figures of faith named together ("jesus and mary"), and "meds", stay as written; a person with the
same name still goes."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "my cousins nikah was so long but the food was worth it",
        "rose petals everywhere at my sisters mehndi last night",
        "we have a walima on saturday so i cant come",
        "my uncles shaadi is in pakistan and we cant afford to go",
        "i pray to krishna every morning before school",
        "i pray to shiva when i feel scared",
        "we learnt about jesus and mary at christmas in re",
        "meds make me so tired in the mornings",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("krishna in my form keeps pushing me", "krishna"),
        ("my friend mary says her dad hits her", "mary"),
    ],
)
def test_a_person_with_the_name_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
