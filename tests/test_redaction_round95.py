"""#28 round 95 (twenty-second session): a double-barrelled first name whose parts are first names ("ana-maria",
"ella-rose", "mia-grace") is a first name, as the lists' own ("lily-mae") are, in English and in the other languages
young people write. Words joined by a hyphen that are not two first names stay. Lines written for these tests, not
taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("ana-maria si ioana au fost batute in parc", "ana-maria"),
        ("ella-rose keeps pushing me in the line", "ella-rose"),
        ("moja kolezanka mia-grace nie chodzi do szkoly", "mia-grace"),
    ],
)
def test_a_double_barrelled_name_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out, out


@pytest.mark.parametrize(
    "line",
    ["i have no will-power at all", "the may-day parade was fun", "my mum has a rose-gold phone", "a well-known shop"],
)
def test_other_hyphenated_words_stay(line: str) -> None:
    assert redact(line).text == line
