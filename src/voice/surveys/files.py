"""Survey files: reading YAML, and the checks behind `voice check`.

Problems are reported as ``Problem(file, line, path, message)``, one per problem, so an author can fix
them all in one go. msgspec gives the path of a problem; the line comes from the YAML node at that path.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints

import msgspec
import yaml

from voice.common.i18n import DEFAULT_TEXTS
from voice.common.settings import resource_dir
from voice.surveys.questions import Choice, ShowIf
from voice.surveys.schema import (
    AnyQuestion,
    ChoiceText,
    QuestionText,
    Survey,
    SurveyText,
)

log = logging.getLogger(__name__)
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
SURVEY_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 1_000_000
PICTURES = frozenset(p.stem for p in (resource_dir("static") / "pictures").glob("*.svg"))
"""The pictures a choice can show (static/pictures/NAME.svg)."""


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


# Nor are dates read by YAML: PyYAML turns `2026-02-30` into a Python error, not a problem with a line.
# They stay text, and msgspec checks them where the schema wants a date, saying where.
SurveyLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for key, resolvers in _Loader.yaml_implicit_resolvers.items()
}
SurveyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _yaml_load(text: str) -> Any:
    return yaml.load(text, Loader=SurveyLoader)  # noqa: S506 - SurveyLoader is a SafeLoader


def _read_yaml(text: str, source: str) -> tuple[yaml.Node | None, Any]:
    """The YAML tree (for lines) and the data, or SurveyFileError saying where the YAML is broken."""
    try:
        return yaml.compose(text, Loader=SurveyLoader), _yaml_load(text)
    except yaml.YAMLError as exc:
        mark, context = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
        detail = getattr(exc, "problem", None) or str(exc)
        if context is not None and mark is not None and context.line != mark.line:
            detail += f" (look at line {context.line + 1}, where this part starts)"
        raise SurveyFileError(
            [Problem(source, mark.line + 1 if mark else None, "$", f"this is not valid YAML: {detail}")]
        ) from None


def line_of(root: yaml.Node | None, path: str) -> int | None:
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
_TYPES = ", ".join(t.__struct_config__.tag for t in AnyQuestion.__args__)


def _friendly(message: str, path: str) -> tuple[str, str]:
    """Plain words for msgspec's messages; returns (path, message)."""
    if m := re.match(r"Object contains unknown field `(.+)`", message):
        if " " in m[1]:
            return f"{path}.{m[1]}", (
                f"unknown key `{m[1]}`: if it is part of the text before it, put that "
                "text in quotes (a comma inside { } starts a new key)"
            )
        return f"{path}.{m[1]}", f"unknown key `{m[1]}`: check the spelling, or remove it"
    if m := re.match(r"Object missing required field `(.+)`", message):
        return f"{path}.{m[1]}", f"`{m[1]}` is missing"
    if path.endswith(".type") and message.startswith("Invalid value"):
        return path, f"{message.replace('Invalid value', 'unknown question type')}; use one of: {_TYPES}"
    if message.startswith(("Invalid RFC3339 encoded date", "Expected `date`")):
        return path, "not a date that exists: write it as YYYY-MM-DD, for example 2022-09-01"
    if path.endswith(".year") and message.startswith("Expected `str` matching regex"):
        return path, "not a business year: write it like 2022/23 (April 2022 to March 2023)"
    if m := re.match(r"Expected `str` matching regex '(.+)'", message):
        dash = "-]" in m[1] or "\\-" in m[1]
        hint = (
            "lower-case letters, digits, _ and -" if dash else "lower-case letters, digits and _ (start with a letter)"
        )
        return path, f"use only {hint}"
    if m := re.match(r"^(choices|max): (.*)$", message, re.S):
        return f"{path}.{m[1]}", m[2]
    if message == "Expected `str`, got `bool`":
        return path, "expected text, got true/false: put the value in quotes"
    if message == "Expected `str` of length >= 1":
        return path, "must not be empty"
    if message.startswith("Expected `array` of length >= 1"):
        return path, "needs at least one item"
    return path, message


def _convert(obj: Any, typ: Any, prefix: str) -> tuple[Any, list[tuple[str, str]]]:
    """`obj` as `typ`, or every problem in it (not only the first msgspec meets): where the first is
    inside a struct or a list, each field and item is tried on its own."""
    try:
        return msgspec.convert(obj, typ), []
    except msgspec.ValidationError as exc:
        m = _AT.match(str(exc))
        msg, path = (m["msg"], m["path"]) if m else (str(exc), "$")
        first = [_friendly(_allowed(msg, typ, path[1:]), prefix + path[1:])]
    return None, _every_problem(obj, typ, prefix) or first


def _every_problem(obj: Any, typ: Any, prefix: str) -> list[tuple[str, str]]:
    """The problems of each field of a struct, or of each item of a list, found one by one."""
    origin, args = get_origin(typ), get_args(typ)
    if origin is Annotated:
        return _every_problem(obj, args[0], prefix)
    if origin is list and isinstance(obj, list):
        return [e for i, item in enumerate(obj) for e in _convert(item, args[0], f"{prefix}[{i}]")[1]]
    if not (isinstance(typ, type) and issubclass(typ, msgspec.Struct) and isinstance(obj, dict)):
        return []
    hints = get_type_hints(typ, include_extras=True)
    fields = {f.encode_name: f for f in msgspec.structs.fields(typ)}
    found = []
    if typ.__struct_config__.forbid_unknown_fields:
        found += [_friendly(f"Object contains unknown field `{key}`", prefix) for key in obj if key not in fields]
    for key, field in fields.items():
        if key not in obj:
            if field.required:
                found.append(_friendly(f"Object missing required field `{key}`", prefix))
            continue
        found += _convert(obj[key], hints[field.name], f"{prefix}.{key}")[1]
    return found


def _allowed(message: str, typ: Any, path: str) -> str:
    """msgspec's "Invalid enum value 'x'" with the values that are allowed, when the type says them."""
    if not message.startswith("Invalid enum value") or get_origin(typ) is not Literal:
        return message
    value = message.removeprefix("Invalid enum value").strip()
    return f"{value} is not allowed here; use one of: {', '.join(str(a) for a in get_args(typ))}"


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
            if q.kind == "contact_request" and q.hint and re.search(r"\b(?:working |business )?days?\b", q.hint):
                errors.append(
                    (
                        f"{path}.hint",
                        "do not promise a time here: the form says when a trained worker "
                        "will get in touch, from VOICE_CONTACT_WORKING_DAYS, so the promise and the day the "
                        "request is due cannot disagree",
                    )
                )
    if survey.opens and survey.closes and survey.closes < survey.opens:
        errors.append(("$.closes", "`closes` is before `opens`"))
    return errors + _check_words(survey)


def _check_words(survey: Survey) -> list[tuple[str, str]]:
    """Translations and easy read: each names real pages, questions and choices, and a translation
    has every word the survey shows (a page half in one language is worse than one in English)."""
    errors: list[tuple[str, str]] = []
    own, *others = survey.languages
    if len(set(survey.languages)) != len(survey.languages):
        errors.append(("$.languages", "a language is listed twice"))
    for code in others:
        if code not in survey.translations:
            errors.append(("$.languages", f"`{code}` is listed but there is no `translations.{code}`"))
    for code, text in survey.translations.items():
        if code == own:
            errors.append((f"$.translations.{code}", f"`{code}` is the survey's own language (first in `languages`)"))
        elif code not in others:
            errors.append((f"$.translations.{code}", f"add `{code}` to `languages` to offer this translation"))
        errors += _check_text(survey, text, f"$.translations.{code}", complete=True)
    if survey.easy_read is not None:
        errors += _check_text(survey, survey.easy_read, "$.easy_read", complete=False)
    for i, page in enumerate(survey.pages):
        for j, q in enumerate(page.questions):
            for k, c in enumerate(getattr(q, "choices", [])):
                errors += _check_picture(c, f"$.pages[{i}].questions[{j}].choices[{k}]")
    return errors


def _check_picture(choice: Choice | ChoiceText, path: str) -> list[tuple[str, str]]:
    if choice.picture and not choice.alt:
        return [(f"{path}.alt", "a picture needs `alt`: words saying what it shows, for people who cannot see it")]
    if choice.picture and choice.picture not in PICTURES:
        return [
            (f"{path}.picture", f"there is no picture `{choice.picture}`; use one of: {', '.join(sorted(PICTURES))}")
        ]
    return []


def _check_text(survey: Survey, text: SurveyText, path: str, *, complete: bool) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    if len(text.support) > len(survey.support):
        errors.append(
            (
                f"{path}.support",
                f"there are {len(survey.support)} `support` entries to translate, not {len(text.support)}",
            )
        )
    pages = {p.id for p in survey.pages}
    errors += [
        (f"{path}.pages.{page_id}", f"there is no page `{page_id}` in this survey")
        for page_id in text.pages
        if page_id not in pages
    ]
    questions = {q.id: q for _, q in survey.questions()}
    for question_id, words in text.questions.items():
        if question_id not in questions:
            errors.append((f"{path}.questions.{question_id}", f"there is no question `{question_id}` in this survey"))
        else:
            errors += _check_question_text(questions[question_id], words, f"{path}.questions.{question_id}")
    missing = _missing_words(survey, text) if complete else []
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        errors.append((path, f"the translation is missing {len(missing)} of the survey's words: {shown}"))
    return errors


def _missing_words(survey: Survey, text: SurveyText) -> list[str]:
    """Where the survey shows words that `text` does not give, e.g. `questions.age.hint`."""
    pairs: list[tuple[Any, Any, str]] = []  # (translation's words, survey's words, where)
    pairs += [(getattr(text, n), getattr(survey, n), n) for n in ("title", "owner", "audience")]
    pairs += [
        (getattr(text.intro, n, None), getattr(survey.intro, n), f"intro.{n}") for n in ("why", "who_sees", "anonymity")
    ]
    pairs += [
        (getattr(text.closing, n, None), getattr(survey.closing, n), f"closing.{n}")
        for n in ("next_steps", "publish_when")
    ]
    for i, entry in enumerate(survey.support):
        given_support = text.support[i] if i < len(text.support) else None
        pairs += [
            (getattr(given_support, n, None), getattr(entry, n), f"support[{i}].{n}")
            for n in ("name", "description", "hours")
        ]
    for page in survey.pages:
        given_page = text.pages.get(page.id)
        pairs += [(getattr(given_page, n, None), getattr(page, n), f"pages.{page.id}.{n}") for n in ("title", "intro")]
        for q in page.questions:
            given = text.questions.get(q.id)
            for name in ("label", "hint", "text", "other", "none_option", "labels"):
                if not (
                    name == "label" and q.label in DEFAULT_TEXTS
                ):  # the product's words: its catalogue translates them
                    pairs.append((getattr(given, name, None), getattr(q, name, None), f"questions.{q.id}.{name}"))
            for c in getattr(q, "choices", []):
                word = given.choices.get(c.value) if given else None
                pairs.append(
                    (
                        word if isinstance(word, str) else getattr(word, "label", None),
                        c.label,
                        f"questions.{q.id}.choices.{c.value}",
                    )
                )
    return [where for have, original, where in pairs if original is not None and have is None]


def _check_question_text(question: AnyQuestion, words: QuestionText, path: str) -> list[tuple[str, str]]:
    errors: list[tuple[str, str]] = []
    for name in ("text", "other", "none_option", "labels"):
        if getattr(words, name) is not None and getattr(question, name, None) is None:
            errors.append((f"{path}.{name}", f"`{question.id}` has no `{name}` to translate"))
    if words.labels is not None and len(words.labels) != len(getattr(question, "labels", [])):
        errors.append((f"{path}.labels", f"give {len(getattr(question, 'labels', []))} labels, one for each point"))
    values = {c.value for c in getattr(question, "choices", [])}
    for value, choice in words.choices.items():
        if value not in values:
            errors.append((f"{path}.choices.{value}", f"`{question.id}` has no choice `{value}`"))
        elif isinstance(choice, ChoiceText):
            errors += _check_picture(choice, f"{path}.choices.{value}")
    return errors


def _check_show_if(
    cond: ShowIf,
    page: int,
    own_id: str | None,
    seen: dict[str, tuple[int, AnyQuestion]],
    every_id: set[str],
    path: str,
) -> list[tuple[str, str]]:
    if cond.question == own_id:
        return [(f"{path}.question", "a question cannot depend on its own answer")]
    if cond.question not in every_id:
        return [(f"{path}.question", f"there is no question `{cond.question}` in this survey")]
    if cond.question not in seen:
        return [
            (f"{path}.question", f"`{cond.question}` comes later in the survey; show_if can only use earlier answers")
        ]
    where, target = seen[cond.question]
    if where == page:
        return [
            (
                f"{path}.question",
                f"`{cond.question}` is on the same page; show_if can only use answers from earlier pages",
            )
        ]
    allowed = target.values()
    if allowed is None:
        return [(f"{path}.question", f"`{cond.question}` is a {target.kind} question, which show_if cannot use")]
    bad = [v for v in cond.values if v not in allowed]
    if bad:
        return [
            (
                f"{path}.{'equals' if cond.equals is not None else 'any_of'}",
                f"`{bad[0]}` is not an answer to `{cond.question}`; use one of: {', '.join(allowed)}",
            )
        ]
    return []


def parse_survey(text: str, source: str, slug: str) -> LoadedSurvey:
    """Decode and check one survey file's text. Raises SurveyFileError with every problem found."""
    problems: list[Problem] = []

    def problem(path: str, message: str, line: int | None = None) -> None:
        problems.append(Problem(source, line, path, message))

    if not SLUG_RE.match(slug):
        problem("$", "the file name must be lower-case letters, digits and - (it becomes the survey's web address)")
    try:
        root, data = _read_yaml(text, source)
    except SurveyFileError as exc:
        raise SurveyFileError(problems + exc.problems) from None
    survey, errors = _decode(data)
    if survey is not None:
        errors += _cross_check(survey)
    for path, message in errors:
        problem(path, message, line_of(root, path))
    if problems or survey is None:
        raise SurveyFileError(problems)
    digest = hashlib.sha256(msgspec.json.encode(survey, order="sorted")).hexdigest()
    return LoadedSurvey(slug=slug, survey=survey, content_hash=digest, source=source)


def read_text_file(path: Path, what: str = "a survey file") -> str:
    """A YAML file's text, or SurveyFileError saying plainly why it cannot be read."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SurveyFileError([Problem(source, None, "$", f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise SurveyFileError(
            [Problem(source, None, "$", f"the file is {len(raw):,} bytes; {what} can be at most {MAX_FILE_BYTES:,}")]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SurveyFileError([Problem(source, line, "$", "the file is not UTF-8 text; save it as UTF-8")]) from None


def load_survey(path: Path) -> LoadedSurvey:
    return parse_survey(read_text_file(path), str(path), path.stem)


def parse_yaml_as(text: str, source: str, typ: Any) -> tuple[Any, yaml.Node | None]:
    """Any other YAML file of ours (priorities, taxonomy) decoded into `typ`: problems come with
    their line, as for surveys. Returns the value and the YAML tree, for further checks' lines."""
    root, data = _read_yaml(text, source)
    value, errors = _convert(data, typ, "$")
    if errors:
        raise SurveyFileError([Problem(source, line_of(root, path), path, message) for path, message in errors])
    return value, root


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
        except Exception as exc:
            log.exception("reading %s", path)
            problems.append(Problem(str(path), None, "$", f"cannot be read ({type(exc).__name__}: {exc})"))
            continue
        if any(s.slug == item.slug for s in loaded):
            problems.append(Problem(item.source, None, "$", f"another file already defines the survey `{item.slug}`"))
            continue
        loaded.append(item)
    return loaded, problems
