"""The survey schema: one set of msgspec Structs decodes a survey file, is stored as a version,
is published by the API and is read by the form renderer. Each question type is a class of
questions.py (its answers and the names others use, OTHER, PREFER_NOT, TEXT_KINDS and AnyQuestion, are
given here too). Reading files and reporting their problems is in files.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterator
from typing import Annotated, Any, Generic, Literal, TypeVar

import msgspec
from msgspec import Meta

from voice.common.i18n import DEFAULT_TEXTS, N_
from voice.surveys.questions import OTHER as OTHER
from voice.surveys.questions import PREFER_NOT as PREFER_NOT
from voice.surveys.questions import TEXT_KINDS as TEXT_KINDS
from voice.surveys.questions import AnyQuestion as AnyQuestion
from voice.surveys.questions import Choice, Id, Line, Para, PictureName, ShowIf

Language = Annotated[str, Meta(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")]


class Base(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, omit_defaults=True):
    """Strict, immutable, and unknown keys are an error (they are nearly always typos), as questions.Base."""


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
    Support(
        name=N_("Childline"),
        description=N_("Free, private and confidential, for anyone under 19. Call any time, day or night."),
        phone="0800 1111",
        url="https://www.childline.org.uk/",
    ),
    Support(
        name=N_("Samaritans"),
        description=N_("Free, for anyone of any age, 19 to 25 too. Call any time, day or night."),
        phone="116 123",
        url="https://www.samaritans.org/",
    ),
    Support(
        name=N_("In an emergency"),
        description=N_("If you or someone else is in danger right now, call 999."),
        phone="999",
    ),
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
        support = [
            msgspec.structs.replace(
                s, **_with(s, text.support[i] if i < len(text.support) else None, ("name", "description", "hours"))
            )
            for i, s in enumerate(self.support)
        ]
        pages = [
            msgspec.structs.replace(
                page,
                **_with(page, text.pages.get(page.id), ("title", "intro")),
                questions=[_question_in(q, text.questions.get(q.id)) for q in page.questions],
            )
            for page in self.pages
        ]
        return msgspec.structs.replace(
            self,
            **_with(self, text, ("title", "owner", "audience")),
            intro=msgspec.structs.replace(
                self.intro, **_with(self.intro, text.intro, ("why", "who_sees", "anonymity"))
            ),
            closing=msgspec.structs.replace(
                self.closing, **_with(self.closing, text.closing, ("next_steps", "publish_when"))
            ),
            support=support,
            pages=pages,
            translations={},
            easy_read=None,
            languages=[language],
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
