"""#28 round 77 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): an everyday word that starts a sentence and is said to be a baby, step, half or foster brother,
sister or cousin is their name ("reign is my baby sister"), as "is my little sister" already was; what is said to be a
family member's favourite, or a thing said to be a friend, stays."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("reign is my baby sister and she cries all night", "reign"),
        ("honour was my baby cousin before they moved to derby", "honour"),
        ("star is my step sister and she gets away with everything", "star"),
        ("sky was my half brother but we dont talk now", "sky"),
        ("blaze is my foster brother and he is kind to me", "blaze"),
    ],
)
def test_the_name_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "sleep is my best friend during exams",
        "music is my baby sisters favourite thing",
        "peace is my step dads favourite word lol",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line
