"""#28 round 86 (twenty-first session, after frozen30's measure): everyday Polish ("do konca", until the end) and
Somali ("markasta", always; "iska warran", how are you; "caawisaa", helps) words are words, not names. Lines written
for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "do konca roku zostalo tylko dwa miesiace a ja juz nie daje rady",
        "hooyo markasta way i taageertaa",
        "iska warran walaal, sidee tahay",
        "macalinkayga ayaa i caawiyaa markasta",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line
