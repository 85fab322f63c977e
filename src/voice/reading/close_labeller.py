"""Redaction's close labeller: a small language model that reads an answer's words in order and says, of each,
how likely it is to be part of a person's name, a school or college, or a place of work.

The learned CRF (voice.reading.labeller) reads each word with the two words either side and the name lists;
rules read cues ("called", "my mate", "goes to"). Neither reads a name where only the sentence says it is one:
"charnwood has fights at home time, rocky got his nose broke", "i live with my foster carers dawn and her
husband", "me and kel get the 14 to samworth every morning". The close labeller is all-MiniLM-L6-v2 (Apache-2.0)
fine-tuned by tools/train_close_labeller.py to label each word (O, N, S, W, and A for an address: "plot 4, hill
farm", "62b the newarke flats") on the CRF's own training lines and the written lines of #28's development sets,
exported to ONNX with 8-bit weights (`data/close-labeller/`) and run by onnxruntime on one thread. Its thresholds
(data/close-labeller/meta.json) were chosen on development sets held out of its training. What it finds goes
through the same checks as the CRF's (public figures, places, services, the words of a young person's other
language, the partnership's keep list).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import NamedTuple

import msgspec
import numpy as np

from voice.reading.close import load_onnx

FOLDER = Path(__file__).parent.parent / "data" / "close-labeller"
CHUNK_WORDS = 60
"""A long answer is read in parts of this many words (overlapping by OVERLAP), each part in the model's reach."""
OVERLAP = 10
CONTEXT = 12
"""Words are read in the company of this many words either side of a word that could be a name or school."""


class Meta(msgspec.Struct, forbid_unknown_fields=False):
    labels: list[str]
    thresholds: dict[str, float]
    max_tokens: int = 128
    layers: int = 6


class Word(NamedTuple):
    """A word the close labeller reads as part of a name (N), school (S), place of work (W) or address (A), and how
    sure it is."""

    at: int
    """Its place among the words whose spans were read."""
    label: str
    chance: float


class CloseLabeller:
    """The fine-tuned model and its tokenizer, loaded once a process."""

    def __init__(self, folder: Path = FOLDER) -> None:
        self.meta = msgspec.json.decode((folder / "meta.json").read_bytes(), type=Meta)
        self.tokenizer, self.session = load_onnx(folder, self.meta.max_tokens)

    def chances(self, text: str, spans: list[tuple[int, int]], near: list[int] | None = None) -> np.ndarray:
        """For each word (its character span in `text`), the chance of each label (rows in Meta.labels' order),
        read on the word's first token. Only the words within CONTEXT words of a word in `near` are read (all,
        without it; the others are O); a long stretch is read in overlapping parts."""
        out = np.zeros((len(spans), len(self.meta.labels)))
        out[:, 0] = 1.0
        step = CHUNK_WORDS - OVERLAP
        for a, b in stretches(len(spans), near):
            for first in range(a, max(b - OVERLAP, a + 1), step):
                part = spans[first : min(first + CHUNK_WORDS, b)]  # never empty: first < b
                offset = part[0][0]
                encoded = self.tokenizer.encode(text[offset : part[-1][1]])
                ids = np.array([encoded.ids], dtype=np.int64)
                mask = np.array([encoded.attention_mask], dtype=np.int64)
                logits = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0].astype(np.float64)
                logits -= logits.max(axis=1, keepdims=True)
                chances = np.exp(logits)
                chances /= chances.sum(axis=1, keepdims=True)
                starts = {s + offset: t for t, (s, e) in reversed(list(enumerate(encoded.offsets))) if e > s}
                for k, (s, _) in enumerate(part):
                    t = starts.get(s)
                    if t is not None and (first == a or k >= OVERLAP // 2):
                        out[first + k] = chances[t]
        return out

    def words(
        self, text: str, spans: list[tuple[int, int]], floor: float = 0.5, near: list[int] | None = None
    ) -> list[Word]:
        """The words it reads as part of a name, school or place of work at a chance of at least `floor`, in
        order (how sure it must be of each word is for the caller: Meta.thresholds); only near the words in
        `near`, when given."""
        if not spans:
            return []
        chances = self.chances(text, spans, near)
        found = []
        for i, row in enumerate(chances):
            k = int(row.argmax())
            if k and row[k] >= floor:
                found.append(Word(i, self.meta.labels[k], round(float(row[k]), 2)))
        return found


def stretches(count: int, near: list[int] | None) -> list[tuple[int, int]]:
    """The stretches of words (start, end) within CONTEXT words of a word in `near`, merged; all the words
    without it."""
    if near is None:
        return [(0, count)] if count else []
    found: list[tuple[int, int]] = []
    for i in sorted(near):
        a, b = max(0, i - CONTEXT), min(count, i + CONTEXT + 1)
        if found and a <= found[-1][1]:
            found[-1] = (found[-1][0], max(found[-1][1], b))
        else:
            found.append((a, b))
    return found


@cache
def shipped_close_labeller() -> CloseLabeller | None:
    """The close labeller that ships with voice, or None where it is not there or cannot run here."""
    if not (FOLDER / "model.onnx").is_file() or os.environ.get("VOICE_CLOSE_LABELLER") == "0":
        return None
    try:
        return CloseLabeller(FOLDER)
    except ImportError:  # onnxruntime has no wheel for this machine: the rules and the CRF work alone
        return None
