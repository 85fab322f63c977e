"""#28 round 107 (twenty-fourth session): a street said to be where someone lives just after it, without "is" ("the
shop on beaumont way where my cousin lives"), and a flat or room said in Polish or Romanian before its number and
building ("mieszkanie 9 elmfield house", "apartamentul 7 de pe ..."): the word for the flat goes with it. A street where no one is
said to live stays. Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("they hang outside the shop on beaumont way where my cousin lives", "beaumont"),
        ("theres always fights on halsbury street where my nan lives", "halsbury"),
        ("ciocia mieszka w mieszkanie 9 elmfield house", "mieszkanie"),
        ("sora mea sta in apartamentul 7 de pe catherine street", "apartamentul"),
    ],
)
def test_the_home_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "the bus on narborough road where the college is takes ages",
        "we went to the park where my cousin plays football",
        "mieszkanie jest male ale ok",
    ],
)
def test_everyday_words_stay(line: str) -> None:
    assert redact(line).text == line
