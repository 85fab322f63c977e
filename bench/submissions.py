"""Concurrent API submissions against a real `voice serve` on loopback: every response must be 201
and stored once. Run: .venv/bin/python bench/submissions.py [--workers 2] [--requests 400]"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ANSWERS = {
    "age_band": "14-15",
    "top_worries": ["bullying", "waiting"],
    "listened_to": 4,
    "most_important": "More places to talk without being judged, and shorter waits for CAMHS.",
}


async def burst(base: str, total: int, concurrency: int) -> tuple[Counter, list[float], float]:
    """Send `total` submissions, `concurrency` at a time; statuses, sorted latencies, elapsed seconds."""
    limit = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_connections=concurrency)) as http:

        async def one(i: int) -> tuple[int | str, float]:
            async with limit:
                start = time.perf_counter()
                try:
                    r = await http.post(
                        "/api/surveys/ypag-priorities/responses",
                        json={"answers": {**ANSWERS, "most_important": f"{ANSWERS['most_important']} {i}"}},
                    )
                except httpx.TransportError as exc:  # a dropped connection is a result to report, not a crash
                    return type(exc).__name__, time.perf_counter() - start
                return r.status_code, time.perf_counter() - start

        start = time.perf_counter()
        results = await asyncio.gather(*(one(i) for i in range(total)))
        return Counter(s for s, _ in results), sorted(t for _, t in results), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        log = (Path(tmp) / "server.log").open("w")
        env = {
            **os.environ,
            "VOICE_DB_PATH": f"{tmp}/v.db",
            "VOICE_PORT": str(port),
            "VOICE_SECRET": "bench",
            "VOICE_SUBMISSIONS_PER_MINUTE": "0",
        }  # measuring throughput, not the limiter
        server = subprocess.Popen(
            [sys.executable, "-m", "voice", "serve", "--workers", str(args.workers)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(200):
                try:
                    httpx.get(base + "/", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            for concurrency in (16, 64):
                codes, times, elapsed = asyncio.run(burst(base, args.requests, concurrency))
                with sqlite3.connect(Path(tmp) / "v.db") as conn:
                    stored = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
                print(
                    f"| API submissions, {args.workers} workers, concurrency {concurrency} | "
                    f"{args.requests / elapsed:,.0f}/s | p50 {times[len(times) // 2] * 1000:.0f} ms | "
                    f"p99 {times[int(len(times) * 0.99) - 1] * 1000:.0f} ms | statuses {dict(codes)} | "
                    f"{stored} stored in total |"
                )
        finally:
            server.terminate()
            server.wait(20)
            log.close()
            errors = [ln for ln in (Path(tmp) / "server.log").read_text().splitlines() if "error" in ln.lower()]
            print("server errors logged:", len(errors), *errors[-5:], sep="\n  ")


if __name__ == "__main__":
    main()
