"""#28 round 79 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): a form group written with a slash or a dash ("9/4", "10-2") after "from", "form", Polish "z" or
"w", or right after a young person's name ("amira 10/3"); a date, a score or a share written the same way stays."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "form"),
    [
        ("the boys from 9-4 keep taking our bags", "9-4"),
        ("a girl from 10/3 got her pics leaked", "10/3"),
        ("form 11/2 at my school are so mean", "11/2"),
        ("kasia z 8/1 ciagle placze w szatni", "8/1"),
        ("amira 10/3 please someone check on her", "10/3"),
        ("ravi 9-2 keeps getting into fights", "9-2"),
    ],
)
def test_the_form_goes(line: str, form: str) -> None:
    out = redact(line).text
    assert form not in out, out


@pytest.mark.parametrize(
    "line",
    [
        "i got 9/10 in my spelling test",
        "from 9-3 we have double maths then lunch",
        "it was about 7/8 of the class that failed",
        "the score was 10-2 at half time",
        "school starts at 8-45 and i am always late",
        "we rated it 8/10 overall",
    ],
)
def test_the_numbers_stay(line: str) -> None:
    assert redact(line).text == line
