"""Telling staff by email what is waiting for them, without ever emailing what a young person said.

What is sent, and when (each worker looks every VOICE_MAIL_EVERY_SECONDS; the database decides which
worker does what, so nothing is sent twice):

- a new request for contact, or a new safeguarding **flag**: every enabled safeguarding lead, at once
  (what came in since the last look, in one email per lead);
- "worth a look" and "needs a person to read": one digest a day, from VOICE_DIGEST_HOUR, to the leads who
  have not turned it off (the urgent emails cannot be turned off);
- requests for contact past their due day: a reminder each working morning until they are closed;
- an invitation or a password-reset link, when an admin makes one (it is shown on the page as well).

An email says only what kind of thing is waiting, how many, when it is due and where to sign in: never a
young person's words, contact details or receipt. It is written to the `emails` table first (the
outbox) and sent afterwards, so nothing here ever delays or fails an answer being sent; a mail server that
is down is tried again with growing waits, and what is still unsent shows on the leads' staff home and in
/healthz. Every email sent, or not sent, is in the audit log.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging
import smtplib
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Protocol
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import msgspec
from sqlite_utils import Database

from voice.common.dates import is_working_day
from voice.common.i18n import DEFAULT_LOCALE, N_, translate, translate_plural
from voice.common.settings import Settings
from voice.store.audit import record_event
from voice.store.db import write_lock

log = logging.getLogger("voice")

KINDS = {
    "contact": N_("request for contact"),
    "flag": N_("safeguarding flag"),
    "digest": N_("daily digest"),
    "overdue": N_("overdue requests for contact"),
    "invite": N_("invitation"),
    "reset": N_("password reset link"),
}
"""The kinds of email, with the words the audit log and the staff pages show them by."""

ABOUT_ANSWERS = ("contact", "flag")
"""Kinds sent moments after an answer arrives: their audit entries keep the day only, as the answer's own do
(the time would say when a young person sent it)."""

FIRST_WAIT_SECONDS = 10
LONGEST_WAIT_SECONDS = 15 * 60
GIVE_UP_AFTER = dt.timedelta(days=2)
"""An email not sent for this long is given up (and stays on the leads' page and in /healthz until they have
seen the things it was about in the queues themselves; the audit log says so)."""
CLAIM_SECONDS = 60
TIMEOUT_SECONDS = 20


class MailError(Exception):
    """The mail server or Notify refused or could not be reached; the message says why (never a password)."""


class Mailer(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


class SmtpMailer:
    """A mail server at `smtp://user:password@host:port` (STARTTLS) or `smtps://…` (TLS from the start).

    STARTTLS is used whenever the server offers it; a server that does not offer it is sent a password only
    if it is on this machine (a relay on loopback), never across a network."""

    def __init__(self, url: str, sender: str) -> None:
        parts = urlsplit(url)
        self.implicit_tls = parts.scheme == "smtps"
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if self.implicit_tls else 587)
        self.user = unquote(parts.username or "")
        self.password = unquote(parts.password or "")
        self.sender = sender
        self.where = f"{self.host}:{self.port}"

    def _loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message["Date"] = formatdate(localtime=False, usegmt=True)
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(body)
        context = ssl.create_default_context()
        try:
            server: smtplib.SMTP
            if self.implicit_tls:
                server = smtplib.SMTP_SSL(self.host, self.port, timeout=TIMEOUT_SECONDS, context=context)
            else:
                server = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS)
            with server:
                if not self.implicit_tls:
                    server.ehlo()
                    if server.has_extn("starttls"):
                        server.starttls(context=context)
                        server.ehlo()
                    elif self.user and not self._loopback():
                        raise MailError(
                            "the mail server does not offer STARTTLS, so the password was not sent: use "
                            "smtps:// or a server that offers it"
                        )
                if self.user:
                    server.login(self.user, self.password)
                server.send_message(message)
        except MailError:
            raise
        except (OSError, smtplib.SMTPException) as exc:
            # No address in the message: it is shown on the staff pages (the log names the server).
            raise MailError(f"the mail server: {getattr(exc, 'strerror', None) or exc or type(exc).__name__}") from None


class NotifyMailer:
    """GOV.UK Notify, through its official client, with a template whose subject is ((subject)) and whose
    message is ((body))."""

    def __init__(self, api_key: str, template_id: str, base_url: str) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        self.client = NotificationsAPIClient(  # type: ignore[no-untyped-call]
            api_key, base_url=base_url, timeout=TIMEOUT_SECONDS
        )
        self.template_id = template_id

    def send(self, to: str, subject: str, body: str) -> None:
        from notifications_python_client.errors import APIError
        from requests import RequestException

        try:
            self.client.send_email_notification(  # type: ignore[no-untyped-call]
                email_address=to, template_id=self.template_id, personalisation={"subject": subject, "body": body}
            )
        except APIError as exc:
            raise MailError(f"GOV.UK Notify: {exc.status_code} {exc.message}") from None
        except RequestException as exc:
            raise MailError(f"GOV.UK Notify could not be reached: {type(exc).__name__}") from None


def mailer_for(settings: Settings) -> Mailer | None:
    """The way emails go out under these settings, or None when none is set (then nothing is queued)."""
    if settings.notify_api_key:
        if not settings.notify_template_id:
            raise ValueError("VOICE_NOTIFY_TEMPLATE_ID: give the id of the Notify template to send with")
        try:
            return NotifyMailer(settings.notify_api_key, settings.notify_template_id, settings.notify_base_url)
        except AssertionError:
            raise ValueError(
                "VOICE_NOTIFY_API_KEY: this is not a Notify API key (copy it whole from Notify's API integration page)"
            ) from None
    if settings.smtp_url:
        if "@" not in settings.mail_from:
            raise ValueError("VOICE_MAIL_FROM: give the address emails come from, like voice@example.org")
        return SmtpMailer(settings.smtp_url, settings.mail_from)
    return None


# --- what is queued --------------------------------------------------------------------------------


class Email(msgspec.Struct, frozen=True):
    id: int
    kind: str
    recipient: str
    subject: str
    body: str
    attempts: int


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _leads(db: Database, *, digest: bool = False) -> list[str]:
    """Every enabled safeguarding lead's email (with digest=True, only those who take the digest)."""
    sql = "SELECT email FROM staff WHERE role = 'safeguarding_lead' AND disabled = 0"
    return [row[0] for row in db.execute(sql + (" AND digest = 1" if digest else "") + " ORDER BY email")]


def _queue(db: Database, kind: str, recipients: list[str], subject: str, body: str, now: dt.datetime) -> int:
    db.table("emails").insert_all(
        {
            "kind": kind,
            "recipient": to,
            "subject": subject,
            "body": body,
            "created_at": now.isoformat(),
            "next_try_at": now.isoformat(),
        }
        for to in recipients
    )
    return len(recipients)


def _sign_in(public_url: str, path: str) -> str:
    return translate(DEFAULT_LOCALE, "Sign in to see it: %(link)s", link=f"{public_url}{path}" if public_url else path)


def _day(day: str) -> str:
    return dt.date.fromisoformat(day).strftime("%A %-d %B %Y")


def _contact_email(n: int, due: str, public_url: str) -> tuple[str, str]:
    subject = translate_plural(
        DEFAULT_LOCALE,
        "A young person asked for someone to talk to them",
        "%(num)d young people asked for someone to talk to them",
        n,
        num=n,
    )
    body = "\n\n".join(
        [
            translate_plural(
                DEFAULT_LOCALE,
                "A young person has asked for someone to get in touch with them.",
                "%(num)d young people have asked for someone to get in touch with them.",
                n,
                num=n,
            ),
            translate(DEFAULT_LOCALE, "The first is due by %(day)s.", day=_day(due))
            if n > 1
            else translate(DEFAULT_LOCALE, "It is due by %(day)s.", day=_day(due)),
            _sign_in(public_url, "/staff/contacts"),
            translate(
                DEFAULT_LOCALE,
                "This email never holds what they wrote or how to reach them: those are only on the staff pages.",
            ),
        ]
    )
    return subject, body


def _flag_email(n: int, public_url: str) -> tuple[str, str]:
    subject = translate_plural(
        DEFAULT_LOCALE,
        "A safeguarding flag is waiting for you",
        "%(num)d safeguarding flags are waiting for you",
        n,
        num=n,
    )
    body = "\n\n".join(
        [
            translate_plural(
                DEFAULT_LOCALE,
                "An answer a young person sent may mean they are at risk. It was flagged for a safeguarding lead.",
                "%(num)d answers young people sent may mean they are at risk. They were flagged for a safeguarding "
                "lead.",
                n,
                num=n,
            ),
            _sign_in(public_url, "/staff/safeguarding"),
            translate(DEFAULT_LOCALE, "This email never holds what they wrote: that is only on the staff pages."),
        ]
    )
    return subject, body


def _digest_email(looks: int, people: int, public_url: str) -> tuple[str, str]:
    subject = translate(DEFAULT_LOCALE, "Today's answers to read: %(num)d", num=looks + people)
    lines = []
    if people:
        lines.append(
            translate_plural(
                DEFAULT_LOCALE,
                "%(num)d answer needs a person to read it (the reader could not).",
                "%(num)d answers need a person to read them (the reader could not).",
                people,
                num=people,
            )
        )
    if looks:
        lines.append(
            translate_plural(
                DEFAULT_LOCALE, "%(num)d answer is worth a look.", "%(num)d answers are worth a look.", looks, num=looks
            )
        )
    body = "\n\n".join(
        [
            *lines,
            _sign_in(public_url, "/staff/safeguarding"),
            translate(
                DEFAULT_LOCALE,
                "You can turn this daily email off on the staff pages (Emails). Emails about flags and "
                "requests for contact cannot be turned off.",
            ),
        ]
    )
    return subject, body


def _overdue_email(n: int, public_url: str) -> tuple[str, str]:
    subject = translate_plural(
        DEFAULT_LOCALE,
        "A request for contact is past its due day",
        "%(num)d requests for contact are past their due day",
        n,
        num=n,
    )
    body = "\n\n".join(
        [
            translate_plural(
                DEFAULT_LOCALE,
                "A young person who asked for someone to talk to them is waiting past the day we promised.",
                "%(num)d young people who asked for someone to talk to them are waiting past the day we promised.",
                n,
                num=n,
            ),
            _sign_in(public_url, "/staff/contacts"),
            translate(DEFAULT_LOCALE, "You will be reminded each working morning until each request is closed."),
        ]
    )
    return subject, body


def _once(db: Database, what: str, now: dt.datetime) -> bool:
    """True for the first caller only (across workers): marks `what` as done."""
    return (
        db.execute("INSERT OR IGNORE INTO notice_marks (what, done_at) VALUES (?, ?)", [what, now.isoformat()]).rowcount
        == 1
    )


def _anything_to_tell(db: Database, settings: Settings, local: dt.datetime) -> bool:
    """Something new to tell, or the morning's emails not queued yet (cheap reads, outside any lock)."""
    if db.execute(
        "SELECT EXISTS (SELECT 1 FROM contact_requests WHERE notified = 0) OR EXISTS (SELECT 1 FROM flags "
        "WHERE notified = 0 AND tier = 'flag')"
    ).fetchone()[0]:
        return True
    if local.hour < settings.digest_hour:
        return False
    done = {
        row[0]
        for row in db.execute(
            "SELECT what FROM notice_marks WHERE what IN (?, ?)", [f"digest:{local.date()}", f"overdue:{local.date()}"]
        )
    }
    return len(done) < (2 if is_working_day(local.date()) else 1)


def collect(db: Database, settings: Settings, now: dt.datetime | None = None) -> int:
    """Queue the emails due now: for new requests for contact and flags, and the day's digest and
    reminder when their hour has come. Returns how many were queued. Safe to call from every worker."""
    now = now or _now()
    local = now.astimezone(ZoneInfo(settings.timezone))  # the partnership's mornings
    today = local.date().isoformat()
    queued = 0
    if not _anything_to_tell(db, settings, local):  # the usual case: no lock, no transaction
        return 0
    with write_lock, db.atomic():
        leads = _leads(db)
        contacts = db.execute("SELECT id, due_on FROM contact_requests WHERE notified = 0 ORDER BY due_on").fetchall()
        if contacts:
            db.execute("UPDATE contact_requests SET notified = 1 WHERE notified = 0")
            queued += _queue(
                db, "contact", leads, *_contact_email(len(contacts), contacts[0][1], settings.public_url), now
            )
        new_flags = db.execute(
            "SELECT count(DISTINCT response_id) FROM flags WHERE notified = 0 AND tier = 'flag'"
        ).fetchone()[0]
        if new_flags:
            db.execute("UPDATE flags SET notified = 1 WHERE notified = 0 AND tier = 'flag'")
            queued += _queue(db, "flag", leads, *_flag_email(new_flags, settings.public_url), now)
        if local.hour >= settings.digest_hour and _once(db, f"digest:{today}", now):
            looks, people = (
                db.execute(
                    f"SELECT count(DISTINCT response_id) FROM flags WHERE notified = 0 AND tier = '{tier}' "  # noqa: S608
                    "AND status = 'open'"
                ).fetchone()[0]
                for tier in ("look", "person")
            )
            db.execute("UPDATE flags SET notified = 1 WHERE notified = 0 AND tier IN ('look', 'person')")
            if looks or people:
                queued += _queue(
                    db, "digest", _leads(db, digest=True), *_digest_email(looks, people, settings.public_url), now
                )
        if local.hour >= settings.digest_hour and is_working_day(local.date()) and _once(db, f"overdue:{today}", now):
            overdue = db.execute(
                "SELECT count(*) FROM contact_requests WHERE status = 'open' AND due_on < ?", [today]
            ).fetchone()[0]
            if overdue:
                queued += _queue(db, "overdue", leads, *_overdue_email(overdue, settings.public_url), now)
    return queued


def queue_link(db: Database, kind: str, recipient: str, link: str, settings: Settings) -> bool:
    """Queue an invitation or password-reset link to `recipient` when emails are set up; False if not."""
    if mailer_for(settings) is None:
        return False
    if kind == "invite":
        subject = translate(DEFAULT_LOCALE, "You are invited to voice")
        first = translate(
            DEFAULT_LOCALE, "You have been given a staff account on voice. Choose your password with this link:"
        )
    else:
        subject = translate(DEFAULT_LOCALE, "Set a new password for voice")
        first = translate(
            DEFAULT_LOCALE, "Someone asked for a new password for your staff account on voice. Set it with this link:"
        )
    body = "\n\n".join(
        [
            first,
            link,
            translate(
                DEFAULT_LOCALE,
                "The link works once. If you did not expect this email, tell the person "
                "who looks after voice's staff accounts.",
            ),
        ]
    )
    with write_lock, db.atomic():
        _queue(db, kind, [recipient], subject, body, _now())
    return True


def _wait(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(FIRST_WAIT_SECONDS * 2 ** (attempts - 1), LONGEST_WAIT_SECONDS))


def _claim(db: Database, now: dt.datetime, limit: int) -> list[Email]:
    """Take up to `limit` emails due to be tried, so no other worker tries them for CLAIM_SECONDS."""
    if not db.execute(
        "SELECT EXISTS (SELECT 1 FROM emails WHERE sent_at IS NULL AND given_up_at IS NULL AND next_try_at <= ?)",
        [now.isoformat()],
    ).fetchone()[0]:
        return []  # the usual case: no lock, no transaction
    with write_lock, db.atomic():
        claimed = [
            Email(**row)
            for row in db.query(
                "SELECT id, kind, recipient, subject, body, attempts FROM emails WHERE sent_at IS NULL AND given_up_at "
                "IS NULL AND next_try_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id LIMIT ?",
                [now.isoformat(), now.isoformat(), limit],
            )
        ]
        until = (now + dt.timedelta(seconds=CLAIM_SECONDS)).isoformat()
        for email in claimed:
            db.execute("UPDATE emails SET claimed_until = ? WHERE id = ?", [until, email.id])
    return claimed


class Sent(msgspec.Struct, frozen=True):
    sent: int = 0
    failed: int = 0


def send_due(db: Database, mailer: Mailer, now: Callable[[], dt.datetime] = _now, limit: int = 50) -> Sent:
    """Send the emails waiting to be sent; note each outcome (and the first failure of each, and a success or
    a giving up, in the audit log)."""
    sent = failed = 0
    for email in _claim(db, now(), limit):
        error = None
        try:
            mailer.send(email.recipient, email.subject, email.body)
        except MailError as exc:
            error = str(exc)
        moment = now()
        what = f"{translate(DEFAULT_LOCALE, KINDS[email.kind])} → {email.recipient}"
        with write_lock, db.atomic():
            if error is None:
                sent += 1
                # A one-time link is not kept once sent; other emails keep only what they said, which is no
                # one's words.
                # Emails about a new answer keep the day only, once sent: their time would say when it came.
                at = moment.date().isoformat() if email.kind in ABOUT_ANSWERS else moment.isoformat()
                db.execute(
                    "UPDATE emails SET sent_at = ?, attempts = attempts + 1, claimed_until = NULL, last_error "
                    "= NULL, body = CASE WHEN kind IN ('invite', 'reset') THEN '' ELSE body END, created_at = "
                    "CASE WHEN kind IN ('contact', 'flag') THEN substr(created_at, 1, 10) ELSE created_at END, "
                    "next_try_at = ? WHERE id = ?",
                    [at, at, email.id],
                )
                record_event(
                    db, "system", "email sent", f"email:{email.id}", what, day_only=email.kind in ABOUT_ANSWERS
                )
                continue
            failed += 1
            attempts = email.attempts + 1
            created = dt.datetime.fromisoformat(
                db.execute("SELECT created_at FROM emails WHERE id = ?", [email.id]).fetchone()[0]
            )
            give_up = moment - created >= GIVE_UP_AFTER
            db.execute(
                "UPDATE emails SET attempts = ?, last_error = ?, next_try_at = ?, claimed_until = NULL, "
                "given_up_at = ? WHERE id = ?",
                [
                    attempts,
                    error,
                    (moment + _wait(attempts)).isoformat(),
                    moment.isoformat() if give_up else None,
                    email.id,
                ],
            )
            if attempts == 1 or give_up:
                record_event(
                    db,
                    "system",
                    "email not sent",
                    f"email:{email.id}",
                    f"{what}: {error}" + (" (given up)" if give_up else " (will be tried again)"),
                    day_only=email.kind in ABOUT_ANSWERS,
                )
        if attempts == 1:
            log.warning(
                "an email (%s) could not be sent through %s, and will be tried again: %s",
                email.kind,
                getattr(mailer, "where", "the mailer"),
                error,
            )
    return Sent(sent, failed)


def unsent_count(db: Database) -> int:
    """Emails tried at least once and not sent (still being tried, or given up on within the last week): for
    /healthz, the metrics and the leads' staff pages."""
    week_ago = (_now() - dt.timedelta(days=7)).isoformat()
    return int(
        db.execute(
            "SELECT count(*) FROM emails WHERE sent_at IS NULL AND attempts > 0 "
            "AND (given_up_at IS NULL OR given_up_at > ?)",
            [week_ago],
        ).fetchone()[0]
    )


def waiting(db: Database) -> int:
    """Emails queued and not yet sent or given up on."""
    return int(db.execute("SELECT count(*) FROM emails WHERE sent_at IS NULL AND given_up_at IS NULL").fetchone()[0])


def takes_digest(db: Database, staff_id: int) -> bool:
    row = db.execute("SELECT digest FROM staff WHERE id = ?", [staff_id]).fetchone()
    return bool(row and row[0])


def set_digest(db: Database, staff_id: int, on: bool, by: str) -> None:
    """Turn one's own daily digest on or off (audited). The urgent emails cannot be turned off."""
    with write_lock, db.atomic():
        db.execute("UPDATE staff SET digest = ? WHERE id = ?", [int(on), staff_id])
        record_event(
            db, by, "email settings changed", f"staff:{staff_id}", "daily digest on" if on else "daily digest off"
        )
