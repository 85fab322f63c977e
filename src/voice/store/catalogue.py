"""Which surveys are published: survey files become immutable, content-addressed versions.

Editing a file makes a new version (a new content hash); responses keep pointing at the version
they answered. The folder is re-read when a file changes, so authors need not restart the server.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import threading
import time
from pathlib import Path

from sqlite_utils import Database

from voice.common.dates import local_today
from voice.store.db import opened
from voice.store.versions import Published, version
from voice.surveys.files import SURVEY_SUFFIXES, LoadedSurvey, Problem, check_paths
from voice.surveys.schema import encode_stored

log = logging.getLogger("voice.surveys")


def store_version(db: Database, item: LoadedSurvey, today: dt.date) -> int:
    """Insert the version if it is new and make it the survey's current one; returns its id."""
    with db.atomic():
        db.execute(
            "INSERT INTO survey_versions (slug, content_hash, definition, first_loaded_on) "
            "VALUES (:slug, :hash, :definition, :today) ON CONFLICT(content_hash) DO NOTHING",
            {
                "slug": item.slug,
                "hash": item.content_hash,
                "definition": encode_stored(item.survey),
                "today": today.isoformat(),
            },
        )
        version_id = int(
            db.execute("SELECT id FROM survey_versions WHERE content_hash = ?", [item.content_hash]).fetchone()[0]
        )
        db.execute(
            "INSERT INTO surveys (slug, version_id, source) VALUES (?, ?, ?) "
            "ON CONFLICT(slug) DO UPDATE SET version_id = excluded.version_id, source = excluded.source",
            [item.slug, version_id, item.source],
        )
    return version_id


class Catalogue:
    """The surveys in the folder, kept in step with the database. Reading it looks at the folder again
    at most every `check_every` seconds (listing it on every request cost more than the rest of most
    requests); with `check_every=None`, reading never does, and whoever owns the catalogue calls
    refresh() (the web service, from a task of its own: see `watch`). refresh() always looks."""

    def __init__(self, db_path: str | Path, surveys_dir: str | Path, check_every: float | None = 1.0) -> None:
        self.db_path = db_path
        self.surveys_dir = Path(surveys_dir)
        self.check_every = check_every
        self._checked = -math.inf
        self._lock = threading.Lock()
        self._stamp: tuple[tuple[str, int, int], ...] | None = None
        self._current: dict[str, Published] = {}
        self._versions: dict[int, Published] = {}
        self.problems: list[Problem] = []

    def _stamp_now(self) -> tuple[tuple[str, int, int], ...]:
        try:
            entries = [p for p in self.surveys_dir.iterdir() if p.suffix in SURVEY_SUFFIXES]
        except OSError:
            return ()
        stamp = []
        for p in entries:
            try:
                st = p.stat()
            except OSError:
                continue
            stamp.append((p.name, st.st_mtime_ns, st.st_size))
        return tuple(sorted(stamp))

    def _refresh_now_and_then(self) -> None:
        if self.check_every is not None and time.monotonic() - self._checked >= self.check_every:
            self.refresh()

    def refresh(self, today: dt.date | None = None) -> None:
        self._checked = time.monotonic()
        stamp = self._stamp_now()
        if stamp == self._stamp:
            return
        with self._lock:
            if stamp == self._stamp:
                return
            loaded, problems = check_paths([self.surveys_dir]) if self.surveys_dir.is_dir() else ([], [])
            day = today or local_today()
            current: dict[str, Published] = {}
            with opened(self.db_path) as db:
                for item in loaded:
                    vid = store_version(db, item, day)
                    current[item.slug] = Published(item.slug, vid, item.content_hash, item.survey)
                # A file that is broken now keeps serving its last good version.
                for problem in problems:
                    log.warning("survey file problem: %s", problem)
                    slug = Path(problem.file).stem
                    if slug in self._current and slug not in current:
                        current[slug] = self._current[slug]
            self._current, self.problems, self._stamp = current, problems, stamp

    def version(self, db: Database, version_id: int) -> Published | None:
        """Any stored version (see `version`), kept once read: versions never change."""
        found = self._versions.get(version_id)
        if found is None:
            found = version(db, version_id)
            if found is not None:
                with self._lock:
                    self._versions[version_id] = found
        return found

    def current(self, slug: str) -> Published | None:
        self._refresh_now_and_then()
        return self._current.get(slug)

    def all(self) -> list[Published]:
        self._refresh_now_and_then()
        return sorted(self._current.values(), key=lambda p: p.survey.title)
