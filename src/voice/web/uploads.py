"""Importing answers from a file on the staff pages: what `voice import` does, for facilitators and
admins. Upload a CSV or Excel file → a preview (how many answers will be stored, which columns fill
which questions, every refused row as FILE:LINE and why) → "Store these N answers" → what was stored,
at the same address (post/redirect/get). The file is held server-side between the two steps, for this
sign-in only (voice.intake.uploads); the reading and checks are voice.intake.imports', the same as the
command line's. Stored answers are read (redacted, flagged, themed) by the service like web answers."""

from __future__ import annotations

import re
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.datastructures import FormMultiDict, UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import HTTPException
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.types import ASGIApp, Empty, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState
from sqlite_utils import Database

from voice.common.i18n import N_
from voice.common.text import clean_text
from voice.intake import uploads
from voice.intake.imports import NO_COLUMNS, ImportFileError, ImportPlan, matched_columns, read_rows
from voice.store.catalogue import Catalogue
from voice.store.versions import Published
from voice.surveys.forms import FieldError
from voice.web.guard import EDITORS, STAFF_COOKIE
from voice.web.pages import AppCatalogue, AppReader, Db, locale_of, render, signature, staff_of, t

MAX_FILE_BYTES = 5_000_000
MAX_FILE_WORDS = "5 MB"
BODY_LIMIT = MAX_FILE_BYTES + 1_000_000
"""The largest upload read at all: a file a little over the limit still gets the form's own error; a
larger one is refused before it is read (413, `too_large`)."""
ACCEPTED = (".csv", ".xlsx")
SHOWN_REFUSALS = 1000
"""The most refused rows a page lists (the count says how many there are)."""

CHANNELS = {
    "import": N_("In another online survey tool, like Microsoft Forms or Google Forms"),
    "paper": N_("On a paper form"),
    "session": N_("In a session or group"),
}
DATE_ORDERS = {
    "day_first": N_("Day first, like 27/3/2021"),
    "month_first": N_("Month first, like 3/27/2021 (as exports from the United States write them)"),
}
NO_FILE = N_("Select a CSV file or an Excel workbook")
WRONG_TYPE = N_("The selected file must be a CSV file or an Excel workbook (.xlsx)")
TOO_LARGE = N_("The selected file must be smaller than %(size)s")
NO_SURVEY_MATCHES = N_(
    "%(file)s: no column heading matches a question of any survey. Name each column by its question’s words or its id."
)
SEVERAL_SURVEYS = N_(
    "The column headings of %(file)s match more than one survey. Choose the survey these answers are to."
)
NOT_A_SURVEY = N_("Choose a survey from the list")
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _owner(request: Request) -> str:
    """Who a held file belongs to: this sign-in (an HMAC of the staff session's cookie)."""
    return signature(request, "held import", request.cookies.get(STAFF_COOKIE, ""))


def _file_name(upload: UploadFile) -> str:
    """The file's own name, without a folder some browsers send, as plain text."""
    name = re.split(r"[\\/]", upload.filename or "")[-1]
    return clean_text(name)[:200] or "file"


def _survey_for(
    request: Request, catalogue: Catalogue, chosen: str, headers: list[str], name: str
) -> tuple[Published | None, FieldError | None]:
    """The survey chosen, else the one survey whose questions the file's columns match best."""
    if chosen:
        published = catalogue.current(chosen)
        return (published, None) if published else (None, FieldError("survey", "survey", t(request, NOT_A_SURVEY)))
    scores = sorted(((len(matched_columns(headers, p)), p) for p in catalogue.all()), key=lambda pair: -pair[0])
    if not scores or scores[0][0] == 0:
        return None, FieldError("file", "file", t(request, NO_SURVEY_MATCHES, file=name))
    if len(scores) > 1 and scores[1][0] == scores[0][0]:
        return None, FieldError("survey", "survey", t(request, SEVERAL_SURVEYS, file=name))
    return scores[0][1], None


def closes_upload(app: ASGIApp) -> ASGIApp:
    """Close the uploaded file's temporary file however the request ends. Litestar closes it after the
    handler, but not when the form token or the staff guard refused the request (it was read already,
    to find the form token)."""

    async def closing(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await app(scope, receive, send)
        finally:
            if (form := ScopeState.from_scope(scope).form) is not Empty:
                await FormMultiDict.from_form_data(form).close()

    return closing


def too_large(request: Request, exc: HTTPException) -> Template:
    """An upload far past the limit, refused before it was read (so before the staff guard: no staff page)."""
    return render(
        request,
        "errors/error.html",
        status=413,
        heading=t(request, TOO_LARGE, size=MAX_FILE_WORDS),
        advice=t(request, "Go back and choose a smaller file, or split the answers into several files."),
    )


class ImportController(Controller):
    path = "/import"
    include_in_schema = False

    def _form(
        self,
        request: Request,
        catalogue: Catalogue,
        values: dict[str, str],
        errors: list[FieldError],
        status: int = 200,
        cancelled: bool = False,
    ) -> Template:
        return render(
            request,
            "staff/import.html",
            status=status,
            staff=staff_of(request),
            errors=errors,
            surveys=catalogue.all(),
            values=values,
            channels=CHANNELS,
            date_orders=DATE_ORDERS,
            accepted=",".join(
                [*ACCEPTED, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
            ),
            max_size=MAX_FILE_WORDS,
            cancelled=cancelled,
        )

    @get("/", sync_to_thread=False, opt={"roles": EDITORS})
    def upload_page(
        self, request: Request, catalogue: AppCatalogue, cancelled: FromQuery[str | None] = None
    ) -> Template:
        return self._form(
            request,
            catalogue,
            {"channel": "import", "dates": "day_first", "survey": ""},
            [],
            cancelled=cancelled is not None,
        )

    @post(
        "/",
        sync_to_thread=True,
        status_code=303,
        opt={"roles": EDITORS},
        request_max_body_size=BODY_LIMIT,
        exception_handlers={413: too_large},
        middleware=[closes_upload],
    )
    def upload(
        self,
        request: Request,
        db: Db,
        catalogue: AppCatalogue,
        data: Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> Redirect | Template:
        """Check the file can be read and which survey it is for, then hold it for its preview. Nothing
        is stored; a file that cannot be imported is said why, on the form."""

        def field(name: str) -> str:  # a field sent twice (a list) or as a file is not an answer
            value = data.get(name)
            return value if isinstance(value, str) else ""

        values = {
            "survey": field("survey"),
            "channel": field("channel") if field("channel") in CHANNELS else "import",
            "dates": field("dates") if field("dates") in DATE_ORDERS else "day_first",
        }
        upload = data.get("file")

        def refused(message: str, key: str = "file", status: int = 422) -> Template:
            return self._form(request, catalogue, values, [FieldError(key, key, message)], status)

        if not isinstance(upload, UploadFile) or not upload.filename:
            return refused(t(request, NO_FILE))
        name = _file_name(upload)
        if not name.lower().endswith(ACCEPTED):
            return refused(t(request, WRONG_TYPE))
        content = upload.file.read(MAX_FILE_BYTES + 1)
        if len(content) > MAX_FILE_BYTES:
            return refused(t(request, TOO_LARGE, size=MAX_FILE_WORDS))
        try:
            headers, _, _ = read_rows(content, name)
        except ImportFileError as exc:
            return refused(t(request, exc.message, **exc.params))
        published, problem = _survey_for(request, catalogue, values["survey"], headers, name)
        if problem is not None or published is None:
            return self._form(request, catalogue, values, [problem] if problem else [], 422)
        if not matched_columns(headers, published):
            return refused(t(request, NO_COLUMNS, file=name, survey=published.survey.title))
        token = uploads.hold(
            db,
            _owner(request),
            published,
            name,
            content,
            channel=values["channel"],
            day_first=values["dates"] == "day_first",
        )
        return Redirect(f"/staff/import/{token}", status_code=303)

    def _held(
        self, request: Request, db: Database, catalogue: Catalogue, token: str
    ) -> tuple[uploads.Held, Published] | None:
        """The file this sign-in holds under `token` and the survey version it was checked against."""
        found = uploads.held(db, token, _owner(request)) if TOKEN.fullmatch(token) else None
        published = catalogue.version(db, found.version_id) if found else None
        return (found, published) if found and published else None

    def _gone(self, request: Request) -> Template:
        """Never uploaded, another sign-in's, expired or cancelled: all said the same way."""
        return render(
            request, "staff/import_gone.html", status=404, staff=staff_of(request), minutes=uploads.HOLD_MINUTES
        )

    @get("/{token:str}", sync_to_thread=True, opt={"roles": EDITORS})
    def preview(self, request: Request, db: Db, catalogue: AppCatalogue, token: FromPath[str]) -> Template:
        """What will be stored and what is refused (read and checked again now); once stored, what was."""
        if (both := self._held(request, db, catalogue, token)) is None:
            return self._gone(request)
        found, published = both
        plan: ImportPlan | None = None
        if found.result is None:
            try:
                plan = uploads.plan_held(db, found, published, locale_of(request))
            except ImportFileError as exc:  # read once already; only a survey changed since could do this
                return self._form(
                    request,
                    catalogue,
                    {
                        "survey": published.slug,
                        "channel": found.channel,
                        "dates": "day_first" if found.day_first else "month_first",
                    },
                    [FieldError("file", "file", t(request, exc.message, **exc.params))],
                    422,
                )
        refused = found.result.rejected if found.result else plan.rejected if plan else []
        return render(
            request,
            "staff/import_preview.html",
            staff=staff_of(request),
            token=token,
            held=found,
            held_slug=published.slug,
            title=published.survey.title,
            plan=plan,
            result=found.result,
            refused=refused[:SHOWN_REFUSALS],
            refused_count=len(refused),
            channel=CHANNELS.get(found.channel, found.channel),
            shown_limit=SHOWN_REFUSALS,
        )

    @post("/{token:str}", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def store(
        self, request: Request, db: Db, catalogue: AppCatalogue, reader: AppReader, token: FromPath[str]
    ) -> Redirect | Template:
        """Store the held file's good rows: stored first, then read by the service like every answer
        sent on the web. Pressing it again shows what was stored and stores nothing more."""
        if (both := self._held(request, db, catalogue, token)) is None:
            return self._gone(request)
        options = msgspec.structs.replace(reader.options, read_now=False)
        if (
            uploads.store_held(
                db,
                token,
                _owner(request),
                both[1],
                by=staff_of(request).email,
                locale=locale_of(request),
                options=options,
            )
            is None
        ):
            return self._gone(request)  # expired this very moment
        return Redirect(f"/staff/import/{token}", status_code=303)

    @post("/{token:str}/cancel", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def cancel(self, request: Request, db: Db, token: FromPath[str]) -> Redirect | Template:
        """Store nothing and delete the held file."""
        if not TOKEN.fullmatch(token) or not uploads.forget(db, token, _owner(request)):
            return self._gone(request)
        return Redirect("/staff/import?cancelled=1", status_code=303)
