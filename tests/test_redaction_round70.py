"""#28 round 70 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): a number of ten or eleven digits that stands bare, with no word saying what it is, is someone's
number (an NHS number or PESEL mistyped, so its check digit fails, or a mobile without its 0), and goes whatever its
check digit says; the helplines and numbers that are not of that shape stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "digits"),
    [
        ("jasmine 12/04/2010 481 223 7710 i need my records", "4812237710"),
        ("my number on the card is 612 884 3301 and the doctor cant find me", "6128843301"),
        ("ola 12091504417 potrzebuje pomocy z lekarzem", "12091504417"),
        ("kuba 08281904553 szkola", "08281904553"),
        ("mohammed 5529014478 please ring my mum", "5529014478"),
        ("its 7712 004 219 text me", "7712004219"),
    ],
)
def test_a_bare_long_number_goes(line: str, digits: str) -> None:
    out = redact(line).text
    assert digits not in "".join(ch for ch in out if ch.isdigit()), out


@pytest.mark.parametrize(
    "line",
    [
        "crimestoppers 0800 555 111 is anonymous",
        "papyrus hopeline 0800 068 4141 is for young people",
        "the national domestic abuse helpline is 0808 2000 247",
        "i scored 1000 points then 2000 then 3000 in one go",
        "we need 250 000 signatures by 2027 for a debate",
        "the price went from 1 200 to 1 500 in a year",
        "year 10 11 and 12 all had the assembly on 15 03 2024",
    ],
)
def test_these_numbers_stay(line: str) -> None:
    assert redact(line).text == line
