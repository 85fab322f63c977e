"""Staff pages about people: the safeguarding lead's queue of requests for contact, taking answers back
for a young person, staff accounts (the admin role), the audit log, and the one-time links that set a
password. Every route but the one-time link is under the staff router's guard (see voice.web.staff)."""

from __future__ import annotations

import csv
import datetime as dt
import hmac
import io
import re
from collections.abc import Iterator

import msgspec
from litestar import Controller, Request, get, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Stream, Template

from voice.common.dates import local_today
from voice.common.i18n import N_
from voice.common.settings import Settings
from voice.common.text import spreadsheet_safe
from voice.curation import flags, notices
from voice.intake import contacts, withdrawal
from voice.reading import safeguarding
from voice.store import accounts as auth
from voice.store.audit import (
    ACTIONS,
    PAGE_SIZE,
    AuditFilter,
    actors,
    all_events,
    count,
    events,
    record_event,
    shown_to,
)
from voice.store.catalogue import Catalogue
from voice.store.db import write_lock
from voice.surveys.forms import FieldError
from voice.web.downloads import download_headers
from voice.web.guard import STAFF_COOKIE, known_browser_cookie
from voice.web.pages import (
    AppCatalogue,
    AppReader,
    AppSettings,
    Db,
    FormData,
    RowId,
    mailer_of,
    render,
    secure_cookies,
    signature,
    staff_of,
    strict_cookie,
    t,
)
from voice.web.withdraw import receipt_error, take_back
from voice.web.words import language_namer, survey_titles

LEAD = ("safeguarding_lead",)
ADMIN = ("admin",)
ROLE_NAMES = {
    "admin": N_("Admin"),
    "facilitator": N_("Facilitator"),
    "safeguarding_lead": N_("Safeguarding lead"),
    "viewer": N_("Viewer"),
}
ROLE_HINTS = {
    "admin": N_(
        "Invites staff, changes their roles and turns accounts off; reads the audit log; can do what a "
        "facilitator does."
    ),
    "facilitator": N_(
        "Enters and imports answers, checks themes, chooses quotes, records actions and publishes “you said, we did”."
    ),
    "safeguarding_lead": N_(
        "Reads and closes safeguarding flags and requests to talk, and reads the audit log. The "
        "only role that sees flagged answers as they were typed."
    ),
    "viewer": N_("Reads answers with personal details taken out, their themes and the reports. Changes nothing."),
}


def _day(text: str | None) -> str | None:
    """A date from a filter box (yyyy-mm-dd or dd/mm/yyyy) as yyyy-mm-dd, or None when it is not one."""
    text = (text or "").strip()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if m:
        text = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    try:
        return dt.date.fromisoformat(text).isoformat() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        return None


class ContactsController(Controller):
    path = "/contacts"

    @get("/", sync_to_thread=True, opt={"roles": LEAD})
    def queue(self, request: Request, db: Db, catalogue: AppCatalogue, status: FromQuery[str] = "open") -> Template:
        status = "closed" if status == "closed" else "open"
        return render(
            request,
            "staff/contacts.html",
            staff=staff_of(request),
            showing=status,
            items=contacts.requests(db, status),
            today=local_today(),
            survey_titles=survey_titles(request, catalogue),
            language_name=language_namer(request),
        )

    def _page(
        self,
        request: Request,
        db: Db,
        catalogue: Catalogue,
        request_id: int,
        errors: list[FieldError],
        note: str = "",
        status: int = 200,
    ) -> Template:
        item = contacts.request_detail(db, request_id, staff_of(request).email)
        if item is None:
            raise NotFoundException()
        return render(
            request,
            "staff/contact.html",
            status=status,
            staff=staff_of(request),
            item=item,
            today=local_today(),
            history=events(db, f"contact:{request_id}"),
            note=note,
            errors=errors,
            survey_titles=survey_titles(request, catalogue),
            flags=flags.on_response(db, item.response_id),
            names=safeguarding.CATEGORY_NAMES,
            language_name=language_namer(request),
        )

    @get("/{request_id:int}", sync_to_thread=True, opt={"roles": LEAD})
    def detail(self, request: Request, db: Db, catalogue: AppCatalogue, request_id: RowId) -> Template:
        return self._page(request, db, catalogue, request_id, [])

    @post("/{request_id:int}/close", sync_to_thread=True, status_code=303, opt={"roles": LEAD})
    def close(
        self, request: Request, db: Db, catalogue: AppCatalogue, request_id: RowId, data: FormData
    ) -> Redirect | Template:
        note = str(data.get("action_note", ""))[:4000]
        try:
            contacts.close_request(db, request_id, staff_of(request).email, note)
        except contacts.ContactError as exc:
            error = FieldError("action_note", "action_note", t(request, str(exc)))
            return self._page(request, db, catalogue, request_id, [error], note, status=422)
        return Redirect(f"/staff/contacts/{request_id}", status_code=303)


class WithdrawForController(Controller):
    """A facilitator (or lead) takes answers back for a young person who asked them to, with the code."""

    path = "/withdraw"

    @get("/", sync_to_thread=False, opt={"roles": ("admin", "facilitator", "safeguarding_lead")})
    def form(self, request: Request, done: FromQuery[str | None] = None) -> Template:
        return render(request, "staff/withdraw.html", staff=staff_of(request), receipt="", done=done == "1")

    @post("/", sync_to_thread=True, status_code=303, opt={"roles": ("admin", "facilitator", "safeguarding_lead")})
    def take(
        self, request: Request, db: Db, reader: AppReader, catalogue: AppCatalogue, data: FormData
    ) -> Redirect | Template:
        """First the survey and day the code is for, to check with the young person (nothing is taken back); then,
        confirmed, the answers taken back."""
        receipt = str(data.get("receipt", ""))[:40]
        error = receipt_error(request, receipt)
        sent = withdrawal.sent_with(db, receipt) if error is None and data.get("confirm") != "yes" else None
        if sent is not None:
            return render(
                request,
                "staff/withdraw_check.html",
                staff=staff_of(request),
                receipt=receipt,
                survey_title=survey_titles(request, catalogue).get(sent.survey_slug, sent.survey_slug),
                sent_on=sent.submitted_on,
                answered=sent.answered,
            )
        if error is None and not take_back(
            reader, db, receipt, staff_of(request).email, "for a young person who asked"
        ):
            why = withdrawal.gone(db, receipt)
            if why == "withdrawn":
                said = t(request, "The answers with this receipt code were already taken back.")
            elif why == "deleted":
                said = t(request, "The answers with this receipt code were already deleted after their keeping time.")
            else:
                said = t(request, "No answers have this receipt code. Check it with the young person.")
            error = FieldError("receipt", "receipt", said)
        if error is not None:
            return render(
                request,
                "staff/withdraw.html",
                status=422,
                staff=staff_of(request),
                receipt=receipt,
                errors=[error],
                done=False,
            )
        return Redirect("/staff/withdraw?done=1", status_code=303)


def one_time_link(settings: Settings, token: str) -> str:
    """The link to show the admin: in full at VOICE_PUBLIC_URL, else only its path (the page then says how
    to get a full one). Never from the Host header the request came with, which its sender chose."""
    return auth.link_url(settings.public_url, token)


LINK_COOKIE = "voice_link"
"""A one-time link just made, for the page the admin is sent to next (post/redirect/get): for the account
pages only, a few minutes at most, signed for this sign-in, and deleted once shown, so that it is shown
once and a refresh sends nothing again."""


def _link_cookie(request: Request, settings: Settings, token: str) -> Cookie:
    mark = signature(request, "one-time link shown", request.cookies.get(STAFF_COOKIE, ""), token)
    return strict_cookie(request, settings, LINK_COOKIE, f"{token}.{mark}", "/staff/accounts", 300)


def _link_to_show(request: Request, settings: Settings) -> str | None:
    """The one-time link a form just made for this sign-in, if any (see LINK_COOKIE)."""
    token, _, mark = request.cookies.get(LINK_COOKIE, "").rpartition(".")
    expected = signature(request, "one-time link shown", request.cookies.get(STAFF_COOKIE, ""), token)
    return one_time_link(settings, token) if token and hmac.compare_digest(mark, expected) else None


def _shown_once(request: Request, settings: Settings, page: Template) -> Template:
    if LINK_COOKIE in request.cookies:
        page.set_cookie(
            LINK_COOKIE,
            "",
            path="/staff/accounts",
            expires=0,
            max_age=0,
            httponly=True,
            samesite="strict",
            secure=secure_cookies(request, settings),
        )  # deleted, and Secure like every cookie
    return page


def _email_link(request: Request, settings: Settings, db: Db, kind: str, recipient: str, token: str) -> bool:
    """Send a one-time link by email as well, when emails are set up and the service knows its own address (a
    link's path alone is no use in an email)."""
    if mailer_of(request) is None or not settings.public_url:
        return False
    return notices.queue_link(db, kind, recipient, one_time_link(settings, token), settings)


class AccountsController(Controller):
    """Every form here posts, then sends the admin to a page that says what was done (post/redirect/get)."""

    path = "/accounts"

    def _list(
        self,
        request: Request,
        db: Db,
        errors: list[FieldError] | None = None,
        status: int = 200,
        values: dict[str, str] | None = None,
        link: str | None = None,
    ) -> Template:
        return render(
            request,
            "staff/accounts.html",
            status=status,
            staff=staff_of(request),
            accounts=auth.accounts(db),
            roles=auth.ROLES,
            role_names=ROLE_NAMES,
            role_hints=ROLE_HINTS,
            errors=errors or [],
            values=values or {"email": "", "role": "facilitator"},
            link=link,
        )

    @get("/", sync_to_thread=True, opt={"roles": ADMIN})
    def accounts(self, request: Request, db: Db, settings: AppSettings) -> Template:
        return _shown_once(request, settings, self._list(request, db, link=_link_to_show(request, settings)))

    @post("/", sync_to_thread=True, opt={"roles": ADMIN}, status_code=303)
    def invite(self, request: Request, db: Db, settings: AppSettings, data: FormData) -> Redirect | Template:
        values = {"email": str(data.get("email", ""))[:254], "role": str(data.get("role", ""))}
        try:
            token = auth.invite(db, values["email"], values["role"], staff_of(request).email)
        except auth.AccountError as exc:
            field = "role" if "role" in str(exc) else "email"
            return self._list(request, db, [FieldError(field, field, t(request, str(exc)))], 422, values)
        emailed = _email_link(request, settings, db, "invite", values["email"].strip(), token)
        return Redirect(
            "/staff/accounts" + ("?emailed=1" if emailed else ""),
            status_code=303,
            cookies=[_link_cookie(request, settings, token)],
        )

    def _found(self, db: Db, staff_id: int) -> auth.Account:
        try:
            return auth.account(db, staff_id)
        except auth.AccountError:
            raise NotFoundException() from None

    def _account(
        self,
        request: Request,
        db: Db,
        staff_id: int,
        errors: list[FieldError] | None = None,
        status: int = 200,
        link: str | None = None,
    ) -> Template:
        return render(
            request,
            "staff/account.html",
            status=status,
            staff=staff_of(request),
            account=self._found(db, staff_id),
            roles=auth.ROLES,
            role_names=ROLE_NAMES,
            role_hints=ROLE_HINTS,
            errors=errors or [],
            link=link,
            history=events(db, f"staff:{staff_id}", limit=50),
        )

    @get("/{staff_id:int}", sync_to_thread=True, opt={"roles": ADMIN})
    def account(self, request: Request, db: Db, settings: AppSettings, staff_id: RowId) -> Template:
        return _shown_once(
            request, settings, self._account(request, db, staff_id, link=_link_to_show(request, settings))
        )

    def _ask_to_disable(self, request: Request, db: Db, staff_id: int) -> Template | Redirect:
        found = self._found(db, staff_id)
        if found.disabled:
            return Redirect(f"/staff/accounts/{staff_id}", status_code=303)
        return render(request, "staff/account_disable.html", staff=staff_of(request), account=found)

    @get("/{staff_id:int}/disable", sync_to_thread=True, opt={"roles": ADMIN})
    def disable_question(self, request: Request, db: Db, staff_id: RowId) -> Template | Redirect:
        """Disabling asks first: it signs the person out at once."""
        return self._ask_to_disable(request, db, staff_id)

    def _change(
        self, request: Request, db: Db, settings: Settings, staff_id: int, action: str, data: dict[str, object]
    ) -> Redirect | Template:
        by = staff_of(request).email
        self._found(db, staff_id)
        cookies = []
        try:
            if action == "role":
                auth.set_role(db, staff_id, str(data.get("role", "")), by)
            elif action == "disable" and data.get("confirm") != "yes":  # not asked yet: ask
                return self._ask_to_disable(request, db, staff_id)
            elif action in ("disable", "enable"):
                auth.set_disabled(db, staff_id, action == "disable", by)
            else:
                before = self._found(db, staff_id)
                token = auth.reset_link(db, staff_id, by)
                cookies.append(_link_cookie(request, settings, token))
                if _email_link(
                    request, settings, db, "reset" if before.has_password else "invite", before.email, token
                ):
                    return Redirect(f"/staff/accounts/{staff_id}?emailed=1", status_code=303, cookies=cookies)
        except auth.AccountError as exc:
            return self._account(request, db, staff_id, [FieldError("role", "role", t(request, str(exc)))], 422)
        done = {"role": "role", "disable": "disabled", "enable": "enabled"}.get(action)
        return Redirect(
            f"/staff/accounts/{staff_id}" + (f"?done={done}" if done else ""), status_code=303, cookies=cookies
        )

    @post("/{staff_id:int}/role", sync_to_thread=True, status_code=303, opt={"roles": ADMIN})
    def role(
        self, request: Request, db: Db, settings: AppSettings, staff_id: RowId, data: FormData
    ) -> Redirect | Template:
        return self._change(request, db, settings, staff_id, "role", data)

    @post("/{staff_id:int}/disable", sync_to_thread=True, status_code=303, opt={"roles": ADMIN})
    def disable(
        self, request: Request, db: Db, settings: AppSettings, staff_id: RowId, data: FormData
    ) -> Redirect | Template:
        return self._change(request, db, settings, staff_id, "disable", data)

    @post("/{staff_id:int}/enable", sync_to_thread=True, status_code=303, opt={"roles": ADMIN})
    def enable(
        self, request: Request, db: Db, settings: AppSettings, staff_id: RowId, data: FormData
    ) -> Redirect | Template:
        return self._change(request, db, settings, staff_id, "enable", data)

    @post("/{staff_id:int}/reset", sync_to_thread=True, status_code=303, opt={"roles": ADMIN})
    def reset(
        self, request: Request, db: Db, settings: AppSettings, staff_id: RowId, data: FormData
    ) -> Redirect | Template:
        return self._change(request, db, settings, staff_id, "reset", data)


class AuditQuery(msgspec.Struct, frozen=True):
    """The audit log's filter boxes, as given."""

    actor: str | None = None
    action: str | None = None
    since: str | None = None
    until: str | None = None


def audit_query(
    actor: FromQuery[str | None] = None,
    action: FromQuery[str | None] = None,
    since: FromQuery[str | None] = None,
    until: FromQuery[str | None] = None,
) -> AuditQuery:
    """The audit log's query parameters, declared once for the page and its download (a dependency)."""
    return AuditQuery(actor, action, since, until)


AUDIT_QUERY = {"given": Provide(audit_query, sync_to_thread=False)}


def audit_filter(given: AuditQuery) -> tuple[AuditFilter, list[str]]:
    """The filter from the page's boxes, and the boxes that held something that is not a date."""
    actor, action, since, until = given.actor, given.action, given.since, given.until
    bad = [name for name, value in (("since", since), ("until", until)) if value and not _day(value)]
    return AuditFilter(
        actor=actor or None, action=action if action in ACTIONS else None, since=_day(since), until=_day(until)
    ), bad


SUBJECTS = {
    # kind: (words, the page it opens, the roles that may open it)
    "flag": (N_("Flag %(id)s"), "/staff/safeguarding/{id}", ("safeguarding_lead",)),
    "response": (N_("Response %(id)s"), None, ()),
    "answer": (N_("Answer %(id)s"), "/staff/answers/{id}", ("admin", "safeguarding_lead")),
    "quote": (N_("Quote %(id)s"), "/staff/quotes", ("admin", "safeguarding_lead")),
    "action": (N_("Action %(id)s"), "/staff/actions/{id}", ("admin",)),
    "priority": (N_("Priority %(id)s"), "/staff/priorities", ("admin", "safeguarding_lead")),
    "staff": (N_("Staff account %(id)s"), "/staff/accounts/{id}", ("admin",)),
    "year": (N_("The report for %(id)s"), "/staff/reports", ("admin", "safeguarding_lead")),
    "contact": (N_("Request for contact %(id)s"), "/staff/contacts/{id}", ("safeguarding_lead",)),
}
"""What an audit event's subject ("flag:7") is called, and the page that shows it."""


def subject_words(request: Request, subject: str, role: str) -> tuple[str, str | None]:
    """An audit event's subject in words ("Flag 7"), with the address of its page where this role may open it (None
    where there is none); a subject of no known kind as stored."""
    kind, _, key = subject.partition(":")
    known = SUBJECTS.get(kind)
    if known is None or not key:
        return t(request, "Audit log") if subject == "audit" else subject, None
    words, page, roles = known
    href = page.format(id=key) if page and role in roles else None
    return t(request, words) % {"id": key}, href


class AuditController(Controller):
    path = "/audit"

    @get("/", sync_to_thread=True, opt={"roles": ("admin", "safeguarding_lead")}, dependencies=AUDIT_QUERY)
    def audit_log(
        self, request: Request, db: Db, given: NamedDependency[AuditQuery], page: FromQuery[int] = 1
    ) -> Template:
        where, bad = audit_filter(given)
        total = count(db, where)
        pages = max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)
        page = max(1, min(page, pages))
        errors = [FieldError(name, name, t(request, "Enter a date like 2021-10-01 or 01/10/2021.")) for name in bad]
        query = {k: v for k, v in request.query_params.items() if k != "page" and v}
        return render(
            request,
            "staff/audit.html",
            status=422 if errors else 200,
            staff=staff_of(request),
            events=[
                (shown_to(e, staff_of(request).role), subject_words(request, e.subject, staff_of(request).role))
                for e in events(db, where=where, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
            ],
            total=total,
            page=page,
            pages=pages,
            query=query,
            actors=actors(db),
            actions=ACTIONS,
            values={name: value or "" for name, value in msgspec.structs.asdict(given).items()},
            errors=errors,
        )

    @get("/download.csv", sync_to_thread=True, opt={"roles": ("admin", "safeguarding_lead")}, dependencies=AUDIT_QUERY)
    def download(self, request: Request, db: Db, given: NamedDependency[AuditQuery]) -> Stream:
        """Every matching event as CSV (cells a spreadsheet would run as a formula are made text)."""
        where, _ = audit_filter(given)
        with write_lock:
            record_event(
                db,
                staff_of(request).email,
                "audit log downloaded",
                "audit",
                ", ".join(f"{k}={v}" for k, v in request.query_params.items() if v),
            )
        role = staff_of(request).role
        rows = [(e.happened_at, e.actor, e.action, e.subject, shown_to(e, role).detail) for e in all_events(db, where)]

        def lines() -> Iterator[str]:
            out = io.StringIO()
            writer = csv.writer(out, quoting=csv.QUOTE_ALL)  # as exports.render_csv: a ";" stays in its cell
            writer.writerow(["happened_at", "actor", "action", "subject", "detail"])
            for row in rows:
                writer.writerow([spreadsheet_safe(cell) for cell in row])
                if out.tell() > 64_000:
                    yield out.getvalue()
                    out.seek(0)
                    out.truncate()
            yield out.getvalue()

        return Stream(lines(), media_type="text/csv; charset=utf-8", headers=download_headers("voice-audit-log.csv"))


class SetPasswordController(Controller):
    """A one-time link from an invitation or a password reset (no sign-in: the link is the key)."""

    path = auth.SET_PASSWORD_PATH
    include_in_schema = False

    @get("/{token:str}", sync_to_thread=True)
    def form(self, request: Request, db: Db, token: FromPath[str]) -> Template:
        found = auth.link_account(db, token)
        return render(request, "staff/set_password.html", status=200 if found else 404, account=found, token=token)

    @post("/{token:str}", sync_to_thread=True, status_code=303)
    def set_password(
        self, request: Request, db: Db, settings: AppSettings, token: FromPath[str], data: FormData
    ) -> Redirect | Template:
        """The link proves the person: this browser becomes one the email has signed in from, so a lock-out that
        strangers' guesses put on its unknown browsers does not keep them out (see guard.DEVICE_COOKIE)."""
        try:
            account = auth.set_password(db, token, str(data.get("password", "")), str(data.get("again", "")))
        except auth.AccountError as exc:
            found = auth.link_account(db, token)
            error = FieldError("password", "password", t(request, str(exc)))
            return render(
                request,
                "staff/set_password.html",
                status=422 if found else 404,
                account=found,
                token=token,
                errors=[error],
            )
        return Redirect(
            "/staff/sign-in?done=password",
            status_code=303,
            cookies=[known_browser_cookie(request, settings, account.email)],
        )


class EmailsController(Controller):
    """Emails to staff: whether they are set up, one's own daily digest (a safeguarding lead can turn it off,
    not the urgent ones), and what could not be sent."""

    path = "/emails"

    def _page(self, request: Request, db: Db) -> Template:
        staff = staff_of(request)
        rows = (
            db.execute(
                "SELECT kind, recipient, created_at, attempts, last_error, given_up_at FROM emails "
                "WHERE sent_at IS NULL AND attempts > 0 ORDER BY id DESC LIMIT 50"
            ).fetchall()
            if (staff.role in ("admin", "safeguarding_lead"))
            else []
        )
        return render(
            request,
            "staff/emails.html",
            staff=staff,
            set_up=mailer_of(request) is not None,
            digest=notices.takes_digest(db, staff.id),
            kinds=notices.KINDS,
            unsent=rows,
            done=request.query_params.get("done") == "1",
        )

    @get("/", sync_to_thread=True)
    def emails(self, request: Request, db: Db) -> Template:
        return self._page(request, db)

    @post("/digest", sync_to_thread=True, status_code=303, opt={"roles": LEAD})
    def digest(self, request: Request, db: Db, data: FormData) -> Redirect:
        staff = staff_of(request)
        notices.set_digest(db, staff.id, data.get("digest") == "on", staff.email)
        return Redirect("/staff/emails?done=1", status_code=303)
