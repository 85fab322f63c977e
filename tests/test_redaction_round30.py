"""#28 round 30 (fifteenth session), with lines written for these tests (not taken from any set).

Kind, from the blind sets' spec ("requests to contact someone") and what dev6 kept: a first name that is an everyday
word, in lower case, after a verb of reaching a person and its preposition ("talk to hope", "ask for summer", "check
on faith", "waits for lily") or a verb of ringing or texting ("ring joy"). The word after it may make it the word
("ask for summer holidays", "wait for summer break")."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("can someone talk to hope she has not been ok for weeks", "hope"),
        ("if you come to the youth club ask for summer shes the one i trust", "summer"),
        ("please check on faith her mum drinks every night", "faith"),
        ("a man in a white van waits for lily after school", "lily"),
        ("i would rather speak to grace than my social worker", "grace"),
        pytest.param(
            "ring joy she knows everything",
            "joy",
            marks=pytest.mark.xfail(
                strict=True,
                reason="ring, text and phone are nouns too ('phone bill', 'text line'): not verbs of reaching",
            ),
        ),
    ],
)
def test_an_everyday_name_after_a_verb_of_reaching_a_person_goes(line: str, gone: str) -> None:
    assert gone not in words_left(line), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "i cant wait for summer holidays",
        "we always ask for summer activities but get nothing",
        "i had no one to talk to hope that changes now",
        "i would wait for ages and nobody would come",
        "ring the bell and someone will come",
        "i just want someone to talk to",
        "cant wait for summer",
        "a man keeps sending me pictures of himself and asking for mine",
    ],
)
def test_the_everyday_word_as_a_word_stays(line: str) -> None:
    assert redact(line).text == line
