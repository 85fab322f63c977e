"""#28 round 75 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): where someone lives, said the ways these lines say it: a street, then "outside our house" ("on
harrison road right outside his own house"); a hotel or inn on a street where a family is put ("the premier inn on
narborough road"); a Romanian street with "nr" and its number after it ("sta pe narborough road nr 112"); a named
home after moving to it or running from it ("moving to elmwood house", "ran away from beechwood house the childrens
home"), and a verb after a sister is no name ("my sister ran away"). A street where nothing says anyone lives stays."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("the police came to fosse road north outside our house again", ["fosse"]),
        ("he got jumped on harrison road right outside his own house", ["harrison"]),
        ("they put us in the premier inn on narborough road for 6 weeks", ["narborough"]),
        ("bunicul meu sta pe narborough road nr 112 si e singur", ["narborough", "112"]),
        ("im moving to elmwood house after christmas and i dont want to", ["elmwood"]),
        ("my sister ran away from beechwood house the childrens home", ["beechwood"]),
    ],
)
def test_the_home_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[address]" in out and not set(gone) & set(out.split()), out


@pytest.mark.parametrize(
    "line",
    [
        "there was a fight on narborough road outside the shops",
        "my sister ran away and the police found her in town",
        "the bus stops on fosse road north are always full",
        "we moved house in year 9 and it was hard",
        "the white house is where the president lives",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line
