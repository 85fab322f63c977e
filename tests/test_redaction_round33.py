"""#28 round 33 (sixteenth session), with lines written for these tests (not taken from any set).

Kinds, from dev7 (where people live and stay): a house number said partly in words ("fourty 5 ...", "a hundred and
six ...", "numba 4 ...", "flat two, fifty three ..."), a number with a letter in words ("seven b ..."), the town
after an address with "in" ("[no.3 sandhurst st in oadby]"), and a street whose name is a school's too, with its
house number ("16 dale street" read as a school). Before, the words of the number, the letter or the town were
left beside the address."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("we moved to sixty 2 hartopp road last month", ["sixty", "2", "hartopp"]),
        ("my aunty is at a hundred and twelve clarendon park road", ["hundred", "twelve", "clarendon"]),
        ("its numba 9 evington lane innit", ["numba", "9", "evington"]),
        ("flat four, twenty one london road is where my mum stays", ["four", "twenty", "london road"]),
        ("we live at eight c mere road", ["eight", " c ", "mere"]),
        ("my nan is no.7 highfield street in wigston", ["no.7", "highfield", "wigston"]),
        ("i live at 21 hinckley road in earl shilton with my dad", ["21", "hinckley", "shilton"]),
        ("come to 40 king street quick he is kicking off", ["40", "king street"]),
        ("we are at fifty 6 upper tichborne st now", ["fifty", "6", "tichborne"]),
        ("its a hundred and one saffron lane", ["hundred", "one", "saffron"]),
        ("nine b cavendish rd top floor", ["nine", " b ", "cavendish"]),
    ],
)
def test_the_whole_of_an_address_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[address]" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "i was in year eight at the time",
        "a hundred and ten percent i feel safe in wigston",
        "number one thing is the buses in town",
        "i get the 14 in wigston and its always late",
        "two of my mates go to the youth club on london road",
    ],
)
def test_numbers_in_words_and_towns_alone_stay(line: str) -> None:
    assert redact(line).text == line
