"""#28 round 98 (twenty-third session): text speak that the name lists hold. The lists of first names hold words that
are verbs typed without their "g" ("makin", "jokin", "robbin", "rollin", "savin"): where the words around make it a
verb ("keep makin me", "wasnt even jokin", "is savin up") it stays, and a name beside it still goes. A word typed short
before "school" ("aftr skool", "frm skl", "leav school") is no school's name. Lines written for these tests, not taken
from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "they keep makin me carry stuff for them",
        "he wasnt even jokin when he said it",
        "ppl keep robbin my bike",
        "they was rollin up outside the shop",
        "i was only savin up for new trainers",
        "sum1 keeps followin me home frm skool",
        "they said theyll get me aftr school",
        "i get jumped afta skl most days",
        "im gonna leav skool early",
    ],
)
def test_text_speak_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone", "kept"),
    [
        ("robin keeps makin fun of me", "robin", "makin"),
        ("my mate calvin keeps jokin about it", "calvin", "jokin"),
        ("dustin is savin up for a car", "dustin", "savin"),
        ("im friends with martin", "martin", ""),
        ("i go to rushey mead school", "mead", "go"),
    ],
)
def test_the_name_beside_it_still_goes(line: str, gone: str, kept: str) -> None:
    out = redact(line).text
    assert gone not in out.split() and (not kept or kept in out.split()), out
