"""Every benchmark in one run, voice side by side with the floor (bench/floor.py: a bare Litestar +
msgspec app that inserts one row into SQLite per request, with the same WAL + synchronous=FULL), and one
table at the end. Targets (issue #7): full-path submissions at concurrency 64 at least 60% of the
floor's rate with p99 under 100 ms; page views at least 50% of the floor's.

Run: .venv/bin/python bench/run_all.py [--workers 2] [--duration 10] [--export 10000 100000]

Load comes from wrk (Debian's package, installed here if missing and running as root), on loopback,
sharing the machine's cores with the servers, as a school's burst would not; both sides pay that alike.
Submissions through the full path: the JSON API (checked, stored durably, 201) and the form post that
sends a young person's answers from "Check your answers" (the same, then 303 to the thank-you page), each
with its own unfinished answers made beforehand. Voice reads (redacts, flags, themes) what was sent after
answering, in its quiet moments: after each burst the runner waits until every answer has been read, and
reports how many were waiting and how long reading them took, before the next measurement starts.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).parent.parent
BENCH = Path(__file__).parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(BENCH))

import export as export_bench  # noqa: E402
import page_weight  # noqa: E402
import theming  # noqa: E402

from voice.intake import drafts  # noqa: E402
from voice.store.catalogue import Catalogue  # noqa: E402
from voice.store.db import migrate, opened  # noqa: E402

SLUG = "ypag-priorities"
TEXT = "More places to talk without being judged, and shorter waits for CAMHS."
API_BODY = (
    '{"answers": {"age_band": "14-15", "top_worries": ["bullying", "waiting"], "listened_to": 4, '
    '"most_important": "' + TEXT + ' %d"}}'
)
PAGE_TWO = "&top_worries=bullying&top_worries=waiting&most_important=" + TEXT.replace(" ", "+").replace(",", "%2C")
ANSWERS = {"age_band": "14-15", "top_worries": ["bullying", "waiting"], "listened_to": "4", "most_important": TEXT}

LUA_POST = """
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "%(type)s"
request = function()
  n = n + 1
  return wrk.format(nil, nil, nil, string.format('%(body)s', n))
end
"""
# Each wrk thread takes its own share of the prepared unfinished answers (one per submission).
LUA_DRAFTS = """
local counter = 0
function setup(thread) thread:set("id", counter); counter = counter + 1 end
function init(args)
  tokens = {}
  for line in io.lines("%(tokens)s") do tokens[#tokens + 1] = line end
  i = id + 1
end
request = function()
  local token = tokens[i] or tokens[1]
  i = i + %(threads)d
  return wrk.format("POST", "%(path)s", {["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "voice_draft=" .. token .. "; voice_csrf=%(csrf_cookie)s"}, "_csrf_token=%(csrf_token)s")
end
"""
LUA_GET = """
wrk.headers["Cookie"] = "%(cookie)s"
"""
THREADS = 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            capture_output=True,
        )
        return shutil.which("wrk") or sys.exit("wrk did not install")
    sys.exit("bench/run_all.py needs wrk: sudo apt-get install wrk")


def wait_up(url: str) -> None:
    for _ in range(300):
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    sys.exit(f"the server at {url} did not start")


def to_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(url: str, lua: str, concurrency: int, duration: int, tmp: Path) -> dict[str, float]:
    script = tmp / f"load-{time.monotonic_ns()}.lua"
    script.write_text(lua)
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(THREADS),
            "-c",
            str(concurrency),
            "-d",
            f"{duration}s",
            "--latency",
            "--timeout",
            "30s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latencies = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.MULTILINE))
    if "99" not in latencies:
        sys.exit(f"wrk gave no latencies for {url}:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),  # type: ignore[index]
        "requests": int(re.search(r"(\d+) requests in", out)[1]),  # type: ignore[index]
        "p50": to_ms(latencies["50"]),
        "p99": to_ms(latencies["99"]),
        "bad": int(bad[1]) if bad else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def drain(db_path: str) -> tuple[int, float]:
    """After a burst: how many answers were still waiting to be read, and how long voice took to read
    them all (it reads in its quiet moments). The next measurement starts after that, so neither side
    is measured while voice is still reading."""

    def waiting() -> int:
        with sqlite3.connect(db_path) as conn:
            return int(conn.execute("SELECT count(*) FROM unread").fetchone()[0])

    backlog, started = waiting(), time.monotonic()
    while waiting():
        if time.monotonic() - started > 600:
            sys.exit("voice did not read the waiting answers within 10 minutes")
        time.sleep(0.2)
    return backlog, time.monotonic() - started


def worker_memory(pid: int) -> list[float]:
    """Resident memory (MB) of each worker process the server started."""
    out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(pid)], capture_output=True, text=True, check=False).stdout
    return [int(x) / 1024 for x in out.split()]


def prepare_voice(tmp: Path, n_drafts: int, stored: int) -> tuple[str, list[str]]:
    """A database with the example surveys, `stored` responses already in it (as bench/export.py fills
    them), `n_drafts` unfinished answers ready to send, and one to view."""
    db_path = str(tmp / "voice.db")
    migrate(db_path)
    if stored:
        export_bench.fill(db_path, stored)
    catalogue = Catalogue(db_path, ROOT / "surveys")
    catalogue.refresh()
    version_id = catalogue.current(SLUG).version_id  # type: ignore[union-attr]
    tokens = []
    with opened(db_path) as db, db.atomic():
        for _ in range(n_drafts):
            token = drafts.create(db, SLUG, version_id, 24)
            drafts.save(db, token, ANSWERS)
            tokens.append(token)
    return db_path, tokens


class WalWatch:
    """The largest size a file reaches, looked at every 50 ms in a thread, until stop()."""

    def __init__(self, path: str) -> None:
        self.largest = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(Path(path),), daemon=True)
        self._thread.start()

    def _watch(self, path: Path) -> None:
        while not self._stop.wait(0.05):
            with contextlib.suppress(FileNotFoundError):
                self.largest = max(self.largest, path.stat().st_size)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def row(label: str, voice: dict[str, float], floor: dict[str, float] | None, target: str) -> str:
    def cell(r: dict[str, float]) -> str:
        problems = f", {int(r['bad'])} failed" if r.get("bad") else ""
        return f"{r['rate']:,.0f}/s, p50 {r['p50']:.0f} ms, p99 {r['p99']:.0f} ms{problems}"

    ratio = f"{voice['rate'] / floor['rate']:.0%}" if floor else ""
    return f"| {label} | {cell(voice)} | {cell(floor) if floor else ''} | {ratio} | {target} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per measurement")
    parser.add_argument("--export", type=int, nargs="*", default=[10_000, 100_000], help="stored responses")
    parser.add_argument("--stored", type=int, default=0, help="responses already stored when serving")
    args = parser.parse_args()
    ensure_wrk()
    rows: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db_path, tokens = prepare_voice(tmp, 40_001, args.stored)
        for run, share in enumerate((tokens[1:20_001], tokens[20_001:])):  # one share per form-post run
            (tmp / f"tokens-{run}.txt").write_text("\n".join(share) + "\n")
        voice_port, floor_port = free_port(), free_port()
        env = {
            **os.environ,
            "VOICE_DB_PATH": db_path,
            "VOICE_PORT": str(voice_port),
            "VOICE_SECRET": "bench",
            "VOICE_SUBMISSIONS_PER_MINUTE": "0",
            "VOICE_SURVEYS_DIR": str(ROOT / "surveys"),
        }
        voice = subprocess.Popen(
            [sys.executable, "-m", "voice", "serve", "--workers", str(args.workers)],
            env=env,
            stdout=(tmp / "voice.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        floor = subprocess.Popen(
            [sys.executable, str(BENCH / "floor.py"), str(floor_port), str(args.workers)],
            env={**env, "FLOOR_DB": str(tmp / "floor.db"), "PYTHONPATH": str(BENCH)},
            stdout=(tmp / "floor.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        wal = WalWatch(f"{db_path}-wal")
        try:
            v, f = f"http://127.0.0.1:{voice_port}", f"http://127.0.0.1:{floor_port}"
            wait_up(f"{v}/healthz")
            wait_up(f"{f}/page")
            start = httpx.get(f"{v}/s/{SLUG}")
            csrf_cookie = start.cookies["voice_csrf"]
            csrf_token = re.search(r'name="_csrf_token" value="([^"]+)"', start.text)[1]  # type: ignore[index]
            json_post = LUA_POST % {"type": "application/json", "body": API_BODY}
            form_floor = LUA_POST % {
                "type": "application/x-www-form-urlencoded",
                "body": "_csrf_token=x&age_band=14-15&most_important=" + TEXT.replace(" ", "+") + "+%d",
            }
            sent = 0
            reading: list[tuple[str, int, float]] = []
            for c in (16, 64):
                vr = wrk(f"{v}/api/surveys/{SLUG}/responses", json_post, c, args.duration, tmp)
                reading.append((f"API, concurrency {c}", *drain(db_path)))
                fr = wrk(f"{f}/submit", json_post, c, args.duration, tmp)
                rows.append(
                    row(
                        f"JSON API submissions, concurrency {c}",
                        vr,
                        fr,
                        "≥ 60% of floor, p99 < 100 ms" if c == 64 else "",
                    )
                )
                sent += vr["requests"]
            # "Continue" on a question page: the page's answers checked and saved with the unfinished
            # ones (a class clicks through several pages for each survey sent).
            save_lua = LUA_DRAFTS % {
                "tokens": tmp / "tokens-0.txt",
                "threads": THREADS,
                "path": f"/s/{SLUG}/p/2",
                "csrf_cookie": csrf_cookie,
                "csrf_token": csrf_token + PAGE_TWO,
            }
            vr = wrk(f"{v}/s/{SLUG}/p/2", save_lua, 64, args.duration, tmp)
            fr = wrk(f"{f}/form", form_floor, 64, args.duration, tmp)
            rows.append(row("saving a page of answers (“Continue”), concurrency 64", vr, fr, ""))
            for run, c in enumerate((16, 64)):
                drafts_lua = LUA_DRAFTS % {
                    "tokens": tmp / f"tokens-{run}.txt",
                    "threads": THREADS,
                    "path": f"/s/{SLUG}/check",
                    "csrf_cookie": csrf_cookie,
                    "csrf_token": csrf_token,
                }
                with sqlite3.connect(db_path) as conn:
                    before = conn.execute("SELECT count(*) FROM responses WHERE channel = 'web'").fetchone()[0]
                vr = wrk(f"{v}/s/{SLUG}/check", drafts_lua, c, args.duration, tmp)
                with sqlite3.connect(db_path) as conn:
                    stored = conn.execute("SELECT count(*) FROM responses WHERE channel = 'web'").fetchone()[0] - before
                # A 303 to "start again" (no unfinished answers) is a failure wrk cannot see. Requests still
                # in flight when wrk stops are stored but not counted by wrk: at most one per connection.
                vr["bad"] += max(0, vr["requests"] - stored)
                reading.append((f"form posts, concurrency {c}", *drain(db_path)))
                fr = wrk(f"{f}/form", form_floor, c, args.duration, tmp)
                rows.append(
                    row(
                        f"form posts from “Check your answers”, concurrency {c}",
                        vr,
                        fr,
                        "≥ 60% of floor, p99 < 100 ms" if c == 64 else "",
                    )
                )
            for c in (16, 64):
                # As a browser sends them after the start page: the answers token and the form-protection cookie.
                cookies = f"voice_draft={tokens[0]}; voice_csrf={csrf_cookie}"
                vr = wrk(f"{v}/s/{SLUG}/p/2", LUA_GET % {"cookie": cookies}, c, args.duration, tmp)
                fr = wrk(f"{f}/page", LUA_GET % {"cookie": "x=1"}, c, args.duration, tmp)
                rows.append(
                    row(
                        f"survey page views (a question page), concurrency {c}",
                        vr,
                        fr,
                        "≥ 50% of floor" if c == 64 else "",
                    )
                )
            for label, backlog, took in reading:
                rows.append(
                    f"| answers left to read after the burst of {label}; time to read them all | "
                    f"{backlog:,}; {took:.1f} s ({backlog / took if took else 0:,.0f}/s) | | | read in the "
                    "quiet after a burst; within VOICE_READ_WITHIN_SECONDS (30) if it goes on |"
                )
            vm, fm = worker_memory(voice.pid), worker_memory(floor.pid)
            rows.append(
                f"| memory per worker after the load | {', '.join(f'{m:.0f} MB' for m in vm)} | "
                f"{', '.join(f'{m:.0f} MB' for m in fm)} | | |"
            )
            with sqlite3.connect(db_path) as conn:
                integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
                api_stored = conn.execute("SELECT count(*) FROM responses WHERE channel = 'api'").fetchone()[0]
            rows.append(
                f"| API answers stored / 201s wrk counted; integrity_check | {api_stored:,} / {sent:,}; "
                f"{integrity} | | | every 201 stored (requests in flight when wrk stops are stored, not counted) |"
            )
            rows.append(
                f"| largest WAL (`voice.db-wal`) seen during all of the above | {wal.largest / 2**20:,.1f} MB | | | "
                "under VOICE_WAL_LIMIT_MB (64) (issue #32) |"
            )
        finally:
            wal.stop()
            for server in (voice, floor):
                server.terminate()
                server.wait(30)
    rate, words = theming.measure()
    rows.append(
        f"| themed answers per second (one core, mean {words:.0f} words) | {rate:,.0f}/s | | | 2,000/s (issue #3) |"
    )
    worst, worst_gz = page_weight.measure()
    rows.append(
        f"| largest respondent page, first view (HTML + CSS) | {worst:,} B ({worst_gz:,} B gzipped) | | | "
        "< 30 KB (issue #6) |"
    )
    for n in args.export:
        with tempfile.TemporaryDirectory() as tmp_name:
            db_path = str(Path(tmp_name) / "export.db")
            export_bench.fill(db_path, n)
            took = export_bench.export(db_path, Path(tmp_name) / "out", ["all"])
        rows.append(
            f"| `voice export --format all`, {n:,} stored responses | {took:.1f} s | | | < 10 s at 100,000 (issue #5) and at 1,000,000 (issue #7) |"
        )
    print(
        f"\n{args.workers} workers each; wrk {THREADS} threads; {args.duration} s per measurement; "
        f"{os.cpu_count()} cores; {args.stored:,} responses stored before serving\n"
    )
    print("| measurement | voice | floor | voice ÷ floor | target |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
