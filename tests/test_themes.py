"""Themes: sentiment and topics with reasons, stored at ingest, re-themed without losing flags."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner
from litestar.testing import TestClient

from voice.cli import main
from voice.reading.evaluation import multi_label, prf, single_label
from voice.reading.themes import AnswerReader, sentiment

DATA = Path(__file__).parent / "data" / "themes"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I feel like I was listened to", "positive"),
        ("nobody listened to me", "negative"),
        ("I waited 8 months for CAMHS and nobody rang back", "negative"),
        ("They actually listened but the wait was awful", "mixed"),
        ("not bad actually", "positive"),
        ("the youth club is peng", "positive"),
        ("it was awful 😡", "negative"),
        ("I go to school on the bus", "neutral"),
    ],
)
def test_sentiment(text: str, label: str) -> None:
    assert sentiment(text)[0] == label


def test_topics_match_on_lemmas_and_keep_their_reasons() -> None:
    answer_reader = AnswerReader()
    ids, matched = answer_reader.topics("I waited ages for CAMHS and got cyber-bullied at school")
    assert ids == ("mental_health", "online_safety", "bullying", "school_education", "waiting_for_support")
    assert matched == {
        "mental_health": ["CAMHS"],
        "online_safety": ["cyber bullied"],  # not "cyber" beside it: the pair holds it (twenty-second session)
        "bullying": ["cyber bullied"],
        "school_education": ["school"],
        "waiting_for_support": ["waited"],
    }
    assert answer_reader.topics("The weather was grey") == (("other",), {})


def test_themes_are_stored_at_ingest_on_the_redacted_text(client: TestClient, settings) -> None:
    client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"most_important": "Sam said CAMHS kept me waiting for months, call 07700 900123"}},
    )
    with sqlite3.connect(settings.db_path) as conn:
        sentiment_label, topics, matched, version = conn.execute(
            "SELECT sentiment, topics, matched, version FROM themes"
        ).fetchone()
    assert sentiment_label == "negative"
    assert json.loads(topics) == ["mental_health", "waiting_for_support"]
    assert "Sam" not in matched and "07700" not in matched
    assert version.startswith("themes-1:")


def test_a_taxonomy_of_the_partnerships_own(client: TestClient, settings, tmp_path: Path) -> None:
    own = tmp_path / "taxonomy.yaml"
    own.write_text("topics:\n  - {id: buses, name: Buses, keywords: [bus, buses]}\n  - {id: other, name: Other}\n")
    from voice.web.app import create_app

    with TestClient(create_app(Settings_with(settings, taxonomy_file=str(own)))) as own_client:
        own_client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": "more buses"}})
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT topics FROM themes").fetchone() == ('["buses"]',)
    broken = tmp_path / "broken.yaml"
    broken.write_text("topics:\n  - {id: buses, name: Buses}\n")
    with pytest.raises(Exception, match=r"VOICE_TAXONOMY_FILE: .*an `other` topic"):
        create_app(Settings_with(settings, taxonomy_file=str(broken)))


def Settings_with(settings, **changes):  # noqa: N802 - reads like the Settings it returns
    return msgspec.structs.replace(settings, **changes)


def test_voice_theme_rethemes_everything_and_never_drops_a_flag(client: TestClient, settings) -> None:
    for text in ("i want to die", "the youth club is great", "waiting for months"):
        client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": text}})
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute("DELETE FROM themes")
        conn.execute(
            "UPDATE flags SET status = 'closed', closed_by = 'lead', closed_on = '2026-11-23', "
            "action_note = 'spoke to school'"
        )
    result = CliRunner().invoke(main, ["theme", "--db", settings.db_path])
    assert result.exit_code == 0, result.output
    assert "Themed 3 answers; 0 new safeguarding flags." in result.output
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM themes").fetchone() == (3,)
        assert conn.execute("SELECT category, status FROM flags").fetchall() == [("suicide", "closed")]


def test_metrics() -> None:
    assert prf(3, 1, 2) == {"precision": 0.75, "recall": 0.6, "f1": 0.6667, "support": 5}
    result = single_label(["a", "a", "b", "b"], ["a", "b", "b", "b"], ["a", "b", "c"])
    assert result["per_label"]["a"]["f1"] == 0.6667 and result["per_label"]["b"]["f1"] == 0.8
    assert result["macro_f1"] == 0.7333  # "c" has no gold examples, so it does not count
    topics = multi_label([{"x", "y"}, {"x"}], [{"x"}, {"x", "z"}])
    assert topics["micro_f1"] == prf(2, 1, 1)["f1"]


def test_voice_eval_json_and_errors(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "voice", "eval", str(DATA / "seed_quotes.jsonl"), "--json", "--baseline"],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["n"] == 17
    for key in ("macro_f1",):
        assert 0 <= result["sentiment"][key] <= 1
    assert {"micro_f1", "macro_f1"} <= set(result["topics"])
    assert {"recall", "precision"} <= set(result["safeguarding"])
    assert set(result["baselines"]) == {"voice", "textblob", "vader", "rules_only"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok", "sentiment": "positive"}\n{"text": 3}\n')
    failed = CliRunner().invoke(main, ["eval", str(bad)])
    assert failed.exit_code == 1 and f"{bad}:2:" in failed.output


def test_a_safeguarding_rule_gives_the_answer_its_topic_with_the_phrase() -> None:
    """A new user's "my stepdad hits me ..." was themed School and Family only, so filtering by "Abuse or violence at
    home" did not find it (ninth session): a rule's category gives its topic (taxonomy.yaml, `safeguarding`)."""
    from voice.reading.themes import AnswerReader

    reader = AnswerReader()
    ((theme, flags),) = reader.read(
        [("my stepdad hits me when mum is at work", "my stepdad hits me when mum is at work")]
    )
    assert [f.category for f in flags] == ["abuse_at_home"]
    assert "domestic_abuse" in theme.topics
    ((theme, flags),) = reader.read([("i like going to the park with my dog", "i like going to the park with my dog")])
    assert not flags and "domestic_abuse" not in theme.topics


def test_a_taxonomy_naming_an_unknown_safeguarding_category_is_a_clear_error(tmp_path: Path) -> None:
    import msgspec

    from voice.reading.themes import Taxonomy

    with pytest.raises((ValueError, msgspec.ValidationError), match="unknown safeguarding categories beating"):
        msgspec.yaml.decode(
            b"topics:\n  - {id: home, name: Home, safeguarding: [beating]}\n  - {id: other, name: Other}\n",
            type=Taxonomy,
        )
