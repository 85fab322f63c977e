"""#28 round 43 (seventeenth session), with lines written for these tests (not taken from any set).

Kind: a postcode typed with a space inside its first half ("le 5 6hh", "LE 3 2AB"), which the postcode pattern read
only as "le5 6hh". Heights, times and scores that look the same stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    ["postcode le 5 6hh if you need it", "we live in LE 3 2AB near the park", "my post code is ng 7 2qp", "le 4 7qt"],
)
def test_the_spaced_postcode_goes(line: str) -> None:
    out = redact(line).text
    assert "[postcode]" in out and not any(ch.isdigit() for ch in out), out


@pytest.mark.parametrize(
    "line",
    ["im 5 6ft and still growing", "we won 3 2 at the weekend", "come at 5 6pm is too late", "im in year 9 and im 14"],
)
def test_heights_times_and_scores_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    "line", ["urodzona 12.02.2013 pesel 1322 1187 791", "mój pesel to 13-22-11-87-791 ale nie mów nikomu"]
)
def test_a_spaced_pesel_goes(line: str) -> None:
    """Written after the code (round 43's second part), from frozen12's one PESEL kept: eleven digits in groups by
    the word "pesel" that pass its check."""
    out = redact(line).text
    assert "[PESEL]" in out and "791" not in out, out
