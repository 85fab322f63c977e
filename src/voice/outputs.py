""""You said, we did": one report, built once from the database, that every output format renders.

A report covers a business year, or one consultation in it: what young people said (numbers with small
groups hidden, the topics of their own words, approved quotes only), what the partnership did about it
(actions under each priority), what changed, and what happens next. Exports and web pages read only this
structure, so a hidden number or an unapproved quote cannot reach one format and not another.
"""

from __future__ import annotations

import datetime as dt

import msgspec
from sqlite_utils import Database

from voice import priorities as plan
from voice.catalogue import Published, version
from voice.curation import quote_blockers
from voice.results import (
    HIDDEN,
    SHOWN,
    SMALL,
    Count,
    SurveyResults,
    TopicResult,
    survey_results,
    topic_rows_by_survey,
    topic_totals,
)
from voice.themes import Taxonomy

QUOTES_PER_PRIORITY = 4
SECTION_TITLE = "How feedback from children and families has informed our work and influenced service provision"


class QuoteOut(msgspec.Struct, frozen=True):
    id: int
    text: str
    attribution: str
    survey: str
    topics: list[str]
    priorities: list[str]
    summary: bool = False
    """The partnership's summary of what was said: never in quotation marks."""


class ActionOut(plan.ActionCore, frozen=True, kw_only=True):
    quotes: list[QuoteOut]              # the approved quotes that prompted it, in full


class PrioritySection(msgspec.Struct, frozen=True):
    key: str
    name: str
    outcomes: list[str]
    topics: list[TopicResult]       # what young people said that feeds this priority
    quotes: list[QuoteOut]
    actions: list[ActionOut]        # done or under way: "we did"
    planned: list[ActionOut]        # "we plan to"


class Report(msgspec.Struct, frozen=True):
    year: str
    survey: str | None
    title: str
    starts: str
    ends: str
    generated_on: str
    threshold: int
    responses: Count
    consultations: list[SurveyResults]
    topics: list[TopicResult]
    priorities: list[PrioritySection]
    other_actions: list[ActionOut]  # actions not under one of the year's priorities
    quotes: list[QuoteOut]

    @property
    def empty(self) -> bool:
        """Nobody answered in the period (there may still be actions to report)."""
        return not self.consultations

    @property
    def any_hidden(self) -> bool:
        return (any(c.any_hidden for c in self.consultations) or not self.responses.shown
                or any(t.count.state != SHOWN for t in self.topics))


def _latest(db: Database, slug: str) -> Published | None:
    row = db.execute("SELECT coalesce((SELECT version_id FROM surveys WHERE slug = ?), "
                     "(SELECT max(id) FROM survey_versions WHERE slug = ?))", [slug, slug]).fetchone()
    return version(db, row[0]) if row and row[0] else None


def _quotes(db: Database, slugs: list[str], since: dt.date, until: dt.date) -> list[QuoteOut]:
    """Approved (or published) quotes from the period, unless something now holds one back."""
    if not slugs:
        return []
    marks = ", ".join("?" for _ in slugs)
    rows = db.execute(
        "SELECT q.id, q.answer_id, q.text, q.attribution, r.survey_slug, q.topics, q.priorities, q.summary "  # noqa: S608 - placeholders only
        "FROM quotes q "
        "JOIN answers a ON a.id = q.answer_id JOIN responses r ON r.id = a.response_id "
        f"WHERE q.status IN ('approved', 'published') AND r.survey_slug IN ({marks}) "
        "AND r.submitted_on BETWEEN ? AND ? ORDER BY q.id", [*slugs, since.isoformat(), until.isoformat()]).fetchall()
    return [QuoteOut(row[0], row[2], row[3], row[4], msgspec.json.decode(row[5]), msgspec.json.decode(row[6]),
                     bool(row[7])) for row in rows if not quote_blockers(db, row[1])]


def _action_out(a: plan.Action, quotes: dict[int, QuoteOut]) -> ActionOut:
    core = {f: getattr(a, f) for f in plan.ActionCore.__struct_fields__}
    return ActionOut(**core, quotes=[quotes[q] for q in a.quotes if q in quotes])


def build_report(db: Database, year: str, taxonomy: Taxonomy, *, survey: str | None = None,
                 threshold: int = 5, today: dt.date | None = None,
                 counted: dict[str, SurveyResults] | None = None) -> Report:
    """The year's (or one consultation's) "you said, we did", from what is stored now. `counted`: survey
    results already worked out for this year and threshold (publishing reuses the year's)."""
    year = plan.check_year(year)
    since, until = plan.year_span(year)
    if survey:
        slugs = [survey]
    else:
        slugs = [row[0] for row in db.execute(
            "SELECT DISTINCT survey_slug FROM responses WHERE submitted_on BETWEEN ? AND ? ORDER BY survey_slug",
            [since.isoformat(), until.isoformat()])]
    consultations = []
    themed = topic_rows_by_survey(db, slugs, since, until)
    for slug in slugs:
        if counted and slug in counted:
            consultations.append(counted[slug])
        elif (published := _latest(db, slug)) is not None:
            consultations.append(survey_results(db, published, taxonomy, threshold, since, until, themed.get(slug, [])))
    topics = topic_totals([row for slug in slugs for row in themed.get(slug, [])], taxonomy, threshold)
    quotes = _quotes(db, slugs, since, until)
    by_id = {q.id: q for q in quotes}
    year_actions = [a for a in plan.actions(db, year)
                    if survey is None or survey in a.surveys or any(q in by_id for q in a.quotes)]
    sections, placed = [], set()
    for p in plan.priorities(db, year):
        mine = [a for a in year_actions if p.key in a.priorities]
        placed |= {a.id for a in mine}
        feeding = set(p.topics)
        sections.append(PrioritySection(
            key=p.key, name=p.name, outcomes=p.outcomes,
            topics=[t for t in topics if t.id in feeding],
            quotes=_quotes_for(p.key, feeding, mine, quotes),
            actions=[_action_out(a, by_id) for a in mine if a.status != "planned"],
            planned=[_action_out(a, by_id) for a in mine if a.status == "planned"]))
    title = next((c.title for c in consultations), survey or "") if survey else year
    return Report(
        year=year, survey=survey, title=title, starts=since.isoformat(), ends=until.isoformat(),
        generated_on=(today or dt.datetime.now(dt.UTC).date()).isoformat(), threshold=threshold,
        responses=_responses(consultations, threshold), consultations=consultations, topics=topics,
        priorities=sections, other_actions=[_action_out(a, by_id) for a in year_actions if a.id not in placed],
        quotes=quotes)


def _quotes_for(key: str, feeding: set[str], actions: list[plan.Action], quotes: list[QuoteOut]) -> list[QuoteOut]:
    """A few quotes for a priority: those its actions cite first, then those about its topics."""
    cited = {q for a in actions for q in a.quotes}
    ranked = sorted((q for q in quotes if q.id in cited or key in q.priorities or feeding & set(q.topics)),
                    key=lambda q: (q.id not in cited, key not in q.priorities, q.id))
    return ranked[:QUOTES_PER_PRIORITY]


def _responses(consultations: list[SurveyResults], threshold: int) -> Count:
    """How many responses in all: shown only when every survey's own count is shown (otherwise a
    hidden count could be worked out from the total)."""
    if not all(c.responses.shown for c in consultations):
        return Count(HIDDEN)
    total = sum(c.responses.n or 0 for c in consultations)
    return Count(SHOWN, total) if total >= threshold else Count(SMALL)


# --- publishing: the public pages show a report as it was when a person published it ---------------
def publish(db: Database, year: str, taxonomy: Taxonomy, by: str, threshold: int = 5) -> int:
    """Publish the year's report and one for each consultation in it; returns how many."""
    from voice.audit import record_event
    from voice.db import write_lock

    year = plan.check_year(year)
    whole = build_report(db, year, taxonomy, threshold=threshold)
    counted = {c.slug: c for c in whole.consultations}
    reports = [whole] + [build_report(db, year, taxonomy, survey=c.slug, threshold=threshold, counted=counted)
                         for c in whole.consultations]
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with write_lock, db.atomic():
        db.execute("DELETE FROM published_reports WHERE year = ?", [year])
        for report in reports:
            db.execute("INSERT INTO published_reports (year, survey, report, published_by, published_at) "
                       "VALUES (?, ?, ?, ?, ?)", [year, report.survey or "", msgspec.json.encode(report).decode(), by, now])
        record_event(db, by, "report published", f"year:{year}", f"{len(reports)} pages")
    return len(reports)


def withdraw(db: Database, year: str, by: str) -> None:
    from voice.audit import record_event
    from voice.db import write_lock

    with write_lock, db.atomic():
        db.execute("DELETE FROM published_reports WHERE year = ?", [plan.check_year(year)])
        record_event(db, by, "report withdrawn", f"year:{year}")


class ToldBefore(msgspec.Struct, frozen=True):
    """What a survey's young people told us in an earlier, published year, and what was done about it."""

    year: str
    topics: list[str]
    """The priorities their words fed (names)."""
    done: list[str]
    """Actions done about it (titles), at most two."""


def told_before(db: Database, slug: str, before_year: str) -> ToldBefore | None:
    """From the newest report published for a year before `before_year`: the priorities this survey's
    answers fed, and what was done, so its start page can say so instead of asking again from nothing."""
    for year, in db.execute("SELECT year FROM published_reports WHERE survey = '' AND year < ? ORDER BY year DESC",
                            [before_year]).fetchall():
        report = published(db, year)
        if report is None:
            continue
        fed = [p for p in report.priorities if any(q.survey == slug for q in p.quotes)
               or any(slug in a.surveys for a in p.actions)]
        done = [a.title for p in fed for a in p.actions if a.status == "done"]
        if fed and done:
            return ToldBefore(year, [p.name for p in fed][:3], done[:2])
    return None


def published(db: Database, year: str, survey: str | None = None) -> Report | None:
    row = db.execute("SELECT report FROM published_reports WHERE year = ? AND survey = ?",
                     [year, survey or ""]).fetchone()
    return msgspec.json.decode(row[0], type=Report) if row else None


class Publication(msgspec.Struct, frozen=True):
    year: str
    published_by: str
    published_at: str


def publications(db: Database) -> list[Publication]:
    """The published years, newest first."""
    return [Publication(*row) for row in db.execute(
        "SELECT year, published_by, published_at FROM published_reports WHERE survey = '' ORDER BY year DESC")]
