"""`voice serve` and `voice demo`: the web app under uvicorn, one process or several sharing one socket."""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import signal
import socket
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import msgspec
import uvicorn
from uvicorn.supervisors import Multiprocess

from voice.common.logs import LOG_CONFIG
from voice.common.settings import Settings, SettingsError, resource_dir

if TYPE_CHECKING:
    pass

from voice.cli.base import cli_settings, main

DEMO_DB = ".voice/demo.db"
log = logging.getLogger("voice")


def app_from_env() -> object:
    """uvicorn's factory: each worker process builds its app from VOICE_* variables."""
    import gc

    from voice.web.app import create_app

    app = create_app(cli_settings())
    # What the worker has loaded by now (word lists, lexicons, templates) stays for its life: keep it out
    # of the garbage collector's full passes, which otherwise stop every request in hand for tens of ms.
    gc.freeze()
    return app


def _run(settings: Settings, workers: int) -> None:
    # Workers are separate processes: they read their settings from the environment.
    for name in Settings.__struct_fields__:
        value = getattr(settings, name)
        if value is None:  # unset: the default (VOICE_CLOSE_FLOOR: the close reader's own), not the word "None"
            os.environ.pop(f"VOICE_{name.upper()}", None)
        else:
            os.environ[f"VOICE_{name.upper()}"] = str(value)
    from voice.store.health import cause
    from voice.web.app import create_app

    _check_port(settings.host, settings.port)  # before anything is printed or the database is touched
    if settings.metrics and workers > 1:
        # Each worker writes its request times where /metrics, in whichever worker a scrape reaches, reads
        # them all (prometheus_client's multiprocess mode); emptied at each start.
        shared = Path(f"{settings.db_path}.metrics")
        shutil.rmtree(shared, ignore_errors=True)
        shared.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(shared)
    try:
        create_app(settings)  # migrate and check surveys once, before the workers start, so errors show here
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    except (sqlite3.Error, OSError) as exc:
        raise click.ClickException(f"cannot use the database {settings.db_path}: {cause(exc)}") from None
    other = start_serving(settings.db_path)
    if other is not None:
        click.echo(
            f"Warning: another voice serve (process {other or 'unknown'}) is serving {settings.db_path} "
            "already. Both work and no answer is stored or read twice, but each reads every answer "
            "waiting, so the reading work is done twice: stop one, or give this one its own "
            "database.",
            err=True,
        )
    click.echo(f"voice is running at http://{settings.host}:{settings.port}/  (press Ctrl+C to stop)")
    run_server(
        "voice.cli.server:app_from_env",
        settings.host,
        settings.port,
        workers,
        factory=True,
        log_config=LOG_CONFIG,
        trusted_proxies=settings.trusted_proxies,
    )


_serving: list[int] = []
"""The open lock file that says this process serves its database (closed when it ends)."""


def start_serving(db_path: str | Path) -> int | None:
    """Hold a lock beside the database for as long as this process serves it (`<db>.serving`, with
    this process's id in it). None if no other `voice serve` holds it, else the other's process id (0
    if it cannot be read)."""
    fd = os.open(f"{db_path}.serving", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        other = os.read(fd, 32).decode(errors="replace").strip()
        os.close(fd)
        return int(other) if other.isdigit() else 0
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    _serving.append(fd)
    return None


def serving_process(db_path: str | Path) -> int | None:
    """The process id of a `voice serve` serving this database now (0 if it cannot be read), else None."""
    path = Path(f"{db_path}.serving")
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        text = path.read_text().strip()
        return int(text) if text.isdigit() else 0
    finally:
        os.close(fd)  # closing lets go of a lock taken here
    return None


def stop_serving() -> None:
    while _serving:
        os.close(_serving.pop())


class _Workers(Multiprocess):
    """uvicorn's supervisor of worker processes, except that each worker accepts connections from a
    listening socket of its own, all on the same port (SO_REUSEPORT), and the kernel shares new
    connections out between them evenly.

    With one socket shared by every worker, whichever worker woke first accepted every connection
    waiting: under a burst of new connections (a class opening the survey at once, or a load tester's
    kept-alive connections) one worker often took them all while the other had nothing to do, and
    answers were sent at half the rate (measured: all 64 of 64 connections on one worker in two runs
    of four, 430-490 form posts/s against 650-830/s when they were shared).
    """

    def __init__(self, config: uvicorn.Config) -> None:
        self._handed: list[socket.socket] = []
        super().__init__(config, sockets=[])

    @property
    def sockets(self) -> list[socket.socket]:
        """A new socket for each worker process started (uvicorn asks once per process)."""
        sock = _listening_socket(self.config.host, self.config.port, share=True)
        self._handed.append(sock)
        return [sock]

    @sockets.setter
    def sockets(self, _: list[socket.socket]) -> None:
        pass

    def _close_handed(self) -> None:
        # A started worker has its own copy of its socket (passed at exec). The copies here are closed,
        # so that when a worker dies its socket goes, and no new connection is sent where none accepts.
        for sock in self._handed:
            sock.close()
        self._handed.clear()

    def init_processes(self) -> None:
        super().init_processes()
        self._close_handed()

    def restart_all(self) -> None:
        super().restart_all()
        self._close_handed()

    def keep_subprocess_alive(self) -> None:
        """uvicorn's, and a warning for each worker that died, with why (uvicorn says it at INFO only)."""
        before = list(self.processes)
        gone = {id(p): p.exitcode for p in before if not p.process.is_alive()}  # else hung: killed below
        super().keep_subprocess_alive()
        for old in before:
            if old not in self.processes and not self.should_exit.is_set():
                log.warning(
                    "worker process %s stopped (%s); another was started in its place",
                    old.pid,
                    exit_cause(gone[id(old)])
                    if id(old) in gone
                    else "it did not answer the supervisor's health check in time, so it was killed",
                )
        self._close_handed()


def exit_cause(code: int | None) -> str:
    """A process's exit code in words: 'killed by SIGKILL', 'exited with status 1'."""
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


def _listening_socket(host: str, port: int, *, share: bool) -> socket.socket:
    """A TCP socket bound to host:port, listening; with `share`, other sockets of this user may listen
    on the same port (SO_REUSEPORT) and the kernel shares connections out between them."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # Made with IPPROTO_TCP, not 0 (as uvicorn's own is, issue #3149): asyncio only switches Nagle's
    # algorithm off (TCP_NODELAY) on connections accepted from a socket that says it is TCP; without
    # it every request after the first on a kept-alive connection waited about 43 ms for the client's
    # delayed ACK (measured: 23 requests/s on one connection instead of 1,800).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if share:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def _check_port(host: str, port: int) -> None:
    """Listen once without SO_REUSEPORT: if anything listens on the port already (another voice too),
    this fails here with a clear error instead of quietly sharing its connections (several workers)
    or failing after the database was migrated (one)."""
    try:
        _listening_socket(host, port, share=False).close()
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def run_server(
    app: str,
    host: str,
    port: int,
    workers: int,
    *,
    factory: bool = False,
    log_config: dict[str, Any] | None = None,
    trusted_proxies: str = "",
) -> None:
    """Serve an ASGI app (an import string) with uvicorn, in `workers` processes on one port. Forwarded
    headers are believed only from `trusted_proxies` (uvicorn's own default believes 127.0.0.1, so anyone
    on the machine, or a proxy that passes them on unchecked, could choose the address a request is
    counted against)."""
    proxies = ",".join(a.strip() for a in trusted_proxies.split(",") if a.strip())
    config = uvicorn.Config(
        app,
        factory=factory,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # the access log would print every visitor's IP address
        log_config=log_config,
        server_header=False,
        date_header=False,
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or "",
    )
    if workers > 1:
        _check_port(host, port)
        _Workers(config).run()
    else:
        uvicorn.Server(config).run()


@main.command()
@click.option("--host", help="Address to listen on.  [env: VOICE_HOST; default: 127.0.0.1]")
@click.option("--port", type=int, help="Port to listen on.  [env: VOICE_PORT; default: 8000]")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
@click.option("--surveys", "surveys_dir", help="Folder of survey files.  [env: VOICE_SURVEYS_DIR]")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
def serve(host: str | None, port: int | None, db_path: str | None, surveys_dir: str | None, workers: int) -> None:
    """Run the web service."""
    _run(cli_settings(host=host, port=port, db_path=db_path, surveys_dir=surveys_dir), workers)


@main.command()
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--db", "db_path", default=DEMO_DB, show_default=True, help="Demo database file.")
def demo(port: int, db_path: str) -> None:
    """Run with the example surveys and a demo database."""
    from voice.demo import demo_accounts, seed
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate

    settings = demo_settings(cli_settings(port=port, db_path=db_path, surveys_dir=str(resource_dir("surveys"))))
    migrate(settings.db_path)
    added = seed(Catalogue(settings.db_path, settings.surveys_dir))
    click.echo(
        f"Demo database: {Path(settings.db_path).resolve()}" + (f" ({added} sample responses added)" if added else "")
    )
    click.echo(f"Staff pages: {settings.public_url}/staff  (demo accounts, demo only):")
    for email, role, password in demo_accounts(settings.db_path):
        click.echo(f"  {email:32s} {role:18s} password: {password}")
    _run(settings, 1)


def demo_settings(settings: Settings) -> Settings:
    """The demo's links are at its own address (VOICE_PUBLIC_URL, unless given): the address it listens
    on, or 127.0.0.1 when it listens on every address."""
    if settings.public_url:
        return settings
    host = "127.0.0.1" if settings.host in ("", "0.0.0.0", "::") else settings.host  # noqa: S104 - compared, not bound
    return msgspec.structs.replace(
        settings, public_url=f"http://{f'[{host}]' if ':' in host else host}:{settings.port}"
    )
