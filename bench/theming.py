"""Answers themed per second on one core (sentiment + topics + safeguarding rules), for answers of
10 to 60 words built from the ordinary lines in tests/data/redaction (young people's published words
and everyday phrasing). Run: .venv/bin/python bench/theming.py"""

from __future__ import annotations

import random
import time
from pathlib import Path

from voice.safeguarding import flags_for
from voice.themes import Themer

ROOT = Path(__file__).parent.parent
LINES = [ln for ln in (ROOT / "tests/data/redaction/ordinary.txt").read_text().splitlines()
         if ln.strip() and not ln.startswith("#")]


def answers(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        target = rng.randint(10, 60)
        words: list[str] = []
        while len(words) < target:
            words += rng.choice(LINES).split()
        out.append(" ".join(words[:target]))
    return out


def measure() -> tuple[float, float]:
    """(best answers themed per second over three passes, mean words per answer)."""
    themer = Themer()
    texts = answers(5000)
    for text in texts[:200]:  # warm caches (lemma dictionary, regexes)
        themer.theme(text)
        flags_for(text)
    best = 0.0
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            themer.theme(text)
            flags_for(text)
        best = max(best, len(texts) / (time.perf_counter() - start))
    return best, sum(len(t.split()) for t in texts) / len(texts)


def main() -> None:
    best, words = measure()
    texts = answers(5000)
    print(f"| themed answers per second (one core, {len(texts)} answers, mean {words:.0f} words) | {best:,.0f} |")
    print(f"| estimated time to re-theme 100,000 answers (theming only, no I/O) | {100_000 / best:.1f} s |")


if __name__ == "__main__":
    main()
