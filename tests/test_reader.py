"""The learned reader: offline (networking refused), in two tiers, answers it cannot read go to a
person, it learns from people and refuses a worse model, and `voice eval` reports what others check."""

from __future__ import annotations

import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import msgspec
import pytest
from click.testing import CliRunner
from litestar.testing import TestClient

from tests.conftest import add, csrf, get_page, sign_in, started, until
from tests.test_privacy import free_port
from voice.cli import main
from voice.common.settings import Settings
from voice.reading.reader import SHIPPED_MODEL, Model, sentences
from voice.reading.redact import redact
from voice.reading.themes import AnswerReader
from voice.reading.training import TRAINING, from_people, hits
from voice.store.db import opened
from voice.web.app import answer_reader_for, create_app

API = "/api/surveys/ypag-priorities/responses"
POLISH = "Mój tata mnie bije i boję się wracać do domu po szkole"
URDU = "میرے ابو مجھے مارتے ہیں اور مجھے گھر جانے سے ڈر لگتا ہے"
NO_RULE_DISCLOSURE = "i dont really eat at home anymore because there isnt anything in the cupboards"
# A long answer whose one worrying sentence sits in the middle, with a name in it.
STORY = (
    "We moved to Leicester last year and school is fine. My stepdad Gary comes home drunk and I lock my door "
    "because I am scared of what he will do. The youth club is good though."
)

# Loaded into every Python process the tests start: any attempt to reach the network is written down and
# refused (loopback too: the product has no reason to connect anywhere).
NO_NETWORK = """
import os, socket
def _refuse(*args, **kwargs):
    with open(os.environ["VOICE_TEST_NETWORK_LOG"], "a") as log:
        log.write(repr(args[1:2] or args[:1]) + "\\n")
    raise OSError("networking is refused in this test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.getaddrinfo = _refuse
socket.create_connection = _refuse
"""


def offline_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    hook = tmp_path / "no_network"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(NO_NETWORK)
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hook), os.environ.get("PYTHONPATH", "")]),
        "VOICE_TEST_NETWORK_LOG": str(tmp_path / "network.log"),
        "HF_HUB_OFFLINE": "0",
        **extra,
    }


def attempts(tmp_path: Path) -> str:
    log = tmp_path / "network.log"
    return log.read_text() if log.exists() else ""


def small_training_set(tmp_path: Path, train: int = 240, test: int = 80) -> Path:
    """The first answers of the project's own split (no line written for the test)."""
    split = json.loads((TRAINING / "split.json").read_text())
    keep = {"train": split["train"][:train], "test": split["test"][:test]}
    wanted = set(keep["train"]) | set(keep["test"])
    folder = tmp_path / "labelled"
    folder.mkdir()
    lines = [line for line in (TRAINING / "voices.jsonl").read_text().splitlines() if json.loads(line)["id"] in wanted]
    (folder / "voices.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "split.json").write_text(json.dumps(keep))
    return folder


def test_voice_eval_train_and_serve_work_with_networking_refused(tmp_path: Path, surveys_dir: Path) -> None:
    env = offline_env(tmp_path)
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('example.org', 80))"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.returncode != 0 and "refused in this test" in probe.stderr  # the hook works
    (tmp_path / "network.log").unlink()

    done = subprocess.run(
        [sys.executable, "-m", "voice", "eval", "--split", "test", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["n"] == len(json.loads((TRAINING / "split.json").read_text())["test"])

    out = tmp_path / "model" / "reader.npz"
    trained = subprocess.run(
        [
            sys.executable,
            "-m",
            "voice",
            "train",
            "--data",
            str(small_training_set(tmp_path)),
            "--out",
            str(out),
            "--allow-worse",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert trained.returncode == 0, trained.stderr + trained.stdout
    assert out.exists() and "## Figures on the test split" in (out.parent / "reader-card.md").read_text()

    port, db = free_port(), tmp_path / "voice.db"
    serving = offline_env(
        tmp_path,
        VOICE_DB_PATH=str(db),
        VOICE_SURVEYS_DIR=str(surveys_dir),
        VOICE_PORT=str(port),
        VOICE_SECRET="offline-test",
    )
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "voice", "serve"], env=serving, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            assert started(http), (tmp_path / "server.log").read_text()
            assert http.post(API, json={"answers": {"most_important": NO_RULE_DISCLOSURE}}).status_code == 201

            def flagged() -> list[tuple[str, str]]:
                with sqlite3.connect(db) as conn:
                    return conn.execute("SELECT tier, category FROM flags").fetchall()

            assert until(lambda: flagged() == [("flag", "going_hungry")], seconds=20), flagged()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(20)
        log.close()
    assert attempts(tmp_path) == "", f"the product tried to reach the network: {attempts(tmp_path)}"


def test_answers_in_urdu_and_polish_reach_the_lead_as_needs_a_person_to_read(
    client: TestClient, settings: Settings
) -> None:
    for text in (POLISH, URDU, "Szkoła jest w porządku, ale chciałbym więcej zajęć po lekcjach."):
        assert client.post(API, json={"answers": {"most_important": text}}).status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        rows = conn.execute("SELECT f.tier, f.category, f.reason FROM flags f ORDER BY f.id").fetchall()
    # Each is queued for a person, whatever else the rules found in it: the model cannot read them.
    assert sorted((r[1], r[2]) for r in rows if r[0] == "person") == [("needs_reading", "pl")] * 2 + [
        ("needs_reading", "ur")
    ]
    assert {r[1] for r in rows if r[0] == "flag"} >= {"abuse_at_home"}  # the Polish and Urdu rules matched too
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    queue = get_page(client, "/staff/safeguarding")
    flags_table = queue.select("table")[0].get_text(" ")
    assert flags_table.count("Needs a person to read") == 3
    assert "Written in Polish, which the reader cannot read" in flags_table
    assert "Written in Urdu, which the reader cannot read" in flags_table


def test_a_flag_by_the_model_says_why_with_the_redacted_sentence(client: TestClient, settings: Settings) -> None:
    assert sentences(STORY)[1].startswith("My stepdad Gary")
    assert client.post(API, json={"answers": {"most_important": STORY}}).status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        tier, reason, score = conn.execute("SELECT tier, reason, score FROM flags").fetchone()
    assert tier == "flag" and score >= answer_reader_for(settings).flag_threshold
    assert reason.startswith("My stepdad [name] comes home drunk")  # the one sentence, never the name
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    queue = get_page(client, "/staff/safeguarding").get_text(" ")
    assert (
        "Reads like disclosures about" in queue
        and f"(score {math.floor(score * 100) / 100:.2f})" in queue
        and "Gary" not in queue
    )


def test_a_flag_by_the_model_explains_itself_in_words_a_lead_can_check(client: TestClient, settings: Settings) -> None:
    """Never a bare score: the words that are far more common in disclosures, and the labelled answers it is
    most like, on the flag page (stored with the flag, so they stay what they were when it was raised)."""
    assert client.post(API, json={"answers": {"most_important": STORY}}).status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        flag_id, evidence = conn.execute("SELECT id, evidence FROM flags WHERE score IS NOT NULL").fetchone()
    why = json.loads(evidence)
    model = Model.load(SHIPPED_MODEL)
    assert why["words"] and all(w.replace("not ", "~") in model.meta.harm_words for w in why["words"])
    assert len(why["like"]) == 2 and all(text in model.meta.neighbour_texts for text, _ in why["like"])
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    page = get_page(client, f"/staff/safeguarding/{flag_id}").get_text(" ")
    assert "Words far more common in disclosures:" in page and f"“{why['words'][0]}”" in page
    assert "Most like these answers the reader learned from:" in page and why["like"][0][0] in page
    assert "Gary" not in page.split("What the young person wrote")[0]  # the reasons come from the redacted text


def test_worth_a_look_is_a_second_list_and_the_thresholds_are_the_partnerships(
    tmp_path: Path, surveys_dir: Path
) -> None:
    model = Model.load(SHIPPED_MODEL)
    scored = AnswerReader(model=model).read([(NO_RULE_DISCLOSURE, NO_RULE_DISCLOSURE)])[0][1]
    assert [f.tier for f in scored] == ["flag"]
    score = scored[0].score
    assert score is not None
    # Set above its score, the flag threshold moves the answer to "worth a look"; set above that too, it
    # is in neither list (the partnership's choice, documented with what it trades).
    # (The close reader, which makes flags of the answers worth a look it is sure of, is off for this.)
    looser = AnswerReader(model=model, flag_threshold=min(1.0, score + 0.001), read_closely=False).read(
        [(NO_RULE_DISCLOSURE,) * 2]
    )[0][1]
    assert [f.tier for f in looser] == ["look"]
    closer = AnswerReader(model=model, flag_threshold=min(1.0, score + 0.001)).read([(NO_RULE_DISCLOSURE,) * 2])[0][1]
    assert [f.tier for f in closer] == ["flag"] and closer[0].evidence and closer[0].evidence.close
    settings = Settings(
        db_path=str(tmp_path / "v.db"),
        surveys_dir=str(surveys_dir),
        secret="s",
        close_reader=False,
        flag_threshold=min(1.0, score + 0.001),
        look_threshold=min(1.0, score + 0.001),
    )
    assert answer_reader_for(settings).read([(NO_RULE_DISCLOSURE,) * 2])[0][1] == []
    with TestClient(create_app(msgspec.structs.replace(settings, look_threshold=0.0))) as client:
        assert client.post(API, json={"answers": {"most_important": NO_RULE_DISCLOSURE}}).status_code == 201
        add(client.app.state["settings"], "lead@example.org", "safeguarding_lead")
        sign_in(client, "lead@example.org")
        page = get_page(client, "/staff/safeguarding")
        tables = page.select("table")
        assert len(tables) == 1 and "There are no flags here." in page.get_text()
        assert "Going hungry" in tables[0].get_text() and "Worth a look" in page.get_text()


def test_a_lead_s_decision_is_kept_audited_and_learned_from(client: TestClient, settings: Settings) -> None:
    assert client.post(API, json={"answers": {"most_important": NO_RULE_DISCLOSURE}}).status_code == 201
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    page = get_page(client, "/staff/safeguarding/1")
    assert page.find("input", attrs={"name": "decision", "value": "no concern"}) is not None
    bad = client.post(
        "/staff/safeguarding/1/close",
        data={"_csrf_token": csrf(page), "action_note": "rang school", "decision": "maybe"},
    )
    assert bad.status_code == 422 and "Choose whether this was a real concern" in bad.text
    done = client.post(
        "/staff/safeguarding/1/close",
        data={"_csrf_token": csrf(page), "action_note": "rang school", "decision": "concern"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert "A real concern." in get_page(client, "/staff/safeguarding/1").get_text()
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT decision FROM flags").fetchall() == [("concern",)]
        assert conn.execute("SELECT detail FROM audit_log WHERE action = 'flag closed'").fetchone() == (
            "rang school (concern)",
        )
    with opened(settings.db_path) as db:
        learned = from_people(db)
    assert [(e.safeguarding_flag, e.safeguarding_category, e.part) for e in learned] == [
        (True, "going_hungry", "flag decisions")
    ]


def test_a_retrained_model_worse_on_the_test_split_is_refused(tmp_path: Path) -> None:
    current = tmp_path / "reader.npz"
    current.write_bytes(SHIPPED_MODEL.read_bytes())
    before = current.read_bytes()
    result = CliRunner().invoke(
        main, ["train", "--data", str(small_training_set(tmp_path, 120, 452)), "--out", str(current)]
    )
    assert result.exit_code == 1
    assert "Not saved: the new model is worse on the test split" in result.output
    assert current.read_bytes() == before


def test_voice_eval_json_keeps_the_keys_others_run(tmp_path: Path) -> None:
    labelled = tmp_path / "set.jsonl"
    lines = [
        {
            "text": NO_RULE_DISCLOSURE,
            "sentiment": "negative",
            "topics": ["poverty_housing"],
            "safeguarding_flag": True,
            "safeguarding_category": "neglect_hunger",
        },
        {"text": "the youth club is good", "sentiment": "positive", "topics": ["other"], "safeguarding_flag": False},
        {
            "text": "knife crime is bad round here",
            "sentiment": "negative",
            "topics": ["exploitation_harm_outside_home"],
            "safeguarding_flag": False,
        },
    ]
    labelled.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = CliRunner().invoke(main, ["eval", str(labelled), "--json", "--baseline"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert {"recall", "precision"} <= set(found["safeguarding"]) and found["sentiment"]["macro_f1"] >= 0
    assert {"recall", "precision", "shown_non_disclosures", "load"} <= set(found["safeguarding"]["flags"])
    assert found["topics"]["micro_f1"] >= 0
    assert found["safeguarding"]["recall"] == 1.0  # the disclosure no rule matches is in front of the lead
    # What the lead lives with agrees with the answers read one by one (--per-answer, same file).
    each = CliRunner().invoke(main, ["eval", str(labelled), "--per-answer"])
    rows = [json.loads(line) for line in each.output.splitlines()]
    assert [r["text"] for r in rows] == [line["text"] for line in lines]
    assert rows[0]["tier"] in {"flag", "look"} and rows[0]["why"]
    negatives = [r["tier"] != "none" for r, line in zip(rows, lines, strict=True) if not line["safeguarding_flag"]]
    shown = sum(negatives) / len(negatives)
    assert found["safeguarding"]["shown_non_disclosures"] == shown
    assert found["safeguarding"]["load"]["per_1000"] == round(1000 * (0.02 + 0.98 * shown), 1)
    assert found["safeguarding"]["load"]["prevalence"] == 0.02
    assert found["safeguarding"]["per_category"] == {"neglect_hunger": {"recall": 1.0, "support": 1}}
    # The confusion table counts the feelings the answers were read with, one by one (gold row, read column).
    for gold in ("negative", "positive"):
        read = [r["sentiment"] for r, line in zip(rows, lines, strict=True) if line["sentiment"] == gold]
        assert sum(found["sentiment"]["confusion"][gold].values()) == len(read)
        assert all(found["sentiment"]["confusion"][gold][label] == read.count(label) for label in set(read))
    assert found["baselines"]["rules_only"]["safeguarding.recall"] == 0.0
    table = CliRunner().invoke(main, ["eval", str(labelled)]).output
    assert "recall by kind of disclosure" in table and "confusion" in table
    assert "not disclosures put in front of the lead" in table and "per real disclosure" in table
    both = CliRunner().invoke(main, ["eval", str(labelled), "--split", "test"])
    assert both.exit_code == 2 and "not both" in both.output


def test_voice_eval_per_answer_reads_texts_without_labels_and_names_the_tier(tmp_path: Path) -> None:
    """Anyone can run their own set through the product: a file of texts alone, one JSON line out each."""
    texts = tmp_path / "mine.jsonl"
    texts.write_text(
        json.dumps({"id": "q1", "text": "i want to kill myself"})
        + "\n"
        + json.dumps({"text": "more buses on sundays please"})
        + "\n"
        + json.dumps({"text": POLISH})
        + "\n"
    )
    result = CliRunner().invoke(main, ["eval", str(texts), "--per-answer", "--prevalence", "0.05"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r.get("id") for r in rows] == ["q1", None, None]
    assert rows[0]["tier"] == "flag" and rows[0]["category"] == "suicide" and "kill myself" in rows[0]["why"]
    assert rows[1]["tier"] == "none" and rows[1]["category"] is None and rows[1]["sentiment"] in {"neutral", "positive"}
    assert rows[2]["tier"] == "flag" and rows[2]["category"] == "abuse_at_home"  # a rule in Polish, not only a person
    assert set(rows[1]) == {"text", "tier", "category", "score", "why", "sentiment", "topics"}
    load = json.loads(CliRunner().invoke(main, ["eval", str(texts), "--json", "--prevalence", "0.05"]).output)
    assert load["safeguarding"]["load"]["prevalence"] == 0.05
    assert load["safeguarding"]["support"] == 0  # no labels: nothing to measure recall on, and no crash


@pytest.mark.parametrize("text", [POLISH, URDU])
def test_the_rules_know_key_phrases_in_polish_and_urdu(text: str) -> None:
    assert "abuse_at_home" in {f.category for f in AnswerReader(rules_only=True).read([(text, text)])[0][1]}


def test_redacted_words_never_become_evidence_shown_to_staff() -> None:
    typed = "My friend Priya said text her on 07700 900123, Priya is sad all the time and cries at school"
    theme = AnswerReader().read([(redact(typed).text, typed)])[0][0]
    shown = " ".join(word for words in theme.matched.values() for word in words)
    assert "priya" not in shown.lower() and "07700" not in shown


def test_markup_and_links_are_not_a_language_nobody_can_read() -> None:
    text = "<script>alert(1)</script> more youth clubs please https://example.org/a-b-c"
    assert all(f.tier != "person" for f in AnswerReader().read([(text, text)])[0][1])
    model = Model.load(SHIPPED_MODEL)
    assert model.language_of("Szkoła jest w porządku, ale nauczyciele nie słuchają.") == "pl"
    assert model.language_of("Je ne veux pas rentrer à la maison, mon père me frappe") == "und"


def test_skipping_sentences_of_answers_far_below_the_look_threshold_changes_no_tier() -> None:
    """Model.score(floor=...) reads sentence by sentence only where it can matter; tiers stay the same."""
    model = Model.load(SHIPPED_MODEL)
    texts = [json.loads(line)["text"] for line in (TRAINING / "voices.jsonl").read_text().splitlines()[:400]]
    texts += [STORY, NO_RULE_DISCLOSURE]
    found = hits(texts)
    full = model.score(texts, *found)
    quick = model.score(texts, *found, floor=model.meta.look_threshold)

    def tier(risk: float) -> str:
        return "flag" if risk >= model.meta.flag_threshold else "look" if risk >= model.meta.look_threshold else "-"

    assert [tier(s.risk) for s in full] == [tier(s.risk) for s in quick]
    assert any(s.risk_sentence for s in quick)  # the sentences still count where they can


def test_text_speak_is_read_as_the_words_it_stands_for() -> None:
    """#25: in the training answers text-speak was almost only in disclosures; a reader that learns that flags
    young people for how they spell. "wen", "agen", "n" are read as "when", "again", "and"."""
    from voice.common.text import respell

    assert respell("wen i get home n hes drunk i cry agen") == "when i get home and hes drunk i cry again"
    assert respell("Wiv my M8S 2nite") == "with my mates tonight"
    assert respell("the bin is full and nd is a word") == "the bin is full and and is a word"
    answer_reader = AnswerReader()
    plain = "i go to the park with my mates when its sunny and we play football"
    spelt = "i go 2 the park wiv my m8s wen its sunny n we play football"
    (plain_theme, plain_flags), (spelt_theme, spelt_flags) = answer_reader.read([(plain, plain), (spelt, spelt)])
    assert plain_flags == spelt_flags == []
    assert spelt_theme.sentiment == plain_theme.sentiment


def test_harm_told_as_past_and_over_is_in_neither_list() -> None:
    """#25: "that was years ago and i'm fine now, thanks to my counsellor" must not raise an answer. It was worth a look
    where both readers were as sure as for a flag, and so the grave kinds told as over (grooming, threats to share
    pictures) were raised, and those only: blind direction suites 12 and 13 read 0.93 and 0.94 against the issue's
    0.95. Now the models put harm told as over in neither list; a rule's flag is still never touched."""
    answer_reader = AnswerReader()
    over = [
        "when i was little my dad used to hit me but that was years ago and im fine now, my counsellor helped me loads",
        "a man online tried to get me to send pics when i was 12 but my dad reported it and he got caught, im fine now",
        "someone threatened to share my nudes in year 8 but the police sorted it and it never happened",
    ]
    found = answer_reader.read([(text, text) for text in over])
    assert [[f.tier for f in flags] for _, flags in found] == [[], [], []]
    goes_on = "a man online tried to get me to send pics when i was 12 and he still messages me"
    ((_, flags),) = answer_reader.read([(goes_on, goes_on)])
    assert flags, "harm that goes on is still raised"


def test_harm_told_now_beside_a_story_that_is_over_is_a_flag() -> None:
    """Harm told as over leaves both lists, so harm told in the present beside it must not be read as over with it
    (before, these were only worth a look, and the last in neither list)."""
    now_and_over = [
        "i want to kill myself. i ran away when i was 13 but my youth worker sorted it",
        "i feel like ending it all. i used to self harm but i stopped",
        "my step dad hits me when hes drunk. when i was little my nan looked after me and im fine with her",
        "i dont want to be here anymore. i had counselling in year 7 and it helped",
    ]
    found = AnswerReader().read([(text, text) for text in now_and_over])
    assert all("flag" in [f.tier for f in flags] for _, flags in found), found


def test_an_identity_word_never_makes_an_english_answer_need_a_person() -> None:
    """A short answer naming who one is was sent to "needs a person to read" as a language the reader cannot read
    ("i'm trans masc": "masc" is in no English word list), while "i'm trans femme" was not: the outcome changed with
    the term (behaviour14's invariance). Identity and place words are put in their kind's place before the language is
    judged, as before the answer is read."""
    found = AnswerReader().read([(t, t) for t in ("i'm trans masc", "im trans masc and proud", "i'm trans femme")])
    assert [[f.tier for f in flags] for _, flags in found] == [[], [], []]
    ((_, flags),) = AnswerReader().read([("Mój ojczym nadal bije mamę i mnie", "Mój ojczym nadal bije mamę i mnie")])
    assert flags and flags[0].tier == "flag"  # Polish is still read as Polish


def test_every_term_of_who_one_is_reads_as_its_kind_to_both_readers() -> None:
    """The first reader was trained with a shorter list of terms than the list has now: a care status it never
    saw ("im in supported lodgings and i want to be a doctor when im older") was a flag for suicide, where "in
    supported living" was in neither list (behaviour16's invariance). Both readers put every listed term of who one
    is (care status, gender, sexuality, disability, faith, ethnicity) in its kind's place; languages, nationalities,
    family members and pastimes keep the list the first reader was trained with ("english" is a lesson too)."""
    from voice.reading.close import shipped_close_reader
    from voice.reading.reader import shipped_model
    from voice.reading.training import terms

    model, close = shipped_model(), shipped_close_reader()
    assert model is not None and close is not None
    for kind in ("care_status", "gender_identity", "sexual_orientation", "disability", "faith", "ethnicity"):
        for term in terms()[kind]:
            said = f"as someone {term} i want to be a doctor when im older"
            assert model.blind(said) == close.blind(said) == "as someone identity i want to be a doctor when im older"
    assert model.blind("i love english and french") == "i love english and french"
    shapes = [
        "im {} and i want to be a doctor when im older",
        "as someone {} i think school should have more clubs",
        "im {} and i just got a part time job at the cinema",
    ]
    texts = [shape.format(term) for shape in shapes for term in terms()["care_status"]]
    shown = [t for t, (_, flags) in zip(texts, AnswerReader().read([(t, t) for t in texts]), strict=True) if flags]
    assert shown == []


def test_an_answer_in_a_language_nobody_named_is_not_said_to_be_english(client: TestClient, settings: Settings) -> None:
    """Roman Urdu the reader cannot place is queued for a person as "und" (not known). The lead's queue said it was
    "Written in English (United States)", as Babel reads "und" as its likeliest locale (a new user in Chromium)."""
    text = "abbu ghar aa kar bohat chillate hain aur ammi ko marte hain, mujhe darr lagta hai ghar jane se"
    assert client.post(API, json={"answers": {"most_important": text}}).status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        reasons = [r[0] for r in conn.execute("SELECT reason FROM flags WHERE tier = 'person'")]
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    flags_table = get_page(client, "/staff/safeguarding").select("table")[0].get_text(" ")
    assert reasons == ["und"], reasons
    assert "English" not in flags_table
    assert "Written in a language the reader does not know, which the reader cannot read" in flags_table
