"""#28 round 104 (twenty-fourth session): streets where someone lives, said the ways young people say it. A home in
slang ("his yard on gipsy lane", "his crib on ethel road"); at home in Romanian ("acasa pe narborough road"); living
there in Gujarati ("sparkenhoe street par rahe che"); a street whose name starts with a saint keeps "st" with it
("lives on [st peters way]", not "st [address]"); and the house number written after the street in Somali ("aqalka
12"), Romanian ("numarul 7") or Polish ("nr 5", "numer 5") goes with it. The same words about a street where no one
lives stay. Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("i have to go his yard on gipsy lane after school to drop stuff", "gipsy"),
        ("his crib on ethel road is where they keep it", "ethel"),
        ("mi-e frica sa merg acasa pe narborough road noaptea", "narborough"),
        ("my kaka sparkenhoe street par rahe che", "sparkenhoe"),
        ("my auntie lives on st peters way and its proper quiet", "st"),
        ("aabbahay wuxuu degan yahay st saviours road aqalka 12", "12"),
        ("bunica mea locuieste pe catherine street numarul 7", "7"),
        ("moja ciocia mieszka na harrison road nr 5", "5"),
    ],
)
def test_the_street_goes_whole(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "the yard at school is tiny and we get told off for playing football",
        "we crashed at a mates house after the party",
        "acasa e bine dar la scoala nu",
        "st peters church does a food bank on fridays",
        "the bus on narborough road is always late",
        "my dads yard is full of junk",
        "i got 12 in my maths test",
    ],
)
def test_everyday_words_stay(line: str) -> None:
    assert redact(line).text == line
