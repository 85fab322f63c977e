"""An answer in Gujarati typed in Latin letters reaches the lead as one a person must read, as Polish, Urdu and Somali
answers do: the reader cannot read it. A new user in Chromium (twenty-fourth session) typed "mara papa mane marta che"
(my dad hits me): it was read as English, since two of its five words ("mara", "papa") are words the reader knows, and
reached no list. An English answer with one Gujarati-looking word ("che guevara", a horse's "mane") stays English."""

from __future__ import annotations

import sqlite3

import pytest
from litestar.testing import TestClient

from voice.common.settings import Settings

API = "/api/surveys/ypag-priorities/responses"


@pytest.mark.parametrize(
    "text",
    [
        "mara papa mane marta che",
        "mari mummy mane roj bole che",
        "mane school ma koi saathe vaat karvu nathi game",
    ],
)
def test_a_gujarati_answer_is_for_a_person_to_read(client: TestClient, settings: Settings, text: str) -> None:
    assert client.post(API, json={"answers": {"most_important": text}}).status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        rows = conn.execute("SELECT tier, category, reason FROM flags").fetchall()
    assert ("person", "needs_reading", "gu") in rows, rows


@pytest.mark.parametrize(
    "text",
    ["che guevara was on a tshirt in history and i liked learning about him", "i brushed the horses mane at the farm"],
)
def test_an_english_answer_stays_english(client: TestClient, settings: Settings, text: str) -> None:
    assert client.post(API, json={"answers": {"most_important": text}}).status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        rows = conn.execute("SELECT tier, category FROM flags").fetchall()
    assert ("person", "needs_reading") not in rows, rows
