"""Issue #17: facilitators' and managers' files never crash the service, and every problem in them is
said at once, with its file, line and place, in plain words."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from litestar.testing import TestClient

from tests.conftest import add, check_page, csrf, get_page, sign_in, until
from voice.common.dates import local_today
from voice.common.settings import Settings
from voice.store.catalogue import Catalogue
from voice.store.db import migrate

BAD_DATE = (Path(__file__).parent.parent / "surveys" / "ypag-priorities.yaml").read_text(encoding="utf-8")


def with_opens(day: str) -> str:
    """The example survey, opening on `day` (written as the author typed it)."""
    lines = BAD_DATE.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    return "\n".join([*lines[: at + 1], f"opens: {day}", *lines[at + 1 :]]) + "\n"


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


# --- imports: the day each answer was given, no row stored twice, the product's own words --------------
MS_FORMS = (
    'ID,Start time,Completion time,Email,Name,"How old are you?",Which of these should the partnership '
    "work hardest on?,What is the one thing you would change to help young people feel safe?,quote_ok\n"
    '1,9/14/2021 10:30:00,9/14/2021 10:32:15,anonymous,,14 to 15,"Being safe outside home, like from gangs '
    'or exploitation;Bullying","More youth workers\nin schools","Yes, you can use my words"\n'
    "2,9/15/2021 11:00:00,9/15/2021 11:04:00,anonymous,,16 to 17,Bullying,Less waiting,"
    '"No, do not use my words"\n'
    "3,9/16/2021 09:00:00,9/16/2021 09:05:00,anonymous,,99,Bullying,x,\n"
)


def import_file(tmp_path: Path, path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "voice", "import", "ypag-priorities", str(path), "--db", str(tmp_path / "v.db"), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "VOICE_SURVEYS_DIR": str(Path(__file__).parent.parent / "surveys")},
    )


def stored(tmp_path: Path, sql: str) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(tmp_path / "v.db") as conn:
        return conn.execute(sql).fetchall()


def as_xlsx(csv_path: Path) -> Path:
    """The same rows as an Excel workbook, as Microsoft Forms gives them (ids as numbers, times as dates)."""
    import csv
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for i, row in enumerate(csv.reader(csv_path.read_text(encoding="utf-8").splitlines(keepends=True))):
        if i:
            row[0] = int(row[0])  # type: ignore[call-overload]
            row[1] = row[2] = dt.datetime.strptime(row[2], "%m/%d/%Y %H:%M:%S")  # type: ignore[call-overload]  # noqa: DTZ007
        sheet.append(row)
    out = csv_path.with_suffix(".xlsx")
    book.save(out)
    return out


def test_imported_answers_keep_their_day_and_are_never_stored_twice(tmp_path: Path) -> None:
    export = tmp_path / "ms-forms.csv"
    export.write_text(MS_FORMS, encoding="utf-8")
    first = import_file(tmp_path, export, "--month-first")
    # Line numbers are the file's: the quoted cell with a line break makes the third row start on line 5.
    # FILE:LINE, the question in words, what it held and why (#27 item 5: plain words, not a Python repr)
    assert f"{export}:5: How old are you? (99): Select one of the answers shown." in first.stdout, (
        first.stdout + first.stderr
    )
    assert "Imported 2 row(s); rejected 1." in first.stdout
    assert stored(tmp_path, "SELECT submitted_on FROM responses ORDER BY id") == [("2021-09-14",), ("2021-09-15",)]
    assert stored(tmp_path, "SELECT quote_consent FROM responses ORDER BY id") == [(1,), (0,)]
    ticked = stored(tmp_path, "SELECT value FROM answers WHERE question_id = 'top_worries' ORDER BY id")
    assert ticked[0] == ('["harm_outside_home","bullying"]',)
    again = import_file(tmp_path, export, "--month-first")
    assert "Imported 0 row(s); 2 imported before, not stored again; rejected 1." in again.stdout
    in_excel = import_file(tmp_path, as_xlsx(export), "--month-first")
    assert "Imported 0 row(s); 2 imported before, not stored again; rejected 1." in in_excel.stdout
    assert stored(tmp_path, "SELECT count(*) FROM responses") == [(2,)]
    audit = stored(tmp_path, "SELECT action, subject, detail FROM audit_log WHERE action = 'answers imported'")
    assert len(audit) == 3 and audit[0][1] == "survey:ypag-priorities" and "2 stored" in audit[0][2]


def test_an_unreadable_date_rejects_its_row_and_says_so(tmp_path: Path) -> None:
    export = tmp_path / "google.csv"
    export.write_text(
        "Timestamp,How old are you?\n2021/09/14 10:32:15 AM GMT+1,14 to 15\n31/02/2021 10:00,16 to 17\n",
        encoding="utf-8",
    )
    done = import_file(tmp_path, export)
    assert f"{export}:3: Timestamp (31/02/2021 10:00): Not a real date" in done.stdout
    assert stored(tmp_path, "SELECT submitted_on FROM responses") == [("2021-09-14",)]


def test_paper_and_session_entry_have_a_day(client: TestClient, settings: Settings) -> None:
    import sqlite3

    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    page = get_page(client, "/staff/entry/ypag-priorities")
    today = page.find("input", id="day")
    assert today is not None and today["value"]  # today, ready to change
    for typed, message in (("31/02/2021", "Enter a real date"), ("2999-01-01", "today or in the past")):
        refused = client.post(
            "/staff/entry/ypag-priorities",
            data={"_csrf_token": csrf(page), "channel": "session", "day": typed, "age_band": "99"},
        )
        assert refused.status_code == 422
        soup = check_page(refused.text, errors=True)
        assert message in soup.select_one(".error-summary").get_text()
        assert "Select one of the answers shown" in soup.select_one(".error-summary").get_text()  # all at once
    saved = client.post(
        "/staff/entry/ypag-priorities",
        data={"_csrf_token": csrf(page), "channel": "session", "day": "1/10/2021", "age_band": "14-15"},
        follow_redirects=False,
    )
    assert saved.status_code == 303
    again = get_page(client, saved.headers["location"])  # the next form of the same session keeps its day
    assert again.find("input", id="day")["value"] == "1/10/2021"
    assert again.find("input", id="channel-session").has_attr("checked")
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT submitted_on FROM responses").fetchall() == [("2021-10-01",)]


# --- priorities and actions: updates, not copies; archive; dates that exist ------------------------------
DEMO_PLAN = Path(__file__).parent.parent / "src" / "voice" / "data" / "demo_plan_2021-22.yaml"


def test_importing_priorities_twice_updates_and_adds_nothing_twice(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "voice.db"
    first = voice("priorities", "import", str(DEMO_PLAN), "--db", str(db))
    assert "actions: 6 added, 0 updated" in first.stdout, first.stdout + first.stderr
    changed = tmp_path / "plan.yaml"
    changed.write_text(
        DEMO_PLAN.read_text(encoding="utf-8").replace("status: in_progress", "status: done", 1), encoding="utf-8"
    )
    again = voice("priorities", "import", str(changed), "--db", str(db))
    assert "actions: 0 added, 6 updated" in again.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM actions").fetchone() == (6,)
        assert conn.execute("SELECT count(*) FROM priorities").fetchone() == (6,)


def test_staff_archive_and_restore_an_action_and_a_priority(client: TestClient, settings: Settings) -> None:
    import sqlite3

    from voice.reading.themes import default_taxonomy
    from voice.reporting.priorities import import_plan, load_plan
    from voice.store.db import opened

    with opened(settings.db_path) as db:
        import_plan(db, load_plan(DEMO_PLAN, default_taxonomy()), default_taxonomy(), "test")
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    page = get_page(client, "/staff/actions?year=2021-22")
    first = page.select_one("li[id^=action-]")
    action_id, title = first["id"].split("-")[1], first.h2.get_text()
    done = client.post(f"/staff/actions/{action_id}/archive", data={"_csrf_token": csrf(page)}, follow_redirects=False)
    assert done.status_code == 303
    after = get_page(client, done.headers["location"])
    assert "Archived: it is no longer in the lists" in after.select_one("[role=status]").get_text()
    assert title in after.find("h2", string="Archived actions").find_next("ul").get_text()
    assert title not in get_page(client, "/staff/reports?year=2021-22").get_text()
    restored = client.post(
        f"/staff/actions/{action_id}/archive", data={"_csrf_token": csrf(page), "restore": "1"}, follow_redirects=False
    )
    assert "done=restored" in restored.headers["location"]
    assert title in get_page(client, "/staff/reports?year=2021-22").get_text()
    priorities = get_page(client, "/staff/priorities?year=2021-22")
    key = priorities.select_one("li[id^=priority-]")["id"].split("-")[1]
    assert (
        client.post(
            f"/staff/priorities/{key}/archive", data={"_csrf_token": csrf(priorities)}, follow_redirects=False
        ).status_code
        == 303
    )
    assert "Archived priorities" in get_page(client, "/staff/priorities?year=2021-22").get_text()
    with sqlite3.connect(settings.db_path) as conn:
        said = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE actor = 'sam@example.org'")]
    assert said.count("action archived") == 1 and "action restored" in said and "priority archived" in said


def test_action_dates_that_do_not_exist_are_refused_not_dropped(client: TestClient, settings: Settings) -> None:
    import sqlite3

    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    form = get_page(client, "/staff/actions/new?year=2022-23")
    base = {
        "_csrf_token": csrf(form),
        "year": "2022/23",
        "title": "Drop-in",
        "what_we_did": "Opened it",
        "agency": "Youth service",
        "status": "done",
    }
    bad = client.post("/staff/actions", data={**base, "started_on": "2022-09-31", "finished_on": "31/13/2022"})
    assert bad.status_code == 422
    summary = check_page(bad.text, errors=True).select_one(".error-summary").get_text()
    assert "Enter the date it started as a real date" in summary and "Enter the date it finished" in summary
    good = client.post(
        "/staff/actions", data={**base, "started_on": "01/09/2022", "finished_on": ""}, follow_redirects=False
    )
    assert good.status_code == 303
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT started_on FROM actions").fetchall() == [("2022-09-01",)]


# --- quotes as edited, names not ids, feedback after every change ----------------------------------------
def answered(client: TestClient, settings: Settings, words: str) -> int:
    import sqlite3

    sent = client.post(
        "/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": words, "quote_ok": "yes"}}
    )
    assert sent.status_code == 201
    assert until(lambda: client.get("/healthz").json()["unread"] == 0)
    with sqlite3.connect(settings.db_path) as conn:
        return int(conn.execute("SELECT id FROM answers WHERE text = ?", [words]).fetchone()[0])


def test_an_edited_quote_is_checked_and_the_approver_sees_what_changed(client: TestClient, settings: Settings) -> None:
    words = "The youth worker listened to me and it really helped me feel less alone at school"
    answer_id = answered(client, settings, words)
    add(settings, "sam@example.org", "facilitator")
    add(settings, "alex@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    page = get_page(client, f"/staff/answers/{answer_id}")
    invented = client.post(
        f"/staff/answers/{answer_id}/quotes",
        data={
            "_csrf_token": csrf(page),
            "quote": "Services in this area are excellent and we love them",
            "attribution": "(YPAG)",
        },
    )
    assert invented.status_code == 422
    kept = check_page(invented.text, errors=True)
    assert "keeps too few of the young person's words" in kept.select_one(".error-summary").get_text()
    assert kept.find("textarea", id="quote").get_text() == "Services in this area are excellent and we love them"
    summary = client.post(
        f"/staff/answers/{answer_id}/quotes",
        data={
            "_csrf_token": csrf(page),
            "quote": "Young people said youth workers who listen help them feel less alone",
            "attribution": "(YPAG)",
            "summary": "1",
        },
        follow_redirects=False,
    )
    assert summary.status_code == 303
    edited = client.post(
        f"/staff/answers/{answer_id}/quotes",
        data={
            "_csrf_token": csrf(page),
            "quote": "The youth worker Sarah Khan listened to me and it really helped",
            "attribution": "(YPAG)",
        },
        follow_redirects=False,
    )
    assert edited.status_code == 303
    proposed = get_page(client, edited.headers["location"])
    assert "Quote proposed" in proposed.select_one("[role=status]").get_text()
    card = next(li for li in proposed.select("li[id^=quote-]") if "[name]" in li.get_text())
    assert "Sarah" not in card.get_text()
    assert [d.get_text(" ", strip=True) for d in card.select("ins")] == ["added: [name]"]
    assert "me feel less alone at school" in " ".join(d.get_text() for d in card.select("del"))
    assert "redacted detail" in card.get_text()  # the identification warnings, again, for the approver
    summary_card = next(li for li in proposed.select("li[id^=quote-]") if "youth workers who listen" in li.get_text())
    assert "“" not in summary_card.select_one(".answer-text").get_text()
    # The person who proposed it cannot approve it: said on the quotes page, at its own address.
    quote_id = card["id"].split("-")[1]
    refused = client.post(
        f"/staff/quotes/{quote_id}/approve",
        data={"_csrf_token": csrf(proposed), "showing": "proposed"},
        follow_redirects=False,
    )
    assert refused.status_code == 303 and refused.headers["location"].startswith("/staff/quotes?")
    said = client.get(refused.headers["location"])
    assert said.status_code == 409
    assert (
        "Someone other than the person who proposed"
        in check_page(said.text, errors=True).select_one(".error-summary").get_text()
    )
    sign_in(client, "alex@example.org")
    page = get_page(client, "/staff/quotes")
    for quote in [q["id"].split("-")[1] for q in page.select("li[id^=quote-]")]:
        approved = client.post(
            f"/staff/quotes/{quote}/approve", data={"_csrf_token": csrf(page), "showing": "proposed"}
        )
        assert approved.status_code == 200 and "Quote approved" in approved.text
    for n in range(5):  # enough answers for the survey's quotes to be shown
        client.post(
            "/api/surveys/ypag-priorities/responses",
            json={"answers": {"age_band": "14-15", "area": "rutland", "most_important": f"Answer {n}"}},
        )
    assert until(lambda: client.get("/healthz").json()["unread"] == 0)
    import json

    from voice.reporting.priorities import year_of, year_slug

    this_year = year_slug(year_of(local_today()))
    data = json.loads(client.get(f"/staff/reports/download?year={this_year}&fmt=json").content)
    summaries = [q["text"] for q in data["quotes"] if q["summary"]]
    assert summaries == ["Young people said youth workers who listen help them feel less alone"]
    assert any(q["text"].startswith("The youth worker [name] listened") and not q["summary"] for q in data["quotes"])
    rejected = client.post(f"/staff/quotes/{quote_id}/reject", data={"_csrf_token": csrf(page), "showing": "approved"})
    assert "Quote rejected" in rejected.text


def test_staff_pages_say_names_not_ids(client: TestClient, settings: Settings) -> None:
    from voice.reading.themes import default_taxonomy
    from voice.reporting.priorities import import_plan, load_plan
    from voice.store.db import opened

    with opened(settings.db_path) as db:
        import_plan(db, load_plan(DEMO_PLAN, default_taxonomy()), default_taxonomy(), "test")
    answer_id = answered(client, settings, "More clubs in the evenings please")
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    answers = get_page(client, "/staff/responses")
    options = [o.get_text() for o in answers.select("#priority option")]
    assert "Child mental health and emotional wellbeing" in options and "child_mental_health" not in options
    assert "ypag-priorities" not in [o.get_text() for o in answers.select("#survey option")]
    page = get_page(client, f"/staff/answers/{answer_id}")
    assert "most_important" not in page.select_one("main").get_text()
    assert "What is the one thing you would change" in page.get_text()
    assert page.find("input", id="attribution")["value"] == "(What should we focus on next year?)"


def test_feedback_after_changes_and_filters_that_say_what_is_wrong(client: TestClient, settings: Settings) -> None:
    answer_id = answered(client, settings, "Nobody at school listens to me")
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    page = get_page(client, f"/staff/answers/{answer_id}")
    saved = client.post(
        f"/staff/answers/{answer_id}/themes",
        data={"_csrf_token": csrf(page), "topics": ["being_listened_to"], "sentiment": "negative"},
    )
    assert "Themes saved" in saved.text
    bad = client.get("/staff/responses?since=2021-13-45")
    assert bad.status_code == 400
    assert "Enter a real date" in check_page(bad.text, errors=True).select_one(".error-summary").get_text()
    today = client.get("/staff/responses?since=01/10/2021")
    assert today.status_code == 200 and "1 answer matches." in today.text
    assert "0 answers match." in client.get("/staff/responses?since=01/10/2999").text
    assert "1 answer matches." in client.get("/staff/responses?q=scho*").text
    hint = get_page(client, "/staff/responses").find(id="q-hint").get_text()
    assert "scho*" in hint


def test_facilitators_download_the_redacted_answers_they_filtered(client: TestClient, settings: Settings) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    for words in ('=HYPERLINK("x") Sam says call 07700 900123, my dad hits me', "More youth clubs please"):
        client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": words}})
    client.post(
        "/api/surveys/ypag-priorities/responses",
        json={
            "answers": {
                "most_important": "Please ring me",
                "talk_to_someone": "yes",
                "talk_to_someone.name": "Kayla Jones",
                "talk_to_someone.contact": "07700 900999",
            }
        },
    )
    assert until(lambda: client.get("/healthz").json()["unread"] == 0)
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    page = get_page(client, "/staff/responses?q=dad")
    link = page.find("a", string="CSV")["href"]
    assert "q=dad" in link and "fmt=csv" in link
    got = client.get(link)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert rows[0][5] == "The answer (personal details removed)" and len(rows) == 2  # the filter applied
    assert rows[1][5].startswith("'=HYPERLINK")  # formula-safe
    assert "07700" not in got.text and "Sam" not in got.text and rows[1][9] == "Yes"  # redacted; flag open
    assert "What is the one thing you would change" in rows[1][2]  # the question, not its id
    # Topics are named with commas in them ("School, college and learning"): they are kept apart with "; "
    from voice.reading.themes import default_taxonomy

    named = {tp.name for tp in default_taxonomy().topics}
    assert rows[1][7] and all(name in named for name in rows[1][7].split("; ")), rows[1][7]
    everything = client.get("/staff/responses/download?fmt=xlsx")
    sheet = load_workbook(io.BytesIO(everything.content)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(cells) == 4 and all("07700" not in str(v) and "Kayla" not in str(v) for row in cells for v in row)
    assert "receipt" not in " ".join(str(v) for v in cells[0]).lower()
    assert client.get("/staff/responses/download?fmt=csv&since=2021-13-45").status_code == 400
    from tests.conftest import add as add_viewer

    add_viewer(settings, "viewer@example.org", "viewer")
    sign_in(client, "viewer@example.org")
    assert client.get("/staff/responses/download?fmt=csv").status_code == 403


# --- #18: who was asked what, when -------------------------------------------------------------------------
def leicestershire_asked_twice(client: TestClient, settings: Settings) -> None:
    """Five young people in Leicestershire answer both open surveys about waiting for CAMHS (all read);
    a facilitator is signed in."""
    for n in range(5):
        client.post(
            "/api/surveys/emotional-health-wellbeing/responses",
            json={
                "answers": {"area": "leicestershire", "what_helps": f"Not waiting months for CAMHS, it took ages {n}"}
            },
        )
        client.post(
            "/api/surveys/ypag-priorities/responses",
            json={
                "answers": {
                    "area": "leicestershire",
                    "most_important": f"The waiting list for CAMHS is far too long {n}",
                }
            },
        )
    assert until(lambda: client.get("/healthz").json()["unread"] == 0)
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")


def test_who_was_asked_what_when_and_the_warning_before_asking_again(client: TestClient, settings: Settings) -> None:
    import csv
    import io

    leicestershire_asked_twice(client, settings)
    page = get_page(client, "/staff/asked")
    rows = [r.get_text(" ", strip=True) for r in page.select("tbody tr")]
    assert any(r.startswith("Area: Leicestershire") and "How are you feeling?" in r for r in rows), rows
    # a group by its words, never the survey file's code ("ypag": a new user read it as a raw code)
    assert any(r.startswith("Group the survey was put to: Young People's Advisory Group") and "5" in r for r in rows)
    assert not re.search(r"\bypag\b", page.get_text(" ")), rows
    assert any("Waiting for help" in r for r in rows)
    warnings = [w.get_text(" ", strip=True) for w in page.select(".notice-urgent")]
    assert any("asks Leicestershire about what they told us in" in w and "Waiting for help" in w for w in warnings), (
        warnings
    )
    assert any("Nothing is recorded as done about it yet" in w for w in warnings)
    download = client.get("/staff/asked/download")
    table = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert table[0][:3] == ["Kind of group", "Group", "Consultation"] and len(table) == len(rows) + 1


def test_an_action_carried_into_another_year_is_said_once_before_asking_again(
    client: TestClient, settings: Settings
) -> None:
    """#27 item 14: /staff/asked listed "A local approach to harm outside the home" twice: the same action,
    recorded in two business years, in the list of what was done."""
    leicestershire_asked_twice(client, settings)
    title = "Shorter waits for CAMHS"
    for year in ("2021/22", get_page(client, "/staff/priorities").find("input", attrs={"name": "year"})["value"]):
        form = get_page(client, "/staff/actions/new")
        assert (
            client.post(
                "/staff/actions",
                data={
                    "_csrf_token": csrf(form),
                    "year": year,
                    "title": title,
                    "what_we_did": "Hired two more workers",
                    "agency": "Health",
                    "status": "in_progress",
                    "surveys": ["emotional-health-wellbeing", "ypag-priorities"],
                },
                follow_redirects=False,
            ).status_code
            == 303
        )
    warnings = [w.get_text(" ", strip=True) for w in get_page(client, "/staff/asked").select(".notice-urgent")]
    about = [w for w in warnings if title in w]
    assert about and all(w.count(title) == 1 for w in about), about


def test_who_was_asked_gives_no_day_for_a_group_too_small_to_count(client: TestClient, settings: Settings) -> None:
    """The pen test (eleventh session): a group under the threshold had its count hidden but its first and last days
    shown, on the page and in the CSV; with the answers page filtered to that day, a viewer could find its answers.
    A hidden group's days are hidden too."""
    import csv
    import io

    from tests.conftest import add, sign_in

    answers = {"area": "other", "area.other": "Somewhere quiet", "what_helps": "Having a dog"}
    assert (
        client.post("/api/surveys/emotional-health-wellbeing/responses", json={"answers": answers}).status_code == 201
    )
    add(settings, "vic@example.org", "viewer")
    sign_in(client, "vic@example.org")
    table = list(csv.reader(io.StringIO(client.get("/staff/asked/download").content.decode("utf-8-sig"))))
    small = [row for row in table if "fewer than 5" in row]
    assert small and not [row for row in small if re.search(r"\d{4}-\d\d-\d\d", " ".join(row))], small
    page = get_page(client, "/staff/asked")
    shown = [tr.get_text(" ", strip=True) for tr in page.select("tbody tr") if "fewer than 5" in tr.get_text()]
    assert shown and not [r for r in shown if re.search(r"\d{4}|December|January", r)], shown
