"""Training the reader (`voice train`): from the project's labelled answers, young people's words in
the seeds, and what people decided (facilitators' theme corrections, safeguarding leads' closing
decisions). Uses scikit-learn's logistic regression; what it writes is read with numpy alone
(`voice.reading.reader`).

Thresholds are chosen on the training part only, by 5-fold cross-validation scored exactly as the
service scores (whole answer and each sentence): the "worth a look" threshold for recall (with the
rules) of LOOK_RECALL, the flag threshold for a precision of FLAG_PRECISION. The test part of the split
is only ever measured, never trained on.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import msgspec
import numpy as np
from sqlite_utils import Database

from voice.common.settings import resource_dir
from voice.reading.evaluation import Labelled
from voice.reading.reader import EMBEDDING_SCALE, FORMAT, Meta, Model, dense_features, embed, words
from voice.reading.safeguarding import RULE_CATEGORIES, flags_for
from voice.reading.themes import SENTIMENTS, default_taxonomy, keyword_topics

TRAINING = resource_dir("training")
"""The project's labelled answers (`training/`, also inside the wheel)."""
CATEGORY_OF_LABEL = {"suicidal": "suicide", "violence_weapons": "weapons", "neglect_hunger": "going_hungry"}
"""The labelled data's category names that voice spells differently."""
LOOK_RECALL = 0.965
FLAG_PRECISION = 0.80
KNN_WEIGHT = 0.35
MIN_WORD_ANSWERS = 2
FOLDS = 5
PART_WEIGHT = {"seeds": 5.0, "corrections": 3.0, "flag decisions": 3.0}
"""Young people's real words (the seeds' quotes) and people's decisions on this partnership's answers
count more than a line written for the project: they are what the reader will meet."""
TOLERANCE = 0.005
"""How much lower a headline figure on the test split may be before a retrained model is refused."""


class Example(msgspec.Struct, frozen=True):
    """One labelled answer; a label left None is not known (a correction sets topics, not a flag)."""

    text: str
    sentiment: str | None = None
    topics: list[str] | None = None
    safeguarding_flag: bool | None = None
    safeguarding_category: str | None = None
    id: str = ""
    part: str = ""
    source: str = ""
    why: str = ""


class TrainingError(ValueError):
    pass


def read_examples(path: Path) -> list[Example]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                found.append(msgspec.json.decode(line, type=Example))
            except msgspec.DecodeError as exc:
                raise TrainingError(f"{path}:{number}: {exc}") from None
    return found


def labelled(root: Path = TRAINING) -> tuple[list[Example], list[Example]]:
    """(train, test): the labelled answers split as `split.json` says, plus the seeds' words (train)."""
    if not (root / "voices.jsonl").exists():
        raise TrainingError(f"{root / 'voices.jsonl'}: not found (the labelled answers ship in a checkout's training/)")
    answers = {e.id: e for e in read_examples(root / "voices.jsonl")}
    split = msgspec.json.decode((root / "split.json").read_bytes(), type=dict[str, list[str]])
    train = [answers[i] for i in split["train"]]
    seeds = root / "seeds.jsonl"
    if seeds.exists():
        train += read_examples(seeds)
    return train, [answers[i] for i in split["test"]]


def labelled_items(part: str, root: Path = TRAINING) -> list[Labelled]:
    """The labelled answers of one part of the fixed split ("train" or "test"), for `voice eval --split`."""
    train, test = labelled(root)
    return [Labelled(e.text, e.sentiment or "neutral", e.topics or [], bool(e.safeguarding_flag),
                     e.safeguarding_category) for e in (test if part == "test" else train)]


def from_people(db: Database) -> list[Example]:
    """Facilitators' latest theme corrections and safeguarding leads' closing decisions, as examples."""
    from voice.store.corrections import LATEST_CORRECTIONS

    found = []
    for text, sentiment, topics in db.execute(
            f"SELECT a.text, c.sentiment, c.topics FROM ({LATEST_CORRECTIONS}) c "  # noqa: S608 - fixed SQL
            "JOIN answers a ON a.id = c.answer_id WHERE a.text IS NOT NULL").fetchall():
        found.append(Example(text, sentiment, msgspec.json.decode(topics), part="corrections"))
    for text, decision, category in db.execute(
            "SELECT a.text, f.decision, f.category FROM flags f JOIN answers a ON a.response_id = f.response_id "
            "AND a.question_id = replace(f.answer_key, '.other', '') "
            "WHERE f.status = 'closed' AND f.decision IS NOT NULL AND f.tier != 'person' AND a.text IS NOT NULL"
    ).fetchall():
        concern = decision == "concern"
        found.append(Example(text, safeguarding_flag=concern, safeguarding_category=category if concern else None,
                             part="flag decisions"))
    return found


# --- features ------------------------------------------------------------------------------------
def rule_categories() -> list[str]:
    return list(RULE_CATEGORIES)


def hits(texts: list[str]) -> tuple[list[set[str]], list[set[str]]]:
    """For each text: the rule categories it matches, and the taxonomy topics its words name."""
    return ([{f.category for f in flags_for(t)} for t in texts], [set(keyword_topics(t)) for t in texts])


def _matrix(texts: list[str], meta: Meta) -> np.ndarray:
    """Every feature the model reads, words included, as one dense matrix (a row a text)."""
    vocabulary = {w: i for i, w in enumerate(meta.vocabulary)}
    dense = dense_features(meta, embed(texts)[0], *hits(texts))
    bow = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)
    for row, text in enumerate(texts):
        for w in words(text):
            if (i := vocabulary.get(w)) is not None:
                bow[row, i] = 1.0
    return np.hstack([dense, bow])


def _category(label: str | None) -> str | None:
    return CATEGORY_OF_LABEL.get(label, label) if label else None


def fit(examples: list[Example], *, thresholds: tuple[float, float, float] = (0.8, 0.2, 0.3)) -> Model:
    """A model from these examples (thresholds as given: see `train` for how they are chosen)."""
    from sklearn.linear_model import LogisticRegression

    texts = [e.text for e in examples]
    counts = Counter(w for t in texts for w in set(words(t)))
    vocabulary = sorted(w for w, n in counts.items() if n >= MIN_WORD_ANSWERS)
    taxonomy = [t.id for t in default_taxonomy().topics]
    categories = sorted({c for e in examples if e.safeguarding_flag and (c := _category(e.safeguarding_category))})
    topics = [t for t in taxonomy if any(e.topics and t in e.topics for e in examples)]
    meta = Meta(FORMAT, dt.datetime.now(dt.UTC).date().isoformat(), rule_categories(), taxonomy, categories,
                list(SENTIMENTS), topics, vocabulary, thresholds[0], thresholds[1], thresholds[2], KNN_WEIGHT,
                parts(examples), {})
    x = _matrix(texts, meta)
    columns: list[np.ndarray] = []
    biases: list[np.ndarray] = []

    def head(rows: list[int], labels: list[Any], classes: list[Any], *, balanced: bool = True) -> None:
        """One head's weights: a column for a yes/no head (classes [False, True]), else one per class."""
        binary = classes == [False, True]
        width = 1 if binary else len(classes)
        coef = np.zeros((x.shape[1], width), dtype=np.float32)
        bias = np.full(width, -10.0, dtype=np.float32)
        present = set(labels)
        if len(present) < 2:  # nothing to tell apart: always the one answer seen (or "no")
            if binary:
                bias[0] = 5.0 if present == {True} else -5.0
            else:
                bias[classes.index(next(iter(present)))] = 5.0 if present else bias[0]
        else:
            model = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced" if balanced else None)
            model.fit(x[rows], labels, sample_weight=weights[rows])
            if binary:
                coef[:, 0], bias[0] = model.coef_[0], model.intercept_[0]
            elif len(model.classes_) == 2:  # two classes of a many-class head: split the one direction
                for sign, label in ((-0.5, model.classes_[0]), (0.5, model.classes_[1])):
                    coef[:, classes.index(label)] = sign * model.coef_[0]
                    bias[classes.index(label)] = sign * model.intercept_[0]
            else:
                for j, label in enumerate(model.classes_):
                    coef[:, classes.index(label)], bias[classes.index(label)] = model.coef_[j], model.intercept_[j]
        columns.append(coef)
        biases.append(bias)

    weights = np.array([PART_WEIGHT.get(e.part, 1.0) for e in examples])
    flagged = [i for i, e in enumerate(examples) if e.safeguarding_flag is not None]
    head(flagged, [bool(examples[i].safeguarding_flag) for i in flagged], [False, True])
    kinds = [i for i, e in enumerate(examples) if e.safeguarding_flag and _category(e.safeguarding_category)]
    head(kinds, [_category(examples[i].safeguarding_category) for i in kinds], categories or ["feeling_unsafe"])
    felt = [i for i, e in enumerate(examples) if e.sentiment in SENTIMENTS]
    head(felt, [examples[i].sentiment for i in felt], list(SENTIMENTS))
    themed = [i for i, e in enumerate(examples) if e.topics]
    for topic in topics:
        head(themed, [topic in (examples[i].topics or ()) for i in themed], [False, True], balanced=False)
    stacked = np.hstack(columns)
    width = len(meta.rule_categories) + len(meta.taxonomy_topics) + 256
    neighbours = x[themed, :256] / EMBEDDING_SCALE if themed else np.zeros((0, 256))
    topic_labels = np.array([[t in (examples[i].topics or ()) for t in topics] for i in themed], dtype=np.float32)
    return Model(meta, {"dense": stacked[:width], "bow": stacked[width:], "bias": np.concatenate(biases),
                        "neighbours": neighbours, "neighbour_topics": topic_labels.reshape(len(themed), len(topics))})


def _folds(n: int, k: int = FOLDS, seed: int = 7) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [order[i::k] for i in range(k)]


def choose_thresholds(examples: list[Example], progress: Callable[[str], object] = lambda _: None
                      ) -> tuple[float, float, float]:
    """(flag, worth a look, topic) thresholds from 5-fold cross-validation on these examples."""
    risk = np.zeros(len(examples))
    positive = np.zeros(len(examples), dtype=bool)
    chance: list[dict[str, float]] = [{} for _ in examples]
    for n, held in enumerate(_folds(len(examples)), start=1):
        progress(f"cross-validation fold {n} of {FOLDS}")
        kept = sorted(set(range(len(examples))) - set(held.tolist()))
        model = fit([examples[i] for i in kept])
        texts = [examples[i].text for i in held]
        for i, scored in zip(held, model.score(texts, *hits(texts)), strict=True):
            risk[i], chance[i], positive[i] = scored.risk, scored.topics, scored.sentiment == "positive"
    known = np.array([e.safeguarding_flag is not None for e in examples])
    rules = np.array([bool(flags_for(e.text)) for e in examples])[known]
    gold = np.array([bool(e.safeguarding_flag) for e in examples])[known]
    flag = _flag_threshold(risk[known], gold)
    look = _look_threshold(risk[known], rules | (risk[known] >= flag), ~positive[known], gold)
    return flag, min(look, flag), _topic_threshold(chance, examples)


def _look_threshold(risk: np.ndarray, flagged: np.ndarray, may_look: np.ndarray, gold: np.ndarray) -> float:
    """The highest threshold at which flags and "worth a look" catch LOOK_RECALL of the disclosures (an
    answer that reads as positive is worth a look only from the flag threshold: see Themer.read)."""
    for t in np.arange(0.6, 0.01, -0.01):
        if ((flagged | ((risk >= t) & may_look)) & gold).sum() >= LOOK_RECALL * gold.sum():
            return round(float(t), 3)
    return 0.02


def _flag_threshold(risk: np.ndarray, gold: np.ndarray) -> float:
    """The lowest threshold at which the model's flags alone are right FLAG_PRECISION of the time."""
    for t in np.arange(0.3, 0.99, 0.01):
        chosen = risk >= t
        if chosen.sum() and (chosen & gold).sum() / chosen.sum() >= FLAG_PRECISION:
            return round(float(t), 3)
    return 0.99


def _topic_threshold(chance: list[dict[str, float]], examples: list[Example]) -> float:
    from voice.reading.evaluation import multi_label
    from voice.reading.reader import chosen_topics

    rows = [(c, set(e.topics)) for c, e in zip(chance, examples, strict=True) if e.topics and c]
    return max((round(float(t), 2) for t in np.arange(0.15, 0.55, 0.05)),
               key=lambda t: multi_label([g for _, g in rows], [set(chosen_topics(c, t)) for c, _ in rows])["micro_f1"])


def train(examples: list[Example], test: list[Example], *,
          progress: Callable[[str], object] = lambda _: None) -> Model:
    """Choose thresholds by cross-validation, fit on all examples, and measure on `test`."""
    from voice.reading.evaluation import headline

    thresholds = choose_thresholds(examples, progress)
    progress("fitting on all the training answers")
    model = fit(examples, thresholds=thresholds)
    progress(f"measuring on {len(test)} test answers")
    items = [Labelled(e.text, e.sentiment or "neutral", e.topics or [], bool(e.safeguarding_flag),
                      e.safeguarding_category) for e in test]
    return model.with_figures(headline(items, model))


def worse_than(new: Model, old: Model | None) -> list[str]:
    """The headline figures on the test split on which `new` is worse than `old` (beyond TOLERANCE)."""
    if old is None or "model" not in old.meta.figures:
        return []
    from voice.reading.evaluation import LOWER_IS_BETTER

    before, after = old.meta.figures["model"], new.meta.figures.get("model", {})
    return [f"{key} {after.get(key, 0.0):.3f} instead of {value:.3f}" for key, value in before.items()
            if isinstance(value, float | int) and key in after
            and (after[key] > value + TOLERANCE if key in LOWER_IS_BETTER else after[key] < value - TOLERANCE)]


def parts(examples: Iterable[Example]) -> dict[str, int]:
    return dict(Counter(e.part or "labelled" for e in examples))
