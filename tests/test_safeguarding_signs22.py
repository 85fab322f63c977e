"""Twenty-second session: two warning signs of exploitation a new user's journey typed and the reader did not raise
("someone called ... gave my brother a phone", "the grey car ... keeps waiting outside school"), as kinds: a phone
given to a child by someone outside the family; a car, van or men waiting, circling or hanging around outside a
school or a child's home. Lines written for these tests, with their everyday twins, before the rules."""

from __future__ import annotations

import pytest

from voice.reading.safeguarding import read_rules
from voice.reading.themes import AnswerReader

SIGNS = [
    ("someone gave my brother a phone and told him to keep it on", "exploitation"),
    ("an older lad gave me a burner phone", "exploitation"),
    ("some man gave my little brother a new phone and now he goes out all night", "exploitation"),
    ("a car keeps waiting outside school every day and the man stares at us", "feeling_unsafe"),
    ("a white van keeps circling outside my house at night", "feeling_unsafe"),
    ("these men keep hanging around outside the school gates", "feeling_unsafe"),
]
EVERYDAY = [
    "my dad gave my brother a phone for his birthday",
    "my nan gave me her old phone",
    "my mum is always waiting outside school in the car",
    pytest.param(
        "my dads car is always parked outside the house",
        marks=pytest.mark.xfail(
            reason="the close reader puts it in the lead's 'worth a look' list (0.96) before any rule of this file: "
            "a parked car outside a house reads like the answers about cars watching homes",
            strict=True,
        ),
    ),
    "the bus keeps waiting outside school for ages",
    "people keep waiting outside the shop for the new trainers",
]


@pytest.mark.parametrize(("text", "category"), SIGNS)
def test_the_signs_are_flags(text: str, category: str) -> None:
    assert category in {f.category for f in read_rules(text).flags}, read_rules(text).flags


@pytest.mark.parametrize("text", EVERYDAY)
def test_their_everyday_twins_reach_neither_list(text: str) -> None:
    ((_, flags),) = AnswerReader().read([(text, text)])
    assert not flags, flags
