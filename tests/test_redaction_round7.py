"""#28's seventh round, through `voice redact` (line in, line out) as others run it, and redact(): first names
that are everyday words as the subject of what is said (after "i think", or joined by "and" to another
name), first names joined by a hyphen; the same words as words where a name would stand stay as written, and so
do exams and school words written as letters and brands of car. These
are kinds, with names and lines of their own, not lines of any evaluation set."""

from __future__ import annotations

import re

from tests.conftest import redaction_round
from voice.reading.redact import LEARNED, explain

GO = [
    ("i think willow is being picked on at home", "i think [name] is being picked on at home"),
    ("violet and hazel r my cousins from coventry", "[name] and [name] r my cousins from coventry"),
    ("poppy-rose keeps messaging me", "[name] keeps messaging me"),
    ("my bro tiny keeps texting me at night", "my bro [name] keeps texting me at night"),
]

STAY = [
    "faith is a big part of my life",
    "summer is the best time of year",
    "i think autumn is the best season",
    "honestly patience is hard when ur little brother is annoying",
    "jade is a nice colour for a room",
    "i think hope is important when things are bad",
    "my BTEC coursework is due on friday",
    "PSHE is a waste of time",
    "my uncle just got a BMW and wont shut up about it",
]


went, test_voice_redact_takes_these_details, test_voice_redact_leaves_these_lines_as_written = redaction_round(GO, STAY)


def test_a_subject_the_learned_recogniser_found_is_explained_with_its_confidence() -> None:
    text = "i think willow is being picked on at home"
    (found,) = explain(text)
    assert text[found.start : found.end] == "willow"
    assert re.fullmatch(re.escape(LEARNED) + r", [01]\.\d\d", found.recogniser)
