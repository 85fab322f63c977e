"""`voice export you-said-we-did` over many stored responses. Target (issue #5): 100,000 responses in
under 10 s. Run: .venv/bin/python bench/export.py [N ...]   (default: 10000 100000)

The database is filled directly (not through record(), which would take most of an hour for 100,000):
responses to the three example surveys over the 2021/22 year, made-up choice answers, free text from
the redaction test file's ordinary lines themed once per distinct line, the demo's priorities and
actions, and a few approved quotes. Each format is timed as its own `voice export` process (start-up,
reading and protecting the numbers, writing), then all six formats in one process.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import msgspec

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "src"))

from voice.demo import DEMO_PLAN, synthetic_answers  # noqa: E402
from voice.reading.themes import default_answer_reader  # noqa: E402
from voice.reporting.priorities import import_plan, load_plan  # noqa: E402
from voice.store import tallies  # noqa: E402
from voice.store.catalogue import Catalogue  # noqa: E402
from voice.store.db import migrate, opened  # noqa: E402
from voice.surveys.schema import TEXT_KINDS  # noqa: E402

LINES = [
    ln
    for ln in (ROOT / "tests/data/redaction/ordinary.txt").read_text().splitlines()
    if ln.strip() and not ln.startswith("#")
]


def fill(db_path: str, n: int) -> None:
    migrate(db_path)
    catalogue = Catalogue(db_path, ROOT / "surveys")
    answer_reader = default_answer_reader()
    themed = {line: answer_reader.theme(line) for line in LINES}
    rng = random.Random(5)
    surveys = catalogue.all()
    encode = msgspec.json.encode
    start = dt.date(2021, 4, 1)
    with opened(db_path) as db:
        conn = db.conn
        conn.execute("PRAGMA synchronous = OFF")  # filling a benchmark file, not serving young people
        next_id = 1
        for chunk in range(0, n, 5000):
            responses, answers, themes = [], [], []
            for i in range(chunk, min(n, chunk + 5000)):
                published = surveys[i % len(surveys)]
                given = synthetic_answers(published, rng, LINES)
                responses.append(
                    (
                        i + 1,
                        f"B{i:09d}",
                        published.slug,
                        published.version_id,
                        "web",
                        (start + dt.timedelta(days=rng.randrange(365))).isoformat(),
                        1,
                    )
                )
                for qid, value in given.items():
                    question = published.survey.question(qid)
                    if question is None or question.kind in ("quote_consent", "contact_request"):
                        continue
                    text = value if question.kind in TEXT_KINDS else None
                    answers.append((next_id, i + 1, qid, encode(value).decode(), text))
                    if text:
                        t = themed[text]
                        themes.append(
                            (
                                next_id,
                                t.sentiment,
                                t.score,
                                encode(list(t.topics)).decode(),
                                encode(t.matched).decode(),
                                answer_reader.version,
                                "2021-06-01",
                            )
                        )
                    next_id += 1
            with db.atomic():
                conn.executemany(
                    "INSERT INTO responses (id, receipt, survey_slug, version_id, channel, submitted_on, "
                    "quote_consent) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    responses,
                )
                conn.executemany(
                    "INSERT INTO answers (id, response_id, question_id, value, text) VALUES (?, ?, ?, ?, ?)", answers
                )
                conn.executemany(
                    "INSERT INTO themes (answer_id, sentiment, score, topics, matched, version, themed_on) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    themes,
                )
        with db.atomic():  # the counts reports read, kept by record() as answers are read (voice/tallies.py)
            tallies.rebuild(db)
        import_plan(db, load_plan(DEMO_PLAN, answer_reader.taxonomy), answer_reader.taxonomy, "bench")
        with db.atomic():
            for answer_id, text in db.execute(
                "SELECT min(id), text FROM answers WHERE text IS NOT NULL GROUP BY text LIMIT 8"
            ).fetchall():
                db.execute(
                    "INSERT INTO quotes (answer_id, text, attribution, proposed_by, proposed_at, status, "
                    "decided_by, decided_at) VALUES (?, ?, '(bench)', 'a', '2022-01-01', 'approved', 'b', "
                    "'2022-01-02')",
                    [answer_id, text],
                )


def export(db_path: str, out: Path, formats: list[str]) -> float:
    args = [
        sys.executable,
        "-m",
        "voice",
        "export",
        "you-said-we-did",
        "--year",
        "2021/22",
        "--out",
        str(out),
        "--db",
        db_path,
    ]
    for fmt in formats:
        args += ["--format", fmt]
    env = {**os.environ, "VOICE_SURVEYS_DIR": str(ROOT / "surveys")}
    began = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    took = time.perf_counter() - began
    if done.returncode:
        raise SystemExit(f"voice export failed: {done.stdout}{done.stderr}")
    return took


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    print(f"| responses | answers | fill | {' | '.join(['html', 'pdf', 'docx', 'md', 'csv', 'json', 'all six'])} |")
    print("|---|---|---|" + "---|" * 7)
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db_path = str(Path(tmp) / "bench.db")
            began = time.perf_counter()
            fill(db_path, n)
            filled = time.perf_counter() - began
            with opened(db_path) as db:
                answers = db.execute("SELECT count(*) FROM answers").fetchone()[0]
            times = [export(db_path, Path(tmp) / fmt, [fmt]) for fmt in ("html", "pdf", "docx", "md", "csv", "json")]
            times.append(export(db_path, Path(tmp) / "all", ["all"]))
            print(
                f"| {n:,} | {answers:,} | {filled:.0f} s | " + " | ".join(f"{t:.1f} s" for t in times) + " |",
                flush=True,
            )


if __name__ == "__main__":
    main()
