"""Issue #17: facilitators' and managers' files never crash the service, and every problem in them is
said at once, with its file, line and place, in plain words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from litestar.testing import TestClient

from tests.conftest import until
from voice.catalogue import Catalogue
from voice.db import migrate

BAD_DATE = (Path(__file__).parent.parent / "surveys" / "ypag-priorities.yaml").read_text(encoding="utf-8")


def with_opens(day: str) -> str:
    """The example survey, opening on `day` (written as the author typed it)."""
    lines = BAD_DATE.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    return "\n".join([*lines[:at + 1], f"opens: {day}", *lines[at + 1:]]) + "\n"


def voice(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voice", *args], capture_output=True, text=True, check=False)


def test_an_impossible_date_is_a_problem_with_its_line_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "late-opening.yaml"
    bad.write_text(with_opens("2026-02-30"), encoding="utf-8")
    done = voice("check", str(bad))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    line = with_opens("2026-02-30").splitlines().index("opens: 2026-02-30") + 1
    assert f"{bad}:{line}: $.opens: not a date that exists" in done.stdout + done.stderr


def test_the_folder_watcher_carries_on_past_a_broken_file(tmp_path: Path, surveys_dir: Path) -> None:
    migrate(tmp_path / "voice.db")
    catalogue = Catalogue(tmp_path / "voice.db", surveys_dir)
    catalogue.refresh()
    (surveys_dir / "broken-dates.yaml").write_text(with_opens("2026-02-30"), encoding="utf-8")
    catalogue.refresh()
    assert [Path(p.file).name for p in catalogue.problems] == ["broken-dates.yaml"]
    (surveys_dir / "added-later.yaml").write_text(with_opens("2026-03-01"), encoding="utf-8")
    catalogue.refresh()
    assert catalogue.current("added-later") is not None
    assert catalogue.current("ypag-priorities") is not None


def test_healthz_names_the_refused_files(client: TestClient, surveys_dir: Path) -> None:
    assert client.get("/healthz").json()["survey_files_refused"] == ""
    (surveys_dir / "broken-dates.yaml").write_text(with_opens("2026-02-30"), encoding="utf-8")
    (surveys_dir / "added-later.yaml").write_text(with_opens("2026-03-01"), encoding="utf-8")
    assert until(lambda: client.get("/healthz").json()["survey_files_refused"] == "broken-dates.yaml")
    assert until(lambda: client.get("/s/added-later").status_code == 200)


PLAN = """year: 2022/2023
priorities:
  - id: babies
    name: Safeguarding babies
    colour: red
  - id: Bad-Id
    name: ""
actions:
  - title: A thing
    what_we_did: We did it
    agency: Police
    status: finished
    started_on: 2022-13-01
    finished_on: 01/09/2022
  - title: Another
    agency: Health
    status: done
    started_on: 2022-09-31
"""


def test_priorities_import_says_every_problem_at_once(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    done = voice("priorities", "import", str(plan), "--db", str(tmp_path / "voice.db"))
    said = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in said
    expected = [
        f"{plan}:1: $.year: not a business year: write it like 2022/23",
        f"{plan}:5: $.priorities[0].colour: unknown key `colour`",
        f"{plan}:6: $.priorities[1].id: use only lower-case letters, digits and _",
        f"{plan}:7: $.priorities[1].name: must not be empty",
        f"{plan}:12: $.actions[0].status: 'finished' is not allowed here; use one of: planned, in_progress, done",
        f"{plan}:13: $.actions[0].started_on: not a date that exists",
        f"{plan}:14: $.actions[0].finished_on: not a date that exists",
        f"{plan}:15: $.actions[1].what_we_did: `what_we_did` is missing",
        f"{plan}:18: $.actions[1].started_on: not a date that exists",
    ]
    for problem in expected:
        assert problem in said, (problem, said)


def test_voice_check_says_every_problem_of_a_survey_at_once(tmp_path: Path) -> None:
    text = with_opens("2026-02-30").replace("estimated_minutes:", "estimated_minute:")
    bad = tmp_path / "two-problems.yaml"
    bad.write_text(text, encoding="utf-8")
    said = voice("check", str(bad)).stdout
    assert "$.opens: not a date that exists" in said
    assert "unknown key `estimated_minute`" in said
