"""Learning from facilitators' corrections: topics people confirmed teach a naive Bayes classifier per
topic (NLTK's, on lemmas), whose confident suggestions are added to the taxonomy's. The taxonomy stays
the explanation most of the time; where the classifier adds a topic, the words that weighed most are
kept as its reason, marked as learned.
"""

from __future__ import annotations

from typing import Any

import msgspec
from nltk.classify import NaiveBayesClassifier
from sqlite_utils import Database

from voice.reading.reader import filler
from voice.reading.themes import AnswerReader, Taxonomy, lemmas
from voice.store.corrections import LATEST_CORRECTIONS

MIN_POSITIVE = 3
"""Corrections that confirm a topic before it is learned at all."""
THRESHOLD = 0.8
"""How sure the classifier must be before it adds a topic; more for topics that are common anyway."""
PRIOR_MARGIN = 0.2
"""A topic already on most answers must be this much surer than its own frequency."""
EVIDENCE = 3.0
"""At least one word in the answer must be this many times likelier with the topic than without."""


# Words that say nothing about a topic (as lemmas); they would otherwise become evidence by chance.
FUNCTION_WORDS = frozenset(
    [
        "the",
        "and",
        "but",
        "for",
        "with",
        "from",
        "that",
        "this",
        "than",
        "then",
        "them",
        "they",
        "their",
        "there",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "how",
        "all",
        "any",
        "are",
        "can",
        "could",
        "did",
        "does",
        "doing",
        "done",
        "had",
        "has",
        "have",
        "having",
        "her",
        "hers",
        "him",
        "his",
        "its",
        "just",
        "may",
        "might",
        "more",
        "most",
        "much",
        "must",
        "not",
        "now",
        "off",
        "once",
        "only",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "some",
        "such",
        "too",
        "very",
        "was",
        "were",
        "will",
        "would",
        "you",
        "your",
        "yours",
        "about",
        "above",
        "after",
        "again",
        "against",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "during",
        "each",
        "few",
        "further",
        "here",
        "into",
        "itself",
        "let",
        "myself",
        "nor",
        "one",
        "onto",
        "ourselves",
        "really",
        "said",
        "say",
        "says",
        "see",
        "seem",
        "get",
        "got",
        "give",
        "go",
        "going",
        "gone",
        "make",
        "made",
        "know",
        "like",
        "also",
        "ever",
        "every",
        "thing",
        "things",
        "people",
        "young",
        "person",
        "lot",
        "lots",
        "way",
        "well",
        "even",
        "still",
        "yet",
        "into",
        "upon",
        "within",
        "without",
    ]
)
MIN_WORD_SUPPORT = 2
"""A word counts as evidence for a topic only if it was in at least this many confirmed examples."""


def features(text: str) -> dict[str, bool]:
    return {lemma: True for _, lemma in lemmas(text) if len(lemma) > 2 and lemma not in FUNCTION_WORDS}


def examples(db: Database) -> list[tuple[str, list[str]]]:
    """(redacted text, topics a person set) for every corrected answer, latest correction only."""
    rows = db.execute(
        f"SELECT a.text, c.topics FROM ({LATEST_CORRECTIONS}) c JOIN answers a ON a.id = c.answer_id "  # noqa: S608 - fixed SQL
        "WHERE a.text IS NOT NULL"
    ).fetchall()
    return [(text, msgspec.json.decode(topics)) for text, topics in rows]


def answer_reader_with_corrections(db: Database, taxonomy: Taxonomy, **options: Any) -> AnswerReader:
    """The taxonomy plus what people's corrections in the database have taught (options: see AnswerReader)."""
    training = examples(db)
    return AnswerReader(taxonomy, LearnedTopics(training) if training else None, **options)


class LearnedTopics:
    """One yes/no classifier per topic that people have confirmed often enough."""

    def __init__(self, training: list[tuple[str, list[str]]]) -> None:
        self.size = len(training)
        featured = [(features(text), set(topics)) for text, topics in training]
        counts: dict[str, int] = {}
        for _, topics in featured:
            for topic in topics:
                counts[topic] = counts.get(topic, 0) + 1
        self.classifiers = {
            topic: NaiveBayesClassifier.train([(f, topic in topics) for f, topics in featured])
            for topic, n in counts.items()
            if topic != "other" and n >= MIN_POSITIVE and self.size - n >= MIN_POSITIVE
        }
        self.thresholds = {
            topic: max(THRESHOLD, counts[topic] / self.size + PRIOR_MARGIN) for topic in self.classifiers
        }
        self.support: dict[tuple[str, str], int] = {}
        for feats, topics in featured:
            for topic in topics & self.classifiers.keys():
                for word in feats:
                    self.support[topic, word] = self.support.get((topic, word), 0) + 1

    def suggest(self, text: str) -> dict[str, list[str]]:
        """Topics the classifiers are sure of, each with the words that pointed to it most."""
        found: dict[str, list[str]] = {}
        feats = features(text)
        if not feats:
            return found
        for topic, classifier in self.classifiers.items():
            if classifier.prob_classify(feats).prob(True) < self.thresholds[topic]:
                continue
            weights = []
            for word in feats:
                p_yes = classifier._feature_probdist.get((True, word))
                p_no = classifier._feature_probdist.get((False, word))
                if p_yes and p_no:
                    weights.append((p_yes.prob(True) / max(p_no.prob(True), 1e-9), word))
            strong = sorted(
                (w for w in weights if w[0] >= EVIDENCE and self.support.get((topic, w[1]), 0) >= MIN_WORD_SUPPORT),
                reverse=True,
            )
            if strong:  # shown with the strongest words that are not filler ("on", "me", "from the")
                found[topic] = [f"learned: {word}" for _, word in strong if not filler(word)][:3]
        return found
