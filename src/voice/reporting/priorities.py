"""The partnership's priorities for each business year, and its actions ("we did").

Priorities come from a YAML file (`voice priorities import FILE`) or the staff pages. Topics feed
priorities: by default as the taxonomy says, and a person can change that per priority. Actions say what
was done, by which partner agency, what changed and what is planned next, and link back to the
priorities, topics, quotes and consultations that prompted them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import msgspec
from msgspec import Meta
from sqlite_utils import Database

from voice.common.i18n import N_
from voice.reading.themes import Taxonomy
from voice.store.audit import record_event
from voice.store.db import write_lock
from voice.surveys.files import Problem, SurveyFileError, line_of, parse_yaml_as, read_text_file

YEAR_RE = re.compile(r"^(\d{4})/(\d{2})$")
Year = Annotated[str, Meta(pattern=r"^\d{4}/\d{2}$")]
Key = Annotated[str, Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Line = Annotated[str, Meta(min_length=1, max_length=300)]
Para = Annotated[str, Meta(max_length=4000)]
STATUSES = ("planned", "in_progress", "done")
STATUS_NAMES = {"planned": N_("Planned"), "in_progress": N_("In progress"), "done": N_("Done")}


ItemT = TypeVar("ItemT", "Priority", "Action")


class PlanError(Exception):
    """A person's change that cannot be made; `message` is marked for translation."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message % params if params else message)
        self.message, self.params = message, params


Language = Annotated[str, Meta(pattern=r"^[a-z]{2,3}$")]
Translations = dict[str, dict[str, str | list[str]]]
"""Per language, per field (PriorityText's or ActionText's), the words in that language."""
Outcome = Annotated[str, Meta(min_length=1, max_length=2000)]


class PriorityText(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """A priority in another language; what is left out is shown in English."""

    name: Line | None = None
    outcomes: list[Outcome] | None = None
    easy_name: Line | None = None
    """Its name in easy read, in this language."""


class ActionText(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """An action in another language; what is left out is shown in English."""

    title: Line | None = None
    what_we_did: Annotated[str, Meta(min_length=1, max_length=4000)] | None = None
    agency: Line | None = None
    what_changed: Para | None = None
    next_steps: Para | None = None
    easy_title: Line | None = None
    """Its title in easy read, in this language."""


class PriorityIn(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    id: Key
    name: Line
    easy_name: Line | None = None
    """The name in easy read ("Feeling OK in your mind" for "Child mental health and emotional wellbeing"):
    what young people who chose easy read are shown."""
    outcomes: list[Outcome] = []
    topics: list[Key] | None = None
    """Topic ids that feed this priority; leave out to take them from the taxonomy."""
    translations: dict[Language, PriorityText] = {}
    """The partnership's words in other languages (e.g. ur, pl), used where the reader chose one."""


class ActionIn(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    id: Key | None = None
    """A stable id for the action in its priorities file: importing the file again updates the action with
    this id. Leave out to use the title (then a changed title makes a new action)."""
    title: Line
    easy_title: Line | None = None
    """The title in easy read, shown to young people who chose easy read."""
    what_we_did: Annotated[str, Meta(min_length=1, max_length=4000)]
    agency: Line
    status: Literal["planned", "in_progress", "done"]
    started_on: dt.date | None = None
    finished_on: dt.date | None = None
    what_changed: Para = ""
    next_steps: Para = ""
    priorities: list[Key] = []
    topics: list[Key] = []
    quotes: list[int] = []
    surveys: list[Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$")]] = []
    translations: dict[Language, ActionText] = {}


class PlanFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """A priorities file: one business year's priorities, and optionally its actions."""

    year: Year
    priorities: Annotated[list[PriorityIn], Meta(min_length=1, max_length=30)]
    actions: list[ActionIn] = []


class Priority(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    year: str
    key: str
    name: str
    outcomes: list[str]
    topics: list[str]
    archived_at: str | None = None
    translations: Translations = {}
    """Per language, the fields whose translation still matches the English (see `_translated`)."""
    stale_translations: list[str] = []
    """Languages with a translation made from English that has changed since."""


class ActionCore(msgspec.Struct, frozen=True, kw_only=True):
    """What an action says, as stored and as published."""

    id: int
    title: str
    what_we_did: str
    agency: str
    status: str
    started_on: str | None
    finished_on: str | None
    what_changed: str
    next_steps: str
    priorities: list[str]
    topics: list[str]
    surveys: list[str]
    translations: Translations = {}
    """Per language, the fields whose translation still matches the English (see `_translated`)."""


class Action(ActionCore, frozen=True, kw_only=True):
    year: str
    quotes: list[int]
    updated_by: str
    updated_at: str
    archived_at: str | None = None
    stale_translations: list[str] = []
    """Languages with a translation made from English that has changed since."""


# --- business years ------------------------------------------------------------------------------
def check_year(year: str) -> str:
    """'2021/22' (also accepts '2021-22', as in a web address); raises ValueError otherwise."""
    m = YEAR_RE.match(year.replace("-", "/"))
    if not m or (int(m[1]) + 1) % 100 != int(m[2]) or not FIRST_YEAR <= int(m[1]) <= LAST_YEAR:
        raise ValueError(f"`{year}` is not a business year; write it like 2021/22")
    return f"{m[1]}/{m[2]}"


FIRST_YEAR, LAST_YEAR = 2000, 2098
"""The business years a partnership can mean (2000/01 to 2098/99): "0000/01" or "9999/00" are slips."""


def year_span(year: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a business year (1 April to 31 March)."""
    start = int(check_year(year)[:4])
    return dt.date(start, 4, 1), dt.date(start + 1, 3, 31)


def year_of(day: dt.date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def year_before(year: str) -> str:
    """The business year before this one: 2021/22 for 2022/23."""
    start = int(check_year(year)[:4]) - 1
    return f"{start}/{(start + 1) % 100:02d}"


def year_slug(year: str) -> str:
    """The year as it appears in a web address or a file name: 2021-22."""
    return year.replace("/", "-")


# --- reading and storing ---------------------------------------------------------------------------
def _json(value: object) -> str:
    return msgspec.json.encode(value).decode()


EASY_OF = {"easy_name": "name", "easy_title": "title"}
"""The easy-read words of a field: stored with the translations, made from that field's English (a new name
leaves the old easy name out, as it does a translation), the English easy read under "en"."""


def _stored_translations(english: msgspec.Struct, translations: dict[str, msgspec.Struct]) -> str:
    """Translations as stored: per language and field, [the English it was made from, the translation]."""

    def source(f: str) -> Any:
        return getattr(english, EASY_OF.get(f, f))

    kept = {
        lang: {f: [source(f), v] for f in text.__struct_fields__ if (v := getattr(text, f)) is not None and source(f)}
        for lang, text in translations.items()
    }
    easy = {f: [source(f), v] for f in EASY_OF if (v := getattr(english, f, None)) and source(f)}
    if easy:
        kept["en"] = easy
    return _json({lang: fields for lang, fields in kept.items() if fields})


def _with_translations(item: ItemT, stored: str | None, text: type[msgspec.Struct]) -> ItemT:
    """The item with its stored translations still made from its English as it is now, and the languages
    with a field whose English was changed since (on the staff pages, say): that field is left out, so the
    English is shown rather than old words, and the staff pages say so. `text`: PriorityText or ActionText."""
    current = {f: getattr(item, EASY_OF.get(f, f)) for f in text.__struct_fields__}
    found: Translations = {}
    stale: list[str] = []
    for lang, fields in msgspec.json.decode(stored or "{}").items():
        valid = {f: pair[1] for f, pair in fields.items() if current.get(f) == pair[0]}
        if valid:
            found[lang] = valid
        if len(valid) < len(fields):
            stale.append(lang)
    return msgspec.structs.replace(item, translations=found, stale_translations=stale)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def default_topics(taxonomy: Taxonomy, key: str) -> list[str]:
    return [tp.id for tp in taxonomy.topics if key in tp.priorities]


def load_plan(path: Path, taxonomy: Taxonomy) -> PlanFile:
    """Read and check a priorities file; SurveyFileError lists every problem with its line."""
    source = str(path)
    plan, root = parse_yaml_as(read_text_file(path, "a priorities file"), source, PlanFile)
    problems = [
        Problem(source, line_of(root, where), where, message)
        for where, message in _plan_problems(plan, {tp.id for tp in taxonomy.topics})
    ]
    if problems:
        raise SurveyFileError(problems)
    checked: PlanFile = plan
    return checked


def _plan_problems(plan: PlanFile, known_topics: set[str]) -> list[tuple[str, str]]:
    """What the schema cannot say: a real year, unique ids, links to things that exist."""
    found = []
    try:
        check_year(plan.year)
    except ValueError as exc:
        found.append(("$.year", str(exc)))
    keys = [p.id for p in plan.priorities]
    for i, priority in enumerate(plan.priorities):
        if keys.index(priority.id) != i:
            found.append((f"$.priorities[{i}].id", f"priority id `{priority.id}` is used twice; ids must be unique"))
        found += [
            (f"$.priorities[{i}].topics[{j}]", f"there is no topic `{topic}` in the taxonomy")
            for j, topic in enumerate(priority.topics or [])
            if topic not in known_topics
        ]
    found += [
        (f"$.priorities[{i}].easy_name", _too_long(p.easy_name))
        for i, p in enumerate(plan.priorities)
        if _too_long(p.easy_name)
    ]
    found += [
        (f"$.actions[{i}].easy_title", _too_long(a.easy_title))
        for i, a in enumerate(plan.actions)
        if _too_long(a.easy_title)
    ]
    for i, action in enumerate(plan.actions):
        found += [
            (f"$.actions[{i}].priorities[{j}]", f"`{key}` is not one of this file's priorities")
            for j, key in enumerate(action.priorities)
            if key not in keys
        ]
        found += [
            (f"$.actions[{i}].topics[{j}]", f"there is no topic `{topic}` in the taxonomy")
            for j, topic in enumerate(action.topics)
            if topic not in known_topics
        ]
        if action.started_on and action.finished_on and action.finished_on < action.started_on:
            found.append((f"$.actions[{i}].finished_on", "`finished_on` is before `started_on`"))
    return found


EASY_WORDS = 15
"""Easy read: no sentence longer than this, an easy-read name or title included (the easy-read leaflet's rule)."""


def _too_long(easy: str | None) -> str:
    words = len((easy or "").split())
    return f"easy read keeps to {EASY_WORDS} words at most; this has {words}" if words > EASY_WORDS else ""


def import_plan(db: Database, plan: PlanFile, taxonomy: Taxonomy, by: str) -> tuple[int, int, int]:
    """Store a year's priorities (updating those with the same id) and its actions (updating those with
    the same id, or title when they have none), in one transaction; what the file names is no longer
    archived. Returns (priorities, actions added, actions updated)."""
    year = check_year(plan.year)
    with write_lock, db.atomic():
        for position, p in enumerate(plan.priorities):
            topics = p.topics if p.topics is not None else default_topics(taxonomy, p.id)
            db.execute(
                "INSERT INTO priorities (year, key, name, outcomes, topics, position, translations) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (year, key) DO UPDATE SET name = excluded.name, outcomes = excluded.outcomes, "
                "topics = excluded.topics, position = excluded.position, archived_at = NULL, "
                "translations = excluded.translations",
                [
                    year,
                    p.id,
                    p.name,
                    _json(p.outcomes),
                    _json(topics),
                    position,
                    _stored_translations(p, dict(p.translations)),
                ],
            )
        added = updated = 0
        for action in plan.actions:
            key = action.id or action_key(action.title)
            found = db.execute("SELECT id FROM actions WHERE year = ? AND key = ?", [year, key]).fetchone()
            if found is None:
                action_id = _insert_action(db, year, action, by, key)
                added += 1
            else:
                action_id = found[0]
                _update_action(db, action, by, action_id)
                updated += 1
            db.execute(
                "UPDATE actions SET archived_at = NULL, translations = ? WHERE id = ?",
                [_stored_translations(action, dict(action.translations)), action_id],
            )
        record_event(
            db,
            by,
            "priorities imported",
            f"year:{year}",
            f"{len(plan.priorities)} priorities, {added} actions added, {updated} updated",
        )
    return len(plan.priorities), added, updated


def action_key(title: str) -> str:
    """An action's id from its title, when its file gives none: lower case, words joined by _."""
    return "_".join(re.findall(r"[a-z0-9]+", title.lower()))[:40] or "action"


def _priority(row: tuple) -> Priority:
    return _with_translations(
        Priority(
            id=row[0],
            year=row[1],
            key=row[2],
            name=row[3],
            outcomes=msgspec.json.decode(row[4]),
            topics=msgspec.json.decode(row[5]),
            archived_at=row[6],
        ),
        row[7],
        PriorityText,
    )


def priorities(db: Database, year: str, *, archived: bool = False) -> list[Priority]:
    """A year's priorities in their order; the archived ones instead with `archived`."""
    state = "NOT NULL" if archived else "NULL"
    rows = db.execute(
        "SELECT id, year, key, name, outcomes, topics, archived_at, translations FROM priorities "  # noqa: S608
        f"WHERE year = ? AND archived_at IS {state} ORDER BY position, id",
        [year],
    ).fetchall()
    return [_priority(row) for row in rows]


def archive(db: Database, kind: str, row_id: int, by: str, *, restore: bool = False) -> None:
    """Archive a priority or an action (it leaves the lists and new reports, and is kept), or restore it."""
    table = {"priority": "priorities", "action": "actions"}[kind]
    with write_lock, db.atomic():
        row = db.execute(f"SELECT year FROM {table} WHERE id = ?", [row_id]).fetchone()  # noqa: S608 - fixed names
        if row is None:
            raise UnknownPriorityError(row_id)
        db.execute(f"UPDATE {table} SET archived_at = ? WHERE id = ?", [None if restore else _now(), row_id])  # noqa: S608
        record_event(db, by, f"{kind} {'restored' if restore else 'archived'}", f"{kind}:{row_id}", row[0])


def years(db: Database) -> list[str]:
    """Every business year with priorities or actions, newest first."""
    rows = db.execute("SELECT year FROM priorities UNION SELECT year FROM actions ORDER BY year DESC").fetchall()
    return [row[0] for row in rows]


class UnknownPriorityError(LookupError):
    """There is no priority with this id in this year."""


def save_priority(
    db: Database,
    year: str,
    key: str,
    name: str,
    outcomes: list[str],
    topics: list[str],
    taxonomy: Taxonomy,
    by: str,
    priority_id: int | None = None,
) -> int:
    """Add a priority, or change one (its id stays). Checked here, for the staff form."""
    year = check_year(year)
    name, outcomes = name.strip(), [o.strip() for o in outcomes if o.strip()]
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", key):
        raise PlanError(N_("Enter a short id of lower-case letters, digits and _, starting with a letter."))
    if not name or len(name) > 300:
        raise PlanError(N_("Enter the priority's name, in 300 characters or fewer."))
    known = {tp.id for tp in taxonomy.topics}
    if any(tp not in known for tp in topics):
        raise PlanError(N_("Select topics from the list."))
    with write_lock, db.atomic():
        clash = db.execute("SELECT id FROM priorities WHERE year = ? AND key = ?", [year, key]).fetchone()
        if clash and clash[0] != priority_id:
            raise PlanError(N_("Another priority this year already has the id %(key)s."), key=key)
        if priority_id is None:
            position = db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM priorities WHERE year = ?", [year]
            ).fetchone()[0]
            cursor = db.execute(
                "INSERT INTO priorities (year, key, name, outcomes, topics, position) VALUES (?, ?, ?, ?, ?, ?)",
                [year, key, name, _json(outcomes), _json(topics), position],
            )
            priority_id = int(cursor.lastrowid or 0)
            record_event(db, by, "priority added", f"priority:{priority_id}", f"{year} {key}")
        else:
            changed = db.execute(
                "UPDATE priorities SET key = ?, name = ?, outcomes = ?, topics = ? WHERE id = ? AND year = ?",
                [key, name, _json(outcomes), _json(topics), priority_id, year],
            ).rowcount
            if not changed:  # nothing to change: say so, and leave the audit log alone
                raise UnknownPriorityError(priority_id)
            record_event(db, by, "priority changed", f"priority:{priority_id}", f"{year} {key}")
    return priority_id


# --- actions ---------------------------------------------------------------------------------------
ACTION_COLUMNS = (
    "id, year, title, what_we_did, agency, status, started_on, finished_on, what_changed, "
    "next_steps, priorities, topics, quotes, surveys, updated_by, updated_at, archived_at, translations"
)


def _action(row: tuple) -> Action:
    return _with_translations(
        Action(
            id=row[0],
            year=row[1],
            title=row[2],
            what_we_did=row[3],
            agency=row[4],
            status=row[5],
            started_on=row[6],
            finished_on=row[7],
            what_changed=row[8],
            next_steps=row[9],
            priorities=msgspec.json.decode(row[10]),
            topics=msgspec.json.decode(row[11]),
            quotes=msgspec.json.decode(row[12]),
            surveys=msgspec.json.decode(row[13]),
            updated_by=row[14],
            updated_at=row[15],
            archived_at=row[16],
        ),
        row[17],
        ActionText,
    )


def actions(db: Database, year: str, *, archived: bool = False) -> list[Action]:
    """A year's actions; the archived ones instead with `archived`."""
    rows = db.execute(
        f"SELECT {ACTION_COLUMNS} FROM actions WHERE year = ? "  # noqa: S608 - fixed columns
        f"AND archived_at IS {'NOT ' if archived else ''}NULL ORDER BY id",
        [year],
    ).fetchall()
    return [_action(row) for row in rows]


def action(db: Database, action_id: int) -> Action | None:
    row = db.execute(f"SELECT {ACTION_COLUMNS} FROM actions WHERE id = ?", [action_id]).fetchone()  # noqa: S608 - fixed columns
    return _action(row) if row else None


def _action_columns(a: ActionIn, by: str) -> dict[str, Any]:
    """What an action stores from the form or file, with who changed it and when: one list for adding and
    for changing it."""
    return {
        "title": a.title,
        "what_we_did": a.what_we_did,
        "agency": a.agency,
        "status": a.status,
        "started_on": _day(a.started_on),
        "finished_on": _day(a.finished_on),
        "what_changed": a.what_changed,
        "next_steps": a.next_steps,
        "priorities": _json(a.priorities),
        "topics": _json(a.topics),
        "quotes": _json(a.quotes),
        "surveys": _json(a.surveys),
        "updated_by": by,
        "updated_at": _now(),
    }


def _insert_action(db: Database, year: str, a: ActionIn, by: str, key: str | None = None) -> int:
    row = {"year": year, **_action_columns(a, by), "key": key}
    cursor = db.execute(
        f"INSERT INTO actions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",  # noqa: S608 - fixed columns
        list(row.values()),
    )
    action_id = int(cursor.lastrowid or 0)
    record_event(db, by, "action added", f"action:{action_id}", a.title[:200])
    return action_id


def _update_action(db: Database, a: ActionIn, by: str, action_id: int) -> None:
    # Raw SQL, not table.update(): an action that is not there changes nothing, as before (update() raises).
    row = _action_columns(a, by)
    db.execute(
        f"UPDATE actions SET {', '.join(f'{k} = ?' for k in row)} WHERE id = ?",  # noqa: S608 - fixed columns
        [*row.values(), action_id],
    )


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def check_action(db: Database, year: str, a: ActionIn) -> None:
    """What the form cannot check by itself: links to things that exist."""
    keys = {p.key for p in priorities(db, year)}
    if any(k not in keys for k in a.priorities):
        raise PlanError(N_("Select priorities from this year's list."))
    if a.started_on and a.finished_on and a.finished_on < a.started_on:
        raise PlanError(N_("The date it finished must be on or after the date it started."))
    for quote_id in a.quotes:
        row = db.execute("SELECT status FROM quotes WHERE id = ?", [quote_id]).fetchone()
        if row is None or row[0] not in ("approved", "published"):
            raise PlanError(N_("Only approved quotes can be linked to an action; quote %(id)s is not."), id=quote_id)


def save_action(db: Database, year: str, a: ActionIn, by: str, action_id: int | None = None) -> int:
    year = check_year(year)
    check_action(db, year, a)
    with write_lock, db.atomic():
        if action_id is None:
            return _insert_action(db, year, a, by)
        _update_action(db, a, by, action_id)
        record_event(db, by, "action changed", f"action:{action_id}", a.title[:200])
    return action_id
