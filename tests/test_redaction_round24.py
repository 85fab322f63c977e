"""#28 round 24 (fourteenth session), with lines written for these tests (not taken from any set).

Kind, from what frozen19 and frozen20 (each measured once, development sets since) both missed, written here in new
lines: a registration spaced out as on the plate and typed in lower case ("kp 21 wxe"), in an answer about a car or
a driver. Its letters are no words, so "im 14 and my dad drives a van" stays."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("some man in a black golf kp 21 wxe keeps following me home", ["kp", "wxe"]),
        ("lr 19 fzd nearly ran me over outside the shop", ["lr", "fzd"]),
        ("the car that picks her up is yb 70 hnt", ["yb", "hnt"]),
        ("he parked his van ng 16 ruo by the park every night", ["ng", "ruo"]),
    ],
)
def test_a_spaced_registration_in_lower_case_goes(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "im 14 and my dad drives a van",
        "my bro is 17 now and he got a car for his birthday",
        "we lost 21 nil and the coach drove us home in silence",
        "the car park is 24 hrs and its dark",
    ],
)
def test_ages_and_scores_in_an_answer_about_a_car_stay(line: str) -> None:
    assert redact(line).text == line
