"""#28 round 16 (twelfth session), with lines written for these tests (not taken from any set).

Kinds, from what frozen13 (measured, a development set since) missed, written here in new lines:
- a first name that is an everyday word, a month or a place, where what comes after it says only a person: in a form
  group or from a school of the area ("april from beauchamp said ...", "faith in 9x2 ..."), where someone lives ("georgia
  lives next door ..."), a name given as one's own ("its jade btw", "this is summer from year 8");
- a first name in lower case, then who they are ("mark the youth worker", "bill the caretaker");
- a name, then "films", "edits" or "tracks" a person or a thing ("lucas harris films it"): what someone does, not a
  public figure's films.
Each with lines where the same word is the word and must stay."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("april from beauchamp said she would batter me after school", "april"),
        ("may from rushey mead keeps posting about me", "may"),
        ("faith in 9x2 is being sent stuff by an older lad", "faith"),
        ("ruby in 10b3 cries every dinner time", "ruby"),
        ("georgia lives next door and her step dad shouts at her all night", "georgia"),
        ("chance lives with his nan now since the police came", "chance"),
        ("its jade btw, year 10, i need someone to talk to", "jade"),
        ("its autumn from 9r, can someone ring me", "autumn"),
        ("this is summer from year 8 i need help", "summer"),
        ("mark the youth worker is the only one who listens", "mark"),
        ("bill the caretaker saw them jump me", "bill"),
        ("the lads set bins on fire and lucas harris films it", "lucas"),
        ("the lads set bins on fire and lucas harris films it", "harris"),
        ("jack harris tracks me on snap maps", "jack"),
    ],
)
def test_an_everyday_word_a_month_or_a_place_that_the_words_after_make_a_person_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "april from last year was the worst month",
        pytest.param(
            "summer from year 7 to year 8 went so fast",
            marks=pytest.mark.xfail(
                strict=True, reason="the CRF reads summer as a name here (0.96), as before this round"
            ),
        ),
        "faith in the police is low round here",
        pytest.param(
            "hope the youth worker reads this",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the models retrained on the development sets (fourteenth session) read hope as a name here (the CRF, 0.93); on the held-out development sets they change no more clean lines than before (30 of 1,519)",
            ),
        ),
        "mark the date for the next meeting pls",
        "will the youth worker be there on friday",
        "georgia is where my dad is from",
        "its summer btw so no school for ages",
        "its may btw so exams soon",
        "hope lives on even when its hard",
        "christopher nolan films are long but good",
        "cole palmer scored it in the last minute",
        "i love taylor swift songs they help me sleep",
        "that was 2 years ago, the lad got done for it",
        "ages ago the youth worker sorted it all out",
    ],
)
def test_the_same_words_as_words_stay(line: str) -> None:
    assert redact(line).text == line
