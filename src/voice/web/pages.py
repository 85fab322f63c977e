"""What every page handler shares: the database per request, the locale, and rendering."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from litestar import Request
from litestar.di import NamedDependency
from litestar.response import Template
from sqlite_utils import Database

from voice.catalogue import Catalogue
from voice.db import connect
from voice.i18n import available_locales, direction, negotiate, translate
from voice.settings import Settings
from voice.surveys import STANDARD_SUPPORT, Support, Survey

Db = NamedDependency[Database]
"""A handler parameter `db: Db` gets this request's connection, closed afterwards."""


def form_lists(data: dict[str, Any]) -> dict[str, list[str]]:
    """Every posted field as a list of strings, however many times it was sent (checkboxes)."""
    return {k: [str(x) for x in v] if isinstance(v, list) else [str(v)] for k, v in data.items()}


def provide_db(request: Request) -> Iterator[Database]:
    db = connect(settings_of(request).db_path)
    try:
        yield db
    finally:
        db.close()


def secure_cookies(request: Request) -> bool:
    """Cookies only over HTTPS: when configured, and always when this request came over HTTPS."""
    return settings_of(request).secure_cookies or request.url.scheme == "https"


def settings_of(request: Request) -> Settings:
    return request.app.state["settings"]  # type: ignore[no-any-return]


def catalogue_of(request: Request) -> Catalogue:
    return request.app.state["catalogue"]  # type: ignore[no-any-return]


def record_options(request: Request) -> dict[str, Any]:
    """What submissions.record() needs from the app: the redaction list and how long originals stay."""
    settings = settings_of(request)
    return {"terms": request.app.state["terms"], "keep_original_days": settings.original_text_days,
            "flag_role": settings.safeguarding_role, "themer": request.app.state["themer"],
            "locale": locale_of(request)}


def locale_of(request: Request) -> str:
    return negotiate(request.query_params.get("lang") or request.cookies.get("voice_lang"),
                     request.headers.get("accept-language"), available_locales())


def t(request: Request, message: str, **params: Any) -> str:
    """Translate a message for this request's language."""
    return translate(locale_of(request), message, **params)


def support_for(survey: Survey | None) -> list[Support]:
    return [*STANDARD_SUPPORT, *(survey.support if survey else [])]


def render(request: Request, template: str, *, status: int = 200, survey: Survey | None = None,
           **context: Any) -> Template:
    locale = locale_of(request)
    base = {
        "locale": locale,
        "lang": locale.replace("_", "-"),
        "dir": direction(locale),
        "support": support_for(survey),
        "survey": survey,
        "errors": [],
    }
    return Template(template_name=template, context=base | context, status_code=status)
