"""Redaction's quick labeller (#28, ninth session): a small network over WordLlama's word vectors and the word lists
that reads each word with four either side, so that the close labeller reads only around the candidate words that
may be a detail. The lines are written for these tests, by kind, not taken from any evaluation set."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from voice.reading import close_labeller, quick_labeller
from voice.reading.redact import EVERYDAY, FIRST, LEARNED_CLOSE, SURNAME, Words, explain, redact

pytestmark = pytest.mark.skipif(
    quick_labeller.shipped_quick_labeller() is None, reason="the quick labeller is not shipped here"
)

LINES = [
    "hi",
    "me and jaz",
    "bex n kez r the only ppl i trust tbh",
    "Princess and Tobi walked me home after the match at the rec on saturday",
    "my sister got into LGS and everyone treats her different now, its not fair",
    "i hope they put more lights in the park its so dark by 5 in winter",
]


def _parts(words: Words) -> tuple[list[str], list[str], list[bool], list[bool], list[int]]:
    starts = [b == "." for b in words.before]
    return words.lowers, words.written, starts, [words.possessive(i) for i in range(len(words))], words.classes


@pytest.mark.parametrize("line", LINES)
def test_the_quick_sums_are_the_network_on_its_rows(line: str) -> None:
    """chances_of() adds up each word's share of the first layer; it must give what the network gives on the rows
    it was trained on (features()), for one word, a few, and more than the window."""
    model = quick_labeller.shipped_quick_labeller()
    assert model is not None
    parts = _parts(Words(line))
    by_rows = model.chances(quick_labeller.features(*parts))
    quick = model.chances_of(*parts)
    assert quick.shape == (len(parts[0]), 4)
    np.testing.assert_allclose(quick, by_rows, atol=1e-5)
    np.testing.assert_allclose(quick.sum(axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("ma name is princess mensah and im 13", "mensah"),  # a name no list has, after "ma name is"
        ("charnwood has fights at home time, rocky got his nose broke", "rocky"),  # an everyday word as a name
    ],
)
def test_a_word_it_does_not_rule_out_is_read_by_the_close_labeller(line: str, gone: str) -> None:
    found = explain(line)
    assert any(f.recogniser.startswith(LEARNED_CLOSE) and gone in line[f.start : f.end] for f in found), found
    assert gone not in redact(line).text


def test_the_close_labeller_is_asked_only_about_words_the_quick_one_is_unsure_of(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = close_labeller.shipped_close_labeller()
    if model is None:
        pytest.skip("the close labeller does not run here")
    asked: list[int] = []
    chances = model.chances

    def counted(text: str, spans: list[tuple[int, int]], near: list[int] | None = None) -> np.ndarray:
        asked.append(len(near or []))
        return chances(text, spans, near)

    monkeypatch.setattr(model, "chances", counted)
    everyday = [  # each with words that are names somewhere ("park", "grace", "said", "sad", "max")
        "the buses are always late and the park needs more bins",
        "we said grace before the food at the youth club and it was nice",
        "i was so sad when my dog max died",
    ]
    for line in everyday:
        words = Words(line)
        assert any(c & (FIRST | SURNAME | EVERYDAY) for c in words.classes)  # read closely without the quick one
        assert redact(line).text == line
    assert asked == []
    out = redact("charnwood has fights at home time, rocky got his nose broke").text
    assert asked and "rocky" not in out  # an everyday word as a name: the close labeller reads it


@pytest.mark.parametrize(
    "line",
    [
        "i watch Blippi with my little brother",  # the quick labeller reads a name, the close labeller none
        "Castle Donington has the racing at Donington Park",  # the quick labeller reads a school
        "St John Ambulance cadets taught me first aid",
    ],
)
def test_what_it_reads_as_a_detail_the_close_labeller_decides(line: str) -> None:
    assert redact(line).text == line


def test_with_it_turned_off_the_close_labeller_reads_every_candidate() -> None:
    """VOICE_QUICK_LABELLER=0 (docs/settings.md): the close labeller reads around every candidate, as before, and
    finds the same."""
    lines = "ma name is princess mensah and im 13\nthe buses are always late and the park needs more bins\n"
    outputs = []
    for value in ("0", "1"):
        done = subprocess.run(
            [sys.executable, "-m", "voice", "redact"],
            input=lines,
            capture_output=True,
            text=True,
            env={**os.environ, "VOICE_QUICK_LABELLER": value},
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert "mensah" not in outputs[0] and "the park needs more bins" in outputs[0]
