"""Fault experiments against a real `voice serve` on loopback (issue #32): each starts the service,
breaks the disk or the file under it, mends it, and reports what the service said and did. The tests in
tests/test_healing.py run the same functions and assert on what they return.

    .venv/bin/python tools/faults.py read-only    # the database made read-only mid-burst, then writable again
    .venv/bin/python tools/faults.py disk-full    # needs root: a 4 MB tmpfs filled up, then space freed
    .venv/bin/python tools/faults.py worker-death # kill -9 one worker of two
    .venv/bin/python tools/faults.py two-services # a second voice serve on the same database file
    .venv/bin/python tools/faults.py midnight     # the day in a zone where it is another day than in UTC

read-only: run as root, chmod 444 does not stop root writing, so the service is run as `nobody` (setpriv)
in a folder that user owns; as an ordinary user it runs as that user. disk-full mounts a small tmpfs,
which needs root (or CAP_SYS_ADMIN). Requests only to 127.0.0.1, bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx

ROOT = Path(__file__).parent.parent
SURVEYS = ROOT / "surveys"
SLUG = "ypag-priorities"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(condition: Callable[[], bool], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def as_ordinary_user() -> list[str]:
    """The command prefix that runs the service as a user file permissions apply to: `nobody` for root."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


@contextmanager
def serving(
    folder: Path, log: Path, *, env: dict[str, str] | None = None, user: list[str] | None = None, workers: int = 1
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`voice serve` on a free port with its database in `folder`, its log in `log`; yields (base URL, process)."""
    port = free_port()
    environment = {
        **os.environ,
        "VOICE_DB_PATH": str(folder / "voice.db"),
        "VOICE_SURVEYS_DIR": str(SURVEYS),
        "VOICE_PORT": str(port),
        "VOICE_SUBMISSIONS_PER_MINUTE": "0",
        "VOICE_SECRET": "faults",
        "VOICE_READ_EVERY_SECONDS": "0.2",
        **(env or {}),
    }
    out = log.open("a")
    server = subprocess.Popen(
        [*(user or []), sys.executable, "-m", "voice", "serve", "--workers", str(workers)],
        env=environment,
        stdout=out,
        stderr=subprocess.STDOUT,
        cwd=folder,
    )
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if server.poll() is not None:
            raise RuntimeError(f"voice serve stopped (rc {server.returncode}); see {log}")
        try:
            httpx.get(f"{base}/healthz", timeout=2)
        except httpx.TransportError:
            return False
        return True

    try:
        if not wait_for(up, 60):
            raise RuntimeError("voice serve did not start")
        yield base, server
    finally:
        server.terminate()
        server.wait(20)
        out.close()


def burst(base: str, count: int, concurrency: int, tag: str) -> Counter:
    """`count` API submissions, `concurrency` at a time: how many got each status."""

    async def run() -> Counter:
        limit = asyncio.Semaphore(concurrency)
        async with httpx.AsyncClient(
            base_url=base, timeout=30, limits=httpx.Limits(max_connections=concurrency)
        ) as http:

            async def one(i: int) -> int | str:
                async with limit:
                    try:
                        r = await http.post(
                            f"/api/surveys/{SLUG}/responses",
                            json={
                                "answers": {"age_band": "14-15", "most_important": f"{tag} {i}: more youth clubs " * 6}
                            },
                        )
                    except httpx.TransportError as exc:
                        return type(exc).__name__
                    return r.status_code

            return Counter(await asyncio.gather(*(one(i) for i in range(count))))

    return asyncio.run(run())


def health(base: str) -> tuple[int, dict]:
    r = httpx.get(f"{base}/healthz", timeout=10)
    return r.status_code, r.json()


def _health_once_mended(base: str, seconds: float) -> tuple[int, dict]:
    """/healthz once it says "ok", or as it is after `seconds`: each task's problem is cleared by its next success,
    which comes a moment after space is freed (the reader's next round, the next page view), sooner or later
    with the machine's load."""
    said = [health(base)]
    wait_for(lambda: said[-1][1]["status"] == "ok" or bool(said.append(health(base))), seconds)
    return said[-1]


def unread(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM unread").fetchone()[0])


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def own(folder: Path, user: list[str]) -> None:
    if user:
        shutil.chown(folder, "nobody", "nogroup")
        for child in folder.iterdir():
            shutil.chown(child, "nobody", "nogroup")


def read_only(folder: Path) -> dict:
    """Answers sent while the database file is read-only (chmod 444) get 503; once it is writable again
    (chmod 644), every answer is stored and read again, without a restart; /healthz says so throughout."""
    user = as_ordinary_user()
    check_ordinary_user(user)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    own(folder, user)
    db = folder / "voice.db"
    found: dict = {}
    log = folder.parent / "read-only.log"
    with serving(folder, log, user=user) as (base, _):
        found["before"] = burst(base, 10, 1, "before")  # one connection or two in the pool
        db.chmod(0o444)
        found["during"] = burst(base, 30, 20, "during")  # a burst opens new connections: read-only ones
        found["health_during"] = health(base)
        found["modes_during"] = modes(folder)
        db.chmod(0o644)
        found["health_after"] = health(base)
        found["after"] = burst(base, 30, 20, "after")
        found["after_again"] = burst(base, 10, 1, "after again")
        found["all_read"] = wait_for(lambda: unread(db) == 0, 30)
        found["health_end"] = health(base)
    found["integrity"] = integrity(db)
    found["log"] = log.read_text()
    return found


def modes(folder: Path) -> dict[str, str]:
    """The permissions of the database's files: SQLite makes the -wal and -shm files with the database
    file's, so one made again during a read-only spell is read-only (see voice.store.db.ConnectionPool)."""
    return {p.name: oct(p.stat().st_mode & 0o777) for p in sorted(folder.glob("voice.db*"))}


class NotAllowedHereError(Exception):
    """This machine does not allow the experiment (the message says why)."""


def check_ordinary_user(user: list[str]) -> None:
    """The user the service will run as can run this checkout's Python and import voice."""
    if not user:
        return
    done = subprocess.run(
        [*user, sys.executable, "-c", "import voice.web.app"], capture_output=True, text=True, check=False, cwd="/"
    )
    if done.returncode:
        raise NotAllowedHereError(
            f"as root, the read-only test runs the service as nobody, who cannot run {sys.executable} "
            f"and import voice from here: {done.stderr.strip().splitlines()[-1:]}"
        )


@contextmanager
def small_disk(mount: Path, megabytes: int) -> Iterator[Path]:
    mount.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m,mode=755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise NotAllowedHereError(
            f"mounting a {megabytes} MB tmpfs (a disk that fills) was refused: {done.stderr.strip()}"
        )
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def disk_full(folder: Path) -> dict:
    """A burst fills a small disk: answers get 503 while it is full, the log says so once (and a count
    each minute), /healthz fails; once space is freed, answers are stored and read again, soon."""
    found: dict = {}
    with small_disk(folder / "disk", 4) as disk:
        data = disk / "data"
        data.mkdir()
        ballast = disk / "ballast"  # freed later, as an operator would free space
        env = {"VOICE_READ_WITHIN_SECONDS": "2", "VOICE_PURGE_EVERY_SECONDS": "0"}
        log = folder / "disk-full.log"
        with serving(data, log, env=env) as (base, _):
            room = shutil.disk_usage(disk).free
            ballast.write_bytes(b"\0" * max(0, room - 600_000))
            statuses: Counter = Counter()
            for round_ in range(40):  # until the disk is full and a good many answers were refused
                statuses += burst(base, 50, 10, f"fill {round_}")
                if statuses[503] >= 100:
                    break
            found["filling"] = statuses
            found["health_full"] = health(base)
            ballast.unlink()
            found["after"] = burst(base, 20, 4, "after")
            found["all_read"] = wait_for(lambda: unread(data / "voice.db") == 0, 15)
            found["health_after"] = _health_once_mended(base, 20)
        found["integrity"] = integrity(data / "voice.db")
        found["log"] = log.read_text()
    return found


def worker_death(folder: Path) -> dict:
    """kill -9 one of two workers: the log says so, as a warning with the cause, and another takes over."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder.parent / "worker-death.log"
    found: dict = {}
    with serving(folder, log, workers=2) as (base, server):
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        workers = [int(p) for p in children if "spawn_main" in Path(f"/proc/{p}/cmdline").read_text()]
        os.kill(workers[0], 9)
        found["killed"] = workers[0]
        found["said"] = wait_for(lambda: f"worker process {workers[0]} stopped" in log.read_text(), 20)
        found["after"] = burst(base, 10, 2, "after")
    found["log"] = log.read_text()
    return found


def two_services(folder: Path) -> dict:
    """A second `voice serve` on the same database file: it starts (both are safe) and says which process
    serves it already."""
    folder.mkdir(parents=True, exist_ok=True)
    first_log, second_log = folder.parent / "first.log", folder.parent / "second.log"
    found: dict = {}
    with serving(folder, first_log) as (_, first), serving(folder, second_log) as (base, _):
        found["first"] = first.pid
        found["warning"] = [line for line in second_log.read_text().splitlines() if line.startswith("Warning")]
        found["second_works"] = burst(base, 10, 2, "second")
    found["log"] = first_log.read_text() + second_log.read_text()
    return found


def other_day(moment: dt.datetime) -> str:
    """A time zone whose date differs from UTC's at `moment` (+14 or -12 hours: one always does)."""
    return "Pacific/Kiritimati" if moment.hour >= 10 else "Etc/GMT+12"


def midnight(folder: Path) -> dict:
    """A real service's days are VOICE_TIMEZONE's: with a zone where it is already (or still) another
    day than in UTC, an answer is stored under that zone's day, and a survey that closes on the UTC date's
    eve or opens on its morrow is judged by that zone's date. (tests/test_healing.py moves the clock
    instead, across both of Britain's clock changes.)"""
    folder.mkdir(parents=True, exist_ok=True)
    moment = dt.datetime.now(dt.UTC)
    zone = other_day(moment)
    there = moment.astimezone(ZoneInfo(zone)).date()
    surveys = folder / "surveys"
    surveys.mkdir(exist_ok=True)
    text = (SURVEYS / f"{SLUG}.yaml").read_text()
    (surveys / f"{SLUG}.yaml").write_text(
        text.replace("estimated_minutes: 5\n", f"estimated_minutes: 5\nopens: {there}\ncloses: {there}\n")
    )
    found: dict = {"utc_day": moment.date().isoformat(), "zone": zone, "day_there": there.isoformat()}
    env = {"VOICE_TIMEZONE": zone, "VOICE_SURVEYS_DIR": str(surveys)}
    with serving(folder, folder.parent / "midnight.log", env=env) as (base, _):
        found["open_there"] = httpx.get(f"{base}/api/surveys/{SLUG}", timeout=10).json()["is_open"]
        found["sent"] = burst(base, 1, 1, "midnight")
    with sqlite3.connect(folder / "voice.db") as conn:
        found["stored_days"] = [row[0] for row in conn.execute("SELECT submitted_on FROM responses")]
    found["log"] = (folder.parent / "midnight.log").read_text()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("experiment", choices=["read-only", "disk-full", "worker-death", "two-services", "midnight"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="voice-faults-") as tmp:
        Path(tmp).chmod(0o755)
        run = {
            "read-only": read_only,
            "disk-full": disk_full,
            "worker-death": worker_death,
            "two-services": two_services,
            "midnight": midnight,
        }[args.experiment]
        found = run(Path(tmp) / "service")
    log = found.pop("log")
    errors = [line for line in log.splitlines() if '"ERROR"' in line or "Traceback" in line]
    for key, value in found.items():
        print(f"{key}: {json.dumps(value, default=str) if not isinstance(value, Counter) else dict(value)}")
    print(f"log: {len(log.splitlines())} lines, {len(errors)} errors", *errors[:5], sep="\n  ")


if __name__ == "__main__":
    main()
