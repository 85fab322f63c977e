"""Reading the answers young people send through the web form and the API, in the web service.

A submission is stored as sent, with its receipt, in one durable transaction; the young person's
thank-you page (or the API's 201) does not wait for the reading: redaction, safeguarding signs and
themes (submissions.read_unread). Each worker reads:

- right after answering, the answers it has just accepted, when it has no other request in hand;
- whenever it has a quiet moment (no request in hand, and no new answers since it last looked a
  moment ago), anything still unread (from any worker, or from before a restart:
  nothing accepted is ever left unread);
- and, once answers have been waiting more than VOICE_READ_WITHIN_SECONDS, busy or not, until none
  wait: a burst of answers can delay a safeguarding flag by that long, never indefinitely.

Nobody sees an answer before it has been read: the answers lists, flags and reports are made from read
answers only. Staff pages say how many are waiting.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import anyio.to_thread
from litestar import Litestar
from litestar.datastructures import State
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send
from sqlite_utils import Database

from voice.common.settings import Settings
from voice.intake.submissions import RecordOptions, read_unread, reading_options
from voice.reading.learning import answer_reader_with_corrections
from voice.reading.redact import Terms
from voice.reading.themes import AnswerReader
from voice.store.db import ConnectionPool
from voice.store.health import READING, health

log = logging.getLogger("voice")
BATCH = 20
"""Answers read before the reader looks again at whether requests are waiting."""


def _newest(db: Database) -> int | None:
    """The newest answers waiting to be read (response ids only grow)."""
    return db.execute("SELECT max(response_id) FROM unread").fetchone()[0]  # type: ignore[no-any-return]


class BackgroundReader:
    """One per worker process: counts the requests in hand and reads unread answers around them."""

    def __init__(self, settings: Settings, pool: ConnectionPool, state: State) -> None:
        self.settings = settings
        self.pool = pool
        self.state = state
        self.in_hand = 0
        self.started = 0
        """Requests this worker has begun, ever: a request that sees it unchanged began alone."""
        self._waiting_since: float | None = None
        self._learning = threading.Lock()

    @property
    def claim_seconds(self) -> int:
        """How long a batch being read is held from other readers: if this reader dies (or the disk
        fails it), another takes the batch well within VOICE_READ_WITHIN_SECONDS."""
        return max(1, self.settings.read_within_seconds // 3)

    @property
    def answer_reader(self) -> AnswerReader:
        """The answer_reader this worker reads answers with (what people's corrections taught included)."""
        answer_reader: AnswerReader = self.state["answer_reader"]
        return answer_reader

    @property
    def terms(self) -> Terms:
        """The redaction list in use (VOICE_REDACT_TERMS_FILE's words)."""
        terms: Terms = self.state["terms"]
        return terms

    def learn_corrections(self, db: Database) -> None:
        """What people confirm teaches the themes of answers from now on: in this worker at once, in every
        worker after a restart (and stored answers after `voice theme`). The answer_reader is made again, with the
        same taxonomy, model, thresholds and close reading, and replaces the one in use in one step (a reading under way
        keeps the one it started with)."""
        with self._learning:
            before = self.answer_reader
            self.state["answer_reader"] = answer_reader_with_corrections(
                db,
                before.taxonomy,
                model=before.model,
                flag_threshold=before.flag_threshold,
                look_threshold=before.look_threshold,
                read_closely=before.close is not None,
                close_floor=before.close_floor,
            )

    @property
    def options(self) -> RecordOptions:
        """What record() and read_unread() need from the app: the redaction list and the answer_reader in use
        now (corrections update it), how long texts as typed stay, who flags go to."""
        return reading_options(self.settings, self.terms, self.answer_reader)

    def middleware(self, app: ASGIApp) -> ASGIApp:
        """Counts the requests this worker has in hand (a response's background work included)."""

        async def counted(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != ScopeType.HTTP:
                await app(scope, receive, send)
                return
            self.in_hand += 1
            self.started += 1
            try:
                await app(scope, receive, send)
            finally:
                self.in_hand -= 1

        return counted

    async def after_accepting(self, response_id: int, started: int) -> None:
        """Run after the response to a submission has been sent: read it now if this worker has had no
        other request since the answers were accepted (`started` was `self.started` then) and has none
        in hand; otherwise a quiet moment, or the time limit, will."""
        if self.in_hand <= 1 and self.started == started:  # this request counts while this runs
            await anyio.to_thread.run_sync(self._read_one, response_id)

    def _read_one(self, response_id: int) -> None:
        try:
            with self.pool.lend(self.settings.db_path) as db:
                read_unread(db, self.options, only=response_id)
        except sqlite3.Error as exc:  # it stays unread, safe on disk: the next sweep reads it
            health.failed(READING, exc)
        else:
            health.worked(READING)

    def sweep(self, overdue: bool) -> int:
        """Read what is waiting until none is or, unless overdue, until this worker gets a request or
        new answers come in (to any worker: the machine is busy even if this worker is not)."""
        read = 0
        with self.pool.lend(self.settings.db_path) as db:
            newest = _newest(db)

            def busy() -> bool:
                return self.in_hand > 0 and not overdue

            while not busy() and (overdue or _newest(db) == newest):
                n = read_unread(db, self.options, limit=BATCH, stop=busy, claim_seconds=self.claim_seconds)
                if n == 0:  # none left that another reader has not taken
                    break
                read += n
        return read

    def newest_waiting(self) -> int | None:
        with self.pool.lend(self.settings.db_path) as db:
            return _newest(db)

    def overdue(self, waiting: bool, now: float) -> bool:
        """Answers have been waiting, without a moment when none were, for longer than the limit."""
        if not waiting:
            self._waiting_since = None
            return False
        if self._waiting_since is None:
            self._waiting_since = now
        return now - self._waiting_since >= self.settings.read_within_seconds

    def behind(self, now: float | None = None) -> dict[str, str]:
        """For /healthz: answers have waited, without a moment when none did, for more than twice
        VOICE_READ_WITHIN_SECONDS (reading is stuck, or cannot keep up): task -> what is wrong."""
        since = self._waiting_since
        waited = (time.monotonic() if now is None else now) - since if since is not None else 0.0
        if waited <= 2 * self.settings.read_within_seconds:
            return {}
        return {
            READING: f"answers have waited {waited:.0f} s to be read (VOICE_READ_WITHIN_SECONDS is "
            f"{self.settings.read_within_seconds})"
        }

    @asynccontextmanager
    async def lifespan(self, app: Litestar) -> AsyncIterator[None]:
        async def keep_reading() -> None:
            seen: int | None = None
            while True:
                await anyio.sleep(self.settings.read_every_seconds)
                try:
                    newest = await anyio.to_thread.run_sync(self.newest_waiting)
                    overdue = self.overdue(newest is not None, time.monotonic())
                    # Quiet: no request in hand here, and no answers came in since the last look.
                    quiet = self.in_hand == 0 and newest == seen
                    seen = newest
                    if newest is not None and (overdue or quiet):
                        read = await anyio.to_thread.run_sync(self.sweep, overdue)
                        if read:
                            log.info(
                                "read %d answers that were waiting%s", read, " (past the time limit)" if overdue else ""
                            )
                except sqlite3.Error as exc:  # try again next time; the answers are safe on disk
                    health.failed(READING, exc)
                else:
                    health.worked(READING)

        # The pool holds a connection from now on, so that the background jobs' own connections are never
        # this process's last (see ConnectionPool): when the last closes, SQLite deletes the -shm file, and
        # one made again during a read-only spell stayed read-only, and every connection with it, after it.
        await anyio.to_thread.run_sync(self.pool.hold, self.settings.db_path)
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(keep_reading)
            yield
            tasks.cancel_scope.cancel()
