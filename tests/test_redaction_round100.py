"""#28 round 100 (twenty-third session): a word typed with letters left out ("alwys", "evrythin", "worthles") is the
word, not a name or a school, where only a learned recogniser reads it as one: TextBlob's spelling corrector gives a
common English word that holds it, letter by letter, with one to three letters more. The same goes for a find of
several words that are all typed short ("alwys starvin"). A name in no list that a spelling corrector would change
("gurleen", "ayaan", "feven", "kwams") is no such word, and still goes where the words around say so. Lines written
for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "she is alwys cryin at nite",
        "im alwys starvin wen i get home",
        "evrythin is rubbish",
        "my dad calls me worthles",
        "he is alwys shoutin at my mum",
        "evryone at home ignores me",
    ],
)
def test_a_word_typed_short_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my friend gurleen keeps cryin", "gurleen"),
        ("me and ayaan walk home", "ayaan"),
        ("my sister feven is alwys sad", "feven"),
        ("we call him kwams", "kwams"),
        ("me n jayden r chillin at the park", "jayden"),
    ],
)
def test_a_name_still_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
