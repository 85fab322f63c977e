"""Redaction's close labeller (#28, eighth session): a small language model that reads the whole sentence, for
names, schools and places of work that only the sentence says are one. The lines are written for these tests, by
kind, not taken from any evaluation set; what it does not do yet is stated as a strict expected failure."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from litestar.testing import TestClient

from voice.common.settings import Settings
from voice.reading.close_labeller import shipped_close_labeller
from voice.reading.redact import LEARNED_CLOSE, explain, redact

pytestmark = pytest.mark.skipif(shipped_close_labeller() is None, reason="the close labeller does not run here")

API = "/api/surveys/ypag-priorities/responses"


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("sunny always waits for me at the gate after school", "sunny"),  # an everyday word, the subject of a verb
        ("yesterday storm pushed me into the lockers and everyone laughed", "storm"),
        ("i sat next to blessing in maths and she helped me with fractions", "blessing"),
        ("zuri and me got put in isolation for talking", "zuri"),  # a name no list has, in lower case
        ("me n kofi get the bus together every morning", "kofi"),
        ("honey sits with me at lunch when im on my own", "honey"),
        ("tbh amara is the only one who texts me back", "amara"),
    ],
)
def test_a_name_only_the_sentence_says_goes(line: str, gone: str) -> None:
    """Most of these the rules and the CRF find too; "sunny" and "honey" only the close labeller."""
    out = redact(line).text
    assert "[name]" in out and gone not in out.split()


@pytest.mark.parametrize(
    "line",
    [
        "sleep is the best thing after a long day at school",  # an English word no name list has
        "hope is what keeps me going when things are hard",  # an everyday word that is also a name
        "will you lot actually listen to us this time",
        "bus was late again so i missed registration",
        "aabo and hooyo argue about money sometimes",  # words for parents, in Somali
        "my stepdada takes me to football on sundays",  # a relative, misspelt
        "our dog buster chewed my school shoes",  # a pet
        "may i suggest more clubs after school",
    ],
)
def test_the_same_kinds_of_word_as_words_stay(line: str) -> None:
    assert redact(line).text == line


def test_explain_names_the_close_labeller_and_how_sure_it_is() -> None:
    found = [f for f in explain("sunny always waits for me at the gate after school") if f.kind == "name"]
    assert found and re.fullmatch(re.escape(LEARNED_CLOSE) + r", [01]\.\d\d", found[0].recogniser)


def test_it_can_be_turned_off_and_then_only_the_rules_and_the_crf_read(tmp_path: Path) -> None:
    """VOICE_CLOSE_LABELLER=0 (for a machine too slow for it): the same line through `voice redact`, with and
    without it."""
    line = "honey sits with me at lunch when im on my own\n"
    run = [sys.executable, "-m", "voice", "redact"]
    on = subprocess.run(run, input=line, capture_output=True, text=True, check=True)
    off = subprocess.run(
        run, input=line, capture_output=True, text=True, check=True, env={**os.environ, "VOICE_CLOSE_LABELLER": "0"}
    )
    assert on.stdout == "[name] sits with me at lunch when im on my own\n"
    assert off.stdout == line


def test_an_answer_sent_through_the_form_api_is_stored_without_the_name(client: TestClient, settings: Settings) -> None:
    text = "me n kofi get the bus together every morning and its the best bit of my day"
    assert client.post(API, json={"answers": {"most_important": text}}).status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        (stored,) = conn.execute("SELECT text FROM answers WHERE text LIKE 'me n %'").fetchone()
    assert stored == "me n [name] get the bus together every morning and its the best bit of my day"
