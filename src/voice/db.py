"""Opening the SQLite file. Every connection gets the same settings; migrations run on start.

Durability: WAL with synchronous=FULL, so a transaction is on disk (fsync'd) when COMMIT returns.
The thank-you page and the API's 201 are sent only after that. synchronous=NORMAL would be faster
but could lose the last answers on a power cut, which would break the promise on the thank-you page.
"""

from __future__ import annotations

import fcntl
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from voice.migrations import migrations

BUSY_TIMEOUT_MS = 10_000

# Threads of one process take turns to write. SQLite allows one writer at a time anyway, and its busy
# handler makes waiting writers sleep in growing steps, so under a burst many threads queueing on
# SQLite's lock were far slower (50 submissions/s) than the same threads queueing here. Workers in
# other processes still meet at SQLite's lock, with busy_timeout.
write_lock = threading.RLock()  # re-entrant: an import holds it around many record() calls


def connect(path: str | Path) -> Database:
    """A connection for one request or command. Autocommit; use db.atomic() for transactions."""
    conn = sqlite3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return Database(conn)


def migrate(path: str | Path) -> None:
    """Create the file if needed, switch on WAL and apply pending migrations.

    A lock file makes several workers starting at once take turns.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with Path(f"{path}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        db = connect(path)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            migrations.apply(db)
        finally:
            db.close()


@contextmanager
def opened(path: str | Path) -> Iterator[Database]:
    db = connect(path)
    try:
        yield db
    finally:
        db.close()
