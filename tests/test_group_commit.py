"""Answers sent at the same moment share one transaction (one fsync): each still gets its receipt only
once committed, one failing write undoes no other, and a failed commit stores none of them."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from voice.intake.submissions import Recorded, RecordOptions, record
from voice.store.db import GroupCommit, opened
from voice.store.versions import Published


def send_at_once(db_path: Path, published: Published, n: int, fail: set[int] = frozenset()) -> dict[int, object]:
    results: dict[int, object] = {}
    go = threading.Barrier(n)
    with opened(db_path) as db:  # the database refuses the answers numbered in `fail`
        for i in fail:
            db.execute(
                f"CREATE TRIGGER refuse_{i} BEFORE INSERT ON unread "
                f"WHEN NEW.answers LIKE '%\"answer {i}\"%' BEGIN SELECT RAISE(ABORT, 'write {i} fails'); END"
            )

    def one(i: int) -> None:
        with opened(db_path) as db:
            go.wait()
            try:
                results[i] = record(
                    db, published, {"most_important": f"answer {i}"}, "api", RecordOptions(read_now=False)
                )
            except sqlite3.Error as exc:
                results[i] = exc

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_answers_sent_together_share_transactions_and_each_is_stored_once(tmp_path: Path, published: Published) -> None:
    from voice.store.db import group_commit

    before = group_commit.batches
    results = send_at_once(tmp_path / "voice.db", published, 40)
    receipts = {r.receipt for r in results.values() if isinstance(r, Recorded)}
    assert len(receipts) == 40
    with sqlite3.connect(tmp_path / "voice.db") as conn:
        stored = dict(conn.execute("SELECT receipt, id FROM responses").fetchall())
        assert set(stored) == receipts
        assert conn.execute("SELECT count(*) FROM unread").fetchone() == (40,)
    assert group_commit.batches - before < 40  # some fsyncs were shared


def test_one_failing_write_does_not_undo_the_others_in_its_transaction(tmp_path: Path, published: Published) -> None:
    results = send_at_once(tmp_path / "voice.db", published, 20, fail={3, 11})
    assert isinstance(results[3], sqlite3.IntegrityError) and isinstance(results[11], sqlite3.IntegrityError)
    good = {r.receipt for r in results.values() if isinstance(r, Recorded)}
    assert len(good) == 18
    with sqlite3.connect(tmp_path / "voice.db") as conn:
        assert {row[0] for row in conn.execute("SELECT receipt FROM responses")} == good
        assert conn.execute("SELECT count(*) FROM unread").fetchone() == (18,)


def test_when_the_commit_fails_every_write_in_it_fails_and_none_is_stored(tmp_path: Path) -> None:
    db_path = tmp_path / "t.db"
    with opened(db_path) as db:
        db.execute("CREATE TABLE t (x INTEGER NOT NULL)")
        db.execute("CREATE TABLE c (y INTEGER)")
        # A deferred constraint fails only at COMMIT: the whole transaction is refused.
        db.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)")
        db.execute("CREATE TABLE k (pid INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)")
    commits = GroupCommit()
    outcomes: list[object] = []
    go = threading.Barrier(8)

    def one(i: int) -> None:
        with opened(db_path) as db:
            go.wait()
            try:
                outcomes.append(
                    commits.run(
                        db,
                        lambda db: db.execute(
                            "INSERT INTO k (pid) VALUES (?)" if i == 0 else "INSERT INTO t (x) VALUES (?)",
                            [i + 1000 * (i == 0)],
                        ),
                    )
                )
            except sqlite3.Error as exc:
                outcomes.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with sqlite3.connect(db_path) as conn:
        stored = conn.execute("SELECT count(*) FROM t").fetchone()[0]
    failed = [o for o in outcomes if isinstance(o, sqlite3.Error)]
    # Every write that shared the failing write's transaction failed, and none of those is stored.
    assert failed and stored == 8 - len(failed)


def test_a_caller_already_holding_the_write_lock_writes_in_its_own_transaction(
    tmp_path: Path, published: Published
) -> None:
    """It must not wait for a transaction another thread leads, since that thread would wait for its lock."""
    from voice.store.db import group_commit, write_lock

    before = group_commit.batches
    with opened(tmp_path / "voice.db") as db, write_lock:
        got = record(db, published, {"most_important": "held"}, "api", RecordOptions(read_now=False))
    assert group_commit.batches == before
    with sqlite3.connect(tmp_path / "voice.db") as conn:
        assert conn.execute("SELECT receipt FROM responses").fetchall() == [(got.receipt,)]
