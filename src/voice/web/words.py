"""What staff pages call things: a survey by its title, a question by what it asks and a topic by its
name, in the page's language (as the survey file and the catalogue give them), never a slug or an id,
which mean nothing to a person. A survey no longer in the catalogue keeps its slug: nothing else names it."""

from __future__ import annotations

from collections.abc import Callable

from babel import Locale, UnknownLocaleError
from litestar import Request

from voice.reading.themes import Taxonomy
from voice.store.catalogue import Catalogue
from voice.surveys.questions import TEXT_KINDS, AnyQuestion
from voice.web.pages import locale_of, t


def survey_titles(request: Request, catalogue: Catalogue) -> dict[str, str]:
    """Each survey's title, by slug, in the page's language where the survey has it."""
    locale = locale_of(request)
    return {p.slug: p.survey.in_words(locale).title for p in catalogue.all()}


def _asked(request: Request, catalogue: Catalogue, slug: str, question_id: str) -> AnyQuestion | None:
    """The survey's question of this id as it asks it now, in the page's language where the survey has it (None if
    the survey has changed since)."""
    published = catalogue.current(slug)
    asked = published.survey.in_words(locale_of(request)).questions() if published else []
    return next((q for _, q in asked if q.id == question_id), None)


def question_label(request: Request, catalogue: Catalogue, slug: str, question_id: str) -> str:
    """A question's words as the survey asks it, in the page's language where the survey has it ("q.other",
    the words after "Other", is its question); its id if the survey has changed since."""
    question = _asked(request, catalogue, slug, question_id.split(".")[0])
    return question.label if question is not None else question_id


def answer_words(
    request: Request, catalogue: Catalogue, slug: str, question_id: str, value: object, text: str | None
) -> tuple[str, str]:
    """(the question's words, the answer's words) for one stored answer: a choice by its label (never its value),
    several choices together, "Other" with the words typed after it, free text as given."""
    question = _asked(request, catalogue, slug, question_id)
    if question is None:
        return question_id, text or ", ".join(map(str, value if isinstance(value, list) else [value]))
    if question.kind in TEXT_KINDS:
        return question.label, text or ""
    labels = dict(question.choice_rows())
    values = value if isinstance(value, list) else [] if value in (None, "") else [value]
    said = ", ".join(t(request, labels.get(str(v), str(v))) for v in values)
    return question.label, f"{said}: {text}" if text else said


def topic_names(request: Request, taxonomy: Taxonomy) -> dict[str, str]:
    """Each topic's name, by id, in the page's language (a partnership's own names as written)."""
    return {tp.id: t(request, tp.name) for tp in taxonomy.topics}


def language_namer(request: Request) -> Callable[[str], str]:
    """The name of a language code in the page's language ("und": not known)."""
    locale = Locale.parse(locale_of(request))

    def name(code: str) -> str:
        try:
            parsed = Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            parsed = None
        if parsed is None or parsed.language != code.replace("-", "_").split("_")[0].lower():
            return t(request, "a language the reader does not know")  # "und": Babel would say English (United States)
        return parsed.get_display_name(locale) or code

    return name
