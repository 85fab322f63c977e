"""Answers against a survey: which pages and questions show, and whether answers are acceptable.

The same checks serve the web form (one page at a time) and the JSON API (all answers at once), so a
young person's answer and an API client's answer are held to one standard. Every question can be
skipped: an empty answer is "not provided", never an error.

Answers are a flat dict: ``{question_id: value}`` plus ``{question_id}.<part>`` for the text after
"Other" (``.other``) and a contact request's details (``.name``, ``.contact``, ``.when``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from voice.common.i18n import number, translate, translate_plural
from voice.common.text import clean_text
from voice.surveys.schema import OTHER, TEXT_KINDS, AnyQuestion, Page, PerSurvey, ShowIf, Survey

Answers = dict[str, Any]
PARTS = {"single_choice": ("other",), "contact_request": ("name", "contact", "when")}
OTHER_MAX = 200
CONTACT_MAX = 200
MAX_ANSWER_KEYS = 500


class FieldError(msgspec.Struct, frozen=True):
    key: str
    """The answer key at fault (a question id, or `id.part`)."""
    anchor: str
    """The id of the form control to link to from the error summary."""
    message: str


def char_count(text: str) -> int:
    """Characters as the counter on the page counts them (Unicode code points)."""
    return len(text)


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
    return [i for i, page in enumerate(survey.pages)
            if shown(page.show_if, answers)
            or (page.show_if is not None and asked_on.get(page.show_if.question, -1) >= index)]


def visible_questions(page: Page, answers: Answers) -> list[AnyQuestion]:
    return [q for q in page.questions if shown(q.show_if, answers)]


def answer_keys(question: AnyQuestion) -> list[str]:
    return [question.id] + [f"{question.id}.{part}" for part in PARTS.get(question.kind, ())]


def _as_choice(question: AnyQuestion, value: Any) -> Any:
    """API conveniences: a scale point as a number, a yes/no as true/false."""
    if question.kind == "scale" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if question.kind in ("yes_no", "quote_consent") and isinstance(value, bool):
        return "yes" if value else "no"
    return value


def _text(raw: Answers, key: str, limit: int, anchor: str, locale: str,
          clean: Answers, errors: list[FieldError]) -> None:
    value = raw.get(key)
    if value is None:
        return
    if not isinstance(value, str):
        errors.append(FieldError(key, anchor, translate(locale, "Send this answer as text.")))
        return
    text = clean_text(value)
    if char_count(text) > limit:
        errors.append(FieldError(key, anchor, translate(
locale, "Your answer must be %(max)s characters or fewer. It has %(count)s.",
            max=number(locale, limit), count=number(locale, char_count(text)))))
    if text:
        clean[key] = text


def check_question(question: AnyQuestion, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
    """Check one question's answer; returns its clean entries and any errors."""
    clean: Answers = {}
    errors: list[FieldError] = []
    qid = question.id
    value = _as_choice(question, raw.get(qid))
    kind = question.kind
    if kind == "info":
        if value is not None:
            errors.append(FieldError(qid, qid, translate(locale, "This is information, not a question: leave it out.")))
    elif kind in TEXT_KINDS:
        _text(raw, qid, question.max_chars, qid, locale, clean, errors)  # type: ignore[union-attr]
    elif kind == "multiple_choice":
        _check_multiple(question, value, locale, clean, errors)
    elif kind == "contact_request":
        _check_contact(qid, value, raw, locale, clean, errors)
    elif value not in (None, ""):
        if not isinstance(value, str) or value not in (question.values() or []):
            errors.append(FieldError(qid, qid, translate(locale, "Select one of the answers shown.")))
        else:
            clean[qid] = value
            if value == OTHER:
                _text(raw, f"{qid}.other", OTHER_MAX, f"{qid}-other-text", locale, clean, errors)
    return clean, errors


def _check_contact(qid: str, value: Any, raw: Answers, locale: str, clean: Answers,
                   errors: list[FieldError]) -> None:
    """Contact details are kept only when the box is ticked; then a way to reach them is needed."""
    if value in ("yes", True):
        clean[qid] = "yes"
        for part in PARTS["contact_request"]:
            _text(raw, f"{qid}.{part}", CONTACT_MAX, f"{qid}-{part}", locale, clean, errors)
        if f"{qid}.contact" not in clean and not any(e.key == f"{qid}.contact" for e in errors):
            errors.append(FieldError(f"{qid}.contact", f"{qid}-contact", translate(
locale, "Enter a phone number or email address so someone can contact you, or untick the box.")))
    elif value not in (None, "", "no", False):
        errors.append(FieldError(qid, qid, translate(locale, "Select one of the answers shown.")))
    elif any(isinstance(raw.get(f"{qid}.{part}"), str) and raw[f"{qid}.{part}"].strip()
             for part in PARTS["contact_request"]):
        # Details given without the tick: never dropped without asking, never a request they did not make.
        for part in PARTS["contact_request"]:
            _text(raw, f"{qid}.{part}", CONTACT_MAX, f"{qid}-{part}", locale, clean, errors)
        errors.append(FieldError(qid, qid, translate(
            locale, "You wrote how to contact you. Tick the box if you would like someone to talk to you, "
                    "or delete what you wrote.")))


def _check_multiple(question: Any, value: Any, locale: str, clean: Answers, errors: list[FieldError]) -> None:
    qid = question.id
    if value in (None, "", []):
        return
    picked = [value] if isinstance(value, str) else value
    if not isinstance(picked, list) or not all(isinstance(v, str) for v in picked):
        errors.append(FieldError(qid, qid, translate(locale, "Send this answer as a list of choices.")))
        return
    picked = [v for v in dict.fromkeys(picked) if v]
    if any(v not in question.values() for v in picked):
        errors.append(FieldError(qid, qid, translate(locale, "Select one of the answers shown.")))
    elif "none" in picked and len(picked) > 1:
        errors.append(FieldError(qid, qid, translate(
locale, "Select “%(none)s” on its own, or untick it to choose other answers.",
            none=question.none_option)))
    elif question.max is not None and len(picked) > question.max:
        errors.append(FieldError(qid, qid, translate_plural(
locale, "Select no more than %(num)s answer.", "Select no more than %(num)s answers.", question.max)))
    if picked:
        clean[qid] = picked


def read_form(questions: Sequence[AnyQuestion], form: Mapping[str, list[str]]) -> Answers:
    """A posted page's fields as raw answers (checkboxes arrive as several values)."""
    raw: Answers = {}
    for q in questions:
        values = form.get(q.id, [])
        if q.kind == "multiple_choice":
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
        clean, errs = check_question(q, raw, locale)
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
        return {}, [FieldError("answers", "answers", translate(
locale, "Send no more than %(max)d answers.", max=MAX_ANSWER_KEYS))]
    known = _answer_keys_of(survey)
    for key in raw:
        if key not in known:
            errors.append(FieldError(key, key, translate(
locale, "There is no question “%(id)s” in this survey.", id=key[:60])))
    clean: Answers = {}
    for page in survey.pages:
        if not shown(page.show_if, clean):
            continue
        for q in visible_questions(page, clean):
            entries, errs = check_question(q, raw, locale)
            clean.update(entries)
            errors += errs
    return clean, errors
