"""Measuring themes against people's labels: `voice eval FILE.jsonl`.

Each line: {"text": ..., "sentiment": "negative|neutral|positive|mixed", "topics": [ids],
"safeguarding_flag": true|false}; other keys (such as "source") are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import msgspec

from voice.safeguarding import flags_for
from voice.themes import SENTIMENTS, Themer, sentiment


class Labelled(msgspec.Struct, frozen=True):
    text: str
    sentiment: str
    topics: list[str] = []
    safeguarding_flag: bool = False


class EvalFileError(ValueError):
    pass


def read_labelled(path: Path) -> list[Labelled]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = msgspec.json.decode(line, type=Labelled)
        except msgspec.DecodeError as exc:
            raise EvalFileError(f"{path}:{number}: {exc}") from None
        if item.sentiment not in SENTIMENTS:
            raise EvalFileError(f"{path}:{number}: sentiment must be one of {', '.join(SENTIMENTS)}")
        items.append(item)
    if not items:
        raise EvalFileError(f"{path}: no labelled lines")
    return items


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "support": tp + fn}


def single_label(gold: list[str], predicted: list[str], labels: Iterable[str]) -> dict[str, Any]:
    per = {label: prf(sum(g == p == label for g, p in zip(gold, predicted, strict=True)),
                      sum(p == label != g for g, p in zip(gold, predicted, strict=True)),
                      sum(g == label != p for g, p in zip(gold, predicted, strict=True)))
           for label in labels}
    present = [v["f1"] for v in per.values() if v["support"]]
    return {"macro_f1": round(sum(present) / len(present), 4) if present else 0.0, "per_label": per}


def multi_label(gold: list[set[str]], predicted: list[set[str]]) -> dict[str, Any]:
    labels = sorted(set().union(*gold, *predicted))
    per = {label: prf(sum(label in g and label in p for g, p in zip(gold, predicted, strict=True)),
                      sum(label in p and label not in g for g, p in zip(gold, predicted, strict=True)),
                      sum(label in g and label not in p for g, p in zip(gold, predicted, strict=True)))
           for label in labels}
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, predicted, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, predicted, strict=True))
    present = [v["f1"] for v in per.values() if v["support"]]
    return {"micro_f1": prf(tp, fp, fn)["f1"], "macro_f1": round(sum(present) / len(present), 4) if present else 0.0,
            "per_label": per}


def evaluate(items: list[Labelled], themer: Themer) -> dict[str, Any]:
    themes = [themer.theme(item.text) for item in items]
    flagged = [bool(flags_for(item.text)) for item in items]
    safeguarding = prf(sum(f and i.safeguarding_flag for f, i in zip(flagged, items, strict=True)),
                       sum(f and not i.safeguarding_flag for f, i in zip(flagged, items, strict=True)),
                       sum(i.safeguarding_flag and not f for f, i in zip(flagged, items, strict=True)))
    return {
        "n": len(items),
        "sentiment": single_label([i.sentiment for i in items], [t.sentiment for t in themes], SENTIMENTS),
        "topics": multi_label([set(i.topics) for i in items], [set(t.topics) for t in themes]),
        "safeguarding": {"recall": safeguarding["recall"], "precision": safeguarding["precision"],
                         "support": safeguarding["support"]},
    }


def _textblob_plain(text: str) -> str:
    from textblob import TextBlob

    polarity = TextBlob(text).sentiment.polarity
    return "positive" if polarity > 0.1 else "negative" if polarity < -0.1 else "neutral"


def _vader() -> Callable[[str], str] | None:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        return None
    analyser = SentimentIntensityAnalyzer()

    def label(text: str) -> str:
        compound = analyser.polarity_scores(text)["compound"]
        return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"

    return label


def baselines(items: list[Labelled]) -> dict[str, Any]:
    """Sentiment macro-F1 of plain TextBlob and of VADER (when installed), on the same lines."""
    gold = [i.sentiment for i in items]
    ours = [sentiment(i.text)[0] for i in items]
    found: dict[str, Any] = {"voice": single_label(gold, ours, SENTIMENTS)["macro_f1"],
                             "textblob": single_label(gold, [_textblob_plain(i.text) for i in items], SENTIMENTS)["macro_f1"]}
    vader = _vader()
    found["vader"] = single_label(gold, [vader(i.text) for i in items], SENTIMENTS)["macro_f1"] if vader else None
    return found


def report(result: dict[str, Any]) -> str:
    lines = [f"{result['n']} labelled answers", "", "sentiment            precision  recall  f1     support"]
    for label, v in result["sentiment"]["per_label"].items():
        lines.append(f"  {label:18s} {v['precision']:9.3f} {v['recall']:7.3f} {v['f1']:6.3f} {v['support']:7d}")
    lines += [f"  macro-F1 {result['sentiment']['macro_f1']:.3f}", "", "topics               precision  recall  f1     support"]
    for label, v in result["topics"]["per_label"].items():
        lines.append(f"  {label:18s} {v['precision']:9.3f} {v['recall']:7.3f} {v['f1']:6.3f} {v['support']:7d}")
    lines += [f"  micro-F1 {result['topics']['micro_f1']:.3f}   macro-F1 {result['topics']['macro_f1']:.3f}", "",
              (f"safeguarding: recall {result['safeguarding']['recall']:.3f}, precision "
               f"{result['safeguarding']['precision']:.3f} ({result['safeguarding']['support']} flagged by people)"
               if result["safeguarding"]["support"] else
               "safeguarding: no answer in this file is flagged by people, so recall cannot be measured")]
    if "baselines" in result:
        b = result["baselines"]
        vader = f"{b['vader']:.3f}" if b["vader"] is not None else "not installed"
        lines += ["", f"sentiment macro-F1 side by side: voice {b['voice']:.3f}, plain TextBlob {b['textblob']:.3f}, "
                      f"VADER {vader}"]
    return "\n".join(lines)
