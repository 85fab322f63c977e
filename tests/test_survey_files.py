"""Survey files and `voice check`, through the CLI with real files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voice.cli import main
from voice.surveys.files import SurveyFileError, load_survey, parse_survey

DATA = Path(__file__).parent / "data" / "surveys"
REPO = Path(__file__).parent.parent


def run_check(*paths: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *paths])
    return result.exit_code, result.output


def test_example_surveys_are_clean() -> None:
    """The real console script, as an author would run it."""
    done = subprocess.run(
        [sys.executable, "-m", "voice", "check", str(REPO / "surveys")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 survey file(s) OK" in done.stdout


@pytest.mark.parametrize(
    ("name", "line", "path", "words"),
    [
        ("unknown-key.yaml", 19, "$.pages[0].questions[0].hnit", "unknown key `hnit`"),
        ("duplicate-id.yaml", 23, "$.pages[1].questions[0].id", "`mood` is used twice"),
        ("show-if-later.yaml", 19, "$.pages[0].questions[0].show_if.question", "`why` comes later"),
        ("show-if-unknown.yaml", 21, "$.pages[1].show_if.question", "no question `feelings`"),
        ("no-choices.yaml", 26, "$.pages[1].questions[0].choices", "at least two choices"),
        ("bad-yaml.yaml", 21, "$", "not valid YAML"),
    ],
)
def test_each_kind_of_error_is_reported_with_file_line_and_path(name: str, line: int, path: str, words: str) -> None:
    code, output = run_check(str(DATA / "broken" / name))
    assert code == 1
    first = output.splitlines()[0]
    assert first.startswith(f"{DATA / 'broken' / name}:{line}: {path}: "), first
    assert words in first


def test_folder_reports_every_broken_file_and_still_exits_1() -> None:
    code, output = run_check(str(DATA / "broken"), str(DATA / "minimal.yaml"))
    assert code == 1
    problem_lines = [ln for ln in output.splitlines() if ".yaml:" in ln]
    assert len(problem_lines) == 6
    assert "1 file(s) OK" in output


def test_clean_file_exits_0() -> None:
    assert run_check(str(DATA / "minimal.yaml")) == (0, "1 survey file(s) OK: minimal\n")


def test_every_broken_question_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = (DATA / "minimal.yaml").read_text()
    text = text.replace("        label: Are you OK?\n", "        label: Are you OK?\n        colour: red\n")
    text = text.replace("        type: long_text\n", "        type: slider\n")
    path = tmp_path / "two-problems.yaml"
    path.write_text(text)
    code, output = run_check(str(path))
    assert code == 1
    assert "unknown key `colour`" in output
    assert "unknown question type 'slider'; use one of: single_choice" in output


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("estimated_minutes: 2", "estimated_minutes: 600", "<= 60"),
        (
            '    show_if: {question: mood, equals: "no"}',
            "    show_if: {question: mood, equals: maybe}",
            "`maybe` is not an answer to `mood`; use one of: yes, no, not_sure",
        ),
        (
            '    show_if: {question: mood, equals: "no"}',
            "    show_if: {question: mood}",
            "exactly one of `equals` or `any_of`",
        ),
        ("      - id: why", "      - id: Why Not", "use only lower-case letters"),
        ("title: A small survey", "title: yes", None),  # yes is text here, not true
        ("title: A small survey", "title: true", "got true/false: put the value in quotes"),
    ],
)
def test_schema_rules(tmp_path: Path, old: str, new: str, words: str | None) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text((DATA / "minimal.yaml").read_text().replace(old, new))
    code, output = run_check(str(path))
    if words is None:
        assert code == 0, output
    else:
        assert code == 1 and words in output, output


def test_not_utf8_huge_and_missing_files(tmp_path: Path) -> None:
    latin = tmp_path / "latin.yaml"
    latin.write_bytes((DATA / "minimal.yaml").read_bytes().replace(b"A small", b"Caf\xe9 small"))
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"title: x\n" + b"# padding\n" * 1_000_000)
    code, output = run_check(str(latin), str(huge), str(tmp_path / "missing.yaml"))
    assert code == 1
    assert f"{latin}:1: $: the file is not UTF-8 text" in output
    assert f"{huge}: $: the file is 10,000,009 bytes; a survey file can be at most 1,000,000" in output
    assert "missing.yaml: $: no such file or folder" in output


def test_file_name_becomes_the_slug_and_must_be_a_web_address(tmp_path: Path) -> None:
    path = tmp_path / "My Survey.yaml"
    path.write_text((DATA / "minimal.yaml").read_text())
    code, output = run_check(str(path))
    assert code == 1 and "file name must be lower-case" in output


def test_editing_a_file_changes_its_content_hash(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text((DATA / "minimal.yaml").read_text())
    before = load_survey(path).content_hash
    path.write_text((DATA / "minimal.yaml").read_text() + "# a comment changes nothing\n")
    assert load_survey(path).content_hash == before
    path.write_text((DATA / "minimal.yaml").read_text().replace("Are you OK?", "Are you all right?"))
    assert load_survey(path).content_hash != before


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=400) | st.sampled_from([(DATA / "minimal.yaml").read_text()]).map(lambda t: t[: len(t) // 2]))
def test_any_text_is_a_survey_or_a_clear_problem(text: str) -> None:
    try:
        parse_survey(text, "fuzz.yaml", "fuzz")
    except SurveyFileError as exc:
        assert exc.problems and all(str(p).startswith("fuzz.yaml") for p in exc.problems)


POLISH = """languages: [en, pl]
translations:
  pl:
    title: Mała ankieta
    owner: Partnerstwo testowe
    audience: Młodzi ludzie
    intro: {why: Do testów., who_sees: Zespół testowy., anonymity: Nie pytamy o imię.}
    closing: {next_steps: Czytamy je., publish_when: W przyszłym miesiącu.}
    pages:
      one: {title: Strona pierwsza}
      two: {title: Strona druga}
    questions:
      mood: {label: Czy wszystko OK?}
      why: {label: Co by pomogło?}
"""


def with_words(tmp_path: Path, extra: str, old: str = "", new: str = "") -> tuple[int, str]:
    path = tmp_path / "words.yaml"
    path.write_text((DATA / "minimal.yaml").read_text().replace(old, new) + extra)
    return run_check(str(path))


def test_a_complete_translation_and_easy_read_with_pictures_are_clean(tmp_path: Path) -> None:
    easy = "easy_read:\n  questions:\n    mood:\n      label: Are you OK?\n"
    assert with_words(tmp_path, POLISH + easy)[0] == 0


@pytest.mark.parametrize(
    ("extra", "old", "new", "words"),
    [
        (
            POLISH,
            "      why: {label: Co by pomogło?}\n",
            "",
            "$.translations.pl: the translation is missing 1 of the survey's words: questions.why.label",
        ),
        (POLISH, "languages: [en, pl]", "languages: [en]", "add `pl` to `languages` to offer this translation"),
        ("languages: [en, ur]\n", "", "", "`ur` is listed but there is no `translations.ur`"),
        (
            POLISH,
            "      one: {title: Strona pierwsza}",
            "      three: {title: Strona trzecia}",
            "there is no page `three`",
        ),
        (
            POLISH,
            "      mood: {label: Czy wszystko OK?}",
            "      mood: {label: Czy wszystko OK?, other: Inne}",
            "`mood` has no `other` to translate",
        ),
        (
            "easy_read:\n  questions:\n    nope: {label: Hi}\n",
            "",
            "",
            "$.easy_read.questions.nope: there is no question",
        ),
    ],
)
def test_translation_problems_say_what_and_where(tmp_path: Path, extra: str, old: str, new: str, words: str) -> None:
    text = extra.replace(old, new) if old else extra
    code, output = with_words(tmp_path, text)
    assert code == 1 and words in output, output


def test_pictures_need_alt_text_and_must_be_the_product_pictures(tmp_path: Path) -> None:
    choice = """      - id: pick
        type: single_choice
        label: Pick one
        choices:
          - {value: a, label: A home, picture: home}
          - {value: b, label: A clock, picture: kitten, alt: A kitten}
"""
    path = tmp_path / "pictures.yaml"
    path.write_text((DATA / "minimal.yaml").read_text().replace("      - id: why\n", choice + "      - id: why\n"))
    code, output = run_check(str(path))
    assert code == 1
    assert "choices[0].alt: a picture needs `alt`" in output
    assert "choices[1].picture: there is no picture `kitten`; use one of: clock" in output
