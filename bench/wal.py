"""The WAL's largest size under a sustained burst of answers, and the rate, with VOICE_WAL_LIMIT_MB as
set (64) and as good as off (100,000: never emptied, as before issue #32). A fresh `voice serve` and
database for each; wrk sends JSON API submissions at concurrency 64 for `--duration` seconds while the
`-wal` file's size is looked at every 50 ms. Loopback only, bounded in time.

Run: .venv/bin/python bench/wal.py [--workers 2] [--duration 30] [--limits 100000 64]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import httpx

BENCH = Path(__file__).parent
sys.path.insert(0, str(BENCH))

from run_all import API_BODY, LUA_POST, ROOT, SLUG, ensure_wrk, free_port, wait_up, wrk  # noqa: E402


def burst(limit_mb: int, workers: int, duration: int) -> tuple[dict[str, float], int, int]:
    """(wrk's figures, largest WAL in bytes, database size in bytes) for one fresh service."""
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "voice.db"
        port = free_port()
        env = {
            **os.environ,
            "VOICE_DB_PATH": str(db),
            "VOICE_PORT": str(port),
            "VOICE_SECRET": "bench",
            "VOICE_SUBMISSIONS_PER_MINUTE": "0",
            "VOICE_SURVEYS_DIR": str(ROOT / "surveys"),
            "VOICE_WAL_LIMIT_MB": str(limit_mb),
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "voice", "serve", "--workers", str(workers)],
            env=env,
            stdout=(tmp / "voice.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        largest = 0
        stop = threading.Event()

        def watch() -> None:
            nonlocal largest
            while not stop.wait(0.05):
                with contextlib.suppress(FileNotFoundError):
                    largest = max(largest, Path(f"{db}-wal").stat().st_size)

        try:
            base = f"http://127.0.0.1:{port}"
            wait_up(f"{base}/healthz")
            watcher = threading.Thread(target=watch)
            watcher.start()
            try:
                figures = wrk(
                    f"{base}/api/surveys/{SLUG}/responses",
                    LUA_POST % {"type": "application/json", "body": API_BODY},
                    64,
                    duration,
                    tmp,
                )
            finally:
                stop.set()
                watcher.join()
            healthz = httpx.get(f"{base}/healthz", timeout=10).json()
            figures["healthz_ok"] = float(healthz["status"] == "ok")
        finally:
            server.terminate()
            server.wait(30)
        return figures, largest, db.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--limits", type=int, nargs="+", default=[100_000, 64])
    args = parser.parse_args()
    ensure_wrk()
    print(f"\n{args.workers} workers; wrk 2 threads, concurrency 64, {args.duration} s; {os.cpu_count()} cores\n")
    print("| VOICE_WAL_LIMIT_MB | API submissions | largest WAL seen | database after | failed |")
    print("|---|---|---|---|---|")
    for limit in args.limits:
        figures, largest, size = burst(limit, args.workers, args.duration)
        print(
            f"| {limit:,} | {figures['rate']:,.0f}/s, p50 {figures['p50']:.0f} ms, p99 {figures['p99']:.0f} ms | "
            f"{largest / 2**20:,.1f} MB | {size / 2**20:,.1f} MB | {int(figures['bad'] + figures['socket_errors'])} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
