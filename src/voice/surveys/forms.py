"""Answers against a survey: which pages and questions show, and whether answers are acceptable.

The same checks serve the web form (one page at a time) and the JSON API (all answers at once), so a
young person's answer and an API client's answer are held to one standard. Each question type checks
its own answer (`check()` in voice.surveys.questions). Every question can be skipped: an empty answer
is "not provided", never an error.

Answers are a flat dict: ``{question_id: value}`` plus ``{question_id}.<part>`` for the text after
"Other" (``.other``) and a contact request's details (``.name``, ``.contact``, ``.when``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from voice.common.i18n import translate
from voice.surveys.questions import Answers as Answers
from voice.surveys.questions import FieldError as FieldError
from voice.surveys.questions import ShowIf
from voice.surveys.schema import AnyQuestion, Page, PerSurvey, Survey

MAX_ANSWER_KEYS = 500


def shown(cond: ShowIf | None, answers: Answers) -> bool:
    if cond is None:
        return True
    given = answers.get(cond.question)
    given_values = given if isinstance(given, list) else [given]
    return any(v in cond.values for v in given_values)


def visible_pages(survey: Survey, answers: Answers) -> list[int]:
    return [i for i, page in enumerate(survey.pages) if shown(page.show_if, answers)]


def counted_pages(survey: Survey, answers: Answers, index: int) -> list[int]:
    """The pages a young person on page `index` may still see: those shown now, and those whose
    condition rests on a question not reached yet (so "Page 1 of 6" never becomes "Page 5 of 6" as
    answers open more pages; it can only come down when a page turns out not to be needed)."""
    asked_on = {q.id: i for i, page in enumerate(survey.pages) for q in page.questions}
    return [
        i
        for i, page in enumerate(survey.pages)
        if shown(page.show_if, answers)
        or (page.show_if is not None and asked_on.get(page.show_if.question, -1) >= index)
    ]


def visible_questions(page: Page, answers: Answers) -> list[AnyQuestion]:
    return [q for q in page.questions if shown(q.show_if, answers)]


def answer_keys(question: AnyQuestion) -> list[str]:
    return [question.id] + [f"{question.id}.{part}" for part in question.parts]


def read_form(questions: Sequence[AnyQuestion], form: Mapping[str, list[str]]) -> Answers:
    """A posted page's fields as raw answers (checkboxes arrive as several values)."""
    raw: Answers = {}
    for q in questions:
        values = form.get(q.id, [])
        if q.many:
            raw[q.id] = [v for v in values if v]
        elif values:
            raw[q.id] = values[0]
        for key in answer_keys(q)[1:]:
            if form.get(key):
                raw[key] = form[key][0]
    return raw


def check_page(
    survey: Survey, index: int, form: Mapping[str, list[str]], answers: Answers, locale: str = "en"
) -> tuple[Answers, list[FieldError]]:
    """Check one posted page. Returns all answers with this page's replaced, and the page's errors."""
    page = survey.pages[index]
    mine = {k for q in page.questions for k in answer_keys(q)}
    merged = {k: v for k, v in answers.items() if k not in mine}
    errors: list[FieldError] = []
    questions = visible_questions(page, merged)
    raw = read_form(questions, form)
    for q in questions:
        clean, errs = q.check(raw, locale)
        merged.update(clean)
        errors += errs
    return merged, errors


def page_values(survey: Survey, index: int, form: Mapping[str, list[str]]) -> Answers:
    """What the young person typed on a page, kept as typed, to show again beside the errors."""
    return read_form(survey.pages[index].questions, form)


_KNOWN: PerSurvey[None, dict[str, AnyQuestion]] = PerSurvey(size=64)


def _answer_keys_of(survey: Survey) -> dict[str, AnyQuestion]:
    """Every answer key a survey takes, to its question: worked out once per survey (surveys never
    change; see PerSurvey)."""
    return _KNOWN.get(survey, None, lambda: {k: q for _, q in survey.questions() for k in answer_keys(q)})


def check_all(survey: Survey, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
    """Check a whole set of answers. Answers to questions that are not shown are dropped."""
    errors: list[FieldError] = []
    if len(raw) > MAX_ANSWER_KEYS:
        return {}, [
            FieldError(
                "answers", "answers", translate(locale, "Send no more than %(max)d answers.", max=MAX_ANSWER_KEYS)
            )
        ]
    known = _answer_keys_of(survey)
    for key in raw:
        if key not in known:
            errors.append(
                FieldError(key, key, translate(locale, "There is no question “%(id)s” in this survey.", id=key[:60]))
            )
    clean: Answers = {}
    for page in survey.pages:
        if not shown(page.show_if, clean):
            continue
        for q in visible_questions(page, clean):
            entries, errs = q.check(raw, locale)
            clean.update(entries)
            errors += errs
    return clean, errors
