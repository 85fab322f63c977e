"""Importing answers collected by other tools (Microsoft Forms, Google Forms, SmartSurvey, Citizen
Space) from CSV or Excel (.xlsx): columns are matched to questions, each row goes through submissions.record() like
any other answer (checked, redacted, flagged, themed), and every rejected row is reported with its
line number in the file. With all_or_nothing, one bad row means nothing is stored.

Each answer keeps the day it was given: the export's completion time (Microsoft Forms "Completion time",
Google Forms "Timestamp", SmartSurvey "Ended", or the column mapped to `submitted_on`). A row already
imported (the same survey and the same source row id: Microsoft Forms "ID", a column mapped to `source_id`, or
Google's timestamp with the row's answers, since two young people can send in the same minute) is not stored again,
whether it comes back as CSV or as Excel.

An import is planned, then stored: `plan_import` reads the file and checks every row (nothing is written),
`store_plan` stores the rows that passed. `voice import` does both at once (`import_csv`); the staff
pages show the plan first (voice.web.uploads, with the file held in voice.intake.uploads). A refused row is
said in plain words: the column, what it held (a list as its words, whole items only; never the words of
a free-text answer, which may hold personal details), and the problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
from sqlite_utils import Database

from voice.common.dates import DateError, parse_day, parse_moment
from voice.common.i18n import N_, translate, translate_plural
from voice.common.text import clean_text
from voice.intake.submissions import DEFAULTS, RecordOptions, already_stored, record
from voice.reading.redact import Terms
from voice.reading.themes import AnswerReader
from voice.store.audit import record_event
from voice.store.db import write_lock
from voice.store.versions import Published
from voice.surveys.forms import FieldError, check_all
from voice.surveys.schema import OTHER, PREFER_NOT, AnyQuestion

MAX_ROWS = 200_000


class RowProblem(msgspec.Struct, frozen=True):
    line: int
    """The line in the file (the header is line 1)."""
    problems: list[str]
    """Why the row is refused, in plain words, one sentence each: `column (what it held): problem`."""

    @property
    def message(self) -> str:
        return " ".join(self.problems)


class ImportResult(msgspec.Struct, frozen=True):
    stored: int
    rejected: list[RowProblem]
    unmatched_columns: list[str]
    already: int = 0
    """Rows imported before (same source row id): not stored again."""
    date_column: str | None = None
    """The column each answer's day came from (None: the day of the import)."""
    id_column: str | None = None
    """The column that told rows apart (None: a re-import would store the rows again)."""


class PlannedRow(msgspec.Struct, frozen=True):
    """A row that passed every check, as it will be stored."""

    line: int
    answers: dict[str, Any]
    day: dt.date | None
    """The day it was answered (None: the day it is stored)."""
    source_key: str | None
    """What tells it apart from every other row of its survey's source (None: nothing does)."""


class ImportPlan(msgspec.Struct, frozen=True):
    """What importing a file would do, worked out without writing anything."""

    rows: list[PlannedRow]
    """The rows that will be stored."""
    rejected: list[RowProblem]
    already: int
    """Rows imported before (or twice in the file): not stored again."""
    columns: list[tuple[str, str]]
    """Each column imported, and the answer it fills: (header, question's words)."""
    unmatched_columns: list[str]
    date_column: str | None = None
    id_column: str | None = None


class ImportFileError(ValueError):
    """A file that cannot be imported at all (nothing was stored). `message` % `params` is the English;
    the staff pages translate `message` first."""

    def __init__(self, message: str, **params: str) -> None:
        super().__init__(message % params if params else message)
        self.message, self.params = message, params


EMPTY_FILE = N_("%(file)s: the file is empty")
NOT_UTF8 = N_("%(file)s: the file is not UTF-8; export it as 'CSV UTF-8'")
NOT_CSV = N_("%(file)s: line %(line)s: this is not a CSV file that can be read")
NOT_XLSX = N_(
    "%(file)s: this is not an Excel workbook that can be read; open it in Excel and save it as "
    "an Excel Workbook (.xlsx)"
)
EMPTY_SHEET = N_("%(file)s: the first worksheet is empty")
TOO_MANY_ROWS = N_("%(file)s: %(rows)s rows; import at most %(max)s at a time")
TOO_MANY_COLUMNS = N_("%(file)s: row %(row)s has more than %(max)s columns; no survey has that many")
NO_COLUMNS = N_(
    "%(file)s: no column heading matches a question of “%(survey)s”. Name each column by its "
    "question’s words or its id."
)
NO_SUCH_COLUMN = N_("%(file)s: there is no column “%(column)s” to take %(target)s from")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("(optional)", "").split()).strip(" ?:.")


DATE_COLUMNS = (
    *("completion time", "timestamp", "ended", "end date", "date submitted", "submitted on", "submitted"),
    *("date", "date completed", "completed", "response date", "submission date", "day"),
)
"""Headers of the column with each answer's time: Microsoft Forms, Google Forms, SmartSurvey, others."""
ID_COLUMNS = ("id", "response id", "respondent id", "response number")
"""Headers of the column with each row's own id (Microsoft Forms, SmartSurvey, Citizen Space)."""
SUBMITTED_ON, SOURCE_ID = "submitted_on", "source_id"
"""What a column can be mapped to besides a question: the answer's day, the row's id in its source."""


def special_columns(headers: list[str], explicit: dict[str, str]) -> tuple[int | None, int | None]:
    """(the date column, the row id column): mapped explicitly, else recognised by their usual headers;
    Google Forms has no id, so there its timestamp is the id."""

    def find(target: str, usual: tuple[str, ...]) -> int | None:
        chosen = [i for i, h in enumerate(headers) if explicit.get(h) == target]
        if chosen:
            return chosen[0]
        return next((i for i, h in enumerate(headers) if _norm(h) in usual), None)

    date, row_id = find(SUBMITTED_ON, DATE_COLUMNS), find(SOURCE_ID, ID_COLUMNS)
    if row_id is None and date is not None and _norm(headers[date]) == "timestamp":
        row_id = date
    return date, row_id


def column_map(headers: list[str], questions: list[AnyQuestion], explicit: dict[str, str]) -> dict[int, str]:
    """Column index to answer key: from `explicit` (column header to key), else by question id or label."""
    by_name: dict[str, str] = {}
    for q in questions:
        by_name[_norm(q.id)] = q.id
        by_name[_norm(q.label)] = q.id
        for part in ("other", "name", "contact", "when"):
            by_name[_norm(f"{q.id}.{part}")] = f"{q.id}.{part}"
    found = {}
    for index, header in enumerate(headers):
        key = explicit.get(header) or by_name.get(_norm(header))
        if key and key not in (SUBMITTED_ON, SOURCE_ID):
            found[index] = key
    return found


def matched_columns(headers: list[str], published: Published, explicit: dict[str, str] | None = None) -> dict[int, str]:
    """column_map for a survey's questions: which columns of a file it would import."""
    return column_map(headers, [q for _, q in published.survey.questions() if q.answerable], explicit or {})


def _value(question: AnyQuestion | None, cell: str) -> Any:
    """A cell as an answer: the words of an answer (its label, its value, the question type's own
    words: `cell_words`) become its value; ticked boxes split on ; or ,."""
    cell = cell.strip()
    if question is None or not cell:
        return cell or None
    labels = {_norm(words): value for words, value in question.cell_words()}
    labels[_norm("Prefer not to say")] = PREFER_NOT
    if question.many:
        return _ticked(cell, labels)
    return labels.get(_norm(cell), cell)


def _ticked(cell: str, labels: dict[str, str]) -> list[str]:
    """The boxes ticked in one cell, in order: whole labels first (a label may have a comma in it:
    "Friends, family"), then what is left, split on ; or ,."""
    rest, found = cell, []
    for label in sorted(labels, key=len, reverse=True):
        pattern = re.compile(r"(?:^|(?<=[;,]))\s*" + re.escape(label) + r"\s*(?=[;,]|$)", re.IGNORECASE)
        for m in list(pattern.finditer(rest)):
            found.append((m.start(), labels[label]))
            rest = rest[: m.start()] + "\0" * (m.end() - m.start()) + rest[m.end() :]
    found += [
        (m.start(), labels.get(_norm(m.group()), m.group().strip()))
        for m in re.finditer(r"[^;,\0]+", rest)
        if m.group().strip()
    ]
    return [value for _, value in sorted(found)]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


MAX_COLUMNS = 1_000
"""The widest row an import reads (a survey has at most a few hundred columns)."""


def read_xlsx(data: bytes, name: str) -> tuple[list[str], list[list[str]], list[int]]:
    """The first worksheet of an Excel workbook, as text cells (dates as yyyy-mm-dd): the header, the rows that have
    a cell, and each one's row number. Only the cells the sheet has are read: the size a sheet declares is ignored
    (openpyxl would fill every row out to it: a few kilobytes declaring A1:XFD1048576 are 17 billion cells), and
    rows past MAX_ROWS are counted, not kept."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ImportFileError(NOT_XLSX, file=name) from None

    def with_cells() -> Iterator[tuple[int, list[str]]]:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in values]
            while cells and not cells[-1].strip():
                cells.pop()
            if cells:
                yield number, cells

    try:
        rows, lines = _within_limits(with_cells(), name)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError):  # a workbook broken inside
        raise ImportFileError(NOT_XLSX, file=name) from None
    finally:
        workbook.close()
    if not rows:
        raise ImportFileError(EMPTY_SHEET, file=name)
    return rows[0], rows[1:], lines[1:]


def _within_limits(numbered: Iterator[tuple[int, list[str]]], name: str) -> tuple[list[list[str]], list[int]]:
    """The rows of a file (the header first) and the line each starts on, within what an import takes: a row of more
    than MAX_COLUMNS cells is refused, and rows past MAX_ROWS are counted for the message, not kept."""
    rows: list[list[str]] = []
    lines: list[int] = []
    counted = 0
    for line, row in numbered:
        counted += 1
        if counted > MAX_ROWS + 1:
            continue
        if len(row) > MAX_COLUMNS:
            raise ImportFileError(TOO_MANY_COLUMNS, file=name, row=str(line), max=f"{MAX_COLUMNS:,}")
        rows.append(row)
        lines.append(line)
    if counted - 1 > MAX_ROWS:
        raise ImportFileError(TOO_MANY_ROWS, file=name, rows=f"{counted - 1:,}", max=f"{MAX_ROWS:,}")
    return rows, lines


def read_rows(data: bytes, name: str) -> tuple[list[str], list[list[str]], list[int]]:
    """The header, the rows, and the line (or worksheet row) each row starts on."""
    if not data.strip():
        raise ImportFileError(EMPTY_FILE, file=name)
    if name.lower().endswith(".xlsx"):
        return read_xlsx(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(NOT_UTF8, file=name) from None
    reader = csv.reader(io.StringIO(text))
    try:
        # where each row starts (a cell may hold line breaks)
        rows, lines = _within_limits(((reader.line_num - row_breaks(row), row) for row in reader), name)
    except csv.Error:
        raise ImportFileError(NOT_CSV, file=name, line=str(reader.line_num)) from None
    if not rows:
        raise ImportFileError(EMPTY_FILE, file=name)
    return rows[0], rows[1:], lines[1:]


def row_breaks(row: list[str]) -> int:
    """The line breaks inside a row's quoted cells."""
    return sum(cell.count("\n") for cell in row)


def plan_import(
    db: Database,
    published: Published,
    data: bytes,
    name: str,
    *,
    explicit: dict[str, str] | None = None,
    day_first: bool = True,
    locale: str = "en",
) -> ImportPlan:
    """Read a file and check every row as record() would, writing nothing: which rows will be stored,
    which were imported before, and why each refused row is refused (in `locale`). `name` is the file's
    name as the person knows it. ImportFileError when the file cannot be imported at all."""
    headers, rows, lines = read_rows(data, name)
    explicit = explicit or {}
    questions = [q for _, q in published.survey.questions() if q.answerable]
    mapping = matched_columns(headers, published, explicit)
    if not mapping:
        raise ImportFileError(NO_COLUMNS, file=name, survey=published.survey.title)
    for header, target in explicit.items():
        if target in (SUBMITTED_ON, SOURCE_ID) and header not in headers:
            raise ImportFileError(NO_SUCH_COLUMN, file=name, column=header, target=target)
    date_at, id_at = special_columns(headers, explicit)
    by_id = {q.id: q for q in questions}
    column_of = {key: headers[index] for index, key in sorted(mapping.items(), reverse=True)}
    planned: list[PlannedRow] = []
    rejected: list[RowProblem] = []
    already, seen = 0, set()
    times = Counter(_timestamp_key(headers, row, date_at, id_at, day_first, published.slug) for row in rows)
    for line, row in zip(lines, rows, strict=True):
        if not any(cell.strip() for cell in row):
            continue
        answers = _row_answers(row, mapping, by_id)
        problems = []
        try:
            day, source_key = _when_and_which(headers, row, date_at, id_at, day_first, published.slug)
        except DateError:
            day, source_key = None, None
            written = row[date_at].strip() if date_at is not None and date_at < len(row) else ""
            problems.append(
                f"{headers[date_at or 0]} ({_shorter(written)}): "
                + translate(locale, "Not a real date: write it like 27/3/2021 or 2021-03-27.")
            )
        _, errors = check_all(published.survey, answers, locale)
        problems += [_reason(e, answers, by_id, column_of, locale) for e in errors]
        if problems:
            rejected.append(RowProblem(line, problems))
            continue
        earlier = False
        if source_key is not None and id_at == date_at:
            # A timestamp is a row's id only with its answers: young people who sent at the same minute are not one
            # row imported twice. (Before, the timestamp alone was the id: a timestamp once in the file still is.)
            earlier = times[source_key] == 1 and already_stored(db, published.slug, source_key)
            source_key += ":" + hashlib.sha256(msgspec.json.encode(answers, order="sorted")).hexdigest()[:16]
        if source_key is not None and (earlier or source_key in seen or already_stored(db, published.slug, source_key)):
            already += 1
        else:
            if source_key is not None:
                seen.add(source_key)
            planned.append(PlannedRow(line, answers, day, source_key))
    columns = [(headers[index], _key_words(by_id, key, locale)) for index, key in sorted(mapping.items())]
    unmatched = [h for i, h in enumerate(headers) if i not in mapping and i not in (date_at, id_at) and h.strip()]
    return ImportPlan(
        planned,
        rejected,
        already,
        columns,
        unmatched,
        headers[date_at] if date_at is not None else None,
        headers[id_at] if id_at is not None else None,
    )


def store_plan(
    db: Database,
    published: Published,
    plan: ImportPlan,
    name: str,
    *,
    channel: str = "import",
    by: str = "an import",
    progress: Callable[[int], object] | None = None,
    options: RecordOptions = DEFAULTS,
) -> ImportResult:
    """Store the rows a plan found good, through record() (with `options`: the redaction list, the
    answer_reader, read_now ...; each row's day and source row id its own), in one transaction, with the import in the audit log (`by`, the
    file's `name`, how many rows were stored and refused). A row stored meanwhile by someone else
    (the same source row id) is counted as imported before."""
    stored, already = 0, plan.already
    with write_lock, db.atomic():
        for row in plan.rows:
            with db.atomic():  # a savepoint: a row that fails leaves nothing behind
                recorded = record(
                    db,
                    published,
                    row.answers,
                    channel,
                    msgspec.structs.replace(options, today=row.day, submission_key=row.source_key),
                )
            if recorded.duplicate:
                already += 1
            else:
                stored += 1
            if progress:
                progress(1)
        record_event(
            db,
            by,
            "answers imported",
            f"survey:{published.slug}",
            f"{clean_text(name)}: {stored} stored, {already} already imported, {len(plan.rejected)} rejected",
        )
    return ImportResult(stored, plan.rejected, plan.unmatched_columns, already, plan.date_column, plan.id_column)


def import_csv(
    db: Database,
    published: Published,
    path: Path,
    *,
    channel: str = "import",
    explicit: dict[str, str] | None = None,
    all_or_nothing: bool = False,
    terms: Terms | None = None,
    answer_reader: AnswerReader | None = None,
    flag_role: str = "safeguarding lead",
    day_first: bool = True,
    by: str = "an import",
    progress: Callable[[int], object] | None = None,
) -> ImportResult:
    """`voice import`: plan and store at once (with all_or_nothing, nothing when any row is refused)."""
    plan = plan_import(db, published, path.read_bytes(), str(path), explicit=explicit, day_first=day_first)
    if progress:
        progress(max(path.read_bytes().count(b"\n") - 1 - len(plan.rows), 0))
    if plan.rejected and all_or_nothing:
        return ImportResult(0, plan.rejected, plan.unmatched_columns, 0, plan.date_column, plan.id_column)
    return store_plan(
        db,
        published,
        plan,
        path.name,
        channel=channel,
        by=by,
        progress=progress,
        options=RecordOptions(terms=terms, answer_reader=answer_reader, flag_role=flag_role),
    )


SHOWN_CHARS = 120
"""The most of a refused cell a report repeats (whole items of a list; a long value up to a word)."""


def _shorter(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SHOWN_CHARS:
        return text
    return text[:SHOWN_CHARS].rsplit(" ", 1)[0] + "…"


def _words(items: list[str], locale: str) -> str:
    """Items as words, "a, b, c": whole items only; past SHOWN_CHARS, "and N more"."""
    shown: list[str] = []
    for item in items:
        if shown and len(", ".join([*shown, item])) > SHOWN_CHARS:
            rest = len(items) - len(shown)
            return ", ".join(shown) + " " + translate_plural(locale, "and %(num)s more", "and %(num)s more", rest)
        shown.append(_shorter(item))
    return ", ".join(shown)


def _reason(
    error: FieldError, answers: dict[str, Any], by_id: dict[str, AnyQuestion], column_of: dict[str, str], locale: str
) -> str:
    """One problem of a refused row in plain words: the column (else the question's words), what the
    cell held as words (choices by their labels; never free text), and the check's own message."""
    qid, _, part = error.key.partition(".")
    question = by_id.get(qid)
    where = column_of.get(error.key) or (question.label if question else error.key)
    value = answers.get(error.key)
    if question is None or part or question.free_text or value in (None, "", []):
        return f"{where}: {error.message}"
    labels = {c.value: c.label for c in getattr(question, "choices", [])} | {
        OTHER: getattr(question, "other", None) or OTHER
    }
    items = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    message = error.message
    unknown = [v for v in items if v not in (question.values() or [])]
    if len(items) > 1 and unknown:
        message += " " + translate_plural(
            locale,
            "Not an answer to this question: %(values)s.",
            "Not answers to this question: %(values)s.",
            len(unknown),
            values=_words(unknown, locale),
        )
    return f"{where} ({_words([labels.get(v, v) for v in items], locale)}): {message}"


CONTACT_PARTS = {
    "name": N_("What should we call you?"),
    "contact": N_("Phone number or email address"),
    "when": N_("When is a good time to contact you?"),
}


def _key_words(by_id: dict[str, AnyQuestion], key: str, locale: str) -> str:
    """The question an answer key fills, in its survey's words ("label: part" for a part of one)."""
    qid, _, part = key.partition(".")
    question = by_id[qid]
    if not part:
        return question.label
    if part == OTHER:
        return f"{question.label}: {getattr(question, 'other', None) or OTHER}"
    return f"{question.label}: {translate(locale, CONTACT_PARTS.get(part, part))}"


def _row_answers(row: list[str], mapping: dict[int, str], by_id: dict[str, AnyQuestion]) -> dict[str, Any]:
    answers = {}
    for index, key in mapping.items():
        value = _value(by_id.get(key), row[index] if index < len(row) else "")
        if value not in (None, "", []):
            answers[key] = value
    return answers


def _timestamp_key(
    headers: list[str], row: list[str], date_at: int | None, id_at: int | None, day_first: bool, slug: str
) -> str | None:
    """A row's key where its timestamp is its id (None otherwise, or where the timestamp cannot be read)."""
    if id_at is None or id_at != date_at:
        return None
    try:
        return _when_and_which(headers, row, date_at, id_at, day_first, slug)[1]
    except DateError:
        return None


def _when_and_which(
    headers: list[str], row: list[str], date_at: int | None, id_at: int | None, day_first: bool, slug: str
) -> tuple[dt.date | None, str | None]:
    """The day a row's answers were given (None: today), and the key that tells it apart from every other
    row of this survey's source (None: it cannot be told apart). A timestamp used as the id is read as a
    moment, so the same row is the same key whether its file was CSV or Excel."""

    def cell(at: int | None) -> str:
        return row[at].strip() if at is not None and at < len(row) else ""

    day = parse_day(cell(date_at), day_first=day_first) if cell(date_at) else None
    source = cell(id_at)
    if not source:
        return day, None
    if id_at == date_at:
        source = parse_moment(source, day_first=day_first).isoformat()
    return day, f"import:{slug}:{headers[id_at or 0]}:{source}"
