"""create_app(settings): mounts the web routers, templates, static files, CSRF and error pages."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
import msgspec
from litestar import Litestar, Router
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import CacheControlHeader, State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, YamlRenderPlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from voice import __version__
from voice.common.dates import use_timezone
from voice.common.settings import Settings, SettingsError
from voice.curation import notices
from voice.intake.operations import purge_as_set
from voice.intake.submissions import purge_originals
from voice.reading.learning import answer_reader_with_corrections
from voice.reading.reader import load_model
from voice.reading.redact import Terms, load_terms, redact, with_helplines
from voice.reading.themes import AnswerReader, taxonomy_for
from voice.reporting.partnership import partnership_for
from voice.reporting.templating import environment
from voice.store.catalogue import Catalogue
from voice.store.db import (
    ConnectionPool,
    checkpoint,
    keep_wal_small,
    lock_writes_to,
    migrate,
    opened,
    serving_connection,
)
from voice.store.health import health, writable
from voice.web import api, people, public, staff, uploads, withdraw
from voice.web.errors import exception_handlers, static_exception_handlers
from voice.web.guard import (
    CSRF_COOKIE,
    SignInRequiredError,
    WrongHostError,
    host_guard,
    on_wrong_host,
    staff_guard,
    to_sign_in,
)
from voice.web.headers import response_headers
from voice.web.limits import rate_limit
from voice.web.metrics import Metrics, metrics_page, provide_metrics
from voice.web.pages import PageCache, https_only, provide_db, services
from voice.web.people import (
    AccountsController,
    AuditController,
    ContactsController,
    EmailsController,
    WithdrawForController,
)
from voice.web.plans import PlansController
from voice.web.reading import BackgroundReader

log = logging.getLogger("voice")


def secret_for(settings: Settings) -> str:
    """VOICE_SECRET, or one made once and kept (mode 600) beside the database for every worker."""
    if settings.secret:
        return settings.secret
    path = Path(f"{settings.db_path}.secret")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


def template_engine() -> JinjaTemplateEngine:
    return JinjaTemplateEngine.from_environment(environment())


def redaction_terms(settings: Settings) -> Terms:
    """The partnership's own words (VOICE_REDACT_TERMS_FILE) and helplines (VOICE_HELPLINES_FILE)."""
    terms = Terms()
    if settings.redact_terms_file:
        try:
            terms = load_terms(Path(settings.redact_terms_file).read_bytes())
        except (OSError, ValueError, msgspec.ValidationError) as exc:
            raise SettingsError(f"VOICE_REDACT_TERMS_FILE: {settings.redact_terms_file}: {exc}") from None
    if settings.helplines_file:
        try:
            text = Path(settings.helplines_file).read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise SettingsError(f"VOICE_HELPLINES_FILE: {settings.helplines_file}: {exc}") from None
        terms = with_helplines(terms, text)
    return terms


def model_path(settings: Settings) -> Path:
    """Where this partnership's retrained model is (or would be) kept."""
    return Path(settings.model_file) if settings.model_file else Path(settings.db_path).parent / "reader.npz"


def answer_reader_for(settings: Settings, *, learn: bool = True) -> AnswerReader:
    """The taxonomy and reader model in use, plus what people's corrections in the database have taught
    (unless learn=False)."""
    taxonomy = taxonomy_for(settings)
    try:
        model = load_model(model_path(settings))
    except (OSError, ValueError, msgspec.DecodeError) as exc:
        raise SettingsError(f"VOICE_MODEL_FILE: {model_path(settings)}: {exc}") from None
    options: dict[str, Any] = {
        "model": model,
        "flag_threshold": settings.flag_threshold,
        "look_threshold": settings.look_threshold,
        "close_floor": settings.close_floor,
        "read_closely": settings.close_reader,
    }
    if not learn or not Path(settings.db_path).exists():
        return AnswerReader(taxonomy, **options)
    with opened(settings.db_path) as db:
        if "theme_corrections" not in db.table_names():  # a command run before the first migration
            return AnswerReader(taxonomy, **options)
        return answer_reader_with_corrections(db, taxonomy, **options)


@asynccontextmanager
async def _in_background(seconds: Callable[[], float], job: Callable[[], object], what: str) -> AsyncIterator[None]:
    """While the service runs, do `job` every `seconds()` in a worker thread, so pages keep being
    served. A failure is logged and the job is tried again next time; the service goes on."""

    async def again_and_again() -> None:
        while True:
            await anyio.sleep(seconds())
            try:
                await anyio.to_thread.run_sync(job)
            except (sqlite3.Error, OSError) as exc:  # logged when it starts and when it ends, not every time
                health.failed(what, exc)
            except Exception:
                log.exception("%s failed", what)
            else:
                health.worked(what)

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(again_and_again)
        yield
        tasks.cancel_scope.cancel()


@asynccontextmanager
async def retention(app: Litestar) -> AsyncIterator[None]:
    """The retention job: delete what has passed its keeping time every VOICE_PURGE_EVERY_SECONDS (0:
    never). Each worker runs it; deleting what is already gone does nothing."""
    settings: Settings = app.state["settings"]
    if not settings.purge_every_seconds:
        yield
        return

    def job() -> None:
        done = purge_as_set(settings)
        log.info(
            "retention job: deleted %d expired unfinished answers, %d texts as typed, %d staff sessions, "
            "%d responses past their keeping time; wiped the details of %d closed requests for contact",
            done.drafts,
            done.original_texts,
            done.staff_sessions,
            done.answers,
            done.contact_details,
        )

    async with _in_background(lambda: settings.purge_every_seconds, job, "retention job"):
        yield


@asynccontextmanager
async def watch_surveys(app: Litestar) -> AsyncIterator[None]:
    """Look at the survey folder every second for new, changed and broken files. Requests only read
    what was found, so a page never waits for the folder (or for a large survey file being checked)
    and pages can be served on the event loop."""
    async with _in_background(
        lambda: SURVEYS_CHECK_SECONDS, app.state["catalogue"].refresh, "looking at the survey folder"
    ):
        yield


@asynccontextmanager
async def checkpoints(app: Litestar) -> AsyncIterator[None]:
    """Copy the WAL back into the database file every second, so that no answer being sent waits for
    it (see voice.store.db.connect), and empty it past a quarter of VOICE_WAL_LIMIT_MB (keep_wal_small)."""
    settings: Settings = app.state["settings"]
    async with (
        _in_background(
            lambda: CHECKPOINT_SECONDS, lambda: checkpoint(settings.db_path), "copying the WAL into the database"
        ),
        _in_background(
            lambda: WAL_CHECK_SECONDS,
            lambda: keep_wal_small(settings.db_path, settings.wal_limit_mb * 2**20),
            "emptying the WAL",
        ),
    ):
        yield


@asynccontextmanager
async def emails(app: Litestar) -> AsyncIterator[None]:
    """Tell the safeguarding leads what is waiting, by email (voice.curation.notices), when a mail server or
    GOV.UK Notify is set: every VOICE_MAIL_EVERY_SECONDS, queue what is new and send what is due."""
    settings: Settings = app.state["settings"]
    mailer = app.state["mailer"]
    if mailer is None:
        yield
        return
    pool: ConnectionPool = app.state["connections"]

    def job() -> None:
        with pool.lend(settings.db_path) as db:
            notices.collect(db, settings)
            notices.send_due(db, mailer)

    async with _in_background(lambda: settings.mail_every_seconds, job, "sending emails"):
        yield


CHECKPOINT_SECONDS = 1.0
WAL_CHECK_SECONDS = 0.1
"""How often the WAL's size is looked at (a stat of the file): at ~20 MB/s under a burst, it grows by 2 MB between looks."""
SURVEYS_CHECK_SECONDS = 1.0
WARM_UP_TEXT = "I told Sam on 07700 900123 that I feel sad and nobody at school listens."
WARM_UP_OTHER_LANGUAGE = "Szkoła jest w porządku, ale nauczyciele nie słuchają."


def warm_up(answer_reader: AnswerReader, terms: Terms, engine: JinjaTemplateEngine) -> None:
    """Load now what would otherwise load on the first answer or page a worker serves (word lists,
    lexicons, the reader's embeddings, compiled patterns and templates), so the first young person after a restart does not wait:
    under a burst, a cold worker's first answers took 1.5 to 1.8 s instead of about 50 ms."""
    answer_reader.theme(redact(WARM_UP_TEXT, terms).text)
    answer_reader.theme(WARM_UP_OTHER_LANGUAGE)  # loads the word lists that tell another language apart
    for name in engine.engine.list_templates(extensions=["html"]):  # imported macros and includes too
        engine.get_template(name)


def create_app(settings: Settings) -> Litestar:
    health.clear()
    use_timezone(settings.timezone)
    if not writable(settings.db_path):
        raise SettingsError(
            f"VOICE_DB_PATH: {settings.db_path} cannot be written to (a read-only file or disk): "
            "voice stores answers there, so the user it runs as must be able to write it"
        )
    migrate(settings.db_path)
    lock_writes_to(settings.db_path)
    terms = redaction_terms(settings)
    answer_reader = answer_reader_for(settings)
    partnership_for(settings)  # a partnership file with a problem stops the start, as a taxonomy file does
    with opened(settings.db_path) as db:
        purge_originals(db)
    catalogue = Catalogue(settings.db_path, settings.surveys_dir, check_every=None)  # see watch_surveys
    catalogue.refresh()
    for problem in catalogue.problems:
        log.warning("skipping a survey file with a problem: %s", problem)
    try:
        mailer = notices.mailer_for(settings)
    except ValueError as exc:
        raise SettingsError(str(exc)) from None
    if mailer is not None and not settings.public_url:
        log.warning("emails to staff will say where to sign in without the service's address: set VOICE_PUBLIC_URL")
    engine = template_engine()
    connections = ConnectionPool(opener=serving_connection)
    secret = secret_for(settings)
    state = State(
        {
            "settings": settings,
            "catalogue": catalogue,
            "terms": terms,
            "answer_reader": answer_reader,
            "mac_key": hashlib.sha256(f"voice cookies\0{secret}".encode()).digest(),  # see pages.signature
            "connections": connections,
            "pages": PageCache(),
            "mailer": mailer,
        }
    )
    state["reader"] = reader = BackgroundReader(settings, connections, state)
    try:
        metrics = state["metrics"] = Metrics(settings) if settings.metrics else None
    except ValueError as exc:  # an address that is not one
        raise SettingsError(f"VOICE_METRICS_ALLOW: {exc}") from None
    warm_up(answer_reader, terms, engine)
    log.info("ready: %d surveys, database %s", len(catalogue.all()), Path(settings.db_path).resolve())
    return Litestar(
        route_handlers=[
            public.PublicController,
            api.ApiController,
            withdraw.WithdrawController,
            withdraw.ResponsesApiController,
            *staff_routers(),
            *([metrics_page] if metrics else []),
            create_static_files_router(
                path="/static",
                directories=[Path(settings.static_dir)],
                cache_control=None,
                include_in_schema=False,
                exception_handlers=static_exception_handlers(),
            ),
        ],
        dependencies={
            "db": Provide(provide_db),
            **services(settings, catalogue, reader),
            **(provide_metrics(metrics) if metrics else {}),
        },
        state=state,
        template_config=TemplateConfig(instance=engine),
        csrf_config=CSRFConfig(
            secret=secret,
            cookie_name=CSRF_COOKIE,
            cookie_secure=https_only(settings),
            cookie_httponly=True,
            cookie_samesite="lax",
        ),
        request_max_body_size=settings.max_body_bytes,
        middleware=[
            *([metrics.middleware] if metrics else []),
            reader.middleware,
            *[m for m in [rate_limit(settings.submissions_per_minute)] if m is not None],
        ],
        response_headers=response_headers(settings),
        exception_handlers={**exception_handlers(), WrongHostError: on_wrong_host},
        openapi_config=OpenAPIConfig(
            title="voice",
            version=__version__,
            path="/api/schema",
            render_plugins=[JsonRenderPlugin(), YamlRenderPlugin()],
        ),
        lifespan=[retention, watch_surveys, checkpoints, reader.lifespan, emails],
        on_shutdown=[connections.close_all],
        debug=False,
    )


def staff_routers() -> list[Router]:
    """Every /staff page answers only at VOICE_PUBLIC_URL's host when it is set (host_guard). Every one
    but signing in and the one-time links is behind the staff guard too (after the host guard, so a wrong
    host is told so, not sent to sign in), and none of those is kept by a browser or a proxy
    (Cache-Control: no-store): they hold answers, contact details and texts as typed, and downloads of them."""
    return [
        Router(
            path="/",
            route_handlers=[staff.SignInController, people.SetPasswordController],
            guards=[host_guard],
            include_in_schema=False,
        ),
        Router(
            path="/staff",
            route_handlers=[
                staff.StaffController,
                PlansController,
                ContactsController,
                WithdrawForController,
                AccountsController,
                AuditController,
                EmailsController,
                uploads.ImportController,
            ],
            guards=[host_guard, staff_guard],
            cache_control=CacheControlHeader(no_store=True),
            exception_handlers={SignInRequiredError: to_sign_in},
            include_in_schema=False,
        ),
    ]
