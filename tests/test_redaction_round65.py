"""#28 round 65 (nineteenth session), with lines written for these tests (not taken from any set): homes said in
Roman Urdu take the street alone, not the Urdu words before it ("meri khala [belgrave road] pe rehti hain"); Somali
"deganahay" (I live) and Romanian "locuiesc" (I live) are words for living, not names; a Polish home "przy" a street
after the kind of home ("mieszka w domu dziecka przy [aylestone road]")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("hum log melton road pe rehte hain", "hum log [address] pe rehte hain"),
        (
            "meri khala belgrave road pe rehti hain aur bohat strict hain",
            "meri khala [address] pe rehti hain aur bohat strict hain",
        ),
        ("waxaan deganahay st saviours road", "waxaan deganahay [address]"),
        (
            "locuiesc in apartamentul de deasupra magazinului pe london road",
            "locuiesc in apartamentul de deasupra magazinului pe [address]",
        ),
        ("ona mieszka w domu dziecka przy aylestone road", "ona mieszka w domu dziecka przy [address]"),
    ],
)
def test_the_street_goes_and_the_words_around_it_stay(line: str, expected: str) -> None:
    assert redact(line).text == expected


@pytest.mark.parametrize(
    "line",
    [
        "narborough road pe bahut traffic hai subah",
        "dom dziecka przy szkole jest duzy",
        "locuiesc aici de doi ani si imi place scoala",
    ],
)
def test_the_same_words_with_no_home_stay(line: str) -> None:
    assert redact(line).text == line
