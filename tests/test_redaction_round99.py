"""#28 round 99 (twenty-third session): a Polish verb after a word for family is the verb, not the relative's name
("wujek dotyka mnie", "kuzyn zmusza mnie", "brat grozi mi"): simplemma reads it as a form of a verb (its lemma ends in
"ć"). A relative's name there still goes ("wujek marek mnie bije"), and so does a name the lists have whatever
simplemma makes of it. Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "wujek dotyka mnie kiedy mama jest w pracy",
        "kuzyn zmusza mnie do picia",
        "brat grozi mi nozem",
        "Wujek dotykał mnie w nocy",
        "ojczym bije mame jak jest pijany",
        "siostra krzyczy na mnie",
    ],
)
def test_a_polish_verb_after_a_relative_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("wujek marek mnie bije", "marek"),
        ("kuzyn kacper zmusza mnie do picia", "kacper"),
        ("moja siostra ola mowi ze sie boi", "ola"),
        ("babcia krysia gotuje najlepsze pierogi", "krysia"),
        ("my cousin lana keeps hitting me", "lana"),
    ],
)
def test_the_relatives_name_still_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
