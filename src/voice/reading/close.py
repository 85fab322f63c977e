"""The close reader: a second, slower reading of the answers the first reader (voice.reading.reader) put
"worth a look" or was unsure of, by a small language model that reads word order.

The first reader reads WordLlama's static embeddings (averages of word vectors) and words: it cannot tell
"i feel safe at home" from "i dont feel safe at home" by their vectors (0.97 alike), so it reads many
disclosures as only "worth a look". The close reader is all-MiniLM-L6-v2 (a six-layer transformer,
Apache-2.0), fine-tuned by tools/train_close_reader.py on the same labelled answers (training/) to tell a
disclosure from any other answer, exported to ONNX with 8-bit weights (23 MB, `data/close-reader/`) and run
by onnxruntime on one thread. It reads the answer as the first reader does (text-speak respelt, identity
and place words blinded to their kind), so no faith, place of worship or identity word can change it.

How it is used (its thresholds are in data/close-reader/meta.json, chosen on the development sets, never on
the test split or a behavioural suite):

- an answer the first reader put "worth a look" becomes a flag when the close reader is sure it is a
  disclosure (`Meta.threshold`); an answer the first reader flagged or put worth a look leaves the list when
  the close reader is sure it is not, whole and in every part (`Meta.drop_threshold`); a rule's flag is never
  touched;
- harm told as past and over (voice.reading.safeguarding.described_as_over) is not read: it is in neither list
  (harm told in the present beside it is not over: safeguarding.GOES_ON);
- an answer in neither list that the first reader scored at least `Meta.floor` (VOICE_CLOSE_FLOOR), or of at most
  `Meta.short_words` words whatever its score ("pills. tonight maybe."), is read
  too: whole, and, when long, in overlapping parts (`Meta.window_words`), so that a disclosure in the middle
  of a long run-on answer is read on its own; it becomes worth a look when the close reader is sure enough
  of the whole (`Meta.look_threshold`) or of a part (`Meta.window_threshold`), with that part as the reason,
  and a flag where it is all but sure of the whole (`Meta.flag_threshold`).

Each answer is read alone (not padded beside others), so that its score never depends on what else was read
with it. Its flags say why: its chance, and the words whose removal lowers it most.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
import numpy as np

from voice.common.text import REDACTION_TAG, respell

if TYPE_CHECKING:
    from onnxruntime import InferenceSession
    from tokenizers import Tokenizer

FOLDER = Path(__file__).parent.parent / "data" / "close-reader"
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
PART_WORD = re.compile(r"\S+")
"""A word, for cutting a long answer into parts: anything between spaces, as typed."""
PARTS_READ = 2
"""How many of a long answer's parts are read closely: those the first reader scores highest (on the
development sets, reading every part caught no more than these two)."""
WHY_WORDS = 3
"""How many of an answer's words a flag names as those that weighed most."""
MIN_DROP = 0.1
"""A word weighed in the close reading when taking it out lowers the answer's log-odds by at least this."""
MOST_WORDS = 40
"""Answers longer than this many words are explained by their first MOST_WORDS (each word removed is one
more reading)."""


class Meta(msgspec.Struct, frozen=True):
    """How the close reader was made, and how sure it must be (data/close-reader/meta.json)."""

    base: str
    trained_on: str
    examples: int
    threshold: float
    """The chance at or above which an answer worth a look becomes a flag."""
    max_tokens: int
    blind_terms: dict[str, list[str]]
    look_threshold: float = 0.9
    """The chance at or above which an answer in neither list becomes worth a look (where the first reader's
    score is at least AnswerReader.close_floor)."""
    floor: float = 1.0
    """The first reader's score from which an answer in neither list is read closely (VOICE_CLOSE_FLOOR
    overrides it; 1: none)."""
    drop_threshold: float = 0.0
    """An answer the first reader put worth a look, that the close reader reads whole and in parts below this
    chance, is taken out of the list (0: never)."""
    window_words: int = 0
    """A long answer (more than window_words + window_step words) is also read in overlapping parts of this
    many words, window_step apart: a disclosure in the middle of a long run-on answer is read on its own
    (0: never)."""
    flag_threshold: float = 1.01
    """An answer in neither list (read above the floor, or short) that the close reader reads at or above this
    chance is a flag, not only worth a look (above 1: never)."""
    logit_shift: float = 0.0
    """Added to the model's log-odds before its chance is read against the thresholds: a model retrained on more
    answers can be surer or less sure on the whole, and the shift puts its chances on the scale the thresholds
    were chosen on (see tools/train_close_reader.py)."""
    short_words: int = 0
    """An answer in neither list of at most this many words is read closely whatever the first reader's score
    (0: none): a disclosure told in a few words gives the first reader's averaged words little to go on."""
    window_step: int = 6
    window_threshold: float = 1.0
    """A part read at or above this chance makes an answer in neither list worth a look."""
    denied_threshold: float = 0.0
    """An answer whose rules matched only where it plainly denies the harm ("i don't get hit at home") reaches the
    lead only where the close reader reads it at least this, whole (0: as any other)."""
    keep_flag: float = 0.0
    """A flag the first reader made by itself (no rule) stays a flag only where the close reader reads it at
    least this; below, it is worth a look (and below drop_threshold, whole and in its parts, in neither list)."""
    figures: dict[str, float] = {}


def load_onnx(folder: Path, max_tokens: int) -> tuple[Tokenizer, InferenceSession]:
    """A small model shipped as ONNX in `folder` (model.onnx, tokenizer.json): its tokenizer, cutting at
    `max_tokens` and never padding (tokenizer.json pads every answer to 128 tokens: 14 ms a reading instead of 2-5),
    and an onnxruntime session on VOICE_CLOSE_THREADS threads (1). The close reader's and redaction's close
    labeller's."""
    # Imported here: a process that never reads closely (the CLI's other commands) never loads them.
    import onnxruntime
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(max_tokens)
    tokenizer.no_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = int(os.environ.get("VOICE_CLOSE_THREADS", "1"))
    options.inter_op_num_threads = 1
    return tokenizer, onnxruntime.InferenceSession(
        str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
    )


class CloseReader:
    """The fine-tuned model and its tokenizer, loaded once a process."""

    def __init__(self, folder: Path = FOLDER) -> None:
        from voice.reading.reader import Blinder

        self.meta = msgspec.json.decode((folder / "meta.json").read_bytes(), type=Meta)
        self.tokenizer, self.session = load_onnx(folder, self.meta.max_tokens)
        self.blind = Blinder(self.meta.blind_terms)
        self.threshold = self.meta.threshold
        self.look_threshold = self.meta.look_threshold

    def _logits(self, texts: list[str]) -> np.ndarray:
        """Each text read alone: the model's 8-bit layers scale their inputs by the largest value in the whole
        batch, so in a batch one answer's score moved (by up to 0.16) with the answers read beside it. Alone
        it is the same every time, and no slower (no padding to the longest)."""
        found = []
        for encoded in self.tokenizer.encode_batch([self.blind(respell(t)) for t in texts]):
            ids = np.array([encoded.ids], dtype=np.int64)
            mask = np.array([encoded.attention_mask], dtype=np.int64)
            found.append(self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0])
        return np.concatenate(found).astype(np.float64)

    def chances(self, texts: list[str]) -> list[float]:
        """Each answer's chance of being a disclosure, as the close reader reads it."""
        if not texts:
            return []
        return [round(float(p), 3) for p in 1 / (1 + np.exp(-(self._logits(texts) + self.meta.logit_shift)))]

    def parts(self, text: str) -> list[tuple[int, int]]:
        """Where a long answer's overlapping parts are (character spans of window_words words, window_step
        apart, the last ending with the answer); none for an answer short enough to be read whole."""
        size, step = self.meta.window_words, self.meta.window_step
        spans = [m.span() for m in PART_WORD.finditer(text)]
        if not size or len(spans) <= size + step:
            return []
        starts = [*range(0, len(spans) - size, step), len(spans) - size]
        return [(spans[a][0], spans[a + size - 1][1]) for a in starts]

    def likeliest_part(
        self, text: str, rank: Callable[[list[str]], list[float]] | None = None
    ) -> tuple[float, tuple[int, int] | None]:
        """The highest chance of the answer's parts, and where that part is (0 and None when it is short
        enough to be read whole). `rank` (the first reader's scores, far cheaper) chooses the PARTS_READ parts
        to read closely; without it, every part is read."""
        spans = self.parts(text)
        if not spans:
            return 0.0, None
        if rank is not None and len(spans) > PARTS_READ:
            scores = rank([text[s:e] for s, e in spans])
            spans = [spans[i] for i in sorted(sorted(range(len(spans)), key=lambda i: -scores[i])[:PARTS_READ])]
        chances = self.chances([text[s:e] for s, e in spans])
        best = max(range(len(spans)), key=chances.__getitem__)
        return chances[best], spans[best]

    def weighed_most(self, text: str) -> list[str]:
        """The answer's words whose removal lowers its score most (at most WHY_WORDS, each lowering it; on the
        scale of the model's log-odds, where a sure answer's words still differ)."""
        tags = [
            m.span() for m in REDACTION_TAG.finditer(text)
        ]  # "[name]": what redaction took out is no word of theirs
        spans = [m.span() for m in WORD.finditer(text) if not any(s <= m.start() < e for s, e in tags)][:MOST_WORDS]
        if len(spans) < 2:
            return []
        whole, *without = self._logits([text, *(text[:s] + text[e:] for s, e in spans)])
        drops = sorted(((whole - score, i) for i, score in enumerate(without)), reverse=True)
        return [text[slice(*spans[i])] for drop, i in drops[:WHY_WORDS] if drop > MIN_DROP]


@cache
def shipped_close_reader() -> CloseReader | None:
    """The close reader that ships with voice, or None where it is not there or cannot run here."""
    if not (FOLDER / "model.onnx").is_file():
        return None
    try:
        return CloseReader(FOLDER)
    except ImportError:  # onnxruntime has no wheel for this machine: the first reader reads alone
        return None
