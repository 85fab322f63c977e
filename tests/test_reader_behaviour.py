"""The reader's behaviour on the kinds of answer young people send (CheckList style; the cases are in
tests/data/behaviour/, written by hand before the reader was changed and never trained on).

Each test reads its cases through the product's own reader, as the service does (AnswerReader.read), and
through `voice eval --behaviour` for the figures others check. Where a figure is short of the issue's
target (#25), the bar here is where the reader stands, so that it cannot quietly get worse; the targets
and today's figures are in the model card and docs/reader.md.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
from click.testing import CliRunner

from voice.cli import main
from voice.reading import behaviour
from voice.reading.behaviour import SUITE
from voice.reading.evaluation import Labelled, read_all, tier_of
from voice.reading.themes import AnswerReader


@cache
def figures() -> dict[str, Any]:
    return behaviour.run(AnswerReader())


def tiers(texts: list[str]) -> list[str]:
    return [tier_of(flags) for _, flags in read_all([Labelled(t) for t in texts], AnswerReader())]


def test_the_cases_are_kept_apart_from_the_training_data() -> None:
    """A test that was trained on proves nothing: no case is a line the reader learned from."""
    from voice.common.text import normalise
    from voice.reading.training import TRAINING, labelled

    train, _ = labelled(TRAINING)
    learned = {normalise(e.text) for e in train}
    cases = [
        json.loads(line)["text"]
        for name in ("everyday", "negation", "direction", "disclosures", "other_languages")
        for line in (SUITE / f"{name}.jsonl").read_text().splitlines()
        if line.strip()
    ]
    assert len(cases) > 1000
    both = [c for c in cases if normalise(c) in learned]
    assert len(both) <= 0.01 * len(cases), both  # at most a handful of one-word answers ("idk") in both


def test_everyday_answers_stay_out_of_the_leads_lists() -> None:
    found = figures()["everyday"]
    assert found["n"] >= 500
    assert found["flags"] <= 0.01, found["examples_shown"]  # the issue's targets (#25): 1% and 3%
    assert found["shown"] <= 0.03, found["examples_shown"]


def test_talk_about_harm_in_general_negation_and_stories_stay_out() -> None:
    found = figures()["negation"]
    # 2026-12-05, second model: 2.6% and 3.8% (first model 3.2% and 12.1%; 31%, 41% before #25)
    assert found["flags"] <= 0.03, found["examples_shown"]
    assert found["shown"] <= 0.05, found["examples_shown"]


def test_a_faith_identity_or_pastime_does_not_change_the_outcome() -> None:
    found = figures()["invariance"]
    assert found["shapes"] >= 11
    assert found["flags"] == 0.0, found["examples_shown"]
    # 2026-12-05, second model: 0.1% shown, 1 of 22 shapes changes with the term (first model 1.3% and 1;
    # 25.6% and 10 before #25; targets 2% and 0)
    assert found["shown"] <= 0.02, found["examples_shown"]
    assert found["shapes_changing"] <= 1, found["changing"]


@pytest.mark.parametrize(
    "place", ["the mosque", "the gurdwara", "the temple", "church", "the synagogue", "football", "boxing", "madrassa"]
)
def test_the_examples_from_the_issue_are_not_in_the_lists(place: str) -> None:
    assert tiers([f"i go to {place} after school most days"]) == ["none"]


def test_i_feel_safe_is_not_a_flag_and_i_dont_feel_safe_is() -> None:
    assert tiers(["i feel safe in my area", "nobody hurts me at home", "i dont feel safe in my area"]) == [
        "none",
        "none",
        "flag",
    ]


def test_a_disclosure_added_puts_an_answer_in_front_of_the_lead_and_its_over_now_does_not() -> None:
    found = figures()["direction"]
    # 2026-12-05, second model: 0.87 and 0.89 (first model 0.79 and 0.91; target 0.95 for both together): the
    # second reads more disclosures added to an everyday answer, and raises a few more answers thanked as over
    assert found["by_expect"]["shown"] >= 0.87, found["examples_failed"]
    assert found["by_expect"]["not_raised"] >= 0.89, found["examples_failed"]
    base = "the youth club is good and i like the staff"
    assert tiers(
        [
            base,
            base + ". my step dad hits me when hes drunk",
            base + ". that was years ago and i'm fine now, thanks to my counsellor",
        ]
    ) == ["none", "flag", "none"]


def test_disclosures_reach_the_lead() -> None:
    found = figures()["disclosures"]
    assert found["n"] >= 200
    # 2026-12-05, second model: 0.923 and 0.841, plain first-person 0.938 (first model 0.846, 0.645 and 0.854;
    # 0.968, 0.823 before #25, at 31.6% of everyday answers shown): the flags meet the issue's 0.80, both
    # lists together are short of its 0.95
    assert found["recall"] >= 0.92, found["examples_missed"]
    assert found["flags_recall"] >= 0.80, found["examples_missed"]
    assert found["recall_by_style"]["plain_first_person"] >= 0.93, found["examples_missed"]


def test_disclosures_in_polish_and_urdu_are_flags_with_the_phrase() -> None:
    found = figures()["other_languages"]
    # 2026-12-05, second model: 0.80 (first model 0.70; 0.17 before #25)
    assert found["disclosures_flagged"] >= 0.80, found["examples_missed"]
    assert found["everyday_flagged"] == 0.0
    read = read_all(
        [
            Labelled("Mój ojczym nadal bije mamę i mnie"),
            Labelled("Moj ojczym nadal bije mame i mnie"),
            Labelled("mere abbu mujhe marte hain jab wo gusse mein hote hain"),
        ],
        AnswerReader(),
    )
    for _, flags in read:
        flag = next(f for f in flags if f.tier == "flag")
        assert flag.category == "abuse_at_home" and flag.score is None and flag.reason


def test_voice_eval_behaviour_gives_the_figures_others_check() -> None:
    result = CliRunner().invoke(main, ["eval", "--behaviour", str(SUITE), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert set(found) == {"everyday", "negation", "invariance", "direction", "disclosures", "other_languages"}
    assert behaviour.summary(found) == behaviour.summary(figures())
    table = CliRunner().invoke(main, ["eval", "--behaviour", str(SUITE)]).output
    assert "invariance.shapes_changing" in table and "everyday.shown" in table
