"""Taking answers back with the receipt code: the page young people use (works without JavaScript),
the JSON API's DELETE, and the staff page a facilitator uses for a young person. All three go
through `take_back`, which reads answers still waiting first, so that a disclosure in them raises its
flag before they go (see voice.intake.withdrawal)."""

from __future__ import annotations

from litestar import Controller, Request, Response, delete, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template
from sqlite_utils import Database

from voice.intake import withdrawal
from voice.intake.submissions import read_unread
from voice.surveys.forms import FieldError
from voice.web.errors import ApiError, SaidNotFoundError
from voice.web.pages import AppReader, Db, FormData, render, t
from voice.web.reading import BackgroundReader

YOUNG_PERSON = "young person (with the receipt code)"


def take_back(reader: BackgroundReader, db: Database, receipt: str, actor: str, how: str) -> bool:
    """Withdraw the answers with this receipt code; False when no answers have it (any more)."""
    response_id = withdrawal.find(db, receipt)
    if response_id is None:
        return False
    read_unread(db, reader.options, only=response_id)
    withdrawal.withdraw(db, response_id, actor, how)
    return True


def not_found(request: Request, db: Database, receipt: str) -> str:
    """Why no answers were taken back with this code, in the young person's words: taken back already,
    deleted after the keeping time, or not a code we know."""
    why = withdrawal.gone(db, receipt)
    if why == "withdrawn":
        return t(
            request, "The answers with this receipt code were already taken back. You do not need to do anything else."
        )
    if why == "deleted":
        return t(
            request,
            "The answers with this receipt code were already deleted, because we keep answers only "
            "for a set time. You do not need to do anything else.",
        )
    return t(
        request, "We cannot find answers with this receipt code. Check it and try again: it looks like ABCD-EFGH-JKMN."
    )


def receipt_error(request: Request, receipt: str) -> FieldError | None:
    if not receipt.strip():
        return FieldError("receipt", "receipt", t(request, "Enter your receipt code."))
    return None


class WithdrawController(Controller):
    path = "/withdraw"
    include_in_schema = False

    @get("/", sync_to_thread=False)
    def form(self, request: Request) -> Template:
        return render(request, "public/withdraw.html", receipt="")

    @post("/", sync_to_thread=True, status_code=303)
    def take(self, request: Request, db: Db, reader: AppReader, data: FormData) -> Redirect | Template:
        receipt = str(data.get("receipt", ""))[:40]
        error = receipt_error(request, receipt)
        if error is None and not take_back(reader, db, receipt, YOUNG_PERSON, "on the withdraw page"):
            error = FieldError("receipt", "receipt", not_found(request, db, receipt))
        if error is not None:
            return render(request, "public/withdraw.html", status=422, receipt=receipt, errors=[error])
        return Redirect("/withdraw/done", status_code=303)

    @get("/done", sync_to_thread=False)
    def done(self, request: Request) -> Template:
        # The same page whether the answers went now or wait for a safeguarding lead: the young person
        # is told only that they are withdrawn.
        return render(request, "public/withdrawn.html")


class ResponsesApiController(Controller):
    path = "/api/responses"
    tags = ("responses",)

    @delete(
        "/{receipt:str}",
        exclude_from_csrf=True,
        status_code=204,
        sync_to_thread=True,
        responses={
            404: ApiError.spec("No answers have this receipt code (or they were withdrawn already)"),
            429: ApiError.spec("Too many requests from this address in the last minute"),
        },
    )
    def withdraw(self, request: Request, db: Db, reader: AppReader, receipt: FromPath[str]) -> Response[None]:
        """Take back the answers given this receipt code: they are deleted with their themes, counts,
        quotes and texts as typed. (Where a safeguarding flag on them is open, they are hidden from
        everyone but the safeguarding lead and deleted when it is closed.) A report already published
        keeps its numbers until it is published again."""
        if not take_back(reader, db, receipt[:40], YOUNG_PERSON, "through the API"):
            raise SaidNotFoundError(not_found(request, db, receipt[:40]))
        return Response(None, status_code=204)
