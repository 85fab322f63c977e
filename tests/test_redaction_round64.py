"""#28 round 64 (nineteenth session), with lines written for these tests (not taken from any set): more of the
area's own services and their numbers stay as written (data/helplines.txt)."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "my mum rang uava on 0808 802 0028 and they got us a worker",
        "united against violence and abuse helped my sister when she left him",
        "trade sexual health do free tests and they dont tell your parents",
        "the centre project does free food on a sunday",
        "leicester lgbt centre youth group is the only place i can be me",
        "action homeless helped my brother get a room",
    ],
)
def test_a_service_stays(line: str) -> None:
    assert redact(line).text == line
