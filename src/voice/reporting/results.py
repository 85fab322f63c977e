"""A survey's results in numbers, with small groups hidden so that nobody can be picked out.

Any count under the threshold (default 5) is shown as "fewer than 5". That alone is not enough: where
counts add up to a total that is shown (answers to a question, a row or column of a breakdown), one
hidden count could be worked out by subtraction. So, for every such sum, another count is hidden too
("hidden") until no hidden count can be worked out and the hidden counts of each sum together come to at
least the threshold. The numbers that leave this module for any output never carry a hidden count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable

import msgspec
from sqlite_utils import Database

from voice.common.i18n import DEFAULT_TEXTS, N_, number, percent, translate, translate_plural
from voice.reading.themes import SENTIMENTS, Taxonomy
from voice.store import tallies, versions
from voice.store.tallies import BREAKDOWNS, group_questions
from voice.store.versions import Published
from voice.surveys.questions import SingleChoice
from voice.surveys.schema import OTHER, PREFER_NOT, AnyQuestion, Survey

SHOWN, SMALL, HIDDEN = "shown", "small", "hidden"
NOT_SAID = "_not_said"


class Count(msgspec.Struct, frozen=True):
    """A number as it may be published: `n` is None unless state is "shown"."""

    state: str
    n: int | None = None
    percent: int | None = None

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


def count_text(locale: str, c: Count, threshold: int) -> str:
    """A count as every output writes it: the number, "fewer than 5", or "hidden"."""
    if c.state == SHOWN:
        return number(locale, c.n or 0)
    if c.state == SMALL:
        return translate(locale, "fewer than %(n)s", n=threshold)
    return translate(locale, "hidden")


def share_text(locale: str, c: Count, threshold: int) -> str:
    """ "38% (21)" where the share is shown, else as count_text."""
    if c.state == SHOWN and c.percent is not None:
        return f"{percent(locale, c.percent)} ({number(locale, c.n or 0)})"
    return count_text(locale, c, threshold)


def change_text(locale: str, points: int | None) -> str:
    """A change between two years' shares: "+6 points", "−3 points", "no change"; "not shown" where
    either share is held back."""
    if points is None:
        return translate(locale, "not shown")
    if points == 0:
        return translate(locale, "no change")
    sign = "+" if points > 0 else "−"
    return sign + translate_plural(locale, "%(num)s point", "%(num)s points", abs(points))


class Suppressor:
    """Counts, the sums they take part in, and which of them may be shown."""

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.counts: dict[Hashable, int] = {}
        self.sums: list[tuple[Hashable, list[Hashable]]] = []

    def add(self, key: Hashable, n: int) -> None:
        self.counts[key] = n

    def adds_up(self, whole: Hashable, parts: Iterable[Hashable]) -> None:
        """Declare that the parts add up to the whole (both shown somewhere)."""
        self.sums.append((whole, list(parts)))

    def solve(self) -> dict[Hashable, str]:
        state = {k: SMALL if n < self.threshold else SHOWN for k, n in self.counts.items()}
        changed = True
        while changed:
            changed = False
            for whole, parts in self.sums:
                if self._protect(state, whole, parts):
                    changed = True
        return state

    def _protect(self, state: dict[Hashable, str], whole: Hashable, parts: list[Hashable]) -> bool:
        """Hide one more count of this sum if a hidden one could be worked out; True if it did."""
        unknown = [k for k in [whole, *parts] if state[k] != SHOWN]
        if not unknown:
            return False
        exposed = len(unknown) == 1
        if not exposed and state[whole] == SHOWN:
            pooled = sum(self.counts[k] for k in parts if state[k] != SHOWN)
            exposed = pooled < self.threshold
        if not exposed:
            return False
        candidates = sorted((k for k in parts if state[k] == SHOWN), key=lambda k: self.counts[k])
        if candidates:
            state[candidates[0]] = HIDDEN
            return True
        if state[whole] == SHOWN:
            state[whole] = HIDDEN
            return True
        return False


class Row(msgspec.Struct, frozen=True):
    value: str
    label: str
    count: Count


class Breakdown(msgspec.Struct, frozen=True):
    """One question's answers by a group (age band or area): cells[row][column]."""

    by: str
    label: str
    columns: list[Row]  # each column's label and how many in it answered this question
    cells: list[list[Count]]  # per row of the question, per column


class QuestionResult(msgspec.Struct, frozen=True):
    id: str
    label: str
    kind: str
    answered: Count
    rows: list[Row]
    breakdowns: list[Breakdown]
    priorities: list[str]


class TopicResult(msgspec.Struct, frozen=True):
    id: str
    name: str
    count: Count
    sentiments: dict[str, Count]
    easy_name: str = ""
    """Its name in easy read (the taxonomy's `easy_name`), else empty."""
    picture: str = ""


class SurveyResults(msgspec.Struct, frozen=True):
    slug: str
    title: str
    responses: Count
    questions: list[QuestionResult]
    topics: list[TopicResult]
    threshold: int
    any_hidden: bool
    words: dict[str, dict[str, str]] = {}
    """The survey's own words (title, questions, answers) in each language its file has, by the English."""
    lang: str = "en"
    """The language its words are in (outputs.in_language may change it)."""


# --- counting --------------------------------------------------------------------------------------
NOT_SAID_LABEL = N_("Not said")
DEFAULT_TEXTS.add(NOT_SAID_LABEL)


def _values(raw: str) -> list[str]:
    value = msgspec.json.decode(raw)
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def survey_words(survey: Survey) -> dict[str, dict[str, str]]:
    """Per language of the survey file's translations: its title, questions and answers, by the English."""
    found: dict[str, dict[str, str]] = {}
    for lang in survey.translations:
        there = survey.in_words(lang)
        pairs = {survey.title: there.title}
        for _, q in survey.questions():
            tq = there.question(q.id)
            if tq is None:
                continue
            pairs[q.label] = tq.label
            pairs.update(
                (label, label_there)
                for (_, label), (_, label_there) in zip(q.choice_rows(), tq.choice_rows(), strict=False)
            )
        found[lang] = {english: words for english, words in pairs.items() if words and words != english}
    return found


def _period(since: dt.date | None, until: dt.date | None) -> tuple[str, str]:
    return (since or dt.date.min).isoformat(), (until or dt.date.max).isoformat()


class Solved:
    """Counts after protection: `count(key, of)` gives what may be published, with a percentage of `of`."""

    def __init__(self, sup: Suppressor) -> None:
        self.sup, self.state = sup, sup.solve()

    def count(self, key: Hashable, of: Hashable | None = None) -> Count:
        if self.state[key] != SHOWN:
            return Count(self.state[key])
        n = self.sup.counts[key]
        base = self.sup.counts[of] if of is not None and self.state[of] == SHOWN else None
        return Count(SHOWN, n, round(100 * n / base) if base else None)

    @property
    def any_hidden(self) -> bool:
        return any(s != SHOWN for s in self.state.values())


def choice_words(db: Database, slug: str) -> dict[tuple[str, str], str]:
    """Each choice's words, by (question, value), in every stored version of a survey (the newest where versions
    differ): an answer given to an earlier version is named as it was asked."""
    labels: dict[tuple[str, str], str] = {}
    for stored in versions.every_version(db, slug):
        for _, q in stored.survey.questions():
            for value, label in q.choice_rows():
                labels.setdefault((q.id, value), label)
    return labels


def _count(
    db: Database, slug: str, start: str, end: str, groups: dict[str, SingleChoice]
) -> tuple[
    dict[str, Counter[str]],
    Counter[str],
    dict[tuple[str, str], Counter[tuple[str, str]]],
    dict[tuple[str, str], Counter[str]],
]:
    """Every choice answer counted once, by question, value and each group's answer (from the tallies).
    Returns counts[question][value], answered[question], cells[(group, question)][(value, column)] and
    in_column[(group, question)][column] (respondents: for a many-answer question, not the cells' sum)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    answered: Counter[str] = Counter()
    cells: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)
    in_column: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    shown = [(i, g) for i, g in enumerate(BREAKDOWNS) if g in groups]
    decoded: dict[str, list[str]] = {}
    for qid, raw, *group_raws, n in db.execute(
        "SELECT question_id, value, age_band, area, sum(n) FROM answer_tallies "
        "WHERE survey_slug = ? AND day BETWEEN ? AND ? GROUP BY 1, 2, 3, 4 HAVING sum(n) > 0",
        [slug, start, end],
    ):
        values = decoded.get(raw) or decoded.setdefault(raw, _values(raw))
        answered[qid] += n
        for v in values:
            counts[qid][v] += n
        for i, group in shown:
            group_raw = group_raws[i]
            column = (
                NOT_SAID
                if group_raw == tallies.NONE
                else (decoded.get(group_raw) or decoded.setdefault(group_raw, _values(group_raw)))[0]
            )
            column = NOT_SAID if column == PREFER_NOT else column
            in_column[(group, qid)][column] += n
            for v in values:
                cells[(group, qid)][(v, column)] += n
    return counts, answered, cells, in_column


def survey_results(
    db: Database,
    published: Published,
    taxonomy: Taxonomy,
    threshold: int = 5,
    since: dt.date | None = None,
    until: dt.date | None = None,
    topic_rows: list[TopicRow] | None = None,
) -> SurveyResults:
    """Counts and percentages per question, breakdowns by age band and area, topics of free text and
    the feeling by topic, for one survey's responses (all its versions) between two days.
    `topic_rows` (from topic_rows_by_survey) saves reading the themes again."""
    survey, slug = published.survey, published.slug
    start, end = _period(since, until)
    sup = Suppressor(threshold)
    # Answers still being read (see voice/web/reading.py) are counted once they are read.
    sup.add(
        "responses",
        db.execute(
            "SELECT count(*) FROM responses r WHERE r.survey_slug = ? AND r.submitted_on BETWEEN ? AND ? "
            "AND r.id NOT IN (SELECT response_id FROM unread)",
            [slug, start, end],
        ).fetchone()[0],
    )

    groups = group_questions(survey)
    counts, answered, cells, in_column = _count(db, slug, start, end, groups)
    earlier = choice_words(db, slug)
    older_columns = {  # a group's answers to an earlier version's choices ("11 to 13" before "10 to 12")
        group: sorted(
            {c for (g, _), seen in in_column.items() if g == group for c in seen}
            - {c.value for c in gq.choices}
            - {OTHER, NOT_SAID}
        )
        for group, gq in groups.items()
    }

    plan = []
    for _, q in survey.questions():
        if not q.counted:
            continue
        rows = q.choice_rows()
        # from an earlier version: its words as it was asked
        rows += [(v, earlier.get((q.id, v), v)) for v in sorted(set(counts[q.id]) - {r for r, _ in rows})]
        columns = {
            group: [(c.value, c.label) for c in gq.choices]
            + [(c, earlier.get((gq.id, c), c)) for c in older_columns[group]]
            + ([(OTHER, gq.other)] if gq.other else [])
            + [(NOT_SAID, NOT_SAID_LABEL)]
            for group, gq in groups.items()
            if gq.id != q.id
        }
        plan.append((q, rows, columns))
        _declare(sup, q, rows, columns, counts[q.id], answered[q.id], cells, in_column)

    if topic_rows is None:
        topic_rows = topic_rows_by_survey(db, [slug], since, until).get(slug, [])
    _declare_topics(sup, taxonomy, topic_rows)
    solved = Solved(sup)
    count = solved.count
    questions = []
    for q, rows, columns in plan:
        breakdowns = [
            Breakdown(
                by=group,
                label=groups[group].label,
                columns=[Row(c, lbl, count(("col", q.id, group, c))) for c, lbl in cols],
                cells=[[count(("x", q.id, group, v, c), ("col", q.id, group, c)) for c, _ in cols] for v, _ in rows],
            )
            for group, cols in columns.items()
        ]
        questions.append(
            QuestionResult(
                id=q.id,
                label=q.label,
                kind=q.kind,
                answered=count(("answered", q.id)),
                rows=[Row(v, lbl, count(("q", q.id, v), ("answered", q.id))) for v, lbl in rows],
                breakdowns=breakdowns,
                priorities=list(q.priorities),
            )
        )
    return SurveyResults(
        slug=slug,
        title=survey.title,
        responses=count("responses"),
        questions=questions,
        topics=_topic_results(solved, taxonomy, topic_rows),
        threshold=threshold,
        any_hidden=solved.any_hidden,
        words=survey_words(survey),
    )


def _declare(
    sup: Suppressor,
    q: AnyQuestion,
    rows: list[tuple[str, str]],
    columns: dict[str, list[tuple[str, str]]],
    counts: Counter[str],
    answered: int,
    cells: dict[tuple[str, str], Counter[tuple[str, str]]],
    in_column: dict[tuple[str, str], Counter[str]],
) -> None:
    """Every count of one question, and which of them add up to which (so hidden ones stay hidden).
    A many-answer question's choices do not add up to the number who answered; everything else does."""
    one_answer = not q.many
    sup.add(("answered", q.id), answered)
    for v, _ in rows:
        sup.add(("q", q.id, v), counts[v])
    if one_answer:
        sup.adds_up(("answered", q.id), [("q", q.id, v) for v, _ in rows])
    for group, cols in columns.items():
        for c, _ in cols:
            sup.add(("col", q.id, group, c), in_column[(group, q.id)][c])
            for v, _ in rows:
                sup.add(("x", q.id, group, v, c), cells[(group, q.id)][(v, c)])
            if one_answer:
                sup.adds_up(("col", q.id, group, c), [("x", q.id, group, v, c) for v, _ in rows])
        for v, _ in rows:
            sup.adds_up(("q", q.id, v), [("x", q.id, group, v, c) for c, _ in cols])
        sup.adds_up(("answered", q.id), [("col", q.id, group, c) for c, _ in cols])


TopicRow = tuple[str, list[str], int]
"""(feeling, topics, how many answers): a person's latest correction, else the machine's suggestion."""


def topic_rows_by_survey(
    db: Database, slugs: list[str], since: dt.date | None = None, until: dt.date | None = None
) -> dict[str, list[TopicRow]]:
    """The themes of the surveys' free-text answers between two days (from the tallies)."""
    start, end = _period(since, until)
    marks = ", ".join("?" for _ in slugs) or "NULL"
    sql = (
        "SELECT survey_slug, sentiment, topics, sum(n) FROM topic_tallies "  # noqa: S608 - placeholders only
        f"WHERE survey_slug IN ({marks}) AND day BETWEEN ? AND ? GROUP BY 1, 2, 3 HAVING sum(n) > 0"
    )
    decode = msgspec.json.Decoder(list[str])
    found: dict[str, list[TopicRow]] = defaultdict(list)
    for slug, feeling, topics, n in db.execute(sql, [*slugs, start, end]):
        found[slug].append((feeling, decode.decode(topics), n))
    return found


def _topic_order(taxonomy: Taxonomy, rows: list[TopicRow]) -> list[str]:
    seen = Counter(tp for _, topics, _ in rows for tp in topics)
    known = [tp.id for tp in taxonomy.topics]
    return [tp for tp in known if seen[tp]] + sorted(set(seen) - set(known))


def _declare_topics(sup: Suppressor, taxonomy: Taxonomy, rows: list[TopicRow]) -> None:
    """Each topic's count and its count per feeling: an answer has one feeling, so these add up."""
    by_topic: dict[str, Counter[str]] = defaultdict(Counter)
    for feeling, topics, n in rows:
        for tp in topics:
            by_topic[tp][feeling] += n
    for tp in _topic_order(taxonomy, rows):
        sup.add(("topic", tp), sum(by_topic[tp].values()))
        for s in SENTIMENTS:
            sup.add(("feel", tp, s), by_topic[tp][s])
        sup.adds_up(("topic", tp), [("feel", tp, s) for s in SENTIMENTS])


def _topic_results(solved: Solved, taxonomy: Taxonomy, rows: list[TopicRow]) -> list[TopicResult]:
    known = {tp.id: tp for tp in taxonomy.topics}
    return [
        TopicResult(
            id=tp,
            name=known[tp].name if tp in known else tp,
            count=solved.count(("topic", tp)),
            sentiments={s: solved.count(("feel", tp, s), ("topic", tp)) for s in SENTIMENTS},
            easy_name=known[tp].easy_name if tp in known else "",
            picture=known[tp].picture if tp in known else "",
        )
        for tp in _topic_order(taxonomy, rows)
    ]


def topic_totals(rows: list[TopicRow], taxonomy: Taxonomy, threshold: int = 5) -> list[TopicResult]:
    """Topics of free text across several surveys (a year), with the same protection."""
    sup = Suppressor(threshold)
    _declare_topics(sup, taxonomy, rows)
    return _topic_results(Solved(sup), taxonomy, rows)
