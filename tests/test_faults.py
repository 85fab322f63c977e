"""A receipt means the answer is on disk: kill -9 the server in the middle of a burst of submissions,
restart it, and every receipt a client was given is stored, none twice, and the file is sound.
Loopback only, bounded in count and time."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import EXAMPLES, until

TOTAL = 240


def start_server(db: Path, port: int, log: Path, workers: int = 1) -> subprocess.Popen:
    env = {
        **os.environ,
        "VOICE_DB_PATH": str(db),
        "VOICE_SURVEYS_DIR": str(EXAMPLES),
        "VOICE_PORT": str(port),
        "VOICE_SUBMISSIONS_PER_MINUTE": "0",  # a durability test: the limiter is tested apart
        "VOICE_SECRET": "faults",
    }
    with log.open("a") as out:  # the child keeps its own handle
        server = subprocess.Popen(
            [sys.executable, "-m", "voice", "serve", "--workers", str(workers)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("the server did not start")


async def burst(base: str, kill_after: int | None, server: subprocess.Popen | None) -> dict[int, str]:
    """Send TOTAL submissions (20 at a time) with one-time ids; kill the server after `kill_after` receipts."""
    receipts: dict[int, str] = {}
    limit = asyncio.Semaphore(20)
    async with httpx.AsyncClient(base_url=base, timeout=10) as http:

        async def one(i: int) -> None:
            async with limit:
                # While the server lives, a client holding a one-time id retries a dropped connection.
                for _attempt in range(1 if server is not None else 3):
                    try:
                        r = await http.post(
                            "/api/surveys/ypag-priorities/responses",
                            json={
                                "submission_id": f"fault-test-{i:04d}",
                                "answers": {"age_band": "14-15", "most_important": f"answer number {i} about waiting"},
                            },
                        )
                        break
                    except httpx.TransportError:
                        continue
                else:
                    return
                if r.status_code in (200, 201):
                    receipts[i] = r.json()["receipt"]
                    if server is not None and kill_after is not None and len(receipts) == kill_after:
                        server.send_signal(signal.SIGKILL)

        await asyncio.gather(*(one(i) for i in range(TOTAL)))
    return receipts


def test_kill_9_mid_burst_loses_no_receipt_and_stores_nothing_twice(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db, log = tmp_path / "voice.db", tmp_path / "server.log"
    server = start_server(db, port, log)
    try:
        given = asyncio.run(burst(f"http://127.0.0.1:{port}", kill_after=60, server=server))
        server.wait(10)
        assert server.returncode == -signal.SIGKILL
        assert 60 <= len(given) < TOTAL, "the kill should land in the middle of the burst"

        with sqlite3.connect(db) as conn:
            stored = dict(conn.execute("SELECT receipt, id FROM responses").fetchall())
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert set(given.values()) <= set(stored), "a receipt was given for an answer that is not on disk"

        # Restart; the clients retry everything with the same one-time ids.
        server = start_server(db, port, log)
        again = asyncio.run(burst(f"http://127.0.0.1:{port}", kill_after=None, server=None))
        assert len(again) == TOTAL
        assert all(again[i] == receipt for i, receipt in given.items()), "a retry got a different receipt"
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM responses").fetchone() == (TOTAL,)
            assert conn.execute("SELECT count(DISTINCT submission_key) FROM responses").fetchone() == (TOTAL,)

        def unread() -> int:
            with sqlite3.connect(db) as conn:
                return int(conn.execute("SELECT count(*) FROM unread").fetchone()[0])

        # Answers accepted but not yet read when the server died are read after the restart, each once.
        assert until(lambda: unread() == 0), f"{unread()} answers were never read"
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*) FROM answers WHERE question_id = 'most_important'").fetchone() == (
                TOTAL,
            )
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(10)


def test_connections_to_several_workers_have_nagle_switched_off() -> None:
    """With more than one worker, each accepts from a socket voice binds itself (not asyncio).
    asyncio only sets TCP_NODELAY on connections from a socket that says it is TCP; without it, each
    request after the first on a kept-alive connection waits ~43 ms for the client's delayed ACK."""
    from voice.cli.server import _listening_socket

    sock = _listening_socket("127.0.0.1", 0, share=True)
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            accepted = transport.get_extra_info("socket")
            seen.append(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
        _, writer = await asyncio.open_connection(*sock.getsockname()[:2])
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()

    assert sock.proto == socket.IPPROTO_TCP
    asyncio.run(accept_one())
    assert seen == [1], "TCP_NODELAY must be on for every accepted connection"


def _connections_by_process(port: int, pids: list[int]) -> dict[int, int]:
    """How many established connections to `port` each process holds (from /proc: no extra tools)."""
    inodes: dict[str, int] = {}  # socket inode -> pid
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes[target[8:-1]] = pid
    counts = dict.fromkeys(pids, 0)
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port, state, inode = int(fields[1].rsplit(":", 1)[1], 16), fields[3], fields[9]
            if local_port == port and state == "01" and inode in inodes:  # 01: ESTABLISHED
                counts[inodes[inode]] += 1
    return counts


def test_a_burst_of_new_connections_is_shared_by_the_workers(tmp_path: Path) -> None:
    """With one listening socket shared by the workers, whichever woke first took every connection
    waiting, and a class opening the survey at once was served by one worker of two."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = start_server(tmp_path / "voice.db", port, tmp_path / "server.log", workers=2)
    try:
        workers = [int(p) for p in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()]
        workers = [p for p in workers if "spawn_main" in Path(f"/proc/{p}/cmdline").read_text()]
        assert len(workers) == 2
        both_up = until(
            lambda: all(httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200 for _ in range(10))
        )
        assert both_up
        conns = [socket.create_connection(("127.0.0.1", port)) for _ in range(40)]  # all at once, as a burst
        try:
            for conn in conns:  # each asks for one page and keeps its connection, as browsers do
                conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            for conn in conns:
                assert conn.recv(4096).startswith(b"HTTP/1.1 200")
            counts = _connections_by_process(port, workers)
        finally:
            for conn in conns:
                conn.close()
        assert sum(counts.values()) == 40
        assert min(counts.values()) >= 8, f"one worker took nearly every connection: {counts}"
    finally:
        server.terminate()
        server.wait(10)


def test_workers_do_not_quietly_share_a_port_already_in_use(tmp_path: Path) -> None:
    """Each worker's socket lets the others listen on its port too, so the port is checked first: with
    another program (or another voice) on it, serve stops with a clear message."""
    with socket.socket() as taken:
        taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)  # as a voice worker's socket is
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {
            **os.environ,
            "VOICE_DB_PATH": str(tmp_path / "voice.db"),
            "VOICE_SURVEYS_DIR": str(EXAMPLES),
            "VOICE_SECRET": "faults",
        }
        done = subprocess.run(
            [sys.executable, "-m", "voice", "serve", "--workers", "2", "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in done.stderr
    assert "Traceback" not in done.stderr
