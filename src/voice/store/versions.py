"""Stored survey versions, read back: what the tallies, the catalogue and the migrations share, so that none
of them needs the catalogue (which reads the survey folder) to know what a version asked."""

from __future__ import annotations

from functools import lru_cache

import msgspec
from sqlite_utils import Database

from voice.surveys.schema import Survey, decode_stored


class Published(msgspec.Struct, frozen=True):
    slug: str
    version_id: int
    content_hash: str
    survey: Survey


@lru_cache(maxsize=256)
def _decode_version(definition: str) -> Survey:
    return decode_stored(definition)


def version(db: Database, version_id: int) -> Published | None:
    """Any stored version, current or not (an unfinished answer keeps the version it started on)."""
    row = next(db.query("SELECT slug, content_hash, definition FROM survey_versions WHERE id = ?", [version_id]), None)
    if row is None:
        return None
    return Published(row["slug"], version_id, row["content_hash"], _decode_version(row["definition"]))


def every_version(db: Database, slug: str) -> list[Published]:
    """Every stored version of a survey, the newest first (one query)."""
    return [
        Published(slug, row["id"], row["content_hash"], _decode_version(row["definition"]))
        for row in db.query(
            "SELECT id, content_hash, definition FROM survey_versions WHERE slug = ? ORDER BY id DESC", [slug]
        )
    ]
