"""Measuring themes against people's labels: `voice eval FILE.jsonl`.

Each line: {"text": ..., "sentiment": "negative|neutral|positive|mixed", "topics": [ids],
"safeguarding_flag": true|false, "id": ...}; other keys (such as "source") are ignored. A label left
out is not measured (a file of texts alone can still be read answer by answer: `--per-answer`).

Besides recall and precision, the figures say what the safeguarding lead lives with: the share of
answers that are *not* disclosures put in front of her (either list, and flags alone), and the load
that means in a survey where a stated share of answers are disclosures (`--prevalence`, 2% unless
told): answers in her lists per 1,000 answers, and per real disclosure among them. Precision on a
labelled set says little about that, since a labelled set holds far more disclosures than a survey.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import msgspec

from voice.reading.reader import Model
from voice.reading.redact import redact
from voice.reading.safeguarding import Flag
from voice.reading.themes import SENTIMENTS, AnswerReader, Theme, sentiment


class Labelled(msgspec.Struct, frozen=True):
    text: str
    sentiment: str | None = None
    topics: list[str] | None = None
    safeguarding_flag: bool | None = None
    safeguarding_category: str | None = None
    id: str | int | None = None


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
        if item.sentiment is not None and item.sentiment not in SENTIMENTS:
            raise EvalFileError(f"{path}:{number}: sentiment must be one of {', '.join(SENTIMENTS)}")
        items.append(item)
    if not items:
        raise EvalFileError(f"{path}: no labelled lines")
    return items


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "support": tp + fn}


def single_label(gold: list[str], predicted: list[str], labels: Iterable[str]) -> dict[str, Any]:
    per = {
        label: prf(
            sum(g == p == label for g, p in zip(gold, predicted, strict=True)),
            sum(p == label != g for g, p in zip(gold, predicted, strict=True)),
            sum(g == label != p for g, p in zip(gold, predicted, strict=True)),
        )
        for label in labels
    }
    present = [v["f1"] for v in per.values() if v["support"]]
    return {"macro_f1": round(sum(present) / len(present), 4) if present else 0.0, "per_label": per}


def multi_label(gold: list[set[str]], predicted: list[set[str]]) -> dict[str, Any]:
    labels = sorted(set().union(*gold, *predicted))
    per = {
        label: prf(
            sum(label in g and label in p for g, p in zip(gold, predicted, strict=True)),
            sum(label in p and label not in g for g, p in zip(gold, predicted, strict=True)),
            sum(label in g and label not in p for g, p in zip(gold, predicted, strict=True)),
        )
        for label in labels
    }
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    fp = sum(len(p - g) for g, p in zip(gold, predicted, strict=True))
    fn = sum(len(g - p) for g, p in zip(gold, predicted, strict=True))
    present = [v["f1"] for v in per.values() if v["support"]]
    return {
        "micro_f1": prf(tp, fp, fn)["f1"],
        "macro_f1": round(sum(present) / len(present), 4) if present else 0.0,
        "per_label": per,
    }


TOP_TIERS = ("flag", "person")
"""The tiers at the top of the lead's queue; "look" is read after them."""
BATCH = 256
PREVALENCE = 0.02
"""The share of a real survey's free-text answers that are disclosures, for the lead's expected load
(2%: about the share of answers flagged and confirmed by leads in partnership consultations)."""
TIER_ORDER = ("flag", "person", "look")


def read_all(items: list[Labelled], answer_reader: AnswerReader) -> list[tuple[Theme, list[Flag]]]:
    """Each answer read as the service reads it (in batches): redacted first, and read as (redacted, as typed)."""
    return [
        found
        for start in range(0, len(items), BATCH)
        for found in answer_reader.read([(redact(i.text).text, i.text) for i in items[start : start + BATCH]])
    ]


def top_flag(flags: list[Flag]) -> Flag | None:
    """The flag that puts the answer highest in front of the lead (TIER_ORDER), if any."""
    return next((f for t in TIER_ORDER for f in flags if f.tier == t), None)


def tier_of(flags: list[Flag]) -> str:
    """Where the answer is in front of the lead: "flag", "person", "look", or "none"."""
    first = top_flag(flags)
    return first.tier if first else "none"


def load(shown_rate: float, recall: float, prevalence: float) -> dict[str, float]:
    """The lead's expected lists in a survey where `prevalence` of answers are disclosures: answers in
    them per 1,000 answers, and per real disclosure (a disclosure missed still counts as one)."""
    per_thousand = 1000 * (prevalence * recall + (1 - prevalence) * shown_rate)
    disclosures = 1000 * prevalence
    return {
        "per_1000": round(per_thousand, 1),
        "per_disclosure": round(per_thousand / disclosures, 2) if disclosures else 0.0,
    }


def evaluate(items: list[Labelled], answer_reader: AnswerReader, prevalence: float = PREVALENCE) -> dict[str, Any]:
    """Sentiment, topics and safeguarding figures of the reader on these labelled answers (each figure
    on the answers that carry its label)."""
    read = read_all(items, answer_reader)
    themes = [theme for theme, _ in read]
    shown = [bool(flags) for _, flags in read]  # in front of the lead, whichever list
    top = [any(f.tier in TOP_TIERS for f in flags) for _, flags in read]
    known = [i for i, item in enumerate(items) if item.safeguarding_flag is not None]
    gold = [bool(items[i].safeguarding_flag) for i in known]
    both, flags_only = _prf([shown[i] for i in known], gold), _prf([top[i] for i in known], gold)
    negatives = [i for i in known if not items[i].safeguarding_flag]
    shown_neg = round(sum(shown[i] for i in negatives) / len(negatives), 4) if negatives else 0.0
    top_neg = round(sum(top[i] for i in negatives) / len(negatives), 4) if negatives else 0.0
    categories = sorted({i.safeguarding_category for i in items if i.safeguarding_flag and i.safeguarding_category})
    per_category = {
        c: {
            "recall": round(
                sum(
                    s for s, i in zip(shown, items, strict=True) if i.safeguarding_flag and i.safeguarding_category == c
                )
                / n,
                4,
            ),
            "support": n,
        }
        for c in categories
        if (n := sum(bool(i.safeguarding_flag) and i.safeguarding_category == c for i in items))
    }
    felt = [i for i, item in enumerate(items) if item.sentiment is not None]
    gold_sentiment = [str(items[i].sentiment) for i in felt]
    said = [themes[i].sentiment for i in felt]
    themed = [i for i, item in enumerate(items) if item.topics is not None]
    return {
        "n": len(items),
        "reader": "rules only" if answer_reader.model is None else answer_reader.model.version,
        "sentiment": single_label(gold_sentiment, said, SENTIMENTS) | {"confusion": confusion(gold_sentiment, said)},
        "topics": multi_label([set(items[i].topics or ()) for i in themed], [set(themes[i].topics) for i in themed]),
        "safeguarding": {
            "recall": both["recall"],
            "precision": both["precision"],
            "support": both["support"],
            "non_disclosures": len(negatives),
            "shown_non_disclosures": shown_neg,
            "flags": {
                "recall": flags_only["recall"],
                "precision": flags_only["precision"],
                "shown_non_disclosures": top_neg,
                "load": load(top_neg, flags_only["recall"], prevalence),
            },
            "load": load(shown_neg, both["recall"], prevalence) | {"prevalence": prevalence},
            "worth_a_look": sum(s and not t for s, t in zip(shown, top, strict=True)),
            "per_category": per_category,
        },
    }


def per_answer(items: list[Labelled], answer_reader: AnswerReader) -> list[dict[str, Any]]:
    """What the reader made of each answer, one dict each (`voice eval --per-answer`): its tier, the kind
    and score of the highest flag, why, the feeling and topics."""
    found = []
    for item, (theme, flags) in zip(items, read_all(items, answer_reader), strict=True):
        first = top_flag(flags)
        row: dict[str, Any] = {"id": item.id} if item.id is not None else {}
        row |= {
            "text": item.text,
            "tier": tier_of(flags),
            "category": first.category if first else None,
            "score": first.score if first else None,
            "why": first.reason if first else None,
            "sentiment": theme.sentiment,
            "topics": list(theme.topics),
        }
        found.append(row)
    return found


def _prf(predicted: list[bool], gold: list[bool]) -> dict[str, float]:
    return prf(
        sum(p and g for p, g in zip(predicted, gold, strict=True)),
        sum(p and not g for p, g in zip(predicted, gold, strict=True)),
        sum(g and not p for p, g in zip(predicted, gold, strict=True)),
    )


def confusion(gold: list[str], predicted: list[str]) -> dict[str, dict[str, int]]:
    """{gold label: {predicted label: count}} for the four feelings."""
    return {
        g: {p: sum(a == g and b == p for a, b in zip(gold, predicted, strict=True)) for p in SENTIMENTS}
        for g in SENTIMENTS
    }


HEADLINE = (
    "safeguarding.recall",
    "safeguarding.precision",
    "safeguarding.flags.recall",
    "safeguarding.flags.precision",
    "sentiment.macro_f1",
    "topics.micro_f1",
)
LOWER_IS_BETTER = ("safeguarding.shown_non_disclosures", "safeguarding.flags.shown_non_disclosures")
"""Figures shown beside the headline ones, where less is better (the lead's workload)."""


def flat(result: dict[str, Any]) -> dict[str, float]:
    """The headline figures as {"safeguarding.recall": ..., ...}."""
    found = {}
    for key in HEADLINE + LOWER_IS_BETTER:
        value: Any = result
        for part in key.split("."):
            value = value[part]
        found[key] = float(value)
    return found


def headline(items: list[Labelled], model: Model, prevalence: float = PREVALENCE) -> dict[str, Any]:
    """The model's headline figures beside the rules-only reader's, on the same answers, and the lead's
    load at `prevalence` (answers in her lists per real disclosure)."""
    ours, rules = (
        evaluate(items, AnswerReader(model=model), prevalence),
        evaluate(items, AnswerReader(rules_only=True), prevalence),
    )
    return {
        "n": len(items),
        "model": flat(ours),
        "rules": flat(rules),
        "prevalence": prevalence,
        "load": {
            "model": ours["safeguarding"]["load"]["per_disclosure"],
            "model_flags": ours["safeguarding"]["flags"]["load"]["per_disclosure"],
            "rules": rules["safeguarding"]["load"]["per_disclosure"],
        },
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
    items = [i for i in items if i.sentiment is not None]
    gold = [str(i.sentiment) for i in items]
    ours = [sentiment(i.text)[0] for i in items]
    found: dict[str, Any] = {
        "voice": single_label(gold, ours, SENTIMENTS)["macro_f1"],
        "textblob": single_label(gold, [_textblob_plain(i.text) for i in items], SENTIMENTS)["macro_f1"],
    }
    vader = _vader()
    found["vader"] = single_label(gold, [vader(i.text) for i in items], SENTIMENTS)["macro_f1"] if vader else None
    return found


def report(result: dict[str, Any]) -> str:
    lines = [
        f"{result['n']} labelled answers, read by {result['reader']}",
        "",
        "sentiment            precision  recall  f1     support",
    ]
    for label, v in result["sentiment"]["per_label"].items():
        lines.append(f"  {label:18s} {v['precision']:9.3f} {v['recall']:7.3f} {v['f1']:6.3f} {v['support']:7d}")
    lines += [
        f"  macro-F1 {result['sentiment']['macro_f1']:.3f}",
        "",
        "  confusion (rows: people's label; columns: the reader's)",
        "  " + " " * 10 + "".join(f"{p:>10s}" for p in SENTIMENTS),
    ]
    for gold, row in result["sentiment"]["confusion"].items():
        lines.append(f"  {gold:10s}" + "".join(f"{row[p]:10d}" for p in SENTIMENTS))
    lines += ["", "topics                            precision  recall  f1     support"]
    for label, v in result["topics"]["per_label"].items():
        lines.append(f"  {label:31s} {v['precision']:9.3f} {v['recall']:7.3f} {v['f1']:6.3f} {v['support']:7d}")
    lines += [f"  micro-F1 {result['topics']['micro_f1']:.3f}   macro-F1 {result['topics']['macro_f1']:.3f}", ""]
    sg = result["safeguarding"]
    if sg["support"]:
        lines += [
            f"safeguarding (flags and worth a look): recall {sg['recall']:.3f}, precision {sg['precision']:.3f} "
            f"({sg['support']} flagged by people)",
            f"  flags alone: recall {sg['flags']['recall']:.3f}, precision {sg['flags']['precision']:.3f}; "
            f"{sg['worth_a_look']} answers worth a look",
        ]
    if sg["non_disclosures"]:
        at, load_ = sg["load"]["prevalence"], sg["load"]
        lines += [
            f"  answers that are not disclosures put in front of the lead: {sg['shown_non_disclosures']:.1%} "
            f"(flags alone {sg['flags']['shown_non_disclosures']:.1%}) of {sg['non_disclosures']}",
            f"  the lead's load where {at:.0%} of answers are disclosures: {load_['per_1000']:.0f} answers in her "
            f"lists per 1,000 ({load_['per_disclosure']:.1f} per real disclosure); flags alone "
            f"{sg['flags']['load']['per_1000']:.0f} ({sg['flags']['load']['per_disclosure']:.1f})",
        ]
    if sg["support"]:
        if sg["per_category"]:
            lines.append("  recall by kind of disclosure (either list):")
            lines += [f"    {c:26s} {v['recall']:.3f} of {v['support']}" for c, v in sg["per_category"].items()]
    else:
        lines.append("safeguarding: no answer in this file is flagged by people, so recall cannot be measured")
    if "baselines" in result:
        b = result["baselines"]
        vader = f"{b['vader']:.3f}" if b["vader"] is not None else "not installed"
        lines += [
            "",
            f"sentiment macro-F1 side by side: this reader {result['sentiment']['macro_f1']:.3f}, "
            f"voice's rules {b['voice']:.3f}, plain TextBlob {b['textblob']:.3f}, VADER {vader}",
        ]
        if "rules_only" in b:
            lines += ["", "headline figures                 this reader  rules only"]
            ours = flat(result)
            lines += [f"  {k:30s} {ours[k]:11.3f} {v:11.3f}" for k, v in b["rules_only"].items()]
    return "\n".join(lines)
