"""What every staff page shares: the guard (signed in, in the right role), the staff cookie, the roles
that may change things, and the request's taxonomy. The staff routers (staff, plans, people) import it;
it imports none of them."""

from __future__ import annotations

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.response import Redirect

from voice.intake import contacts
from voice.reading.themes import Taxonomy
from voice.store import accounts as auth
from voice.store.db import opened

STAFF_COOKIE = "voice_staff"
EDITORS = ("admin", "facilitator")


class SignInRequiredError(Exception):
    """No signed-in staff member: the handler sends them to the sign-in page."""


def staff_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """Signed in, and in one of the handler's roles (opt["roles"]; every role when not given)."""
    with opened(connection.app.state["settings"].db_path) as db:
        staff = auth.session_user(db, connection.cookies.get(STAFF_COOKIE))
        # Requests for contact past their due day stand out on every page a lead opens (see _nav.html).
        overdue = contacts.overdue_count(db) if staff is not None and staff.role == "safeguarding_lead" else 0
    if staff is None:
        raise SignInRequiredError()
    roles = handler.opt.get("roles")
    if roles and staff.role not in roles:
        raise PermissionDeniedException()
    connection.state["staff"] = staff
    connection.state["overdue_contacts"] = overdue


def taxonomy_of(request: Request) -> Taxonomy:
    taxonomy: Taxonomy = request.app.state["themer"].taxonomy
    return taxonomy


def to_sign_in(request: Request, exc: SignInRequiredError) -> Redirect:
    return Redirect("/staff/sign-in", status_code=303)
