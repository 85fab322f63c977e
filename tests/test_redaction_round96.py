"""#28 round 96 (twenty-second session): a public figure whose name the list writes with a hyphen is the same figure
typed without it ("kiernan dewsbury hall", "aaron wan bissaka"); and Mark Morrison, the singer from Leicester. The same
first names with another surname go. Lines written for these tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "kiernan dewsbury hall scored a screamer",
        "aaron wan bissaka is fast",
        "mark morrison is from leicester",
    ],
)
def test_a_public_figure_typed_without_the_hyphen_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("kiernan hall from my estate scored", "kiernan"),
        ("aaron bissell keeps tripping me", "aaron"),
        ("my sisters mate mark morrison keeps messaging her", "morrison"),
    ],
)
def test_the_first_name_with_another_surname_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
