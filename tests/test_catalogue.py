"""Survey versions: immutable, content-addressed, and every response points at the one it answered."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from litestar.testing import TestClient

from tests.conftest import answer_all, get_page, send, start, until
from voice.common.settings import Settings


def versions(settings: Settings) -> list[tuple]:
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute(
            "SELECT id, content_hash FROM survey_versions WHERE slug = 'ypag-priorities' ORDER BY id"
        ).fetchall()


def test_editing_a_file_while_serving_makes_a_new_version(
    client: TestClient, settings: Settings, surveys_dir: Path
) -> None:
    assert len(versions(settings)) == 1
    answer_all(client, "ypag-priorities")  # an unfinished answer on version 1

    path = surveys_dir / "ypag-priorities.yaml"
    path.write_text(path.read_text().replace("How old are you?", "What is your age?"))
    assert until(lambda: "What is your age?" in client.get("/api/surveys/ypag-priorities").text)  # within a second
    (v1, hash1), (v2, hash2) = versions(settings)
    assert hash1 != hash2

    old_receipt = send(client, "ypag-priorities")  # finishes on the version it started on
    client.cookies.clear()
    url = start(client, "ypag-priorities")
    assert "What is your age?" in get_page(client, url).get_text()
    answer_all(client, "ypag-priorities")
    new_receipt = send(client, "ypag-priorities")

    with sqlite3.connect(settings.db_path) as conn:
        by_receipt = dict(conn.execute("SELECT receipt, version_id FROM responses").fetchall())
        definition = conn.execute("SELECT definition FROM survey_versions WHERE id = ?", [v1]).fetchone()[0]
    assert by_receipt == {old_receipt: v1, new_receipt: v2}
    assert "How old are you?" in definition  # the old version is kept as it was


def test_a_broken_edit_keeps_the_last_good_version_online(
    client: TestClient, settings: Settings, surveys_dir: Path
) -> None:
    path = surveys_dir / "ypag-priorities.yaml"
    path.write_text(path.read_text().replace("type: scale", "type: slider"))
    # Pages keep working while the service looks at the folder again (within a second) and finds the problem.
    assert until(
        lambda: client.get("/s/ypag-priorities").status_code == 200 and client.app.state["catalogue"].problems != []
    )
    assert len(versions(settings)) == 1


def test_restarting_does_not_duplicate_versions(settings: Settings) -> None:
    from voice.web.app import create_app

    for _ in range(2):
        with TestClient(create_app(settings)) as c:
            assert c.get("/api/surveys").status_code == 200
    assert len(versions(settings)) == 1
