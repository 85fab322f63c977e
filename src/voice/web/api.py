"""The JSON API: published surveys and anonymous responses. Documented at /api/schema/openapi.json."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import partial
from typing import Annotated

import anyio.to_thread
import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.connection import ASGIConnection
from litestar.exceptions import HTTPException
from litestar.handlers import BaseRouteHandler
from litestar.params import FromPath, HeaderParameter, JSONBody
from msgspec import Meta

from voice.common.dates import local_today
from voice.intake.submissions import InvalidAnswersError, record
from voice.surveys.schema import Survey
from voice.web.errors import ApiError, ErrorItem, SaidNotFoundError, api_error
from voice.web.pages import AppCatalogue, Db, catalogue_of, read_after, reader_of, record_options, t

AnswerValue = str | int | bool | list[str]
SubmissionId = Annotated[str, Meta(min_length=8, max_length=100, pattern=r"^[A-Za-z0-9_.:-]+$")]


class SurveySummary(msgspec.Struct, frozen=True):
    slug: str
    title: str
    owner: str
    audience: str
    estimated_minutes: int
    is_open: bool
    version: str
    url: str


class PublishedSurvey(msgspec.Struct, frozen=True):
    slug: str
    version: str
    is_open: bool
    definition: Survey


class ResponseIn(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    answers: dict[str, AnswerValue]
    """Question id to answer: a choice's value, a list of values, a scale point, yes/no, or text.
    Text after "Other" goes under `<id>.other`; a contact request's details under `<id>.name`,
    `<id>.contact` and `<id>.when`. Leave out what was skipped."""
    submission_id: SubmissionId | None = None
    """A one-time id chosen by the client: sending the same id again stores nothing new."""


class Receipt(msgspec.Struct, frozen=True):
    receipt: str
    survey: str
    version: str


def _today() -> dt.date:
    return local_today()


def json_only(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    """A request with a body must say it is JSON: a form on another site can post text/plain (or a
    form's own types) from a visitor's browser without asking first, and would be taken as answers."""
    if connection.scope.get("method") in ("POST", "PUT", "PATCH"):
        media = connection.headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json" and not media.endswith("+json"):
            raise HTTPException(status_code=415, detail="Send the answers as JSON (Content-Type: application/json).")


class ApiController(Controller):
    path = "/api/surveys"
    tags = ("surveys",)
    guards = [json_only]  # noqa: RUF012 - Litestar's own layer attribute

    @get("/", sync_to_thread=False)
    def list_surveys(self, catalogue: AppCatalogue) -> list[SurveySummary]:
        """Every published survey, open or closed."""
        today = _today()
        return [
            SurveySummary(
                p.slug,
                p.survey.title,
                p.survey.owner,
                p.survey.audience,
                p.survey.estimated_minutes,
                p.survey.is_open(today),
                p.content_hash,
                f"/s/{p.slug}",
            )
            for p in catalogue.all()
        ]

    @get("/{slug:str}", sync_to_thread=False, responses={404: ApiError.spec("No such survey")})
    def get_survey(self, request: Request, catalogue: AppCatalogue, slug: FromPath[str]) -> PublishedSurvey:
        """The current version of one survey, as its file defines it."""
        published = catalogue.current(slug)
        if published is None:
            raise SaidNotFoundError(t(request, "There is no survey called “%(slug)s”.", slug=slug[:60]))
        return PublishedSurvey(slug, published.content_hash, published.survey.is_open(_today()), published.survey)

    @post(
        "/{slug:str}/responses",
        exclude_from_csrf=True,
        status_code=201,
        responses={
            400: ApiError.spec("The body is not JSON of the right shape"),
            404: ApiError.spec("No such survey"),
            409: ApiError.spec("The survey is closed"),
            413: ApiError.spec("The body is larger than the service accepts"),
            415: ApiError.spec("The body is not sent as JSON (Content-Type: application/json)"),
            422: ApiError.spec("Some answers cannot be accepted; `errors` says which and why"),
            429: ApiError.spec("Too many submissions from this address in the last minute; nothing was stored"),
            503: ApiError.spec("The database is busy or unavailable; nothing was stored, try again"),
        },
    )
    async def submit(
        self,
        request: Request,
        db: Db,
        slug: FromPath[str],
        data: JSONBody[ResponseIn],
        idempotency_key: Annotated[str | None, HeaderParameter(name="Idempotency-Key")] = None,
    ) -> Response[Receipt]:
        """Store one anonymous response. Answers are checked against the survey's current version."""
        # catalogue_of and reader_of rather than parameters, for speed (see pages.catalogue_of)
        published = catalogue_of(request).current(slug)
        if published is None:
            raise SaidNotFoundError(t(request, "There is no survey called “%(slug)s”.", slug=slug[:60]))
        if not published.survey.is_open(_today()):
            return api_error(409, t(request, "This survey is closed, so it does not take answers."))
        key = data.submission_id or (idempotency_key[:100] if idempotency_key else None)
        if key is not None:  # a retry is the same key with the same answers: only it is told the receipt again
            key += "\0" + hashlib.sha256(msgspec.json.encode(data.answers, order="sorted")).hexdigest()
        try:
            # Only the write goes to a thread (it waits for its transaction): see voice.web.public.
            recorded = await anyio.to_thread.run_sync(
                partial(
                    record,
                    db,
                    published,
                    dict(data.answers),
                    "api",
                    msgspec.structs.replace(
                        record_options(request, reader_of(request)), submission_key=key, read_now=False
                    ),
                )
            )
        except InvalidAnswersError as exc:
            return api_error(
                422,
                t(request, "Some answers cannot be accepted."),
                [ErrorItem(f"answers.{e.key}", e.message) for e in exc.errors],
            )
        return Response(
            Receipt(recorded.receipt, slug, published.content_hash),
            status_code=200 if recorded.duplicate else 201,
            background=None if recorded.duplicate else read_after(reader_of(request), recorded),
        )
