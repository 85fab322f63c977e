"""The words a facilitator is shown as the reason for a suggested topic ("Staying safe online, because of the words:
...") carry meaning, never filler alone ("on", "me", "a", "from the"): a new user in Chromium saw "Staying safe
online, because of the words: 'on', 'me', 'good'" in the nineteenth and twentieth sessions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice.reading.themes import AnswerReader

VOICES = Path(__file__).parent.parent / "training" / "voices.jsonl"
FILLER = frozenset(
    [
        *("a", "an", "the", "and", "or", "but", "so", "if", "as", "of", "on", "in", "at", "to", "for", "from"),
        *("by", "with", "about", "into", "onto", "than", "then", "that", "this", "these", "those", "i", "me"),
        *("my", "im", "ive", "we", "us", "our", "you", "u", "ur", "your", "he", "him", "his", "she", "her"),
        *("it", "its", "they", "them", "their", "there", "theres", "thats", "is", "are", "was", "were", "be"),
        *("been", "am", "do", "does", "did", "have", "has", "had", "will", "would", "can", "could", "should"),
        *("just", "really", "like", "one", "every"),
    ]
)
"""Closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries) and "just", "really", "like",
"one": none is a reason for a topic on its own, and no pair made only of them is either."""


def filler_alone(reason: str) -> bool:
    """A reason as shown ("learned: on", "from the", "~they") made only of FILLER."""
    return all(part.lstrip("~") in FILLER for part in reason.removeprefix("learned: ").lower().split())


def test_no_topic_is_explained_by_filler_alone() -> None:
    texts = [json.loads(line)["text"] for line in VOICES.read_text(encoding="utf-8").splitlines() if line][:400]
    reader = AnswerReader(read_closely=False)
    shown = [(topic, word) for text in texts for topic, said in reader.theme(text).matched.items() for word in said]
    assert len(shown) > 100  # there are reasons to look at
    fillers = sorted({(t, w) for t, w in shown if filler_alone(w)})
    assert not fillers, fillers


@pytest.mark.parametrize(
    "text",
    [
        "we go to the jame masjid every friday for jummah",  # a new user saw "Family, because of the words: every"
        "moana 2 was not as good as the first one and my phone kept buzzing on snap with people messaging me",
    ],
)
def test_the_reasons_a_new_user_saw_are_not_filler(text: str) -> None:
    said = [w for words in AnswerReader(read_closely=False).theme(text).matched.values() for w in words]
    assert not [w for w in said if filler_alone(w)]


def test_no_reason_repeats_a_word_of_another() -> None:
    """A new user in Chromium (twenty-second session) saw "Family, because of the words: 'away', 'ran away', 'ran'":
    a word that is part of a pair shown beside it says nothing more."""
    texts = [json.loads(line)["text"] for line in VOICES.read_text(encoding="utf-8").splitlines() if line][:400]
    texts.append("i ran away from [address] last week")
    reader = AnswerReader(read_closely=False)
    repeated = []
    for text in texts:
        for topic, said in reader.theme(text).matched.items():
            plain = [w.removeprefix("learned: ") for w in said]
            pairs = [w for w in plain if " " in w]
            repeated += [(topic, w) for w in plain if " " not in w and any(w in p.split() for p in pairs)]
    assert not repeated, sorted(set(repeated))
