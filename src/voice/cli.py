"""The `voice` command: serve, demo, check. Each is a thin call into the same code the web app uses."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import uvicorn
from click_default_group import DefaultGroup
from uvicorn.supervisors import Multiprocess

from voice.logs import LOG_CONFIG
from voice.settings import Settings, SettingsError, load_settings, resource_dir
from voice.survey_files import check_paths

if TYPE_CHECKING:
    from sqlite_utils import Database

    from voice.themes import Taxonomy

DEMO_DB = ".voice/demo.db"


def _settings(**overrides: object) -> Settings:
    try:
        return load_settings(**overrides)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def app_from_env() -> object:
    """uvicorn's factory: each worker process builds its app from VOICE_* variables."""
    import gc

    from voice.app import create_app

    app = create_app(_settings())
    # What the worker has loaded by now (word lists, lexicons, templates) stays for its life: keep it out
    # of the garbage collector's full passes, which otherwise stop every request in hand for tens of ms.
    gc.freeze()
    return app


def _run(settings: Settings, workers: int) -> None:
    # Workers are separate processes: they read their settings from the environment.
    for name in Settings.__struct_fields__:
        os.environ[f"VOICE_{name.upper()}"] = str(getattr(settings, name))
    from voice.app import create_app

    try:
        create_app(settings)  # migrate and check surveys once, before the workers start, so errors show here
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"voice is running at http://{settings.host}:{settings.port}/  (press Ctrl+C to stop)")
    run_server("voice.cli:app_from_env", settings.host, settings.port, workers, factory=True, log_config=LOG_CONFIG)


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
        super().keep_subprocess_alive()
        self._close_handed()


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


def run_server(app: str, host: str, port: int, workers: int, *, factory: bool = False,
               log_config: dict[str, Any] | None = None) -> None:
    """Serve an ASGI app (an import string) with uvicorn, in `workers` processes on one port."""
    config = uvicorn.Config(
        app, factory=factory, host=host, port=port, workers=workers,
        access_log=False,  # the access log would print every visitor's IP address
        log_config=log_config, server_header=False, date_header=False,
    )
    if workers > 1:
        # First without SO_REUSEPORT: if anything listens on the port already (another voice too),
        # this fails here with a clear error instead of quietly sharing its connections.
        try:
            _listening_socket(host, port, share=False).close()
        except OSError as exc:
            raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from None
        _Workers(config).run()
    else:
        uvicorn.Server(config).run()


@click.group(cls=DefaultGroup, default="serve", default_if_no_args=True)
@click.version_option(package_name="voice")
def main() -> None:
    """voice: young people tell the partnership what they think, and see what changed."""


@main.command()
@click.option("--host", help="Address to listen on.  [env: VOICE_HOST; default: 127.0.0.1]")
@click.option("--port", type=int, help="Port to listen on.  [env: VOICE_PORT; default: 8000]")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
@click.option("--surveys", "surveys_dir", help="Folder of survey files.  [env: VOICE_SURVEYS_DIR]")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
def serve(host: str | None, port: int | None, db_path: str | None, surveys_dir: str | None, workers: int) -> None:
    """Run the web service."""
    _run(_settings(host=host, port=port, db_path=db_path, surveys_dir=surveys_dir), workers)


@main.command()
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--db", "db_path", default=DEMO_DB, show_default=True, help="Demo database file.")
def demo(port: int, db_path: str) -> None:
    """Run with the example surveys and a demo database."""
    from voice.catalogue import Catalogue
    from voice.db import migrate
    from voice.demo import demo_accounts, seed

    settings = _settings(port=port, db_path=db_path, surveys_dir=str(resource_dir("surveys")))
    migrate(settings.db_path)
    added = seed(Catalogue(settings.db_path, settings.surveys_dir))
    click.echo(f"Demo database: {Path(settings.db_path).resolve()}" + (f" ({added} sample responses added)" if added else ""))
    click.echo(f"Staff pages: http://{settings.host}:{settings.port}/staff  (demo accounts, demo only):")
    for email, role, password in demo_accounts(settings.db_path):
        click.echo(f"  {email:32s} {role:18s} password: {password}")
    _run(settings, 1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Check survey files (default: the surveys folder). One line per problem:

    FILE:LINE: $.path.to.field: what is wrong
    """
    targets = list(paths) or [Path(_settings().surveys_dir)]
    loaded, problems = check_paths(targets)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        files = len({p.file for p in problems})
        click.echo(f"{len(problems)} problem(s) in {files} file(s); {len(loaded)} file(s) OK.", err=True)
        sys.exit(1)
    if not loaded:
        click.echo("No survey files found (they end in .yaml or .yml).", err=True)
        sys.exit(1)
    click.echo(f"{len(loaded)} survey file(s) OK: {', '.join(s.slug for s in loaded)}")


@main.command()
@click.option("--terms", "terms_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML lists of the partnership's own words to redact and to keep.  [env: VOICE_REDACT_TERMS_FILE]")
@click.option("--explain", is_flag=True,
              help="After each line, what was removed and which recogniser found it (to this screen only).")
def redact(terms_file: Path | None, explain: bool) -> None:
    """Redact personal details from text: one item per line on standard input, the same lines,
    redacted, on standard output (names, schools, emails, phone numbers, postcodes, addresses,
    links, handles, dates of birth, NHS, National Insurance and PESEL numbers, vehicle
    registrations, and the words in the terms file). Helpline numbers and the terms file's `keep:`
    words stay. Nothing is logged."""
    from voice.app import redaction_terms
    from voice.redact import explain as explain_text
    from voice.redact import redact as redact_text

    try:
        terms = redaction_terms(_settings(redact_terms_file=str(terms_file) if terms_file else None))
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="")
    out = sys.stdout
    for line in stdin:
        end = "\n" if line.endswith("\n") else ""
        text = line.rstrip("\r\n")
        out.write(redact_text(text, terms).text + end)
        if explain:
            for found in explain_text(text, terms):
                out.write(f"    [{found.kind}] {text[found.start:found.end]!r}: {found.recogniser}\n")


def _who() -> str:
    """Who is at the command line, for the audit log (the system's user name; none in some containers)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "the command line"


ROLE_CHOICE = click.Choice(["admin", "facilitator", "safeguarding_lead", "viewer"])
"""voice.auth.ROLES, written out so that every command need not import argon2."""


@main.group()
def user() -> None:
    """Staff accounts."""


@user.command("add")
@click.argument("email")
@click.option("--role", type=ROLE_CHOICE, required=True,
              help="What the account may do.")
@click.option("--generate", is_flag=True, help="Make a strong password and print it once, instead of asking.")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def user_add(email: str, role: str, generate: bool, db_path: str | None) -> None:
    """Add a staff account. Asks for the password twice, unless --generate."""
    import secrets

    from voice.auth import MIN_PASSWORD, AccountError, add_user
    from voice.db import migrate, opened

    settings = _settings(db_path=db_path)
    password = secrets.token_urlsafe(18) if generate else click.prompt(
        f"Password for {email} (at least {MIN_PASSWORD} characters)", hide_input=True, confirmation_prompt=True)
    migrate(settings.db_path)
    with opened(settings.db_path) as db:
        try:
            added = add_user(db, email, role, password)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"Added {added.email} as {added.role}.")
    if generate:
        click.echo(f"Password (shown once; give it to them safely): {password}")


DB_OPTION = click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
CLI_ACTOR = "command line"


@contextlib.contextmanager
def _accounts(db_path: str | None) -> Iterator[tuple[Settings, Database]]:
    """The settings and an open, migrated database, with account problems as clear messages."""
    from voice.auth import AccountError
    from voice.db import migrate, opened

    settings = _settings(db_path=db_path)
    migrate(settings.db_path)
    with opened(settings.db_path) as db:
        try:
            yield settings, db
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None


@user.command("list")
@DB_OPTION
def user_list(db_path: str | None) -> None:
    """Every staff account: email, role, and whether it is active, invited or disabled."""
    from voice.auth import accounts

    with _accounts(db_path) as (_, db):
        for a in accounts(db):
            state = "disabled" if a.disabled else "invited" if not a.has_password else "active"
            click.echo(f"{a.email}\t{a.role}\t{state}\tsince {a.created_on}")


@user.command("role")
@click.argument("email")
@click.argument("role", type=ROLE_CHOICE)
@DB_OPTION
def user_role(email: str, role: str, db_path: str | None) -> None:
    """Change what an account may do."""
    from voice.auth import account, set_role

    with _accounts(db_path) as (_, db):
        set_role(db, account(db, email).id, role, CLI_ACTOR)
    click.echo(f"{email} is now {role}.")


def _set_disabled(email: str, disabled: bool, db_path: str | None) -> None:
    from voice.auth import account, set_disabled

    with _accounts(db_path) as (_, db):
        set_disabled(db, account(db, email).id, disabled, CLI_ACTOR)


@user.command("disable")
@click.argument("email")
@DB_OPTION
def user_disable(email: str, db_path: str | None) -> None:
    """Stop an account signing in; its open sessions end at once."""
    _set_disabled(email, True, db_path)
    click.echo(f"Disabled {email}; their sessions have ended.")


@user.command("enable")
@click.argument("email")
@DB_OPTION
def user_enable(email: str, db_path: str | None) -> None:
    """Let a disabled account sign in again."""
    _set_disabled(email, False, db_path)
    click.echo(f"Enabled {email}.")


@user.command("reset")
@click.argument("email")
@DB_OPTION
def user_reset(email: str, db_path: str | None) -> None:
    """Print a one-time link (24 hours) with which the person sets a new password."""
    from voice.auth import RESET_HOURS, account, link_url, reset_link

    with _accounts(db_path) as (settings, db):
        token = reset_link(db, account(db, email).id, CLI_ACTOR)
    click.echo(f"Send this link to {email} yourself; it works once, for {RESET_HOURS} hours:")
    click.echo(link_url(settings.public_url, token))


@user.command("invite")
@click.argument("email")
@click.option("--role", type=ROLE_CHOICE, required=True,
              help="What the account may do.")
@DB_OPTION
def user_invite(email: str, role: str, db_path: str | None) -> None:
    """Add an account without a password and print a one-time link (7 days) with which they choose one."""
    from voice.auth import INVITE_DAYS, invite, link_url

    with _accounts(db_path) as (settings, db):
        token = invite(db, email, role, CLI_ACTOR)
    click.echo(f"Invited {email} as {role}. Send them this link yourself; it works once, for {INVITE_DAYS} days:")
    click.echo(link_url(settings.public_url, token))


@main.command("eval")
@click.argument("path", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--split", "split", type=click.Choice(["test", "train"]),
              help="Measure on the project's labelled answers (training/): the test part is never trained on.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--baseline", is_flag=True,
              help="Also give the rules-only reader's figures, and plain TextBlob's and VADER's sentiment macro-F1.")
@click.option("--rules-only", is_flag=True, help="Measure the rules alone (voice before the learned reader).")
def evaluate_command(path: Path | None, split: str | None, as_json: bool, baseline: bool, rules_only: bool) -> None:
    """Measure themes and safeguarding flags against labelled answers (JSON lines:
    {"text", "sentiment", "topics", "safeguarding_flag", "safeguarding_category"}), or --split test."""
    import msgspec

    from voice.app import themer_for
    from voice.evaluation import EvalFileError, baselines, evaluate, flat, read_labelled, report
    from voice.themes import Themer
    from voice.training import TrainingError, labelled_items

    if (path is None) == (split is None):
        raise click.UsageError("Give a file of labelled answers, or --split test (not both).")
    try:
        items = read_labelled(path) if path else labelled_items(split or "test")
        themer = themer_for(_settings(), learn=False)
        result = evaluate(items, Themer(themer.taxonomy, rules_only=True) if rules_only else themer)
    except (EvalFileError, SettingsError, TrainingError) as exc:
        raise click.ClickException(str(exc)) from None
    if baseline:
        result["baselines"] = baselines(items)
        if not rules_only:
            result["baselines"]["rules_only"] = flat(evaluate(items, Themer(themer.taxonomy, rules_only=True)))
    click.echo(msgspec.json.encode(result).decode() if as_json else report(result))


@main.command("train")
@click.option("--db", "db_path", help="Also learn from this database's theme corrections and flag decisions.  "
              "[env: VOICE_DB_PATH]")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the model (default: VOICE_MODEL_FILE, or reader.npz beside the database; "
              "without --db, the model that ships in src/voice/data/).")
@click.option("--data", "data", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of labelled answers laid out like training/ (voices.jsonl, split.json).")
@click.option("--allow-worse", is_flag=True, help="Write the model even if it measures worse than the one it replaces.")
def train_command(db_path: str | None, out: Path | None, data: Path | None, allow_worse: bool) -> None:
    """Teach the reader from the labelled answers in training/ (and, with --db, from what people decided);
    measure it on the test split; refuse it if it is worse there than the model it would replace."""
    from voice.app import model_path
    from voice.audit import record_event
    from voice.db import migrate, opened
    from voice.reader import SHIPPED_MODEL, Model, load_model
    from voice.training import TRAINING, TrainingError, from_people, labelled, train, worse_than

    settings = _settings(db_path=db_path)
    try:
        examples, test = labelled(data or TRAINING)
    except TrainingError as exc:
        raise click.ClickException(str(exc)) from None
    people = []
    if db_path or os.environ.get("VOICE_DB_PATH"):
        migrate(settings.db_path)
        with opened(settings.db_path) as db:
            people = from_people(db)
        click.echo(f"Learning from {len(people):,} decisions people made in {settings.db_path}.")
    target = out or (model_path(settings) if people or db_path else SHIPPED_MODEL)
    model = train(examples + people, test, progress=lambda step: click.echo(f"  {step}"))
    try:
        current = Model.load(target) if target.exists() else load_model(None)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{target}: {exc}") from None
    figures = model.meta.figures.get("model", {})
    click.echo("On the test split: " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    worse = worse_than(model, current)
    if worse and not allow_worse:
        raise click.ClickException(
            "Not saved: the new model is worse on the test split than the one it would replace ("
            + "; ".join(worse) + "). Check the corrections it learned from, or use --allow-worse.")
    model.save(target)
    card = target.with_name(target.stem + "-card.md")
    card.write_text(model.card(), encoding="utf-8")
    if people or db_path:
        with opened(settings.db_path) as db, db.atomic():
            record_event(db, CLI_ACTOR, "reader retrained", str(target),
                         ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    click.echo(f"Saved {target} and its model card {card}. The service reads it when it next starts.")


def _read_waiting(settings: Settings) -> int:
    """Read every answer still waiting to be read (see voice.web.reading); returns how many."""
    from voice.app import redaction_terms, themer_for
    from voice.db import opened
    from voice.submissions import read_unread, reading_options, unread_count

    with opened(settings.db_path) as db:
        if not unread_count(db):  # the usual case: loading the themer is not free
            return 0
    try:
        options = reading_options(settings, redaction_terms(settings), themer_for(settings))
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    read = 0
    with opened(settings.db_path) as db:
        while n := read_unread(db, limit=200, **options):
            read += n
    return read


@main.command("read")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def read_command(db_path: str | None) -> None:
    """Read (redact, check for safeguarding signs, theme) answers accepted but not read yet. The
    service does this by itself within seconds; this is for a database it is not serving."""
    from voice.db import migrate

    settings = _settings(db_path=db_path)
    migrate(settings.db_path)
    click.echo(f"Read {_read_waiting(settings):,} answers that were waiting.")


@main.command()
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def theme(db_path: str | None) -> None:
    """Re-theme every free-text answer (after a taxonomy change). Safeguarding flags are only ever
    added: one that a rule no longer raises stays until a person closes it."""
    from voice.app import redaction_terms, themer_for
    from voice.db import migrate, opened
    from voice.submissions import retheme

    settings = _settings(db_path=db_path)
    try:
        themer = themer_for(settings)
        redaction_terms(settings)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    migrate(settings.db_path)
    _read_waiting(settings)
    with opened(settings.db_path) as db:
        total = db.execute("SELECT count(*) FROM answers WHERE text IS NOT NULL").fetchone()[0]
        with click.progressbar(length=total, label="Theming answers", show_pos=True) as bar:
            counts = retheme(db, themer, settings.safeguarding_role, progress=bar.update)
    click.echo(f"Themed {counts[0]:,} answers; {counts[1]:,} new safeguarding flags.")


@main.command("import")
@click.argument("slug")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--map", "map_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML of column header to question id, for columns not named by question id or label.")
@click.option("--channel", type=click.Choice(["import", "paper", "session"]), default="import", show_default=True)
@click.option("--all-or-nothing", is_flag=True, help="Store nothing if any row is rejected.")
@click.option("--date-column", help="The column with the day each row was answered (else Completion time, "
              "Timestamp or Ended, as Microsoft Forms, Google Forms and SmartSurvey name it).")
@click.option("--id-column", help="The column with each row's own id in its source, so that importing the "
              "same rows again stores nothing new (else ID, or Google's Timestamp).")
@click.option("--month-first", is_flag=True, help="Dates like 9/14/2021 are month first (US exports).")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def import_command(slug: str, path: Path, map_file: Path | None, channel: str, all_or_nothing: bool,
                   date_column: str | None, id_column: str | None, month_first: bool, db_path: str | None) -> None:
    """Import answers to survey SLUG from a CSV (UTF-8) or Excel (.xlsx) file exported by another tool,
    with a header row.

    Each row is checked like a web answer; rejected rows are listed as FILE:LINE: problem. Each answer
    keeps the day it was given (from the date column); rows imported before (same id) are not stored
    again. The import goes into the audit log.
    """

    import yaml

    from voice.app import redaction_terms, themer_for
    from voice.catalogue import Catalogue
    from voice.db import migrate, opened
    from voice.imports import ImportFileError, import_csv

    settings = _settings(db_path=db_path)
    try:
        terms, themer = redaction_terms(settings), themer_for(settings)
        explicit = yaml.safe_load(map_file.read_text()) if map_file else {}
    except (SettingsError, yaml.YAMLError) as exc:
        raise click.ClickException(str(exc)) from None
    if not isinstance(explicit, dict):
        raise click.ClickException(f"{map_file}: write one `column header: question_id` per line")
    migrate(settings.db_path)
    published = Catalogue(settings.db_path, settings.surveys_dir).current(slug)
    if published is None:
        raise click.ClickException(f"There is no survey `{slug}` in {settings.surveys_dir}; `voice check` lists them.")
    mapped = {str(k): str(v) for k, v in explicit.items()}
    mapped |= {column: target for column, target in ((date_column, "submitted_on"), (id_column, "source_id")) if column}
    rows = path.read_bytes().count(b"\n") - 1
    with opened(settings.db_path) as db, click.progressbar(length=max(rows, 0), label="Importing") as bar:
        try:
            result = import_csv(db, published, path, channel=channel, explicit=mapped, all_or_nothing=all_or_nothing,
                                terms=terms, themer=themer, flag_role=settings.safeguarding_role,
                                day_first=not month_first, by=f"{_who()} (voice import)",
                                progress=bar.update)
        except ImportFileError as exc:
            raise click.ClickException(str(exc)) from None
    if result.date_column is None:
        click.echo("No date column: the answers are dated today (--date-column names one).", err=True)
    if result.id_column is None:
        click.echo("No id column: importing this file again would store its rows again (--id-column names one).",
                   err=True)
    for problem in result.rejected:
        click.echo(f"{path}:{problem.line}: {problem.message}")
    if result.unmatched_columns:
        click.echo(f"Columns not imported (no matching question): {', '.join(result.unmatched_columns)}", err=True)
    if result.rejected and all_or_nothing:
        click.echo(f"Nothing imported: {len(result.rejected)} row(s) rejected and --all-or-nothing was set.", err=True)
        sys.exit(1)
    before = f" {result.already:,} imported before, not stored again;" if result.already else ""
    click.echo(f"Imported {result.stored:,} row(s);{before} rejected {len(result.rejected):,}.")
    if result.rejected:
        sys.exit(1)


@main.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def backup_command(target: Path, db_path: str | None) -> None:
    """Copy the database to TARGET, safely while the service is running."""
    import sqlite3

    from voice.operations import backup

    settings = _settings(db_path=db_path)
    if not Path(settings.db_path).exists():
        raise click.ClickException(f"There is no database at {settings.db_path}.")
    try:
        pages = backup(settings.db_path, target)
    except (sqlite3.Error, OSError) as exc:
        raise click.ClickException(f"The backup to {target} failed: {exc}. Nothing was replaced.") from None
    click.echo(f"Backed up {settings.db_path} to {target} ({pages:,} pages, integrity check ok).")


@main.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def restore_command(backup_file: Path, yes: bool, db_path: str | None) -> None:
    """Replace the database with BACKUP_FILE (made by `voice backup`). The database as it was is kept
    beside it first (<db>.before-restore-DATE), so this can be undone."""
    from voice.db import migrate
    from voice.operations import RestoreError, restore

    settings = _settings(db_path=db_path)
    if not yes:
        click.confirm(f"Replace everything in {settings.db_path} with {backup_file}?", abort=True)
    try:
        kept = restore(backup_file, settings.db_path)
    except RestoreError as exc:
        raise click.ClickException(str(exc)) from None
    migrate(settings.db_path)  # a backup from an older version gets the newer tables
    click.echo(f"Restored {backup_file} into {settings.db_path}. The database as it was is in {kept}.")


@main.command("purge")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def purge_command(db_path: str | None) -> None:
    """Delete what has passed its keeping time: unfinished answers, texts as typed, staff sessions, the
    details of closed requests for contact, answers (VOICE_ANSWER_DAYS)."""
    from voice.db import migrate
    from voice.operations import purge_as_set

    settings = _settings(db_path=db_path)
    migrate(settings.db_path)
    done = purge_as_set(settings)
    click.echo(f"Deleted {done.drafts} expired unfinished answers, {done.original_texts} texts as typed, "
               f"{done.staff_sessions} old staff sessions, {done.answers} responses past their keeping time; "
               f"wiped the details of {done.contact_details} closed requests for contact.")


@main.group("priorities")
def priorities_group() -> None:
    """The partnership's priorities for a business year."""


@priorities_group.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--by", default="import", show_default=True, help="Who is importing, for the audit log.")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def priorities_import(path: Path, by: str, db_path: str | None) -> None:
    """Import a year's priorities (and any actions) from a YAML file. Priorities with the same id in that
    year are updated, and so are actions with the same id (or title, when they have no id): importing a
    file again changes what changed and adds nothing twice. Every problem is listed at once, as
    FILE:LINE: $.path: message."""
    from voice.db import migrate, opened
    from voice.priorities import import_plan, load_plan
    from voice.survey_files import SurveyFileError

    settings = _settings(db_path=db_path)
    taxonomy = _taxonomy(settings)
    try:
        plan = load_plan(path, taxonomy)
    except SurveyFileError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    migrate(settings.db_path)
    with opened(settings.db_path) as db:
        stored = import_plan(db, plan, taxonomy, by)
    click.echo(f"Imported {stored[0]} priorities for {plan.year}; actions: {stored[1]} added, {stored[2]} updated.")


def _taxonomy(settings: Settings) -> Taxonomy:
    """The taxonomy in use (VOICE_TAXONOMY_FILE or the shipped one), or a clear error."""
    from voice.themes import taxonomy_for

    try:
        return taxonomy_for(settings)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


@main.group("export")
def export_group() -> None:
    """Make files to publish."""


@export_group.command("you-said-we-did")
@click.option("--year", required=True, help="Business year, e.g. 2021/22.")
@click.option("--survey", help="Only this consultation (survey slug).")
@click.option("--format", "formats", multiple=True, default=["html"], show_default=True,
              help="html, pdf, docx, md, csv, json or all; repeat for several.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("exports"),
              show_default=True, help="Folder to write into.")
@click.option("--locale", default="en", show_default=True, help="Language of the words around the figures.")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def export_you_said(year: str, survey: str | None, formats: tuple[str, ...], out_dir: Path, locale: str,
                    db_path: str | None) -> None:
    """Write the year's (or one consultation's) "you said, we did" as web page, PDF, Word section,
    Markdown, CSV or JSON. Numbers under the small-group threshold are never written."""
    from voice.db import migrate, opened
    from voice.exports import FORMATS, ExportError, report_css, write
    from voice.outputs import build_report
    from voice.priorities import check_year

    chosen = list(FORMATS) if "all" in formats else list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown:
        raise click.BadParameter(f"unknown format {unknown[0]!r}; use one of: {', '.join(FORMATS)} or all",
                                 param_hint="--format")
    try:
        year = check_year(year)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--year") from None
    settings = _settings(db_path=db_path)
    if not Path(settings.db_path).exists():
        raise click.ClickException(f"There is no database at {settings.db_path}.")
    taxonomy = _taxonomy(settings)
    migrate(settings.db_path)
    if read := _read_waiting(settings):  # every answer accepted so far counts
        click.echo(f"Read {read:,} answers that were waiting.")
    with opened(settings.db_path) as db:
        if survey and not db.execute("SELECT 1 FROM survey_versions WHERE slug = ?", [survey]).fetchone():
            raise click.BadParameter(f"there is no survey `{survey}` in the database", param_hint="--survey")
        report = build_report(db, year, taxonomy, survey=survey, threshold=settings.min_group_size)
    css = report_css(settings.static_dir)
    try:
        written = write(report, chosen, out_dir, locale, css)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"Cannot write to {out_dir}: {exc.strerror}") from None
    for path in written:
        click.echo(f"Wrote {path} ({path.stat().st_size:,} bytes)")
