"""Survey definition files: the schema, loading, and the checks behind `voice check`.

A survey file is YAML (``surveys/<slug>.yaml``). One msgspec schema decodes it, the API publishes it and
the form renderer reads it. Problems are reported as ``Problem(file, line, path, message)``, one per
problem, so an author can fix them all in one go.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import msgspec
import yaml
from msgspec import Meta

from voice.i18n import N_

Id = Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Value = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=40)]
Line = Annotated[str, Meta(min_length=1, max_length=300)]
Para = Annotated[str, Meta(min_length=1, max_length=4000)]

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
SURVEY_SUFFIXES = (".yaml", ".yml")
OTHER = "other"
PREFER_NOT = "prefer_not_to_say"
MAX_FILE_BYTES = 1_000_000


class Base(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True, omit_defaults=True):
    """Strict, immutable, and unknown keys are an error (they are nearly always typos)."""


class Choice(Base, kw_only=True, frozen=True):
    value: Value
    label: Line
    hint: str | None = None


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


class Survey(Base, kw_only=True, frozen=True):
    title: Line
    owner: Line
    audience: Line
    languages: list[Annotated[str, Meta(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")]] = msgspec.field(default_factory=lambda: ["en"])
    estimated_minutes: Annotated[int, Meta(ge=1, le=60)]
    status: Literal["open", "closed"] = "open"
    opens: dt.date | None = None
    closes: dt.date | None = None
    sensitive: bool = False
    """Shows the "Exit this page" button: for topics such as domestic abuse."""
    intro: Intro
    closing: Closing
    support: list[Support] = []
    """Shown on every page and on the thank-you page, after the partnership's standard helplines."""
    pages: Annotated[list[Page], Meta(min_length=1, max_length=40)]

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


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with a survey file, for `voice check` and the server's start-up log."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}"


class LoadedSurvey(msgspec.Struct, frozen=True):
    slug: str
    survey: Survey
    content_hash: str
    source: str


class SurveyFileError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# --- YAML without the YAML 1.1 surprises -------------------------------------------------------
# PyYAML follows YAML 1.1, where `yes`, `no`, `on` and `off` are booleans: `equals: yes` would
# silently become True. Survey authors write yes/no all the time, so only `true`/`false` are booleans.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SurveyLoader(_Loader):  # type: ignore[misc]
    pass


SurveyLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in _Loader.yaml_implicit_resolvers.items()
}
SurveyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _yaml_load(text: str) -> Any:
    return yaml.load(text, Loader=SurveyLoader)  # noqa: S506 - SurveyLoader is a SafeLoader


def _line_of(root: yaml.Node | None, path: str) -> int | None:
    """The 1-based line of the deepest YAML node along a `$.a[1].b` path."""
    node, line = root, (root.start_mark.line + 1 if root is not None else None)
    for key, index in re.findall(r"\.([A-Za-z0-9_]+)|\[(\d+)\]", path):
        if isinstance(node, yaml.MappingNode) and key:
            match = next(((k, v) for k, v in node.value if getattr(k, "value", None) == key), None)
            if match is None:
                break
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and index and int(index) < len(node.value):
            node = node.value[int(index)]
            line = node.start_mark.line + 1
        else:
            break
    return line


# --- turning msgspec's one-line errors into an author's problems -------------------------------
_AT = re.compile(r"^(?P<msg>.*) - at `(?P<path>\$[^`]*)`$", re.S)
_TYPES = ", ".join(
    t.__struct_config__.tag for t in AnyQuestion.__args__
)


def _friendly(message: str, path: str) -> tuple[str, str]:
    """Plain words for msgspec's messages; returns (path, message)."""
    if m := re.match(r"Object contains unknown field `(.+)`", message):
        if " " in m[1]:
            return f"{path}.{m[1]}", (f"unknown key `{m[1]}`: if it is part of the text before it, put that "
                                      "text in quotes (a comma inside { } starts a new key)")
        return f"{path}.{m[1]}", f"unknown key `{m[1]}`: check the spelling, or remove it"
    if m := re.match(r"Object missing required field `(.+)`", message):
        return f"{path}.{m[1]}", f"`{m[1]}` is missing"
    if path.endswith(".type") and message.startswith("Invalid value"):
        return path, f"{message.replace('Invalid value', 'unknown question type')}; use one of: {_TYPES}"
    if m := re.match(r"Expected `str` matching regex '(.+)'", message):
        hint = "lower-case letters, digits and _ (start with a letter)" if "_]*$" in m[1] and "-" not in m[1] else "lower-case letters, digits, _ and -"
        return path, f"use only {hint}"
    if m := re.match(r"^(choices|max): (.*)$", message, re.S):
        return f"{path}.{m[1]}", m[2]
    if message == "Expected `str`, got `bool`":
        return path, "expected text, got true/false: put the value in quotes"
    if message.startswith("Expected `array` of length >= 1"):
        return path, "needs at least one item"
    return path, message


def _convert(obj: Any, typ: Any, prefix: str) -> tuple[Any, list[tuple[str, str]]]:
    try:
        return msgspec.convert(obj, typ), []
    except msgspec.ValidationError as exc:
        m = _AT.match(str(exc))
        msg, path = (m["msg"], m["path"]) if m else (str(exc), "$")
        return None, [_friendly(msg, prefix + path[1:])]


def _decode(data: Any) -> tuple[Survey | None, list[tuple[str, str]]]:
    """Decode a whole survey, reporting every broken question, not just the first."""
    errors: list[tuple[str, str]] = []
    if not isinstance(data, dict):
        return None, [("$", "the file must be a set of `key: value` lines (a YAML mapping)")]
    patched = dict(data)
    pages = data.get("pages")
    if isinstance(pages, list):
        patched["pages"] = []
        for i, page in enumerate(pages):
            if isinstance(page, dict) and isinstance(page.get("questions"), list):
                page = dict(page)
                questions = []
                for j, q in enumerate(page["questions"]):
                    _, errs = _convert(q, AnyQuestion, f"$.pages[{i}].questions[{j}]")
                    errors += errs
                    questions.append(q if not errs else {"type": "info", "id": f"x{j}", "label": "x", "text": "x"})
                page["questions"] = questions
            patched["pages"].append(page)
    survey, errs = _convert(patched, Survey, "$")
    return (survey if not errors else None), errors + errs


def _cross_check(survey: Survey) -> list[tuple[str, str]]:
    """What a schema cannot say: ids unique, show_if pointing backwards at real answers."""
    errors: list[tuple[str, str]] = []
    seen: dict[str, tuple[int, AnyQuestion]] = {}
    every_id = {q.id for _, q in survey.questions()}
    page_ids: set[str] = set()
    singletons: dict[str, str] = {}
    for i, page in enumerate(survey.pages):
        if page.id in page_ids:
            errors.append((f"$.pages[{i}].id", f"page id `{page.id}` is used twice; ids must be unique"))
        page_ids.add(page.id)
        if page.show_if:
            errors += _check_show_if(page.show_if, i, None, seen, every_id, f"$.pages[{i}].show_if")
        for j, q in enumerate(page.questions):
            path = f"$.pages[{i}].questions[{j}]"
            if q.show_if:
                errors += _check_show_if(q.show_if, i, q.id, seen, every_id, f"{path}.show_if")
            if q.id in seen:
                errors.append((f"{path}.id", f"question id `{q.id}` is used twice; ids must be unique"))
            else:
                seen[q.id] = (i, q)
            if q.kind in ("quote_consent", "contact_request"):
                if q.kind in singletons:
                    errors.append((f"{path}.type", f"a survey can have only one `{q.kind}` question"))
                singletons[q.kind] = q.id
    if survey.opens and survey.closes and survey.closes < survey.opens:
        errors.append(("$.closes", "`closes` is before `opens`"))
    return errors


def _check_show_if(
    cond: ShowIf, page: int, own_id: str | None, seen: dict[str, tuple[int, AnyQuestion]],
    every_id: set[str], path: str,
) -> list[tuple[str, str]]:
    if cond.question == own_id:
        return [(f"{path}.question", "a question cannot depend on its own answer")]
    if cond.question not in every_id:
        return [(f"{path}.question", f"there is no question `{cond.question}` in this survey")]
    if cond.question not in seen:
        return [(f"{path}.question", f"`{cond.question}` comes later in the survey; show_if can only use earlier answers")]
    where, target = seen[cond.question]
    if where == page:
        return [(f"{path}.question", f"`{cond.question}` is on the same page; show_if can only use answers from earlier pages")]
    allowed = target.values()
    if allowed is None:
        return [(f"{path}.question", f"`{cond.question}` is a {target.kind} question, which show_if cannot use")]
    bad = [v for v in cond.values if v not in allowed]
    if bad:
        return [(f"{path}.{'equals' if cond.equals is not None else 'any_of'}",
                 f"`{bad[0]}` is not an answer to `{cond.question}`; use one of: {', '.join(allowed)}")]
    return []


def parse_survey(text: str, source: str, slug: str) -> LoadedSurvey:
    """Decode and check one survey file's text. Raises SurveyFileError with every problem found."""
    problems: list[Problem] = []

    def problem(path: str, message: str, line: int | None = None) -> None:
        problems.append(Problem(source, line, path, message))

    if not SLUG_RE.match(slug):
        problem("$", "the file name must be lower-case letters, digits and - (it becomes the survey's web address)")
    try:
        root = yaml.compose(text, Loader=SurveyLoader)
        data = _yaml_load(text)
    except yaml.YAMLError as exc:
        mark, context = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
        detail = getattr(exc, "problem", None) or str(exc)
        if context is not None and mark is not None and context.line != mark.line:
            detail += f" (look at line {context.line + 1}, where this part starts)"
        problem("$", f"this is not valid YAML: {detail}", mark.line + 1 if mark else None)
        raise SurveyFileError(problems) from None
    survey, errors = _decode(data)
    if survey is not None:
        errors += _cross_check(survey)
    for path, message in errors:
        problem(path, message, _line_of(root, path))
    if problems or survey is None:
        raise SurveyFileError(problems)
    digest = hashlib.sha256(msgspec.json.encode(survey, order="sorted")).hexdigest()
    return LoadedSurvey(slug=slug, survey=survey, content_hash=digest, source=source)


def load_survey(path: Path) -> LoadedSurvey:
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SurveyFileError([Problem(source, None, "$", f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise SurveyFileError([Problem(source, None, "$", f"the file is {len(raw):,} bytes; a survey file can be at most {MAX_FILE_BYTES:,}")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SurveyFileError([Problem(source, line, "$", "the file is not UTF-8 text; save it as UTF-8")]) from None
    return parse_survey(text, source, path.stem)


def survey_files(paths: list[Path]) -> list[Path]:
    """Expand folders into their survey files, sorted; files are kept as given."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in SURVEY_SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


def check_paths(paths: list[Path]) -> tuple[list[LoadedSurvey], list[Problem]]:
    """Load every survey under the paths; duplicate slugs across files are a problem too."""
    loaded: list[LoadedSurvey] = []
    problems: list[Problem] = []
    files = survey_files(paths)
    for path in files:
        if not path.exists():
            problems.append(Problem(str(path), None, "$", "no such file or folder"))
            continue
        try:
            item = load_survey(path)
        except SurveyFileError as exc:
            problems += exc.problems
            continue
        if any(s.slug == item.slug for s in loaded):
            problems.append(Problem(item.source, None, "$", f"another file already defines the survey `{item.slug}`"))
            continue
        loaded.append(item)
    return loaded, problems


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
