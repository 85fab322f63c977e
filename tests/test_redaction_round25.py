"""#28 round 25 (fifteenth session), with lines written for these tests (not taken from any set).

Kind, from what the blind sets frozen20 and frozen21 (each measured once, development sets since) kept: a first
name that is a month or a season ("june", "april", "may", "autumn"), starting a sentence or after "and", where the
words after it say a person (what she says, does or is to someone). The lists hold months as never names, so only
the close labeller can find these, where it is very sure. Months and seasons as time stay: "may i say", "june was
the worst month", "summer and autumn are the best", "in april my dad left"."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("april keeps telling everyone im a snitch and now no one talks to me", ["april"]),
        ("june from across the road gets hit by her boyfriend and she is only 15", ["june"]),
        ("may is my key worker and she actually listens", ["may"]),
        pytest.param(
            "summer and june are in care with me and we look out for each other",
            ["summer", "june"],
            marks=pytest.mark.xfail(
                strict=True, reason="the close labeller is not sure enough: summer 0.67, june 0.94 (0.97 needed)"
            ),
        ),
        ("august told the whole class what i said to the counsellor", ["august"]),
        ("my best mate and autumn got jumped after school on friday", ["autumn"]),
    ],
)
def test_a_month_or_season_that_is_a_persons_name_goes(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "may i say the buses are always late",
        "june was the worst month because of exams",
        "summer and autumn are the best times to go to the park",
        "in april my dad left and my mum cried every night",
        "april fools day at school is just people being mean",
        "may be the police could come round more often",
        "august is too hot to do anything",
        "spring and summer are when the park gets busy and people drink there",
        "we break up in july and go back in september",
        "winter is hard because we cant afford the heating",
    ],
)
def test_months_and_seasons_as_time_stay(line: str) -> None:
    assert redact(line).text == line
