"""Upgrading (docs/deploy.md): `voice migrate` applies every pending migration or none, so a migration that
fails part way leaves the database exactly as it was; and an https VOICE_PUBLIC_URL alone makes every
cookie Secure and sends HSTS."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner
from litestar.testing import TestClient
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from voice.cli import main
from voice.common.settings import Settings
from voice.store import db as store_db
from voice.store.db import migrate
from voice.store.migrations import migrations
from voice.web.app import create_app


def dump(path: Path) -> list[str]:
    """Everything in the database, schema and rows, as SQL."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def with_new(*added: object) -> Migrations:
    """voice's migrations with `added` after them, as a newer version would have."""
    newer = Migrations("voice")
    for m in migrations._migrations:  # the registered list, to copy it
        newer(name=m.name)(m.fn)
    for fn in added:
        newer()(fn)  # type: ignore[arg-type]
    return newer


def m900_works(db: Database) -> None:
    db.execute("CREATE TABLE newer_things (id INTEGER PRIMARY KEY, what TEXT)")
    db.execute("INSERT INTO newer_things (what) VALUES ('made by the first new migration')")
    db.execute("UPDATE staff SET role = 'viewer'")


def m901_fails_part_way(db: Database) -> None:
    db.execute("ALTER TABLE staff ADD COLUMN nickname TEXT")
    db.execute("DELETE FROM staff")
    raise sqlite3.OperationalError("the disk said no")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "voice.db"
    migrate(path)
    result = CliRunner().invoke(
        main, ["user", "add", "admin@example.org", "--role", "admin", "--generate", "--db", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


def test_a_migration_that_fails_part_way_leaves_the_database_exactly_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(db_path)
    assert any("admin@example.org" in line for line in before)
    monkeypatch.setattr(store_db, "migrations", with_new(m900_works, m901_fails_part_way))
    with pytest.raises(sqlite3.OperationalError, match="the disk said no"):
        migrate(db_path)
    assert dump(db_path) == before  # not even the first new migration, which worked, is kept

    result = CliRunner().invoke(main, ["migrate", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "the disk said no" in result.output and "Nothing in it was changed" in result.output
    assert dump(db_path) == before

    # The fixed release: both new migrations apply, once.
    monkeypatch.setattr(store_db, "migrations", with_new(m900_works))
    monkeypatch.setattr("voice.store.migrations.migrations", with_new(m900_works))
    result = CliRunner().invoke(main, ["migrate", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "1 changes made (m900_works)" in result.output
    assert "newer_things" in "".join(dump(db_path))
    again = CliRunner().invoke(main, ["migrate", "--db", str(db_path)])
    assert "up to date" in again.output


def test_migrate_makes_a_new_database_when_asked_to(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["migrate", "--create", "--db", str(tmp_path / "new" / "voice.db")])
    assert result.exit_code == 0, result.output
    assert "Made a new database" in result.output
    assert any("CREATE TABLE" in line and "responses" in line for line in dump(tmp_path / "new" / "voice.db"))


@pytest.mark.parametrize("public_url", ["https://voice.example.org", ""])
def test_an_https_public_url_makes_every_cookie_secure_and_sends_hsts(settings: Settings, public_url: str) -> None:
    """Even over plain HTTP (a proxy that did not say X-Forwarded-Proto) and without VOICE_SECURE_COOKIES."""
    settings = msgspec.structs.replace(settings, public_url=public_url, secure_cookies=False)
    with TestClient(create_app(settings), base_url="http://testserver.local") as client:
        page = client.get("/s/ypag-priorities")
        assert page.status_code == 200
        cookies = page.headers.get_list("set-cookie")
        assert cookies and any(c.startswith("voice_csrf=") for c in cookies)
        for cookie in cookies:
            assert ("; Secure" in cookie or "; secure" in cookie) == bool(public_url), cookie
        assert page.headers.get("strict-transport-security") == (
            "max-age=31536000; includeSubDomains" if public_url else None
        )
