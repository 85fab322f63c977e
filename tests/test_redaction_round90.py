"""#28 round 90 (twenty-second session): a named building someone lives or lived in, when its name is a school's,
a first name or an everyday word too ("[oakwood house]", "[beacon lodge]"), after words that say someone lives,
stays, ran away, went missing or was kicked out there, or before "children('s) home". Lines written for these tests,
not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("i was in brookfield house childrens home till i was 16", "brookfield"),
        ("she keeps going missing from elmbank house children home", "elmbank"),
        ("he got kicked out of greenacre house and now sleeps rough", "greenacre"),
        ("last week i ran away from harbour lodge again", "harbour"),
        ("i have to leave meadowview house when i turn 18", "meadowview"),
        ("my cousin lives in a flat at kestrel heights", "kestrel"),
    ],
)
def test_a_named_building_lived_in_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[address]" in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "my mum works in a care home",
        "take the children home after school",
        "i left the house at 8 this morning",
        "we had to leave the leisure centre early",
        "the court house in town is scary",
        "i got kicked out of my dads house",
        "i ran away from the big house on the hill",
        "we live in a council house",
        "he went missing from school on monday",
        "i have to leave the dog house before my mum gets back",
    ],
)
def test_the_same_words_of_no_named_building_stay(line: str) -> None:
    assert redact(line).text == line
