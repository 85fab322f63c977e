"""Import a 10,000-row CSV (one bad row near the end) with `voice import --all-or-nothing`, then again
without the bad row. Target (issue #4): under 30 s. Run: .venv/bin/python bench/import_10k.py"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent
HEADER = (
    '"How old are you?",Where do you live?,Which of these should the partnership work hardest on?,'
    "What is the one thing you would change to help young people feel safe?\n"
)
LINES = [
    ln
    for ln in (ROOT / "tests/data/redaction/ordinary.txt").read_text().splitlines()
    if ln.strip() and not ln.startswith("#")
]


def write_csv(path: Path, rows: int, bad_line: int | None) -> None:
    rng = random.Random(1)
    ages, areas = ["11 to 13", "14 to 15", "16 to 17", "18 to 25"], ["Leicester city", "Leicestershire", "Rutland"]
    worries = ["Bullying", "Staying safe online", "Mental health and feeling OK", "Waiting less for help"]
    with path.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        for line in range(2, rows + 2):
            if line == bad_line:
                f.write("99,Mars,Flying,x\n")
                continue
            text = " ".join(rng.choice(LINES) for _ in range(rng.randint(1, 4))).replace('"', "'")
            f.write(f'{rng.choice(ages)},{rng.choice(areas)},"{rng.choice(worries)}; {rng.choice(worries)}","{text}"\n')


def run(csv_file: Path, db: Path, *args: str) -> tuple[float, str, int]:
    env = {**os.environ, "VOICE_SURVEYS_DIR": str(ROOT / "surveys")}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "voice", "import", "ypag-priorities", str(csv_file), "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return time.perf_counter() - start, (done.stdout + done.stderr).strip().splitlines()[-1], done.returncode


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bad, good, db = Path(tmp) / "bad.csv", Path(tmp) / "good.csv", Path(tmp) / "v.db"
        write_csv(bad, 10_000, bad_line=9_000)
        write_csv(good, 10_000, bad_line=None)
        seconds, last, code = run(bad, db, "--all-or-nothing")
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
        print(
            f"| 10,000 rows, one bad (line 9,000), --all-or-nothing | {seconds:.1f} s | exit {code} | {stored} stored | {last} |"
        )
        seconds, last, code = run(good, db, "--all-or-nothing")
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
        print(f"| 10,000 good rows, --all-or-nothing | {seconds:.1f} s | exit {code} | {stored} stored | {last} |")


if __name__ == "__main__":
    main()
