"""Opening the SQLite file. Every connection gets the same settings; migrations run on start.

Durability: WAL with synchronous=FULL, so a transaction is on disk (fsync'd) when COMMIT returns.
The thank-you page and the API's 201 are sent only after that. synchronous=NORMAL would be faster
but could lose the last answers on a power cut, which would break the promise on the thank-you page.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from voice.store.health import STORING, health, is_storage_error, writable
from voice.store.migrations import migrations

BUSY_TIMEOUT_MS = 10_000
T = TypeVar("T")


class WriteLock:
    """Writers take turns: threads of this process on a lock, worker processes on an flock of a file
    beside the database (see `lock_writes_to`).

    SQLite allows one writer at a time anyway, but its busy handler makes a waiting writer sleep in
    growing steps (up to 100 ms a time), so under a burst, writers queueing on SQLite's lock were far
    slower than the same writers queueing here, where each wakes the moment the one before finishes.
    SQLite's lock (with busy_timeout) still guards correctness; this only orders the queue. Re-entrant:
    an import holds it around many record() calls. The flock goes with the process if it dies.
    """

    def __init__(self) -> None:
        self._threads = threading.RLock()
        self._depth = 0
        self._owner: int | None = None
        self._file: int | None = None

    def use_file(self, path: str | Path) -> None:
        with self._threads:
            if self._file is not None:
                os.close(self._file)
            self._file = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    def __enter__(self) -> None:
        self._threads.acquire()
        self._depth += 1
        if self._depth == 1:
            self._owner = threading.get_ident()
            if self._file is not None:
                fcntl.flock(self._file, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._owner = None
            if self._file is not None:
                fcntl.flock(self._file, fcntl.LOCK_UN)
        self._threads.release()

    def held_here(self) -> bool:
        """This thread holds the lock (so it must not wait for another thread that needs it)."""
        return self._owner == threading.get_ident()


write_lock = WriteLock()


class _Work:
    __slots__ = ("error", "lead", "ready", "value", "work")

    def __init__(self, work: Callable[[Database], Any]) -> None:
        self.work = work
        self.ready = threading.Event()
        self.lead = False
        self.value: Any = None
        self.error: BaseException | None = None


class GroupCommit:
    """Writes from the threads of one worker share a transaction, and so one fsync (group commit).

    A thread that finds nobody committing commits, in one transaction, its own write and every write
    queued meanwhile, each in a savepoint of its own (one failing does not undo the others); then it
    hands on to the first thread that queued while it worked. Each caller gets its result only after
    COMMIT has returned, so durability is the same as a transaction each; if COMMIT fails, every write
    in it fails and none is stored. Under a burst, writers no longer queue for an fsync each.
    """

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._queue: list[_Work] = []
        self._leading = False
        self.batches = 0
        """Transactions committed: fewer than the writes when writes shared them."""

    def run(self, db: Database, work: Callable[[Database], T]) -> T:
        mine = _Work(work)
        with self._mutex:
            self._queue.append(mine)
            mine.lead = not self._leading
            self._leading = True
        if not mine.lead:
            mine.ready.wait()
        if mine.lead:
            with self._mutex:
                batch, self._queue = self._queue, []
            self._commit(db, batch)
            with self._mutex:
                if self._queue:  # hand on: the first to queue meanwhile commits the next batch
                    self._queue[0].lead = True
                    self._queue[0].ready.set()
                else:
                    self._leading = False
        if mine.error is not None:
            raise mine.error
        return mine.value  # type: ignore[no-any-return]

    def _commit(self, db: Database, batch: list[_Work]) -> None:
        committed = False
        try:
            with write_lock:
                db.execute("BEGIN IMMEDIATE")
                try:
                    for item in batch:
                        db.execute("SAVEPOINT one_write")
                        try:
                            item.value = item.work(db)
                        except Exception as exc:  # given to its own caller below
                            if not db.conn.in_transaction:  # SQLite undid it all (a full disk may): all failed
                                raise
                            db.execute("ROLLBACK TO one_write")
                            item.error = exc
                        db.execute("RELEASE one_write")
                    db.execute("COMMIT")
                    committed = True
                    self.batches += 1
                    health.worked(STORING)
                except BaseException:
                    if db.conn.in_transaction:
                        db.conn.rollback()
                    raise
        except Exception as exc:  # noqa: BLE001 - the whole transaction failed: nothing in it was stored
            for item in batch:
                if item.error is None:
                    item.value, item.error = None, exc
        finally:
            for item in batch:
                if not committed and item.error is None:  # interrupted: nobody may think it was stored
                    item.value, item.error = None, RuntimeError("the transaction did not finish")
                if not item.lead:
                    item.ready.set()


group_commit = GroupCommit()


def write(db: Database, work: Callable[[Database], T]) -> T:
    """Run `work` in a transaction under the write lock: with the other threads' writes of the moment
    (one fsync for all, see GroupCommit), unless the caller is already in a transaction or holds the
    lock (an import), when it is the caller's own."""
    if not db.conn.in_transaction and not write_lock.held_here():
        return group_commit.run(db, work)
    with write_lock, db.atomic():
        return work(db)


def lock_writes_to(db_path: str | Path) -> None:
    """Make this process's writers queue with other processes writing the same database."""
    write_lock.use_file(f"{db_path}.write-lock")


def connect(path: str | Path, *, checkpoints: bool = True) -> Database:
    """A connection for one request or command. Autocommit; use db.atomic() for transactions.

    Without `checkpoints` (the web service's connections), a commit never copies the WAL back into
    the database file: SQLite does that after the commit that takes the WAL past 1,000 pages, with an
    fsync of the database file, while every other answer being sent waits (0.1-0.3 s stalls, the
    slowest hundredth of form posts under a burst). The service does it in the background instead
    (`checkpoint`, every second, from voice.web.app.checkpoints)."""
    mend_wal_files(path)
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    # Deleted rows are overwritten, not left in free pages: texts as typed past their time, answers once
    # read, unfinished answers. (Old page images in the WAL are overwritten as it is reused.)
    conn.execute("PRAGMA secure_delete = ON")
    if not checkpoints:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
    return Database(conn)


def serving_connection(path: str | Path) -> Database:
    """A connection for the web service: see `connect` on checkpoints."""
    return connect(path, checkpoints=False)


def checkpoint(path: str | Path) -> tuple[int, int, int]:
    """Copy what the WAL holds back into the database file, as far as readers allow, without waiting
    for (or holding up) any writer. Returns SQLite's (busy, pages in the WAL, pages copied)."""
    with opened(path) as db:
        busy, wal_pages, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return int(busy), int(wal_pages), int(copied)


WAL_WAIT_MS = 500
"""How long emptying the WAL waits for readers to finish with it, holding writers back meanwhile."""
WAL_BACK_OFF_SECONDS = 2.0
"""After a reader held on past WAL_WAIT_MS (a long export), how long before writers are held back again."""
_wal_busy_until: dict[str, float] = {}


def keep_wal_small(path: str | Path, limit_bytes: int) -> bool:
    """Empty the WAL if it has passed a quarter of `limit_bytes`; True if it was emptied.

    The passive `checkpoint` copies what it can, but while answers keep coming there is always a reader
    in the WAL, so it never reaches the end and SQLite never starts the WAL again: it grew by ~10 KB an
    answer for as long as answers came. Here, with the write lock held (writers wait, as for a commit),
    SQLite copies the rest, waits (at most WAL_WAIT_MS) for readers to move on to the database file,
    and cuts the WAL to nothing. If a reader holds on longer (nothing can empty the WAL under a reader
    still using it), writers are not held back again for WAL_BACK_OFF_SECONDS."""
    try:
        size = Path(f"{path}-wal").stat().st_size
    except FileNotFoundError:
        return False
    if size <= limit_bytes // 4 or time.monotonic() < _wal_busy_until.get(str(path), 0.0):
        return False
    with write_lock, opened(path) as db:
        db.execute(f"PRAGMA busy_timeout = {WAL_WAIT_MS}")
        started = time.monotonic()
        busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    if busy and time.monotonic() - started >= WAL_WAIT_MS / 2000:  # it waited for a reader, in vain
        _wal_busy_until[str(path)] = time.monotonic() + WAL_BACK_OFF_SECONDS
    return not busy  # busy at once: another worker's checkpoint was running; the next look tries again


FORGET_WITHIN_SECONDS = 5.0
"""How long forget_deleted keeps trying while another checkpoint runs (the service's own, every few seconds)."""


def forget_deleted(db: Database, within: float = FORGET_WITHIN_SECONDS) -> bool:
    """After deleting what a young person took back: copy the WAL into the file (where SQLite's
    secure_delete has zeroed the deleted rows) and empty it, so that no old copy of a page holding their
    words is left in either file. Waits for readers to move on, as a checkpoint must; call it with the
    write lock held and outside a transaction.

    A checkpoint that another connection is running makes SQLite answer "busy" at once, without waiting:
    the words then stayed in the database file's old page until the next checkpoint (a full test run found
    them there). So it tries again until SQLite says it is done, for at most `within` seconds; False if it
    never was (the service's own checkpoint copies the page a few seconds later)."""
    deadline = time.monotonic() + within
    while True:
        busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


def migrate(path: str | Path) -> None:
    """Create the file if needed, switch on WAL and apply pending migrations.

    Every pending migration is applied in one transaction: if any fails, none of them is kept and the
    database is exactly as it was (an upgrade that fails can be retried, or the old version run again).
    A lock file makes several workers starting at once take turns.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with Path(f"{path}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        db = connect(path)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            with db.atomic():  # each migration is then a savepoint inside it
                migrations.apply(db)
        finally:
            db.close()


class ConnectionPool:
    """Connections kept open between requests, each lent to one request at a time.

    Opening a connection costs more than most requests' own queries (the file, the PRAGMAs, reading
    the schema); a worker keeps at most `keep` idle ones. A connection comes back with any transaction
    its request left open rolled back. Idle connections are kept per `opener` in use when they were
    opened, so replacing it (a test simulating a full disk) affects every connection lent afterwards.

    A connection opened while the file could not be written to (chmod 444, a read-only mount) can never
    write, even once the file can again: SQLite opened it read-only. Such a connection (the file not
    writable just before or just after opening it) is lent but not kept. One that meets a file or disk
    at fault (`health.is_storage_error`, but for a full disk, which passes) is closed, with every idle
    one, and every one lent out at that moment is closed when it comes back (`_generation`).

    And the pool holds one more connection to each file, never lent, from its first use until
    `close_all` (`hold`), so that this process never closes its last one while serving. When the
    last connection to a WAL database closes, SQLite deletes the -wal and -shm files; the next one
    opened creates them again, with the database file's permissions. Opened during a read-only spell,
    that made a -shm file of mode 444 that outlived the spell: every connection opened after chmod 644
    mapped it read-only and could not write ("attempt to write a readonly database"), and since none
    could write, none could remove it: no answer was stored again until a restart (issue #32).
    """

    def __init__(self, keep: int = 64, opener: Callable[[str | Path], Database] = connect) -> None:
        self._lock = threading.Lock()
        self._idle: dict[tuple[str, object], list[tuple[Database, int]]] = {}
        self._holding: dict[str, Database] = {}
        self._generation = 0
        self._keep = keep
        self.opener = opener

    @contextmanager
    def lend(self, path: str | Path) -> Iterator[Database]:
        opener = self.opener
        key = (str(path), opener)
        with self._lock:
            idle = self._idle.setdefault(key, [])
            db, generation = idle.pop() if idle else (None, self._generation)
        keep = True
        if db is None:
            keep = writable(path)
            db = opener(path)
            keep = keep and writable(path)  # made read-only while it was being opened: not kept either
            if keep and key[0] not in self._holding:
                self.hold(path)
        try:
            yield db
        except BaseException as exc:
            if is_storage_error(exc) and getattr(exc, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_FULL:
                keep = False
                self._spoilt()
            raise
        finally:
            if keep and generation == self._generation:
                _give_back(db, self, key, generation)
            else:
                db.close()

    def hold(self, path: str | Path) -> None:
        """Open the connection held until `close_all` (see the class), with the -wal and -shm files open,
        unless it is open already or the file cannot be written now (the next connection opened tries
        again). The service does this as it starts: before the first request, the background jobs'
        connections (`opened`) would otherwise be the only ones, and each one's close the last."""
        if str(path) in self._holding or not writable(path):
            return
        try:
            db = connect(path)
            db.execute("SELECT count(*) FROM sqlite_master").fetchall()  # and no read left open
        except sqlite3.Error:
            return  # the next connection opened tries again
        if not writable(path):  # made read-only meanwhile: this one may have opened them read-only
            db.close()
            return
        with self._lock:
            held = self._holding.setdefault(str(path), db)
        if held is not db:  # another thread was quicker
            db.close()

    def _spoilt(self) -> None:
        """A connection met the file or disk at fault: no connection open now is lent again."""
        with self._lock:
            self._generation += 1
        self._close_idle()

    def put(self, key: tuple[str, object], db: Database, generation: int) -> bool:
        with self._lock:
            idle = self._idle.setdefault(key, [])
            if len(idle) < self._keep and generation == self._generation:
                idle.append((db, generation))
                return True
        return False

    def _close_idle(self) -> None:
        with self._lock:
            every = [db for idle in self._idle.values() for db, _ in idle]
            self._idle.clear()
        for db in every:
            db.close()

    def close_all(self) -> None:
        """Close every connection not lent out, the held ones too (when the service stops)."""
        with self._lock:
            self._generation += 1
            held, self._holding = list(self._holding.values()), {}
        self._close_idle()
        for db in held:
            db.close()


def _give_back(db: Database, pool: ConnectionPool, key: tuple[str, object], generation: int) -> None:
    try:
        if db.conn.in_transaction:
            db.conn.rollback()
    except sqlite3.Error:
        db.close()
        return
    if not pool.put(key, db, generation):
        db.close()


def mend_wal_files(path: str | Path) -> None:
    """Give the -wal and -shm files the database file's permissions if this process may write that but
    not them. SQLite creates them with the database file's permissions, and gives an empty -wal file those
    of the moment whenever it opens one; so after a read-only spell, a -shm file made during it stayed
    read-only (every connection then mapped it read-only and could not write, see ConnectionPool), and a
    -wal file left empty during it was read-only for the next connection opened (which could then never
    write). Two access() calls when all is well; only when a connection is opened."""
    try:
        for suffix in ("-wal", "-shm"):
            other = Path(f"{path}{suffix}")
            if not os.access(other, os.W_OK) and other.exists() and os.access(path, os.W_OK):
                other.chmod(Path(path).stat().st_mode & 0o777)
    except OSError:  # not ours to change (another user's file), or gone meanwhile
        pass


@contextmanager
def opened(path: str | Path) -> Iterator[Database]:
    db = connect(path)
    try:
        yield db
    finally:
        db.close()
