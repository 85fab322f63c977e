"""The survey schema: one set of msgspec Structs decodes a survey file, is stored as a version,
is published by the API and is read by the form renderer. Reading files and reporting their problems
is in survey_files.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterator
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

import msgspec
from msgspec import Meta

from voice.common.i18n import DEFAULT_TEXTS, N_

Id = Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Value = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=40)]
Line = Annotated[str, Meta(min_length=1, max_length=300)]
Para = Annotated[str, Meta(min_length=1, max_length=4000)]
Language = Annotated[str, Meta(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")]
PictureName = Annotated[str, Meta(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)]
"""A picture from the product's set: static/pictures/NAME.svg (see docs/survey-files.md)."""

OTHER = "other"
PREFER_NOT = "prefer_not_to_say"


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


class Question(Base, tag_field="type", kw_only=True, frozen=True):
    id: Id
    label: Line
    hint: str | None = None
    priorities: list[Id] = []
    show_if: ShowIf | None = None

    kind: ClassVar[str] = "question"
    # Which answers a show_if may compare with (None: this question cannot drive a show_if).
    def values(self) -> list[str] | None:
        return None


class SingleChoice(Question, tag="single_choice", kw_only=True, frozen=True):
    choices: Annotated[list[Choice], Meta(max_length=40)]
    other: Line | None = None
    """Label of an extra "Other" choice with a text box, for example "Something else (please say)"."""
    demographic: Literal["age_band", "area", "identity", "gender", "ethnicity", "care_experience"] | None = None
    prefer_not_to_say: bool | None = None
    """Offer "I'd rather not say". Defaults to on for demographic questions."""

    kind: ClassVar[str] = "single_choice"

    def __post_init__(self) -> None:
        _check_choices(self.choices)

    def values(self) -> list[str]:
        extra = ([OTHER] if self.other else []) + ([PREFER_NOT] if self.offers_prefer_not else [])
        return [c.value for c in self.choices] + extra

    @property
    def offers_prefer_not(self) -> bool:
        return self.prefer_not_to_say if self.prefer_not_to_say is not None else bool(self.demographic)


class MultipleChoice(Question, tag="multiple_choice", kw_only=True, frozen=True):
    choices: Annotated[list[Choice], Meta(max_length=40)]
    max: Annotated[int, Meta(ge=1)] | None = None
    none_option: Line | None = None
    """Label of an exclusive last option such as "None of these"."""

    kind: ClassVar[str] = "multiple_choice"

    def __post_init__(self) -> None:
        _check_choices(self.choices)
        if self.max is not None and self.max > len(self.choices):
            raise ValueError("max: `max` is more than the number of choices")

    def values(self) -> list[str]:
        return [c.value for c in self.choices] + (["none"] if self.none_option else [])


class Scale(Question, tag="scale", kw_only=True, frozen=True):
    labels: Annotated[list[Line], Meta(min_length=3, max_length=7)]
    """One word label per point, lowest first: the answer stored is the point's number (1, 2, ...)."""

    kind: ClassVar[str] = "scale"

    def values(self) -> list[str]:
        return [str(i) for i in range(1, len(self.labels) + 1)]


class YesNo(Question, tag="yes_no", kw_only=True, frozen=True):
    not_sure: bool = True

    kind: ClassVar[str] = "yes_no"

    def values(self) -> list[str]:
        return ["yes", "no"] + (["not_sure"] if self.not_sure else [])


class ShortText(Question, tag="short_text", kw_only=True, frozen=True):
    max_chars: Annotated[int, Meta(ge=10, le=500)] = 200
    kind: ClassVar[str] = "short_text"


class LongText(Question, tag="long_text", kw_only=True, frozen=True):
    max_chars: Annotated[int, Meta(ge=50, le=5000)] = 2000
    rows: Annotated[int, Meta(ge=2, le=15)] = 5
    kind: ClassVar[str] = "long_text"


class Info(Question, tag="info", kw_only=True, frozen=True):
    """A block of information with nothing to answer. `label` is its heading."""

    text: Para
    kind: ClassVar[str] = "info"


class QuoteConsent(Question, tag="quote_consent", kw_only=True, frozen=True):
    """Asks "Can we use your words, without your name, in what we publish?"; stored on the response."""

    label: Line = "Can we use your words, without your name, in what we publish?"
    kind: ClassVar[str] = "quote_consent"

    def values(self) -> list[str]:
        return ["yes", "no"]


class ContactRequest(Question, tag="contact_request", kw_only=True, frozen=True):
    """Offers "I would like someone to talk to me". Details are stored apart from the answers."""

    label: Line = "Would you like someone to talk to you?"
    kind: ClassVar[str] = "contact_request"


AnyQuestion = (
    SingleChoice | MultipleChoice | Scale | YesNo | ShortText | LongText | Info | QuoteConsent | ContactRequest
)
TEXT_KINDS = frozenset({"short_text", "long_text"})


class Page(Base, kw_only=True, frozen=True):
    id: Id
    title: Line
    intro: str | None = None
    show_if: ShowIf | None = None
    questions: Annotated[list[AnyQuestion], Meta(min_length=1, max_length=30)]


class Intro(Base, kw_only=True, frozen=True):
    why: Para
    """Why we ask: what the answers are for."""
    who_sees: Para
    """Who will see the answers."""
    anonymity: Para
    """That it is anonymous, and what that means in practice."""


class Closing(Base, kw_only=True, frozen=True):
    next_steps: Para
    """What happens next."""
    publish_when: Para
    """When and where the "you said, we did" will be published."""


class Support(Base, kw_only=True, frozen=True):
    name: Line
    description: Line
    phone: str | None = None
    text: str | None = None
    url: str | None = None
    hours: str | None = None


# The partnership's standard help, on every page, the thank-you page and every file for young people
# (WCAG 3.2.6 consistent help).
STANDARD_SUPPORT = (
    Support(name=N_("Childline"), description=N_("Free, private and confidential, for anyone under 19. Call any time, day or night."),
            phone="0800 1111", url="https://www.childline.org.uk/"),
    Support(name=N_("In an emergency"), description=N_("If you or someone else is in danger right now, call 999."),
            phone="999"),
)


# Another language's words for a survey, or its easy-read words: every field is optional here and
# stands in for the survey's own words; ids say which page, question or choice each belongs to.


class ChoiceText(Base, kw_only=True, frozen=True):
    label: Line | None = None
    hint: str | None = None
    picture: PictureName | None = None
    alt: Line | None = None


class QuestionText(Base, kw_only=True, frozen=True):
    label: Line | None = None
    hint: str | None = None
    text: Para | None = None
    other: Line | None = None
    none_option: Line | None = None
    labels: list[Line] | None = None
    choices: dict[str, Line | ChoiceText] = {}
    """By choice value: the words alone, or words with a hint or picture."""


class PageText(Base, kw_only=True, frozen=True):
    title: Line | None = None
    intro: str | None = None


class IntroText(Base, kw_only=True, frozen=True):
    why: Para | None = None
    who_sees: Para | None = None
    anonymity: Para | None = None


class ClosingText(Base, kw_only=True, frozen=True):
    next_steps: Para | None = None
    publish_when: Para | None = None


class SupportText(Base, kw_only=True, frozen=True):
    name: Line | None = None
    description: Line | None = None
    hours: str | None = None


class SurveyText(Base, kw_only=True, frozen=True):
    title: Line | None = None
    owner: Line | None = None
    audience: Line | None = None
    intro: IntroText | None = None
    closing: ClosingText | None = None
    support: list[SupportText] = []
    """In the same order as the survey's own `support`."""
    pages: dict[str, PageText] = {}
    questions: dict[str, QuestionText] = {}


def _with(original: Any, text: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The fields of `text` that are set and that `original` has, to replace in `original`."""
    if text is None:
        return {}
    fields = set(original.__struct_fields__)
    return {n: v for n in names if n in fields and (v := getattr(text, n)) is not None}


def _choice_in(choice: Choice, text: str | ChoiceText | None) -> Choice:
    if isinstance(text, str):
        return msgspec.structs.replace(choice, label=text)
    return msgspec.structs.replace(choice, **_with(choice, text, ("label", "hint", "picture", "alt")))


def _question_in(question: AnyQuestion, text: QuestionText | None) -> AnyQuestion:
    changes = _with(question, text, ("label", "hint", "text", "other", "none_option", "labels"))
    choices: list[Choice] | None = getattr(question, "choices", None)
    if text is not None and text.choices and choices is not None:
        changes["choices"] = [_choice_in(c, text.choices.get(c.value)) for c in choices]
    return msgspec.structs.replace(question, **changes)


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class PerSurvey(Generic[K, V]):
    """Something worked out once per survey object (surveys are frozen and long-lived: the catalogue's
    and their translations), kept by the object's identity and checked to be the same object; at most
    `size` kept, all forgotten when full."""

    def __init__(self, size: int = 512) -> None:
        self._found: dict[tuple[int, K], tuple[Survey, V]] = {}
        self._size = size

    def get(self, survey: Survey, key: K, make: Callable[[], V]) -> V:
        found = self._found.get((id(survey), key))
        if found is None or found[0] is not survey:
            if len(self._found) > self._size:
                self._found.clear()
            found = self._found[(id(survey), key)] = (survey, make())
        return found[1]


_IN_WORDS: PerSurvey[tuple[str, bool], Survey] = PerSurvey()
"""Surveys in other words, by (language, easy read): see Survey.in_words."""


class Survey(Base, kw_only=True, frozen=True):
    title: Line
    owner: Line
    audience: Line
    languages: list[Language] = msgspec.field(default_factory=lambda: ["en"])
    """The language the file is written in, then every language it has a translation for."""
    estimated_minutes: Annotated[int, Meta(ge=1, le=60)]
    status: Literal["open", "closed"] = "open"
    opens: dt.date | None = None
    closes: dt.date | None = None
    sensitive: bool = False
    """Shows the "Exit this page" button: for topics such as domestic abuse."""
    groups: list[Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]] = []
    """Groups of young people the survey is put to (for example ypag, care_experienced): the staff page
    "Who was asked what, when" counts them, so that nobody is asked the same things again too soon."""
    intro: Intro
    closing: Closing
    support: list[Support] = []
    """Shown on every page and on the thank-you page, after the partnership's standard helplines."""
    pages: Annotated[list[Page], Meta(min_length=1, max_length=40)]
    translations: dict[Language, SurveyText] = {}
    """The survey's words in each other language of `languages`."""
    easy_read: SurveyText | None = None
    """Easy-read words in the survey's own language: short sentences, one idea per line."""

    @property
    def language(self) -> str:
        return self.languages[0]

    def in_words(self, language: str, *, easy_read: bool = False) -> Survey:
        """The survey as shown in one of its languages, or in easy read (in its own language only).
        Ids and values stay the same, so answers are stored the same whatever the words. Made once per
        survey, language and version of the words (every page a young person sees asks for it)."""
        return _IN_WORDS.get(self, (language, easy_read), lambda: self._in_words(language, easy_read))

    def _in_words(self, language: str, easy_read: bool) -> Survey:
        text = self.translations.get(language)
        if text is None and easy_read and language == self.language:
            text = self.easy_read
        if text is None:
            return self
        support = [msgspec.structs.replace(s, **_with(s, text.support[i] if i < len(text.support) else None,
                                                     ("name", "description", "hours")))
                   for i, s in enumerate(self.support)]
        pages = [
            msgspec.structs.replace(page, **_with(page, text.pages.get(page.id), ("title", "intro")),
                                    questions=[_question_in(q, text.questions.get(q.id)) for q in page.questions])
            for page in self.pages
        ]
        return msgspec.structs.replace(
            self, **_with(self, text, ("title", "owner", "audience")),
            intro=msgspec.structs.replace(self.intro, **_with(self.intro, text.intro, ("why", "who_sees", "anonymity"))),
            closing=msgspec.structs.replace(self.closing, **_with(self.closing, text.closing, ("next_steps", "publish_when"))),
            support=support, pages=pages, translations={}, easy_read=None, languages=[language],
        )

    def questions(self) -> Iterator[tuple[int, AnyQuestion]]:
        """Every question with the index of its page."""
        for index, page in enumerate(self.pages):
            for question in page.questions:
                yield index, question

    def question(self, question_id: str) -> AnyQuestion | None:
        return next((q for _, q in self.questions() if q.id == question_id), None)

    def is_open(self, today: dt.date) -> bool:
        if self.status != "open":
            return False
        if self.opens and today < self.opens:
            return False
        return not (self.closes and today > self.closes)


def _check_choices(choices: list[Choice]) -> None:
    if len(choices) < 2:
        raise ValueError("choices: a choice question needs at least two choices")
    values = [c.value for c in choices]
    duplicates = sorted({v for v in values if values.count(v) > 1})
    if duplicates:
        raise ValueError(f"choices: choice value `{duplicates[0]}` is used twice")
    if OTHER in values or PREFER_NOT in values or "none" in values:
        raise ValueError("choices: the values `other`, `none` and `prefer_not_to_say` are reserved; use another value")


def decode_stored(definition: bytes | str) -> Survey:
    """A survey version as stored in the database (JSON)."""
    return msgspec.json.decode(definition, type=Survey)


def encode_stored(survey: Survey) -> str:
    return msgspec.json.encode(survey, order="sorted").decode()


# Words shown to young people that the schema supplies by default; marked for translation.
DEFAULT_WORDS = (
    N_("Can we use your words, without your name, in what we publish?"),
    N_("Would you like someone to talk to you?"),
)
DEFAULT_TEXTS.update(DEFAULT_WORDS)
