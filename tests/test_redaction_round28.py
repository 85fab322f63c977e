"""#28 round 28 (fifteenth session), with lines written for these tests (not taken from any set).

Kind, from what the development sets (dev6 among them) keep among addresses: where someone lives said without a
house number, by the house's or building's name and its village or area ("lives at the old forge, cossington", "on
kingsway, braunstone", "a flat at maxfield house"). The close labeller reads the words after "live at / in / on" in
such an answer; without a number it must be surer, and what it reads must be more than a town. A town, an area or a
home said in general stays."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my grandad lives at the old mill, thornton and i go there when its bad at home", ["mill", "thornton"]),
        ("we live at the coach house, main street, and the landlord keeps coming in", ["coach"]),
        ("my mum and her boyfriend live on saffron lane, aylestone and he hits her", ["saffron"]),
        ("my sister has a flat at clipstone house on the st marks estate", ["clipstone"]),  # round 32
        pytest.param(
            "i live in the stables, ashby folville with my foster carers",
            ["stables", "folville"],
            marks=pytest.mark.xfail(
                strict=True, reason="folville is a school's name in the lists, so the rules take it as a school"
            ),
        ),
    ],
)
def test_where_someone_lives_by_a_houses_name_goes(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "i live in leicester and its boring",
        "we live in braunstone and theres nothing to do for kids",
        "i live at home with my mum and 3 sisters",
        "i live with my nan in wigston because my mum is poorly",
        "we live near the park in syston and people drink there at night",
        "i live in a flat in the city centre and its loud",
        "i stay at the hostel on weekends when my dad kicks off",
        "we live on an estate and the police never come when you ring",
        "i used to live in hinckley but we moved to coalville",
        "i live on a farm so i cant get to town without a lift",
    ],
)
def test_a_town_an_area_or_a_home_in_general_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "address"),
    [
        ("my mate lives at flat 6 marlowe house, st matthews and his mum is never in", "st matthews"),
        ("we live at flat 2, bosworth house, st peters", "st peters"),
    ],
)
def test_an_addresses_st_before_a_saints_name_takes_the_name_too(line: str, address: str) -> None:
    """ "st" at an address's end, before a name, is "saint": the area's name goes with it, not half of it."""
    left = words_left(line)
    assert not left & set(address.split()), redact(line).text


@pytest.mark.parametrize(
    ("line", "kept"),
    [("i live at 12 high st and its loud", "and its loud"), ("he lives at 3 mill st next to the shop", "next to")],
)
def test_an_addresses_st_before_everyday_words_is_street(line: str, kept: str) -> None:
    assert kept in redact(line).text
