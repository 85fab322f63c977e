"""Scheduled backups and the restore drill: a dated, checked copy from a timer, only the newest N kept, its age
in /healthz; a backup taken while answers arrive, restored onto a new folder, holds every answer that was
acknowledged before it began."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import httpx
import msgspec
from click.testing import CliRunner
from litestar.testing import TestClient

from tests.conftest import served
from voice.cli import main
from voice.common.settings import Settings
from voice.intake.operations import dated_backup
from voice.web.app import create_app


def test_a_timer_backup_is_dated_checked_noted_and_only_the_newest_are_kept(settings: Settings, tmp_path: Path) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json()["backup_age_seconds"] is None  # never backed up
    folder = tmp_path / "copies"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a backup: never touched")
    for day in range(1, 5):  # four earlier runs of the timer
        dated_backup(settings.db_path, folder, keep=10, now=dt.datetime(2026, 12, day, 2, 0, tzinfo=dt.UTC))
    result = CliRunner().invoke(main, ["backup", str(folder), "--keep", "3", "--db", settings.db_path])
    assert result.exit_code == 0, result.output
    assert "integrity check ok" in result.output and "Deleted 2 older copies, keeping the newest 3" in result.output
    names = sorted(p.name for p in folder.iterdir())
    assert all((p.stat().st_mode & 0o777) == 0o600 for p in folder.glob("voice-*.db"))  # they hold everything
    assert names[:2] == ["notes.txt", "voice-2026-12-03-020000.db"] and len(names) == 4
    with TestClient(create_app(settings)) as client:
        age = client.get("/healthz").json()["backup_age_seconds"]
    assert isinstance(age, int) and 0 <= age < 600

    # With no folder given, the copy goes to VOICE_BACKUP_DIR.
    runner = CliRunner(env={"VOICE_BACKUP_DIR": str(tmp_path / "nightly"), "VOICE_BACKUP_KEEP": "2"})
    assert runner.invoke(main, ["backup", "--db", settings.db_path]).exit_code == 0
    assert [p.name[:7] for p in (tmp_path / "nightly").iterdir()] == ["voice-2"]


def test_a_backup_that_cannot_be_written_says_so_and_deletes_nothing(settings: Settings, tmp_path: Path) -> None:
    with TestClient(create_app(settings)):
        pass
    folder = tmp_path / "copies"
    dated_backup(settings.db_path, folder, keep=1, now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = CliRunner().invoke(main, ["backup", str(blocker / "inside"), "--db", settings.db_path])
    assert result.exit_code == 1 and "Nothing was replaced or deleted" in result.output
    assert "Traceback" not in result.output
    assert [p.name for p in folder.iterdir()] == ["voice-2026-12-01-000000.db"]


def test_restore_drill_every_answer_acknowledged_before_the_backup_is_in_the_restored_copy(
    settings: Settings, tmp_path: Path
) -> None:
    acknowledged: list[tuple[float, str]] = []
    stop = threading.Event()

    def young_people(base: str) -> None:
        with httpx.Client(base_url=base, timeout=10) as http:
            i = 0
            while not stop.is_set():
                i += 1
                sent = http.post(
                    "/api/surveys/ypag-priorities/responses",
                    json={"answers": {"most_important": f"more clubs near me, number {i}"}},
                )
                if sent.status_code == 201:
                    acknowledged.append((time.monotonic(), sent.json()["receipt"]))

    copy = tmp_path / "offsite" / "voice-backup.db"
    copy.parent.mkdir()
    with served(create_app(settings)) as base:
        senders = [threading.Thread(target=young_people, args=(base,)) for _ in range(3)]
        for sender in senders:
            sender.start()
        try:
            while len(acknowledged) < 30:
                time.sleep(0.05)
            began = time.monotonic()
            result = CliRunner().invoke(main, ["backup", str(copy), "--db", settings.db_path])
            time.sleep(0.3)  # answers go on arriving after it
        finally:
            stop.set()
            for sender in senders:
                sender.join()
    assert result.exit_code == 0, result.output
    before = {receipt for when, receipt in acknowledged if when < began}
    assert len(before) >= 30

    # A fresh machine: a new folder, the copy restored into it, the service started on it.
    fresh = tmp_path / "new-machine" / "voice.db"
    fresh.parent.mkdir()
    restored = CliRunner().invoke(main, ["restore", str(copy), "--db", str(fresh), "--yes"])
    assert restored.exit_code == 0, restored.output
    with sqlite3.connect(fresh) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        kept = {r for (r,) in conn.execute("SELECT receipt FROM responses")}
    assert before <= kept
    with TestClient(create_app(msgspec.structs.replace(settings, db_path=str(fresh)))) as client:
        health = client.get("/healthz")
        assert health.status_code == 200 and health.json()["status"] == "ok"


def test_a_backup_copies_the_database_as_it_is_and_never_migrates_it(settings: Settings, tmp_path: Path) -> None:
    with TestClient(create_app(settings)):
        pass
    with sqlite3.connect(settings.db_path) as conn:  # as a version before backups were noted left it
        conn.execute("DROP TABLE backups")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm021_backups'")
    result = CliRunner().invoke(main, ["backup", str(tmp_path / "before-upgrade.db"), "--db", settings.db_path])
    assert result.exit_code == 0, result.output
    assert "not noted in it" in result.output
    for path in (settings.db_path, tmp_path / "before-upgrade.db"):
        with sqlite3.connect(path) as conn:
            assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'backups'").fetchone()


def test_migrate_refuses_a_database_that_is_not_there_unless_asked_to_create_one(tmp_path: Path) -> None:
    missing = tmp_path / "wrong" / "voice.db"
    result = CliRunner().invoke(main, ["migrate", "--db", str(missing)])
    assert result.exit_code == 1 and "There is no database at" in result.output and "Nothing was made" in result.output
    assert not missing.exists()
    assert CliRunner().invoke(main, ["migrate", "--create", "--db", str(missing)]).exit_code == 0
    assert missing.exists()


def test_restore_refuses_while_the_service_serves_the_database_and_keeps_every_earlier_copy(
    settings: Settings, tmp_path: Path
) -> None:
    from voice.cli.server import start_serving, stop_serving

    with TestClient(create_app(settings)) as client:
        client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": "more clubs"}})
    copy = tmp_path / "copy.db"
    assert CliRunner().invoke(main, ["backup", str(copy), "--db", settings.db_path]).exit_code == 0

    assert start_serving(settings.db_path) is None  # as `voice serve` does while it runs
    try:
        refused = CliRunner().invoke(main, ["restore", str(copy), "--db", settings.db_path, "--yes"])
    finally:
        stop_serving()
    assert refused.exit_code == 1 and "is serving" in refused.output and "Nothing was restored" in refused.output
    assert not list(Path(settings.db_path).parent.glob("voice.db.before-restore-*"))

    for _ in range(2):  # twice the same day: the first copy kept aside is not overwritten by the second
        done = CliRunner().invoke(main, ["restore", str(copy), "--db", settings.db_path, "--yes"])
        assert done.exit_code == 0, done.output
    assert len(list(Path(settings.db_path).parent.glob("voice.db.before-restore-*"))) == 2
