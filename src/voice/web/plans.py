"""Staff pages for closing the loop: the year's priorities, the actions ("we did"), the results and
the "you said, we did" report (preview, download in every format, publish). Guarded with the rest of
/staff (app.staff_routers)."""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException, ServiceUnavailableException
from litestar.params import FromQuery
from litestar.response import Redirect, Response, Template

from voice.common.dates import DateError, local_today, parse_day
from voice.common.i18n import N_
from voice.common.settings import Settings
from voice.curation.quotes import quotes as all_quotes
from voice.reading.themes import Taxonomy
from voice.reporting import exports, formats, outputs
from voice.reporting import priorities as plan
from voice.reporting.partnership import partnership_for
from voice.store.audit import record_event
from voice.store.catalogue import Catalogue
from voice.store.db import write_lock
from voice.surveys.forms import FieldError
from voice.web.downloads import download_headers
from voice.web.guard import EDITORS
from voice.web.pages import (
    AppCatalogue,
    AppSettings,
    AppTaxonomy,
    Db,
    FormData,
    RowId,
    form_lists,
    form_row_id,
    locale_of,
    render,
    staff_of,
    t,
)
from voice.web.words import survey_titles, topic_names

log = logging.getLogger("voice.reports")
ACTION_FIELDS = ("title", "what_we_did", "agency", "status", "started_on", "finished_on", "what_changed", "next_steps")
ACTION_LISTS = ("priorities", "topics", "quotes", "surveys")
# Where each field of an action or priority is on the form, for the error summary's links.
FIELD_ERRORS = {
    "title": N_("Enter what the action is called, in 300 characters or fewer."),
    "what_we_did": N_("Say what was done, in 4000 characters or fewer."),
    "agency": N_("Enter the partner agency that led it, in 300 characters or fewer."),
    "status": N_("Select whether it is planned, in progress or done."),
    "started_on": N_("Enter the date it started as a real date, like 1/4/2021."),
    "finished_on": N_("Enter the date it finished as a real date, like 31/3/2022."),
    "what_changed": N_("Say what changed in 4000 characters or fewer."),
    "next_steps": N_("Say what happens next in 4000 characters or fewer."),
}


def _this_year() -> str:
    return plan.year_of(local_today())


def _year(value: str | None, db: Db) -> str:
    """The year asked for, or the newest year with priorities, or this business year."""
    if value:
        try:
            return plan.check_year(value)
        except ValueError:
            raise NotFoundException() from None
    return next(iter(plan.years(db)), _this_year())


def _years(db: Db, chosen: str) -> list[str]:
    """The years to choose from: those with priorities or actions, this one and the one shown."""
    return sorted({*plan.years(db), _this_year(), chosen}, reverse=True)


def _action_in(form: dict[str, list[str]]) -> tuple[dict[str, Any], plan.ActionIn | None, list[FieldError]]:
    """The form's values (to show again), and the action they make or what is wrong with them."""
    raw: dict[str, Any] = {f: form.get(f, [""])[0].strip() for f in ACTION_FIELDS}
    day_errors = []
    for f in ("started_on", "finished_on"):
        try:  # "1/9/2022" or "2022-09-01"; "2022-09-31" is refused, never saved as no date
            raw[f] = parse_day(raw[f]).isoformat() if raw[f] else None
        except DateError:
            day_errors.append(FieldError(f, f, FIELD_ERRORS[f]))
    for f in ACTION_LISTS:
        raw[f] = [v for v in form.get(f, []) if v]
    raw["quotes"] = [q for q in map(form_row_id, raw["quotes"]) if q is not None]
    errors = [FieldError(f, f, FIELD_ERRORS[f]) for f in ("title", "what_we_did", "agency", "status") if not raw[f]]
    errors += day_errors
    if errors:
        return raw, None, errors
    try:
        return raw, msgspec.convert(raw, plan.ActionIn), []
    except msgspec.ValidationError as exc:
        field = str(exc).rsplit("$.", 1)[-1].split("`")[0].split("[")[0]
        return raw, None, [FieldError(field, field, FIELD_ERRORS.get(field, N_("Check this answer.")))]


class PlansController(Controller):
    path = "/"
    include_in_schema = False

    # --- priorities ----------------------------------------------------------------------------
    def _priorities_page(
        self,
        request: Request,
        db: Db,
        taxonomy: Taxonomy,
        year: str,
        errors: list[FieldError] | None = None,
        values: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Template:
        return render(
            request,
            "staff/priorities.html",
            status=status,
            staff=staff_of(request),
            year=year,
            years=_years(db, year),
            archived=plan.priorities(db, year, archived=True),
            items=plan.priorities(db, year),
            taxonomy=taxonomy,
            topic_names=topic_names(request, taxonomy),
            can_edit=staff_of(request).role in EDITORS,
            errors=[self._t(request, e) for e in errors or []],
            values=values or {},
        )

    @staticmethod
    def _t(request: Request, error: FieldError) -> FieldError:
        return FieldError(error.key, error.anchor, t(request, error.message))

    @get("/priorities", sync_to_thread=True)
    def priority_list(
        self, request: Request, db: Db, taxonomy: AppTaxonomy, year: FromQuery[str | None] = None
    ) -> Template:
        return self._priorities_page(request, db, taxonomy, _year(year, db))

    @post("/priorities", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def priority_save(self, request: Request, db: Db, taxonomy: AppTaxonomy, data: FormData) -> Redirect | Template:
        form = form_lists(data)
        year = _year(form.get("year", [""])[0], db)
        raw_id = form.get("priority_id", [""])[0]
        key, name, outcomes = form.get("key", [""])[0].strip(), form.get("name", [""])[0], form.get("outcomes", [""])[0]
        topics = form.get("topics", [])
        values = {"key": key, "name": name, "outcomes": outcomes, "topics": topics, "priority_id": raw_id}
        try:
            plan.save_priority(
                db,
                year,
                key,
                name,
                outcomes.splitlines(),
                topics,
                taxonomy,
                staff_of(request).email,
                form_row_id(raw_id),
            )
        except plan.PlanError as exc:
            error = FieldError("key", "key", t(request, exc.message, **exc.params))
            return self._priorities_page(request, db, taxonomy, year, [error], values, status=422)
        except plan.UnknownPriorityError:
            raise NotFoundException() from None
        return Redirect(f"/staff/priorities?year={plan.year_slug(year)}&done=saved", status_code=303)

    # --- actions -------------------------------------------------------------------------------
    def _action_form(
        self,
        request: Request,
        db: Db,
        catalogue: Catalogue,
        taxonomy: Taxonomy,
        year: str,
        action: dict[str, Any],
        action_id: int | None,
        errors: list[FieldError] | None = None,
        status: int = 200,
    ) -> Template:
        return render(
            request,
            "staff/action_form.html",
            status=status,
            staff=staff_of(request),
            year=year,
            action=action,
            action_id=action_id,
            priorities=plan.priorities(db, year),
            taxonomy=taxonomy,
            topic_names=topic_names(request, taxonomy),
            statuses=plan.STATUS_NAMES,
            quotes=[q for q in all_quotes(db) if q.status in ("approved", "published")],
            surveys=list(survey_titles(request, catalogue).items()),
            errors=[self._t(request, e) for e in errors or []],
        )

    @get("/actions", sync_to_thread=True)
    def action_list(self, request: Request, db: Db, year: FromQuery[str | None] = None) -> Template:
        chosen = _year(year, db)
        return render(
            request,
            "staff/actions.html",
            staff=staff_of(request),
            year=chosen,
            years=_years(db, chosen),
            items=plan.actions(db, chosen),
            archived=plan.actions(db, chosen, archived=True),
            names={p.key: p.name for p in plan.priorities(db, chosen)},
            statuses=plan.STATUS_NAMES,
            can_edit=staff_of(request).role in EDITORS,
        )

    @get("/actions/new", sync_to_thread=True, opt={"roles": EDITORS})
    def action_new(
        self,
        request: Request,
        db: Db,
        taxonomy: AppTaxonomy,
        catalogue: AppCatalogue,
        year: FromQuery[str | None] = None,
    ) -> Template:
        return self._action_form(request, db, catalogue, taxonomy, _year(year, db), {"status": "planned"}, None)

    @get("/actions/{action_id:int}", sync_to_thread=True, opt={"roles": EDITORS})
    def action_edit(
        self, request: Request, db: Db, taxonomy: AppTaxonomy, catalogue: AppCatalogue, action_id: RowId
    ) -> Template:
        found = plan.action(db, action_id)
        if found is None:
            raise NotFoundException()
        return self._action_form(request, db, catalogue, taxonomy, found.year, msgspec.structs.asdict(found), action_id)

    @post("/actions", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def action_save(
        self, request: Request, db: Db, taxonomy: AppTaxonomy, catalogue: AppCatalogue, data: FormData
    ) -> Redirect | Template:
        form = form_lists(data)
        year = _year(form.get("year", [""])[0], db)
        raw_id = form.get("action_id", [""])[0]
        action_id = form_row_id(raw_id)
        if action_id is not None and plan.action(db, action_id) is None:
            raise NotFoundException()
        given, action, errors = _action_in(form)
        if action is not None:
            try:
                action_id = plan.save_action(db, year, action, staff_of(request).email, action_id)
            except plan.PlanError as exc:
                errors = [FieldError("title", "title", t(request, exc.message, **exc.params))]
        if errors:
            return self._action_form(request, db, catalogue, taxonomy, year, given, action_id, errors, status=422)
        return Redirect(f"/staff/actions?year={plan.year_slug(year)}&done=saved#action-{action_id}", status_code=303)

    # --- archiving ---------------------------------------------------------------------------------
    @post("/actions/{row_id:int}/archive", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def action_archive(self, request: Request, db: Db, row_id: RowId, data: FormData) -> Redirect:
        """Archive an action (or restore it): out of the lists and new reports, kept."""
        return self._archive(request, db, "actions", row_id, bool(data.get("restore")))

    @post("/priorities/{row_id:int}/archive", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def priority_archive(self, request: Request, db: Db, row_id: RowId, data: FormData) -> Redirect:
        """Archive a priority (or restore it): out of the lists and new reports, kept."""
        return self._archive(request, db, "priorities", row_id, bool(data.get("restore")))

    @staticmethod
    def _archive(request: Request, db: Db, table: str, row_id: int, restore: bool) -> Redirect:
        found = db.execute(f"SELECT year FROM {table} WHERE id = ?", [row_id]).fetchone()  # noqa: S608 - two names
        if found is None:
            raise NotFoundException()
        plan.archive(
            db, "action" if table == "actions" else "priority", row_id, staff_of(request).email, restore=restore
        )
        done = "restored" if restore else "archived"
        return Redirect(f"/staff/{table}?year={plan.year_slug(found[0])}&done={done}", status_code=303)

    # --- the report ----------------------------------------------------------------------------
    def _report(
        self, request: Request, db: Db, settings: Settings, taxonomy: Taxonomy, year: str, survey: str | None
    ) -> outputs.Report:
        return outputs.check_published(
            db,
            outputs.build_report(
                db,
                year,
                taxonomy,
                survey=survey or None,
                threshold=settings.min_group_size,
                partnership=partnership_for(settings),
            ),
        )

    @get("/reports", sync_to_thread=True)
    def report_page(
        self,
        request: Request,
        db: Db,
        taxonomy: AppTaxonomy,
        settings: AppSettings,
        year: FromQuery[str | None] = None,
        survey: FromQuery[str | None] = None,
    ) -> Template:
        chosen = _year(year, db)
        # As the public page and the files show it in this language: English passages marked as English.
        report = outputs.in_language(self._report(request, db, settings, taxonomy, chosen, survey), locale_of(request))
        return render(
            request,
            "staff/report.html",
            staff=staff_of(request),
            year=chosen,
            report=report,
            years=_years(db, chosen),
            chosen_survey=survey or "",
            formats=formats.FORMATS,
            publication=outputs.publication(db, chosen),
            can_edit=staff_of(request).role in EDITORS,
        )

    @get("/reports/download", sync_to_thread=True)
    def report_download(
        self,
        request: Request,
        db: Db,
        taxonomy: AppTaxonomy,
        settings: AppSettings,
        year: FromQuery[str],
        fmt: FromQuery[str] = "html",
        survey: FromQuery[str | None] = None,
    ) -> Response[bytes]:
        if fmt not in formats.FORMATS:
            raise NotFoundException()
        report = self._report(request, db, settings, taxonomy, _year(year, db), survey)
        css = exports.report_css(settings.static_dir)
        try:
            name, media_type, body = formats.download(report, fmt, locale_of(request), css)
        except exports.ExportError as exc:
            log.error("export failed: %s", exc)
            raise ServiceUnavailableException() from None
        with write_lock:
            record_event(
                db, staff_of(request).email, "report exported", f"year:{report.year}", f"{fmt} {survey or ''}".strip()
            )
        return Response(body, media_type=media_type, headers=download_headers(name))

    @get("/reports/publish", sync_to_thread=True, opt={"roles": EDITORS})
    def report_publish_check(
        self, request: Request, db: Db, year: FromQuery[str | None] = None, withdraw: FromQuery[str | None] = None
    ) -> Template:
        """Before publishing or withdrawing a year: what will change on the public page, and a button to do it."""
        chosen = _year(year, db)
        return render(
            request,
            "staff/publish_check.html",
            staff=staff_of(request),
            year=chosen,
            slug=plan.year_slug(chosen),
            withdraw=bool(withdraw),
            published=outputs.publication(db, chosen) is not None,
        )

    @post("/reports/publish", sync_to_thread=True, status_code=303, opt={"roles": EDITORS})
    def report_publish(
        self, request: Request, db: Db, taxonomy: AppTaxonomy, settings: AppSettings, data: FormData
    ) -> Redirect:
        year = _year(str(data.get("year", "")), db)
        if data.get("withdraw"):
            outputs.withdraw(db, year, staff_of(request).email)
        else:
            outputs.publish(
                db,
                year,
                taxonomy,
                staff_of(request).email,
                settings.min_group_size,
                partnership_for(settings),
            )
        return Redirect(f"/staff/reports?year={plan.year_slug(year)}", status_code=303)
