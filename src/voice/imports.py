"""Importing answers collected by other tools (Microsoft Forms, Google Forms, SmartSurvey, Citizen
Space) from CSV or Excel (.xlsx): columns are matched to questions, each row goes through submissions.record() like
any other answer (checked, redacted, flagged, themed), and every rejected row is reported with its
line number. With all_or_nothing, one bad row means nothing is stored.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
from sqlite_utils import Database

from voice.catalogue import Published
from voice.db import write_lock
from voice.redact import Terms
from voice.submissions import InvalidAnswersError, record
from voice.surveys import AnyQuestion
from voice.themes import Themer

MAX_ROWS = 200_000


class RowProblem(msgspec.Struct, frozen=True):
    line: int
    """The line in the file (the header is line 1)."""
    message: str


class ImportResult(msgspec.Struct, frozen=True):
    stored: int
    rejected: list[RowProblem]
    unmatched_columns: list[str]


class ImportFileError(ValueError):
    pass


class _RollbackError(Exception):
    pass


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("(optional)", "").split()).strip(" ?:.")


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
        if key:
            found[index] = key
    return found


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
    if question.kind == "multiple_choice":
        parts = [p for p in (x.strip() for x in cell.replace(";", ",").split(",")) if p]
        return [labels.get(_norm(p), p) for p in parts]
    return labels.get(_norm(cell), cell)


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


def read_rows(data: bytes, name: str) -> tuple[list[str], list[list[str]]]:
    if name.lower().endswith(".xlsx"):
        return read_xlsx(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{name}: the file is not UTF-8; export it as 'CSV UTF-8'") from None
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise ImportFileError(f"{name}: this is not a readable CSV file ({exc})") from None
    if not rows:
        raise ImportFileError(f"{name}: the file is empty")
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(f"{name}: {len(rows) - 1:,} rows; import at most {MAX_ROWS:,} at a time")
    return rows[0], rows[1:]


def import_csv(db: Database, published: Published, path: Path, *, channel: str = "import",
               explicit: dict[str, str] | None = None, all_or_nothing: bool = False, terms: Terms | None = None,
               themer: Themer | None = None, flag_role: str = "safeguarding lead",
               progress: Callable[[int], object] | None = None) -> ImportResult:
    headers, rows = read_rows(path.read_bytes(), str(path))
    questions = [q for _, q in published.survey.questions() if q.kind != "info"]
    mapping = column_map(headers, questions, explicit or {})
    if not mapping:
        raise ImportFileError(f"{path}: no column matches a question; name columns by question id or label, "
                              "or give a mapping")
    by_id = {q.id: q for q in questions}
    rejected: list[RowProblem] = []
    stored = 0
    try:
        with write_lock, db.atomic():
            for line, row in enumerate(rows, start=2):
                if not any(cell.strip() for cell in row):
                    continue
                answers = {}
                for index, key in mapping.items():
                    cell = row[index] if index < len(row) else ""
                    value = _value(by_id.get(key), cell)
                    if value not in (None, "", []):
                        answers[key] = value
                try:
                    with db.atomic():  # a savepoint: a rejected row leaves nothing behind
                        record(db, published, answers, channel, terms=terms, themer=themer, flag_role=flag_role)
                    stored += 1
                except InvalidAnswersError as exc:
                    rejected.append(RowProblem(line, "; ".join(
                        f"{e.key} ({str(answers.get(e.key, ''))[:40]!r}): {e.message}" for e in exc.errors)))
                if progress:
                    progress(1)
            if rejected and all_or_nothing:
                raise _RollbackError
    except _RollbackError:
        stored = 0
    unmatched = [h for i, h in enumerate(headers) if i not in mapping and h.strip()]
    return ImportResult(stored, rejected, unmatched)
