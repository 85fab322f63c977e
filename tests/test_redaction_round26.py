"""#28 round 26 (fifteenth session), with lines written for these tests (not taken from any set).

Kinds, from what the development sets keep although the close labeller is very sure of them (0.97 or more), where a
word list vetoes it:
- a surname that is a stop word, after a first name ("chloe young", "ollie best", "daisy little");
- a first name that is a place too, with a surname after it ("jordan wright", "georgia hart", "paris ward");
- "jan" and "jun", short for months and first names, where a name stands ("jun liu", "bill and jan").
Places, months and everyday words stay where the words around do not say a person."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("kayla young keeps sending me horrible messages at night", ["young"]),
        ("my social worker is sharon best and she never rings back", ["best"]),
        ("jake little pushed me down the stairs at school", ["little"]),
        ("jordan walsh from year 10 is selling vapes to year 7s", ["jordan", "walsh"]),
        ("georgia blake said she would tell everyone what i did", ["georgia", "blake"]),
        # Round 42: taken by the rules (a place that is a first name, then a surname that is nothing else). The close
        # labeller gives paris 0.96 or 0.97 by the machine's numerical libraries, so it no longer decides.
        ("paris okafor gets called names every day because of her hair", ["paris"]),
        ("jun chen and his brother walk me home when its dark", ["jun"]),
        ("me and jan live with our nan since mum got sick", ["jan"]),
    ],
)
def test_what_the_close_labeller_is_sure_of_goes_where_a_list_kept_it(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "the young people in my area have nothing to do",
        "my best mate is the only one who listens",
        "a little bit of help would go a long way",
        "my cousin moved to jordan and i miss her",
        "we went to georgia on holiday and it was boring",
        "paris was the best school trip ever",
        "in jan we had no heating for 2 weeks",
        "jun was the worst month for exams",
    ],
)
def test_places_months_and_everyday_words_stay(line: str) -> None:
    assert redact(line).text == line
