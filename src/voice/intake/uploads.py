"""Files staff upload to import on the staff pages, held between the preview and "Store".

The file itself is kept (never a second upload: what is stored is exactly what was previewed), under a
random token of which only a hash is kept, for the sign-in that uploaded it (`owner`, an HMAC of the
session that the web layer makes) and for HOLD_MINUTES at most. "Store" stores the rows, drops the
file and keeps only what was done, in the same transaction, so pressing it twice stores nothing twice.
Expired files are deleted when someone next uploads one and by the retention job (voice.intake.operations).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import msgspec
from sqlite_utils import Database

from voice.intake.imports import ImportPlan, ImportResult, plan_import, store_plan
from voice.intake.submissions import DEFAULTS, RecordOptions
from voice.store.db import write_lock
from voice.store.versions import Published

HOLD_MINUTES = 30
"""How long an uploaded file waits for "Store" (as long as a staff session waits for its next page)."""


class Held(msgspec.Struct, frozen=True):
    version_id: int
    """The survey version the file was checked against (and is stored to)."""
    file_name: str
    channel: str
    day_first: bool
    data: bytes | None
    """The file as uploaded; None once stored."""
    result: ImportResult | None
    """What storing it did; None until then."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def hold(
    db: Database,
    owner: str,
    published: Published,
    file_name: str,
    data: bytes,
    *,
    channel: str,
    day_first: bool,
    now: dt.datetime | None = None,
) -> str:
    """Keep an uploaded file for its preview; returns its token. Any other file this sign-in was holding,
    and every expired one, is deleted."""
    moment = now or _now()
    token = secrets.token_urlsafe(24)
    with write_lock, db.atomic():
        db.execute("DELETE FROM held_imports WHERE owner = ? OR expires_at < ?", [owner, moment.isoformat()])
        db.table("held_imports").insert(
            {
                "token_hash": _hash(token),
                "owner": owner,
                "version_id": published.version_id,
                "file_name": file_name,
                "data": data,
                "channel": channel,
                "day_first": int(day_first),
                "expires_at": (moment + dt.timedelta(minutes=HOLD_MINUTES)).isoformat(),
            }
        )
    return token


def held(db: Database, token: str, owner: str, now: dt.datetime | None = None) -> Held | None:
    """The file held under `token` for `owner`, or None (never held, another sign-in's, or expired)."""
    row = next(
        db.query(
            "SELECT version_id, file_name, channel, day_first, data, result FROM held_imports "
            "WHERE token_hash = ? AND owner = ? AND expires_at >= ?",
            [_hash(token), owner, (now or _now()).isoformat()],
        ),
        None,
    )
    if row is None:
        return None
    return Held(
        **(
            row
            | {
                "day_first": bool(row["day_first"]),
                "result": msgspec.json.decode(row["result"], type=ImportResult) if row["result"] else None,
            }
        )
    )


def plan_held(db: Database, found: Held, published: Published, locale: str) -> ImportPlan:
    """The held file's preview: read and checked again each time (nothing is written)."""
    assert found.data is not None, "a stored file is not held any more"
    return plan_import(db, published, found.data, found.file_name, day_first=found.day_first, locale=locale)


def store_held(
    db: Database,
    token: str,
    owner: str,
    published: Published,
    *,
    by: str,
    locale: str,
    options: RecordOptions = DEFAULTS,
) -> ImportResult | None:
    """Store the held file's good rows (with record()'s `options`, in `locale`), drop the file and keep what was done, all
    in one transaction; the import is in the audit log under `by`. None when there is no such file for
    `owner`; the earlier result when it was stored already (a second press of "Store")."""
    found = held(db, token, owner)
    if found is None or found.data is None:
        return found.result if found else None
    plan = plan_held(db, found, published, locale)  # checked outside the write lock: answers being sent need not wait
    with write_lock, db.atomic():
        again = held(db, token, owner)
        if again is None or again.data is None:  # stored or expired meanwhile
            return again.result if again else None
        result = store_plan(
            db,
            published,
            plan,
            found.file_name,
            channel=found.channel,
            by=by,
            options=msgspec.structs.replace(options, locale=locale),
        )
        db.execute(
            "UPDATE held_imports SET data = NULL, result = ? WHERE token_hash = ?",
            [msgspec.json.encode(result).decode(), _hash(token)],
        )
    return result


def forget(db: Database, token: str, owner: str) -> bool:
    """Delete a held file (the person cancelled); True if there was one."""
    with write_lock:
        return bool(
            db.execute("DELETE FROM held_imports WHERE token_hash = ? AND owner = ?", [_hash(token), owner]).rowcount
        )


def purge_held(db: Database, now: dt.datetime | None = None) -> int:
    """Delete every held file, and every result, past its time."""
    with write_lock:
        return int(db.execute("DELETE FROM held_imports WHERE expires_at < ?", [(now or _now()).isoformat()]).rowcount)
