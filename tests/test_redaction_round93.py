"""#28 round 93 (twenty-second session): a name after "someone called", "a lad called" and the like is a name
whatever word it is ("someone called gully", "a man named pressure"): street names and nicknames are everyday words.
Not where "called" is the verb ("someone called the police", "a girl called out", "someone called social services")
or a word for who they are follows ("someone called uncle"). Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("someone called gully gave my brother a phone", "gully"),
        ("my cousin sells for someone called pressure and he is only 15", "pressure"),
        ("a man named ghost picks them up after school", "ghost"),
        ("theres an older lad called trigger who gives out the bags", "trigger"),
    ],
)
def test_a_name_after_someone_called_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "someone called the police",
        "a girl called out for help in the corridor",
        "someone called social services on us",
        "someone called uncle in the chat",
        "a game called rocket league",
        "someone called me names at school",
    ],
)
def test_called_as_a_verb_stays(line: str) -> None:
    assert redact(line).text == line
