"""Characters that turn text round (right-to-left overrides and isolates) never reach what is stored, from
any channel: "invoice\u202efdp.exe" would show as "invoiceexe.pdf" on staff pages, contact details, public
quotes and the PDF. Ordinary right-to-left writing (Urdu) is kept exactly as it was typed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from litestar.testing import TestClient

from tests.conftest import EXAMPLES, add, csrf, get_page, sign_in, until
from voice.cli import main
from voice.common.settings import Settings

TURNING = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
"""LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI."""
TYPED = (
    "Look at my invoice\u202efdp.exe \u202aand\u202c \u202bthis\u202c \u202dplease\u202c "
    "\u2066read\u2069 \u2067it\u2069 \u2068now\u2069"
)
MEANT = "Look at my invoicefdp.exe and this please read it now"
URDU = "مجھے اسکول میں کسی سے بات کرنی ہے، لیکن کوئی نہیں سنتا۔ ٹیچر‌ز کو سننا چاہیے\u200f!"
"""Urdu with a zero-width non-joiner inside a word and a right-to-left mark: both are ordinary writing."""


def stored(settings: Settings, sql: str, args: tuple[object, ...] = ()) -> list[tuple]:
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute(sql, args).fetchall()


def answer_text(settings: Settings, receipt: str) -> str | None:
    rows = stored(
        settings,
        "SELECT a.text FROM answers a JOIN responses r ON r.id = a.response_id "
        "WHERE r.receipt = ? AND a.question_id = 'most_important'",
        (receipt,),
    )
    return rows[0][0] if rows else None


def test_the_api_stores_no_character_that_turns_text_round_and_keeps_urdu(
    client: TestClient, settings: Settings
) -> None:
    sent = client.post(
        "/api/surveys/ypag-priorities/responses",
        json={
            "answers": {
                "most_important": TYPED,
                "talk_to_someone": True,
                "talk_to_someone.name": "Sam\u202eevil\u202c",
                "talk_to_someone.contact": "sam\u2067@example.org\u2069",
                "talk_to_someone.when": "\u202eafter school",
            }
        },
    )
    assert sent.status_code == 201, sent.text
    urdu = client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": URDU}})
    assert urdu.status_code == 201, urdu.text
    assert until(lambda: answer_text(settings, urdu.json()["receipt"]) is not None)
    assert until(lambda: answer_text(settings, sent.json()["receipt"]) is not None)

    assert answer_text(settings, sent.json()["receipt"]) == MEANT
    assert answer_text(settings, urdu.json()["receipt"]) == URDU  # every letter and mark as typed
    assert stored(settings, "SELECT name, contact, best_time FROM contact_requests") == [
        ("Samevil", "sam@example.org", "after school")
    ]
    everything = "".join(
        str(row)
        for table in ("answers", "original_texts", "contact_requests", "unread")
        for row in stored(settings, f"SELECT * FROM {table}")
    )
    assert not set(TURNING) & set(everything)


def test_a_quote_a_facilitator_edits_stores_none_either(client: TestClient, settings: Settings) -> None:
    words = "The youth worker listened to me and it really helped"
    assert (
        client.post(
            "/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": words, "quote_ok": "yes"}}
        ).status_code
        == 201
    )
    assert until(lambda: bool(stored(settings, "SELECT id FROM answers WHERE text = ?", (words,))))
    answer_id = stored(settings, "SELECT id FROM answers WHERE text = ?", (words,))[0][0]
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "sam@example.org")
    page = get_page(client, f"/staff/answers/{answer_id}")
    proposed = client.post(
        f"/staff/answers/{answer_id}/quotes",
        follow_redirects=False,
        data={
            "_csrf_token": csrf(page),
            "quote": "The youth worker \u202elistened\u202c to me and it really helped",
            "attribution": "(YPAG \u2067member\u2069)",
        },
    )
    assert proposed.status_code == 303, proposed.text[:300]
    assert stored(settings, "SELECT text, attribution FROM quotes") == [(words, "(YPAG member)")]


def test_an_imported_file_s_name_and_rows_store_none(tmp_path: Path) -> None:
    csv_file = tmp_path / "forms\u202evsc.exe.csv"
    csv_file.write_text(
        f'What is the one thing you would change to help young people feel safe?\n"{TYPED}"\n{URDU}\n', encoding="utf-8"
    )
    db = tmp_path / "v.db"
    result = CliRunner(env={"VOICE_SURVEYS_DIR": str(EXAMPLES)}).invoke(
        main, ["import", "ypag-priorities", str(csv_file), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        texts = [row[0] for row in conn.execute("SELECT text FROM answers ORDER BY id")]
        detail = conn.execute("SELECT detail FROM audit_log WHERE action = 'answers imported'").fetchone()[0]
    assert texts == [MEANT, URDU]
    assert detail.startswith("formsvsc.exe.csv: 2 stored"), detail
