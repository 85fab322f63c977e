"""Redaction's quick labeller: a small network that says which words the close labeller (voice.reading.close_labeller)
need not read, in a few hundred microseconds where the close labeller takes milliseconds.

Each word is read with the four words either side: WordLlama's vector of each word (the 256 dimensions for the
word itself, the first 64 for its neighbours: WordLlama's vectors are trained to be read cut short), the word
lists' classes of each (first name, surname, school, everyday word, place...) and their shape (a capital, a
sentence's start, a possessive). One hidden layer gives the chance that the word is part of a person's name (N), a
school or college (S), a place of work (W) or none (O). tools/train_quick_labeller.py teaches it on the close
labeller's own training lines, with targets half the lines' labels and half what the close labeller reads of them,
and writes its weights (data/quick-labeller/).

It finds nothing itself: it is sure enough of what is no detail, not of what is one ("Donington" reads to it as a
school). A candidate word it gives at least Meta.floor's chance of being part of a detail is read by the close
labeller, which decides; the others are not read. Chosen on development sets held out of both models' training,
the floor keeps what the close labeller finds there and spares it three answers in four.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from pathlib import Path

import msgspec
import numpy as np

from voice.reading.reader import embedder, word_ids

FOLDER = Path(__file__).parent.parent / "data" / "quick-labeller"
WINDOW = 4
"""Words read either side of a word."""
NEAR_DIMS = 64
"""Dimensions of WordLlama's vector read for a neighbouring word (the word itself: all 256)."""
CLASS_BITS = 15
"""The word lists' classes (voice.reading.redact's FIRST ... INTRODUCER_CUE), one bit each."""
SHAPE = 5
"""A capital first letter, all capitals, a sentence's first word, a possessive, no word here (before the first
word or after the last)."""


class Meta(msgspec.Struct, forbid_unknown_fields=False):
    labels: list[str]
    floor: float
    """A candidate word with at least this chance of being part of a detail is read by the close labeller."""


@lru_cache(maxsize=2048)
def word_vector(lower: str) -> np.ndarray:
    """WordLlama's vector of one word (the mean of its tokens' rows), remembered for the words met most recently."""
    ids = word_ids(lower)
    table = embedder().embedding
    if not ids:
        return np.zeros(table.shape[1], dtype=np.float32)
    return np.asarray(table[list(ids)].mean(axis=0), dtype=np.float32)


OFFSETS = (*range(-WINDOW, 0), *range(1, WINDOW + 1))


def _classes_and_shape(
    written: list[str], starts: list[bool], possessive: list[bool], classes: list[int]
) -> np.ndarray:
    """Each word's class bits and shape, one row a word."""
    bits = (np.array(classes, dtype=np.int64)[:, None] >> np.arange(CLASS_BITS)) & 1
    shape = np.array(
        [
            (w[:1].isupper() and not (len(w) > 1 and w.isupper()), len(w) > 1 and w.isupper(), s, p, False)
            for w, s, p in zip(written, starts, possessive, strict=True)
        ],
        dtype=np.float32,
    )
    return np.hstack([bits.astype(np.float32), shape])


def features(
    lowers: list[str], written: list[str], starts: list[bool], possessive: list[bool], classes: list[int]
) -> np.ndarray:
    """One row a word: its own vector, classes and shape, then its neighbours' (WINDOW either side), as the network
    is trained on (QuickLabeller.chances reads the same sums a quicker way)."""
    n = len(lowers)
    if not n:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = np.stack([word_vector(w) for w in lowers])
    small = _classes_and_shape(written, starts, possessive, classes)
    own = np.hstack([vectors, small])
    near = np.hstack([vectors[:, :NEAR_DIMS], small])
    empty = np.zeros((WINDOW, near.shape[1]), dtype=np.float32)
    empty[:, -1] = 1.0  # no word here
    padded = np.vstack([empty, near, empty])
    parts = [own]
    for offset in OFFSETS:
        parts.append(padded[WINDOW + offset : WINDOW + offset + n])
    return np.hstack(parts)


class QuickLabeller:
    """The network's weights and thresholds, loaded once a process."""

    def __init__(self, folder: Path = FOLDER) -> None:
        self.meta = msgspec.json.decode((folder / "meta.json").read_bytes(), type=Meta)
        with np.load(folder / "weights.npz") as weights:
            self.w1 = np.ascontiguousarray(weights["w1"], dtype=np.float32)
            self.b1 = weights["b1"].astype(np.float32)
            self.w2 = np.ascontiguousarray(weights["w2"], dtype=np.float32)
            self.b2 = weights["b2"].astype(np.float32)

        # The first layer by the part of the row it reads: the word's own vector, then each neighbour's (its first
        # NEAR_DIMS), and the classes and shape of the word and each neighbour.
        dims, small = self.w1.shape[0], CLASS_BITS + SHAPE
        own_dims = (dims - len(OFFSETS) * (NEAR_DIMS + small)) - small
        self.own_vector = self.w1[:own_dims]
        blocks = [own_dims + small + k * (NEAR_DIMS + small) for k in range(len(OFFSETS))]
        self.near_vector = np.stack([self.w1[b : b + NEAR_DIMS] for b in blocks])  # (offsets, NEAR_DIMS, hidden)
        own_small = self.w1[own_dims : own_dims + small]
        near_small = [self.w1[b + NEAR_DIMS : b + NEAR_DIMS + small] for b in blocks]
        self.all_small = np.ascontiguousarray(np.hstack([own_small, *near_small]))  # (small, (1 + offsets) * hidden)
        self.fillers = np.stack([part[-1] for part in near_small])  # a neighbour that is not there ("no word here")
        self.projected = lru_cache(maxsize=4096)(self._projected)  # 9 KB a word: 37 MB at most

    def _projected(self, lower: str) -> np.ndarray:
        """One word's share of the first layer, as itself (row 0) and as each neighbour (rows 1...): the same for
        every answer, so worked out once a word."""
        vector = word_vector(lower)
        return np.vstack(
            [vector[None, :] @ self.own_vector, np.einsum("d,odh->oh", vector[:NEAR_DIMS], self.near_vector)]
        )

    def chances_of(
        self, lowers: list[str], written: list[str], starts: list[bool], possessive: list[bool], classes: list[int]
    ) -> np.ndarray:
        """The chance of each label (in Meta.labels' order) for each word of an answer: the network on the rows
        features() gives, added up a word's share at a time (the same figures, without building the rows)."""
        n = len(lowers)
        if not n:
            return np.zeros((0, len(self.meta.labels)), dtype=np.float32)
        size = self.b1.shape[0]
        small = _classes_and_shape(written, starts, possessive, classes)
        # each word's share as itself (0) and as the neighbour at each offset (1...)
        shares = np.stack([self.projected(w) for w in lowers]) + (small @ self.all_small).reshape(n, -1, size)
        hidden = shares[:, 0] + self.b1
        for k, offset in enumerate(OFFSETS):
            lo, hi = min(n, max(0, -offset)), max(0, min(n, n - offset))  # the words with a neighbour at this offset
            hidden[lo:hi] += shares[lo + offset : hi + offset, 1 + k]
            hidden[:lo] += self.fillers[k]
            hidden[hi:] += self.fillers[k]
        return self._softmax(np.maximum(hidden, 0.0))

    def chances(self, rows: np.ndarray) -> np.ndarray:
        """For each word's row of features(), the chance of each label (in Meta.labels' order)."""
        if not len(rows):
            return np.zeros((0, len(self.meta.labels)), dtype=np.float32)
        return self._softmax(np.maximum(rows @ self.w1 + self.b1, 0.0))

    def _softmax(self, hidden: np.ndarray) -> np.ndarray:
        logits = hidden @ self.w2 + self.b2
        logits -= logits.max(axis=1, keepdims=True)
        out: np.ndarray = np.exp(logits)
        out /= out.sum(axis=1, keepdims=True)
        return out


@cache
def shipped_quick_labeller() -> QuickLabeller | None:
    """The quick labeller that ships with voice, or None where it is not there or is turned off."""
    if not (FOLDER / "weights.npz").is_file() or os.environ.get("VOICE_QUICK_LABELLER") == "0":
        return None
    return QuickLabeller(FOLDER)
