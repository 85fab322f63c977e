"""Training the reader (`voice train`): from the project's labelled answers, young people's words in
the seeds, and what people decided (facilitators' theme corrections, safeguarding leads' closing
decisions). Uses scikit-learn's logistic regression; what it writes is read with numpy alone
(`voice.reading.reader`).

Thresholds are chosen on the training part only, by 5-fold cross-validation scored exactly as the
service scores (whole answer and each sentence), for the load a safeguarding lead can live with in a
real survey, not for recall on a labelled set where a third of the answers are disclosures: the flag
threshold puts at most FLAG_SHOWN of the answers that are not disclosures in her flags, the "worth a
look" threshold at most SHOWN of them in either list. Those answers are weighed as a real survey's are
made up (EVERYDAY_SHARE of them everyday answers, the rest the hard kind: knife crime talked about,
past harm thanked as over). The test part of the split is only ever measured, never trained on.

Young people's identity, faith, culture, language, care status, pastimes and family must not move what
the reader makes of an answer: the model reads each term of `training/blind_terms.json` as one word
of its kind, in training and in use (`reader.Blinder`), so the same sentence with another faith or place
of worship is the same sentence to it; those words also get no weight of their own in the safeguarding
heads.
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
from voice.common.text import normalise, respell
from voice.reading.evaluation import Labelled
from voice.reading.reader import (
    EMBEDDING_SCALE,
    FORMAT,
    Blinder,
    Meta,
    Model,
    dense_features,
    embed,
    listed_terms,
    words,
)
from voice.reading.safeguarding import CATEGORY_OF_LABEL, RULE_CATEGORIES, SELF_MARK, read_rules
from voice.reading.themes import SENTIMENTS, AnswerReader, default_taxonomy, keyword_topics

TRAINING = resource_dir("training")
"""The project's labelled answers (`training/`, also inside the wheel)."""
FLAG_SHOWN = 0.02
"""At most this share of answers that are not disclosures may be flags (as a real survey is made up): where
2% of answers are disclosures, about one flag that is not one for each real disclosure flagged. (At 1%, the
model could flag almost nothing the rules had not: its threshold went to 0.96 and flags caught 0.64 of the
test split's disclosures; at 2%, 0.69, with everyday answers flagged no more often.)"""
SHOWN = 0.07
"""...and at most this share in either of the lead's lists."""
EVERYDAY_FLAGGED = 0.01
EVERYDAY_SHOWN = 0.03
"""...and of the everyday answers alone, at most these shares (the issue's bars are 1% and 3%: answers the
model never saw are read a little worse than those of cross-validation)."""
EVERYDAY_SHARE = 0.8
"""The share of a real survey's answers that are not disclosures that are everyday answers (parts
"everyday", "everyday2", "seeds"); the rest are the hard kind (parts "hard" and "safeguarding")."""
EVERYDAY_PARTS = frozenset(("everyday", "everyday2", "seeds", "corrections"))
NOT_NEIGHBOURS = frozenset(("everyday2", "disclosures2"))
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
    for extra in ("seeds.jsonl", "everyday.jsonl", "disclosures.jsonl", "short.jsonl"):  # not long.jsonl (README)
        if (root / extra).exists():
            train += read_examples(root / extra)
    test = [answers[i] for i in split["test"]]
    # A line also in the test part, or among the behavioural tests, is not trained on (a test that was
    # trained on proves nothing; short answers such as "idk" are written the same way by everyone).
    tested = {normalise(e.text) for e in test} | behaviour_texts()
    train = [e for e in train if normalise(e.text) not in tested]
    return train, test


def behaviour_texts() -> set[str]:
    """The answers of every behavioural suite (tests/data/behaviour, behaviour2 ...; normalised), where a
    checkout has them."""
    from voice.reading.behaviour import SUITE, all_texts

    return {
        normalise(t) for folder in sorted(SUITE.parent.glob("behaviour*")) if folder.is_dir() for t in all_texts(folder)
    }


def terms(root: Path = TRAINING) -> dict[str, list[str]]:
    """The kinds of term that must not move the reader, and their terms (`blind_terms.json`)."""
    return listed_terms(root)


def protected_words(root: Path = TRAINING) -> frozenset[str]:
    """Words (and two-word terms) the safeguarding heads give no weight: blind_terms.json's terms."""
    return frozenset(t for ts in terms(root).values() for t in ts if len(t.split()) <= 2)


def labelled_items(part: str, root: Path = TRAINING) -> list[Labelled]:
    """The labelled answers of one part of the fixed split ("train" or "test"), for `voice eval --split`."""
    train, test = labelled(root)
    return [
        Labelled(e.text, e.sentiment or "neutral", e.topics or [], bool(e.safeguarding_flag), e.safeguarding_category)
        for e in (test if part == "test" else train)
    ]


def from_people(db: Database) -> list[Example]:
    """Facilitators' latest theme corrections and safeguarding leads' closing decisions, as examples."""
    from voice.store.corrections import LATEST_CORRECTIONS

    found = []
    for text, sentiment, topics in db.execute(
        f"SELECT a.text, c.sentiment, c.topics FROM ({LATEST_CORRECTIONS}) c "  # noqa: S608 - fixed SQL
        "JOIN answers a ON a.id = c.answer_id WHERE a.text IS NOT NULL"
    ).fetchall():
        found.append(Example(text, sentiment, msgspec.json.decode(topics), part="corrections"))
    for text, decision, category in db.execute(
        "SELECT a.text, f.decision, f.category FROM flags f JOIN answers a ON a.response_id = f.response_id "
        "AND a.question_id = replace(f.answer_key, '.other', '') "
        "WHERE f.status = 'closed' AND f.decision IS NOT NULL AND f.tier != 'person' AND a.text IS NOT NULL"
    ).fetchall():
        concern = decision == "concern"
        found.append(
            Example(
                text,
                safeguarding_flag=concern,
                safeguarding_category=category if concern else None,
                part="flag decisions",
            )
        )
    return found


# --- features ------------------------------------------------------------------------------------
def rule_categories() -> list[str]:
    """What the model reads of the rules: each category matched or mentioned, and near "i", "me" or "my"."""
    return [*RULE_CATEGORIES, *(c + SELF_MARK for c in RULE_CATEGORIES), "over"]


def hits(texts: list[str]) -> tuple[list[set[str]], list[set[str]]]:
    """For each text: what the rules found (see rule_categories), and the taxonomy topics its words name."""
    return ([set(read_rules(t).features) for t in texts], [set(keyword_topics(t)) for t in texts])


def _matrix(texts: list[str], meta: Meta) -> np.ndarray:
    """Every feature the model reads, words included, as one dense matrix (a row a text): the rules read
    the text as typed, the embedding and the words with the blinded terms in their place (as in use)."""
    vocabulary = {w: i for i, w in enumerate(meta.vocabulary)}
    rules, topics = hits(texts)
    blind = Blinder(meta.blind_terms)
    texts = [blind(respell(t)) for t in texts]
    dense = dense_features(meta, embed(texts)[0], rules, topics)
    bow = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)
    for row, text in enumerate(texts):
        for w in words(text):
            if (i := vocabulary.get(w)) is not None:
                bow[row, i] = 1.0
    return np.hstack([dense, bow])


def _category(label: str | None) -> str | None:
    return CATEGORY_OF_LABEL.get(label, label) if label else None


def _meta(examples: list[Example], thresholds: tuple[float, float, float]) -> Meta:
    """What the model's arrays will mean: its vocabulary, categories, topics, neighbours and thresholds."""
    texts = [e.text for e in examples]
    blinder = Blinder(terms())
    counts = Counter(w for t in texts for w in set(words(blinder(respell(t)))))
    vocabulary = sorted(w for w, n in counts.items() if n >= MIN_WORD_ANSWERS)
    taxonomy = [t.id for t in default_taxonomy().topics]
    categories = sorted({c for e in examples if e.safeguarding_flag and (c := _category(e.safeguarding_category))})
    topics = [t for t in taxonomy if any(e.topics and t in e.topics for e in examples)]
    known = _neighbours(examples)
    meta = Meta(
        FORMAT,
        dt.datetime.now(dt.UTC).date().isoformat(),
        rule_categories(),
        taxonomy,
        categories,
        list(SENTIMENTS),
        topics,
        vocabulary,
        thresholds[0],
        thresholds[1],
        thresholds[2],
        KNN_WEIGHT,
        parts(examples),
        {},
        neighbour_texts=[examples[i].text for i in known],
        neighbour_kinds=[
            (_category(examples[i].safeguarding_category) or "disclosure") if examples[i].safeguarding_flag else ""
            for i in known
        ],
    )
    return msgspec.structs.replace(meta, harm_words=harm_words(examples, vocabulary), blind_terms=terms())


def _neighbours(examples: list[Example]) -> list[int]:
    """The labelled answers a new one is compared with (topics, and "most like" in a flag's reasons): the
    project's labelled answers, the seeds and people's corrections, not the extra everyday answers (more
    would cost every answer read for little)."""
    return [i for i, e in enumerate(examples) if e.topics and e.part not in NOT_NEIGHBOURS]


def _head(
    features: np.ndarray,
    weights: np.ndarray,
    rows: list[int],
    labels: list[Any],
    classes: list[Any],
    *,
    balanced: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """One head's weights and biases: a column for a yes/no head (classes [False, True]), else one per class."""
    from sklearn.linear_model import LogisticRegression

    binary = classes == [False, True]
    width = 1 if binary else len(classes)
    coef = np.zeros((features.shape[1], width), dtype=np.float32)
    bias = np.full(width, -10.0, dtype=np.float32)
    present = set(labels)
    if len(present) < 2:  # nothing to tell apart: always the one answer seen (or "no")
        if binary:
            bias[0] = 5.0 if present == {True} else -5.0
        else:
            bias[classes.index(next(iter(present)))] = 5.0 if present else bias[0]
        return coef, bias
    model = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced" if balanced else None)
    model.fit(features[rows], labels, sample_weight=weights[rows])
    if binary:
        coef[:, 0], bias[0] = model.coef_[0], model.intercept_[0]
    elif len(model.classes_) == 2:  # two classes of a many-class head: split the one direction
        for sign, label in ((-0.5, model.classes_[0]), (0.5, model.classes_[1])):
            coef[:, classes.index(label)] = sign * model.coef_[0]
            bias[classes.index(label)] = sign * model.intercept_[0]
    else:
        for j, label in enumerate(model.classes_):
            coef[:, classes.index(label)], bias[classes.index(label)] = model.coef_[j], model.intercept_[j]
    return coef, bias


def fit(examples: list[Example], *, thresholds: tuple[float, float, float] = (0.8, 0.2, 0.3)) -> Model:
    """A model from these examples (thresholds as given: see `train` for how they are chosen)."""
    meta = _meta(examples, thresholds)
    x = _matrix([e.text for e in examples], meta)
    dense_width = len(meta.rule_categories) + len(meta.taxonomy_topics) + 256
    # The safeguarding heads see no identity, faith, place or pastime word of their own (their columns blank).
    protected = protected_words()
    blind = x.copy()
    blind[:, [dense_width + i for i, w in enumerate(meta.vocabulary) if w in protected]] = 0.0
    weights = np.array([PART_WEIGHT.get(e.part, 1.0) for e in examples])
    flagged = [i for i, e in enumerate(examples) if e.safeguarding_flag is not None]
    kinds = [i for i, e in enumerate(examples) if e.safeguarding_flag and _category(e.safeguarding_category)]
    felt = [i for i, e in enumerate(examples) if e.sentiment in SENTIMENTS]
    themed = [i for i, e in enumerate(examples) if e.topics]
    heads = [
        _head(blind, weights, flagged, [bool(examples[i].safeguarding_flag) for i in flagged], [False, True]),
        _head(
            blind,
            weights,
            kinds,
            [_category(examples[i].safeguarding_category) for i in kinds],
            meta.flag_categories or ["feeling_unsafe"],
        ),
        _head(x, weights, felt, [examples[i].sentiment for i in felt], list(SENTIMENTS)),
        *(
            _head(x, weights, themed, [t in (examples[i].topics or ()) for i in themed], [False, True], balanced=False)
            for t in meta.topics
        ),
    ]
    stacked = np.hstack([coef for coef, _ in heads])
    known = _neighbours(examples)
    neighbours = x[known, :256] / EMBEDDING_SCALE if known else np.zeros((0, 256))
    topic_labels = np.array([[t in (examples[i].topics or ()) for t in meta.topics] for i in known], dtype=np.float32)
    return Model(
        meta,
        {
            "dense": stacked[:dense_width],
            "bow": stacked[dense_width:],
            "bias": np.concatenate([bias for _, bias in heads]),
            "neighbours": neighbours,
            "neighbour_topics": topic_labels.reshape(len(known), len(meta.topics)),
        },
    )


HARM_RATIO = 4.0
"""A word is a harm word when it is in at least this many times more of the disclosures than of the rest..."""
HARM_SUPPORT = 4
"""...and in at least this many disclosures."""


def harm_words(examples: list[Example], vocabulary: list[str]) -> dict[str, float]:
    """Words far more common in disclosures than in other answers (see Meta.harm_words): none of the
    function words ("me", "and"), nor of the identity, faith, place and pastime words."""
    from voice.reading.names import FUNCTION_WORDS

    known = set(vocabulary)
    flagged = [e for e in examples if e.safeguarding_flag is not None]
    yes = Counter(w for e in flagged if e.safeguarding_flag for w in set(words(respell(e.text))) if w in known)
    no = Counter(w for e in flagged if not e.safeguarding_flag for w in set(words(respell(e.text))) if w in known)
    n_yes, n_no = (
        max(1, sum(bool(e.safeguarding_flag) for e in flagged)),
        max(1, sum(not e.safeguarding_flag for e in flagged)),
    )
    protected = protected_words()
    found = {}
    for word, count in yes.items():
        if count < HARM_SUPPORT or word in protected or FUNCTION_WORDS.issuperset(word.lstrip("~").split()):
            continue
        ratio = (count / n_yes) / ((no[word] + 0.5) / n_no)
        if ratio >= HARM_RATIO:
            found[word] = round(float(np.log(ratio)), 3)
    return found


def _folds(n: int, k: int = FOLDS, seed: int = 7) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [order[i::k] for i in range(k)]


def choose_thresholds(
    examples: list[Example], progress: Callable[[str], object] = lambda _: None
) -> tuple[float, float, float]:
    """(flag, worth a look, topic) thresholds from 5-fold cross-validation on these examples."""
    risk = np.zeros(len(examples))
    tiers: list[str] = ["none"] * len(examples)
    chance: list[dict[str, float]] = [{} for _ in examples]
    for n, part in enumerate(_folds(len(examples)), start=1):
        progress(f"cross-validation fold {n} of {FOLDS}")
        held = sorted(part.tolist())
        kept = [examples[i] for i in sorted(set(range(len(examples))) - set(held))]
        model = fit(kept)
        answer_reader = AnswerReader(model=model, flag_threshold=0.999, look_threshold=0.001)
        texts = [examples[i].text for i in held]
        for i, scored, (_, flags) in zip(
            held, model.score(texts, *hits(texts)), answer_reader.read([(t, t) for t in texts]), strict=True
        ):
            risk[i], chance[i] = scored.risk, scored.topics
            tiers[i] = (
                "rule"
                if any(f.tier == "flag" and f.score is None for f in flags)
                else "may look"
                if any(f.tier == "look" for f in flags)
                else "none"
            )
    own = np.array([e.safeguarding_flag is not None for e in examples])
    gold = np.array([bool(e.safeguarding_flag) for e in examples])[own]
    rule = np.array([t == "rule" for t in tiers])[own]
    may_look = np.array([t != "none" for t in tiers])[own]
    everyday = np.array([e.part in EVERYDAY_PARTS for e in examples])[own]
    weight = np.where(
        everyday,
        EVERYDAY_SHARE / max(1, (everyday & ~gold).sum()),
        (1 - EVERYDAY_SHARE) / max(1, (~everyday & ~gold).sum()),
    )
    alone = np.where(everyday, 1.0 / max(1, (everyday & ~gold).sum()), 0.0)  # the everyday answers alone
    flag = max(
        _lowest(lambda t: rule | (risk[own] >= t), gold, weight, FLAG_SHOWN),
        _lowest(lambda t: rule | (risk[own] >= t), gold, alone, EVERYDAY_FLAGGED),
    )
    look = max(
        _lowest(lambda t: rule | (risk[own] >= flag) | ((risk[own] >= t) & may_look), gold, weight, SHOWN),
        _lowest(lambda t: rule | (risk[own] >= flag) | ((risk[own] >= t) & may_look), gold, alone, EVERYDAY_SHOWN),
    )
    return flag, min(look, flag), _topic_threshold(chance, examples)


def _lowest(shown: Callable[[float], np.ndarray], gold: np.ndarray, weight: np.ndarray, most: float) -> float:
    """The lowest threshold at which the answers that are not disclosures shown (weighed as a real
    survey is made up) are at most `most` of them."""
    for t in np.arange(0.05, 0.99, 0.005):
        if float((shown(float(t)) & ~gold) @ weight) <= most:
            return round(float(t), 3)
    return 0.99


def _topic_threshold(chance: list[dict[str, float]], examples: list[Example]) -> float:
    from voice.reading.evaluation import multi_label
    from voice.reading.reader import chosen_topics

    rows = [(c, set(e.topics)) for c, e in zip(chance, examples, strict=True) if e.topics and c]
    return max(
        (round(float(t), 2) for t in np.arange(0.15, 0.55, 0.05)),
        key=lambda t: multi_label([g for _, g in rows], [set(chosen_topics(c, t)) for c, _ in rows])["micro_f1"],
    )


def train(examples: list[Example], test: list[Example], *, progress: Callable[[str], object] = lambda _: None) -> Model:
    """Choose thresholds by cross-validation, fit on all examples, and measure on `test`."""
    from voice.reading.evaluation import headline

    thresholds = choose_thresholds(examples, progress)
    progress("fitting on all the training answers")
    model = fit(examples, thresholds=thresholds)
    progress(f"measuring on {len(test)} test answers")
    items = [
        Labelled(e.text, e.sentiment or "neutral", e.topics or [], bool(e.safeguarding_flag), e.safeguarding_category)
        for e in test
    ]
    figures = headline(items, model)
    from voice.reading import behaviour

    if behaviour.SUITE.is_dir():  # measured only, never trained or tuned on (a checkout's tests/data/behaviour)
        progress("running the behavioural tests")
        figures["behaviour"] = behaviour.summary(behaviour.run(AnswerReader(model=model)))
    return model.with_figures(figures)


def worse_than(new: Model, old: Model | None) -> list[str]:
    """The headline figures on the test split on which `new` is worse than `old` (beyond TOLERANCE)."""
    if old is None or "model" not in old.meta.figures:
        return []
    from voice.reading.evaluation import LOWER_IS_BETTER

    before, after = old.meta.figures["model"], new.meta.figures.get("model", {})
    return [
        f"{key} {after.get(key, 0.0):.3f} instead of {value:.3f}"
        for key, value in before.items()
        if isinstance(value, float | int)
        and key in after
        and (after[key] > value + TOLERANCE if key in LOWER_IS_BETTER else after[key] < value - TOLERANCE)
    ]


def parts(examples: Iterable[Example]) -> dict[str, int]:
    return dict(Counter(e.part or "labelled" for e in examples))
