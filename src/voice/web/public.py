"""Young people's pages: the list of surveys, start, one section per page, check answers, thank you.

No login. The only cookies are the CSRF token and, while a survey is being answered, a random
token for the unfinished answers (scoped to that survey's path, expiring after `draft_hours`).

Pages that only read (`sync_to_thread=False`) are made on the event loop: a read in SQLite's WAL mode
never waits for a writer, and handing each page to a thread cost a third of the pages served per
second (measured: 2,250-2,360 question pages/s in threads, 3,550-3,590/s on the loop, 2 workers at 64).
Whatever writes does so in a thread (its transaction may wait for another's); the checks before it
are made on the loop. For the same reason the handlers take only `db` as a parameter and look up the
catalogue, the settings and the reader by key (pages.catalogue_of says why: a second dependency costs a
task group per request).
"""

from __future__ import annotations

import datetime as dt
import hmac
import time
from functools import lru_cache, partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio.to_thread
import msgspec
from cachetools import TTLCache
from litestar import Controller, Request, Response, get, post
from litestar.datastructures import CacheControlHeader, Cookie
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Redirect

from voice.common.dates import local_today
from voice.common.i18n import N_, available_locales, direction, lang_tag, language_name, translate
from voice.curation import notices
from voice.intake import contacts, drafts
from voice.intake.operations import last_backup_age
from voice.intake.submissions import (
    InvalidAnswersError,
    receipt_exists,
    receipt_for_key,
    record,
    unread_count,
)
from voice.reporting import outputs
from voice.reporting.priorities import check_year, year_of, year_slug
from voice.store.health import STORING, health, look
from voice.store.versions import Published
from voice.surveys.forms import (
    FieldError,
    check_page,
    counted_pages,
    page_values,
    visible_pages,
    visible_questions,
)
from voice.surveys.schema import PREFER_NOT, Survey
from voice.web.pages import (
    EASY_READ_COOKIE,
    LANGUAGE_COOKIE,
    Db,
    FormData,
    catalogue_of,
    choose_locale,
    form_lists,
    locale_of,
    read_after,
    reader_of,
    record_options,
    render,
    render_cached,
    secure_cookies,
    settings_of,
    signature,
    wants_easy_read,
)

DRAFT_COOKIE = "voice_draft"
HONEYPOT = "leave_blank"
SWITCH_LANGUAGE = "_language"
"""The field the language switcher's buttons send with a page's form (see base.html)."""
EXIT_TO = "https://www.bbc.co.uk/weather"
REPORT_LANGUAGE = "en"
"""The language the partnership writes its priorities, actions and reports in."""
NextUrl = Annotated[str | None, QueryParameter(name="next", max_length=2000)]


def _today() -> dt.date:
    return local_today()


def _current(request: Request, slug: str) -> Published:
    published = catalogue_of(request).current(slug)
    if published is None:
        raise NotFoundException()
    return published


R = TypeVar("R", bound=Response[Any])


class _Encoded(Cookie):
    """A cookie whose Set-Cookie header was worked out once (Litestar works each one out afresh, through
    http.cookies and dataclasses.asdict: a fifth of the time of sending one's answers)."""

    def to_encoded_header(self) -> tuple[bytes, bytes]:
        header: tuple[bytes, bytes] | None = self.__dict__.get("_header")
        if header is None:
            header = self.__dict__["_header"] = super().to_encoded_header()
        return header


@lru_cache(maxsize=64)
def _draft_gone(slug: str, secure: bool) -> Cookie:
    """Deletes the unfinished-answers cookie (after sending, clearing or leaving a survey)."""
    return _Encoded(
        key=DRAFT_COOKIE, path=f"/s/{slug}", expires=0, max_age=0, httponly=True, samesite="lax", secure=secure
    )


RECEIPT_COOKIE = "voice_receipt"
RECEIPT_SECONDS = 15 * 60
"""How long the thank-you page can show the receipt code (it is in a cookie for that page only)."""


def _receipt_mac(request: Request, slug: str, receipt: str, asked: str) -> str:
    return signature(request, "receipt cookie", slug, receipt, asked)[:32]


def _to_thanks(request: Request, slug: str, receipt: str, asked: bool = False) -> Redirect:
    """To the thank-you page, the receipt code in a cookie for this survey's pages only (signed: a cookie
    made up elsewhere cannot ask whether a code exists), never in the address; with it, whether the
    young person asked for someone to talk to them, so the page can say when someone will."""
    flag = "c" if asked else "-"
    response = Redirect(f"/s/{slug}/thanks", status_code=303)
    response.set_cookie(
        key=RECEIPT_COOKIE,
        value=f"{receipt}.{flag}.{_receipt_mac(request, slug, receipt, flag)}",
        path=f"/s/{slug}",
        max_age=RECEIPT_SECONDS,
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request, settings_of(request)),
    )
    return response


def _receipt_from(request: Request, slug: str) -> tuple[str, bool] | None:
    """(receipt code, whether they asked for someone to talk to them) from this browser's cookie, if signed."""
    receipt, flag, mac = [*request.cookies.get(RECEIPT_COOKIE, "").split("."), "", "", ""][:3]
    if receipt and flag in ("c", "-") and hmac.compare_digest(mac, _receipt_mac(request, slug, receipt, flag)):
        return receipt, flag == "c"
    return None


def _asked_for_contact(survey: Survey, answers: dict[str, Any]) -> bool:
    return any(q.kind == "contact_request" and answers.get(q.id) in ("yes", True) for _, q in survey.questions())


KEPT_BY_NOBODY = CacheControlHeader(no_store=True)
"""A survey's pages hold answers and the receipt code: the browser keeps none of them, so that Back after "Exit this
page" asks the service again (and is shown nothing that was forgotten) rather than showing the page as it was."""


def _forget_receipts(request: Request, response: R) -> R:
    """Every survey's receipt cookie deleted (each is for its survey's pages only): "Exit this page" on any survey
    leaves no thank-you page with a receipt code to come back to."""
    secure = secure_cookies(request, settings_of(request))
    for published in catalogue_of(request).all():
        response.cookies.append(
            Cookie(
                key=RECEIPT_COOKIE,
                value="",
                path=f"/s/{published.slug}",
                max_age=0,
                expires=0,
                httponly=True,
                samesite="strict",
                secure=secure,
            )
        )
    return response


def _forget_draft(request: Request, response: R, slug: str) -> R:
    response.cookies.append(_draft_gone(slug, secure_cookies(request, settings_of(request))))
    return response


def _draft_cookie(request: Request, slug: str, token: str, max_age: int) -> Cookie:
    return Cookie(
        key=DRAFT_COOKIE,
        value=token,
        path=f"/s/{slug}",
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request, settings_of(request)),
    )


def _page_number_after(survey: Survey, answers: dict[str, Any], index: int) -> int | None:
    later = [i for i in visible_pages(survey, answers) if i > index]
    return later[0] + 1 if later else None


def _back_link(
    slug: str, survey: Survey, answers: dict[str, Any], index: int | None, shown: list[int] | None = None
) -> str:
    shown = visible_pages(survey, answers) if shown is None else shown
    earlier = [i for i in shown if index is None or i < index]
    return f"/s/{slug}/p/{earlier[-1] + 1}" if earlier else f"/s/{slug}"


class NoDraftError(Exception):
    """No unfinished answers for this survey here: expired, deleted, or cookies blocked."""

    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


def _restart(request: Request, exc: NoDraftError) -> Redirect:
    """No unfinished answers: if this browser sent them a moment ago (Back after sending), say they were
    sent; otherwise start again."""
    if _receipt_from(request, exc.slug) is not None:
        return Redirect(f"/s/{exc.slug}/thanks", status_code=303)
    return Redirect(f"/s/{exc.slug}?notice=restart", status_code=303)


def offered(survey: Survey) -> list[str]:
    """The languages a survey can be answered in: those it has words for and the product speaks."""
    return [code for code in survey.languages if code in available_locales()] or [survey.language]


def _words(request: Request, survey: Survey) -> Survey:
    """The survey in the words this visitor reads: their language if it has it, easy read if chosen."""
    return survey.in_words(locale_of(request, offered(survey)), easy_read=wants_easy_read(request))


def _survey_page(
    request: Request,
    template: str,
    survey: Survey,
    status: int = 200,
    *,
    words: Survey | None = None,
    cache: bool = False,
    **context: Any,
) -> Response[Any]:
    """A young person's page of a survey, in `words` (by default `_words(request, survey)`); with
    `cache`, from the page cache if the same page was made before (pages many young people see alike)."""
    languages = offered(survey)
    locale = locale_of(request, languages)
    easy = wants_easy_read(request)
    return (render_cached if cache else render)(
        request,
        template,
        status=status,
        survey=words or _words(request, survey),
        offered=languages,
        easy_read=(easy, survey.easy_read is not None and locale == survey.language),
        **context,
    )


TOLD_SECONDS = 60.0
"""How long a start page's "you told us before" is remembered (it changes when a report is published)."""


def _told_before(request: Request, db: Db, slug: str, survey: Survey) -> outputs.ToldBefore | None:
    """What this survey's young people told us in an earlier published year, and what was done (kept for a
    minute in this app: the start page is the page most young people see). The start page runs on the
    event loop, one at a time, so the cache needs no lock."""
    remembered: TTLCache[str, outputs.ToldBefore | None] = request.app.state.setdefault(
        "told_before", TTLCache(maxsize=256, ttl=TOLD_SECONDS, timer=time.monotonic)
    )
    locale = locale_of(request)
    easy = (
        wants_easy_read(request)
        and survey.easy_read is not None
        and locale_of(request, offered(survey)) == survey.language
    )
    key = f"{slug} {locale} {'easy' if easy else ''}"
    try:
        return remembered[key]
    except KeyError:  # not yet, or made more than TOLD_SECONDS ago
        told = remembered[key] = outputs.told_before(db, slug, year_of(_today()), locale, easy=easy)
        return told


def _honeypot_message(request: Request, survey: Survey) -> str:
    """In the page's language, which is one of the survey's."""
    return translate(locale_of(request, offered(survey)), N_("Leave the last box empty, then press the button again."))


def _back_to(next_url: str | None) -> str:
    """Only somewhere on this site: a path, never another host (//evil.example) or a scheme."""
    if next_url and next_url.startswith("/") and not next_url.startswith("//") and "\\" not in next_url:
        return next_url
    return "/"


def _session_cookie(request: Request, key: str, value: str) -> Cookie:
    """A cookie for this browser session only (no expiry date), kept from scripts and other sites."""
    return Cookie(
        key=key,
        value=value,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request, settings_of(request)),
    )


def _preference(request: Request, key: str, value: str, next_url: str | None) -> Redirect:
    """Remember a visitor's choice for this browser session only (no expiry date, nothing stored)."""
    return Redirect(_back_to(next_url), status_code=303, cookies=[_session_cookie(request, key, value)])


def _page_index(survey: Survey, number: int) -> int:
    if not 1 <= number <= len(survey.pages):
        raise NotFoundException()
    return number - 1


class PublicController(Controller):
    path = "/"
    include_in_schema = False
    exception_handlers = {NoDraftError: _restart}  # noqa: RUF012 - Litestar's layered setting

    @get("/healthz", sync_to_thread=False, opt={"exclude_from_csrf": True})  # no cookie for a monitor
    def healthz(self, request: Request, db: Db) -> Response[dict[str, Any]]:
        """For monitoring: the database answers, the surveys are loaded, how many answers wait to be read
        (a number that keeps growing means reading has stopped), and how many requests for contact are
        open and past their due day (above 0 means a young person who asked for help is waiting too
        long), emails to staff waiting to go and tried but not sent (above 0: the mail server is failing;
        the staff pages say why), how long ago the newest checked backup was made (null: never), and which
        survey files in the folder are refused (`voice check` says why). Says nothing about anyone.
        Counts are numbers. `status` is "ok", "degraded" (something the service does is failing: see
        `problems`, in plain words) or "failing", with HTTP 503, when answers cannot be stored."""
        refused = sorted({Path(p.file).name for p in catalogue_of(request).problems})
        found = reader_of(request).behind() | health.problems() | look(settings_of(request).db_path)
        unsent = notices.unsent_count(db)
        if unsent:
            found["emails"] = f"{unsent} emails to staff could not be sent (the staff page Emails says why)"
        status = "failing" if STORING in found else "degraded" if found else "ok"
        age = last_backup_age(db)
        return Response(
            {
                "status": status,
                "surveys": len(catalogue_of(request).all()),
                "unread": unread_count(db),
                "contact_requests_open": contacts.open_count(db),
                "contact_requests_overdue": contacts.overdue_count(db),
                "emails_waiting": notices.waiting(db),
                "emails_unsent": unsent,
                "backup_age_seconds": None if age is None else int(age),
                "survey_files_refused": ", ".join(refused),
                "problems": [f"{task}: {why}" for task, why in sorted(found.items())],
            },
            status_code=503 if status == "failing" else 200,
        )

    @get("/language/{code:str}", sync_to_thread=False)
    def language(self, request: Request, code: FromPath[str], next_url: NextUrl = None) -> Redirect:
        """The language switcher: a plain link, so it works without JavaScript."""
        if code not in available_locales():
            raise NotFoundException()
        return _preference(request, LANGUAGE_COOKIE, code, next_url)

    @get("/easy-read/{choice:str}", sync_to_thread=False)
    def easy_read(self, request: Request, choice: FromPath[str], next_url: NextUrl = None) -> Redirect:
        if choice not in ("on", "off"):
            raise NotFoundException()
        return _preference(request, EASY_READ_COOKIE, "1" if choice == "on" else "0", next_url)

    @get("/", sync_to_thread=False)
    def index(self, request: Request) -> Response[Any]:
        today = _today()
        locale = locale_of(request)
        surveys = []
        for p in catalogue_of(request).all():
            if p.survey.is_open(today):
                shown = locale if locale in offered(p.survey) else p.survey.language
                other = None if shown == locale else (lang_tag(shown), language_name(shown, locale))
                surveys.append((p.slug, p.survey.in_words(shown), other))
        return render(request, "public/index.html", surveys=surveys)

    @get("/you-said-we-did", sync_to_thread=True)
    def you_said_years(self, request: Request, db: Db) -> Response[Any]:
        return render(request, "public/you_said_years.html", years=[p.year for p in outputs.publications(db)])

    @get("/you-said-we-did/{year:str}", sync_to_thread=True)
    def you_said(self, request: Request, db: Db, year: FromPath[str]) -> Response[Any]:
        """A published "you said, we did": as it was when a person published it."""
        return self._you_said(request, db, year, None)

    @get("/you-said-we-did/{year:str}/{slug:str}", sync_to_thread=True)
    def you_said_one(self, request: Request, db: Db, year: FromPath[str], slug: FromPath[str]) -> Response[Any]:
        """The same, for one consultation."""
        return self._you_said(request, db, year, slug)

    def _you_said(self, request: Request, db: Db, year: str, slug: str | None) -> Response[Any]:
        try:
            year = check_year(year)
        except ValueError:
            raise NotFoundException() from None
        report = outputs.published(db, year, slug)
        if report is None:
            raise NotFoundException()
        # The partnership writes its report in English and may give its priorities and actions (and the
        # surveys their words) in other languages too. A reader who chose one of those gets the report in
        # it, with any passage still in English marked as such; a reader whose language the report has
        # none of gets it wholly in English, marked, rather than English words mixed into their sentences.
        locale = locale_of(request)
        report_in = None
        if locale.split("_")[0] != REPORT_LANGUAGE:
            there = outputs.in_language(report, locale)
            translated, still_english = outputs.translated_share(there)
            if translated:
                report = there
                if still_english:
                    notice = translate(
                        locale,
                        "Some parts of this report are not in %(language)s yet, so they are shown in %(shown)s.",
                        language=language_name(locale, locale),
                        shown=language_name(REPORT_LANGUAGE, locale),
                    )
                    report_in = (locale, direction(locale), notice)
            else:
                report_in = (
                    REPORT_LANGUAGE,
                    direction(REPORT_LANGUAGE),
                    translate(
                        locale,
                        "This report is not in %(language)s yet, so it is shown in %(shown)s.",
                        language=language_name(locale, locale),
                        shown=language_name(REPORT_LANGUAGE, locale),
                    ),
                )
        others = [] if slug else [(c.slug, c.title, c.lang) for c in report.consultations]
        return render(
            request,
            "public/you_said.html",
            report=report,
            others=others,
            year_slug=year_slug(year),
            report_in=report_in,
            link_years=True,
        )

    @get("/s/{slug:str}", sync_to_thread=False, cache_control=KEPT_BY_NOBODY)
    def start(
        self, request: Request, db: Db, slug: FromPath[str], notice: FromQuery[str | None] = None
    ) -> Response[Any]:
        published = _current(request, slug)
        draft = drafts.load(db, request.cookies.get(DRAFT_COOKIE), slug)
        return _survey_page(
            request,
            "public/start.html",
            published.survey,
            slug=slug,
            draft=draft,
            is_open=published.survey.is_open(_today()),
            cache=draft is None,
            notice=notice if notice in ("restart", "cleared") else None,
            told=_told_before(request, db, slug, published.survey),
        )

    @post("/s/{slug:str}/start", status_code=303)
    async def begin(self, request: Request, db: Db, slug: FromPath[str], data: FormData) -> Response[Any]:
        published = _current(request, slug)
        if not published.survey.is_open(_today()):
            return _survey_page(request, "public/closed.html", published.survey, 409, slug=slug)
        if form_lists(data).get(HONEYPOT, [""])[0]:
            return _survey_page(
                request,
                "public/start.html",
                published.survey,
                422,
                slug=slug,
                draft=None,
                is_open=True,
                notice=None,
                errors=[FieldError(HONEYPOT, HONEYPOT, _honeypot_message(request, published.survey))],
            )
        settings = settings_of(request)
        token = await anyio.to_thread.run_sync(drafts.create, db, slug, published.version_id, settings.draft_hours)
        first = visible_pages(published.survey, {})[0] + 1
        return Redirect(
            f"/s/{slug}/p/{first}",
            status_code=303,
            cookies=[_draft_cookie(request, slug, token, settings.draft_hours * 3600)],
        )

    def _draft(self, request: Request, db: Db, slug: str) -> tuple[drafts.Draft, Published]:
        """This visitor's unfinished answers and the survey version they started; else back to the start."""
        draft = drafts.load(db, request.cookies.get(DRAFT_COOKIE), slug)
        published = catalogue_of(request).version(db, draft.version_id) if draft is not None else None
        if draft is None or published is None:
            raise NoDraftError(slug)
        return draft, published

    def _render_page(
        self,
        request: Request,
        slug: str,
        published: Published,
        index: int,
        answers: dict[str, Any],
        values: dict[str, Any],
        errors: list[FieldError],
        from_check: bool,
        status: int = 200,
    ) -> Response[Any]:
        survey = published.survey
        shown = visible_pages(survey, answers)
        words = _words(request, survey)
        questions = visible_questions(words.pages[index], answers)
        ids = {q.id for q in questions}
        return _survey_page(
            request,
            "public/page.html",
            survey,
            status,
            words=words,
            slug=slug,
            cache=not errors,
            page=words.pages[index],
            number=index + 1,
            questions=questions,
            # only this page's answers: the page is the same for everyone who gave them
            values={k: v for k, v in values.items() if k.split(".")[0] in ids},
            errors=errors,
            error_for={e.key: e for e in errors},
            position=shown.index(index) + 1 if index in shown else 1,
            total=len(counted_pages(survey, answers, index)),
            back=f"/s/{slug}/check" if from_check else _back_link(slug, survey, answers, index, shown),
            from_check=from_check,
            prefer_not=PREFER_NOT,
            switch_form="answers",
        )

    @get("/s/{slug:str}/p/{number:int}", sync_to_thread=False, cache_control=KEPT_BY_NOBODY)
    def page(self, request: Request, db: Db, slug: FromPath[str], number: FromPath[int]) -> Response[Any]:
        _current(request, slug)
        draft, published = self._draft(request, db, slug)
        survey = published.survey
        index = _page_index(survey, number)
        if index not in visible_pages(survey, draft.answers):
            after = _page_number_after(survey, draft.answers, index)
            return Redirect(f"/s/{slug}/p/{after}" if after else f"/s/{slug}/check", status_code=303)
        return self._render_page(
            request,
            slug,
            published,
            index,
            draft.answers,
            draft.answers,
            [],
            from_check=request.query_params.get("from") == "check",
        )

    @post("/s/{slug:str}/p/{number:int}", status_code=303)
    async def save_page(
        self, request: Request, db: Db, slug: FromPath[str], number: FromPath[int], data: FormData
    ) -> Response[Any]:
        draft, published = self._draft(request, db, slug)
        survey = published.survey
        index = _page_index(survey, number)
        form = form_lists(data)
        from_check = form.get("from", [""])[0] == "check"
        switch = form.get(SWITCH_LANGUAGE, [""])[0]
        if switch and switch in available_locales():  # the language switcher, pressed on this page
            choose_locale(request, switch)
        answers, errors = check_page(
            _words(request, survey), index, form, draft.answers, locale_of(request, offered(survey))
        )
        if switch:
            return await self._switched(
                request, db, slug, published, index, draft, form, answers, errors, switch, from_check
            )
        if errors:
            return self._render_page(
                request,
                slug,
                published,
                index,
                draft.answers,
                page_values(survey, index, form),
                errors,
                from_check,
                status=422,
            )
        await anyio.to_thread.run_sync(drafts.save, db, request.cookies[DRAFT_COOKIE], answers)
        after = _page_number_after(survey, answers, index)
        target = f"/s/{slug}/check" if from_check or after is None else f"/s/{slug}/p/{after}"
        return Redirect(target, status_code=303)

    async def _switched(
        self,
        request: Request,
        db: Db,
        slug: str,
        published: Published,
        index: int,
        draft: drafts.Draft,
        form: dict[str, list[str]],
        answers: dict[str, Any],
        errors: list[FieldError],
        switch: str,
        from_check: bool,
    ) -> Response[Any]:
        """The same page in the language just picked, with what was typed kept: saved when it passes the
        page's checks (then the page is shown again, post/redirect/get), else shown as typed with no
        error yet (changing language is not pressing Continue)."""
        cookie = _session_cookie(request, LANGUAGE_COOKIE, switch)
        if switch not in available_locales():
            raise NotFoundException()
        if not errors:
            await anyio.to_thread.run_sync(drafts.save, db, request.cookies[DRAFT_COOKIE], answers)
            here = f"/s/{slug}/p/{index + 1}" + ("?from=check" if from_check else "")
            return Redirect(here, status_code=303, cookies=[cookie])
        response = self._render_page(
            request, slug, published, index, draft.answers, page_values(published.survey, index, form), [], from_check
        )
        response.cookies.append(cookie)
        return response

    def _render_check(
        self,
        request: Request,
        slug: str,
        published: Published,
        draft: drafts.Draft,
        errors: list[FieldError],
        status: int = 200,
    ) -> Response[Any]:
        survey = published.survey
        words = _words(request, survey)
        sections = [
            (i + 1, words.pages[i], [q for q in visible_questions(words.pages[i], draft.answers) if q.answerable])
            for i in visible_pages(survey, draft.answers)
        ]
        return _survey_page(
            request,
            "public/check.html",
            survey,
            status,
            words=words,
            slug=slug,
            sections=sections,
            answers=draft.answers,
            errors=errors,
            prefer_not=PREFER_NOT,
            submission_key=draft.submission_key,
            back=_back_link(slug, survey, draft.answers, None),
        )

    @get("/s/{slug:str}/check", sync_to_thread=False, cache_control=KEPT_BY_NOBODY)
    def check(self, request: Request, db: Db, slug: FromPath[str]) -> Response[Any]:
        draft, published = self._draft(request, db, slug)
        return self._render_check(request, slug, published, draft, [])

    @post("/s/{slug:str}/check", status_code=303)
    async def submit(self, request: Request, db: Db, slug: FromPath[str], data: FormData) -> Response[Any]:
        form = form_lists(data)
        key = form.get("submission_key", [""])[0]
        # A second press of "Send" after the first one worked: the first one's receipt again, only to the
        # browser it was given to (it holds that receipt's signed cookie); anyone else posting the key
        # learns nothing from it.
        receipt = receipt_for_key(db, slug, key) if key else None
        if receipt is not None and (mine := _receipt_from(request, slug)) is not None and mine[0] == receipt:
            return _to_thanks(request, slug, receipt, mine[1])
        draft, published = self._draft(request, db, slug)
        current = catalogue_of(request).current(slug)  # closing a survey closes every version of it
        if current is None or not current.survey.is_open(_today()):
            return _survey_page(request, "public/closed.html", published.survey, 409, slug=slug)
        if form.get(HONEYPOT, [""])[0]:
            return self._render_check(
                request,
                slug,
                published,
                draft,
                [FieldError(HONEYPOT, HONEYPOT, _honeypot_message(request, published.survey))],
                422,
            )
        try:
            # Only the write goes to a thread (it waits for the transaction); the reads above are quick.
            recorded = await anyio.to_thread.run_sync(
                partial(
                    record,
                    db,
                    published,
                    draft.answers,
                    "web",
                    msgspec.structs.replace(
                        record_options(request, reader_of(request), offered(published.survey)),
                        submission_key=draft.submission_key,
                        read_now=False,
                        draft=drafts.token_hash(request.cookies.get(DRAFT_COOKIE)),
                    ),
                )
            )
        except InvalidAnswersError as exc:
            return self._render_check(request, slug, published, draft, exc.errors, 422)
        response = _to_thanks(request, slug, recorded.receipt, _asked_for_contact(published.survey, draft.answers))
        response.background = None if recorded.duplicate else read_after(reader_of(request), recorded)
        return _forget_draft(request, response, slug)

    @get("/s/{slug:str}/thanks", sync_to_thread=False, cache_control=KEPT_BY_NOBODY)
    def thanks(self, request: Request, db: Db, slug: FromPath[str]) -> Response[Any]:
        """The receipt code, from a short-lived cookie set by sending the answers: never in an address,
        so it is not in the phone's history, and the page cannot be opened again later from it."""
        published = _current(request, slug)
        mine = _receipt_from(request, slug)
        if mine is None or not receipt_exists(db, slug, mine[0]):
            return _survey_page(request, "public/thanks.html", published.survey, slug=slug, receipt=None)
        return _survey_page(
            request, "public/thanks.html", published.survey, slug=slug, receipt=mine[0], asked_for_contact=mine[1]
        )

    @get("/s/{slug:str}/exit", sync_to_thread=True)
    def exit_page(self, request: Request, db: Db, slug: FromPath[str]) -> Redirect:
        """ "Exit this page": delete the unfinished answers and forget every receipt code shown, then leave for an
        everyday website."""
        _current(request, slug)  # a survey there is: its name goes into the cookie's path
        drafts.delete(db, request.cookies.get(DRAFT_COOKIE))
        response = Redirect(EXIT_TO, status_code=303)
        return _forget_receipts(request, _forget_draft(request, response, slug))

    @post("/s/{slug:str}/clear", sync_to_thread=True, status_code=303)
    def clear(self, request: Request, db: Db, slug: FromPath[str]) -> Redirect:
        _current(request, slug)  # a survey there is: its name goes into the cookie's path
        drafts.delete(db, request.cookies.get(DRAFT_COOKIE))
        response = Redirect(f"/s/{slug}?notice=cleared", status_code=303)
        return _forget_draft(request, response, slug)
