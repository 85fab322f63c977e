"""#28 round 94 (twenty-second session): what is no one's detail: Centrepoint's helpline and its number, two
characters before "from" and their work's everyday-word title ("elsa and anna from frozen"), Brooklyn Nine-Nine, and
Moira (the village with Conkers) after a word for a place. The same names go where they are people the young person
knows. Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "centrepoint helpline 0808 800 0661 helped my cousin",
        "elsa and anna from frozen are the best sisters",
        "we watched brooklyn nine nine all weekend",
        "conkers in moira is good for little kids",
    ],
)
def test_no_ones_detail_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("elsa and anna from year 9 bully me", "elsa"),
        ("anna and elsa from my street keep shouting", "anna"),
        ("moira from my class keeps laughing at me", "moira"),
        ("call me on 0808 800 0662 after school", "0662"),
    ],
)
def test_someones_detail_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[" in out and gone not in out.split(), out
