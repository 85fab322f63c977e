"""#28 round 14 (tenth session): names in the shapes young people give them, with lines written for these tests (not
taken from any set): a name given as one's own ("im destiny i go to ...", "hi i'm mark, 15", "his name was jay"),
and a name that is an everyday word or a Urdu "and" away from a name found ("kal sana aur aisha", "my carers jan and
pete"). The same shapes stay where they are no names."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("im destiny i go to rawlins and i hate it", "destiny"),
        ("hi i'm mark, 15, from hinckley", "mark"),
        ("im summer and im in year 8", "summer"),
        ("hey im grace i want more clubs", "grace"),
        ("i am joy, i am 13", "joy"),
        ("he said his name was jay and he was 16", "jay"),
        ("her name was hope and she lived near me", "hope"),
        ("kal sana aur aisha ke saath town gaye the", "sana"),
        ("my foster carers are amber and pete", "amber"),
        ("yaar sana aur bilal bohat ache dost hain", "sana"),
    ],
)
def test_a_name_given_or_beside_a_name_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split() and gone not in out.replace(",", " ").split(), out


@pytest.mark.parametrize(
    "line",
    [
        "im happy and im in year 8",
        "im frank about how i feel sometimes",
        "im summer born so im the youngest in my year",
        "hi im fine thanks",
        "the name was on the board",
        "i like chips and grace at assembly",
        "im will power itself lol",
    ],
)
def test_the_same_shapes_without_a_name_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("aisha and summer holidays are the best", "summer holidays"),
        ("i told aisha and summer camp said no", "summer camp"),
    ],
)
def test_an_everyday_word_beside_a_name_that_is_no_name_stays(line: str, kept: str) -> None:
    out = redact(line).text
    assert "[name]" in out and kept in out, out
