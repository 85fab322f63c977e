"""Published reports as stored (`published_reports`): what the public pages show, as a person published it.

Words a young person took back leave every published page at once (the numbers wait for the report to
be published again, as the page says): `scrub_quotes` takes quotes out of the stored reports without
knowing their shape beyond this: a quote is an object with an "id" in a list under "quotes".
"""

from __future__ import annotations

from typing import Any

import msgspec
from sqlite_utils import Database


def _without(node: Any, gone: set[int]) -> bool:
    """Drop the quotes with these ids wherever they are in a decoded report; True if any went."""
    changed = False
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quotes" and isinstance(value, list):
                kept = [q for q in value if not (isinstance(q, dict) and q.get("id") in gone)]
                if len(kept) != len(value):
                    node[key] = kept
                    changed = True
            changed = _without(value, gone) or changed
    elif isinstance(node, list):
        for item in node:
            changed = _without(item, gone) or changed
    return changed


def scrub_quotes(db: Database, quote_ids: list[int]) -> int:
    """Take these quotes out of every published report (in the caller's transaction); returns how many
    stored reports changed."""
    if not quote_ids:
        return 0
    gone = set(quote_ids)
    changed = 0
    for rowid, report in db.execute("SELECT rowid, report FROM published_reports").fetchall():
        decoded = msgspec.json.decode(report)
        if _without(decoded, gone):
            db.execute(
                "UPDATE published_reports SET report = ? WHERE rowid = ?",
                [msgspec.json.encode(decoded).decode(), rowid],
            )
            changed += 1
    return changed
