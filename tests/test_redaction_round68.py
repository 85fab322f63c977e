"""#28 round 68 (nineteenth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): a parent's place of work said in Roman Urdu, Punjabi or Gujarati, with the work word after it
("abbu [the co-op on narborough road] mein kaam karte hain", "mummy [sari shop on belgrave road] ma kaam kare che").
A street said with work after it but no business ("narborough road pe kaam hai"), and a job with no place, stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("abbu the co-op on narborough road mein kaam karte hain aur bohat thak jate hain", ["co-op", "narborough"]),
        ("meri khala chicken shop on uppingham road pe kaam karti hai", ["chicken", "uppingham"]),
        ("mummy sari shop on belgrave road ma kaam kare che", ["sari", "belgrave"]),
        ("papa warehouse in enderby ch kam karde ne", ["warehouse", "enderby"]),
    ],
)
def test_the_place_of_work_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[workplace]" in out and not any(g in out.split() for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "narborough road pe bohat traffic hai aaj",
        "abbu ghar pe kaam karte hain aur ammi school mein",
        "mummy office ma kaam kare che ane papa ghar che",
    ],
)
def test_no_place_of_work_stays(line: str) -> None:
    assert redact(line).text == line
