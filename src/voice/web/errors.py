"""Errors for people: an HTML page in plain words, or one JSON shape for the API. Never a traceback."""

from __future__ import annotations

import logging
import re
import sqlite3
from typing import Any

import msgspec
from litestar import MediaType, Request, Response
from litestar.exceptions import (
    HTTPException,
    InternalServerException,
    NotFoundException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.openapi.datastructures import ResponseSpec
from litestar.response import Template

from voice.common.i18n import N_
from voice.store.health import STORING, health, is_storage_error

log = logging.getLogger("voice.errors")


class SaidNotFoundError(NotFoundException):
    """A 404 whose detail is a translated sentence written for the caller (shown by the API)."""


class ErrorItem(msgspec.Struct, frozen=True):
    field: str
    message: str


class ApiError(msgspec.Struct, frozen=True):
    status: int
    message: str
    errors: list[ErrorItem] = []

    @staticmethod
    def spec(description: str) -> ResponseSpec:
        return ResponseSpec(data_container=ApiError, description=description)


def api_error(status: int, message: str, errors: list[ErrorItem] | None = None) -> Response[Any]:
    return Response(ApiError(status, message, errors or []), status_code=status, media_type=MediaType.JSON)


# (heading, what to do) for each status a person may meet.
PAGES = {
    400: (N_("We could not read what was sent"), N_("Go back to the previous page and try again.")),
    403: (
        N_("This page has expired"),
        N_(
            "For your safety, forms stop working after a while or if cookies are blocked. Go back, reload the page, and press the button again. Your answers so far are kept."
        ),
    ),
    404: (
        N_("Page not found"),
        N_(
            "If you typed the web address, check it is correct. If you followed a link, the survey may have been taken down."
        ),
    ),
    405: (N_("Page not found"), N_("If you typed the web address, check it is correct.")),
    413: (N_("What you sent is too long"), N_("Go back and make your longest answer shorter, then send it again.")),
    429: (
        N_("Too many answers are being sent from where you are"),
        N_("Nothing you sent has been lost. Wait a minute, then go back and press the button again."),
    ),
    500: (N_("There is a problem with this service"), N_("Try again later. Your answers so far are kept.")),
    503: (
        N_("This service is not available right now"),
        N_("Nothing you sent has been lost. Wait a minute, then go back and press the button again."),
    ),
}
API_MESSAGES = {
    400: N_("The request body is not JSON of the expected shape."),
    403: N_("The form token is missing or has expired."),
    404: N_("Not found."),
    405: N_("This method is not allowed here."),
    413: N_("The request body is too large."),
    415: N_("Send the answers as JSON (Content-Type: application/json). Nothing was stored."),
    429: N_("Too many submissions from this address; wait a minute and send again. Nothing was stored."),
    500: N_("Something went wrong on our side. Nothing was stored."),
    503: N_("The service is busy or unavailable. Nothing was stored; try again shortly."),
}


class NotAllowedError(PermissionDeniedException):
    """Signed in, but in a role that may not do this (not an expired form): said as such."""


NOT_ALLOWED = (
    N_("You do not have permission to do this"),
    N_("Your account's role does not allow it. If you need to, ask an admin to change your role."),
)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _respond(
    request: Request,
    status: int,
    detail: str | None = None,
    errors: list[ErrorItem] | None = None,
    words: tuple[str, str] | None = None,
) -> Response[Any]:
    from voice.web.pages import render, t

    if _is_api(request):
        return _with_headers(
            request, api_error(status, detail or t(request, API_MESSAGES.get(status, API_MESSAGES[400])), errors)
        )
    heading, advice = words or PAGES.get(status, PAGES[400 if status < 500 else 500])
    page: Template = render(
        request, "errors/error.html", status=status, heading=t(request, heading), advice=t(request, advice)
    )
    return _with_headers(request, page)


def _with_headers(request: Request, response: Response[Any]) -> Response[Any]:
    """An error's answer with the headers of every other page (an exception handler's response does not get the
    app's response_headers), and never kept by a browser or proxy: it may be a staff page's."""
    from voice.web.headers import response_headers
    from voice.web.pages import settings_of

    for header in response_headers(settings_of(request)):
        response.headers[header.name] = str(header.value)
    response.headers["Cache-Control"] = "no-store"
    return response


def on_http_error(request: Request, exc: HTTPException) -> Response[Any]:
    if isinstance(exc, ValidationException):
        return on_validation_error(request, exc)
    # Our own sentences reach API callers; the framework's internal wording never does.
    detail = exc.detail if _is_api(request) and isinstance(exc, SaidNotFoundError) else None
    response = _respond(
        request, exc.status_code, detail, words=NOT_ALLOWED if isinstance(exc, NotAllowedError) else None
    )
    for name, value in (exc.headers or {}).items():  # e.g. Allow on a 405 (RFC 9110), Retry-After on a 429
        response.headers[name] = value
    return response


def on_validation_error(request: Request, exc: ValidationException) -> Response[Any]:
    """Litestar's own checks (JSON shape, parameters): say where, in plain words."""
    from voice.web.pages import t

    items = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict) and item.get("message"):
            key, message = str(item.get("key") or "data"), str(item["message"])
            if unknown := re.search(r"unknown field `([^`]+)`", message):
                key = unknown[1] if key == "data" else f"{key}.{unknown[1]}"
            items.append(ErrorItem("body" if key == "data" else key, message))
    malformed = any("malformed" in i.message or "truncated" in i.message for i in items)
    if _is_api(request) and items and not malformed:
        return api_error(422, t(request, "The request body does not have the expected fields."), items)
    return _respond(request, 400, None, items)


def on_database_error(request: Request, exc: sqlite3.Error) -> Response[Any]:
    """A 503. A full disk or a read-only file is logged when it starts and ends (see voice.store.health),
    not once for each request it fails."""
    if is_storage_error(exc):
        health.failed(STORING, exc)
    else:
        log.error("database error: %s", exc.__class__.__name__ + ": " + str(exc))
    return _respond(request, 503)


def on_unexpected(request: Request, exc: Exception) -> Response[Any]:
    log.exception("unexpected error on %s %s", request.method, request.scope.get("route_handler", ""))
    return _respond(request, 500)


def on_too_deep(request: Request, exc: RecursionError) -> Response[Any]:
    """JSON nested deeper than Python can read (an attack, never a survey answer): a clear 400."""
    return _respond(request, 400)


def on_odd_static_path(request: Request, exc: Exception) -> Response[Any]:
    """A static file's address the file system cannot even look up ("voice.css%00.png", "voice.css/x")."""
    return _respond(request, 404)


def exception_handlers() -> dict[Any, Any]:
    return {
        HTTPException: on_http_error,
        sqlite3.Error: on_database_error,
        RecursionError: on_too_deep,
        Exception: on_unexpected,
    }


def static_exception_handlers() -> dict[Any, Any]:
    """For the static files' router: a path that is no file is not found, whatever the OS said of it
    (Litestar turns an OSError other than "no such file", such as "not a directory", into a 500)."""
    return {ValueError: on_odd_static_path, OSError: on_odd_static_path, InternalServerException: on_odd_static_path}
