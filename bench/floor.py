"""The floor: a bare Litestar + msgspec app doing the least a request can do on the same stack, so that
voice's own cost shows against it in the same run (bench/run_all.py).

- POST /submit (JSON) and POST /form (a form post): decode, insert one row into SQLite, 201.
- GET /page: read one row and send a fixed page about the size of a survey page.

Same durability as voice: WAL with synchronous=FULL, so each insert is fsync'd before the 201.
Run by bench/run_all.py as: python bench/floor.py PORT WORKERS (FLOOR_DB names the file), served the
way `voice serve` serves voice (voice.cli.server.run_server), so both have the same server in front.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from typing import Annotated, Any

import msgspec
from litestar import Litestar, MediaType, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body

DB = os.environ.get("FLOOR_DB", "floor.db")
PAGE = (
    "<!DOCTYPE html><html lang=en><head><title>Page</title></head><body>"
    + "<p>Question text.</p>" * 300
    + "</body></html>"
)
_local = threading.local()


class Submission(msgspec.Struct):
    answers: dict[str, Any]


def conn() -> sqlite3.Connection:
    if not hasattr(_local, "conn"):
        c = sqlite3.connect(DB, isolation_level=None, check_same_thread=False, timeout=10)
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = FULL")
        c.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        _local.conn = c
    return _local.conn  # type: ignore[no-any-return]


@post("/submit", sync_to_thread=True, status_code=201)
def submit(data: Submission) -> dict[str, int]:
    cursor = conn().execute("INSERT INTO rows (body) VALUES (?)", [msgspec.json.encode(data.answers).decode()])
    return {"id": int(cursor.lastrowid or 0)}


@post("/form", sync_to_thread=True, status_code=201)
def form(data: Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]) -> dict[str, int]:
    cursor = conn().execute("INSERT INTO rows (body) VALUES (?)", [msgspec.json.encode(data).decode()])
    return {"id": int(cursor.lastrowid or 0)}


@get("/page", sync_to_thread=True, media_type=MediaType.HTML)
def page() -> str:
    conn().execute("SELECT body FROM rows ORDER BY id DESC LIMIT 1").fetchone()
    return PAGE


app = Litestar([submit, form, page])


if __name__ == "__main__":
    import sys

    from voice.cli.server import run_server

    sys.path.insert(0, os.path.dirname(__file__))
    run_server("floor:app", "127.0.0.1", int(sys.argv[1]), int(sys.argv[2]))
