"""#28 round 59 (eighteenth session), after frozen27's measure (not blind), with lines written for these tests (not
taken from any set): a caravan site's plot or pitch ("plot 6 on the hill farm site"); people from a street ("the
lads from kingsway got arrested": where they live); a date of birth with spaces and no cue word ("im mia, 03 11
2011, and ..."). A football pitch, a bus from a road and a date that is no birth year stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone", "tag"),
    [
        ("my auntie lives on plot 6 on the hill farm site and the roof leaks", ["6", "hill"], "[address]"),
        ("the lads from gipsy lane got arrested outside the chippy", ["gipsy"], "[address]"),
        ("kai and jay from hallam crescent keep starting on us", ["hallam"], "[address]"),
        ("im mia, 03 11 2011, and i want to talk to someone", ["2011"], "[date of birth]"),
    ],
)
def test_a_detail_goes(line: str, gone: list[str], tag: str) -> None:
    out = redact(line).text
    assert tag in out and not any(g in out.replace(",", " ").split() for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "we played on pitch 3 at the rec and lost 4 nil",
        "the bus from narborough road never comes on time",
        "the shops from london road to the clock tower are all closed",
        "the score was 3 2 2024 was a bad year for us",
    ],
)
def test_the_same_shapes_as_words_stay(line: str) -> None:
    assert redact(line).text == line
