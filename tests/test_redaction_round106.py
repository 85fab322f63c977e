"""#28 round 106 (twenty-fourth session): a name that is an everyday word no list of names has ("reign", "star",
"legend"), at the start of a sentence, before "from my class" (form, year, team, street, church ...) and something only
a person does ("reported me", "keeps messaging me", "posted my pic"). A word for people or a thing before the same
words stays ("a girl from my class", "homework from my class is hard"). Lines written for these tests, not taken from
any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("reign from my tutor group keeps sending me horrible messages", "reign"),
        ("star from my form reported me for nothing", "star"),
        ("legend from the estate posted my pic on his story", "legend"),
        ("treasure from church told my mum what i said", "treasure"),
        ("we had a fight and then honour from my team blocked me", "honour"),
    ],
)
def test_the_name_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "homework from my class is hard",
        "girl from my class told the teacher",
        "friend from my form messaged me",
        "someone from my year posted it",
        "music from my phone keeps cutting out",
        "everyone from my street knows",
        "pics from my team got shared",
        pytest.param(
            "sky from the app says it will rain",
            marks=pytest.mark.xfail(
                reason="the CRF reads sky as a name here (0.97); the rules no longer do", strict=True
            ),
        ),
    ],
)
def test_everyday_words_stay(line: str) -> None:
    assert redact(line).text == line
