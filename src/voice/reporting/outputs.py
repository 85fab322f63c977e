""" "You said, we did": one report, built once from the database, that every output format renders.

A report covers a business year, or one consultation in it: what young people said (numbers with small
groups hidden, the topics of their own words, approved quotes only), what the partnership did about it
(actions under each priority), what changed, and what happens next. Exports and web pages read only this
structure, so a hidden number or an unapproved quote cannot reach one format and not another.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import msgspec
from sqlite_utils import Database

from voice.common.dates import local_today
from voice.common.i18n import (
    day,
    month_year,
    number,
    survey_text,
    translate,
    translate_plural,
    words_list,
)
from voice.curation.quotes import quote_blockers
from voice.reading.themes import Taxonomy
from voice.reporting import priorities as plan
from voice.reporting.partnership import Partnership, default_partnership
from voice.reporting.results import (
    HIDDEN,
    SHOWN,
    SMALL,
    Count,
    QuestionResult,
    Row,
    SurveyResults,
    TopicResult,
    count_text,
    survey_results,
    topic_rows_by_survey,
    topic_totals,
)
from voice.store.versions import Published, version

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
    quotes: list[QuoteOut]  # the approved quotes that prompted it, in full
    lang: str = "en"  # the language its words are in (see in_language)


class PrioritySection(msgspec.Struct, frozen=True):
    key: str
    name: str
    outcomes: list[str]
    topics: list[TopicResult]  # what young people said that feeds this priority
    quotes: list[QuoteOut]
    actions: list[ActionOut]  # done or under way: "we did"
    planned: list[ActionOut]  # "we plan to"
    carried_from: str | None = None
    """The year before, when this was a priority then too (same id): the report links the two."""
    translations: plan.Translations = {}
    lang: str = "en"


class RowChange(msgspec.Struct, frozen=True):
    """One answer to a question asked in both years. `change` (percentage points) only where both
    years' shares are shown, so that a difference can never give away a number that was held back."""

    value: str
    label: str
    now: Count
    before: Count
    change: int | None = None


class QuestionChange(msgspec.Struct, frozen=True):
    survey: str
    id: str
    label: str
    now: Count  # how many answered it, this year and the year before
    before: Count
    rows: list[RowChange]


class Comparison(msgspec.Struct, frozen=True):
    """This year beside the year before: the same questions of the same surveys, and the topics."""

    year: str  # the year before
    published: bool  # its numbers are those of its published report
    responses: Count
    told: list[str]  # what young people said most about then (topic names), most first
    told_now: list[str]  # and this year
    questions: list[QuestionChange]

    def question(self, survey: str, question_id: str) -> QuestionChange | None:
        return next((q for q in self.questions if q.survey == survey and q.id == question_id), None)


class SurveyDrift(msgspec.Struct, frozen=True):
    """One survey whose number of young people changed since its year was published."""

    title: str
    then: Count
    now: Count


class PublishedCheck(msgspec.Struct, frozen=True):
    """A report made now, beside the version of the same year (or consultation) that is published: what the
    public page says and what this file says should never differ without the file saying so."""

    published_on: str
    responses_then: Count
    responses_now: Count
    surveys: list[SurveyDrift]
    figures_changed: bool
    """Any number (a question's, a topic's) or the small-group threshold differs."""
    changed_figures: list[tuple[str, str]] = []
    """Which: ("question", its words), ("topic", its name) or ("threshold", the threshold then), in the report's
    order."""
    quotes_added: int = 0
    quotes_gone: int = 0
    actions_changed: int = 0
    """Actions added, taken out, or with other words or another status."""
    priorities_changed: int = 0

    @property
    def matches(self) -> bool:
        return not (
            self.figures_changed
            or self.surveys
            or self.responses_then != self.responses_now
            or self.quotes_added
            or self.quotes_gone
            or self.actions_changed
            or self.priorities_changed
        )


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
    previous: Comparison | None = None
    """The year before, where young people answered then too."""
    partnership: Partnership = msgspec.field(default_factory=Partnership)
    """Whose report it is (VOICE_PARTNERSHIP_FILE), with the full report's address for this year."""
    published_on: str | None = None
    """The day a person published it (a stored report), else None."""
    against_published: PublishedCheck | None = None
    """For a file made from a year that is published: whether it says what the published version says."""

    @property
    def dated(self) -> str:
        """The day whose month and year a report gives: when it was published, else when it was made."""
        if self.published_on:
            return self.published_on
        check = self.against_published
        return check.published_on if check is not None and check.matches else self.generated_on

    @property
    def empty(self) -> bool:
        """Nobody answered in the period (there may still be actions to report)."""
        return not self.consultations

    @property
    def any_hidden(self) -> bool:
        return (
            any(c.any_hidden for c in self.consultations)
            or not self.responses.shown
            or any(t.count.state != SHOWN for t in self.topics)
        )


def _latest(db: Database, slug: str) -> Published | None:
    row = db.execute(
        "SELECT coalesce((SELECT version_id FROM surveys WHERE slug = ?), "
        "(SELECT max(id) FROM survey_versions WHERE slug = ?))",
        [slug, slug],
    ).fetchone()
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
        "AND r.submitted_on BETWEEN ? AND ? ORDER BY q.id",
        [*slugs, since.isoformat(), until.isoformat()],
    ).fetchall()
    return [
        QuoteOut(row[0], row[2], row[3], row[4], msgspec.json.decode(row[5]), msgspec.json.decode(row[6]), bool(row[7]))
        for row in rows
        if not quote_blockers(db, row[1])
    ]


def _action_out(a: plan.Action, quotes: dict[int, QuoteOut]) -> ActionOut:
    core = {f: getattr(a, f) for f in plan.ActionCore.__struct_fields__}
    return ActionOut(**core, quotes=[quotes[q] for q in a.quotes if q in quotes])


def build_report(
    db: Database,
    year: str,
    taxonomy: Taxonomy,
    *,
    survey: str | None = None,
    threshold: int = 5,
    today: dt.date | None = None,
    counted: dict[str, SurveyResults] | None = None,
    compare: bool = True,
    partnership: Partnership | None = None,
) -> Report:
    """The year's (or one consultation's) "you said, we did", from what is stored now. `counted`: survey
    results already worked out for this year and threshold (publishing reuses the year's). `compare`:
    put the year before beside it (its published report's numbers, or worked out now if unpublished).
    `partnership`: whose report it is (the demo's neutral one when not given)."""
    year = plan.check_year(year)
    since, until = plan.year_span(year)
    if survey:
        slugs = [survey]
    else:
        slugs = [
            row[0]
            for row in db.execute(
                "SELECT DISTINCT survey_slug FROM responses WHERE submitted_on BETWEEN ? AND ? ORDER BY survey_slug",
                [since.isoformat(), until.isoformat()],
            )
        ]
    consultations = []
    themed = topic_rows_by_survey(db, slugs, since, until)
    for slug in slugs:
        if counted and slug in counted:
            consultations.append(counted[slug])
        elif (latest := _latest(db, slug)) is not None:
            consultations.append(survey_results(db, latest, taxonomy, threshold, since, until, themed.get(slug, [])))
    topics = topic_totals([row for slug in slugs for row in themed.get(slug, [])], taxonomy, threshold)
    quotes = _quotes(db, slugs, since, until)
    by_id = {q.id: q for q in quotes}
    year_actions = [
        a for a in plan.actions(db, year) if survey is None or survey in a.surveys or any(q in by_id for q in a.quotes)
    ]
    sections, placed = [], set()
    before_year = plan.year_before(year)
    carried = {p.key for p in plan.priorities(db, before_year)}
    for p in plan.priorities(db, year):
        mine = [a for a in year_actions if p.key in a.priorities]
        placed |= {a.id for a in mine}
        feeding = set(p.topics)
        sections.append(
            PrioritySection(
                key=p.key,
                name=p.name,
                outcomes=p.outcomes,
                topics=[t for t in topics if t.id in feeding],
                quotes=_quotes_for(p.key, feeding, mine, quotes),
                actions=[_action_out(a, by_id) for a in mine if a.status != "planned"],
                planned=[_action_out(a, by_id) for a in mine if a.status == "planned"],
                carried_from=before_year if p.key in carried else None,
                translations=p.translations,
            )
        )
    title = next((c.title for c in consultations), survey or "") if survey else year
    previous = None
    if compare and consultations:
        before = published(db, before_year, survey)
        is_published = before is not None and before.threshold == threshold
        if not is_published:
            before = build_report(db, before_year, taxonomy, survey=survey, threshold=threshold, compare=False)
        assert before is not None
        previous = compare_years(before, consultations, topics, is_published)
    return Report(
        year=year,
        survey=survey,
        title=title,
        starts=since.isoformat(),
        ends=until.isoformat(),
        generated_on=(today or local_today()).isoformat(),
        threshold=threshold,
        responses=_responses(consultations, threshold),
        consultations=consultations,
        topics=topics,
        priorities=sections,
        other_actions=[_action_out(a, by_id) for a in year_actions if a.id not in placed],
        quotes=quotes,
        previous=previous,
        partnership=(partnership or default_partnership()).for_year(year),
    )


# --- the partnership's words in the reader's language -----------------------------------------------
PRIORITY_WORDS = tuple(f for f in plan.PriorityText.__struct_fields__ if f not in plan.EASY_OF)
ACTION_WORDS = tuple(f for f in plan.ActionText.__struct_fields__ if f not in plan.EASY_OF)


def _item_in(item: Any, fields: tuple[str, ...], lang: str) -> Any:
    """A priority or action wholly in `lang` when its translation covers every field it has words in;
    otherwise wholly in English (never a sentence in one language beside a heading in another)."""
    text = item.translations.get(lang, {})
    if not text or any(getattr(item, f) and f not in text for f in fields):
        return item
    return msgspec.structs.replace(item, lang=lang, **{f: text[f] for f in fields if f in text})


def _survey_in(c: SurveyResults, lang: str) -> SurveyResults:
    words = c.words.get(lang)
    if not words:
        return c

    def w(text: str) -> str:
        return words.get(text, text)

    def rows(items: list[Row]) -> list[Row]:
        return [msgspec.structs.replace(r, label=w(r.label)) for r in items]

    questions = [
        msgspec.structs.replace(
            q,
            label=w(q.label),
            rows=rows(q.rows),
            breakdowns=[msgspec.structs.replace(b, label=w(b.label), columns=rows(b.columns)) for b in q.breakdowns],
        )
        for q in c.questions
    ]
    return msgspec.structs.replace(c, title=w(c.title), questions=questions, lang=lang)


def in_language(report: Report, locale: str) -> Report:
    """The report with the partnership's words (priorities, actions) and the surveys' own words in the
    reader's language where they were given in it, and in English where not. Each item says which (`lang`),
    so that a page can mark English passages for screen readers. Numbers and quotes are unchanged."""
    lang = locale.split("_")[0]
    if lang == "en":
        return report

    def action(a: ActionOut) -> ActionOut:
        return cast(ActionOut, _item_in(a, ACTION_WORDS, lang))

    def topics(items: list[TopicResult]) -> list[TopicResult]:
        return [
            msgspec.structs.replace(t, name=survey_text(locale, t.name), easy_name=survey_text(locale, t.easy_name))
            for t in items
        ]

    consultations = [
        msgspec.structs.replace(_survey_in(c, lang), topics=topics(c.topics)) for c in report.consultations
    ]
    titles = {c.slug: c.title for c in consultations}
    priorities = [
        msgspec.structs.replace(
            _item_in(p, PRIORITY_WORDS, lang),
            actions=[action(a) for a in p.actions],
            planned=[action(a) for a in p.planned],
            topics=topics(p.topics),
        )
        for p in report.priorities
    ]
    title = titles.get(report.survey or "", report.title) if report.survey else report.title
    previous = report.previous
    if previous is not None:
        words = {c.slug: c.words.get(lang, {}) for c in report.consultations}
        previous = msgspec.structs.replace(
            previous,
            told=[survey_text(locale, t) for t in previous.told],
            told_now=[survey_text(locale, t) for t in previous.told_now],
            questions=[
                msgspec.structs.replace(
                    q,
                    label=words[q.survey].get(q.label, q.label),
                    rows=[msgspec.structs.replace(r, label=words[q.survey].get(r.label, r.label)) for r in q.rows],
                )
                for q in previous.questions
            ],
        )
    return msgspec.structs.replace(
        report,
        title=title,
        consultations=consultations,
        priorities=priorities,
        topics=topics(report.topics),
        other_actions=[action(a) for a in report.other_actions],
        previous=previous,
    )


def translated_share(report: Report) -> tuple[int, int]:
    """How many of a report's priorities, actions and surveys are in the reader's language after
    in_language, and how many are still in English."""
    langs = (
        [p.lang for p in report.priorities]
        + [c.lang for c in report.consultations]
        + [a.lang for a in [*(a for p in report.priorities for a in p.actions + p.planned), *report.other_actions]]
    )
    there = sum(lang != "en" for lang in langs)
    return there, len(langs) - there


def told_line(locale: str, report: Report) -> str:
    """ "Last year (2021/22) you told us most about …; this year, about …", or "" with no year before."""
    prev = report.previous
    if prev is None or not prev.told:
        return ""
    before = words_list(locale, list(prev.told))
    if not prev.told_now:
        return translate(
            locale, "Last year (%(year)s) you told us most about %(before)s.", year=prev.year, before=before
        )
    return translate(
        locale,
        "Last year (%(year)s) you told us most about %(before)s; this year, about %(now)s.",
        year=prev.year,
        before=before,
        now=words_list(locale, list(prev.told_now)),
    )


def attributed(q: QuoteOut) -> str:
    """Who said it, as every output writes it under a quote: "– YPAG member, 15" ("(YPAG)" as written)."""
    who = q.attribution.strip()
    return who if who.startswith(("(", "–", "-", "—")) else f"– {who}"


class InTen(msgspec.Struct, frozen=True):
    """A question's most common answer as people in a row of ten, to the nearest person (a half down, so that the
    picture never says more by half a person): 29% is "about 3 in 10", 45% "about 4 in 10". Rounded down, 29% read
    as "about 2 in 10" to a new reader, who expected 3."""

    tens: int
    exact: bool
    """True when it is exactly so many in ten (40%); otherwise the words say "about"."""
    label: str
    base: int
    """How many young people answered the question: what the ten stand for."""


def in_ten(question: QuestionResult) -> InTen | None:
    """The most common answer in tens, from the counts themselves (not the rounded percentage), or None when
    a count is not shown or it is under one in ten."""
    base = question.answered.n if question.answered.shown else None
    rows = [r for r in question.rows if r.count.shown and r.count.n is not None and r.count.percent is not None]
    if not base or not rows:
        return None
    top = max(rows, key=lambda r: r.count.n or 0)
    n = top.count.n or 0
    tens = min(10, (20 * n + base - 1) // (2 * base))  # 10n/base to the nearest whole, a half down
    return InTen(tens, 10 * n == tens * base, top.label, base) if tens >= 1 else None


def said_most_first(report: Report) -> tuple[list[PrioritySection], list[PrioritySection]]:
    """The priorities to show: first those young people said most about (answers on their topics that can
    be shown, and quotes), most first; then those without enough answers to show, in the partnership's order."""
    shown = [p for p in report.priorities if p.actions or p.planned or p.quotes]

    def said(p: PrioritySection) -> int:
        return sum(t.count.n or 0 for t in p.topics if t.count.shown) + len(p.quotes)

    spoken = sorted((p for p in shown if said(p)), key=lambda p: -said(p))
    return spoken, [p for p in shown if not said(p)]


def made_line(locale: str, report: Report, *, named: bool = True) -> str:
    """ "Published in March 2024 by …": whose report it is and the month it was published (or made, when it
    is not the published version); without `named`, the month alone ("Published in March 2024.")."""
    who = report.partnership.in_language(locale).name
    when = month_year(locale, report.dated)
    if report.published_on or (report.against_published is not None and report.against_published.matches):
        return (
            translate(locale, "Published in %(month)s by %(name)s.", month=when, name=who)
            if named
            else translate(locale, "Published in %(month)s.", month=when)
        )
    return (
        translate(locale, "Made in %(month)s by %(name)s.", month=when, name=who)
        if named
        else translate(locale, "Made in %(month)s.", month=when)
    )


def address_lines(locale: str, report: Report) -> list[str]:
    """Where the full report is, the partnership's website, and how to get in touch with it."""
    p = report.partnership
    lines = [translate(locale, "The full report: %(address)s", address=p.report_address)] if p.report_address else []
    lines += [translate(locale, "Our website: %(address)s", address=p.website)] if p.website else []
    contact = [c for c in (p.email, p.phone) if c]
    lines += [translate(locale, "Get in touch: %(contact)s", contact=" · ".join(contact))] if contact else []
    return lines


def _most_said(topics: list[TopicResult], most: int = 3) -> list[str]:
    shown = sorted((t for t in topics if t.count.shown), key=lambda t: -(t.count.n or 0))
    return [t.name for t in shown[:most]]


def _change(now: Count, before: Count) -> int | None:
    """Percentage points between two shares, only when both are shown (see RowChange)."""
    if now.percent is None or before.percent is None or not (now.shown and before.shown):
        return None
    return now.percent - before.percent


def compare_years(
    before: Report, consultations: list[SurveyResults], topics: list[TopicResult], published: bool
) -> Comparison | None:
    """This year's results beside the year before's: questions asked in both (same survey, same question
    id and kind), answer by answer. Each year's numbers are protected on their own; a difference is given
    only between two shown shares, so nothing hidden in either year can be worked out from it."""
    if before.empty:
        return None
    then = {c.slug: c for c in before.consultations}
    questions = []
    for c in consultations:
        old = then.get(c.slug)
        if old is None:
            continue
        old_questions = {q.id: q for q in old.questions}
        for q in c.questions:
            was = old_questions.get(q.id)
            if was is None or was.kind != q.kind or not q.rows:
                continue
            old_rows = {r.value: r for r in was.rows}
            rows = [
                RowChange(r.value, r.label, r.count, old_rows[r.value].count, _change(r.count, old_rows[r.value].count))
                for r in q.rows
                if r.value in old_rows
            ]
            if rows and (q.answered.shown or was.answered.shown):
                questions.append(QuestionChange(c.slug, q.id, q.label, q.answered, was.answered, rows))
    return Comparison(
        year=before.year,
        published=published,
        responses=before.responses,
        told=_most_said(before.topics),
        told_now=_most_said(topics),
        questions=questions,
    )


def _quotes_for(key: str, feeding: set[str], actions: list[plan.Action], quotes: list[QuoteOut]) -> list[QuoteOut]:
    """A few quotes for a priority: those its actions cite first, then those about its topics."""
    cited = {q for a in actions for q in a.quotes}
    ranked = sorted(
        (q for q in quotes if q.id in cited or key in q.priorities or feeding & set(q.topics)),
        key=lambda q: (q.id not in cited, key not in q.priorities, q.id),
    )
    return ranked[:QUOTES_PER_PRIORITY]


def _responses(consultations: list[SurveyResults], threshold: int) -> Count:
    """How many responses in all: shown only when every survey's own count is shown (otherwise a
    hidden count could be worked out from the total)."""
    if not all(c.responses.shown for c in consultations):
        return Count(HIDDEN)
    total = sum(c.responses.n or 0 for c in consultations)
    return Count(SHOWN, total) if total >= threshold else Count(SMALL)


# --- publishing: the public pages show a report as it was when a person published it ---------------
def publish(
    db: Database, year: str, taxonomy: Taxonomy, by: str, threshold: int = 5, partnership: Partnership | None = None
) -> int:
    """Publish the year's report and one for each consultation in it; returns how many."""
    from voice.store.audit import record_event
    from voice.store.db import write_lock

    year = plan.check_year(year)
    whole = build_report(db, year, taxonomy, threshold=threshold, partnership=partnership)
    counted = {c.slug: c for c in whole.consultations}
    reports = [whole] + [
        build_report(db, year, taxonomy, survey=c.slug, threshold=threshold, counted=counted, partnership=partnership)
        for c in whole.consultations
    ]
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    reports = [msgspec.structs.replace(r, published_on=now[:10]) for r in reports]
    with write_lock, db.atomic():
        db.execute("DELETE FROM published_reports WHERE year = ?", [year])
        for report in reports:
            db.execute(
                "INSERT INTO published_reports (year, survey, report, published_by, published_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [year, report.survey or "", msgspec.json.encode(report).decode(), by, now],
            )
        record_event(db, by, "report published", f"year:{year}", f"{len(reports)} pages")
    return len(reports)


def withdraw(db: Database, year: str, by: str) -> None:
    from voice.store.audit import record_event
    from voice.store.db import write_lock

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
    topic_langs: list[str] = []
    """The language each priority's name is in (English where the partnership gave none in the reader's)."""
    done_langs: list[str] = []
    """...and each action's title."""


def easy_words(item: PrioritySection | ActionOut, locale: str) -> str:
    """A priority's name or an action's title in easy read, in the reader's language where the partnership
    gave one (else in English easy read), else as it is."""
    field, plain = ("easy_name", item.name) if isinstance(item, PrioritySection) else ("easy_title", item.title)
    lang = locale.split("_")[0]
    return str(
        item.translations.get(lang, {}).get(field)
        or (item.translations.get("en", {}).get(field) if item.lang == "en" else None)
        or plain
    )


def told_before(
    db: Database, slug: str, before_year: str, locale: str = "en", *, easy: bool = False
) -> ToldBefore | None:
    """From the newest report published for a year before `before_year` in which something this survey's
    answers prompted was done: the priorities its answers fed, and what was done about them (the actions
    linked to this survey), so its start page can say so instead of asking again from nothing. In the
    reader's language where the partnership gave its words in it; with `easy`, in easy read where it gave those."""
    for (year,) in db.execute(
        "SELECT year FROM published_reports WHERE survey = '' AND year < ? ORDER BY year DESC", [before_year]
    ).fetchall():
        report = published(db, year)
        if report is None:
            continue
        report = in_language(report, locale)
        mine = [
            [a for a in p.actions if slug in a.surveys or any(q.survey == slug for q in a.quotes)]
            for p in report.priorities
        ]
        fed = [
            p
            for p, acts in zip(report.priorities, mine, strict=True)
            if acts or any(q.survey == slug for q in p.quotes)
        ]
        done = [a for acts in mine for a in acts if a.status == "done"][:2]
        if fed and done:

            def said(item: PrioritySection | ActionOut, plain: str) -> str:
                return easy_words(item, locale) if easy else plain

            return ToldBefore(
                year,
                [said(p, p.name) for p in fed][:3],
                [said(a, a.title) for a in done],
                topic_langs=[p.lang for p in fed][:3],
                done_langs=[a.lang for a in done],
            )
    return None


def _actions_of(report: Report) -> dict[int, ActionOut]:
    return {a.id: a for a in [*(a for p in report.priorities for a in p.actions + p.planned), *report.other_actions]}


def _changed_figures(then: Report, now: Report) -> list[tuple[str, str]]:
    """The questions and topics whose figures differ from the published version's, and the threshold if it does."""
    found: list[tuple[str, str]] = []
    if then.threshold != now.threshold:
        found.append(("threshold", str(then.threshold)))
    before = {c.slug: c for c in then.consultations}
    for c in now.consultations:
        earlier = before.get(c.slug)
        asked = {q.id: q for q in earlier.questions} if earlier else {}
        found += [("question", q.label) for q in c.questions if asked.get(q.id) != q]
    topics_then = {tp.id: tp for tp in then.topics}
    found += [("topic", tp.name) for tp in now.topics if topics_then.get(tp.id) != tp]
    return list(dict.fromkeys(found))


FIGURES_NAMED = 8
"""How many of the questions and topics whose figures differ a file names (then "and N more")."""


def check_published(db: Database, report: Report) -> Report:
    """The report with what differs from the published version of its year (or consultation), when there is
    one: so that a file made now says whether it matches what young people read, and if not, what changed."""
    then = published(db, report.year, report.survey)
    if then is None:
        return report
    before = {c.slug: c for c in then.consultations}
    surveys = [
        SurveyDrift(c.title, before[c.slug].responses if c.slug in before else Count(SHOWN, 0), c.responses)
        for c in report.consultations
        if c.slug not in before or before[c.slug].responses != c.responses
    ]
    figures = (
        then.threshold != report.threshold
        or then.topics != report.topics
        or [(c.slug, c.questions, c.topics) for c in then.consultations]
        != [(c.slug, c.questions, c.topics) for c in report.consultations]
    )
    changed = _changed_figures(then, report)
    quotes_then, quotes_now = {q.id for q in then.quotes}, {q.id for q in report.quotes}
    actions_then, actions_now = _actions_of(then), _actions_of(report)
    priorities_then = {p.key: (p.name, p.outcomes) for p in then.priorities}
    priorities_now = {p.key: (p.name, p.outcomes) for p in report.priorities}
    check = PublishedCheck(
        published_on=then.published_on or _published_day(db, report.year),
        responses_then=then.responses,
        responses_now=report.responses,
        surveys=surveys,
        figures_changed=figures,
        changed_figures=changed,
        quotes_added=len(quotes_now - quotes_then),
        quotes_gone=len(quotes_then - quotes_now),
        actions_changed=sum(actions_then.get(k) != actions_now.get(k) for k in {*actions_then, *actions_now}),
        priorities_changed=sum(
            priorities_then.get(k) != priorities_now.get(k) for k in {*priorities_then, *priorities_now}
        ),
    )
    return msgspec.structs.replace(report, against_published=check)


def _published_day(db: Database, year: str) -> str:
    row = db.execute("SELECT published_at FROM published_reports WHERE year = ? AND survey = ''", [year]).fetchone()
    return str(row[0])[:10] if row else ""


def published_lines(locale: str, check: PublishedCheck | None, threshold: int) -> list[str]:
    """What a file made from a published year says about the published version: that it matches, or what
    changed since (in the reader's language). Empty when the year is not published."""
    if check is None:
        return []
    when = day(locale, check.published_on) if check.published_on else ""
    if check.matches:
        return [translate(locale, "This is the version published on %(day)s.", day=when)]
    lines = [translate(locale, "This is not the version published on %(day)s. Since then:", day=when)]
    then, now = check.responses_then, check.responses_now
    if then.shown and now.shown and then.n != now.n:
        more = (now.n or 0) - (then.n or 0)
        lines.append(
            translate_plural(
                locale,
                "%(num)s more young person answered (%(now)s in all, %(then)s when it was published).",
                "%(num)s more young people answered (%(now)s in all, %(then)s when it was published).",
                more,
                now=number(locale, now.n or 0),
                then=number(locale, then.n or 0),
            )
            if more > 0
            else translate_plural(
                locale,
                "%(num)s fewer young person is counted (%(now)s in all, %(then)s when it was published).",
                "%(num)s fewer young people are counted (%(now)s in all, %(then)s when it was published).",
                -more,
                now=number(locale, now.n or 0),
                then=number(locale, then.n or 0),
            )
        )
    elif then != now:
        lines.append(translate(locale, "The number of young people who answered changed."))
    for s in check.surveys:
        lines.append(
            translate(
                locale,
                "%(survey)s: %(now)s young people now, %(then)s when it was published.",
                survey=s.title,
                now=count_text(locale, s.now, threshold),
                then=count_text(locale, s.then, threshold),
            )
        )
    if check.figures_changed:
        lines += _figures_lines(locale, check, threshold)
    for n, one, many in (
        (check.quotes_added, "%(num)s quote was added.", "%(num)s quotes were added."),
        (check.quotes_gone, "%(num)s quote was taken out.", "%(num)s quotes were taken out."),
        (
            check.actions_changed,
            "%(num)s action was added, changed or taken out.",
            "%(num)s actions were added, changed or taken out.",
        ),
        (
            check.priorities_changed,
            "%(num)s priority was added, changed or taken out.",
            "%(num)s priorities were added, changed or taken out.",
        ),
    ):
        if n:
            lines.append(translate_plural(locale, one, many, n))
    return lines


def _figures_lines(locale: str, check: PublishedCheck, threshold: int) -> list[str]:
    """Which figures differ from the published version: the small-group threshold, then the questions and topics
    by their words (FIGURES_NAMED of them, then how many more)."""
    lines = [
        translate(
            locale,
            "Groups smaller than %(now)s are hidden now (%(then)s when it was published).",
            now=number(locale, threshold),
            then=number(locale, int(then)),
        )
        for kind, then in check.changed_figures
        if kind == "threshold" and then.isdigit()
    ]
    named = [
        translate(locale, "the topic “%(name)s”", name=translate(locale, name)) if kind == "topic" else name
        for kind, name in check.changed_figures
        if kind != "threshold"
    ]
    if named:
        more = len(named) - FIGURES_NAMED
        listed = "; ".join(named[:FIGURES_NAMED])
        if more > 0:
            listed = translate_plural(
                locale, "%(list)s and %(num)s more", "%(list)s and %(num)s more", more, list=listed
            )
        lines.append(translate(locale, "Figures that are different: %(list)s.", list=listed))
    elif not lines:
        lines.append(translate(locale, "Some figures are different."))
    return lines


def published(db: Database, year: str, survey: str | None = None) -> Report | None:
    """The report as a person published it (one published before reports carried their day is given it)."""
    row = next(
        db.query(
            "SELECT report, published_at FROM published_reports WHERE year = ? AND survey = ?", [year, survey or ""]
        ),
        None,
    )
    if row is None:
        return None
    report = msgspec.json.decode(row["report"], type=Report)
    return (
        report if report.published_on else msgspec.structs.replace(report, published_on=str(row["published_at"])[:10])
    )


class Publication(msgspec.Struct, frozen=True):
    year: str
    published_by: str
    published_at: str


def publication(db: Database, year: str) -> Publication | None:
    """The year's publication, if it is published."""
    return next((p for p in publications(db) if p.year == year), None)


def publications(db: Database) -> list[Publication]:
    """The published years, newest first."""
    return [
        msgspec.convert(row, Publication)
        for row in db.query(
            "SELECT year, published_by, published_at FROM published_reports WHERE survey = '' ORDER BY year DESC"
        )
    ]
