"""Train redaction's quick labeller (voice.reading.quick_labeller) and write it to src/voice/data/quick-labeller/.

It says which candidate words the close labeller need not read (its floor: `--floor`).

It learns from the close labeller's own training lines (tools/train_close_labeller.py: the CRF's templates filled
with names of many origins, the area's schools, places of work, the development sets' written lines, and answers
with no personal details), and from every other answer in training/ with no personal details. Each word's target is
half its label in the line and half what the shipped close labeller reads of it, so that the small network learns
the close labeller's reading of the sentence where it can. A third of the names and schools are hidden from the
lists (their classes' bits are left out), as in the CRF's training, so that it weighs the words around them. The
development sets the thresholds are chosen on (`--hold-out`, by default frozen8, frozen9, frozen18 and frozen19)
are left out, as they are of the close labeller's and the CRF's. Training needs PyTorch, which voice itself does not:

    python3 -m venv /tmp/train && /tmp/train/bin/pip install torch==2.13.0 -e .
    /tmp/train/bin/python tools/train_quick_labeller.py      # a few minutes on two cores
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from voice.reading.close_labeller import CloseLabeller

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "voice" / "data" / "quick-labeller"
sys.path.insert(0, str(ROOT / "tools"))

LABELS = ("O", "N", "S", "W")
GOLD_SHARE = 0.5
"""The share of each word's target that is its label in the line (the rest: the close labeller's reading)."""


def rows_of(
    text: str,
    spans: list[tuple[int, int, str]],
    hidden: set[tuple[int, int]],
    teacher: CloseLabeller,
    gold_share: float,
) -> tuple[np.ndarray, np.ndarray] | None:
    """A line's feature rows and targets (gold and the close labeller's chances mixed). A hidden name or school
    keeps no class of a name, school or public figure, as in the CRF's training (tools/train_redaction.py)."""
    import train_close_labeller as tc

    from voice.reading.quick_labeller import features
    from voice.reading.redact import FIGURE, FIRST, SCHOOL, SURNAME, Words

    words = Words(text)
    if not len(words):
        return None
    word_spans, labels = tc.word_labels(text, spans)
    classes = list(words.classes)
    for k, (s, e) in enumerate(word_spans):
        if any(s < ee and e > ss for ss, ee in hidden):
            classes[k] &= ~(FIRST | SURNAME | SCHOOL | FIGURE)
    starts = [b == "." for b in words.before]
    possessive = [words.possessive(k) for k in range(len(words))]
    rows = features(words.lowers, words.written, starts, possessive, classes)
    gold = np.zeros((len(words), len(LABELS)), dtype=np.float32)
    gold[np.arange(len(words)), [LABELS.index(lab) for lab in labels]] = 1.0
    read = teacher.chances(text, word_spans).astype(np.float32)
    return rows, gold_share * gold + (1 - gold_share) * read


def main() -> None:
    import torch
    import train_redaction as tr

    from voice.reading.close_labeller import shipped_close_labeller

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hold-out", default=tr.HOLD_OUT, help="development sets left out (comma-separated)")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--samples", type=int, default=10, help="how many times each template is filled")
    parser.add_argument("--gold", type=float, default=GOLD_SHARE, help="the share of a target that is the label")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--floor",
        type=float,
        default=0.05,
        help="a candidate word with at least this chance of being part of a detail is read by the close labeller "
        "(chosen on frozen8, frozen9 and frozen10 with tools/score_redaction.py)",
    )
    args = parser.parse_args()

    teacher = shipped_close_labeller()
    if teacher is None:
        raise SystemExit("the close labeller (src/voice/data/close-labeller/) is needed: it is what this one learns")
    held = tr.leave_out(args.hold_out)
    tr.SAMPLES = args.samples
    answers_files, tr.ANSWERS = tr.ANSWERS, []
    rng = random.Random(tr.SEED)
    chosen = tr.lines(rng)
    answers = [json.loads(r)["text"] for p in answers_files for r in p.read_text(encoding="utf-8").splitlines() if r]
    chosen += [(text, [], set()) for text in answers]
    rng.shuffle(chosen)
    print(f"{len(chosen):,} lines (held out: {held or 'none'})", flush=True)

    started = time.time()
    xs, ys = [], []
    for n, (text, spans, hidden) in enumerate(chosen):
        got = rows_of(text, spans, hidden, teacher, args.gold)
        if got is not None:
            xs.append(got[0])
            ys.append(got[1])
        if n % 2000 == 0:
            print(f"read {n:,} lines, {time.time() - started:.0f} s", flush=True)
    x = torch.tensor(np.vstack(xs))
    y = torch.tensor(np.vstack(ys))
    print(f"{len(x):,} words, {x.shape[1]} features", flush=True)

    torch.manual_seed(0)
    torch.set_num_threads(2)
    model = torch.nn.Sequential(
        torch.nn.Linear(x.shape[1], args.hidden), torch.nn.ReLU(), torch.nn.Linear(args.hidden, len(LABELS))
    )
    optimiser = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)
    batch = 512
    steps = args.epochs * ((len(x) + batch - 1) // batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=2e-3, total_steps=steps)
    for epoch in range(args.epochs):
        order = torch.randperm(len(x))
        total = 0.0
        for at in range(0, len(x), batch):
            pick = order[at : at + batch]
            logits = model(x[pick])
            loss = -(y[pick] * torch.log_softmax(logits, dim=1)).sum(dim=1).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(pick)
        print(f"epoch {epoch + 1}: loss {total / len(x):.4f}, {time.time() - started:.0f} s", flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    first, second = model[0], model[2]
    np.savez_compressed(
        args.out / "weights.npz",
        w1=first.weight.detach().numpy().T.astype(np.float16),
        b1=first.bias.detach().numpy().astype(np.float32),
        w2=second.weight.detach().numpy().T.astype(np.float32),
        b2=second.bias.detach().numpy().astype(np.float32),
    )
    meta = {
        "what": "redaction's quick labeller: one hidden layer over WordLlama's word vectors and the word lists' classes",
        "trained_on": dt.datetime.now(dt.UTC).date().isoformat(),
        "lines": len(xs),
        "words": len(x),
        "held_out": held,
        "labels": list(LABELS),
        "floor": args.floor,
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.out}", flush=True)


if __name__ == "__main__":
    main()
