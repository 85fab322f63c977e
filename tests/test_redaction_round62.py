"""#28 round 62 (nineteenth session), with lines written for these tests (not taken from any set): a UK number typed
with a digit too many or too few, after a word for ringing or a number ("she'd ring 07 883 215 6094", "text me on
0778 123 45678"). A score, a sum of money, a year and a reference number with no such word stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my social worker said she would ring 07 883 215 6094 but she never did", ["6094"]),
        ("text me on 0778 123 45678 if you see him", ["45678"]),
        ("my number is 0116 255 12345 ask for my nan", ["12345"]),
        ("call my brother 0745 12 3456 he knows", ["3456"]),
    ],
)
def test_a_number_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[phone]" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "i scored 07 883 215 in the tests this term",
        "chocolate went from 0 99 to 1 20 at the tuck shop, ring fenced my money lol",
        "we lost 0 1 in the last minute then 0 2 the week after",
        "the bus number 0114 goes nowhere near my house",
    ],
)
def test_numbers_that_are_not_phones_stay(line: str) -> None:
    assert redact(line).text == line
