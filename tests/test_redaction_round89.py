"""#28 round 89 (twenty-second session): names that are no one a young person could be identified by. A character
whose name no one here is given (not marked ~ in works.txt: "zoro", "sukuna", "gojo"), found by the learned
recognisers alone, stays even where the answer does not name its work; with its surname too ("eren jaeger"). "The
prem" is the league, and Jordans with their number ("jordan 4s") are trainers. Each still goes where the answer says
it is someone the young person knows. Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "zoro always gets lost lol",
        "sukuna is the scariest villain",
        "gojo is the strongest sorcerer",
        "eren jaeger did nothing wrong",
        "levi ackerman is the coolest",
        "the prem is mad this season",
        "cole palmer is the best in the prem",
        "i want some jordan 4s for my birthday",
        "jordan 1s are overpriced",
    ],
)
def test_no_one_anyone_knows_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("zoro from my class keeps messaging me", "zoro"),
        ("me and gojo got detention", "gojo"),
        ("my mate zoro is sound", "zoro"),
        ("prem got me some air jordans", "prem"),
        ("jordan and prem came round after school", "prem"),
        ("jordan 14 from my street keeps following me", "jordan"),
    ],
)
def test_someone_known_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
