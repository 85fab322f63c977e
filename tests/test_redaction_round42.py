"""#28 round 42 (seventeenth session), with lines written for these tests (not taken from any set).

Kind, from the clean lines the development sets change: Roman Urdu before the word "school" read as a school's
name ("meri behen aur main har roz saath school jaate hain" lost everything before "school"), "hai" after a word
for someone read as their name ("woh meri best friend hai"), and everyday Urdu words that no list had ("alag",
"yaqeen", "har"). A school or a name said in Urdu still goes."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "meri behen aur main har roz saath school jaate hain",
        "hum sab alag school mein chale gaye aur ab baat nahi hoti",
        "woh meri best friend hai aur hamesha saath deti hai",
        "mujhe kisi par yaqeen nahi hai, teachers bhi nahi sunte",
        "mere dost sab alag alag school mein hain",
    ],
)
def test_urdu_words_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("meri behen crown hills school jaati hai aur wahan usko tang karte hain", ["crown hills"]),
        ("meri best friend ayesha hai aur woh bahut acchi hai", ["ayesha"]),
        ("main soar valley college mein parhta hoon", ["soar valley"]),
    ],
)
def test_urdu_lines_still_lose_details(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("its fifty six saffron lane if anyone needs to come", ["fifty", "six", "saffron"]),
        ("she lives at number twenty two belgrave road with her nan", ["twenty", "belgrave"]),
        ("india adeyemi keeps sending me messages at night", ["india", "adeyemi"]),
    ],
)
def test_without_the_learned_recognisers(line: str, gone: list[str]) -> None:
    """Found by rules, not left to the learned recognisers' confidence, which differs by a point between machines'
    numerical libraries: a house number in words before its street, a place that is a first name before a surname
    that is nothing else."""
    out = redact(line).text
    assert "[" in out and not any(g in out for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "the one way road by school is dangerous",
        "there were two police cars on the main road",
        "i went to paris in june",
    ],
)
def test_numbers_and_places_stay(line: str) -> None:
    assert redact(line).text == line
