"""#28 round 74 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): Eid's names written without their hyphen ("eid al adha"), a football chant, and a footballer
known by one name stay; a name a young person has, where the words say so, still goes."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "eid al adha prayers were in the park this year",
        "we had a party for eid ul fitr at my aunties",
        "dilly ding dilly dong was on the radio again",
        "hagi was a legend for romania in the 90s",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my friend adha got excluded for nothing", "adha"),
        ("my cousin dong got jumped near the park", "dong"),
    ],
)
def test_the_name_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
