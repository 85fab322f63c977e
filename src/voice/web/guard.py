"""What every staff page shares: the guards (at VOICE_PUBLIC_URL's host; signed in, in the right role),
the staff cookie, the roles that may change things, and the request's taxonomy. The staff routers (staff, plans, people) import it;
it imports none of them."""

from __future__ import annotations

import hmac
import secrets
from functools import cache
from urllib.parse import urlsplit

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.exceptions import ClientException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.response import Redirect, Template

from voice.common.i18n import N_
from voice.common.settings import Settings
from voice.curation import notices
from voice.intake import contacts
from voice.store import accounts as auth
from voice.store.db import opened
from voice.web.errors import NotAllowedError
from voice.web.pages import render, settings_of, signature, strict_cookie, t

STAFF_COOKIE = "voice_staff"
DEVICE_COOKIE = "voice_device"
"""A browser that an email has signed in from (or set its password from): a random value and its HMAC with the
email under the app's secret, given only then (the OWASP "device cookie"). Wrong passwords sent from it are counted
for it alone; every other browser shares one count for the email (see voice.store.accounts._pair), so a guesser who
makes up or throws away cookies is locked out, and the person, in a browser they have used before, is not."""
EDITORS = ("admin", "facilitator")


def known_browser(connection: ASGIConnection, email: str) -> str:
    """The random value of this browser's device cookie when it was signed for this email; "" otherwise."""
    nonce, _, mac = connection.cookies.get(DEVICE_COOKIE, "").partition(".")
    expected = signature(connection, "known browser", email.strip().lower(), nonce)
    return nonce if nonce and hmac.compare_digest(mac, expected) else ""


def known_browser_cookie(request: Request, settings: Settings, email: str) -> Cookie:
    """The device cookie that makes this browser known to this email (a year; one email per browser)."""
    nonce = known_browser(request, email) or secrets.token_urlsafe(18)
    mac = signature(request, "known browser", email.strip().lower(), nonce)
    return strict_cookie(request, settings, DEVICE_COOKIE, f"{nonce}.{mac}", "/staff", 365 * 24 * 3600)


class SignInRequiredError(Exception):
    """No signed-in staff member: the handler sends them to the sign-in page."""


class WrongHostError(ClientException):
    """A staff request to a host that is not VOICE_PUBLIC_URL's (a 400)."""


DEFAULT_PORTS = {"http": "80", "https": "443"}


@cache
def public_host(public_url: str) -> tuple[str, str]:
    """VOICE_PUBLIC_URL's host as a Host header says it (lower case, with the port unless it is the
    scheme's own), and the ":port" a Host header may add to it all the same."""
    parts = urlsplit(public_url)
    port = f":{DEFAULT_PORTS.get(parts.scheme, '')}"
    return parts.netloc.lower().removesuffix(port), port


def host_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """When VOICE_PUBLIC_URL is set, a staff page answers only a request made to its host: the Host header
    is whatever the sender wrote, and nothing a page shows or sends may follow it. (A proxy in front of
    the service must pass the Host header on as the browser sent it.)"""
    public_url = settings_of(connection).public_url
    if not public_url:
        return
    host, default_port = public_host(public_url)
    if connection.headers.get("host", "").strip().lower().removesuffix(default_port) != host:
        raise WrongHostError()


WRONG_HOST = (
    N_("This is not the address of the staff pages"),
    N_("The staff pages of this service are at %(address)s. Go there instead."),
)


def on_wrong_host(request: Request, exc: WrongHostError) -> Template:
    heading, advice = WRONG_HOST
    address = f"{settings_of(request).public_url}/staff"
    return render(
        request,
        "errors/error.html",
        status=400,
        heading=t(request, heading),
        advice=t(request, advice, address=address),
        link=(address, t(request, "Go to the staff pages")),
    )


CSRF_COOKIE = "voice_csrf"
BIND_COOKIE = "voice_bind"
"""Ties the form token (Litestar's CSRF cookie) to the staff session it was signed in with: an HMAC of
both under the app's secret, set at sign-in. Someone else's cookie-and-token pair, valid on its own,
does not go with a victim's session."""
UNSAFE = frozenset(("POST", "PUT", "PATCH", "DELETE"))


def binding(connection: ASGIConnection, staff_token: str, csrf_cookie: str) -> str:
    return signature(connection, "csrf binding", staff_token, csrf_cookie)


def staff_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """Signed in, and in one of the handler's roles (opt["roles"]; every role when not given); a form
    sent with the form token of this session only."""
    if connection.scope.get("method") in UNSAFE:
        token = connection.cookies.get(STAFF_COOKIE, "")
        expected = binding(connection, token, connection.cookies.get(CSRF_COOKIE, ""))
        if token and not hmac.compare_digest(connection.cookies.get(BIND_COOKIE, ""), expected):
            raise PermissionDeniedException("The form token does not belong to this sign-in.")
    with opened(settings_of(connection).db_path) as db:
        staff = auth.session_user(db, connection.cookies.get(STAFF_COOKIE))
        # Requests for contact past their due day stand out on every page a lead opens (see _nav.html).
        overdue = contacts.overdue_count(db) if staff is not None and staff.role == "safeguarding_lead" else 0
        # So do emails that could not be sent: the lead must then look for herself.
        unsent = notices.unsent_count(db) if staff is not None and staff.role in ("safeguarding_lead", "admin") else 0
    if staff is None:
        raise SignInRequiredError()
    roles = handler.opt.get("roles")
    if roles and staff.role not in roles:
        raise NotAllowedError()
    connection.state["staff"] = staff
    connection.state["overdue_contacts"] = overdue
    connection.state["unsent_emails"] = unsent


def to_sign_in(request: Request, exc: SignInRequiredError) -> Redirect:
    return Redirect("/staff/sign-in", status_code=303)
