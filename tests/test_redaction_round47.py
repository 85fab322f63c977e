"""#28 round 47 (seventeenth session), with lines written for these tests (not taken from any set), after trying
the kinds of address the blind sets' brief names: where a home is said in Roman Urdu with the street before "pe" or
"par" ("hamara ghar ulverscroft road par hai"), the foyer (a hostel for young people) on its street, the mother and
baby unit at its address, a named house and its village after a comma ("the old rectory, great glen"); and the
Polish word for an address ("mój adres to ..."), which was read as a name."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("hamara ghar ulverscroft road par hai", ["ulverscroft"]),
        ("nani ka ghar mere road pe hai, wahan safe lagta hai", ["mere road"]),
        ("they took me to the foyer on bath lane", ["bath lane"]),
        ("im in the mother and baby unit at 15 narborough road south", ["baby", "15", "narborough"]),
        ("we live at the old rectory, great glen", ["rectory", "great glen"]),
    ],
)
def test_the_address_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[address]" in out and not any(g in out for g in gone), out


def test_the_polish_word_for_address_stays() -> None:
    assert redact("mój adres to 15 evington drive").text == "mój adres to [address]"


@pytest.mark.parametrize(
    "line",
    [
        "ghar pe koi nahi hota aur main akela hota hoon",
        "narborough road pe bahut traffic hai",
        "the foyer at the leisure centre is where we wait",
        "mother and baby groups helped my mum",
    ],
)
def test_places_that_are_no_home_stay(line: str) -> None:
    assert redact(line).text == line
