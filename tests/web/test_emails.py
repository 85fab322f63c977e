"""Emails to staff, through a real SMTP server on loopback (aiosmtpd): the leads are told at once of a request
for contact or a flag, never with what a young person typed; a mail server that is down never costs an
answer, and what it held back is sent when it is back."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
import pytest
from aiosmtpd.controller import Controller
from litestar.testing import TestClient

from tests.conftest import add, csrf, free_port, get_page, rows, sign_in, until
from tests.web.test_contacts import ask_on_the_web
from voice.common.settings import Settings
from voice.curation import notices
from voice.store.db import opened
from voice.web.app import create_app

PUBLIC = "https://voice.example.org"
WORRYING = "my step dad hits me when hes drunk and i am scared to go home"


class Inbox:
    """What a real SMTP server on loopback received."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"

    def to(self) -> list[str]:
        return sorted(r for rcpts, _ in self.messages for r in rcpts)

    def texts(self) -> list[str]:
        return [f"{m['Subject']}\n{m.get_payload(decode=True).decode()}" for _, m in self.messages]  # type: ignore[union-attr]


class MailServer:
    def __init__(self, port: int) -> None:
        self.port, self.inbox, self._controller = port, Inbox(), None

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def mail() -> Iterator[MailServer]:
    server = MailServer(free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def mail_settings(settings: Settings, port: int, **more: Any) -> Settings:
    return msgspec.structs.replace(
        settings,
        smtp_url=f"smtp://127.0.0.1:{port}",
        mail_from="voice@example.org",
        public_url="https://voice.example.org",
        mail_every_seconds=0.05,
        **more,
    )


def staff_team(settings: Settings) -> None:
    add(settings, "lead.one@example.org", "safeguarding_lead")
    add(settings, "lead.two@example.org", "safeguarding_lead")
    add(settings, "gone@example.org", "safeguarding_lead")
    add(settings, "facilitator@example.org", "facilitator")
    with opened(settings.db_path) as db:
        db.execute("UPDATE staff SET disabled = 1 WHERE email = 'gone@example.org'")


def test_a_request_for_contact_emails_each_enabled_lead_once_with_nothing_the_young_person_typed(
    settings: Settings, mail: MailServer
) -> None:
    settings = mail_settings(settings, mail.port)
    with TestClient(create_app(settings), base_url=PUBLIC) as client:
        staff_team(settings)
        receipt = ask_on_the_web(client, "Kacper Nowak", "kacper.n@example.com")
        assert until(lambda: len(mail.inbox.messages) >= 2, 10)
        time.sleep(0.5)  # several looks later: still exactly one each
    assert mail.inbox.to() == ["lead.one@example.org", "lead.two@example.org"]
    assert all(message["Date"] and message["Message-ID"] for _, message in mail.inbox.messages)
    for text in mail.inbox.texts():
        assert "A young person asked for someone to talk to them" in text
        assert "https://voice.example.org/staff/contacts" in text
        for typed in ("Kacper", "Nowak", "kacper.n", "after school", receipt):
            assert typed not in text
    audit = rows(settings, "SELECT happened_at, action, detail FROM audit_log WHERE action = 'email sent'")
    assert sorted(detail for _, _, detail in audit) == [
        "request for contact → lead.one@example.org",
        "request for contact → lead.two@example.org",
    ]
    assert all(len(happened) == 10 for happened, _, _ in audit)  # the day only: the time would say when they asked


def test_a_flag_emails_the_leads_at_once_without_the_answer(settings: Settings, mail: MailServer) -> None:
    settings = mail_settings(settings, mail.port)
    with TestClient(create_app(settings), base_url=PUBLIC) as client:
        staff_team(settings)
        sent = client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": WORRYING}})
        assert sent.status_code == 201
        assert until(lambda: len(mail.inbox.messages) >= 2, 10)
        time.sleep(0.3)
    assert rows(settings, "SELECT count(*) FROM flags WHERE tier = 'flag'")[0][0] >= 1
    assert mail.inbox.to() == ["lead.one@example.org", "lead.two@example.org"]
    for text in mail.inbox.texts():
        assert "A safeguarding flag is waiting for you" in text
        assert "https://voice.example.org/staff/safeguarding" in text
        assert not {"step", "drunk", "scared", "hits"} & set(text.lower().split())


def test_with_the_mail_server_down_the_answer_is_kept_and_the_email_goes_when_it_is_back(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notices, "FIRST_WAIT_SECONDS", 0.2)
    monkeypatch.setattr(notices, "LONGEST_WAIT_SECONDS", 0.5)
    server = MailServer(free_port())  # not started: nothing listens on its port
    settings = mail_settings(settings, server.port)
    try:
        with TestClient(create_app(settings), base_url=PUBLIC) as client:
            staff_team(settings)
            receipt = ask_on_the_web(client, "Sam", "07700 900111")
            assert receipt  # the thank-you page, with its receipt code
            assert rows(settings, "SELECT count(*) FROM contact_requests") == [(1,)]
            assert until(lambda: client.get("/healthz").json()["emails_unsent"] == 2, 10)
            sign_in(client, "lead.one@example.org")
            home = get_page(client, "/staff").get_text(" ", strip=True)
            assert "2 emails to staff could not be sent" in home
            page = get_page(client, "/staff/emails").get_text(" ", strip=True)
            assert "the mail server: Connection refused" in page  # what went wrong, for the lead
            assert "request for contact" in page

            server.start()
            assert until(lambda: len(server.inbox.messages) == 2, 10)
            assert until(lambda: client.get("/healthz").json()["emails_unsent"] == 0, 5)
            assert "could not be sent" not in get_page(client, "/staff").get_text(" ", strip=True)
    finally:
        server.stop()
    assert server.inbox.to() == ["lead.one@example.org", "lead.two@example.org"]
    actions = [a for (a,) in rows(settings, "SELECT action FROM audit_log WHERE action LIKE 'email%' ORDER BY id")]
    assert actions.count("email not sent") == 2 and actions.count("email sent") == 2


def test_the_daily_digest_and_the_overdue_reminder_come_once_a_morning_to_who_takes_them(settings: Settings) -> None:
    settings = msgspec.structs.replace(
        settings, smtp_url="smtp://127.0.0.1:1", mail_from="voice@example.org", public_url="https://voice.example.org"
    )
    with TestClient(create_app(msgspec.structs.replace(settings, smtp_url="")), base_url=PUBLIC) as client:
        staff_team(settings)
        for text in ("I like the youth club", "more buses please", "skate park"):
            assert (
                client.post(
                    "/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": text}}
                ).status_code
                == 201
            )
        ask_on_the_web(client, "Sam", "07700 900111")
    with opened(settings.db_path) as db:
        responses = [r for (r,) in db.execute("SELECT id FROM responses ORDER BY id")]
        for response_id, tier in zip(responses, ("look", "look", "person"), strict=False):
            db.execute(
                "INSERT INTO flags (response_id, answer_key, category, reason, severity, raised_on, "
                "assigned_role, status, tier) VALUES (?, 'most_important', 'other', 'test', 3, "
                "'2026-12-07', 'safeguarding lead', 'open', ?)",
                [response_id, tier],
            )
        db.execute("UPDATE staff SET digest = 0 WHERE email = 'lead.two@example.org'")
        db.execute("UPDATE contact_requests SET due_on = '2026-12-01'")
        london = ZoneInfo("Europe/London")  # VOICE_TIMEZONE's default

        def queued(when: dt.datetime) -> list[tuple[str, str, str]]:
            notices.collect(db, settings, when.astimezone(dt.UTC))
            found = db.execute(
                "SELECT kind, recipient, subject FROM emails WHERE kind IN ('digest', 'overdue') "
                "ORDER BY kind, recipient"
            ).fetchall()
            db.execute("DELETE FROM emails WHERE kind IN ('digest', 'overdue')")
            return found

        assert queued(dt.datetime(2026, 12, 5, 7, 59, tzinfo=london)) == []  # before the hour
        saturday = queued(dt.datetime(2026, 12, 5, 8, 0, tzinfo=london))
        assert saturday == [("digest", "lead.one@example.org", "Today's answers to read: 3")]  # no reminder on Saturday
        assert queued(dt.datetime(2026, 12, 5, 17, 0, tzinfo=london)) == []  # once a day
        monday = queued(dt.datetime(2026, 12, 7, 9, 0, tzinfo=london))
        assert [(kind, to) for kind, to, _ in monday] == [
            ("overdue", "lead.one@example.org"),
            ("overdue", "lead.two@example.org"),
        ]
        # The digest says how many answers wait, never what they say.
        body = db.execute("SELECT body FROM emails WHERE kind = 'contact'").fetchone()[0]
        assert "Sam" not in body and "07700" not in body


def test_a_lead_can_turn_the_digest_off_but_not_the_urgent_emails(settings: Settings) -> None:
    with TestClient(create_app(settings), base_url=PUBLIC) as client:
        add(settings, "lead@example.org", "safeguarding_lead")
        sign_in(client, "lead@example.org")
        page = get_page(client, "/staff/emails")
        text = page.get_text(" ", strip=True)
        assert "Emails are not set up for this service" in text
        # a new user read "nobody is told by email", then "emails ... are always sent" and "Every email has been
        # sent": with no emails set up, the page says the choice is kept for when they are, and that none is sent
        assert "are always sent" not in text and "Every email has been sent" not in text, text
        assert "kept for when emails are set up" in text and "No email is sent until emails are set up" in text
        assert page.select_one("#digest").has_attr("checked")
        response = client.post(
            "/staff/emails/digest", data={"_csrf_token": csrf(page), "digest": "off"}, follow_redirects=False
        )
        assert response.status_code == 303
        page = get_page(client, response.headers["location"])
        assert "Your email settings are saved." in page.get_text(" ", strip=True)
        assert page.select_one("#digest-off").has_attr("checked")
    assert rows(settings, "SELECT digest FROM staff WHERE email = 'lead@example.org'") == [(0,)]
    assert rows(settings, "SELECT actor, detail FROM audit_log WHERE action = 'email settings changed'") == [
        ("lead@example.org", "daily digest off")
    ]


def test_an_invitation_is_emailed_with_the_full_link_and_the_link_is_not_kept_once_sent(
    settings: Settings, mail: MailServer
) -> None:
    settings = mail_settings(settings, mail.port)
    with TestClient(create_app(settings), base_url=PUBLIC) as client:
        add(settings, "admin@example.org", "admin")
        sign_in(client, "admin@example.org")
        page = get_page(client, "/staff/accounts")
        response = client.post(
            "/staff/accounts",
            data={"_csrf_token": csrf(page), "email": "new.lead@example.org", "role": "safeguarding_lead"},
            follow_redirects=False,
        )
        shown = get_page(client, response.headers["location"])
        link = shown.select_one(".link-text code").get_text(strip=True)
        assert link.startswith("https://voice.example.org/")
        assert "It is being emailed to them as well" in shown.get_text(" ", strip=True)
        assert until(lambda: len(mail.inbox.messages) == 1, 10)
        assert until(lambda: rows(settings, "SELECT body FROM emails WHERE kind = 'invite'") == [("",)], 5)
    assert mail.inbox.to() == ["new.lead@example.org"]
    assert link in mail.inbox.texts()[0]


class NotifyStandIn(BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, Any], str]] = []  # noqa: RUF012 - shared with the test

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        NotifyStandIn.received.append((self.path, body, self.headers.get("Authorization", "")))
        answer = json.dumps({"id": "740e5834-3a29-46b4-9a6f-16142fde533a"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        pass


def test_gov_uk_notify_is_sent_the_subject_and_body_through_its_official_client(settings: Settings) -> None:
    NotifyStandIn.received = []
    server = HTTPServer(("127.0.0.1", 0), NotifyStandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    key = "voice_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"
    settings = msgspec.structs.replace(
        settings,
        notify_api_key=key,
        notify_template_id="f33517ff-2a88-4f6e-b855-c550268ce08a",
        notify_base_url=f"http://127.0.0.1:{server.server_port}",
        public_url="https://voice.example.org",
        mail_every_seconds=0.05,
    )
    try:
        with TestClient(create_app(settings), base_url=PUBLIC) as client:
            add(settings, "lead@example.org", "safeguarding_lead")
            ask_on_the_web(client, "Sam", "07700 900111")
            assert until(lambda: len(NotifyStandIn.received) == 1, 10)
    finally:
        server.shutdown()
        server.server_close()
    path, body, authorisation = NotifyStandIn.received[0]
    assert path == "/v2/notifications/email"
    assert body["email_address"] == "lead@example.org"
    assert body["template_id"] == "f33517ff-2a88-4f6e-b855-c550268ce08a"
    assert body["personalisation"]["subject"] == "A young person asked for someone to talk to them"
    assert "https://voice.example.org/staff/contacts" in body["personalisation"]["body"]
    assert authorisation.startswith("Bearer ")  # a JWT signed with the key, as Notify expects


def test_a_notify_key_without_its_template_stops_the_service_with_a_sentence(
    settings: Settings, tmp_path: Path
) -> None:
    from voice.common.settings import SettingsError

    with pytest.raises(SettingsError, match="VOICE_NOTIFY_TEMPLATE_ID"):
        create_app(msgspec.structs.replace(settings, notify_api_key="x" * 80))


def test_an_invitation_made_while_emails_fail_says_to_send_the_link_yourself(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notices, "FIRST_WAIT_SECONDS", 0.2)
    settings = mail_settings(settings, free_port())  # nothing listens there
    with TestClient(create_app(settings), base_url=PUBLIC) as client:
        staff_team(settings)
        ask_on_the_web(client, "Sam", "07700 900111")
        assert until(lambda: client.get("/healthz").json()["emails_unsent"] >= 1, 10)
        add(settings, "admin@example.org", "admin")
        sign_in(client, "admin@example.org")
        page = get_page(client, "/staff/accounts")
        response = client.post(
            "/staff/accounts",
            data={"_csrf_token": csrf(page), "email": "new@example.org", "role": "viewer"},
            follow_redirects=False,
        )
        shown = get_page(client, response.headers["location"]).get_text(" ", strip=True)
    assert "so this one may not arrive: send this link yourself now" in shown
    assert "It is being emailed to them as well" not in shown
