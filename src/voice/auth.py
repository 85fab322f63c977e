"""Staff accounts: argon2 passwords, sign-in with lock-out, sessions with an idle time-out, roles.

Young people never sign in. Staff sessions live in the database (so every worker sees them) under a
random token whose hash is all we keep. Nothing here records an IP address.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
from functools import cache

import msgspec
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlite_utils import Database

from voice.audit import record_event
from voice.db import write_lock
from voice.i18n import N_

ROLES = ("admin", "facilitator", "safeguarding_lead", "viewer")
MIN_PASSWORD = 12
MAX_FAILURES = 5
LOCK_MINUTES = 15
IDLE_MINUTES = 30
SESSION_HOURS = 10
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A real hash to check against when the email is unknown, so timing does not say which emails exist.
    Made on first use: argon2 takes a sixth of a second, which every command would otherwise pay."""
    return _hasher.hash(secrets.token_urlsafe(16))


class Staff(msgspec.Struct, frozen=True):
    id: int
    email: str
    role: str


WRONG = N_("The email address or password is not right.")
LOCKED = N_("This account is locked after %(max)d wrong passwords. Try again in %(minutes)d minutes.")


class AuthError(Exception):
    """Sign-in failed; the message is safe to show (it never says whether the email exists)."""

    def __init__(self, message: str, **params: int) -> None:
        super().__init__(message)
        self.message, self.params = message, params


class AccountError(ValueError):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(db: Database, email: str, role: str, password: str) -> Staff:
    email = email.strip()
    if "@" not in email or len(email) > 254:
        raise AccountError(f"{email!r} is not an email address")
    if role not in ROLES:
        raise AccountError(f"role must be one of: {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must be at least {MIN_PASSWORD} characters")
    if db.execute("SELECT 1 FROM staff WHERE email = ?", [email]).fetchone():
        raise AccountError(f"{email} already has an account")
    with write_lock, db.atomic():
        cursor = db.execute(
            "INSERT INTO staff (email, role, password_hash, created_on) VALUES (?, ?, ?, ?)",
            [email, role, _hasher.hash(password), _now().date().isoformat()],
        )
        record_event(db, "system", "account created", f"staff:{cursor.lastrowid}", f"{email}: {role}")
    return Staff(int(cursor.lastrowid or 0), email, role)


def sign_in(db: Database, email: str, password: str) -> str:
    """Check the password; returns a new session token. Raises AuthError."""
    now = _now()
    row = db.execute(
        "SELECT id, password_hash, failed_logins, locked_until, disabled FROM staff WHERE email = ?", [email.strip()]
    ).fetchone()
    if row is None:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_dummy_hash(), password or "x")
        raise AuthError(WRONG)
    staff_id, password_hash, failures, locked_until, disabled = row
    if disabled:
        raise AuthError(WRONG)
    if locked_until and dt.datetime.fromisoformat(locked_until) > now:
        raise AuthError(LOCKED, max=MAX_FAILURES, minutes=LOCK_MINUTES)
    try:
        _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        failures += 1
        locked = (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat() if failures >= MAX_FAILURES else None
        with write_lock, db.atomic():
            db.execute("UPDATE staff SET failed_logins = ?, locked_until = ? WHERE id = ?",
                       [0 if locked else failures, locked, staff_id])
            if locked:
                record_event(db, "system", "account locked", f"staff:{staff_id}", f"{MAX_FAILURES}")
        raise AuthError(WRONG) from None
    token = secrets.token_urlsafe(32)
    with write_lock, db.atomic():
        db.execute("DELETE FROM staff_sessions WHERE expires_at < ?", [now.isoformat()])
        db.execute("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?", [staff_id])
        db.execute("INSERT INTO staff_sessions (token_hash, staff_id, last_seen, expires_at) VALUES (?, ?, ?, ?)",
                   [_hash_token(token), staff_id, now.isoformat(), (now + dt.timedelta(hours=SESSION_HOURS)).isoformat()])
        record_event(db, email.strip(), "signed in", f"staff:{staff_id}")
    return token


def session_user(db: Database, token: str | None) -> Staff | None:
    """The signed-in staff member, or None when the session is missing, expired or idle too long."""
    if not token or len(token) > 100:
        return None
    now = _now()
    row = db.execute(
        "SELECT s.id, s.email, s.role, ss.last_seen, ss.expires_at FROM staff_sessions ss "
        "JOIN staff s ON s.id = ss.staff_id WHERE ss.token_hash = ? AND s.disabled = 0", [_hash_token(token)]
    ).fetchone()
    if row is None:
        return None
    last_seen, expires = dt.datetime.fromisoformat(row[3]), dt.datetime.fromisoformat(row[4])
    if expires < now or last_seen + dt.timedelta(minutes=IDLE_MINUTES) < now:
        sign_out(db, token)
        return None
    if now - last_seen > dt.timedelta(minutes=1):
        with write_lock:
            db.execute("UPDATE staff_sessions SET last_seen = ? WHERE token_hash = ?", [now.isoformat(), _hash_token(token)])
    return Staff(row[0], row[1], row[2])


def sign_out(db: Database, token: str | None) -> None:
    if token:
        with write_lock:
            db.execute("DELETE FROM staff_sessions WHERE token_hash = ?", [_hash_token(token)])

