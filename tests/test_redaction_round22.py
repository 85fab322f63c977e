"""#28 round 22 (thirteenth session), with lines written for these tests (not taken from any set).

Kinds, from what frozen18 (measured once, a development set since) missed or changed, written here in new lines:
- schools by the initials their pupils use ("svc", "clc");
- an area of the city written whole is no school, though its first word starts a school's name ("we moved to eyres
  monsell", "my nan lives in eyres monsell");
- the area's domestic abuse service FreeVA stays, as the other services do."""

from __future__ import annotations

import pytest

from tests.redaction_left import words_left
from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("svc boys in year 9 keep sharing pics", ["svc"]),
        ("clc is massive and i get lost", ["clc"]),
        ("i go eyres monsell primary and i like it", ["eyres", "monsell"]),
    ],
)
def test_schools_by_their_initials_go(line: str, gone: list[str]) -> None:
    left = words_left(line)
    assert not left & set(gone), redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "we moved from new parks to eyres monsell last year",
        "my nan lives in eyres monsell near the shops",
        "freeva helped my mum get away from him",
        "the freeva worker came to school to talk to me",
    ],
)
def test_areas_and_services_stay(line: str) -> None:
    assert redact(line).text == line
