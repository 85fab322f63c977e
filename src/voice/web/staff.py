"""Staff pages: sign in, the safeguarding queue, the audit log. Every route but sign-in is guarded
on the router, so a new route cannot forget it; roles are checked per route through `opt`."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Router, get, post
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.params import FromPath, FromQuery, URLEncodedBody
from litestar.response import Redirect, Template

from voice import auth, safeguarding
from voice.audit import events
from voice.auth import Staff
from voice.db import opened
from voice.forms import FieldError
from voice.web.pages import Db, render, settings_of, t

STAFF_COOKIE = "voice_staff"
FormData = URLEncodedBody[dict[str, Any]]


class SignInRequiredError(Exception):
    """No signed-in staff member: the handler sends them to the sign-in page."""


def staff_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """Signed in, and in one of the handler's roles (opt["roles"]; every role when not given)."""
    with opened(connection.app.state["settings"].db_path) as db:
        staff = auth.session_user(db, connection.cookies.get(STAFF_COOKIE))
    if staff is None:
        raise SignInRequiredError()
    roles = handler.opt.get("roles")
    if roles and staff.role not in roles:
        raise PermissionDeniedException()
    connection.state["staff"] = staff


def _staff(request: Request) -> Staff:
    staff: Staff = request.state["staff"]
    return staff


def _to_sign_in(request: Request, exc: SignInRequiredError) -> Redirect:
    return Redirect("/staff/sign-in", status_code=303)


def _staff_cookie(request: Request, token: str) -> Cookie:
    return Cookie(key=STAFF_COOKIE, value=token, path="/staff", httponly=True, samesite="strict",
                  secure=settings_of(request).secure_cookies, max_age=auth.SESSION_HOURS * 3600)


class SignInController(Controller):
    path = "/staff"
    include_in_schema = False

    @get("/sign-in", sync_to_thread=False)
    def sign_in_page(self, request: Request) -> Template:
        return render(request, "staff/sign_in.html", email="")

    @post("/sign-in", sync_to_thread=True, status_code=303)
    def sign_in(self, request: Request, db: Db, data: FormData) -> Redirect | Template:
        email, password = str(data.get("email", "")), str(data.get("password", ""))
        try:
            token = auth.sign_in(db, email, password)
        except auth.AuthError as exc:
            error = FieldError("email", "email", t(request, exc.message, **exc.params))
            return render(request, "staff/sign_in.html", status=401, email=email, errors=[error])
        return Redirect("/staff", status_code=303, cookies=[_staff_cookie(request, token)])


class StaffController(Controller):
    path = "/"
    include_in_schema = False

    @get("/", sync_to_thread=False)
    def home(self, request: Request) -> Template:
        return render(request, "staff/home.html", staff=_staff(request))

    @post("/sign-out", sync_to_thread=True, status_code=303)
    def sign_out(self, request: Request, db: Db) -> Redirect:
        auth.sign_out(db, request.cookies.get(STAFF_COOKIE))
        response = Redirect("/staff/sign-in", status_code=303)
        response.delete_cookie(STAFF_COOKIE, path="/staff")
        return response

    @get("/safeguarding", sync_to_thread=True, opt={"roles": ("safeguarding_lead",)})
    def flag_queue(self, request: Request, db: Db, status: FromQuery[str] = "open") -> Template:
        status = "closed" if status == "closed" else "open"
        return render(request, "staff/queue.html", staff=_staff(request), showing=status,
                      items=safeguarding.queue(db, status), names=safeguarding.CATEGORY_NAMES)

    def _flag_page(self, request: Request, db: Db, flag_id: int, errors: list[FieldError],
                   note: str = "", status: int = 200) -> Template:
        detail = safeguarding.flag_detail(db, flag_id, _staff(request).email)
        if detail is None:
            raise NotFoundException()
        return render(request, "staff/flag.html", status=status, staff=_staff(request), flag=detail,
                      names=safeguarding.CATEGORY_NAMES, history=events(db, f"flag:{flag_id}"), note=note,
                      errors=errors)

    @get("/safeguarding/{flag_id:int}", sync_to_thread=True, opt={"roles": ("safeguarding_lead",)})
    def flag(self, request: Request, db: Db, flag_id: FromPath[int]) -> Template:
        return self._flag_page(request, db, flag_id, [])

    @post("/safeguarding/{flag_id:int}/close", sync_to_thread=True, status_code=303,
          opt={"roles": ("safeguarding_lead",)})
    def close(self, request: Request, db: Db, flag_id: FromPath[int], data: FormData) -> Redirect | Template:
        note = str(data.get("action_note", ""))
        try:
            safeguarding.close_flag(db, flag_id, _staff(request).email, note)
        except safeguarding.FlagError as exc:
            error = FieldError("action_note", "action_note", t(request, str(exc)))
            return self._flag_page(request, db, flag_id, [error], note, status=422)
        return Redirect(f"/staff/safeguarding/{flag_id}", status_code=303)

    @get("/audit", sync_to_thread=True, opt={"roles": ("admin", "safeguarding_lead")})
    def audit_log(self, request: Request, db: Db) -> Template:
        return render(request, "staff/audit.html", staff=_staff(request), events=events(db))


staff_router = Router(path="/staff", route_handlers=[StaffController], guards=[staff_guard],
                      exception_handlers={SignInRequiredError: _to_sign_in}, include_in_schema=False)
