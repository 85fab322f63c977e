"""#28 round 21 (thirteenth session), with lines written for these tests (not taken from any set).

Kinds, from what frozen16 and frozen17 (each measured once, development sets since) missed, written here in new lines:
- a school whose name is a word or place too: beside another school of the answer ("[school] is better than
  gateway", "i left moat but beauchamp was worse"), after "outside" or "by" ("they wait outside moat"), before a thing
  only schools have ("castle rock teachers", "moat uniform") or a year group ("uplands year 5"), or after "my primary
  was"; schools the list lacked (St Joseph's, St Martin's, Leicester College's Abbey Park campus);
- a name before an Urdu or Punjabi word of respect for an older sister or brother ("mehreen baji", "imran bhai").
Each with lines where the same shape is no school or person and must stay."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("judgemeadow is way better than gateway for support", ["judgemeadow", "gateway"]),
        ("i left soar valley but regent was worse", ["soar", "valley", "regent"]),
        ("older lads wait outside moat every day", ["moat"]),
        ("castle rock teachers dont care", ["castle", "rock"]),
        ("uplands year 5 kids get picked on", ["uplands"]),
        ("my primary was taylor road and i loved it", ["taylor"]),
        ("chodzę do st josephs i nikt ze mną nie gada", ["josephs"]),
        ("i did my course at leicester college abbey park", ["abbey", "park"]),
        ("mehreen baji ke ghar nahi jana", ["mehreen"]),
        ("imran bhai always takes my phone", ["imran"]),
    ],
)
def test_schools_and_names_the_words_around_say_go(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "we walked round the moat at the castle",
        "the gateway to the park is shut",
        "the castle on the rock is really old",
        "abbey park has a boating lake",
        "haan bhai theek hai",
        "sab log bhai bhai hain",
        "the teachers dont care",
    ],
)
def test_words_and_places_that_are_no_school_or_person_stay(line: str) -> None:
    assert redact(line).text == line
