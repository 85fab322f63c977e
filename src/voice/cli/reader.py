"""`voice eval` and `voice train`: measuring and training the reader."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from voice.common.settings import SettingsError

if TYPE_CHECKING:
    pass

from voice.cli.base import CLI_ACTOR, cli_settings, main


@main.command("eval")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--split",
    "split",
    type=click.Choice(["test", "train"]),
    help="Measure on the project's labelled answers (training/): the test part is never trained on.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option(
    "--baseline",
    is_flag=True,
    help="Also give the rules-only reader's figures, and plain TextBlob's and VADER's sentiment macro-F1.",
)
@click.option("--rules-only", is_flag=True, help="Measure the rules alone (voice before the learned reader).")
@click.option(
    "--prevalence",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=0.02,
    show_default=True,
    help="The share of a real survey's answers that are disclosures, for the lead's expected load.",
)
@click.option(
    "--per-answer",
    is_flag=True,
    help="Print one JSON line per answer instead: id, text, tier (none, look, flag, person), category, "
    "score, why, sentiment, topics. Labels are not needed.",
)
@click.option(
    "--behaviour",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Run the behavioural tests in this folder (laid out like tests/data/behaviour/) instead.",
)
def evaluate_command(
    path: Path | None,
    split: str | None,
    as_json: bool,
    baseline: bool,
    rules_only: bool,
    prevalence: float,
    per_answer: bool,
    behaviour: Path | None,
) -> None:
    """Measure themes and safeguarding flags against labelled answers (JSON lines:
    {"id", "text", "sentiment", "topics", "safeguarding_flag", "safeguarding_category"}; a label left out
    is not measured), or --split test. Also says how many answers that are not disclosures reach the
    safeguarding lead, and her load per real disclosure at --prevalence."""
    import msgspec

    from voice.reading.evaluation import (
        EvalFileError,
        baselines,
        evaluate,
        flat,
        read_labelled,
        report,
    )
    from voice.reading.evaluation import per_answer as read_each
    from voice.reading.themes import AnswerReader
    from voice.reading.training import TrainingError, labelled_items
    from voice.web.app import answer_reader_for

    if sum(x is not None for x in (path, split, behaviour)) != 1:
        raise click.UsageError("Give a file of labelled answers, or --split test, or --behaviour FOLDER (not both).")
    if behaviour is not None:
        from voice.reading import behaviour as suite

        answer_reader = answer_reader_for(cli_settings(), learn=False)
        found = suite.run(
            AnswerReader(answer_reader.taxonomy, rules_only=True) if rules_only else answer_reader, behaviour
        )
        click.echo(
            msgspec.json.encode(found).decode()
            if as_json
            else "\n".join(f"{k:40s} {v:.3f}" for k, v in suite.summary(found).items())
        )
        return
    try:
        items = read_labelled(path) if path else labelled_items(split or "test")
        answer_reader = answer_reader_for(cli_settings(), learn=False)
        if rules_only:
            answer_reader = AnswerReader(answer_reader.taxonomy, rules_only=True)
        if per_answer:
            for row in read_each(items, answer_reader):
                click.echo(msgspec.json.encode(row).decode())
            return
        result = evaluate(items, answer_reader, prevalence)
    except (EvalFileError, SettingsError, TrainingError) as exc:
        raise click.ClickException(str(exc)) from None
    if baseline:
        result["baselines"] = baselines(items)
        if not rules_only:
            result["baselines"]["rules_only"] = flat(
                evaluate(items, AnswerReader(answer_reader.taxonomy, rules_only=True))
            )
    click.echo(msgspec.json.encode(result).decode() if as_json else report(result))


@main.command("train")
@click.option(
    "--db",
    "db_path",
    help="Also learn from this database's theme corrections and flag decisions.  [env: VOICE_DB_PATH]",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the model (default: VOICE_MODEL_FILE, or reader.npz beside the database; "
    "without --db, the model that ships in src/voice/data/).",
)
@click.option(
    "--data",
    "data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of labelled answers laid out like training/ (voices.jsonl, split.json).",
)
@click.option("--allow-worse", is_flag=True, help="Write the model even if it measures worse than the one it replaces.")
def train_command(db_path: str | None, out: Path | None, data: Path | None, allow_worse: bool) -> None:
    """Teach the reader from the labelled answers in training/ (and, with --db, from what people decided);
    measure it on the test split; refuse it if it is worse there than the model it would replace."""
    from voice.reading.reader import SHIPPED_MODEL, Model, load_model
    from voice.reading.training import (
        TRAINING,
        TrainingError,
        from_people,
        labelled,
        train,
        worse_than,
    )
    from voice.store.audit import record_event
    from voice.store.db import migrate, opened
    from voice.web.app import model_path

    settings = cli_settings(db_path=db_path)
    try:
        examples, test = labelled(data or TRAINING)
    except TrainingError as exc:
        raise click.ClickException(str(exc)) from None
    people = []
    if db_path or os.environ.get("VOICE_DB_PATH"):
        migrate(settings.db_path)
        with opened(settings.db_path) as db:
            people = from_people(db)
        click.echo(f"Learning from {len(people):,} decisions people made in {settings.db_path}.")
    target = out or (model_path(settings) if people or db_path else SHIPPED_MODEL)
    model = train(examples + people, test, progress=lambda step: click.echo(f"  {step}"))
    try:
        current = Model.load(target) if target.exists() else load_model(None)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{target}: {exc}") from None
    figures = model.meta.figures.get("model", {})
    click.echo("On the test split: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    worse = worse_than(model, current)
    if worse and not allow_worse:
        raise click.ClickException(
            "Not saved: the new model is worse on the test split than the one it would replace ("
            + "; ".join(worse)
            + "). Check the corrections it learned from, or use --allow-worse."
        )
    model.save(target)
    card = target.with_name(target.stem + "-card.md")
    card.write_text(model.card(), encoding="utf-8")
    if people or db_path:
        with opened(settings.db_path) as db, db.atomic():
            record_event(
                db, CLI_ACTOR, "reader retrained", str(target), ", ".join(f"{k} {v:.3f}" for k, v in figures.items())
            )
    click.echo(f"Saved {target} and its model card {card}. The service reads it when it next starts.")
