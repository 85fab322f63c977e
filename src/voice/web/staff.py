"""Staff pages: sign in, the safeguarding queue, the audit log. Every route but sign-in is guarded
on the router, so a new route cannot forget it; roles are checked per route through `opt`."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from collections.abc import Iterable
from typing import Annotated, Any
from urllib.parse import urlencode

import msgspec
from litestar import Controller, Request, get, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException, ValidationException
from litestar.params import FromPath, FromQuery, QueryParameter, URLEncodedBody
from litestar.response import Redirect, Response, Template

from voice.common.dates import DateError, local_today, parse_day
from voice.common.i18n import N_
from voice.common.settings import Settings
from voice.common.text import spreadsheet_safe
from voice.curation import flags
from voice.curation import quotes as curation
from voice.intake import contacts
from voice.intake.submissions import InvalidAnswersError, record, unread_count
from voice.reading import safeguarding
from voice.reading.close import shipped_close_reader
from voice.reading.themes import SENTIMENT_NAMES, Taxonomy
from voice.reporting import asked, exports, outputs
from voice.store import accounts as auth
from voice.store.audit import Event, events, record_event, with_repeats_together
from voice.store.catalogue import Catalogue
from voice.store.db import write_lock
from voice.surveys.forms import FieldError, check_all, read_form
from voice.surveys.schema import PREFER_NOT
from voice.web.downloads import download_headers
from voice.web.guard import (
    BIND_COOKIE,
    CSRF_COOKIE,
    EDITORS,
    STAFF_COOKIE,
    binding,
    known_browser,
    known_browser_cookie,
)
from voice.web.pages import (
    SQLITE_MAX_INT,
    AppCatalogue,
    AppReader,
    AppSettings,
    AppTaxonomy,
    Db,
    FormData,
    RowId,
    form_lists,
    form_row_id,
    locale_of,
    record_options,
    render,
    secure_cookies,
    staff_of,
    strict_cookie,
    t,
)
from voice.web.words import answer_words
from voice.web.words import language_namer as _language_name
from voice.web.words import question_label as _question_label
from voice.web.words import survey_titles as _survey_titles
from voice.web.words import topic_names as _topic_names

TOPICS_APART = "; "
"""Between a download's topics: their names have commas in them ("School, college and learning")."""
ASKED_KINDS = {"group": N_("Group the survey was put to"), "age_band": N_("Age band"), "area": N_("Area")}
ANSWER_COLUMNS = (
    N_("Answer number"),
    N_("Survey"),
    N_("Question"),
    N_("Day it was given"),
    N_("How it was given"),
    N_("The answer (personal details removed)"),
    N_("Feeling"),
    N_("Topics"),
    N_("Checked by a person"),
    N_("In the safeguarding queue"),  # a flag, worth a look or needs a person to read: as the lead's queue has it
)
"""The columns of a download of answers: nothing that could say who wrote them."""


def answers_file(header: list[str], rows: Iterable[list[Any]], fmt: str) -> bytes:
    """A CSV (UTF-8 with a byte order mark, for Excel) or an Excel workbook; every cell formula-safe."""
    if fmt == "csv":
        return exports.render_csv(tuple(header), (tuple(row) for row in rows)).encode("utf-8-sig")
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Answers")
    sheet.append([spreadsheet_safe(c) for c in header])
    for row in rows:
        sheet.append([c if isinstance(c, int) else spreadsheet_safe(c) for c in row])
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


class AnswerQuery(msgspec.Struct, frozen=True):
    """The answers page's filters as the address gives them (its download's too): text, each checked by
    `_filters`. A field left empty, as a form sends it, means "any"."""

    survey: str | None = None
    version: str | None = None
    channel: str | None = None
    topic: str | None = None
    priority: str | None = None
    sentiment: str | None = None
    flagged: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None


def answer_query(
    survey: FromQuery[str | None] = None,
    version: FromQuery[str | None] = None,
    channel: FromQuery[str | None] = None,
    topic: FromQuery[str | None] = None,
    priority: FromQuery[str | None] = None,
    sentiment: FromQuery[str | None] = None,
    flagged: FromQuery[str | None] = None,
    since: FromQuery[str | None] = None,
    until: FromQuery[str | None] = None,
    q: FromQuery[str | None] = None,
) -> AnswerQuery:
    """The answer filters' query parameters, declared once for the pages that take them (a dependency)."""
    return AnswerQuery(survey, version, channel, topic, priority, sentiment, flagged, since, until, q)


ANSWER_QUERY = {"given": Provide(answer_query, sync_to_thread=False)}


def _filters(request: Request, query: AnswerQuery, page: int) -> tuple[curation.Filters, list[FieldError]]:
    """The answers page's filters as given, and what is wrong with them (they are then not applied)."""
    errors: list[FieldError] = []
    chosen: int | None = None
    version, since, until = query.version, query.since, query.until
    if version and version.strip():
        chosen = form_row_id(version.strip()) or None  # 0: past SQLite's largest integer, no version has it
        if chosen is None:
            errors.append(FieldError("version", "version", t(request, "Choose a version from the list")))
    days: dict[str, str | None] = {}
    for name, typed in (("since", since), ("until", until)):
        try:
            days[name] = parse_day(typed).isoformat() if typed and typed.strip() else None
        except DateError:
            days[name] = None
            errors.append(FieldError(name, name, t(request, "Enter a real date, for example 27/3/2021")))
    return curation.Filters(
        survey=query.survey or None,
        version=chosen,
        channel=query.channel or None,
        topic=query.topic or None,
        priority=query.priority or None,
        sentiment=query.sentiment or None,
        flagged={"yes": True, "no": False}.get(query.flagged or ""),
        since=days["since"],
        until=days["until"],
        q=(query.q or "").strip()[:200] or None,
        page=max(1, min(page, 10_000)),
    ), errors


LISTED = re.compile(r"[A-Za-z0-9_.~%=&+-]{1,800}")
"""The answers list's filters, carried to an answer's page for its "Back to answers" link: a query string only."""

CHANNEL_NAMES = {
    "web": N_("Online form"),
    "api": N_("Another app (API)"),
    "paper": N_("Paper form"),
    "session": N_("Session or group"),
    "import": N_("Imported file"),
}


def _priority_names(db: Db, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """Every priority key the taxonomy feeds, with the name a year gave it (the newest year's first); a key
    no year has named yet in words ("child_mental_health": "Child mental health")."""
    from voice.reporting import priorities as plan

    named: dict[str, str] = {}
    for year in plan.years(db):
        for p in plan.priorities(db, year):
            named.setdefault(p.key, p.name)
    keys = sorted({p for tp in taxonomy.topics for p in tp.priorities} | set(named))
    return [(key, named.get(key) or key.replace("_", " ").capitalize()) for key in keys]


def _staff_cookie(request: Request, settings: Settings, token: str) -> Cookie:
    return strict_cookie(request, settings, STAFF_COOKIE, token, "/staff", auth.SESSION_HOURS * 3600)


Sent = str | list[str]
"""One field of a staff form: a list when it is sent more than once. No browser does that, and a
hand-made post that does is taken as before these forms were Structs: the field's text is `str()` of the
list, not a 400 (#31 changes no behaviour)."""


class SignInForm(msgspec.Struct, frozen=True):
    email: Sent = ""
    password: Sent = ""


class CloseForm(msgspec.Struct, frozen=True):
    action_note: Sent = ""
    decision: Sent = ""
    close: Sent = ""
    """"answer": with the other flags still open on the same answer (the form's choice)."""


class QuoteForm(msgspec.Struct, frozen=True):
    quote: Sent = ""
    attribution: Sent = ""
    summary: Sent = ""


class ThemesForm(msgspec.Struct, frozen=True):
    topics: Sent = msgspec.field(default_factory=list)
    """The ticked topics' ids: one box ticked is sent as one value, several as a list, none not at all."""
    sentiment: Sent = ""


class DecideForm(msgspec.Struct, frozen=True):
    showing: Sent = "proposed"


class SignInController(Controller):
    path = "/staff"
    include_in_schema = False

    @get("/sign-in", sync_to_thread=False)
    def sign_in_page(self, request: Request, settings: AppSettings, done: FromQuery[str | None] = None) -> Template:
        return render(
            request, "staff/sign_in.html", email="", password_set=done == "password", signed_out=done == "signed-out"
        )

    @post("/sign-in", sync_to_thread=True, status_code=303)
    def sign_in(
        self, request: Request, db: Db, settings: AppSettings, data: URLEncodedBody[SignInForm]
    ) -> Redirect | Template:
        email, password = str(data.email)[:254], str(data.password)[:1000]
        missing = [
            FieldError(key, key, t(request, message))
            for key, given, message in (
                ("email", email.strip(), N_("Enter your email address")),
                ("password", password, N_("Enter your password")),
            )
            if not given
        ]
        if missing:  # not a wrong password: nothing was tried, and nothing counts towards the lock-out
            return render(request, "staff/sign_in.html", status=422, email=email, errors=missing, password_set=False)
        try:
            token = auth.sign_in(db, email, password, known_browser(request, email))
        except auth.AuthError as exc:
            error = FieldError("email", "email", t(request, exc.message, **exc.params))
            return render(request, "staff/sign_in.html", status=401, email=email, errors=[error], password_set=False)
        bound = binding(request, token, request.cookies.get(CSRF_COOKIE, ""))
        return Redirect(
            "/staff",
            status_code=303,
            cookies=[
                _staff_cookie(request, settings, token),
                strict_cookie(request, settings, BIND_COOKIE, bound, "/staff", auth.SESSION_HOURS * 3600),
                known_browser_cookie(request, settings, email),
            ],
        )


WITHDRAWAL_EVENTS = frozenset(["answers withdrawn", "withdrawn answers deleted"])


def _newest_first(*histories: list[Event]) -> list[Event]:
    """Events of several subjects in one history, newest first (each list is newest first already)."""
    return sorted(itertools.chain(*histories), key=lambda e: e.happened_at, reverse=True)


def _answer_words(request: Request, catalogue: Catalogue) -> dict[str, Any]:
    """What the safeguarding pages call an answer's survey and question: their words, not their ids."""
    titles = _survey_titles(request, catalogue)

    def question(slug: str, answer_key: str) -> str:
        return _question_label(request, catalogue, slug, answer_key)

    return {"survey_titles": titles, "question_of": question}


def _asked_in_words(
    request: Request, catalogue: Catalogue, taxonomy: Taxonomy, rows: list[asked.Asked]
) -> list[asked.Asked]:
    """Who was asked what, with each consultation's title and each topic's name in the page's language."""
    titles, names = _survey_titles(request, catalogue), _topic_names(request, taxonomy)
    return [
        msgspec.structs.replace(
            r,
            title=titles.get(r.survey, r.title),
            group=t(request, r.group) if r.kind == "group" else r.group,
            topics=[names.get(i, n) for n, i in zip(r.topics, r.topic_ids, strict=True)],
        )
        for r in rows
    ]


class StaffController(Controller):
    path = "/"
    include_in_schema = False

    @get("/", sync_to_thread=True)
    def home(self, request: Request, db: Db) -> Template:
        lead = staff_of(request).role == "safeguarding_lead"
        return render(
            request,
            "staff/home.html",
            staff=staff_of(request),
            open_contacts=contacts.open_count(db) if lead else 0,
            open_flags=flags.open_answers(db) if lead else {},
        )

    @get("/help", sync_to_thread=False)
    def help_page(self, request: Request) -> Template:
        """What each part of the staff side is for, for what this person's role can do."""
        return render(request, "staff/help.html", staff=staff_of(request))

    @post("/sign-out", sync_to_thread=True, status_code=303)
    def sign_out(self, request: Request, db: Db, settings: AppSettings) -> Redirect:
        auth.sign_out(db, request.cookies.get(STAFF_COOKIE))
        response = Redirect("/staff/sign-in?done=signed-out", status_code=303)
        response.set_cookie(
            STAFF_COOKIE,
            "",
            path="/staff",
            expires=0,
            max_age=0,
            httponly=True,
            samesite="strict",
            secure=secure_cookies(request, settings),
        )  # deleted, and Secure like every cookie
        return response

    @get("/safeguarding", sync_to_thread=True, opt={"roles": ("safeguarding_lead",)})
    def flag_queue(
        self, request: Request, db: Db, catalogue: AppCatalogue, status: FromQuery[str] = "open"
    ) -> Template:
        status = "closed" if status == "closed" else "open"
        items = flags.queue(db, status)
        return render(
            request,
            "staff/queue.html",
            staff=staff_of(request),
            showing=status,
            items=flags.by_answer([i for i in items if i.tier != "look"]),
            looks=flags.by_answer([i for i in items if i.tier == "look"]),
            names=safeguarding.CATEGORY_NAMES,
            language_name=_language_name(request),
            waiting=unread_count(db),
            **_answer_words(request, catalogue),
        )

    def _flag_page(
        self,
        request: Request,
        db: Db,
        catalogue: Catalogue,
        flag_id: int,
        errors: list[FieldError],
        note: str = "",
        status: int = 200,
    ) -> Template:
        detail = flags.flag_detail(db, flag_id, staff_of(request).email)
        if detail is None:
            raise NotFoundException()
        detail = _with_close_words(detail)
        taking_back = [  # the young person took their answers back: the flag's history says so
            e for e in events(db, f"response:{detail.item.response_id}") if e.action in WITHDRAWAL_EVENTS
        ]
        return render(
            request,
            "staff/flag.html",
            status=status,
            staff=staff_of(request),
            flag=detail,
            names=safeguarding.CATEGORY_NAMES,
            other_answers=[
                answer_words(request, catalogue, detail.item.survey_slug, question, value, text)
                for question, value, text in flags.other_answers(db, detail.item.response_id, detail.item.answer_key)
            ],
            history=with_repeats_together(_newest_first(events(db, f"flag:{flag_id}"), taking_back)),
            note=note,
            errors=errors,
            language_name=_language_name(request),
            **_answer_words(request, catalogue),
        )

    @get("/safeguarding/{flag_id:int}", sync_to_thread=True, opt={"roles": ("safeguarding_lead",)})
    def flag(self, request: Request, db: Db, catalogue: AppCatalogue, flag_id: RowId) -> Template:
        return self._flag_page(request, db, catalogue, flag_id, [])

    @post(
        "/safeguarding/{flag_id:int}/close", sync_to_thread=True, status_code=303, opt={"roles": ("safeguarding_lead",)}
    )
    def close(
        self, request: Request, db: Db, catalogue: AppCatalogue, flag_id: RowId, data: URLEncodedBody[CloseForm]
    ) -> Redirect | Template:
        note = str(data.action_note)
        try:
            closed = flags.close_flag(
                db,
                flag_id,
                staff_of(request).email,
                note,
                str(data.decision) or None,
                with_answer=data.close == "answer",
            )
        except flags.FlagError as exc:
            error = FieldError("action_note", "action_note", t(request, str(exc)))
            return self._flag_page(request, db, catalogue, flag_id, [error], note, status=422)
        done = "flags-closed" if closed > 1 else "flag-closed"
        return Redirect(f"/staff/safeguarding/{flag_id}?done={done}", status_code=303)

    @get("/asked", sync_to_thread=True)
    def asked_page(
        self, request: Request, db: Db, settings: AppSettings, catalogue: AppCatalogue, taxonomy: AppTaxonomy
    ) -> Template:
        """Who was asked what, when: per group, the consultations they answered and what about; a warning
        for each survey open now that asks a group about the same things again too soon."""
        surveys = catalogue.all()
        rows = asked.who_was_asked(db, surveys, taxonomy, settings.min_group_size)
        again = asked.asked_again(db, rows, surveys, taxonomy, settings.asked_again_weeks)
        titles, names = _survey_titles(request, catalogue), _topic_names(request, taxonomy)
        again = [
            msgspec.structs.replace(
                w,
                group=t(request, w.group),
                title=titles.get(w.survey, w.title),
                earlier_title=titles.get(w.earlier, w.earlier_title),
                topics=[names.get(i, n) for n, i in zip(w.topics, w.topic_ids, strict=True)],
            )
            for w in again
        ]
        return render(
            request,
            "staff/asked.html",
            staff=staff_of(request),
            rows=_asked_in_words(request, catalogue, taxonomy, rows),
            again=again,
            weeks=settings.asked_again_weeks,
            kinds=ASKED_KINDS,
        )

    @get("/asked/download", sync_to_thread=True)
    def asked_download(
        self, request: Request, db: Db, settings: AppSettings, catalogue: AppCatalogue, taxonomy: AppTaxonomy
    ) -> Response[bytes]:
        """The same as a CSV file (formula-safe)."""
        threshold = settings.min_group_size
        rows = _asked_in_words(
            request, catalogue, taxonomy, asked.who_was_asked(db, catalogue.all(), taxonomy, threshold)
        )
        header = [
            t(request, h)
            for h in (
                N_("Kind of group"),
                N_("Group"),
                N_("Consultation"),
                N_("First answer"),
                N_("Last answer"),
                N_("How many answered"),
                N_("Topics they raised"),
            )
        ]
        body = answers_file(
            header,
            (
                [
                    t(request, ASKED_KINDS[r.kind]),
                    r.group,
                    r.title,
                    r.first if r.answered.n is not None else "",  # a hidden group's days are hidden too
                    r.last if r.answered.n is not None else "",
                    str(r.answered.n) if r.answered.n is not None else t(request, "fewer than %(n)s", n=threshold),
                    TOPICS_APART.join(r.topics),
                ]
                for r in rows
            ),
            "csv",
        )
        return Response(body, media_type="text/csv; charset=utf-8", headers=download_headers("who-was-asked.csv"))

    @get("/responses/download", sync_to_thread=True, opt={"roles": EDITORS}, dependencies=ANSWER_QUERY)
    def responses_download(
        self,
        request: Request,
        db: Db,
        catalogue: AppCatalogue,
        taxonomy: AppTaxonomy,
        given: NamedDependency[AnswerQuery],
        fmt: FromQuery[str] = "csv",
    ) -> Response[bytes]:
        """The answers that match the filters, redacted, with their themes and whether a safeguarding flag on
        them is open: never the text as typed, contact details or receipts. CSV or Excel, formula-safe."""
        if fmt not in ("csv", "xlsx"):
            raise NotFoundException()
        filters, errors = _filters(request, given, 1)
        if errors:
            raise ValidationException(errors[0].message)
        names = _topic_names(request, taxonomy)
        titles = _survey_titles(request, catalogue)
        header = [t(request, h) for h in ANSWER_COLUMNS]
        yes, no = t(request, "Yes"), t(request, "No")
        rows = (
            [
                r.answer_id,
                titles.get(r.survey_slug, r.survey_slug),
                _question_label(request, catalogue, r.survey_slug, r.question_id),
                r.day,
                t(request, CHANNEL_NAMES.get(r.channel, r.channel)),
                r.text,
                t(request, SENTIMENT_NAMES[r.sentiment]) if r.sentiment else "",
                TOPICS_APART.join(names.get(tp, tp) for tp in r.topics),
                yes if r.corrected else no,
                yes if r.flagged else no,
            ]
            for r in curation.every(db, filters, taxonomy)
        )
        body = answers_file(header, rows, fmt)
        with write_lock:
            record_event(
                db,
                staff_of(request).email,
                "answers downloaded",
                f"survey:{given.survey or 'all'}",
                urlencode({k: v for k, v in request.query_params.items() if v})[:200],
            )
        name = f"answers-{given.survey or 'all-surveys'}.{fmt}"
        media = (
            "text/csv; charset=utf-8"
            if fmt == "csv"
            else ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )
        return Response(body, media_type=media, headers=download_headers(name))

    @get("/responses", sync_to_thread=True, dependencies=ANSWER_QUERY)
    def responses(
        self,
        request: Request,
        db: Db,
        catalogue: AppCatalogue,
        taxonomy: AppTaxonomy,
        given: NamedDependency[AnswerQuery],
        page: FromQuery[int] = 1,
    ) -> Template:
        filters, errors = _filters(request, given, page)
        rows, total = ([], 0) if errors else curation.browse(db, filters, taxonomy)
        query = {k: v for k, v in request.query_params.items() if k != "page" and v}
        return render(
            request,
            "staff/responses.html",
            status=400 if errors else 200,
            staff=staff_of(request),
            rows=rows,
            total=total,
            errors=errors,
            typed={"since": given.since or "", "until": given.until or ""},
            download=urlencode({k: v for k, v in request.query_params.items() if k not in ("page", "fmt") and v}),
            listed=urlencode({k: v for k, v in request.query_params.items() if k != "fmt" and v}),
            filters=filters,
            flagged=given.flagged or "",
            taxonomy=taxonomy,
            names=SENTIMENT_NAMES,
            surveys=list(_survey_titles(request, catalogue).items()),
            query=query,
            survey_titles=_survey_titles(request, catalogue),
            versions=curation.versions(db),
            channel_names=CHANNEL_NAMES,
            topic_names=_topic_names(request, taxonomy),
            priorities=_priority_names(db, taxonomy),
            pages=(total + curation.PAGE_SIZE - 1) // curation.PAGE_SIZE,
            waiting=unread_count(db),
        )

    def _answer_page(
        self,
        request: Request,
        db: Db,
        settings: Settings,
        catalogue: Catalogue,
        taxonomy: Taxonomy,
        answer_id: int,
        errors: list[FieldError] | None = None,
        status: int = 200,
        proposed: dict[str, str] | None = None,
        worry: str = "",
    ) -> Template:
        row = curation.answer(db, answer_id)
        if row is None:
            raise NotFoundException()
        suggested = curation.suggested(db, answer_id)
        title = _survey_titles(request, catalogue).get(row.survey_slug, row.survey_slug)
        listed = request.query_params.get("listed", "")
        return render(
            request,
            "staff/answer.html",
            status=status,
            staff=staff_of(request),
            back="/staff/responses" + (f"?{listed}" if LISTED.fullmatch(listed) else ""),
            row=row,
            survey_title=title,
            question=_question_label(request, catalogue, row.survey_slug, row.question_id),
            channel_name=t(request, CHANNEL_NAMES.get(row.channel, row.channel)),
            proposed=proposed or {"quote": row.text or "", "attribution": f"({title})"},
            suggested=suggested,
            taxonomy=taxonomy,
            names=SENTIMENT_NAMES,
            blockers=[t(request, b) for b in curation.quote_blockers(db, answer_id)],
            topic_names=_topic_names(request, taxonomy),
            warnings=[
                t(request, w) for w in curation.quote_warnings(db, row.text, row.survey_slug, settings.min_group_size)
            ],
            can_edit=staff_of(request).role in EDITORS,
            errors=errors or [],
            worry=worry,
            told_lead=request.query_params.get("done") == "told-lead",
        )

    @get("/answers/{answer_id:int}", sync_to_thread=True)
    def answer(
        self,
        request: Request,
        db: Db,
        settings: AppSettings,
        catalogue: AppCatalogue,
        taxonomy: AppTaxonomy,
        answer_id: RowId,
    ) -> Template:
        return self._answer_page(request, db, settings, catalogue, taxonomy, answer_id)

    @post("/answers/{answer_id:int}/tell-lead", sync_to_thread=True, status_code=303)
    def tell_lead(
        self,
        request: Request,
        db: Db,
        settings: AppSettings,
        catalogue: AppCatalogue,
        taxonomy: AppTaxonomy,
        answer_id: RowId,
        data: FormData,
    ) -> Redirect | Template:
        """Any staff member sends an answer that worries them to the safeguarding lead, with a note."""
        note = form_lists(data).get("note", [""])[0]
        try:
            flags.send_to_lead(db, answer_id, staff_of(request).email, note, settings.safeguarding_role)
        except LookupError:
            raise NotFoundException() from None
        except flags.FlagError as exc:
            error = FieldError("note", "note", t(request, str(exc)))
            return self._answer_page(request, db, settings, catalogue, taxonomy, answer_id, [error], 422, worry=note)
        return Redirect(f"/staff/answers/{answer_id}?done=told-lead", status_code=303)

    @post("/answers/{answer_id:int}/themes", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def correct(
        self,
        request: Request,
        db: Db,
        settings: AppSettings,
        catalogue: AppCatalogue,
        taxonomy: AppTaxonomy,
        reader: AppReader,
        answer_id: RowId,
        data: URLEncodedBody[ThemesForm],
    ) -> Redirect | Template:
        topics = [data.topics] if isinstance(data.topics, str) else data.topics
        feeling = str(data.sentiment) or None
        if curation.answer(db, answer_id) is None:
            raise NotFoundException()  # taken back, no free text, or no such answer: as its page says
        try:
            curation.correct(db, answer_id, feeling, topics, staff_of(request).email, taxonomy)
        except curation.CurationError as exc:
            return self._answer_page(
                request,
                db,
                settings,
                catalogue,
                taxonomy,
                answer_id,
                [FieldError("topics", "topics", t(request, str(exc)))],
                422,
            )
        reader.learn_corrections(db)
        return Redirect(f"/staff/answers/{answer_id}?done=themes", status_code=303)

    @post("/answers/{answer_id:int}/quotes", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def propose(
        self,
        request: Request,
        db: Db,
        settings: AppSettings,
        catalogue: AppCatalogue,
        taxonomy: AppTaxonomy,
        reader: AppReader,
        answer_id: RowId,
        data: URLEncodedBody[QuoteForm],
    ) -> Redirect | Template:
        proposed = {
            "quote": str(data.quote),
            "attribution": str(data.attribution),
            "summary": "1" if data.summary else "",
        }
        try:
            curation.propose(
                db,
                answer_id,
                proposed["quote"],
                proposed["attribution"],
                staff_of(request).email,
                taxonomy,
                reader.terms,
                summary=bool(proposed["summary"]),
            )
        except curation.CurationError as exc:
            return self._answer_page(
                request,
                db,
                settings,
                catalogue,
                taxonomy,
                answer_id,
                [FieldError("quote", "quote", t(request, str(exc)))],
                422,
                proposed,
            )
        return Redirect("/staff/quotes?status=proposed&done=proposed", status_code=303)

    def _quotes_page(
        self,
        request: Request,
        db: Db,
        settings: Settings,
        catalogue: Catalogue,
        taxonomy: Taxonomy,
        showing: str,
        errors: list[FieldError] | None = None,
        status: int = 200,
    ) -> Template:
        showing = showing if showing in ("proposed", "approved", "published", "rejected") else "proposed"
        names = _topic_names(request, taxonomy)
        found = curation.quotes(db, showing)
        min_group = settings.min_group_size
        return render(
            request,
            "staff/quotes.html",
            status=status,
            staff=staff_of(request),
            showing=showing,
            topic_label=names,
            quotes=found,
            can_edit=staff_of(request).role in EDITORS,
            survey_titles=_survey_titles(request, catalogue),
            priority_names=_priority_names(db, taxonomy),
            published_years={p.year for p in outputs.publications(db)},
            warnings={
                q.id: [t(request, w) for w in curation.quote_warnings(db, q.text, q.survey_slug, min_group)]
                for q in found
                if q.status in ("proposed", "approved")
            },
            changes={
                q.id: curation.differences(q.answer_text, q.text)
                for q in found
                if q.status in ("proposed", "approved") and q.answer_text != q.text
            },
            errors=errors or [],
        )

    @get("/quotes", sync_to_thread=True)
    def quote_list(
        self,
        request: Request,
        db: Db,
        settings: AppSettings,
        catalogue: AppCatalogue,
        taxonomy: AppTaxonomy,
        status: FromQuery[str] = "proposed",
        problem: Annotated[int | None, QueryParameter(ge=0, le=20)] = None,
        quote: Annotated[int | None, QueryParameter(ge=1, le=SQLITE_MAX_INT)] = None,
    ) -> Template:
        errors = []
        if problem is not None and quote is not None and problem < len(curation.DECISION_PROBLEMS):
            errors = [FieldError("quotes", f"quote-{quote}", t(request, curation.DECISION_PROBLEMS[problem]))]
        return self._quotes_page(request, db, settings, catalogue, taxonomy, status, errors, 409 if errors else 200)

    @post("/quotes/{quote_id:int}/{action:str}", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def decide(
        self,
        request: Request,
        db: Db,
        settings: AppSettings,
        catalogue: AppCatalogue,
        taxonomy: AppTaxonomy,
        quote_id: RowId,
        action: FromPath[str],
        data: URLEncodedBody[DecideForm],
    ) -> Redirect | Template:
        showing = str(data.showing)
        showing = showing if showing in ("proposed", "approved", "published", "rejected") else "proposed"
        try:
            curation.decide(db, quote_id, action, staff_of(request).email)
        except curation.CurationError as exc:
            if str(exc) in curation.DECISION_PROBLEMS:  # said on the quotes page itself, after a redirect
                problem = curation.DECISION_PROBLEMS.index(str(exc))
                return Redirect(
                    f"/staff/quotes?status={showing}&problem={problem}&quote={quote_id}#quote-{quote_id}",
                    status_code=303,
                )
            error = FieldError("quotes", f"quote-{quote_id}", t(request, str(exc)))
            return self._quotes_page(request, db, settings, catalogue, taxonomy, showing, [error], 422)
        done = {"approve": "approved", "publish": "published", "reject": "rejected"}.get(action, "saved")
        return Redirect(f"/staff/quotes?status={showing}&done={done}", status_code=303)

    def _entry_page(
        self,
        request: Request,
        catalogue: Catalogue,
        slug: str,
        values: dict[str, Any],
        errors: list[FieldError],
        channel: str,
        saved: str | None = None,
        status: int = 200,
        day: str | None = None,
    ) -> Template:
        published = catalogue.current(slug)
        if published is None:
            raise NotFoundException()
        day = day if day is not None else local_today().strftime("%d/%m/%Y")
        return render(
            request,
            "staff/entry.html",
            status=status,
            staff=staff_of(request),
            slug=slug,
            entered=published.survey,
            values=values,
            error_for={e.key: e for e in errors},
            errors=errors,
            channel=channel,
            saved=saved,
            prefer_not=PREFER_NOT,
            day=day,
        )

    @get("/entry", sync_to_thread=False, opt={"roles": EDITORS})
    def entry_list(self, request: Request, catalogue: AppCatalogue) -> Template:
        return render(
            request,
            "staff/entry_list.html",
            staff=staff_of(request),
            surveys=catalogue.all(),
            survey_titles=_survey_titles(request, catalogue),
        )

    @get("/entry/{slug:str}", sync_to_thread=False, opt={"roles": EDITORS})
    def entry(
        self,
        request: Request,
        catalogue: AppCatalogue,
        slug: FromPath[str],
        saved: FromQuery[str | None] = None,
        day: FromQuery[str | None] = None,
        channel: FromQuery[str | None] = None,
    ) -> Template:
        return self._entry_page(
            request,
            catalogue,
            slug,
            {},
            [],
            channel if channel in ("paper", "session") else "paper",
            saved=saved,
            day=day,
        )

    @post("/entry/{slug:str}", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def enter(
        self, request: Request, db: Db, catalogue: AppCatalogue, reader: AppReader, slug: FromPath[str], data: FormData
    ) -> Redirect | Template:
        """Answers from a paper form or a session, through the same checks as the web form."""
        published = catalogue.current(slug)
        if published is None:
            raise NotFoundException()
        form = form_lists(data)
        channel = form.get("channel", ["paper"])[0]
        channel = channel if channel in ("paper", "session") else "paper"
        raw = read_form([q for _, q in published.survey.questions()], form)
        typed_day = form.get("day", [""])[0].strip()
        day, day_errors = _session_day(request, typed_day)
        if day_errors:  # nothing is stored; the answers' own problems are said too
            _, answer_errors = check_all(published.survey, raw, locale_of(request))
            return self._entry_page(
                request, catalogue, slug, raw, day_errors + answer_errors, channel, status=422, day=typed_day
            )
        try:
            recorded = record(
                db, published, raw, channel, msgspec.structs.replace(record_options(request, reader), today=day)
            )
        except InvalidAnswersError as exc:
            return self._entry_page(request, catalogue, slug, raw, exc.errors, channel, status=422, day=typed_day)
        with write_lock:
            record_event(
                db,
                staff_of(request).email,
                "answers entered",
                f"response:{recorded.response_id}",
                f"{channel}, {day.isoformat() if day else ''}",
            )
        query = urlencode({"saved": recorded.receipt, "day": typed_day, "channel": channel})
        return Redirect(f"/staff/entry/{slug}?{query}", status_code=303)


def _session_day(request: Request, typed: str) -> tuple[dt.date, list[FieldError]]:
    """The day paper answers were given or a session was held: as typed (27/3/2021 or 2021-03-27), not
    in the future; today if left empty."""
    today = local_today()
    if not typed:
        return today, []
    try:
        day = parse_day(typed)
    except DateError:
        return today, [FieldError("day", "day", t(request, "Enter a real date, for example 27/3/2021"))]
    if day > today:
        return today, [FieldError("day", "day", t(request, "The date must be today or in the past"))]
    return day, []


def _with_close_words(detail: flags.FlagDetail) -> flags.FlagDetail:
    """A flag the close reader made or raised, with the words of its sentence (as staff see it) that weighed
    most in that reading: worked out now, as each costs a reading (voice.reading.close)."""
    evidence = detail.item.evidence
    if evidence is None or evidence.close is None or evidence.close_words:
        return detail
    reader = shipped_close_reader()
    if reader is None:
        return detail
    words = reader.weighed_most(detail.item.reason)
    item = msgspec.structs.replace(detail.item, evidence=msgspec.structs.replace(evidence, close_words=words))
    return msgspec.structs.replace(detail, item=item)
