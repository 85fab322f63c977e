"""Staff accounts: argon2 passwords, sign-in with lock-out, sessions with an idle time-out, roles.

Young people never sign in. Staff sessions live in the database (so every worker sees them) under a
random token whose hash is all we keep. Nothing here records an IP address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import cache

import msgspec
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlite_utils import Database

from voice.common.i18n import N_
from voice.store.audit import record_event
from voice.store.db import write_lock

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
TURNED_OFF = N_("This account has been turned off. Ask an administrator of voice in your partnership to turn it on.")
LOCKED = N_(
    "After %(max)d wrong passwords, this email cannot sign in from this browser for %(minutes)d minutes. "
    "An administrator can send you a new sign-in link."
)


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


def is_email(email: str) -> bool:
    """An email address a staff member can have: checked by email-validator (a name, an @ and a domain with a dot;
    no invisible or unsafe characters), and in plain ASCII, so that no account can look like another's
    ("lead@exаmple.org" with a Cyrillic а, "lead@example.org" with a zero-width space). Its mail server is not asked."""
    from email_validator import EmailNotValidError, validate_email

    if not email.isascii() or len(email) > 254:
        return False
    try:
        validate_email(email, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        return False
    return True


def add_user(db: Database, email: str, role: str, password: str) -> Staff:
    email = email.strip()
    if not is_email(email):
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


def _pair(email: str, device: str) -> str:
    """Wrong passwords are counted per (email, browser), where the browser is one the email has signed in from
    before (`device`, the random value of a cookie signed for the email at sign-in: voice.web.guard.DEVICE_COOKIE),
    and per email for every other browser together (`device` ""). Never by IP address. A stranger guessing locks
    only the email's unknown browsers, so the person can still sign in from a browser they have used; a guesser
    who makes up or throws away cookies gains nothing; and an unknown email is counted exactly like a real one,
    so the answers never say whether an account exists."""
    return hashlib.sha256(f"{email.strip().lower()}\0{device}".encode()).hexdigest()


def _locked(db: Database, pair: str, now: dt.datetime) -> bool:
    row = next(db.query("SELECT locked_until FROM sign_in_failures WHERE pair_hash = ?", [pair]), None)
    return bool(row and row["locked_until"] and dt.datetime.fromisoformat(row["locked_until"]) > now)


def _failed(db: Database, pair: str, now: dt.datetime, staff_id: int | None) -> bool:
    """Count one wrong password for the pair; True when it is now locked."""
    with write_lock, db.atomic():
        row = next(db.query("SELECT failures, last_failed_at FROM sign_in_failures WHERE pair_hash = ?", [pair]), None)
        stale = (
            row is None or dt.datetime.fromisoformat(row["last_failed_at"]) + dt.timedelta(minutes=LOCK_MINUTES) < now
        )
        failures = 1 if stale or row is None else row["failures"] + 1
        locked = (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat() if failures >= MAX_FAILURES else None
        db.execute(
            "INSERT INTO sign_in_failures (pair_hash, failures, locked_until, last_failed_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, "
            "last_failed_at = excluded.last_failed_at",
            [pair, 0 if locked else failures, locked, now.isoformat()],
        )
        db.execute(
            "DELETE FROM sign_in_failures WHERE last_failed_at < ? AND (locked_until IS NULL OR locked_until < ?)",
            [(now - dt.timedelta(days=1)).isoformat(), now.isoformat()],
        )
        if locked and staff_id is not None:
            record_event(db, "system", "account locked", f"staff:{staff_id}", f"{MAX_FAILURES} (one browser)")
    return locked is not None


def sign_in(db: Database, email: str, password: str, device: str = "") -> str:
    """Check the password; returns a new session token. Raises AuthError, the same for an unknown email and a wrong
    password, and the same lock-out for both (see `_pair`); a turned-off account with its right password is told
    so (TURNED_OFF), which says nothing to someone who does not know the password."""
    now = _now()
    pair = _pair(email, device)
    if _locked(db, pair, now):
        raise AuthError(LOCKED, max=MAX_FAILURES, minutes=LOCK_MINUTES)
    row = next(db.query("SELECT id, password_hash, disabled FROM staff WHERE email = ?", [email.strip()]), None)
    staff_id = None if row is None else int(row["id"])
    try:
        if row is None:
            _hasher.verify(_dummy_hash(), password or "x")  # as long as a real check; always fails
        else:
            _hasher.verify(row["password_hash"], password)
        ok = row is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok:
        if _failed(db, pair, now, staff_id):
            raise AuthError(LOCKED, max=MAX_FAILURES, minutes=LOCK_MINUTES)
        raise AuthError(WRONG)
    if row is not None and row["disabled"]:  # said only to someone who knows the password
        raise AuthError(TURNED_OFF)
    token = secrets.token_urlsafe(32)
    with write_lock, db.atomic():
        db.execute("DELETE FROM staff_sessions WHERE expires_at < ?", [now.isoformat()])
        db.execute("DELETE FROM sign_in_failures WHERE pair_hash = ?", [pair])
        db.table("staff_sessions").insert(
            {
                "token_hash": _hash_token(token),
                "staff_id": staff_id,
                "last_seen": now.isoformat(),
                "expires_at": (now + dt.timedelta(hours=SESSION_HOURS)).isoformat(),
            }
        )
        record_event(db, email.strip(), "signed in", f"staff:{staff_id}")
    return token


def session_user(db: Database, token: str | None) -> Staff | None:
    """The signed-in staff member, or None when the session is missing, expired or idle too long."""
    if not token or len(token) > 100:
        return None
    now = _now()
    row = next(
        db.query(
            "SELECT s.id, s.email, s.role, ss.last_seen, ss.expires_at FROM staff_sessions ss "
            "JOIN staff s ON s.id = ss.staff_id WHERE ss.token_hash = ? AND s.disabled = 0",
            [_hash_token(token)],
        ),
        None,
    )
    if row is None:
        return None
    last_seen, expires = dt.datetime.fromisoformat(row["last_seen"]), dt.datetime.fromisoformat(row["expires_at"])
    if expires < now or last_seen + dt.timedelta(minutes=IDLE_MINUTES) < now:
        sign_out(db, token)
        return None
    if now - last_seen > dt.timedelta(minutes=1):
        with write_lock:
            db.execute(
                "UPDATE staff_sessions SET last_seen = ? WHERE token_hash = ?", [now.isoformat(), _hash_token(token)]
            )
    return Staff(row["id"], row["email"], row["role"])


def sign_out(db: Database, token: str | None) -> None:
    if token:
        with write_lock:
            db.execute("DELETE FROM staff_sessions WHERE token_hash = ?", [_hash_token(token)])


# --- running the accounts (the admin role) ---------------------------------------------------
INVITE_DAYS = 7
RESET_HOURS = 24
SET_PASSWORD_PATH = "/staff/set-password"  # noqa: S105 - a web address, not a password
"""Where a one-time link (an invitation or a password reset) is used."""


def link_url(public_url: str, token: str) -> str:
    """The one-time link to send: in full at VOICE_PUBLIC_URL, or only its path when that is not set. Never
    built from a request's Host header, which whoever sends the request chooses."""
    return f"{public_url.rstrip('/')}{SET_PASSWORD_PATH}/{token}"


class Account(msgspec.Struct, frozen=True):
    id: int
    email: str
    role: str
    created_on: str
    disabled: bool
    has_password: bool
    """False for an invited account whose link has not been used yet."""


def accounts(db: Database) -> list[Account]:
    rows = db.query(
        "SELECT s.id, s.email, s.role, s.created_on, s.disabled, NOT EXISTS (SELECT 1 FROM staff_links l "
        "WHERE l.staff_id = s.id AND l.purpose = 'invite' AND l.used_at IS NULL) AS has_password FROM staff s "
        "ORDER BY s.email"
    )
    return [Account(**(r | {"disabled": bool(r["disabled"]), "has_password": bool(r["has_password"])})) for r in rows]


def account(db: Database, ref: int | str) -> Account:
    """One account by id or email; AccountError when there is none."""
    found = [
        a for a in accounts(db) if a.id == ref or (isinstance(ref, str) and a.email.lower() == ref.strip().lower())
    ]
    if not found:
        raise AccountError(f"there is no account {ref}")
    return found[0]


def _link(db: Database, staff_id: int, purpose: str, lasts: dt.timedelta) -> str:
    """A one-time link's token (only its hash is kept); earlier unused links of the account stop working."""
    token = secrets.token_urlsafe(32)
    db.execute(
        "UPDATE staff_links SET used_at = ? WHERE staff_id = ? AND used_at IS NULL", [_now().isoformat(), staff_id]
    )
    db.table("staff_links").insert(
        {
            "token_hash": _hash_token(token),
            "staff_id": staff_id,
            "purpose": purpose,
            "expires_at": (_now() + lasts).isoformat(),
        }
    )
    return token


def invite(db: Database, email: str, role: str, by: str) -> str:
    """A new account with no password yet; returns the token of its one-time link (valid INVITE_DAYS)."""
    email = email.strip()
    if not is_email(email):
        raise AccountError(N_("Enter an email address, like name@example.org."))
    if role not in ROLES:
        raise AccountError(N_("Choose one of the roles shown."))
    if db.execute("SELECT 1 FROM staff WHERE email = ?", [email]).fetchone():
        raise AccountError(N_("There is already an account with this email address."))
    with write_lock, db.atomic():
        cursor = db.execute(
            "INSERT INTO staff (email, role, password_hash, created_on) VALUES (?, ?, ?, ?)",
            [email, role, _hasher.hash(secrets.token_urlsafe(32)), _now().date().isoformat()],
        )
        staff_id = int(cursor.lastrowid or 0)
        token = _link(db, staff_id, "invite", dt.timedelta(days=INVITE_DAYS))
        record_event(db, by, "account invited", f"staff:{staff_id}", f"{email}: {role}")
    return token


def reset_link(db: Database, staff_id: int, by: str) -> str:
    """A one-time link to set a new password (valid RESET_HOURS); the old password works until it is used. For
    an account whose invitation has not been used yet, a new invitation instead (valid INVITE_DAYS)."""
    found = account(db, staff_id)
    with write_lock, db.atomic():
        if not found.has_password:  # still invited: a new invitation, so the account stays "invited" for 7 days
            token = _link(db, found.id, "invite", dt.timedelta(days=INVITE_DAYS))
        else:
            token = _link(db, found.id, "reset", dt.timedelta(hours=RESET_HOURS))
        record_event(db, by, "password reset link made", f"staff:{found.id}", found.email)
    return token


def link_account(db: Database, token: str) -> Account | None:
    """The account a one-time link is for, while it is unused and in time."""
    if not token or len(token) > 100:
        return None
    row = next(
        db.query("SELECT staff_id, expires_at, used_at FROM staff_links WHERE token_hash = ?", [_hash_token(token)]),
        None,
    )
    if row is None or row["used_at"] is not None or dt.datetime.fromisoformat(row["expires_at"]) < _now():
        return None
    found = account(db, int(row["staff_id"]))
    return None if found.disabled else found


def set_password(db: Database, token: str, password: str, again: str) -> Account:
    """Use a one-time link: the new password, and every earlier session of the account ends."""
    found = link_account(db, token)
    if found is None:
        raise AccountError(N_("This link has been used or has expired. Ask an admin for a new one."))
    if len(password) < MIN_PASSWORD:
        raise AccountError(N_("Enter a password of at least 12 characters."))
    if password != again:
        raise AccountError(N_("The two passwords are not the same."))
    with write_lock, db.atomic():
        now = _now().isoformat()
        used = db.execute(
            "UPDATE staff_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? "
            "AND NOT EXISTS (SELECT 1 FROM staff WHERE id = staff_id AND disabled = 1)",
            [now, _hash_token(token), now],
        ).rowcount
        if not used:
            raise AccountError(N_("This link has been used or has expired. Ask an admin for a new one."))
        db.table("staff").update(found.id, {"password_hash": _hasher.hash(password)})
        db.execute("DELETE FROM staff_sessions WHERE staff_id = ?", [found.id])
        record_event(db, found.email, "password set", f"staff:{found.id}")
    return found


def _enabled_admins(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM staff WHERE role = 'admin' AND disabled = 0").fetchone()[0])


def set_role(db: Database, staff_id: int, role: str, by: str) -> None:
    found = account(db, staff_id)
    if role not in ROLES:
        raise AccountError(N_("Choose one of the roles shown."))
    if found.role == "admin" and role != "admin" and not found.disabled and _enabled_admins(db) <= 1:
        raise AccountError(N_("This is the only admin. Make someone else an admin first."))
    with write_lock, db.atomic():
        db.table("staff").update(found.id, {"role": role})
        record_event(db, by, "account role changed", f"staff:{found.id}", f"{found.email}: {found.role} to {role}")


def set_disabled(db: Database, staff_id: int, disabled: bool, by: str) -> None:
    """Disable or enable an account. Disabling ends every session of the account and every one-time link
    not yet used (an invitation or a password reset) at once: enabling it again brings none back, so a
    link sent before it was disabled never works again; the admin makes a new one."""
    found = account(db, staff_id)
    if disabled and found.role == "admin" and not found.disabled and _enabled_admins(db) <= 1:
        raise AccountError(N_("This is the only admin. Make someone else an admin first."))
    with write_lock, db.atomic():
        db.table("staff").update(found.id, {"disabled": int(disabled)})
        if disabled:
            db.execute("DELETE FROM staff_sessions WHERE staff_id = ?", [found.id])
            # Expired rather than used: an invited account that never chose a password stays "invited".
            now = _now().isoformat()
            db.execute(
                "UPDATE staff_links SET expires_at = ? WHERE staff_id = ? AND used_at IS NULL AND expires_at > ?",
                [now, found.id, now],
            )
        record_event(db, by, "account disabled" if disabled else "account enabled", f"staff:{found.id}", found.email)
