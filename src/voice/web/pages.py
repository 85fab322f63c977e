"""What every page handler shares: the database per request, the locale, and rendering."""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from html import escape
from typing import Annotated, Any
from urllib.parse import quote

import msgspec
from litestar import MediaType, Request, Response
from litestar.background_tasks import BackgroundTask
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.di import NamedDependency, Provide
from litestar.params import PathParameter, URLEncodedBody
from litestar.response import Template
from litestar.utils.empty import value_or_default
from litestar.utils.scope.state import ScopeState
from sqlite_utils import Database

from voice.common.i18n import (
    N_,
    available_locales,
    direction,
    lang_tag,
    language_name,
    negotiate,
    translate,
)
from voice.common.settings import Settings
from voice.curation.notices import Mailer
from voice.intake.submissions import Recorded, RecordOptions
from voice.reading.themes import Taxonomy
from voice.reporting.templating import environment
from voice.store.accounts import Staff
from voice.store.catalogue import Catalogue
from voice.store.db import ConnectionPool
from voice.surveys.schema import STANDARD_SUPPORT, PerSurvey, Support, Survey
from voice.web.reading import BackgroundReader

SQLITE_MAX_INT = 2**63 - 1
RowId = Annotated[int, PathParameter(ge=1, le=SQLITE_MAX_INT)]


def form_row_id(raw: str) -> int | None:
    """A row's id as a form sends it: None when none is given (or it is no number); 0, which no row has, for a number
    past SQLite's largest (so the caller finds no such row, never an OverflowError)."""
    if not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if value <= SQLITE_MAX_INT else 0


FormData = URLEncodedBody[dict[str, Any]]
"""A posted HTML form (every form page's body)."""
"""A row id in a path: a number SQLite can hold, else a clear 400 (not a 500 from deep in the database)."""

Db = NamedDependency[Database]
"""A handler parameter `db: Db` gets this request's connection, closed afterwards."""
AppSettings = NamedDependency[Settings]
"""A handler parameter `settings: AppSettings` gets the app's settings (see services())."""
AppCatalogue = NamedDependency[Catalogue]
"""A handler parameter `catalogue: AppCatalogue` gets the surveys the app serves."""
AppReader = NamedDependency[BackgroundReader]
"""A handler parameter `reader: AppReader` gets this worker's reader (the redaction list and answer_reader in use)."""
AppTaxonomy = NamedDependency[Taxonomy]
"""A handler parameter `taxonomy: AppTaxonomy` gets the topics of the answer_reader in use (see services())."""


def form_lists(data: dict[str, Any]) -> dict[str, list[str]]:
    """Every posted field as a list of strings, however many times it was sent (checkboxes)."""
    return {k: [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in data.items()}


async def provide_db(request: Request) -> AsyncIterator[Database]:
    """An async generator only so that Litestar gives the connection back on the event loop: for a sync
    one it starts a thread just to do that, which cost more than a page's own queries."""
    with connections_of(request).lend(settings_of(request).db_path) as db:
        yield db


def services(settings: Settings, catalogue: Catalogue, reader: BackgroundReader) -> dict[str, Provide]:
    """The app's settings and services as typed handler parameters (`settings: AppSettings`,
    `catalogue: AppCatalogue`, `reader: AppReader`): each the one object the app was made with, not a value
    looked up by name. What has only the request uses the few lookups in app state below."""

    def provide_settings() -> Settings:
        return settings

    def provide_catalogue() -> Catalogue:
        return catalogue

    def provide_reader() -> BackgroundReader:
        return reader

    def provide_taxonomy() -> Taxonomy:
        """Read when asked for: the answer_reader is made again when people correct themes."""
        return reader.answer_reader.taxonomy

    return {
        "settings": Provide(provide_settings, use_cache=True, sync_to_thread=False),
        "catalogue": Provide(provide_catalogue, use_cache=True, sync_to_thread=False),
        "reader": Provide(provide_reader, use_cache=True, sync_to_thread=False),
        "taxonomy": Provide(provide_taxonomy, sync_to_thread=False),
    }


def https_only(settings: Settings) -> bool:
    """Every cookie is marked Secure: when VOICE_SECURE_COOKIES says so, and whenever VOICE_PUBLIC_URL is
    an https address (the service is reached over HTTPS, so a cookie sent over plain HTTP is a mistake)."""
    return settings.secure_cookies or settings.public_url.startswith("https://")


# Lookups in app state by key, for what Litestar's dependency injection does not reach: it gives
# parameters to route handlers (and to other dependencies) only, while guards, middleware, exception
# handlers, the template context and provide_db() itself have nothing but the connection. Handlers take
# `settings: AppSettings` and the like instead (see services()), except the young people's pages
# (web/public.py) and the API's submissions: a handler with more than one dependency has Litestar
# resolve them in an anyio task group on every request: for a survey's start page with `db` and
# `catalogue`, 0.15 s per 1,000 requests instead of 0.03 s with `db` alone (profiled in one process,
# where the whole page took about 1.8 s), so those take only `db` and look the rest up here.


def settings_of(connection: ASGIConnection) -> Settings:
    """The app's settings, for guards, exception handlers, the template context and provide_db()."""
    settings: Settings = connection.app.state["settings"]
    return settings


def connections_of(connection: ASGIConnection) -> ConnectionPool:
    """The app's database connections, for provide_db() (a dependency cannot be given its own pool)."""
    pool: ConnectionPool = connection.app.state["connections"]
    return pool


def catalogue_of(connection: ASGIConnection) -> Catalogue:
    """The surveys the app serves, for the young people's pages and the API's submissions (see above)."""
    catalogue: Catalogue = connection.app.state["catalogue"]
    return catalogue


def reader_of(connection: ASGIConnection) -> BackgroundReader:
    """This worker's reader, for the young people's pages and the API's submissions (see above)."""
    reader: BackgroundReader = connection.app.state["reader"]
    return reader


def mailer_of(connection: ASGIConnection) -> Mailer | None:
    """How emails to staff go out (None: not set up). Not injected: Litestar's signature model checks a
    dependency's value against its type with msgspec, which cannot check a Protocol such as Mailer
    (NamedDependency[Mailer | None] made the emails page a 500 once emails were set up)."""
    mailer: Mailer | None = connection.app.state["mailer"]
    return mailer


def secure_cookies(request: Request, settings: Settings) -> bool:
    """Cookies only over HTTPS: when configured (see https_only), and always when this request came over HTTPS."""
    return https_only(settings) or request.url.scheme == "https"


def strict_cookie(request: Request, settings: Settings, key: str, value: str, path: str, max_age: int) -> Cookie:
    """A cookie of the staff pages: HttpOnly, SameSite=Strict, under `path`, over HTTPS where it can be."""
    return Cookie(
        key=key,
        value=value,
        path=path,
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request, settings),
        max_age=max_age,
    )


def record_options(request: Request, reader: BackgroundReader, offered: list[str] | None = None) -> RecordOptions:
    """What submissions.record() needs from the app: the redaction list, how long originals stay, and
    the language for its messages (among `offered`, as for the page)."""
    return msgspec.structs.replace(reader.options, locale=locale_of(request, offered))


def read_after(reader: BackgroundReader, recorded: Recorded) -> BackgroundTask:
    """After the response is sent: read the answers just accepted (see voice.web.reading)."""
    return BackgroundTask(reader.after_accepting, recorded.response_id, reader.started)


LANGUAGE_COOKIE = "voice_lang"
EASY_READ_COOKIE = "voice_easy_read"


def chosen_locale(request: Request) -> str | None:
    """A language the visitor picked with the switcher (or ?lang=), if the product has it."""
    chosen = (
        request.scope.get("voice_chosen") or request.query_params.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    )
    return chosen if chosen in available_locales() else None


def locale_of(request: Request, offered: list[str] | None = None) -> str:
    """The page's language: the visitor's choice, else their browser's, among those offered (every
    language of the product, or a survey's languages); else the first offered."""
    offered = offered or available_locales()
    known: dict[tuple[str, ...], str] = request.scope.setdefault("voice_locales", {})  # type: ignore[typeddict-item]
    key = tuple(offered)
    if key not in known:  # worked out once a request for each set of languages
        known[key] = negotiate(
            chosen_locale(request), request.headers.get("accept-language"), offered, default=offered[0]
        )
    return known[key]


def choose_locale(request: Request, code: str) -> None:
    """This request's pages are now in `code` (a language just picked with the switcher on a form)."""
    request.scope["voice_chosen"] = code  # type: ignore[typeddict-unknown-key]
    request.scope.pop("voice_locales", None)  # type: ignore[typeddict-item]


def wants_easy_read(request: Request) -> bool:
    return request.cookies.get(EASY_READ_COOKIE) == "1"


def t(request: Request, message: str, **params: Any) -> str:
    """Translate a message for this request's language."""
    return translate(locale_of(request), message, **params)


def support_for(survey: Survey | None) -> list[Support]:
    return [*STANDARD_SUPPORT, *(survey.support if survey else [])]


def here(request: Request) -> str:
    """This page's address, for coming back to it after choosing a language."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def page_context(request: Request, survey: Survey | None, offered: list[str] | None) -> dict[str, Any]:
    """What every page's template gets: the visitor's language and its direction, the language
    switcher, where to get help. `offered`: the languages this page can be in (a survey's)."""
    locale = locale_of(request, offered)
    chosen = chosen_locale(request)
    every = available_locales()
    # The switcher lists the languages in one order on every page (a survey's own order may differ).
    languages = sorted(offered or every, key=lambda code: every.index(code) if code in every else len(every))
    return {
        "done_message": None,
        "locale": locale,
        "lang": lang_tag(locale),
        "dir": direction(locale),
        "languages": [(code, lang_tag(code), language_name(code)) for code in languages],
        "here": quote(here(request), safe=""),
        "staff_side": request.url.path.startswith("/staff"),  # staff pages: no young person's links in the footer
        # The visitor asked for a language this survey does not have yet: say so, in their language.
        "not_in": (
            lang_tag(chosen),
            direction(chosen),
            translate(
                chosen,
                "This survey is not in %(language)s yet, so it is shown in %(shown)s.",
                language=language_name(chosen, chosen),
                shown=language_name(locale, chosen),
            ),
        )
        if chosen and chosen not in languages
        else None,
        "switch_form": None,  # a page whose form the switcher sends (keeping what was typed): its id
        "easy_read": (False, False),  # (in easy read now, easy read offered): survey pages say
        "support": support_for(survey),
        # The promise a request for contact makes, from the setting its due day is worked out with.
        "contact_days": settings_of(request).contact_working_days,
        "survey": survey,
        "errors": [],
    }


def render(
    request: Request,
    template: str,
    *,
    status: int = 200,
    survey: Survey | None = None,
    offered: list[str] | None = None,
    **context: Any,
) -> Template:
    """A page in the visitor's language. `offered`: the languages this page can be in (a survey's).
    After a change, `?done=KEY` in the address shows DONE[KEY] at the top (a staff page's success message)."""
    done = DONE.get(request.query_params.get("done") or "")
    if done:
        context["done_message"] = translate(locale_of(request, offered), done)
    return Template(
        template_name=template, context=page_context(request, survey, offered) | context, status_code=status
    )


DONE: dict[str, str] = {
    "themes": N_("Themes saved. Later theming learns from them."),
    "proposed": N_("Quote proposed. Someone else now needs to approve it."),
    "approved": N_("Quote approved. It can now be published."),
    "published": N_("Quote published."),
    "rejected": N_("Quote rejected. It will not be used."),
    "flag-closed": N_("Flag closed. What you did is in the audit log."),
    "flags-closed": N_("Flags closed. What you did is in the audit log for each of them."),
    "archived": N_("Archived: it is no longer in the lists or in new reports. You can restore it below."),
    "restored": N_("Restored."),
    "saved": N_("Saved."),
    "role": N_("Role saved. It applies from their next page."),
    "disabled": N_("Account disabled. They are signed out and cannot sign in."),
    "enabled": N_("Account enabled. They can sign in again."),
}
"""Success messages after a change, by the `done` key a redirect gives."""


CSRF_MARK = "<!--voice:csrf-input-->"


class PageCache:
    """Young people's pages as rendered, by a digest of everything they were made from (template,
    status and the whole context), with a mark where each visitor's form token goes. Thousands of young
    people see the same start page and the same first view of each question page: rendering one took
    longer than all the rest of the request. The least recently used go first."""

    def __init__(self, size: int = 256) -> None:
        self._lock = threading.Lock()
        self._pages: OrderedDict[bytes, str] = OrderedDict()
        self._size = size

    def page(self, key: bytes, make: Callable[[], str]) -> str:
        with self._lock:
            html = self._pages.get(key)
            if html is not None:
                self._pages.move_to_end(key)
                return html
        html = make()
        with self._lock:
            self._pages[key] = html
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)
        return html


_SURVEY_DIGESTS: PerSurvey[None, bytes] = PerSurvey()


def _survey_digest(survey: Survey | None) -> bytes:
    """A digest of a survey (in some words): worked out once per survey object, not once per page (the
    whole definition, encoded, was the largest cost of a page from the cache). Survey objects are
    frozen and long-lived (the catalogue's, and their translations)."""
    if survey is None:
        return b""
    return _SURVEY_DIGESTS.get(
        survey, None, lambda: hashlib.blake2b(msgspec.json.encode(survey), digest_size=16).digest()
    )


def render_cached(
    request: Request,
    template: str,
    *,
    status: int = 200,
    survey: Survey | None = None,
    offered: list[str] | None = None,
    **context: Any,
) -> Response[Any]:
    """As render(), from the PageCache when the same page was made before."""
    full = page_context(request, survey, offered) | context
    rest = {k: v for k, v in full.items() if k != "survey"}
    key = hashlib.blake2b(
        msgspec.json.encode([template, status, rest]) + _survey_digest(full["survey"]), digest_size=16
    ).digest()
    cache: PageCache = request.app.state["pages"]
    html = cache.page(key, lambda: environment().get_template(template).render({**full, "csrf_input": CSRF_MARK}))
    token = value_or_default(ScopeState.from_scope(request.scope).csrf_token, "")
    field = f'<input type="hidden" name="_csrf_token" value="{escape(token)}" />'
    return Response(html.replace(CSRF_MARK, field), media_type=MediaType.HTML, status_code=status)


def staff_of(request: Request) -> Staff:
    """The signed-in staff member (set by the staff guard)."""
    staff: Staff = request.state["staff"]
    return staff


def signature(connection: ASGIConnection, purpose: str, *parts: str) -> str:
    """An HMAC of these parts for this purpose, under a key made from the app's secret (state["mac_key"]):
    what the service alone can sign in a cookie (a receipt code shown again, a form token tied to a sign-in)."""
    key: bytes = connection.app.state["mac_key"]
    return hmac.new(key, "\0".join((purpose, *parts)).encode(), hashlib.sha256).hexdigest()
