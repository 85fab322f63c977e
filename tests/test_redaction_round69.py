"""#28 round 69 (nineteenth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): words a young person is called in racist abuse are no names ("they call me paki"); Polish "pan"
is no title in a Gujarati answer ("pan mane", but me); Punjabi "kami" (too little); a constituency after "mp for"
and a street named after a school's word are no schools; a sequel's number after a title that is a name ("moana 2");
grounds and festivals are no schools ("at headingley", "at glastonbury"). A school, a name and a title where the words
say so still go."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "they call me paki at school and the teachers do nothing",
        "lads on the estate shout gyppo at my little brother",
        "mane school gamti nathi pan mane mitro game che",
        "ghar vich paise di kami hai te papa pareshan ne",
        "jonathan ashworth was the mp for leicester south for ages",
        "the traffic on st margarets way is always bad in the morning",
        "moana 2 was better than i thought it would be",
        "frozen 2 is on again at my nans",
        "we watched england at headingley and it rained all day",
        "my cousin went to glastonbury and said it was muddy",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone", "tag"),
    [
        ("pani kowalska z poradni mowi ze wszystko ok", "kowalska", "[name]"),
        ("i go to soar valley and get bullied every day", "soar", "[school]"),
        ("my friend moana got moved to another school", "moana", "[name]"),
    ],
)
def test_the_detail_goes(line: str, gone: str, tag: str) -> None:
    out = redact(line).text
    assert tag in out and gone not in out.split(), out
