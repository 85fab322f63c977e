"""Importing answers collected by other tools (Microsoft Forms, Google Forms, SmartSurvey, Citizen
Space) from CSV or Excel (.xlsx): columns are matched to questions, each row goes through submissions.record() like
any other answer (checked, redacted, flagged, themed), and every rejected row is reported with its
line number in the file. With all_or_nothing, one bad row means nothing is stored.

Each answer keeps the day it was given: the export's completion time (Microsoft Forms "Completion time",
Google Forms "Timestamp", SmartSurvey "Ended", or the column mapped to `submitted_on`). A row already
imported (the same survey and the same source row id: Microsoft Forms "ID", Google's timestamp, a column
mapped to `source_id`) is not stored again, whether it comes back as CSV or as Excel.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
from sqlite_utils import Database

from voice.common.dates import DateError, parse_day, parse_moment
from voice.common.text import clean_text
from voice.intake.submissions import InvalidAnswersError, record
from voice.reading.redact import Terms
from voice.reading.themes import Themer
from voice.store.audit import record_event
from voice.store.db import write_lock
from voice.store.versions import Published
from voice.surveys.schema import PREFER_NOT, AnyQuestion

MAX_ROWS = 200_000


class RowProblem(msgspec.Struct, frozen=True):
    line: int
    """The line in the file (the header is line 1)."""
    message: str


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


class ImportFileError(ValueError):
    pass


class _RollbackError(Exception):
    pass


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("(optional)", "").split()).strip(" ?:.")


DATE_COLUMNS = ("completion time", "timestamp", "ended", "end date", "date submitted", "submitted on")
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


# The product's own words for its fixed choices (as the form and its exports say them).
OWN_LABELS = {
    "quote_consent": {"yes, you can use my words": "yes", "no, do not use my words": "no"},
    "contact_request": {"yes, i would like someone to talk to me": "yes"},
}


def _value(question: AnyQuestion | None, cell: str) -> Any:
    """A cell as an answer: choice labels become their values; ticked boxes split on ; or ,."""
    cell = cell.strip()
    if question is None or not cell:
        return cell or None
    values = question.values() or []
    labels = {_norm(c.label): c.value for c in getattr(question, "choices", [])}
    labels |= {_norm(v): v for v in values}
    if question.kind == "scale":
        labels |= {_norm(label): str(i) for i, label in enumerate(question.labels, start=1)}  # type: ignore[union-attr]
    if question.kind in ("yes_no", "quote_consent", "contact_request"):
        labels |= {"yes": "yes", "y": "yes", "true": "yes", "no": "no", "n": "no", "false": "no", "not sure": "not_sure"}
        labels |= {_norm(label): value for label, value in OWN_LABELS.get(question.kind, {}).items()}
    labels[_norm("Prefer not to say")] = PREFER_NOT
    if question.kind == "multiple_choice":
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
            rest = rest[:m.start()] + "\0" * (m.end() - m.start()) + rest[m.end():]
    found += [(m.start(), labels.get(_norm(m.group()), m.group().strip()))
              for m in re.finditer(r"[^;,\0]+", rest) if m.group().strip()]
    return [value for _, value in sorted(found)]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def read_xlsx(data: bytes, name: str) -> tuple[list[str], list[list[str]]]:
    """The first worksheet of an Excel workbook, as text cells (dates as yyyy-mm-dd)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(f"{name}: this is not an Excel workbook that can be read ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    if not rows:
        raise ImportFileError(f"{name}: the first worksheet is empty")
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(f"{name}: {len(rows) - 1:,} rows; import at most {MAX_ROWS:,} at a time")
    return rows[0], rows[1:]


def read_rows(data: bytes, name: str) -> tuple[list[str], list[list[str]], list[int]]:
    """The header, the rows, and the line (or worksheet row) each row starts on."""
    if name.lower().endswith(".xlsx"):
        headers, rows = read_xlsx(data, name)
        return headers, rows, list(range(2, len(rows) + 2))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{name}: the file is not UTF-8; export it as 'CSV UTF-8'") from None
    rows, lines = [], []
    reader = csv.reader(io.StringIO(text))
    try:
        for row in reader:
            lines.append(reader.line_num - row_breaks(row))  # where the row starts (a cell may hold line breaks)
            rows.append(row)
    except csv.Error as exc:
        raise ImportFileError(f"{name}: line {reader.line_num}: this is not a readable CSV file ({exc})") from None
    if not rows:
        raise ImportFileError(f"{name}: the file is empty")
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(f"{name}: {len(rows) - 1:,} rows; import at most {MAX_ROWS:,} at a time")
    return rows[0], rows[1:], lines[1:]


def row_breaks(row: list[str]) -> int:
    """The line breaks inside a row's quoted cells."""
    return sum(cell.count("\n") for cell in row)


def import_csv(db: Database, published: Published, path: Path, *, channel: str = "import",
               explicit: dict[str, str] | None = None, all_or_nothing: bool = False, terms: Terms | None = None,
               themer: Themer | None = None, flag_role: str = "safeguarding lead", day_first: bool = True,
               by: str = "an import", progress: Callable[[int], object] | None = None) -> ImportResult:
    headers, rows, lines = read_rows(path.read_bytes(), str(path))
    explicit = explicit or {}
    questions = [q for _, q in published.survey.questions() if q.kind != "info"]
    mapping = column_map(headers, questions, explicit)
    if not mapping:
        raise ImportFileError(f"{path}: no column matches a question; name columns by question id or label, "
                              "or give a mapping")
    for header, target in explicit.items():
        if target in (SUBMITTED_ON, SOURCE_ID) and header not in headers:
            raise ImportFileError(f"{path}: there is no column `{header}` to take `{target}` from")
    date_at, id_at = special_columns(headers, explicit)
    by_id = {q.id: q for q in questions}
    rejected: list[RowProblem] = []
    stored = already = 0
    try:
        with write_lock, db.atomic():
            for line, row in zip(lines, rows, strict=True):
                if not any(cell.strip() for cell in row):
                    continue
                answers = _row_answers(row, mapping, by_id)
                try:
                    day, source_key = _when_and_which(headers, row, date_at, id_at, day_first, published.slug)
                    with db.atomic():  # a savepoint: a rejected row leaves nothing behind
                        recorded = record(db, published, answers, channel, terms=terms, themer=themer,
                                          flag_role=flag_role, today=day, submission_key=source_key)
                    if recorded.duplicate:
                        already += 1
                    else:
                        stored += 1
                except InvalidAnswersError as exc:
                    rejected.append(RowProblem(line, "; ".join(
                        f"{e.key} ({str(answers.get(e.key, ''))[:40]!r}): {e.message}" for e in exc.errors)))
                except DateError as exc:
                    rejected.append(RowProblem(line, f"{headers[date_at or 0]}: {exc}"))
                if progress:
                    progress(1)
            if rejected and all_or_nothing:
                raise _RollbackError
            record_event(db, by, "answers imported", f"survey:{published.slug}",
                         f"{clean_text(path.name)}: {stored} stored, {already} already imported, {len(rejected)} rejected")
    except _RollbackError:
        stored = already = 0
    unmatched = [h for i, h in enumerate(headers) if i not in mapping and i not in (date_at, id_at) and h.strip()]
    return ImportResult(stored, rejected, unmatched, already, headers[date_at] if date_at is not None else None,
                        headers[id_at] if id_at is not None else None)


def _row_answers(row: list[str], mapping: dict[int, str], by_id: dict[str, AnyQuestion]) -> dict[str, Any]:
    answers = {}
    for index, key in mapping.items():
        value = _value(by_id.get(key), row[index] if index < len(row) else "")
        if value not in (None, "", []):
            answers[key] = value
    return answers


def _when_and_which(headers: list[str], row: list[str], date_at: int | None, id_at: int | None, day_first: bool,
                    slug: str) -> tuple[dt.date | None, str | None]:
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
