"""#28 round 44 (seventeenth session), with lines written for these tests after trying the kinds of address the
blind sets' brief names (a flat's floor and block after commas, an address in a Roman Urdu sentence), not taken from
any set. Written after the code: on the code before it, the block's last word was kept ("[address] house") and the
Urdu word for "I" went with the address."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("flat 21, 9th floor, maxfield house", ["21", "maxfield", "house"]),
        ("we are in flat 4, 2nd floor, framland house now", ["framland", "house"]),
    ],
)
def test_the_whole_block_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[address]" in out and not any(g in out for g in gone), out


def test_the_urdu_word_for_i_stays_before_an_address() -> None:
    out = redact("ammi aur main 45 green lane road pe rehte hain").text
    assert out == "ammi aur main [address] pe rehte hain", out
