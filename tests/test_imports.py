"""Importing CSV exports from other tools through `voice import`, with real files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import EXAMPLES
from voice.cli import main

HEADER = (
    '"How old are you?",Where do you live?,Which of these should the partnership work hardest on?,'
    "What is the one thing you would change to help young people feel safe?,Timestamp\n"
)
GOOD = [
    "14 to 15,Leicester city,Bullying; Staying safe online,More youth workers in schools,2021-03-01\n",
    "16 to 17,Rutland,Mental health and feeling OK,Call me on 07700 900123 if you want,2021-03-02\n",
    "10 to 13,Leicestershire,,I want to kill myself sometimes,2021-03-04\n",
]
BAD = "99,Mars,Flying,x,2021-03-03\n"


def run(tmp_path: Path, rows: list[str], *args: str) -> tuple[int, str, Path]:
    csv_file = tmp_path / "forms.csv"
    csv_file.write_text(HEADER + "".join(rows), encoding="utf-8")
    db = tmp_path / "v.db"
    result = CliRunner(env={"VOICE_SURVEYS_DIR": str(EXAMPLES)}).invoke(
        main, ["import", "ypag-priorities", str(csv_file), "--db", str(db), *args]
    )
    return result.exit_code, result.output, db


def count(db: Path, sql: str = "SELECT count(*) FROM responses") -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_rows_are_checked_redacted_flagged_and_themed_like_web_answers(tmp_path: Path) -> None:
    code, output, db = run(tmp_path, GOOD, "--channel", "paper")
    assert code == 0, output
    assert "Imported 3 row(s); rejected 0." in output
    with sqlite3.connect(db) as conn:
        values = dict(conn.execute("SELECT question_id || ':' || a.id, value FROM answers a").fetchall())
        assert '["bullying","online_safety"]' in values.values() and '"leicester"' in values.values()
        assert conn.execute("SELECT DISTINCT channel FROM responses").fetchall() == [("paper",)]
        assert conn.execute("SELECT text FROM answers WHERE text LIKE 'Call me%'").fetchone() == (
            "Call me on [phone] if you want",
        )
        assert conn.execute("SELECT category FROM flags WHERE tier = 'flag'").fetchall() == [("suicide",)]
    assert count(db, "SELECT count(*) FROM themes") == 3


def test_a_bad_row_is_reported_by_line_and_all_or_nothing_stores_nothing(tmp_path: Path) -> None:
    code, output, db = run(tmp_path, [GOOD[0], BAD, GOOD[1]], "--all-or-nothing")
    assert code == 1
    assert f"{tmp_path / 'forms.csv'}:3: How old are you? (99): Select one of the answers shown." in output
    assert "Nothing imported" in output
    assert count(db) == 0 and count(db, "SELECT count(*) FROM answers") == 0


def test_without_all_or_nothing_the_good_rows_are_kept(tmp_path: Path) -> None:
    code, output, db = run(tmp_path, [GOOD[0], BAD, GOOD[1]])
    assert code == 1
    assert "Imported 2 row(s); rejected 1." in output
    assert "Columns not imported" not in output  # Google's Timestamp is each answer's day (and its id)
    assert count(db) == 2


def test_a_mapping_file_and_files_that_cannot_be_read(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Age: age_band\n")
    csv_file = tmp_path / "other.csv"
    csv_file.write_text("Age,Comment\n14 to 15,hi\n")
    runner = CliRunner(env={"VOICE_SURVEYS_DIR": str(EXAMPLES)})
    done = runner.invoke(
        main, ["import", "ypag-priorities", str(csv_file), "--map", str(mapping), "--db", str(tmp_path / "v.db")]
    )
    assert done.exit_code == 0 and "Imported 1 row(s)" in done.output
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Age\nCaf\xe9\n".encode("latin-1"))
    failed = runner.invoke(main, ["import", "ypag-priorities", str(latin), "--db", str(tmp_path / "v.db")])
    assert failed.exit_code == 1 and "not UTF-8; export it as 'CSV UTF-8'" in failed.output
    unknown = runner.invoke(main, ["import", "no-such-survey", str(csv_file), "--db", str(tmp_path / "v.db")])
    assert unknown.exit_code == 1 and "There is no survey `no-such-survey`" in unknown.output


def test_excel_workbooks_import_too(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["How old are you?", "Where do you live?", "Submitted"])
    sheet.append(["14 to 15", "Rutland", dt.date(2021, 3, 1)])
    sheet.append([99, "Mars", dt.date(2021, 3, 2)])
    path = tmp_path / "export.xlsx"
    book.save(path)
    result = CliRunner(env={"VOICE_SURVEYS_DIR": str(EXAMPLES)}).invoke(
        main, ["import", "ypag-priorities", str(path), "--db", str(tmp_path / "v.db")]
    )
    assert result.exit_code == 1
    assert f"{path}:3: How old are you? (99): Select one of the answers shown." in result.output
    assert "Imported 1 row(s); rejected 1." in result.output
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    failed = CliRunner(env={"VOICE_SURVEYS_DIR": str(EXAMPLES)}).invoke(
        main, ["import", "ypag-priorities", str(broken), "--db", str(tmp_path / "v.db")]
    )
    assert failed.exit_code == 1 and "not an Excel workbook that can be read" in failed.output


def test_a_refused_list_is_said_in_words_whole_never_as_a_python_list(tmp_path: Path) -> None:
    """#27 item 5: the report said `top_worries ("['bullying', 'online_safety', 'waiting',")`."""
    four = "Bullying; Staying safe online; Waiting less for help; Mental health and feeling OK"
    long_text = "word " * 300
    code, output, _ = run(
        tmp_path,
        [
            f"14 to 15,Rutland,{four},x,2021-03-01\n",
            f'16 to 17,Mars,Bullying; Flying; Swimming,"{long_text}",2021-03-02\n',
        ],
    )
    assert code == 1
    path = tmp_path / "forms.csv"
    assert (
        f"{path}:2: Which of these should the partnership work hardest on? (Bullying, Staying safe online, "
        "Waiting less for help, Mental health and feeling OK): Select no more than 3 answers."
    ) in output
    assert f"{path}:3: Where do you live? (Mars): Select one of the answers shown." in output
    assert (
        "Which of these should the partnership work hardest on? (Bullying, Flying, Swimming): Select one of the "
        "answers shown. Not answers to this question: Flying, Swimming."
    ) in output
    # Free text is never repeated in the report (it is long, and may hold personal details): only its problem.
    assert (
        "What is the one thing you would change to help young people feel safe?: Your answer must be 1,000 "
        "characters or fewer. It has 1,499."
    ) in output
    assert "['" not in output and "word word" not in output


def test_different_answers_with_the_same_timestamp_are_all_kept_and_a_second_import_adds_none(tmp_path: Path) -> None:
    """A new user imported three young people's answers all timed 14/02/2023 12:00 (a form exported to the minute):
    "1 answer will be stored. 2 rows were imported before". Google's timestamp is a row's id only with its answers:
    the three are stored, and the same file imported again stores none of them."""
    same_time = [
        "14 to 15,Leicester city,Bullying,More youth workers,14/02/2023 12:00\n",
        "16 to 17,Rutland,Bullying,Better buses at night,14/02/2023 12:00\n",
        "10 to 13,Leicestershire,,Somewhere to go after school,14/02/2023 12:00\n",
    ]
    code, output, db = run(tmp_path, same_time)
    assert code == 0 and "Imported 3 row(s)" in output, output
    code, output, db = run(tmp_path, same_time)
    assert code == 0 and "Imported 0 row(s)" in output and count(db) == 3, output


def test_a_date_column_is_each_answers_day(tmp_path: Path) -> None:
    """A new user's file headed its first column "Date": the import said "The file has no date column" and dated
    every answer today, counting February 2023's answers in the wrong year."""
    csv_file = tmp_path / "dated.csv"
    csv_file.write_text('Date,"How old are you?",Where do you live?\n12/02/2023,14 to 15,Rutland\n', encoding="utf-8")
    db = tmp_path / "v.db"
    result = CliRunner(env={"VOICE_SURVEYS_DIR": str(EXAMPLES)}).invoke(
        main, ["import", "ypag-priorities", str(csv_file), "--db", str(db)]
    )
    assert result.exit_code == 0 and "Imported 1 row(s)" in result.output, result.output
    assert count(db, "SELECT count(*) FROM responses WHERE submitted_on = '2023-02-12'") == 1


def test_the_words_of_other_are_an_answer_the_survey_offers(tmp_path: Path) -> None:
    """A new user's file said "Somewhere else" for "Where do you live?", the words of the survey's own "Other"
    choice: refused with "Select one of the answers shown"."""
    code, output, db = run(tmp_path, ["14 to 15,Somewhere else,Bullying,More clubs,2021-03-01\n"])
    assert code == 0 and "Imported 1 row(s)" in output, output
    assert count(db, "SELECT count(*) FROM answers WHERE question_id = 'area' AND value = '\"other\"'") == 1


def sheet_declared_as(path: Path, dimension: str, last_row: int) -> None:
    """An Excel file with a heading in A1 and one answer in row `last_row`, whose sheet says it is `dimension` (the
    size a workbook declares, which openpyxl fills every row out to)."""
    import re
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "How old are you?"
    book.active[f"A{last_row}"] = "14 to 15"
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]+"/>', f'<dimension ref="{dimension}"/>'.encode(), data)
            out.writestr(item, data)


def test_an_excel_file_declaring_a_huge_sheet_is_read_as_the_cells_it_has(tmp_path: Path) -> None:
    """The pen test (eleventh session): a 4.8 KB workbook whose sheet declares A1:XFD5000 took 6 s and 600 MB more
    memory (every row filled out to 16,384 columns); declaring the whole sheet would exhaust the server. Only the cells
    a sheet has are read, empty rows are skipped (each row keeps its line number), and a row wider than any survey's
    columns is refused."""
    from voice.intake.imports import read_rows

    path = tmp_path / "declared.xlsx"
    sheet_declared_as(path, "A1:XFD1048576", 5000)
    headers, rows, lines = read_rows(path.read_bytes(), path.name)
    assert headers == ["How old are you?"] and rows == [["14 to 15"]] and lines == [5000], (len(rows), lines[:3])
    result = CliRunner(env={"VOICE_SURVEYS_DIR": str(EXAMPLES)}).invoke(
        main, ["import", "ypag-priorities", str(path), "--db", str(tmp_path / "v.db")]
    )
    assert result.exit_code == 0 and "Imported 1 row(s)" in result.output, result.output
