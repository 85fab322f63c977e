"""The learned reader: what a model trained on labelled answers (`voice train`) reads in free text.

Each answer becomes one vector: its sentence embedding (WordLlama, whose weights and tokenizer ship in
its wheel), the words and word pairs it uses, the safeguarding rules it matches and the taxonomy's
topics it mentions. Linear heads on that vector give the chance the answer is a disclosure (and of
which kind), its feeling, and each topic's chance, blended for topics with the labelled answers most
like it. A disclosure is often one sentence in a long story, so each sentence is scored on its own as
well as the whole. Inference is numpy only; training (scikit-learn) lives in `voice.reading.training`.

The model file is numpy's own `.npz` (read with allow_pickle=False: it can hold no code) with the
vocabulary and figures as JSON inside. Nothing here touches the network: WordLlama is loaded from its
installed package folder with downloads disabled.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import numpy as np

from voice.common.settings import resource_dir
from voice.common.text import normalise, respell
from voice.reading.evidence import Evidence
from voice.reading.names import FUNCTION_WORDS

if TYPE_CHECKING:
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

SHIPPED_MODEL = Path(__file__).parent.parent / "data" / "reader.npz"
FORMAT = 1
EMBEDDING_SCALE = 3.0
"""Unit-length embeddings weigh little beside 0/1 word features under one regularisation: scaled up."""
FILLER = FUNCTION_WORDS | frozenset(
    [
        *("a", "us", "one", "im", "ive", "id", "ill", "theres", "thats", "its", "now", "though", "whole", "another"),
        *("every", "whatever", "something", "anything", "everything", "nothing", "else", "really", "just", "like"),
        *("also", "even", "still", "much", "many", "lot", "lots", "thing", "things", "stuff", "get", "got", "way"),
        *("u", "ur"),
    ]
)
"""Words that say nothing on their own about what an answer is about: never shown as the reason for a topic (a new
user saw "Staying safe online, because of the words: 'on', 'me', 'good'")."""


def filler(word: str) -> bool:
    """Whether a word, or each word of a pair ("from the"), is filler; "~they" (said after "not") too."""
    return all(part.lstrip("~") in FILLER for part in word.split())


EVIDENCE_WEIGHT = 0.2
"""A word is shown as evidence for a topic when its weight for the topic is at least this."""
KNN = 15
WHY_WORDS = 4
WHY_LIKE = 2
"""Labelled answers most like a new one whose topics are blended with the model's."""
SENTENCE = re.compile(r"([.!?])\s+|[ \t]*\n\s*")
"""Sentences end at a full stop, question or exclamation mark, or a line break. Splitting further (at
"but", "because") made fragments that read as disclosures out of context ("don't pressure anyone")."""
MIN_SENTENCE_WORDS = 3
SENTENCE_WEIGHT = 0.5
"""An answer's risk is the whole answer's chance and its most worrying sentence's, weighed by this (a
weighted geometric mean): a sentence can raise an answer's score, and the rest of it temper it."""
TOKEN = re.compile(r"[^\W_]+")
LETTER = re.compile(r"[^\W\d_]")
NOT_WORDS = re.compile(r"<[^>]*>|\b(?:https?://|www\.)\S+")
MIN_LETTERS = 8
KNOWN_SHARE = 0.4
"""An answer with fewer of its words known to the model than this is checked for another language."""
ENGLISH_SHARE = 0.6
"""...and then reads as English if at least this share of its words are in simplemma's English list."""
POLISH_LETTERS = frozenset("ąćęłńóśźż")
POLISH_WORDS = frozenset(
    (
        "nie",
        "się",
        "sie",
        "jest",
        "że",
        "mnie",
        "mi",
        "jak",
        "ale",
        "tak",
        "mój",
        "moja",
        "moje",
        "mam",
        "są",
        "być",
        "już",
        "tylko",
        "bardzo",
        "jestem",
        "czy",
        "ze",
        "od",
        "dla",
        "ty",
        "ona",
        "oni",
        "tata",
        "mama",
        "domu",
        "szkoła",
        "szkola",
        "szkole",
        "chce",
        "chcę",
        "boję",
        "boje",
        "wiem",
        "mną",
        "nic",
        "nikt",
        "zawsze",
        "często",
        "kiedy",
        "bije",
        "mamy",
        "ich",
        "jego",
        "jej",
        "tam",
        "przez",
        "tylko",
        "jeszcze",
        "gdzie",
        "dlaczego",
    )
)
"""Common Polish words that are not also English words ("to", "i", "on" and "my" are both)."""
GUJARATI_WORDS = frozenset(
    [
        *("che", "chhe", "chu", "chhu", "mane", "tane", "tame", "ame", "nathi", "ane", "maru", "mari", "maro", "shu"),
        *("karvu", "lage", "bahu", "ghare", "kem", "tya", "ahiya", "hatu", "hati", "hata", "thayu", "javu", "saathe"),
        *("sathe", "vaat", "pachi", "badha", "amne", "tamne", "emne"),
    ]
)
"""Everyday Gujarati words as young people type them in Latin letters: is, am, me, you, we, not, and, my, what, to do,
feels, very, at home, why, there, here, was, happened, to go, with, talk, after, all, us, them; not words that are
names or Urdu too ("mara", "kai", "koi")."""
GUJARATI_SHARE = 0.3
POLISH_SHARE = 0.3
"""Polish is told by its common words and letters (a dictionary of Polish forms would cost each worker
hundreds of megabytes)."""


@cache
def embedder() -> WordLlamaInference:
    """WordLlama's 256-dimension model, from the installed package only (never a download)."""
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


@cache
def _tokenizer() -> Tokenizer:
    """WordLlama's tokenizer without padding: each answer's tokens, with where they are in the text
    (its own `embed` pads; voice embeds with `embed` below only)."""
    tokenizer: Tokenizer = embedder().tokenizer
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


@lru_cache(maxsize=200_000)
def word_ids(word: str) -> tuple[int, ...]:
    """One word's token ids, as the tokenizer gives them, remembered for the 200,000 words met most recently."""
    return tuple(_tokenizer().encode(word, add_special_tokens=False).ids)


def token_ids(texts: list[str]) -> list[list[int]]:
    """WordLlama's token ids of each text, exactly as its tokenizer gives them, mostly without running it.

    The tokenizer is Llama's byte-pair model: it writes a space as "▁" (and one before the text), and no
    token in its vocabulary has a "▁" after another letter, so no token spans two words: a text's ids
    are its words' ids, each word's as if it stood alone. Words repeat (young people's answers share
    most of theirs), so each word is tokenized once and remembered. Tokens of several "▁" do span words:
    a text with a space at either end, two spaces together or a "▁" of its own goes to the tokenizer whole."""
    tokenizer = _tokenizer()
    split = [
        t.split(" ") if t and t[0] != " " and t[-1] != " " and "  " not in t and "▁" not in t else None for t in texts
    ]
    whole = [t for t, words in zip(texts, split, strict=True) if words is None]
    rest = iter([e.ids for e in tokenizer.encode_batch_fast(whole, add_special_tokens=False)] if whole else [])
    return [
        list(itertools.chain.from_iterable(map(word_ids, words))) if words is not None else next(rest)
        for words in split
    ]


def embed(texts: list[str], spans: list[list[tuple[int, int]]] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Unit-length embeddings (float32) of each text and of each span of it (a sentence, as character
    offsets), in order: WordLlama's average of token vectors. A text with spans is tokenized in pieces
    (its sentences and what lies between them), so each token is read once: the text's vector is the
    average over all its pieces' tokens, a sentence's over its own."""
    table = embedder().embedding
    spans = spans or [[] for _ in texts]
    pieces: list[str] = []
    owner: list[int] = []  # the text each piece belongs to
    sentence: list[bool] = []  # whether the piece is one of the spans
    for i, (text, found) in enumerate(zip(texts, spans, strict=True)):
        cuts = [(s, e, True) for s, e in found]
        edges = [0, *(x for s, e in found for x in (s, e)), len(text)]
        cuts += [(a, b, False) for a, b in zip(edges[0::2], edges[1::2], strict=True) if text[a:b].strip()]
        for start, end, is_span in sorted(cuts) or [(0, 0, False)]:
            pieces.append(text[start:end] or " ")
            owner.append(i)
            sentence.append(is_span)
    id_lists = token_ids(pieces)
    counts = np.fromiter(map(len, id_lists), dtype=np.int64, count=len(id_lists))
    sums = _row_sums(id_lists, counts, table)
    owners = np.array(owner, dtype=np.int64)
    first = np.searchsorted(owners, np.arange(len(texts)))  # every text has a piece, in order
    whole = np.add.reduceat(sums, first, axis=0) if len(texts) else sums[:0]
    whole /= np.maximum(np.add.reduceat(counts, first) if len(texts) else counts[:0], 1)[:, None]
    chosen = np.array(sentence, dtype=bool)
    parts = sums[chosen] / np.maximum(counts[chosen], 1)[:, None]
    return _unit(whole), _unit(parts)


def _row_sums(index_lists: list[list[int]], sizes: np.ndarray, table: np.ndarray) -> np.ndarray:
    """For each list of row numbers, the sum of those rows of `table`. Many rows (a batch of answers):
    a sparse matrix (lists x rows of the table, ones where a list names a row) times the table, several
    times quicker than gathering the rows and adding them up; few rows (one answer): the gathering,
    as building the sparse matrix has a cost of its own."""
    total = int(sizes.sum())
    indices = np.fromiter(itertools.chain.from_iterable(index_lists), dtype=np.int32, count=total)
    if total * table.shape[1] < SPARSE_FROM:
        sums = np.zeros((len(index_lists), table.shape[1]), dtype=table.dtype)
        full = sizes > 0
        if full.any():
            sums[full] = np.add.reduceat(table[indices], (np.cumsum(sizes) - sizes)[full], axis=0)
        return sums
    from scipy.sparse import csr_matrix  # scikit-learn's own dependency

    indptr = np.zeros(len(index_lists) + 1, dtype=np.int64)
    np.cumsum(sizes, out=indptr[1:])
    picks = csr_matrix((np.ones(total, dtype=table.dtype), indices, indptr), shape=(len(index_lists), table.shape[0]))
    return np.asarray(picks @ table, dtype=table.dtype)


SPARSE_FROM = 150 * 256
"""Numbers summed (rows x width) from which _row_sums multiplies a sparse matrix: measured, about where
the two cost the same (150 rows of the embedding)."""


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))[:, None]  # np.linalg.norm's wrapper costs more than the sum
    norms[norms == 0] = 1.0
    return np.asarray(x / norms, dtype=np.float32)


NEGATORS = frozenset(
    (
        "not",
        "no",
        "never",
        "nobody",
        "noone",
        "nothing",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "havent",
        "hasnt",
        "wont",
        "cant",
        "couldnt",
        "wouldnt",
        "aint",
        "nah",
        "nor",
    )
)
NEGATED = 3
"""Words up to this many after "not", "never", "nobody" … are also read as negated ("~safe" in "i dont feel
safe"), so that "i feel safe" and "nobody hurts me" do not read like their opposites."""
NEGATION_ENDS = frozenset(("but", "because", "cos", "coz", "though", "and", "so"))


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The answer's words, pairs of neighbouring words, and negated words ("~safe"), normalised (lower
    case, no apostrophes); cached, as one answer's words serve its features and its evidence."""
    tokens = TOKEN.findall(normalise(text))
    negated = []
    left = 0
    for token in tokens:
        if token in NEGATORS:
            left = NEGATED
        elif left:
            if token in NEGATION_ENDS:
                left = 0
                continue
            negated.append("~" + token)
            left -= 1
    return (*tokens, *map(" ".join, itertools.pairwise(tokens)), *negated)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where the answer's sentences of at least three words are (none when it is one sentence)."""
    if SENTENCE.search(text.rstrip(".!? \n")) is None:  # one sentence: most answers
        return []
    spans, start = [], 0
    for m in [*SENTENCE.finditer(text), None]:
        end = (m.end(1) if m.group(1) else m.start()) if m else len(text)
        piece = text[start:end]
        if len(piece.split()) >= MIN_SENTENCE_WORDS:
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        if m:
            start = m.end()
    return spans if len(spans) > 1 else []


def sentences(text: str) -> list[str]:
    """The answer's sentences of at least three words (none when it is one sentence)."""
    return [text[s:e] for s, e in sentence_spans(text)]


BLIND_AS = {"family_member": "family", "activity": "activity", "place_of_worship": "place"}
"""The word a term of each kind is read as (any other kind: "identity")."""


APOSTROPHE = re.compile("['’]")
WORD_END_S = re.compile(r"(?<=\w)s(?=\\ |$)")
"""An "s" that ends a word of an escaped term (re.escape writes a space as "\\ ")."""


class Blinder:
    """Puts one word of its kind in place of each term of `Meta.blind_terms` ("i go to the temple" and "i go
    to the mosque" both read "i go to the place"). Cheap first: only the terms whose first word is in the
    answer are looked for (most answers name none, or one)."""

    def __init__(self, terms: dict[str, list[str]]) -> None:
        self.as_word = {t.lower(): BLIND_AS.get(kind, "identity") for kind, ts in terms.items() for t in ts}
        self.keyed: dict[str, list[str]] = {}  # by the term's longest word ("a trans boy": "trans"), as normalised
        for term in self.as_word:
            key = max(normalise(term).split() or [term], key=len)
            for form in (key, key + "s"):  # "mums", as "mum's" is normalised
                self.keyed.setdefault(form, []).append(term)

    def __call__(self, text: str) -> str:
        if not self.as_word:
            return text
        keyed = self.keyed
        found = [t for word in set(normalise(text).split()) if word in keyed for t in keyed[word]]
        if not found:
            return text
        return self._pattern(frozenset(found)).sub(lambda m: self.as_word[APOSTROPHE.sub("", m.group(1).lower())], text)

    @staticmethod
    @lru_cache(maxsize=1024)
    def _pattern(terms: frozenset[str]) -> re.Pattern[str]:
        # A word of a term ending in "s" may be typed with an apostrophe ("in a children's home"), as normalise()
        # drops it when the terms are looked for.
        alternatives = "|".join(WORD_END_S.sub("['’]?s", re.escape(t)) for t in sorted(terms, key=len, reverse=True))
        return re.compile(rf"(?<![\w'’])({alternatives})(?!\w)", re.IGNORECASE)


WHO_ONE_IS = ("care_status", "gender_identity", "sexual_orientation", "disability", "faith", "ethnicity")
"""Kinds of term the first reader blinds from the whole list in use (training/blind_terms.json), not only from the
list it was trained with: a term of who one is that it never saw is no word it learned, and reads as the others do.
Languages and nationalities ("english" and "french" are lessons too), family members and pastimes keep the trained
list: blinding the later ones moved its verdicts (docs/reader.md)."""


@cache
def listed_terms(root: Path | None = None) -> dict[str, list[str]]:
    """The kinds of term that must not move the reader, and their terms (`training/blind_terms.json`)."""
    path = (root or resource_dir("training")) / "blind_terms.json"
    if not path.exists():
        return {}
    found = msgspec.json.decode(path.read_bytes(), type=dict[str, Any])
    return {kind: list(values) for kind, values in found.items() if not kind.startswith("_")}


def blind_terms_in_use(trained: dict[str, list[str]]) -> dict[str, list[str]]:
    """The terms the first reader blinds: those it was trained with, and the whole list's terms of WHO_ONE_IS."""
    listed = listed_terms()
    return {
        kind: sorted(set(trained.get(kind, [])) | set(listed.get(kind, []) if kind in WHO_ONE_IS else []))
        for kind in trained.keys() | (listed.keys() & set(WHO_ONE_IS))
    }


class Meta(msgspec.Struct, frozen=True):
    """What the arrays mean, and how the model was made (shown in its card)."""

    format: int
    trained_on: str
    rule_categories: list[str]
    taxonomy_topics: list[str]
    flag_categories: list[str]
    sentiments: list[str]
    topics: list[str]
    vocabulary: list[str]
    flag_threshold: float
    look_threshold: float
    topic_threshold: float
    knn_weight: float
    data: dict[str, int]
    figures: dict[str, Any]
    neighbour_texts: list[str] = []
    """The labelled answers behind `neighbours` (written for the project or published), so that a flag
    can say which of them an answer is most like."""
    neighbour_kinds: list[str] = []
    """For each, the kind of disclosure it is ("" for none)."""
    blind_terms: dict[str, list[str]] = {}
    """Kinds of term the model never reads (faiths, places of worship, ethnicities, nationalities,
    languages, sexual orientations, gender identities, disabilities, care status, pastimes, family
    members): each is read as one word of its kind, the same for every term (see `Blinder`), in training
    and in use, so that no such word can change what the model makes of an answer."""
    harm_words: dict[str, float] = {}
    """Words (and pairs, and negated words) far more common in the disclosures it learned from than in the
    other answers, with how many times more (as a natural log): what a flag shows as its words, and what
    "worth a look" needs (beside a mention of a harm). A linear model's own weights are no explanation:
    with words that go together, "school" can weigh more than "hits"."""


class Scores(msgspec.Struct, frozen=True):
    """What the model read in one answer."""

    risk: float
    """The chance that the answer is a disclosure: the geometric mean of the whole answer's chance and
    that of its most worrying sentence."""
    risk_sentence: str | None
    """The sentence that scored highest, when a sentence scored higher than the whole (as shown)."""
    category: str
    sentiment: str
    sentiment_score: float
    """P(positive) minus P(negative), from -1 to 1."""
    topics: dict[str, float]
    """Each topic's chance (model and most-alike answers blended)."""
    whole: str
    """The answer that was read (as shown to staff)."""
    vector: Any = None
    """Its embedding (numpy), for the reasons of a flag."""


def dense_features(
    meta: Meta, embeddings: np.ndarray, rule_hits: list[set[str]], topic_hits: list[set[str]]
) -> np.ndarray:
    """The features besides words: the embedding (scaled), and the rule categories and taxonomy topics hit."""
    rules = np.array([[c in hits for c in meta.rule_categories] for hits in rule_hits], dtype=np.float32)
    topics = np.array([[t in hits for t in meta.taxonomy_topics] for hits in topic_hits], dtype=np.float32)
    return np.hstack(
        [embeddings * EMBEDDING_SCALE, rules.reshape(len(rule_hits), -1), topics.reshape(len(topic_hits), -1)]
    )


class Model:
    """A trained reader: weights, vocabulary and thresholds."""

    def __init__(self, meta: Meta, arrays: dict[str, np.ndarray]) -> None:
        self.meta = meta
        self.dense = arrays["dense"].astype(np.float32)
        self.bow = arrays["bow"].astype(np.float32)
        self.bias = arrays["bias"].astype(np.float32)
        self.neighbours = arrays["neighbours"].astype(np.float32)
        self.neighbour_topics = arrays["neighbour_topics"].astype(np.float32)
        self.index = {w: i for i, w in enumerate(meta.vocabulary)}
        self.word_indices = lru_cache(maxsize=4096)(self._word_indices)
        """The vocabulary's words in a text (cached: a text's words serve its features and its evidence)."""
        k, s, t = len(meta.flag_categories), len(meta.sentiments), len(meta.topics)
        self.slices = {
            "flag": slice(0, 1),
            "category": slice(1, 1 + k),
            "sentiment": slice(1 + k, 1 + k + s),
            "topics": slice(1 + k + s, 1 + k + s + t),
        }
        self.version = f"reader-{meta.format}:{meta.trained_on}:{sum(meta.data.values())}"
        self.blind = Blinder(blind_terms_in_use(meta.blind_terms))

    # --- files -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> Model:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        meta = msgspec.json.decode(arrays.pop("meta").tobytes(), type=Meta)
        if meta.format != FORMAT:
            raise ValueError(f"{path}: model format {meta.format}, this voice reads format {FORMAT}")
        return cls(meta, arrays)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = np.frombuffer(msgspec.json.encode(self.meta), dtype=np.uint8)
        tmp = path.with_suffix(".tmp.npz")
        np.savez_compressed(
            tmp,
            meta=meta,
            dense=self.dense.astype(np.float16),
            bow=self.bow.astype(np.float16),
            bias=self.bias,
            neighbours=self.neighbours.astype(np.float16),
            neighbour_topics=self.neighbour_topics.astype(np.uint8),
        )
        tmp.replace(path)

    def with_figures(self, figures: dict[str, Any]) -> Model:
        """The same model, its card carrying these figures."""
        return Model(
            msgspec.structs.replace(self.meta, figures=figures),
            {
                "dense": self.dense,
                "bow": self.bow,
                "bias": self.bias,
                "neighbours": self.neighbours,
                "neighbour_topics": self.neighbour_topics,
            },
        )

    # --- features ------------------------------------------------------------------------------
    def _word_indices(self, text: str) -> list[int]:
        index = self.index
        return sorted(map(index.__getitem__, index.keys() & words(text)))

    def logits(self, dense: np.ndarray, texts: list[str]) -> np.ndarray:
        out = dense @ self.dense + self.bias
        found = [self.word_indices(text) for text in texts]
        sizes = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        return np.asarray(out + _row_sums(found, sizes, self.bow))  # each text's word weights, summed

    def language_of(self, text: str) -> str | None:
        """The language of an answer the model cannot read (a language code, "und" when unknown), or
        None when it reads as English. Cheap first: most answers are mostly words the model knows.
        Markup and web addresses are not a language: they are left out."""
        text = NOT_WORDS.sub(" ", text)
        if not text.isascii():
            letters = LETTER.findall(text)
            if len(letters) < MIN_LETTERS:
                return None
            other = [ch for ch in letters if not ch.isascii()]
            latin = len(letters) - len(other) + sum("LATIN" in unicodedata.name(ch, "") for ch in other)
            if latin < 0.7 * len(letters):
                arabic = sum("ARABIC" in unicodedata.name(ch, "") for ch in other)
                return "ur" if arabic * 2 > len(letters) else "und"
        tokens = TOKEN.findall(normalise(text))
        if len(tokens) < MIN_SENTENCE_WORDS:
            return None
        gujarati = sum(t in GUJARATI_WORDS for t in tokens)
        if gujarati >= 2 and gujarati >= GUJARATI_SHARE * len(tokens):
            return "gu"  # before the words the model knows: "mara papa mane marta che" (my dad hits me) has two
        if sum(map(self.index.__contains__, tokens)) >= KNOWN_SHARE * len(tokens):
            return None
        polish = sum(t in POLISH_WORDS or not POLISH_LETTERS.isdisjoint(t) for t in tokens)
        if polish >= POLISH_SHARE * len(tokens):
            return "pl"
        import simplemma  # its English word list is loaded already, for the taxonomy's lemmas

        return None if simplemma.in_target_language(text, lang="en") >= ENGLISH_SHARE else "und"

    # --- reading -------------------------------------------------------------------------------
    def score(
        self,
        texts: list[str],
        rule_hits: list[set[str]],
        topic_hits: list[set[str]],
        shown: list[str] | None = None,
        floor: float = 0.0,
    ) -> list[Scores]:
        """Read each text, given the rule categories and taxonomy topics it matched. `shown` is the text
        staff may see (redacted): the words given as evidence for a topic, and the sentence given as the
        reason for a flag, come from it, never from the text as typed.

        `floor`: the lowest risk the caller acts on. The risk is at most the whole answer's chance to the
        power (1 - SENTENCE_WEIGHT), so an answer whose chance is below floor ** (1 / (1 - SENTENCE_WEIGHT))
        is not read sentence by sentence (its risk is then given as that chance): the same tiers, less work."""
        if not texts:
            return []
        typed, texts = texts, [self.blind(respell(t)) for t in texts]
        spans = [sentence_spans(t) for t in texts]
        whole, pieces = embed(list(texts), spans)
        logits = self.logits(dense_features(self.meta, whole, rule_hits, topic_hits), texts)
        whole_risks = _sigmoid(logits[:, self.slices["flag"]])[:, 0]
        split: list[list[str]] = []
        keep = np.zeros(len(pieces), dtype=bool)
        at = 0
        for t, where, chance in zip(texts, spans, whole_risks, strict=True):
            wanted = bool(where) and chance >= floor ** (1 / (1 - SENTENCE_WEIGHT))
            split.append([t[s:e] for s, e in where] if wanted else [])
            keep[at : at + len(where)] = wanted
            at += len(where)
        pieces = pieces[keep]
        parts = [s for ss in split for s in ss]
        owners = [i for i, ss in enumerate(split) for _ in ss]
        piece_risk = (
            _sigmoid(
                self.logits(
                    dense_features(self.meta, pieces, [rule_hits[i] for i in owners], [topic_hits[i] for i in owners]),
                    parts,
                )[:, self.slices["flag"]]
            )[:, 0]
            if parts
            else np.zeros(0)
        )
        knn = self._knn(whole)
        found = []
        at = 0
        for i, text in enumerate(texts):
            row = logits[i]
            whole_risk = float(whole_risks[i])
            worst, sentence = whole_risk, None
            for s in split[i]:
                if piece_risk[at] > worst:
                    worst, sentence = float(piece_risk[at]), s
                at += 1
            # The answer and its most worrying sentence together (their geometric mean): a sentence can
            # raise an answer's score, and the rest of the answer can temper it ("that was years ago").
            risk = float(whole_risk ** (1 - SENTENCE_WEIGHT) * worst**SENTENCE_WEIGHT)
            category = self.meta.flag_categories[int(np.argmax(row[self.slices["category"]]))]
            feel = _softmax(row[self.slices["sentiment"]])
            chance = (1 - self.meta.knn_weight) * _sigmoid(row[self.slices["topics"]]) + self.meta.knn_weight * knn[i]
            topics = dict(zip(self.meta.topics, np.round(chance, 3).tolist(), strict=True))
            sentiments = self.meta.sentiments
            score = float(feel[sentiments.index("positive")] - feel[sentiments.index("negative")])
            visible = shown[i] if shown is not None else typed[i]
            if sentence is not None and visible != text:
                in_view, mine = sentences(visible), [text[s:e] for s, e in spans[i]]
                sentence = in_view[mine.index(sentence)] if len(in_view) == len(mine) else None
            found.append(
                Scores(
                    round(risk, 3),
                    sentence,
                    category,
                    sentiments[int(np.argmax(feel))],
                    round(score, 3),
                    topics,
                    visible,
                    whole[i],
                )
            )
        return found

    def _knn(self, whole: np.ndarray) -> np.ndarray:
        if not len(self.neighbours):
            return np.zeros((len(whole), len(self.meta.topics)), dtype=np.float32)
        similarity = whole @ self.neighbours.T
        k = min(KNN, similarity.shape[1])
        # The k most alike: every neighbour at least as alike as the k-th (one partition, then a product).
        kth = np.partition(similarity, similarity.shape[1] - k, axis=1)[:, -k][:, None]
        nearest = (similarity >= kth).astype(np.float32)
        return np.asarray((nearest @ self.neighbour_topics) / nearest.sum(axis=1, keepdims=True))

    def evidence(self, text: str, topics: list[str]) -> dict[str, list[str]]:
        """For each of these topics, the words of `text` (as shown: redacted) that weighed most for it
        (worked out only for the topics a person will see without a taxonomy word)."""
        found = [k for k in self.word_indices(text) if not filler(self.meta.vocabulary[k])]  # never "on", "from the"
        if not topics or not found:
            return {topic: [] for topic in topics}
        columns = [self.slices["topics"].start + self.meta.topics.index(t) for t in topics]
        weights = self.bow[np.ix_(found, columns)]
        order = np.argsort(-weights, axis=0, kind="stable")[:3].T.tolist()  # the 3 heaviest words per topic
        strong = (weights > EVIDENCE_WEIGHT).T.tolist()
        vocabulary = self.meta.vocabulary
        return {topic: [vocabulary[found[k]] for k in order[j] if strong[j][k]] for j, topic in enumerate(topics)}

    def harm_words_in(self, text: str) -> list[str]:
        """The answer's words that are far more common in disclosures (see Meta.harm_words), most telling first."""
        harm = self.meta.harm_words
        found = sorted((w for w in set(words(respell(text))) if w in harm), key=lambda w: (-harm[w], w))
        # A pair whose words are both shown already says nothing more ("hits me" beside "hits").
        return [w for w in found if " " not in w or not all(part in found for part in w.split())][:WHY_WORDS]

    def explain(self, scored: Scores, shown: str) -> Evidence:
        """Why the model scored an answer as it did, in words a lead can check: the words of the answer as
        staff see it (redacted) that weighed most towards a disclosure, and the labelled answers it
        learned from that it is most like."""
        shown_words = [("not " + w[1:]) if w.startswith("~") else w for w in self.harm_words_in(shown)]
        like: list[tuple[str, str]] = []
        if self.meta.neighbour_texts and len(self.meta.neighbour_texts) == len(self.neighbours) > WHY_LIKE:
            vector = scored.vector if scored.vector is not None else embed([scored.whole])[0][0]
            similarity = self.neighbours @ vector
            top = np.argpartition(-similarity, WHY_LIKE)[:WHY_LIKE]
            for k in top[np.argsort(-similarity[top], kind="stable")]:
                like.append((self.meta.neighbour_texts[int(k)], self.meta.neighbour_kinds[int(k)]))
        return Evidence(words=shown_words, like=like)

    def card(self) -> str:
        """The model card: what the model was trained on and how it measured (Markdown)."""
        return model_card(self.meta)


def chosen_topics(chance: dict[str, float], threshold: float) -> list[str]:
    """Topics at or above the threshold (else the likeliest one); `other` only when no other topic is."""
    chosen = [t for t, p in chance.items() if p >= threshold] or (
        [max(chance, key=chance.__getitem__)] if chance else []
    )
    return [t for t in chosen if t != "other"] or chosen


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return np.asarray(e / e.sum())


@cache
def shipped_model() -> Model | None:
    """The model that ships in the package (None only in a checkout before the first `voice train`)."""
    return Model.load(SHIPPED_MODEL) if SHIPPED_MODEL.exists() else None


def load_model(path: str | Path | None) -> Model | None:
    """The model at `path` (a partnership's own, retrained), else the shipped one."""
    if path and Path(path).exists():
        return Model.load(Path(path))
    return shipped_model()


CARD = Path(__file__).parent.parent / "data" / "reader-card.md.j2"
"""The model card's words, with the model's figures filled in (Markdown, written beside a trained model)."""
CARD_MEASURES = (
    ("safeguarding.recall", "safeguarding recall (flag + worth a look)"),
    ("safeguarding.precision", "safeguarding precision (flag + worth a look)"),
    ("safeguarding.flags.recall", "flags alone: recall"),
    ("safeguarding.flags.precision", "flags alone: precision"),
    ("safeguarding.shown_non_disclosures", "non-disclosures in either list (lower is better)"),
    ("safeguarding.flags.shown_non_disclosures", "non-disclosures flagged (lower is better)"),
    ("sentiment.macro_f1", "sentiment macro-F1 (4 classes)"),
    ("topics.micro_f1", "topics micro-F1"),
)


def model_card(meta: Meta) -> str:
    import jinja2  # only `voice train` writes a card

    template = jinja2.Environment(
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # noqa: S701 - Markdown for the model's folder, not a page
    ).from_string(CARD.read_text(encoding="utf-8"))
    return template.render(meta=meta, f=meta.figures, measures=CARD_MEASURES, figure=_figure)


def _figure(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float | int) else "–"
