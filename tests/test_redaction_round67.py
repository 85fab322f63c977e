"""#28 round 67 (nineteenth session), with lines written for these tests (not taken from any set): a name after a
Somali word for family with "my" in it ("hooyaday faadumo", my mother Faadumo; "aabahay", "walaashay",
"adeerkay"); Romanian "sora" (sister) is a word in a Romanian answer ("sora mea"), not a name."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("hooyaday faadumo way xanuunsan tahay", "faadumo"),
        ("aabahay cabdi wuu i garaacaa", "cabdi"),
        ("adeerkay xasan ayaa lacag iga qaata", "xasan"),
        ("saaxiibkay guuleed wuxuu ku jiraa xabsiga", "guuleed"),
        ("sora mea bianca nu mai vine acasa", "bianca"),
    ],
)
def test_the_name_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "sora mea nu mai vine acasa de doua zile",
        "hooyaday way xanuunsan tahay oo cidna ma caawiso",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line
