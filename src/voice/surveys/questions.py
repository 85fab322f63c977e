"""The question types of a survey file, one class each. A type's class is all the code that knows it:

- its fields, as a survey file gives them (a member of the tagged union `AnyQuestion`, `type: KIND`);
- `check()`: its answer as kept, and what is wrong with it, for the web form, the JSON API, paper entry
  and imports alike (voice.surveys.forms calls it), with `parts` (the answer keys it takes beside its
  id) and `many` (its answer is a list of ticked boxes);
- `free_text`: its answer is words that are redacted, flagged and themed (voice.intake.submissions);
- `counted` and `choice_rows()`: its answers are counted by choice (voice.store.tallies) and reported, each
  answer with its label (voice.reporting.results);
- `cell_words()`: the words in a spreadsheet cell that stand for each of its answers (voice.intake.imports).

How it is drawn is its template, `templates/questions/KIND.html`: `field` on a page of the form, `answer`
on "Check your answers". A new type is a class here, added to `AnyQuestion`, and that template
(docs/architecture.md, "A new question type").
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, get_args

import msgspec
from msgspec import Meta

from voice.common.i18n import DEFAULT_TEXTS, N_, number, translate, translate_plural
from voice.common.text import clean_text

Id = Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Value = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=40)]
Line = Annotated[str, Meta(min_length=1, max_length=300)]
Para = Annotated[str, Meta(min_length=1, max_length=4000)]
PictureName = Annotated[str, Meta(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)]
"""A picture from the product's set: static/pictures/NAME.svg (see docs/survey-files.md)."""

OTHER = "other"
PREFER_NOT = "prefer_not_to_say"
OTHER_MAX = 200
CONTACT_MAX = 200

Answers = dict[str, Any]

# How results name the answers the product words itself (translated as they are shown).
YES, NO, NOT_SURE = N_("Yes"), N_("No"), N_("Not sure")
RATHER_NOT = N_("I'd rather not say")
DEFAULT_TEXTS.update((YES, NO, NOT_SURE, RATHER_NOT))

YES_NO_WORDS = [
    ("yes", "yes"),
    ("y", "yes"),
    ("true", "yes"),
    ("no", "no"),
    ("n", "no"),
    ("false", "no"),
    ("not sure", "not_sure"),
]
"""What a spreadsheet cell may say for yes and no."""


class Base(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, omit_defaults=True):
    """Strict, immutable, and unknown keys are an error (they are nearly always typos)."""


class Choice(Base, kw_only=True, frozen=True):
    value: Value
    label: Line
    hint: str | None = None
    picture: PictureName | None = None
    """An optional picture beside the words (easy read); needs `alt`."""
    alt: Line | None = None


class ShowIf(Base, kw_only=True, frozen=True):
    """Show a page or question only when an earlier question got one of these answers."""

    question: Id
    equals: str | None = None
    any_of: list[str] | None = None

    def __post_init__(self) -> None:
        if (self.equals is None) == (self.any_of is None):
            raise ValueError("show_if needs exactly one of `equals` or `any_of`, not both")

    @property
    def values(self) -> list[str]:
        return [self.equals] if self.equals is not None else list(self.any_of or [])


class FieldError(msgspec.Struct, frozen=True):
    key: str
    """The answer key at fault (a question id, or `id.part`)."""
    anchor: str
    """The id of the form control to link to from the error summary."""
    message: str


def char_count(text: str) -> int:
    """Characters as the counter on the page counts them (Unicode code points)."""
    return len(text)


def check_text(
    raw: Answers, key: str, limit: int, anchor: str, locale: str, clean: Answers, errors: list[FieldError]
) -> None:
    """Words typed for `key`, kept clean in `clean` (nothing when empty), or an error when too long."""
    value = raw.get(key)
    if value is None:
        return
    if not isinstance(value, str):
        errors.append(FieldError(key, anchor, translate(locale, "Send this answer as text.")))
        return
    text = clean_text(value)
    if char_count(text) > limit:
        errors.append(
            FieldError(
                key,
                anchor,
                translate(
                    locale,
                    "Your answer must be %(max)s characters or fewer. It has %(count)s.",
                    max=number(locale, limit),
                    count=number(locale, char_count(text)),
                ),
            )
        )
    if text:
        clean[key] = text


def _one_of(question: Question, value: Any, locale: str) -> tuple[Answers, list[FieldError]]:
    """A one-answer choice: one of the question's values, or nothing."""
    if value in (None, ""):
        return {}, []
    if not isinstance(value, str) or value not in (question.values() or []):
        return {}, [FieldError(question.id, question.id, translate(locale, "Select one of the answers shown."))]
    return {question.id: value}, []


def _yes_or_no(value: Any) -> Any:
    """The API's convenience: a yes/no answer as true/false."""
    return ("yes" if value else "no") if isinstance(value, bool) else value


class Question(Base, tag_field="type", kw_only=True, frozen=True):
    id: Id
    label: Line
    hint: str | None = None
    priorities: list[Id] = []
    show_if: ShowIf | None = None

    kind: ClassVar[str] = "question"
    parts: ClassVar[tuple[str, ...]] = ()
    """Answer keys it takes beside its own id, each as `id.part`."""
    many: ClassVar[bool] = False
    """Its answer is a list (boxes ticked): read from every value a form posts for it, split from a
    spreadsheet cell, and its choices' counts do not add up to the number who answered."""
    free_text: ClassVar[bool] = False
    """Its answer is words a young person typed: redacted, flagged and themed as it is read."""
    counted: ClassVar[bool] = False
    """Its answers are counted (voice.store.tallies) and reported choice by choice (`choice_rows`)."""
    answerable: ClassVar[bool] = True
    """False for information: nothing to answer, import or check."""

    # Which answers a show_if may compare with (None: this question cannot drive a show_if).
    def values(self) -> list[str] | None:
        return None

    def check(self, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
        """This question's entries of `raw` as they are kept, and what is wrong with them (in `locale`).
        Every question can be skipped: nothing given is no entry, never an error."""
        return _one_of(self, raw.get(self.id), locale)

    def choice_rows(self) -> list[tuple[str, str]]:
        """Each answer it can get, with its label, in the survey's order, as results count them."""
        return []

    def cell_words(self) -> list[tuple[str, str]]:
        """(words, answer): what a cell of an imported spreadsheet may say for each answer; a later pair
        wins over an earlier one with the same words."""
        choices: list[Choice] = getattr(self, "choices", [])
        other = getattr(self, "other", None)  # "Somewhere else": the words of the survey's own "Other" choice
        return (
            [(c.label, c.value) for c in choices]
            + ([(other, OTHER)] if other else [])
            + [(v, v) for v in self.values() or []]
        )


class SingleChoice(Question, tag="single_choice", kw_only=True, frozen=True):
    choices: Annotated[list[Choice], Meta(max_length=40)]
    other: Line | None = None
    """Label of an extra "Other" choice with a text box, for example "Something else (please say)"."""
    demographic: Literal["age_band", "area", "identity", "gender", "ethnicity", "care_experience"] | None = None
    prefer_not_to_say: bool | None = None
    """Offer "I'd rather not say". Defaults to on for demographic questions."""

    kind: ClassVar[str] = "single_choice"
    parts: ClassVar[tuple[str, ...]] = ("other",)
    counted: ClassVar[bool] = True

    def __post_init__(self) -> None:
        _check_choices(self.choices)

    def values(self) -> list[str]:
        extra = ([OTHER] if self.other else []) + ([PREFER_NOT] if self.offers_prefer_not else [])
        return [c.value for c in self.choices] + extra

    @property
    def offers_prefer_not(self) -> bool:
        return self.prefer_not_to_say if self.prefer_not_to_say is not None else bool(self.demographic)

    def check(self, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
        chosen = raw.get(self.id)
        other_text = raw.get(f"{self.id}.other")
        if self.other and chosen in (None, "") and isinstance(other_text, str) and other_text.strip():
            chosen = OTHER  # words typed in the "other" box with nothing chosen: that is the answer (a new user's
            # "Braunstone" under "Somewhere else", not ticked, was dropped without a word)
        clean, errors = _one_of(self, chosen, locale)
        if clean.get(self.id) == OTHER:
            check_text(raw, f"{self.id}.other", OTHER_MAX, f"{self.id}-other-text", locale, clean, errors)
        return clean, errors

    def choice_rows(self) -> list[tuple[str, str]]:
        return (
            [(c.value, c.label) for c in self.choices]
            + ([(OTHER, self.other)] if self.other else [])
            + ([(PREFER_NOT, RATHER_NOT)] if self.offers_prefer_not else [])
        )


class MultipleChoice(Question, tag="multiple_choice", kw_only=True, frozen=True):
    choices: Annotated[list[Choice], Meta(max_length=40)]
    max: Annotated[int, Meta(ge=1)] | None = None
    none_option: Line | None = None
    """Label of an exclusive last option such as "None of these"."""

    kind: ClassVar[str] = "multiple_choice"
    many: ClassVar[bool] = True
    counted: ClassVar[bool] = True

    def __post_init__(self) -> None:
        _check_choices(self.choices)
        if self.max is not None and self.max > len(self.choices):
            raise ValueError("max: `max` is more than the number of choices")

    def values(self) -> list[str]:
        return [c.value for c in self.choices] + (["none"] if self.none_option else [])

    def check(self, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
        qid, value = self.id, raw.get(self.id)
        if value in (None, "", []):
            return {}, []
        picked = [value] if isinstance(value, str) else value
        if not isinstance(picked, list) or not all(isinstance(v, str) for v in picked):
            return {}, [FieldError(qid, qid, translate(locale, "Send this answer as a list of choices."))]
        errors = []
        picked = [v for v in dict.fromkeys(picked) if v]
        if any(v not in self.values() for v in picked):
            errors.append(FieldError(qid, qid, translate(locale, "Select one of the answers shown.")))
        elif "none" in picked and len(picked) > 1:
            errors.append(
                FieldError(
                    qid,
                    qid,
                    translate(
                        locale,
                        "Select “%(none)s” on its own, or untick it to choose other answers.",
                        none=self.none_option,
                    ),
                )
            )
        elif self.max is not None and len(picked) > self.max:
            errors.append(
                FieldError(
                    qid,
                    qid,
                    translate_plural(
                        locale, "Select no more than %(num)s answer.", "Select no more than %(num)s answers.", self.max
                    ),
                )
            )
        return ({qid: picked} if picked else {}), errors

    def choice_rows(self) -> list[tuple[str, str]]:
        return [(c.value, c.label) for c in self.choices] + ([("none", self.none_option)] if self.none_option else [])


class Scale(Question, tag="scale", kw_only=True, frozen=True):
    labels: Annotated[list[Line], Meta(min_length=3, max_length=7)]
    """One word label per point, lowest first: the answer stored is the point's number (1, 2, ...)."""

    kind: ClassVar[str] = "scale"
    counted: ClassVar[bool] = True

    def values(self) -> list[str]:
        return [str(i) for i in range(1, len(self.labels) + 1)]

    def check(self, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
        value = raw.get(self.id)
        if isinstance(value, int) and not isinstance(value, bool):  # the API's convenience: a point as a number
            value = str(value)
        return _one_of(self, value, locale)

    def choice_rows(self) -> list[tuple[str, str]]:
        return [(str(i), lbl) for i, lbl in enumerate(self.labels, start=1)]

    def cell_words(self) -> list[tuple[str, str]]:
        return super().cell_words() + [(label, str(i)) for i, label in enumerate(self.labels, start=1)]


class YesNo(Question, tag="yes_no", kw_only=True, frozen=True):
    not_sure: bool = True

    kind: ClassVar[str] = "yes_no"
    counted: ClassVar[bool] = True

    def values(self) -> list[str]:
        return ["yes", "no"] + (["not_sure"] if self.not_sure else [])

    def check(self, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
        return _one_of(self, _yes_or_no(raw.get(self.id)), locale)

    def choice_rows(self) -> list[tuple[str, str]]:
        return [("yes", YES), ("no", NO)] + ([("not_sure", NOT_SURE)] if self.not_sure else [])

    def cell_words(self) -> list[tuple[str, str]]:
        return super().cell_words() + YES_NO_WORDS


class FreeText(Question, kw_only=True, frozen=True):
    """A question answered in the young person's own words, at most `max_chars` of them (each type sets its
    own bounds and default)."""

    max_chars: int = 200
    free_text: ClassVar[bool] = True

    def check(self, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
        clean: Answers = {}
        errors: list[FieldError] = []
        check_text(raw, self.id, self.max_chars, self.id, locale, clean, errors)
        return clean, errors


class ShortText(FreeText, tag="short_text", kw_only=True, frozen=True):
    max_chars: Annotated[int, Meta(ge=10, le=500)] = 200
    kind: ClassVar[str] = "short_text"


class LongText(FreeText, tag="long_text", kw_only=True, frozen=True):
    max_chars: Annotated[int, Meta(ge=50, le=5000)] = 2000
    rows: Annotated[int, Meta(ge=2, le=15)] = 5
    kind: ClassVar[str] = "long_text"


class Info(Question, tag="info", kw_only=True, frozen=True):
    """A block of information with nothing to answer. `label` is its heading."""

    text: Para
    kind: ClassVar[str] = "info"
    answerable: ClassVar[bool] = False

    def check(self, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
        if raw.get(self.id) is None:
            return {}, []
        return {}, [
            FieldError(self.id, self.id, translate(locale, "This is information, not a question: leave it out."))
        ]


class QuoteConsent(Question, tag="quote_consent", kw_only=True, frozen=True):
    """Asks "Can we use your words, without your name, in what we publish?"; stored on the response."""

    label: Line = "Can we use your words, without your name, in what we publish?"
    kind: ClassVar[str] = "quote_consent"

    def values(self) -> list[str]:
        return ["yes", "no"]

    def check(self, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
        return _one_of(self, _yes_or_no(raw.get(self.id)), locale)

    def cell_words(self) -> list[tuple[str, str]]:
        return [
            *super().cell_words(),
            *YES_NO_WORDS,  # and its answers as the form and its exports say them
            ("yes, you can use my words", "yes"),
            ("no, do not use my words", "no"),
        ]


class ContactRequest(Question, tag="contact_request", kw_only=True, frozen=True):
    """Offers "I would like someone to talk to me". Details are stored apart from the answers."""

    label: Line = "Would you like someone to talk to you?"
    kind: ClassVar[str] = "contact_request"
    parts: ClassVar[tuple[str, ...]] = ("name", "contact", "when")

    def check(self, raw: Answers, locale: str = "en") -> tuple[Answers, list[FieldError]]:
        """Contact details are kept only when the box is ticked; then a way to reach them is needed."""
        qid, value = self.id, raw.get(self.id)
        clean: Answers = {}
        errors: list[FieldError] = []
        if value in ("yes", True):
            clean[qid] = "yes"
            for part in self.parts:
                check_text(raw, f"{qid}.{part}", CONTACT_MAX, f"{qid}-{part}", locale, clean, errors)
            if f"{qid}.contact" not in clean and not any(e.key == f"{qid}.contact" for e in errors):
                errors.append(
                    FieldError(
                        f"{qid}.contact",
                        f"{qid}-contact",
                        translate(
                            locale,
                            "Enter a phone number or email address so someone can contact you, or untick the box.",
                        ),
                    )
                )
        elif value not in (None, "", "no", False):
            errors.append(FieldError(qid, qid, translate(locale, "Select one of the answers shown.")))
        elif any(isinstance(raw.get(f"{qid}.{part}"), str) and raw[f"{qid}.{part}"].strip() for part in self.parts):
            # Details given without the tick: never dropped without asking, never a request they did not make.
            for part in self.parts:
                check_text(raw, f"{qid}.{part}", CONTACT_MAX, f"{qid}-{part}", locale, clean, errors)
            errors.append(
                FieldError(
                    qid,
                    qid,
                    translate(
                        locale,
                        "You wrote how to contact you. Tick the box if you would like someone to talk to you, "
                        "or delete what you wrote.",
                    ),
                )
            )
        return clean, errors

    def cell_words(self) -> list[tuple[str, str]]:
        return [*super().cell_words(), *YES_NO_WORDS, ("yes, i would like someone to talk to me", "yes")]


AnyQuestion = (
    SingleChoice | MultipleChoice | Scale | YesNo | ShortText | LongText | Info | QuoteConsent | ContactRequest
)
QUESTION_TYPES: tuple[type[Question], ...] = get_args(AnyQuestion)
TEXT_KINDS = frozenset(t.kind for t in QUESTION_TYPES if t.free_text)


def _check_choices(choices: list[Choice]) -> None:
    if len(choices) < 2:
        raise ValueError("choices: a choice question needs at least two choices")
    values = [c.value for c in choices]
    duplicates = sorted({v for v in values if values.count(v) > 1})
    if duplicates:
        raise ValueError(f"choices: choice value `{duplicates[0]}` is used twice")
    if OTHER in values or PREFER_NOT in values or "none" in values:
        raise ValueError("choices: the values `other`, `none` and `prefer_not_to_say` are reserved; use another value")
