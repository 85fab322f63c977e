"""The whole reading step on one core: redaction, safeguarding (rules, the model whole and sentence by
sentence, the language check), sentiment and topics, for answers of 10 to 60 words built from the
ordinary lines in tests/data/redaction (young people's published words and everyday phrasing).

Two paths: one answer at a time (as the service reads a response) and in batches of 64 (as `voice
theme`, imports and the background reader can). The process is pinned to one CPU and the embedding's
tokenizer to one thread.

    .venv/bin/python bench/theming.py            # reading speed
    .venv/bin/python bench/theming.py --memory   # also memory per worker: `voice serve`, now and at REV
    .venv/bin/python bench/theming.py --close-floor 1    # the close reader on the lists' answers only
    .venv/bin/python bench/theming.py --no-close-reader  # the first reader alone
    .venv/bin/python bench/theming.py --lines voices     # the reader's labelled answers as written
"""

from __future__ import annotations

import os

os.environ.setdefault("RAYON_NUM_THREADS", "1")  # the tokenizer's thread pool, before it is loaded
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from voice.reading.redact import redact
from voice.reading.themes import AnswerReader

ROOT = Path(__file__).parent.parent
LINES = [
    ln
    for ln in (ROOT / "tests/data/redaction/ordinary.txt").read_text().splitlines()
    if ln.strip() and not ln.startswith("#")
]
BATCH = 64


VOICES = ROOT / "training" / "voices.jsonl"
SOURCE = {"lines": "ordinary"}
"""Where the answers come from: "ordinary" (answers of 10 to 60 words built from tests/data/redaction/ordinary.txt,
lines written to hold the words redaction must leave: "hope", "will", "jack", "forest") or "voices" (the reader's
2,265 labelled answers, as written, in turn)."""


def answers(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    if SOURCE["lines"] == "voices":
        texts = [json.loads(line)["text"] for line in VOICES.read_text(encoding="utf-8").splitlines() if line]
        rng.shuffle(texts)
        return [texts[i % len(texts)] for i in range(n)]
    out = []
    while len(out) < n:
        target = rng.randint(10, 60)
        words: list[str] = []
        while len(words) < target:
            words += rng.choice(LINES).split()
        out.append(" ".join(words[:target]))
    return out


def one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def measure(answer_reader: AnswerReader | None = None, batch: int = 1) -> tuple[float, float]:
    """(best answers read per second over three passes, mean words per answer)."""
    one_core()
    answer_reader = answer_reader or AnswerReader()
    texts = answers(5000)
    answer_reader.read([(redact(t).text, t) for t in texts[:200]])  # warm caches (lemmas, regexes, the embedding)
    best = 0.0
    for _ in range(3):
        start = time.perf_counter()
        for at in range(0, len(texts), batch):
            chunk = texts[at : at + batch]
            answer_reader.read([(redact(t).text, t) for t in chunk])
        best = max(best, len(texts) / (time.perf_counter() - start))
    return best, sum(len(t.split()) for t in texts) / len(texts)


def serve_memory(src: Path | None = None) -> float:
    """Resident memory (MB) of a `voice serve` worker that has started and read one answer; `src` runs
    another checkout's code (its src/ folder) with the same packages."""
    with tempfile.TemporaryDirectory() as tmp:
        port = 18000 + os.getpid() % 1000
        env = {**os.environ, "VOICE_DB_PATH": f"{tmp}/voice.db", "VOICE_PORT": str(port), "VOICE_SECRET": "bench"}
        if src is not None:
            env["PYTHONPATH"] = str(src)
        server = subprocess.Popen(
            [sys.executable, "-m", "voice", "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        http.get("/healthz")
                        break
                    except httpx.ConnectError:
                        if time.monotonic() > deadline:
                            raise
                        time.sleep(0.2)
                http.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": answers(1)[0]}})
                time.sleep(2)
            status = Path(f"/proc/{server.pid}/status").read_text()
            return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) / 1024
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(30)


def old_checkout(rev: str, into: Path) -> Path:
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(into), rev], check=True, capture_output=True
    )
    return into / "src"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--memory", action="store_true", help="also measure a serving worker's memory")
    parser.add_argument("--before", default="a2b557d", help="the revision to compare memory with")
    parser.add_argument(
        "--close-floor",
        type=float,
        default=None,
        help="VOICE_CLOSE_FLOOR: also read closely the answers in neither list scored at least this (default: the "
        "close reader's own, as the service reads; 1: only the answers worth a look)",
    )
    parser.add_argument(
        "--no-close-reader", action="store_true", help="the first reader alone (as VOICE_CLOSE_READER=0 serves)"
    )
    parser.add_argument(
        "--lines",
        choices=("ordinary", "voices"),
        default="ordinary",
        help="the answers read: built from redaction's ordinary lines (the default, full of words that are names "
        "somewhere), or the reader's labelled answers as written (training/voices.jsonl)",
    )
    args = parser.parse_args()
    SOURCE["lines"] = args.lines
    texts = answers(5000)
    words = sum(len(t.split()) for t in texts) / len(texts)
    closely = not args.no_close_reader
    single, _ = measure(AnswerReader(close_floor=args.close_floor, read_closely=closely))
    batched, _ = measure(AnswerReader(close_floor=args.close_floor, read_closely=closely), batch=BATCH)
    rules, _ = measure(AnswerReader(rules_only=True))
    print(
        f"| reading step, one answer at a time (one core, {len(texts)} answers, mean {words:.0f} words) | "
        f"{single:,.0f}/s |"
    )
    print(f"| reading step, batches of {BATCH} | {batched:,.0f}/s |")
    print(f"| the same with the rules only (no model) | {rules:,.0f}/s |")
    print(f"| estimated time to re-read 100,000 answers (batches, no I/O) | {100_000 / batched:.1f} s |")
    if args.memory:
        with tempfile.TemporaryDirectory() as tmp:
            src = old_checkout(args.before, Path(tmp) / "before")
            try:
                before = serve_memory(src)
            finally:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(Path(tmp) / "before")],
                    check=False,
                    capture_output=True,
                )
        now = serve_memory()
        print(f"| memory of a serving worker after its first answer, at {args.before} | {before:.0f} MB |")
        print(f"| memory of a serving worker after its first answer, now | {now:.0f} MB |")


if __name__ == "__main__":
    main()
