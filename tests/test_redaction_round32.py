"""#28 round 32 (sixteenth session), with lines written for these tests (not taken from any set).

Kind, from dev7 (a development set of where people live and stay, written by a helper at the session's start): a
home said by describing it rather than by its number: "the white bungalow at the end of mill lane in kegworth", "the
flat above the chippy on narborough road", "the refuge in loughborough". Before, the street alone went, or nothing:
the words around it ("the flat above the chippy on") told anyone who knows the road which door it is."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone", "kept"),
    [
        (
            "my nan lives in the little bungalow at the end of wood lane in quorn and i go every sunday",
            ["bungalow", "wood lane", "quorn"],
            ["my nan lives in", "and i go every sunday"],
        ),
        (
            "we stay in the flat over the kebab shop on humberstone road its so loud",
            ["flat over", "kebab", "humberstone"],
            ["we stay in", "its so loud"],
        ),
        (
            "he keeps her in the caravan behind the scrap yard on abbey lane",
            ["caravan", "scrap yard", "abbey lane"],
            ["he keeps her in"],
        ),
        (
            "my dads is the green door opposite the temple on catherine street",
            ["green door", "temple", "catherine street"],
            ["my dads is"],
        ),
        (
            "im at the womens refuge in coalville with my mum and sister",
            ["refuge", "coalville"],
            ["im at", "with my mum and sister"],
        ),
        (
            "we live at the old rectory in hoby, its miles from anywhere",
            ["rectory", "hoby"],
            ["we live at", "its miles from anywhere"],
        ),
        (
            "my foster carers house is the one with the red gate on gartree road",
            ["red gate", "gartree road"],
            ["my foster carers house is"],
        ),
        (
            "she sleeps in the garage behind 22 oakland avenue when her dad kicks off",
            ["garage", "22", "oakland avenue"],
            ["she sleeps in", "when her dad kicks off"],
        ),
    ],
)
def test_a_home_described_goes_with_its_description(line: str, gone: list[str], kept: list[str]) -> None:
    out = redact(line).text
    assert "[address]" in out, out
    assert not any(g in out for g in gone), out
    assert all(k in out for k in kept), out


@pytest.mark.parametrize(
    "line",
    [
        "we live in a flat in highfields and its alright",
        "the chicken shop on narborough road is the best",
        "i dont feel safe walking home through the park on melton road",
        "my house is near a busy road",
        "the police came to my house on a friday night",
        "the flats near us have mould",
        "i live in a 3 bed house with 6 people",
        "we moved house in the summer",
        "i go to the one in town on a wednesday, its free",
        "the youth centre on the estate is shut now",
    ],
)
def test_a_home_said_in_general_stays(line: str) -> None:
    assert redact(line).text == line
