"""What the service cannot do right now, in plain words: for /healthz and for the log.

A task that fails (storing answers, reading them, a background job) is logged once when it starts
failing, with a count each minute while it goes on, and once when it works again, instead of a line per
failed request (a full disk gave 21,197 lines in 15 s). /healthz reports the tasks that failed within the
last minute with no success since, and what it sees for itself (`look`): a database file that cannot be
written to, a disk with no room left. Each worker process keeps its own record.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("voice")

STORING = "storing answers"
READING = "reading answers"
REPORT_EVERY_SECONDS = 60.0
"""While a task goes on failing, the log gets a count this often; /healthz forgets a failure this old."""
LOW_DISK_BYTES = 1_000_000
"""Free space below which /healthz says the disk holding the database is nearly full."""

_CAUSES = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_READONLY: "the database file is read-only",
    sqlite3.SQLITE_IOERR: "the disk cannot be read or written (I/O error)",
    sqlite3.SQLITE_CANTOPEN: "the database file cannot be opened",
    sqlite3.SQLITE_PERM: "the database file may not be written to (permissions)",
    sqlite3.SQLITE_CORRUPT: "the database file is damaged",
    sqlite3.SQLITE_NOTADB: "the database file is not a database",
}
STORAGE_ERRORS = frozenset(_CAUSES)
"""SQLite's result codes for a disk or file that is not fit to use (as against a busy or a wrong query)."""


def is_storage_error(exc: BaseException) -> bool:
    """The disk or the database file is at fault, not the request."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in STORAGE_ERRORS


def cause(exc: BaseException) -> str:
    """An error in the words an operator needs."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _CAUSES:
        return _CAUSES[code & 0xFF]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


class _Failing:
    __slots__ = ("cause", "count", "last", "reported", "since", "succeeded", "total")

    def __init__(self, cause: str, now: float) -> None:
        self.cause, self.since, self.last, self.reported = cause, now, now, now
        self.succeeded: float | None = None
        self.count = 0  # failures since the last line in the log
        self.total = 1


class Health:
    """Which tasks are failing in this process, and since when.

    A task that fails now and then works (some connections can write, some cannot) is one spell: it
    ends, with a line in the log, at the first success `SETTLE_SECONDS` after the last failure."""

    SETTLE_SECONDS = 5.0

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failing: dict[str, _Failing] = {}

    def failed(self, task: str, exc: BaseException) -> None:
        """`task` failed with `exc`: logged if it was working until now, else counted."""
        now, why = self._clock(), cause(exc)
        with self._lock:
            failing = self._failing.get(task)
            if failing is None:
                self._failing[task] = _Failing(why, now)
                log.error("%s failed: %s; said again only when it works again, with a count each minute", task, why)
                return
            failing.cause, failing.last = why, now
            failing.count += 1
            failing.total += 1
            if now - failing.reported >= REPORT_EVERY_SECONDS:
                log.error(
                    "%s still failing: %d more times in the last %.0f s (%s)",
                    task,
                    failing.count,
                    now - failing.reported,
                    why,
                )
                failing.count, failing.reported = 0, now

    def worked(self, task: str) -> None:
        """`task` succeeded: if it was failing, and has not failed for a few seconds, say it works again."""
        if not self._failing:  # the usual case, without the lock
            return
        now = self._clock()
        with self._lock:
            failing = self._failing.get(task)
            if failing is None:
                return
            failing.succeeded = now
            if now - failing.last < self.SETTLE_SECONDS:
                return
            del self._failing[task]
        log.warning("%s works again, after %d failures in %.0f s", task, failing.total, failing.last - failing.since)

    def problems(self) -> dict[str, str]:
        """Tasks whose last attempt, within the last minute, failed: task -> cause."""
        now = self._clock()
        with self._lock:
            return {
                task: f.cause
                for task, f in self._failing.items()
                if now - f.last < REPORT_EVERY_SECONDS and (f.succeeded is None or f.succeeded < f.last)
            }

    def clear(self) -> None:
        with self._lock:
            self._failing.clear()


health = Health()


def look(db_path: str | Path) -> dict[str, str]:
    """What can be seen of the database's file and disk without writing: task -> cause."""
    path = Path(db_path)
    found: dict[str, str] = {}
    if path.exists() and not os.access(path, os.W_OK):
        found[STORING] = _CAUSES[sqlite3.SQLITE_READONLY]
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError as exc:
        found[STORING] = cause(exc)
    else:
        if free == 0:
            found[STORING] = _CAUSES[sqlite3.SQLITE_FULL]
        elif free < LOW_DISK_BYTES:
            found["disk space"] = f"the disk holding the database has {free // 1000} kB free"
    return found


def writable(path: str | Path) -> bool:
    """A connection opened now can write (SQLite opens a file it may not write read-only, for good)."""
    return not Path(path).exists() or os.access(path, os.W_OK)
