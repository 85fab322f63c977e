"""Operations: health check, backups while serving, purging, and clear 503s when the disk is full or
the database is read-only, with nothing half-written."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner
from litestar.testing import TestClient

from tests.conftest import answer_all, check_page, csrf, get_page, until
from voice.cli import main
from voice.common.settings import Settings
from voice.intake.operations import purge
from voice.store import db as voice_db
from voice.web.app import create_app


def count(settings: Settings, table: str) -> int:
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert "set-cookie" not in response.headers  # a monitor is given no cookie
    assert response.status_code == 200 and response.json() == {
        "status": "ok",
        "surveys": 3,
        "unread": 0,
        "contact_requests_open": 0,
        "contact_requests_overdue": 0,
        "emails_waiting": 0,
        "emails_unsent": 0,
        "backup_age_seconds": None,
        "survey_files_refused": "",
        "problems": [],
    }


def test_backup_is_a_whole_consistent_copy(client: TestClient, settings: Settings, tmp_path: Path) -> None:
    for i in range(5):
        client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": f"answer {i}"}})
    target = tmp_path / "backups" / "voice-backup.db"
    target.parent.mkdir()
    result = CliRunner().invoke(main, ["backup", str(target), "--db", settings.db_path])
    assert result.exit_code == 0, result.output
    assert "integrity check ok" in result.output
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM responses").fetchone() == (5,)
    assert not list(target.parent.glob("*.partial"))
    failed = CliRunner().invoke(main, ["backup", str(tmp_path / "missing" / "x.db"), "--db", settings.db_path])
    assert failed.exit_code == 1 and "Nothing was replaced" in failed.output


def test_restore_puts_a_backup_back_and_keeps_what_it_replaced(
    client: TestClient, settings: Settings, tmp_path: Path
) -> None:
    def send(n: int) -> None:
        for i in range(n):
            assert (
                client.post(
                    "/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": f"answer {i}"}}
                ).status_code
                == 201
            )

    send(3)
    saved = tmp_path / "saved.db"
    assert CliRunner().invoke(main, ["backup", str(saved), "--db", settings.db_path]).exit_code == 0
    send(4)
    asked = CliRunner().invoke(main, ["restore", str(saved), "--db", settings.db_path], input="n\n")
    assert asked.exit_code == 1 and count(settings, "responses") == 7  # said no: nothing changed
    result = CliRunner().invoke(main, ["restore", str(saved), "--db", settings.db_path, "--yes"])
    assert result.exit_code == 0, result.output
    assert count(settings, "responses") == 3
    send(1)  # the running service carries on with the restored data
    assert count(settings, "responses") == 4
    kept = next(Path(settings.db_path).parent.glob("voice.db.before-restore-*"))
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT count(*) FROM responses").fetchone() == (7,)

    not_ours, broken = tmp_path / "other.db", tmp_path / "broken.db"
    with sqlite3.connect(not_ours) as conn:
        conn.execute("CREATE TABLE notes (x)")
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    for bad, message in ((not_ours, "is not a voice backup"), (broken, "nothing was restored")):
        refused = CliRunner().invoke(main, ["restore", str(bad), "--db", settings.db_path, "--yes"])
        assert refused.exit_code == 1 and message in refused.output, refused.output
        assert "Traceback" not in refused.output
    assert count(settings, "responses") == 4


def test_purge_deletes_what_must_not_be_kept(client: TestClient, settings: Settings) -> None:
    answer_all(client, "ypag-priorities")  # leaves a draft
    client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": "call 07700 900123"}})
    client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"most_important": "call 07700 900124, I want to die"}},
    )
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=settings.original_text_days + 2)
    done = purge(settings.db_path, now=later)
    assert (done.drafts, done.original_texts) == (1, 1)  # the flagged answer's original stays
    assert count(settings, "original_texts") == 1 and count(settings, "flags") == 1


def test_the_retention_job_purges_while_serving(tmp_path: Path, surveys_dir: Path) -> None:
    """No restart and no `voice purge`: a running service deletes what has passed its time by itself."""
    settings = Settings(db_path=str(tmp_path / "v.db"), surveys_dir=str(surveys_dir), secret="r", purge_every_seconds=1)
    with TestClient(create_app(settings)) as client:
        answer_all(client, "ypag-priorities")  # an unfinished survey: a draft
        client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": "call 07700 900123"}})
        with sqlite3.connect(settings.db_path) as conn:  # both now past their time
            conn.execute("UPDATE drafts SET expires_at = '2000-01-01T00:00:00+00:00'")
            conn.execute("UPDATE original_texts SET delete_after = '2000-01-01'")
        assert count(settings, "drafts") == 1 and count(settings, "original_texts") == 1
        assert until(lambda: count(settings, "drafts") == 0 and count(settings, "original_texts") == 0)
        assert client.get("/healthz").status_code == 200
        assert count(settings, "responses") == 1, "answers themselves are kept"


def test_the_write_lock_is_shared_with_other_processes(tmp_path: Path) -> None:
    """Worker processes queue on an flock beside the database: while one holds it, another cannot."""
    import fcntl
    import os

    path = tmp_path / "v.db"
    voice_db.lock_writes_to(path)
    other = os.open(f"{path}.write-lock", os.O_RDWR)
    try:
        with voice_db.write_lock:
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
            with voice_db.write_lock:  # re-entrant in one thread
                pass
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free once the writer is done
        fcntl.flock(other, fcntl.LOCK_UN)
    finally:
        os.close(other)


def failing_connect(pragma: str):
    real = voice_db.connect

    def connect(path):
        db = real(path)
        if pragma == "full":  # the file may not grow by a single page: SQLite's "database or disk is full"
            pages_now = db.execute("PRAGMA page_count").fetchone()[0]
            db.execute(f"PRAGMA max_page_count = {pages_now}")
        else:
            db.execute("PRAGMA query_only = ON")  # "attempt to write a readonly database"
        return db

    return connect


@pytest.mark.parametrize("trouble", ["full", "read-only"])
def test_a_full_disk_or_read_only_database_gives_a_clear_503_and_stores_nothing(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, trouble: str
) -> None:
    with TestClient(create_app(settings)) as client:
        answer_all(client, "ypag-priorities")
        soup = get_page(client, "/s/ypag-priorities/check")
        form = soup.find("form", attrs={"action": "/s/ypag-priorities/check"})
        data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
        # Every connection the service opens from now on (requests and the reader) fails to write.
        monkeypatch.setattr(client.app.state["connections"], "opener", failing_connect(trouble))
        tables = ("responses", "answers", "flags", "themes", "original_texts", "unread")
        long_text = "word " * 198  # 990 characters, within the limit
        for _ in range(60):  # a full file still has some free space in its pages: fill it
            before = {t: count(settings, t) for t in tables}
            api = client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": long_text}})
            if api.status_code != 201:
                break
        assert api.status_code == 503 and "Nothing was stored" in api.json()["message"]
        assert {t: count(settings, t) for t in tables} == before  # the failed one left nothing behind
        page = client.post("/s/ypag-priorities/check", data=data)
        assert page.status_code == 503
        assert "Nothing you sent has been lost" in check_page(page.text).get_text()
        health = client.get("/healthz")  # monitoring is told, in plain words (#32)
        assert health.status_code == 503 and health.json()["status"] == "failing"
        assert (
            f"storing answers: {'the disk is full' if trouble == 'full' else 'the database file is read-only'}"
            in health.json()["problems"]
        )
        monkeypatch.undo()
        assert {t: count(settings, t) for t in tables} == before
        with sqlite3.connect(settings.db_path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # The young person can simply try again once the problem is fixed: their answers are still there.
        again = client.post(
            "/s/ypag-priorities/check", data={**data, "_csrf_token": csrf(soup)}, follow_redirects=False
        )
        assert again.status_code == 303 and again.headers["location"].endswith("/thanks")
        assert client.get("/healthz").json()["status"] == "ok"


def test_answers_sent_never_wait_for_the_wal_to_be_copied_back_a_task_does_it(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite copies the WAL back into the database file after the commit that takes it past 1,000
    pages, with an fsync, while every other answer being sent waits. The service's commits never do;
    its own task does, every second, without holding anyone up."""
    from voice.web import app as voice_app

    db_file, wal = Path(settings.db_path), Path(f"{settings.db_path}-wal")

    def send(client: TestClient, n: int) -> None:
        for i in range(n):
            assert (
                client.post(
                    "/api/surveys/ypag-priorities/responses",
                    json={
                        "answers": {"most_important": f"answer {i}: " + "more places to talk without being judged " * 8}
                    },
                ).status_code
                == 201
            )

    settings = msgspec.structs.replace(settings, submissions_per_minute=0)  # one sender, many answers
    monkeypatch.setattr(voice_app, "CHECKPOINT_SECONDS", 3600)  # the task sleeps: only commits could copy
    monkeypatch.setattr(voice_app, "WAL_CHECK_SECONDS", 3600)  # and so does the one that empties it (#32)
    with TestClient(create_app(settings)) as client:
        before = db_file.stat().st_size
        send(client, 400)
        assert wal.stat().st_size > 1000 * 4096  # past the point where a commit would have copied it
        assert db_file.stat().st_size == before
    monkeypatch.setattr(voice_app, "CHECKPOINT_SECONDS", 0.1)
    with TestClient(create_app(settings)) as client:
        assert until(lambda: db_file.stat().st_size > before)
        with sqlite3.connect(settings.db_path) as conn:
            assert conn.execute("SELECT count(*) FROM responses").fetchone() == (400,)
