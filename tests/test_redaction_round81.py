"""#28 round 81 (twentieth session), after frozen29's measure (not blind), with lines written for these tests (not
taken from any set): everyday Gujarati ("mari sathe", with me; "mara", my) and Romanian ("romana", Romanian; "zona",
the area) are words; a constituency at the end of a line is a place, even where the close labeller is sure of a school
inside it; a school after the Somali for "studies at" ("waxay dhigtaa hamilton") goes."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "school ma koi mari sathe rame nahi",
        pytest.param(
            "pan mara mummy ne khabar nathi",
            marks=pytest.mark.xfail(
                reason="'mara' after 'pan' is still read as a name by the first-name list (round 81 mended the learned "
                "recogniser's 'pan mari' only); a Gujarati answer with two everyday words is not yet enough",
                strict=True,
            ),
        ),
        "vorbesc romana acasa cu bunica mea",
        "in zona noastra nu e nimic de facut seara",
        "we wrote a letter to the mp for leicester west",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("walaashay waxay dhigtaa hamilton wayna ka cabsataa", "hamilton"),
        ("wiilasha dhigta beaumont leys ayaa i garaaca", "beaumont"),
    ],
)
def test_the_school_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[school]" in out and gone not in out.split(), out
