"""The service mends itself when the disk, the file or the clock misbehave, and says so while it cannot
(issue #32). The experiments against a real `voice serve` are tools/faults.py's, run here."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import logging
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest
from litestar.datastructures import State
from litestar.testing import TestClient

from voice.common.settings import Settings
from voice.reading.redact import Terms
from voice.reading.themes import default_answer_reader
from voice.store.health import STORING, Health
from voice.store.versions import Published
from voice.web.app import create_app
from voice.web.reading import BackgroundReader

ROOT = Path(__file__).parent.parent


def _faults() -> Any:  # a module loaded from tools/
    spec = importlib.util.spec_from_file_location("faults", ROOT / "tools" / "faults.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder another user can reach (pytest's own is root's alone): the service may run as nobody."""
    tmp = Path(tempfile.mkdtemp(prefix="voice-heal-"))
    tmp.chmod(0o755)
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def ordinary_user(faults: Any) -> list[str]:
    """The command prefix that runs as a user file permissions apply to; the test is skipped, with the
    reason, where there is none."""
    user: list[str] = faults.as_ordinary_user()
    try:
        faults.check_ordinary_user(user)
    except faults.NotAllowedHereError as exc:
        pytest.skip(str(exc))
    return user


def errors_in(log: str) -> list[str]:
    return [
        json.loads(line)["message"]
        for line in log.splitlines()
        if line.startswith("{") and json.loads(line).get("level") == "ERROR"
    ]


def said_once_a_task(messages: list[str]) -> bool:
    """Each task (storing answers, reading them, a background job) said it was failing once, not once a request."""
    return bool(messages) and all(n == 1 for n in Counter(m.split(" failed: ")[0] for m in messages).values())


@pytest.mark.skipif(
    os.geteuid() == 0 and not shutil.which("setpriv"),
    reason="as root, chmod 444 binds only another user, and setpriv is not here to become one",
)
def test_after_a_read_only_spell_answers_are_stored_and_read_again_without_a_restart(folder: Path) -> None:
    """chmod 444 during a burst, then 644: connections opened meanwhile could never write again (SQLite
    opened the file read-only for good), and they stayed in the pool: every answer got a 503 until a
    restart. Now they are not kept, and /healthz says what is wrong while it is. And 1 run in 4 went on
    failing after that was mended: when every connection had been closed, the next, opened during the
    spell, made a -shm file of mode 444 that spoiled every connection after it (see the next test); now
    the service keeps its -shm file, made before the spell, throughout."""
    faults = _faults()
    try:
        found = faults.read_only(folder / "service")
    except faults.NotAllowedHereError as exc:
        pytest.skip(str(exc))
    assert found["during"][503] > 0, "the read-only file should have refused some answers"
    status, said = found["health_during"]
    assert (status, said["status"]) == (503, "failing")
    assert "storing answers: the database file is read-only" in said["problems"]
    assert found["modes_during"].get("voice.db-shm") == "0o644", found["modes_during"]
    assert found["after"] == {201: 30}
    assert found["after_again"] == {201: 10}
    assert found["all_read"], "answers sent were left unread (no safeguarding check)"
    assert found["health_end"][0] == 200 and found["health_end"][1]["status"] == "ok"
    assert found["integrity"] == "ok"
    refused = [m for m in errors_in(found["log"]) if "read-only" in m or "readonly" in m]
    assert said_once_a_task(refused), refused


SPELL = """
import json, os, sqlite3, sys
from voice.store.db import ConnectionPool, migrate, opened

def spell(path, pool=None):
    # Every connection closed (SQLite deletes the -wal and -shm files), then the file made read-only
    # while a connection reads it (a background job's: it makes them again), then writable again.
    migrate(path)
    with opened(path) as db:
        db.execute("CREATE TABLE IF NOT EXISTS t (x)")
    if pool is not None:
        pool.hold(path)
    os.chmod(path, 0o444)
    with opened(path) as db:
        db.execute("SELECT count(*) FROM t").fetchone()
    os.chmod(path, 0o644)

def stores(write):
    try:
        write()
    except sqlite3.OperationalError as exc:
        return str(exc)
    return "stored"

def plainly(path):
    with opened(path) as db:
        db.execute("INSERT INTO t VALUES (1)")

def rawly(path):  # as SQLite alone would
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("INSERT INTO t VALUES (1)")
    finally:
        conn.close()

def lent(pool, path):
    with pool.lend(path) as db:
        db.execute("INSERT INTO t VALUES (1)")

folder = sys.argv[1]
found = {}
held, pool = f"{folder}/held.db", ConnectionPool()
spell(held, pool)
found["held"] = [stores(lambda: lent(pool, held)) for _ in range(3)] + [stores(lambda: plainly(held))]
pool.close_all()
bare = f"{folder}/bare.db"
spell(bare)
found["shm_mode"] = oct(os.stat(f"{bare}-shm").st_mode & 0o777)
found["bare"] = stores(lambda: rawly(bare))
pool = ConnectionPool()
found["pool_after"] = [stores(lambda: lent(pool, bare)) for _ in range(3)]
pool.close_all()
started = f"{folder}/started.db"
spell(started)
migrate(started)
found["migrated"] = stores(lambda: plainly(started))
print(json.dumps(found))
"""


def test_a_read_only_spell_leaves_no_read_only_shared_memory_file_to_spoil_every_connection_after_it(
    folder: Path,
) -> None:
    """The cause of #32's 503s that went on after chmod 644 (1 run in 4 of the read-only experiment): when
    a process's last connection closed, SQLite deleted the -wal and -shm files; the next connection,
    opened during the spell, made them again with the file's mode, 444. After chmod 644, every connection
    mapped that -shm read-only and could not write, and none could delete it. Now the pool holds a
    connection from the start, so this process's last one never closes while it serves, and a -shm left
    read-only (by another process) is given the file's mode before the pool holds a connection or a
    migration starts. Run as a user file permissions apply to."""
    faults = _faults()
    user = ordinary_user(faults)
    faults.own(folder, user)
    done = subprocess.run(
        [*user, sys.executable, "-c", SPELL, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["held"] == ["stored"] * 4
    assert (found["shm_mode"], found["bare"]) == ("0o444", "attempt to write a readonly database"), (
        "without a connection held, the spell should leave a read-only -shm that spoils every plain write"
    )
    assert found["pool_after"] == ["stored"] * 3
    assert found["migrated"] == "stored"


def test_connections_open_when_one_meets_a_file_at_fault_are_not_lent_again(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A connection lent out when another met the file at fault (opened read-only, perhaps) is closed
    when it comes back, not kept; so is one whose file became read-only while it was being opened. The
    connection the pool holds stays open throughout."""
    from voice.store import db as voice_db

    voice_db.migrate(settings.db_path)
    pool = voice_db.ConnectionPool()
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    readonly.sqlite_errorcode = sqlite3.SQLITE_READONLY  # type: ignore[attr-defined]
    with pool.lend(settings.db_path) as first:
        held = pool._holding[settings.db_path]
        with pytest.raises(sqlite3.OperationalError), pool.lend(settings.db_path):
            raise readonly
    with pool.lend(settings.db_path) as again:
        assert again is not first
    with pool.lend(settings.db_path) as kept:
        assert kept is again
    assert pool._holding[settings.db_path] is held
    held.execute("SELECT 1").fetchone()  # still open

    looks = iter([True, False])  # writable just before opening, read-only just after
    monkeypatch.setattr(voice_db, "writable", lambda _: next(looks, True))
    with pool.lend(settings.db_path) as kept, pool.lend(settings.db_path) as opened_then:
        pass
    with pool.lend(settings.db_path) as one, pool.lend(settings.db_path) as other:
        assert opened_then not in (one, other)
    pool.close_all()
    with pytest.raises(sqlite3.ProgrammingError):
        held.execute("SELECT 1")


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs (a disk that fills) needs root")
def test_a_full_disk_is_said_once_in_the_log_and_on_healthz_and_mended_when_space_is_freed(folder: Path) -> None:
    faults = _faults()
    try:
        found = faults.disk_full(folder / "service")
    except faults.NotAllowedHereError as exc:
        pytest.skip(str(exc))
    assert found["filling"][503] > 0 and found["filling"][201] > 0
    status, said = found["health_full"]
    assert (status, said["status"]) == (503, "failing")
    assert "storing answers: the disk is full" in said["problems"]
    full = [m for m in errors_in(found["log"]) if "disk is full" in m]
    assert said_once_a_task(full), f"{len(full)} error lines for one full disk (one per failed request?)"
    assert found["after"] == {201: 20}
    assert found["all_read"]
    assert found["health_after"][1]["status"] == "ok", found["health_after"]
    assert found["integrity"] == "ok"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_failure_that_goes_on_is_logged_once_then_counted_each_minute(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    health = Health(clock)
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    with caplog.at_level(logging.INFO, logger="voice"):
        for _ in range(500):
            health.failed(STORING, full)
            clock.now += 0.05
        assert [r.getMessage() for r in caplog.records] == [
            "storing answers failed: the disk is full; said again only when it works again, with a count each minute"
        ]
        assert health.problems() == {STORING: "the disk is full"}
        clock.now += 36
        health.failed(STORING, full)
        assert (
            caplog.records[-1].getMessage()
            == "storing answers still failing: 500 more times in the last 61 s (the disk is full)"
        )
        clock.now += 1
        health.worked(STORING)  # one success amid failures: the spell goes on, /healthz is told
        assert health.problems() == {}
        clock.now += 0.1
        health.failed(STORING, full)
        assert health.problems() == {STORING: "the disk is full"}
        clock.now += 30
        health.worked(STORING)
        assert caplog.records[-1].getMessage() == "storing answers works again, after 502 failures in 62 s"
        assert len(caplog.records) == 3
    assert health.problems() == {}


def test_the_wal_stays_under_its_limit_while_answers_and_page_views_keep_coming(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a reader always in the WAL (page views overlapping), copying it back every second never
    reached its end, so SQLite never started it again: it grew by ~10 KB an answer for as long as
    answers came (279 MB in a 15 s burst). Past a quarter of VOICE_WAL_LIMIT_MB it is now emptied."""
    from voice.web import app as voice_app

    monkeypatch.setattr(voice_app, "WAL_CHECK_SECONDS", 0.01)
    settings = msgspec.structs.replace(settings, submissions_per_minute=0, wal_limit_mb=1)
    wal = Path(f"{settings.db_path}-wal")
    stop = threading.Event()

    def page_views() -> None:  # two readers taking turns, so that one is always reading
        readers = [sqlite3.connect(settings.db_path, isolation_level=None) for _ in range(2)]
        turn = 0
        while not stop.is_set():
            reader, other = readers[turn % 2], readers[(turn + 1) % 2]
            reader.execute("BEGIN")
            reader.execute("SELECT count(*) FROM responses").fetchone()
            if other.in_transaction:
                other.execute("COMMIT")
            stop.wait(0.005)
            turn += 1
        for reader in readers:
            reader.close()

    with TestClient(create_app(settings)) as client:
        viewer = threading.Thread(target=page_views)
        viewer.start()
        largest = 0
        try:
            for i in range(150):
                assert (
                    client.post(
                        "/api/surveys/ypag-priorities/responses",
                        json={
                            "answers": {
                                "most_important": f"answer {i}: " + "more places to talk without being judged " * 8
                            }
                        },
                    ).status_code
                    == 201
                )
                largest = max(largest, wal.stat().st_size)
        finally:
            stop.set()
            viewer.join()
    assert largest <= 2**20, f"the WAL reached {largest:,} bytes"


def test_answers_whose_reading_failed_wait_no_longer_than_the_reading_time_limit(
    settings: Settings, published: Published, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader claims a batch before reading it, so that no other reads it twice. When storing what it
    read failed (a full disk), the batch stayed claimed for 120 s: past VOICE_READ_WITHIN_SECONDS (30),
    for answers nobody had checked for safeguarding signs."""
    from voice.intake import submissions
    from voice.store.db import ConnectionPool, opened

    with opened(settings.db_path) as db:
        for i in range(3):
            submissions.record(
                db, published, {"most_important": f"answer {i}"}, "api", submissions.RecordOptions(read_now=False)
            )
    reader = BackgroundReader(
        settings, ConnectionPool(), State({"terms": Terms(), "answer_reader": default_answer_reader()})
    )

    def full(*_: object, **__: object) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(submissions, "_store_reading", full)
    with pytest.raises(sqlite3.OperationalError):
        reader.sweep(overdue=True)
    latest = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=settings.read_within_seconds)).isoformat()
    with opened(settings.db_path) as db:
        claims = [row[0] for row in db.execute("SELECT claimed_until FROM unread")]
    assert len(claims) == 3
    assert all(claim is None or claim <= latest for claim in claims), claims
    monkeypatch.undo()
    assert reader.sweep(overdue=True) == (3 if all(claim is None for claim in claims) else 0)


class FakeProcess:
    """A worker process as uvicorn's supervisor sees it: dead (with an exit code) or alive."""

    def __init__(self, pid: int, exitcode: int | None = None, *_: object) -> None:
        self.pid, self.exitcode = pid, exitcode
        self.process = self

    def is_alive(self, timeout: float = 0) -> bool:
        return self.exitcode is None

    def kill(self) -> None:
        pass

    def join(self) -> None:
        pass

    def start(self) -> None:
        pass


def test_a_worker_that_dies_is_logged_as_a_warning_with_the_cause(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """uvicorn says so at INFO, which voice's log hides: a worker killed by the kernel left no trace.
    (tools/faults.py worker-death does it to a real `voice serve --workers 2` with kill -9.)"""
    import uvicorn
    from uvicorn.supervisors import multiprocess

    from voice.cli.server import _Workers

    monkeypatch.setattr(multiprocess, "Process", lambda *_: FakeProcess(99))
    workers = _Workers.__new__(_Workers)  # the supervisor without its signal handlers or processes
    workers.config = uvicorn.Config("voice:app", host="127.0.0.1", port=0)
    workers.should_exit, workers._handed = threading.Event(), []
    workers.processes = [FakeProcess(11, exitcode=-9), FakeProcess(12), FakeProcess(13, exitcode=1)]  # type: ignore[list-item]
    with caplog.at_level(logging.INFO, logger="voice"):
        workers.keep_subprocess_alive()
    assert [p.pid for p in workers.processes] == [99, 12, 99]
    assert [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "voice"] == [
        ("WARNING", "worker process 11 stopped (killed by SIGKILL); another was started in its place"),
        ("WARNING", "worker process 13 stopped (exited with status 1); another was started in its place"),
    ]


@pytest.mark.parametrize(
    ("utc", "day_there"),
    [
        ("2027-03-27T23:30:00", "2027-03-27"),  # Saturday night before the clocks go forward: GMT, the same day
        ("2027-03-28T23:30:00", "2027-03-29"),  # the first night of British Summer Time: already Monday there
        ("2027-03-31T23:30:00", "2027-04-01"),  # 00:30 on 1 April: the new business year
        ("2027-10-30T23:30:00", "2027-10-31"),  # the last night of summer time
        ("2027-10-31T23:30:00", "2027-10-31"),  # back to GMT: the same day again
    ],
)
def test_the_day_stored_and_the_days_a_survey_is_open_are_the_partnerships_days(
    settings: Settings, surveys_dir: Path, monkeypatch: pytest.MonkeyPatch, utc: str, day_there: str
) -> None:
    """An answer sent at 00:30 on 1 April in British Summer Time was stored as 31 March (the UTC date),
    in the wrong business year, and surveys opened and closed an hour late. Days are VOICE_TIMEZONE's."""
    from voice.common import dates

    moment = dt.datetime.fromisoformat(utc).replace(tzinfo=dt.UTC)
    monkeypatch.setattr(dates, "now", lambda: moment)
    file = surveys_dir / "ypag-priorities.yaml"
    file.write_text(file.read_text().replace("estimated_minutes: 5\n", f"estimated_minutes: 5\nopens: {day_there}\n"))
    shutil.copy(file, surveys_dir / "closing.yaml")
    closing = surveys_dir / "closing.yaml"
    day_before = (dt.date.fromisoformat(day_there) - dt.timedelta(days=1)).isoformat()
    closing.write_text(closing.read_text().replace(f"opens: {day_there}\n", f"closes: {day_before}\n"))
    with TestClient(create_app(msgspec.structs.replace(settings, submissions_per_minute=0))) as client:
        listed = {s["slug"]: s["is_open"] for s in client.get("/api/surveys").json()}
        assert listed == {**listed, "ypag-priorities": True, "closing": False}
        sent = client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": "clubs"}})
        assert sent.status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT submitted_on FROM responses").fetchall() == [(day_there,)]


def test_restoring_into_a_folder_that_does_not_exist_says_so_in_a_sentence(tmp_path: Path, settings: Settings) -> None:
    from click.testing import CliRunner

    from voice.cli import main
    from voice.intake.operations import backup
    from voice.store.db import migrate

    migrate(settings.db_path)
    backup(settings.db_path, tmp_path / "backup.db")
    missing = tmp_path / "missing" / "dir" / "voice.db"
    done = CliRunner().invoke(main, ["restore", str(tmp_path / "backup.db"), "--db", str(missing), "--yes"])
    assert done.exit_code == 1 and not isinstance(done.exception, sqlite3.Error), done.exception
    assert f"There is no folder {missing.parent}" in done.output
    assert not missing.parent.exists()


def test_restoring_into_a_new_file_does_not_name_a_copy_of_a_database_that_never_was(
    tmp_path: Path, settings: Settings
) -> None:
    from click.testing import CliRunner

    from voice.cli import main
    from voice.intake.operations import backup
    from voice.store.db import migrate

    migrate(settings.db_path)
    backup(settings.db_path, tmp_path / "backup.db")
    new = tmp_path / "new.db"
    done = CliRunner().invoke(main, ["restore", str(tmp_path / "backup.db"), "--db", str(new), "--yes"])
    assert done.exit_code == 0, done.output
    assert "before-restore" not in done.output and f"There was no database at {new} before." in done.output
    assert [p.name for p in tmp_path.glob("new.db.before-restore-*")] == []


def serve(folder: Path, *args: str, user: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "VOICE_DB_PATH": str(folder / "voice.db"), "VOICE_SECRET": "faults"}
    return subprocess.run(
        [*(user or []), sys.executable, "-m", "voice", "serve", *args],
        env=env,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_serving_a_read_only_database_stops_with_a_sentence_not_a_traceback(folder: Path) -> None:
    from voice.store.db import migrate

    faults = _faults()
    user = ordinary_user(faults)
    migrate(folder / "voice.db")
    faults.own(folder, user)
    (folder / "voice.db").chmod(0o444)
    done = serve(folder, "--port", str(faults.free_port()), user=user)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{folder / 'voice.db'} cannot be written to" in done.stderr


def test_serving_on_a_port_in_use_stops_before_touching_the_database(folder: Path) -> None:
    """With one worker, it said "voice is running at ..." and migrated the live database, then uvicorn
    found the port taken and stopped with rc 3."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = serve(folder, "--port", str(port))
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in done.stderr
    assert "voice is running" not in done.stdout
    assert not (folder / "voice.db").exists()


def test_a_second_service_on_the_same_database_is_told_which_process_serves_it_already(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two `voice serve` on one file are safe (every answer is read once) but each reads all that waits,
    doubling the reading work: the second says so when it starts, naming the first."""
    from click.testing import CliRunner

    from voice.cli import main, server

    monkeypatch.setattr(server, "run_server", lambda *_, **__: None)  # start, but do not serve
    try:
        first = CliRunner().invoke(
            main,
            [
                "serve",
                "--db",
                settings.db_path,
                "--surveys",
                settings.surveys_dir,
                "--port",
                str(_faults().free_port()),
            ],
        )
        assert first.exit_code == 0, first.output
        assert "Warning" not in first.output
        # The first is still serving (this process holds its lock); a second starts on another port.
        second = CliRunner().invoke(
            main,
            [
                "serve",
                "--db",
                settings.db_path,
                "--surveys",
                settings.surveys_dir,
                "--port",
                str(_faults().free_port()),
            ],
        )
        assert second.exit_code == 0, second.output
        assert (
            f"Warning: another voice serve (process {os.getpid()}) is serving {settings.db_path} already"
            in second.output
        )
    finally:
        server.stop_serving()


def test_a_long_read_does_not_hold_writers_back_again_and_again(settings: Settings) -> None:
    """Nothing can empty the WAL while a reader still uses it (an export of many answers): after one
    try that waited for it in vain, writers are left alone for a while instead of every tenth of a second."""
    from voice.store import db as voice_db

    voice_db.migrate(settings.db_path)
    with voice_db.opened(settings.db_path) as writer:
        writer.execute("CREATE TABLE filler (x)")
        writer.execute("INSERT INTO filler VALUES (?)", ["x" * 100_000])
        reader = sqlite3.connect(settings.db_path, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM filler").fetchone()  # a snapshot that needs the WAL
        writer.execute("INSERT INTO filler VALUES (?)", ["y" * 100_000])
        tries = []
        real = voice_db.opened

        def counted(path: str) -> object:
            tries.append(path)
            return real(path)

        try:
            voice_db.opened = counted  # type: ignore[assignment]
            assert not voice_db.keep_wal_small(settings.db_path, 4096)
            assert not voice_db.keep_wal_small(settings.db_path, 4096)
        finally:
            voice_db.opened = real
            reader.close()
        assert len(tries) == 1, "the second look held writers back again"
        voice_db._wal_busy_until.clear()  # the while is over; the reader has gone
        assert voice_db.keep_wal_small(settings.db_path, 4096)
        assert Path(f"{settings.db_path}-wal").stat().st_size == 0


def test_healthz_says_when_answers_have_waited_too_long_to_be_read(settings: Settings) -> None:
    """The reader stalled after a read-only spell with answers unread, and /healthz said ok. Whatever
    stops it, answers waiting more than twice VOICE_READ_WITHIN_SECONDS are a problem it names."""
    import time

    settings = msgspec.structs.replace(settings, read_every_seconds=3600)  # the reader does not look meanwhile
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json()["status"] == "ok"
        client.app.state["reader"]._waiting_since = time.monotonic() - 90  # answers have waited 90 s; limit 30
        health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "degraded"
    assert [p for p in health.json()["problems"] if p.startswith("reading answers: answers have waited 90 s")]
