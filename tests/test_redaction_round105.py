"""#28 round 105 (twenty-fourth session): a name after a word for family or a friend in Somali, Urdu and Gujarati, as
these words are typed: in Somali with "his" or "her" as well as "my" ("walaalkiis hanad", "hooyadeed nimo") and bare
("hooyo fartun", "abti yusuf"); in Urdu the spellings young people use ("behn"); in Gujarati the name before the word
("mara bhavin kaka"). An everyday word after the same words stays ("hooyo waa xanuunsan tahay": mum is ill; "meri
behan bohat pareshan hai"), and so do Gujarati words that are names elsewhere ("mara papa mane marta che": my dad hits
me). Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("walaalkiis hanad wuxuu ku nool yahay birmingham", "hanad"),
        ("hooyadeed nimo waxay ka shaqeysaa isbitaalka habeenkii", "nimo"),
        ("hooyo fartun waxay tiri ha bixin guriga", "fartun"),
        ("abti yusuf ayaa i garaacay", "yusuf"),
        ("walaasheed ikraan ayaa baxsatay", "ikraan"),
        ("aabihiis cabdi wuu cabaa", "cabdi"),
        ("meri behn sana ki shaadi zabardasti ho rahi hai", "sana"),
        ("mara bhavin kaka mane marta che", "bhavin"),
        ("mari kokila masi ghare aave che", "kokila"),
    ],
)
def test_the_name_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "hooyo waa xanuunsan tahay oo ma shaqeyn karto",
        "walaalkiis wuu yar yahay",
        "meri behan bohat pareshan hai",
        "mara kaka ghare nathi",
        "abti waa nin wanaagsan",
        "hooyadeed waxay ka shaqeysaa isbitaalka",
        "mara papa mane marta che",
        "mane nathi khabar shu thayu",
    ],
)
def test_everyday_words_stay(line: str) -> None:
    assert redact(line).text == line
