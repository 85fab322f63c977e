"""Redaction on voice's own labelled lines (tests/data/redaction/labelled.txt), scored by the project's
score script, and the behaviours a safeguarding lead is promised: what goes, what stays, the same for
every way words come in, and `voice redact --explain`."""

from __future__ import annotations

import ast
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from litestar.testing import TestClient

from tests.conftest import add, csrf, get_page, sign_in
from tests.web.test_curation import answer_id
from voice.common.settings import Settings
from voice.reading.redact import Terms, explain, redact

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "score_redaction.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def dev_scores() -> dict:
    """#28's development set (tests/data/redaction/dev/), written before the recognisers were changed."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "score_redaction.py"), "--dev", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout)["now, development set"])


def share(result: dict, kinds: tuple[str, ...]) -> float:
    removed = sum(result["kinds"][k]["removed"] for k in kinds if k in result["kinds"])
    total = sum(result["kinds"][k]["of"] for k in kinds if k in result["kinds"])
    return removed / total


def test_the_labelled_set_meets_the_promised_shares(scores: dict[str, dict]) -> None:
    every = scores["now, all lines"]
    assert every["clean_lines"]["of"] >= 450 and sum(k["of"] for k in every["kinds"].values()) >= 300
    assert share(every, ("phone", "email", "postcode", "handle")) >= 0.99
    assert share(every, ("name",)) >= 0.98
    assert share(every, ("school",)) >= 0.98
    assert every["clean_lines"]["share"] <= 0.01
    # Each part written after a version of the recognisers holds up on its own too.
    for part in ("written after the first version", "written after the second", "written after the third"):
        later = scores[f"now, {part}"]
        assert share(later, ("name", "school")) >= 0.95, part
        assert later["clean_lines"]["share"] <= 0.03, part


def test_the_development_set_of_28_meets_its_shares(dev_scores: dict) -> None:
    """Lines written for #28 before the recognisers were changed, as 11 to 18 year olds type (the learned
    recogniser never trains on them). Today's code on them when they were written: names 61%, surnames
    74%, schools 27%, workplaces 0%, 21.7% of clean lines changed."""
    assert sum(k["of"] for k in dev_scores["kinds"].values()) >= 300 and dev_scores["clean_lines"]["of"] >= 200
    assert share(dev_scores, ("name",)) >= 0.95
    assert share(dev_scores, ("surname",)) >= 0.97
    assert share(dev_scores, ("school",)) >= 0.95
    assert share(dev_scores, ("address",)) >= 0.95
    assert share(dev_scores, ("workplace",)) >= 0.9
    assert share(dev_scores, ("form", "dob")) >= 0.95
    for kind in ("phone", "email", "handle", "postcode", "nhs", "ni", "pesel", "vehicle"):
        assert share(dev_scores, (kind,)) >= 0.99, kind
    assert dev_scores["clean_lines"]["share"] <= 0.02


def test_the_third_development_set_of_28_meets_its_shares() -> None:
    """dev3/, written for #28's fourth round before it changed the recognisers, in three batches each written
    before it was first run (the code before the round on its first batch: names 94%, schools 88%, 8.0% of
    clean lines changed; on the later batches it was never run)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "score_redaction.py"), "--dev3", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    dev3 = json.loads(done.stdout)["now, third development set"]
    assert sum(k["of"] for k in dev3["kinds"].values()) >= 250 and dev3["clean_lines"]["of"] >= 500
    assert share(dev3, ("name",)) >= 0.97
    assert share(dev3, ("school",)) >= 0.95
    assert share(dev3, ("address",)) >= 0.95
    for kind in ("phone", "email", "handle", "postcode", "nhs", "ni", "pesel", "vehicle"):
        assert share(dev3, (kind,)) >= 0.99, kind
    assert dev3["clean_lines"]["share"] <= 0.02


def test_the_learned_recognisers_never_learn_from_the_lines_they_are_measured_on() -> None:
    """tools/train_redaction.py (the CRF, and through it the close labeller) reads the templates, #16's lines, the
    reader's answers with no details and the development sets of #28 (each measured once when it was blind): never
    a set that tools/score_redaction.py scores for figures only (frozen/, frozen2/, held/, and the blind set not yet
    measured); nor do the close and quick labellers, which learn from the CRF's lines."""
    source = (ROOT / "tools" / "train_redaction.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    development = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "DEVELOPMENT_SETS" for t in node.targets)
    )
    names = {n.value for n in ast.walk(development) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert {"dev", "dev3", "frozen3", "frozen9"} <= names
    scoring = ast.parse((ROOT / "tools" / "score_redaction.py").read_text(encoding="utf-8"))
    table = next(
        node.value
        for node in scoring.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SETS" for t in node.targets)
    )
    assert isinstance(table, ast.Dict)
    figures_only = [
        folder.value
        for value in table.values
        if isinstance(value, ast.Tuple)
        for folder, *_, only in [value.elts]
        if isinstance(folder, ast.Constant) and isinstance(only, ast.Constant) and only.value is True
    ]
    assert {"frozen", "frozen2", "held"} <= set(figures_only)
    for measured in figures_only:
        assert measured not in names
        assert f'"{measured}"' not in source and f"'{measured}'" not in source
    assert 'voices.jsonl"' not in source.split("ANSWERS = ")[1].split("]")[0]
    for tool in ("train_close_labeller.py", "train_quick_labeller.py"):
        labeller_source = (ROOT / "tools" / tool).read_text(encoding="utf-8")
        assert "tr.lines(" in labeller_source  # the labellers read the CRF's lines, no set of their own
        for measured in figures_only:
            assert f'"{measured}"' not in labeller_source and f"/{measured}/" not in labeller_source


def test_young_peoples_answers_with_no_personal_details_mostly_stay_as_written() -> None:
    """The reader's labelled answers (training/voices.jsonl, written for the project, with no personal
    details in nearly all of them) are a second test of over-redaction: 34 of 2,265 were changed when
    they were first tried (after the third version of the recognisers), 7 after the general fixes it
    showed ("sex ed", "my teddy", "going round school", "whos"); 5 with #28's learned recogniser (which
    never trains on them)."""
    lines = (ROOT / "training" / "voices.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    changed = [t for t in texts if redact(t).text != t]
    assert len(texts) > 2000
    assert len(changed) / len(texts) <= 0.005, changed[:10]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tom said he would hurt me", "[name] said he would hurt me"),
        ("me and Sarah Khan got into a fight", "me and [name] got into a fight"),
        ("i told mr patel and miss kowalska", "i told [name] and [name]"),
        ("Kian and Reece are my mates", "[name] and [name] are my mates"),
        ("my social worker Dave never rings back", "my social worker [name] never rings back"),
        ("nobody listened at Beaumont Leys School", "nobody listened at [school]"),
        ("i go to crown hills community college", "i go to [school]"),
        ("my email is jake dot smith at gmail dot com", "my email is [email]"),
        ("insta jay.bee", "insta [handle]"),
        ("oh seven seven double oh nine double oh one two three is my number", "[phone] is my number"),
        ("my nhs number is 798 259 7912", "my nhs number is [NHS number]"),
        ("national insurance ab123456c", "national insurance [NI number]"),
        ("the car is AB12 CDE", "the car is [vehicle registration]"),
        ("i live in le101ab", "i live in [postcode]"),
        ("we live at 5 Hinckley Road", "we live at [address]"),
        ("i live at 12 Oak Court, and my nan at 7 Church View", "i live at [address], and my nan at [address]"),
        ("mój numer to 600 123 456, PESEL 09271378692", "mój numer to [phone], PESEL [PESEL]"),
        ("mój brat Michał mnie bije", "mój brat [name] mnie bije"),
        ("I went to Zayaan's house and talked to Zayaan", "I went to [name]'s house and talked to [name]"),
        ("میری بہن فاطمہ مجھے مارتی ہے", "میری بہن [name] مجھے مارتی ہے"),
    ],
)
def test_details_written_the_way_young_people_write_them_go(text: str, expected: str) -> None:
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "ring childline on 0800 1111 if you need to talk",
        "the NSPCC number is 0808 800 5000",
        "samaritans are on 116 123 day and night",
        "i rang 999 when my dad hurt my mum, then 111",
        "Will anyone actually read this? Hope so.",
        "i go to school in Loughborough and Earl Shilton is boring",
        "my family is from Somalia and Jordan",
        "the police station on charles street is scary",
        "we went to Skegness in the summer and my nan lives near Mablethorpe",
        "everyone on snap says mean stuff",
        "i miss home",
        "میں اسکول جانا پسند نہیں کرتا",
        "w szkole nikt nie słucha",
    ],
)
def test_public_and_everyday_words_stay(text: str) -> None:
    assert redact(text).text == text


def test_the_partnerships_keep_list_wins_over_a_name() -> None:
    text = "Bright Futures and Mr Gandhi helped me"
    assert redact(text).text == "Bright Futures and [name] helped me"
    assert redact("Ashton Green youth club is good").text != "Ashton Green youth club is good"
    terms = Terms(keep=["Ashton Green"])
    assert redact("Ashton Green youth club is good", terms).text == "Ashton Green youth club is good"


def test_explain_names_the_recogniser() -> None:
    found = explain("i told Mr Patel, email me at jo.b@x.com")
    assert [(f.kind, f.recogniser) for f in found] == [("name", "title"), ("email", "email address")]


def test_voice_redact_explain_prints_what_went_and_why(tmp_path: Path) -> None:
    terms = tmp_path / "terms.yaml"
    terms.write_text("terms:\n  worker: [Dev]\nkeep: [Ashton Green]\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "voice", "redact", "--explain", "--terms", str(terms)],
        input="Dev at Ashton Green said call 07700 900123\nnothing here\n",
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "[worker] at Ashton Green said call [phone]"
    assert "[worker] 'Dev': the partnership's list" in lines[1]
    assert "[phone] '07700 900123': phone number" in lines[2]
    assert lines[3] == "nothing here"
    assert len(lines) == 4 and done.stderr == ""


def test_an_edited_quote_is_redacted_like_an_answer(client: TestClient, settings: Settings) -> None:
    sent = client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"most_important": "The youth group really helped me", "quote_ok": "yes"}},
    )
    assert sent.status_code == 201
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    answer = answer_id(settings, "youth group really helped")
    page = get_page(client, f"/staff/answers/{answer}")
    response = client.post(
        f"/staff/answers/{answer}/quotes",
        data={
            "_csrf_token": csrf(page),
            "quote": "Nobody listened at Beaumont Leys School, ask Sarah Khan on 07700 900123",
            "attribution": "(YPAG)",
            "summary": "1",
        },
        follow_redirects=False,
    )  # not the young person's words
    assert response.status_code == 303
    quotes = get_page(client, "/staff/quotes").get_text()
    assert "Nobody listened at [school], ask [name] on [phone]" in quotes
    assert "Sarah" not in quotes and "07700" not in quotes and "Beaumont" not in quotes


def test_a_rule_never_shows_a_name_the_redaction_removed() -> None:
    from voice.reading.themes import default_answer_reader

    typed = "my dad Tyrone hits me when he drinks"
    redacted = redact(typed).text
    assert redacted == "my dad [name] hits me when he drinks"
    ((_, flags),) = default_answer_reader().read([(redacted, typed)])
    assert [f.category for f in flags] == ["abuse_at_home"]
    assert "tyrone" not in flags[0].reason.lower() and "[…]" in flags[0].reason


def test_every_way_in_redacts_with_the_learned_recogniser(tmp_path: Path) -> None:
    """An export imported with `voice import` (a real CSV file) is stored redacted like a web answer: what
    only the learned recogniser and #28's lists find goes too."""
    from click.testing import CliRunner

    from tests.conftest import EXAMPLES
    from voice.cli import main

    csv_file = tmp_path / "forms.csv"
    csv_file.write_text(
        '"How old are you?",Where do you live?,Which of these should the partnership work hardest on?,'
        "What is the one thing you would change to help young people feel safe?\n"
        "14 to 15,Leicester city,Bullying,my mum works at the tesco on narborough road and i go to crownhils\n",
        encoding="utf-8",
    )
    db = tmp_path / "v.db"
    done = CliRunner(env={"VOICE_SURVEYS_DIR": str(EXAMPLES)}).invoke(
        main, ["import", "ypag-priorities", str(csv_file), "--db", str(db), "--channel", "paper"]
    )
    assert done.exit_code == 0, done.output
    with sqlite3.connect(db) as conn:
        stored = [row[0] for row in conn.execute("SELECT text FROM answers WHERE text LIKE 'my mum%'")]
    assert stored == ["my mum works at [workplace] and i go to [school]"]


def test_the_score_counts_a_detail_gone_when_its_word_is_said_again_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tools/score_redaction.py takes each detail out where it is marked: a private Jack's name is gone when
    "[name] ... says jack grealish" keeps the footballer's, and a detail left in place is still counted kept."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import score_redaction
    finally:
        sys.path.remove(str(ROOT / "tools"))
    (tmp_path / "labelled.txt").write_text(
        "{name:jack} in my class says jack grealish is the best\n{name:dawn} at the youth club listens\ni hope so\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(score_redaction, "DATA", tmp_path)
    monkeypatch.setattr(score_redaction, "FILES", ["labelled.txt"])
    outputs = ["[name] in my class says jack grealish is the best", "dawn at the youth club listens", "i hope so"]
    got = score_redaction.score(outputs)
    assert got["kinds"] == {"name": {"removed": 1, "of": 2, "share": 0.5}}
    assert got["misses"] == ["kept name 'dawn': dawn at the youth club listens"]
