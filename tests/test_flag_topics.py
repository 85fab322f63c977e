"""A worry the reader flags gives its topic, as a rule's flag does (Topic.safeguarding): an answer flagged for suicide
is found under "Mental health and feeling OK" whatever else it is about. A new user in Chromium (twenty-third session)
typed "my mate tyler keeps sayin he wants to die"; it was queued for the lead, but its only topic was "Friends and
loneliness", and the facilitator's Mental health filter did not find it."""

from __future__ import annotations

import pytest

from voice.reading.themes import AnswerReader


@pytest.fixture(scope="module")
def reader() -> AnswerReader:
    return AnswerReader()


@pytest.mark.parametrize(
    "text",
    [
        "my mate keeps sayin he wants to die",
        "my friend told me she wants to kill herself and has a plan",
        "my big sister keeps saying everyone would be better off without her and she wants to end it",
    ],
)
def test_a_flagged_wish_to_die_is_about_mental_health(reader: AnswerReader, text: str) -> None:
    theme, flags = reader.read([(text, text)])[0]
    assert any(f.tier == "flag" for f in flags), flags
    assert "mental_health" in theme.topics, theme


@pytest.mark.parametrize(
    "text",
    ["my mates are the best, we go to the park every weekend", "football club on saturdays with my friends"],
)
def test_an_answer_with_no_flag_keeps_its_topics(reader: AnswerReader, text: str) -> None:
    theme, flags = reader.read([(text, text)])[0]
    assert not flags and "mental_health" not in theme.topics, (theme, flags)
