"""#28 round 92 (twenty-second session): contact details typed with spaces or short parts: an email with spaces
around its "@" and its dot ("jaydenx 2011 @ hotmail . co . uk"), and a handle of short parts joined by dots
("big.tom.the.don", "kay.b.xo.xo"). The same shapes that are no contact detail stay. Lines written for these tests,
not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "tag", "gone"),
    [
        ("its jaydenx 2011 @ hotmail . co . uk if you want it", "[email]", "hotmail"),
        ("email me on mollyrose @ gmail . com", "[email]", "mollyrose"),
        ("some guy called big.tom.the.don keeps adding year 8s", "[handle]", "tom"),
        ("ben.the.man.2u keeps adding everyone in my year", "[handle]", "man"),
        ("follow jo.jo.xo for tips", "[handle]", "jo"),
    ],
)
def test_a_contact_detail_goes(line: str, tag: str, gone: str) -> None:
    out = redact(line).text
    assert tag in out and gone not in out.replace(".", " ").split(), out


@pytest.mark.parametrize(
    "line",
    [
        "i was @ school . it was boring",
        "we learnt about the u.s.a in history",
        "p.s. i hate mondays",
        "meet @ the park . we can talk there",
        "the times are 3.15.20 for the race",
    ],
)
def test_the_same_shapes_stay(line: str) -> None:
    assert redact(line).text == line
