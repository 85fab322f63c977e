"""How much do people's corrections improve topics? Leave-one-out on a labelled JSONL file (default:
the seed quotes): for each line, the other lines' labels stand in for facilitators' corrections, and
the line is themed with the taxonomy alone and with the taxonomy plus what was learned.
Run: .venv/bin/python bench/learning.py [FILE.jsonl]"""

from __future__ import annotations

import sys
from pathlib import Path

from voice.reading.evaluation import multi_label, read_labelled
from voice.reading.learning import LearnedTopics
from voice.reading.themes import AnswerReader

ROOT = Path(__file__).parent.parent


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/data/themes/seed_quotes.jsonl"
    items = read_labelled(path)
    plain = AnswerReader()
    gold, alone, learned = [], [], []
    for i, item in enumerate(items):
        training = [(o.text, o.topics) for j, o in enumerate(items) if j != i]
        with_learning = AnswerReader(plain.taxonomy, LearnedTopics(training))
        gold.append(set(item.topics))
        alone.append(set(plain.topics(item.text)[0]))
        learned.append(set(with_learning.topics(item.text)[0]))
    a, b = multi_label(gold, alone), multi_label(gold, learned)
    print(
        f"| {path.name}, {len(items)} lines, leave-one-out | taxonomy alone: micro-F1 {a['micro_f1']:.3f}, "
        f"macro-F1 {a['macro_f1']:.3f} | with learning: micro-F1 {b['micro_f1']:.3f}, macro-F1 {b['macro_f1']:.3f} |"
    )


if __name__ == "__main__":
    main()
