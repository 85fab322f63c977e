"""The learned recogniser of redaction: a linear-chain CRF that labels each word of an answer as part of a
person's name (N), a school or college (S), a place of work (W), or none of them (O).

It is trained with CRFsuite (python-crfsuite) by `tools/train_redaction.py` on lines made from templates
(`data/redaction_templates.txt`: names of many origins drawn from the name lists, the area's schools with
the short forms and misspellings young people type, places of work) and on written lines, and it ships
as `data/redaction.crfsuite`. Nothing is downloaded.

Its features are those of a word and of the words around it: the word, its shape, its first and last
letters, whether it is in the name lists (of many origins), the everyday-word lists, the schools, and the
words two either side ("my mate", "called", "mr", "goes to", "academy", "works at"). Each feature belongs
to one word and one position, so the weight every word brings to each label is worked out once per word
and kept; an answer's words are then labelled by the CRF's own forward-backward sums, in pure Python,
over the words that could be a name, school or place of work (the others are held to O, which splits the
chain exactly). `tests/test_redact.py` checks that the result is CRFsuite's own.

Round 9 of #28 added each word's WordLlama cluster and its neighbours' as features (`word_cluster`, centroids
built by `tools/build_redaction_clusters.py`, `data/redaction_clusters.npz`), read by a second model, the judge
(`data/redaction_judge.crfsuite`, `tools/train_redaction.py --judge`). Used as the labeller they moved no
development set (docs/benchmarks.md, round 9), so the labeller's features are as before; the judge has the last
word on a capitalised word no list has, which the rules otherwise take as a name.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import numpy as np

MODEL_FILE = Path(__file__).parent.parent / "data" / "redaction.crfsuite"
JUDGE_FILE = Path(__file__).parent.parent / "data" / "redaction_judge.crfsuite"
CLUSTERS_FILE = Path(__file__).parent.parent / "data" / "redaction_clusters.npz"
"""Centroids of WordLlama's word vectors (k-means, by `tools/build_redaction_clusters.py`): each word, seen in
training or not, is read as the cluster its vector is nearest to, and so are the words around it."""
LABELS = ("O", "N", "S", "W")
KINDS = {"N": "name", "S": "school", "W": "workplace"}
SLOTS = ("-2", "-1", "+1", "+2")
OUTSIDE = "<s>"
"""The word before the first word of a sentence and after its last, as a neighbour."""


class Token(NamedTuple):
    """What the features need of one word: as written, in lower case, its word classes as names
    (from voice.reading.redact's word_class: "first", "surname", "english", ...), whether it starts
    a sentence."""

    written: str
    lower: str
    classes: tuple[str, ...]
    start: bool


def shape(word: str) -> str:
    """ "Xx" for "Bill", "x" for "bill", "X" for "WQE", "x'x" for "paul's", "Xx-Xx" for "Evie-Mae"."""
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


def own_features(token: Token, clusters: bool = False) -> list[str]:
    """The features of a word in its own place (with its WordLlama cluster, for the judge)."""
    lower, written = token.lower, token.written
    cap = written[:1].isupper() and not (len(written) > 1 and written.isupper())
    features = [
        "b",
        "w=" + lower,
        "sh=" + shape(written),
        "s2=" + lower[-2:],
        "s3=" + lower[-3:],
        "p3=" + lower[:3],
        "len=" + str(min(len(lower), 9)),
    ]
    features += ["c=" + c for c in token.classes]
    cluster = word_cluster(lower) if clusters else None
    if cluster is not None:
        features.append("k=" + cluster)
    if cap:
        features.append("cap.start" if token.start else "cap.mid")
    elif len(written) > 1 and written.isupper():
        features.append("allcaps")
    if token.start:
        features.append("start")
    known = set(token.classes)
    if not known & {"english", "first", "surname", "stop", "place", "service", "arabic"}:
        features.append("unknown")
    if "first" in known:
        features.append("first.english" if "english" in known else "first.only")
    if "surname" in known:
        features.append("surname.english" if "english" in known else "surname.only")
    return features


NEIGHBOUR_CLASSES = frozenset(
    [
        "first",
        "surname",
        "english",
        "place",
        "school",
        "stop",
        "service",
        "figure",
        "foreign",
        "title",
        "relation",
        "introducer",
    ]
)


def neighbour_features(token: Token | None, slot: str, clusters: bool = False) -> list[str]:
    """The features a word gives the word `slot` places away ("-1": the word after it, ...)."""
    if token is None:
        return [slot + "w=" + OUTSIDE]
    written = token.written
    features = [slot + "w=" + token.lower]
    cluster = word_cluster(token.lower) if clusters else None
    if cluster is not None:
        features.append(slot + "k=" + cluster)
    if written[:1].isupper() and not token.start:
        features.append(slot + "cap")
    features += [slot + "c=" + c for c in token.classes if c in NEIGHBOUR_CLASSES]
    return features


def pair_features(tokens: Sequence[Token | None], i: int) -> list[str]:
    """The two words before a word together ("goes|to", "my|mate", "works|at"), and the two after."""
    before = [t.lower if t else OUTSIDE for t in (_at(tokens, i - 2), _at(tokens, i - 1))]
    after = [t.lower if t else OUTSIDE for t in (_at(tokens, i + 1), _at(tokens, i + 2))]
    return ["b-=" + "|".join(before), "b+=" + "|".join(after)]


def _at(tokens: Sequence[Token | None], i: int) -> Token | None:
    return tokens[i] if 0 <= i < len(tokens) else None


def sentence_features(tokens: Sequence[Token], clusters: bool = False) -> list[list[str]]:
    """Every feature of every word of one sentence (for training, and to check the fast path)."""
    found = []
    for i, token in enumerate(tokens):
        features = own_features(token, clusters)
        for slot in SLOTS:
            features += neighbour_features(_at(tokens, i + int(slot)), slot, clusters)
        features += pair_features(tokens, i)
        found.append(features)
    return found


class Sentence(NamedTuple):
    """One sentence as lists: its words as written, in lower case, and their classes as names."""

    written: Sequence[str]
    lowers: Sequence[str]
    classes: Sequence[tuple[str, ...]]

    def token(self, i: int) -> Token:
        return Token(self.written[i], self.lowers[i], self.classes[i], i == 0)


class Labelled(NamedTuple):
    start: int
    """Index of the first word."""
    end: int
    """Index after the last word."""
    kind: str
    confidence: float
    """The CRF's probability that these words are not O (the lowest of them)."""


Vector = tuple[float, float, float, float]
"""One number for each of the four labels, in the order of LABELS."""


class Model:
    """The trained CRF's weights, read once, and the labelling of sentences by forward-backward (written
    out for the four labels: this runs on every answer)."""

    def __init__(
        self, state: dict[tuple[str, str], float], transitions: dict[tuple[str, str], float], clusters: bool = False
    ) -> None:
        self.clusters = clusters
        index = {label: k for k, label in enumerate(LABELS)}
        weights: dict[str, list[float]] = {}
        for (attribute, label), weight in state.items():
            if label in index:
                weights.setdefault(attribute, [0.0] * 4)[index[label]] += weight
        self.weights = {a: (w[0], w[1], w[2], w[3]) for a, w in weights.items()}
        self.exp_weights = {a: _exp(w) for a, w in self.weights.items()}
        t = [[math.exp(transitions.get((a, b), 0.0)) for b in LABELS] for a in LABELS]
        self.trans = t
        self._own: dict[tuple[str, bool], Vector] = {}
        self._near: dict[tuple[int, str, bool], Vector] = {}

    def _product(self, features: list[str]) -> Vector:
        """exp(the summed weights of these features) for each label."""
        a = b = c = d = 0.0
        for feature in features:
            w = self.weights.get(feature)
            if w is not None:
                a, b, c, d = a + w[0], b + w[1], c + w[2], d + w[3]
        return _exp((a, b, c, d))

    def own(self, token: Token) -> Vector:
        key = (token.written, token.start)
        found = self._own.get(key)
        if found is None:
            if len(self._own) > MAX_CACHED:
                self._own.clear()
            found = self._own[key] = self._product(own_features(token, self.clusters))
        return found

    def near(self, token: Token | None, slot: int) -> Vector:
        key = (slot, token.written, token.start) if token is not None else (slot, OUTSIDE, False)
        found = self._near.get(key)
        if found is None:
            if len(self._near) > MAX_CACHED:
                self._near.clear()
            found = self._near[key] = self._product(neighbour_features(token, SLOT_NAMES[slot], self.clusters))
        return found

    def emission(self, tokens: Sequence[Token], i: int) -> Vector:
        """exp(the weight of every feature of word i) for each label, from what each word brings."""
        return self.emission_of(
            Sentence([t.written for t in tokens], [t.lower for t in tokens], [t.classes for t in tokens]), i
        )

    def emission_of(self, sentence: Sentence, i: int) -> Vector:
        """The same for a word of a sentence given as lists, each word's vectors read from what is kept
        (a Token is made only for a word met for the first time)."""
        written, lowers, n = sentence.written, sentence.lowers, len(sentence.written)
        found = self._own.get((written[i], i == 0))
        if found is None:
            found = self.own(sentence.token(i))
        e0, e1, e2, e3 = found
        near = self._near
        for slot in (-2, -1, 1, 2):
            j = i + slot
            if 0 <= j < n:
                v = near.get((slot, written[j], j == 0))
                if v is None:
                    v = self.near(sentence.token(j), slot)
            else:
                v = near.get((slot, OUTSIDE, False)) or self.near(None, slot)
            e0, e1, e2, e3 = e0 * v[0], e1 * v[1], e2 * v[2], e3 * v[3]
        exp_weights = self.exp_weights
        w = exp_weights.get("b-=" + (lowers[i - 2] if i > 1 else OUTSIDE) + "|" + (lowers[i - 1] if i else OUTSIDE))
        if w is not None:
            e0, e1, e2, e3 = e0 * w[0], e1 * w[1], e2 * w[2], e3 * w[3]
        w = exp_weights.get(
            "b+=" + (lowers[i + 1] if i + 1 < n else OUTSIDE) + "|" + (lowers[i + 2] if i + 2 < n else OUTSIDE)
        )
        if w is not None:
            e0, e1, e2, e3 = e0 * w[0], e1 * w[1], e2 * w[2], e3 * w[3]
        return e0, e1, e2, e3

    def marginals(self, emissions: Sequence[Vector], after_o: bool, before_o: bool) -> list[Vector]:
        """Each word's probability of each label, by forward-backward over a run of words; `after_o`
        and `before_o`: the run has a word held to O just before it, or just after it."""
        t = self.trans
        t00, t01, t02, t03 = t[0]
        t10, t11, t12, t13 = t[1]
        t20, t21, t22, t23 = t[2]
        t30, t31, t32, t33 = t[3]
        alphas: list[Vector] = []
        p0, p1, p2, p3 = (1.0, 0.0, 0.0, 0.0) if after_o else (0.0, 0.0, 0.0, 0.0)
        first = not after_o
        for e0, e1, e2, e3 in emissions:
            if first:
                a0, a1, a2, a3 = e0, e1, e2, e3
                first = False
            else:
                a0 = e0 * (p0 * t00 + p1 * t10 + p2 * t20 + p3 * t30)
                a1 = e1 * (p0 * t01 + p1 * t11 + p2 * t21 + p3 * t31)
                a2 = e2 * (p0 * t02 + p1 * t12 + p2 * t22 + p3 * t32)
                a3 = e3 * (p0 * t03 + p1 * t13 + p2 * t23 + p3 * t33)
            total = (a0 + a1 + a2 + a3) or 1.0
            p0, p1, p2, p3 = a0 / total, a1 / total, a2 / total, a3 / total
            alphas.append((p0, p1, p2, p3))
        b0, b1, b2, b3 = (t00, t10, t20, t30) if before_o else (1.0, 1.0, 1.0, 1.0)
        found: list[Vector] = [(1.0, 0.0, 0.0, 0.0)] * len(emissions)
        for j in range(len(emissions) - 1, -1, -1):
            a0, a1, a2, a3 = alphas[j]
            m0, m1, m2, m3 = a0 * b0, a1 * b1, a2 * b2, a3 * b3
            total = (m0 + m1 + m2 + m3) or 1.0
            found[j] = (m0 / total, m1 / total, m2 / total, m3 / total)
            if j:
                e0, e1, e2, e3 = emissions[j]
                x0, x1, x2, x3 = e0 * b0, e1 * b1, e2 * b2, e3 * b3
                b0 = t00 * x0 + t01 * x1 + t02 * x2 + t03 * x3
                b1 = t10 * x0 + t11 * x1 + t12 * x2 + t13 * x3
                b2 = t20 * x0 + t21 * x1 + t22 * x2 + t23 * x3
                b3 = t30 * x0 + t31 * x1 + t32 * x2 + t33 * x3
                total = (b0 + b1 + b2 + b3) or 1.0
                b0, b1, b2, b3 = b0 / total, b1 / total, b2 / total, b3 / total
        return found

    def label(
        self, sentence: Sentence, first: int, last: int, name_thresholds: Sequence[float], threshold: float
    ) -> list[Labelled]:
        """The names, schools and places of work among words first..last of a sentence (the words either
        side held to O): words whose probability of O is below `threshold` (for a name, the word's own of
        `name_thresholds`, counted from `first`)."""
        found: list[Labelled] = []
        emissions = [self.emission_of(sentence, k) for k in range(first, last + 1)]
        run: Labelled | None = None
        for k, p in enumerate(self.marginals(emissions, first > 0, last + 1 < len(sentence.written)), start=first):
            best = 1 if p[1] >= p[2] and p[1] >= p[3] else 2 if p[2] >= p[3] else 3
            if p[0] >= (name_thresholds[k - first] if best == 1 else threshold):
                run = None
                continue
            kind = KINDS[LABELS[best]]
            if run is not None and run.kind == kind and run.end == k:
                run = found[-1] = Labelled(run.start, k + 1, kind, min(run.confidence, 1 - p[0]))
            else:
                run = Labelled(k, k + 1, kind, 1 - p[0])
                found.append(run)
        return found

    def label_sentence(
        self, sentence: Sentence, opened: Sequence[bool | int], name_thresholds: Sequence[float], threshold: float
    ) -> list[Labelled]:
        """label() for every run of opened words of a sentence."""
        found: list[Labelled] = []
        i, n = 0, len(sentence.written)
        while i < n:
            if not opened[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and opened[j + 1]:
                j += 1
            found += self.label(sentence, i, j, name_thresholds[i : j + 1], threshold)
            i = j + 1
        return found


SLOT_NAMES = {-2: "-2", -1: "-1", 1: "+1", 2: "+2"}


def _exp(w: Vector) -> Vector:
    return (math.exp(min(w[0], 60.0)), math.exp(min(w[1], 60.0)), math.exp(min(w[2], 60.0)), math.exp(min(w[3], 60.0)))


MAX_CACHED = 100_000


def word_vector(word: str) -> np.ndarray:
    """WordLlama's vector of one word, as the reader embeds any text (the average of its tokens' rows, at unit
    length)."""
    from voice.reading import reader

    whole, _ = reader.embed([word])
    vector: np.ndarray = whole[0]
    return vector


@cache
def centroids() -> np.ndarray | None:
    """The shipped clusters' centroids (None if they have not been built, or WordLlama cannot be loaded)."""
    if not CLUSTERS_FILE.exists():
        return None
    import numpy as np

    try:
        from voice.reading import reader

        reader.embedder()
    except Exception:  # noqa: BLE001 - without WordLlama the CRF reads words without their clusters
        return None
    with np.load(CLUSTERS_FILE) as data:
        return np.asarray(data["centroids"], dtype=np.float32)


@lru_cache(maxsize=200_000)
def word_cluster(lower: str) -> str | None:
    """The cluster of a word in lower case (as a feature value), or None without clusters."""
    found = centroids()
    if found is None or not lower:
        return None
    return str(int((found @ word_vector(lower)).argmax()))


@cache
def model() -> Model | None:
    """The shipped model (None if it has not been built: redaction then runs on its rules alone)."""
    return _load(MODEL_FILE, clusters=False)


@cache
def judge() -> Model | None:
    """The judge: a second CRF over the same features and each word's WordLlama cluster and its neighbours',
    trained with a quarter of the words' identity left out, so that it leans on what carries over to words it
    has never seen. Redaction asks it only about a capitalised word no list has (None if it has not been built
    or WordLlama cannot be loaded: those words are then names by rule, as before)."""
    if centroids() is None:
        return None
    return _load(JUDGE_FILE, clusters=True)


def _load(path: Path, clusters: bool) -> Model | None:
    if not path.exists():
        return None
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    try:
        info = tagger.info()
        return Model(dict(info.state_features), dict(info.transitions), clusters)
    finally:
        tagger.close()
