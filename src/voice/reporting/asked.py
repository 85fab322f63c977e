"""Who was asked what, when: for each group of young people (a survey's `groups`, an age band, an area),
the consultations they answered, when, how many, and the topics they raised; and a warning when a survey
open now is put to a group that answered about the same topics within the last weeks (consultation
fatigue: young people tire of repeating their story). Small numbers are hidden as everywhere else.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import msgspec
from sqlite_utils import Database

from voice.common.dates import local_today
from voice.common.i18n import N_
from voice.reading.themes import Taxonomy
from voice.reporting import priorities as plan
from voice.reporting.results import SHOWN, SMALL, Count, choice_words
from voice.store.corrections import LATEST_CORRECTIONS
from voice.store.versions import Published

GROUP_QUESTIONS = ("age_band", "area")
GROUP_NAMES = {
    "ypag": N_("Young People's Advisory Group"),
    "care_experienced": N_("Young people with care experience"),
    "care_leavers": N_("Care leavers"),
    "young_carers": N_("Young carers"),
    "children_in_care": N_("Children in care"),
    "schools": N_("Schools"),
    "youth_council": N_("Youth council"),
}
"""The words for the groups survey files name most (a survey's `groups` are codes: "ypag" means nothing to a person
who has not written the file)."""


def group_name(code: str) -> str:
    """A survey file's group as people read it (to be translated): its name, or the code in words
    ("young_refugees": "Young refugees")."""
    return GROUP_NAMES.get(code) or code.replace("_", " ").capitalize()


THEMES_BY_RESPONSE = (  # fixed fragments only
    "SELECT a.response_id, coalesce(c.topics, t.topics) FROM answers a LEFT JOIN themes t ON t.answer_id = a.id "  # noqa: S608
    f"LEFT JOIN ({LATEST_CORRECTIONS}) c ON c.answer_id = a.id WHERE a.text IS NOT NULL"
)
"""Questions whose answer puts a young person in a group (the same ones answers are broken down by)."""


class Asked(msgspec.Struct, frozen=True):
    kind: str
    """"group" (a survey's groups), "age_band" or "area"."""
    group: str
    """The group as people read it: the survey's group in words (group_name, to be translated), or the choice's
    words."""
    survey: str
    title: str
    first: str
    last: str
    answered: Count
    topics: list[str]
    """The topics (their names) that at least the threshold of the group's answers were about, most first."""
    topic_ids: list[str]


class AskedAgain(msgspec.Struct, frozen=True):
    group: str
    survey: str
    """The survey open now."""
    title: str
    earlier: str
    earlier_title: str
    earlier_last: str
    topics: list[str]
    actions: list[str]
    """What was done about the earlier consultation (titles of actions linked to it)."""
    topic_ids: list[str] = []


def who_was_asked(db: Database, surveys: list[Published], taxonomy: Taxonomy, threshold: int = 5) -> list[Asked]:
    """Every (group, consultation) with answers, by group then newest consultation first."""
    titles = {p.slug: p.survey.title for p in surveys}
    labels = {  # every version's words: an answer to an earlier version is named as it was asked ("11 to 13")
        (p.slug, qid, value): label
        for p in surveys
        for (qid, value), label in choice_words(db, p.slug).items()
        if qid in GROUP_QUESTIONS
    }
    names = {t.id: t.name for t in taxonomy.topics}
    members: dict[tuple[str, str], set[int]] = defaultdict(set)
    for p in surveys:
        for group in p.survey.groups:
            for (response_id,) in db.execute(
                "SELECT id FROM responses WHERE survey_slug = ? AND withdrawn_on IS NULL", [p.slug]
            ):
                members[("group", group_name(group))].add(response_id)
    rows = db.execute(
        "SELECT r.id, r.survey_slug, a.question_id, a.value FROM answers a JOIN responses r "
        "ON r.id = a.response_id WHERE r.withdrawn_on IS NULL AND a.question_id IN (?, ?)",
        list(GROUP_QUESTIONS),
    )
    for response_id, slug, question_id, value in rows:
        chosen = msgspec.json.decode(value) if value else None
        if isinstance(chosen, str) and chosen != "prefer_not_to_say":
            members[(question_id, labels.get((slug, question_id, chosen), chosen))].add(response_id)
    when = {
        rid: (slug, day)
        for rid, slug, day in db.execute(
            "SELECT id, survey_slug, submitted_on FROM responses WHERE withdrawn_on IS NULL"
        )
    }
    topics_of: dict[int, list[str]] = defaultdict(list)
    for response_id, topics in db.execute(THEMES_BY_RESPONSE):
        topics_of[response_id] += [t for t in msgspec.json.decode(topics or "[]") if t != "other"]
    found = []
    for (kind, group), ids in sorted(members.items()):
        by_survey: dict[str, list[int]] = defaultdict(list)
        for rid in ids:
            if rid in when:
                by_survey[when[rid][0]].append(rid)
        for slug, rids in by_survey.items():
            days = sorted(when[r][1] for r in rids)
            counted = Counter(t for r in rids for t in set(topics_of[r]))
            raised = [t for t, n in counted.most_common() if n >= threshold]
            answered = Count(SHOWN, len(rids)) if len(rids) >= threshold else Count(SMALL)
            found.append(
                Asked(
                    kind,
                    group,
                    slug,
                    titles.get(slug, slug),
                    days[0],
                    days[-1],
                    answered,
                    [names.get(t, t) for t in raised],
                    raised,
                )
            )
    return sorted(found, key=lambda a: (a.kind != "group", a.kind, a.group, a.last), reverse=False)


def asked_again(
    db: Database,
    asked: list[Asked],
    surveys: list[Published],
    taxonomy: Taxonomy,
    weeks: int,
    today: dt.date | None = None,
) -> list[AskedAgain]:
    """Surveys open now that put a group to the same topics it answered about within `weeks`."""
    today = today or local_today()
    since = (today - dt.timedelta(weeks=weeks)).isoformat()
    open_now = [p for p in surveys if p.survey.is_open(today)]
    about = {}
    for p in open_now:
        words = _words(p)
        about[p.slug] = {t.id for t in taxonomy.topics if any(k.lower() in words for k in t.keywords)}
    done_about: dict[str, list[str]] = defaultdict(list)  # survey -> titles of the actions linked to it
    for year in plan.years(db):
        for action in plan.actions(db, year):
            for slug in action.surveys:  # an action carried on into another year is one thing done: said once
                if action.title not in done_about[slug]:
                    done_about[slug].append(action.title)
    warnings = []
    for p in open_now:
        groups = {("group", group_name(g)) for g in p.survey.groups} | {
            (a.kind, a.group) for a in asked if a.survey == p.slug
        }
        for earlier in asked:
            if earlier.survey == p.slug or (earlier.kind, earlier.group) not in groups or earlier.last < since:
                continue
            shared = [
                (n, t)
                for n, t in zip(earlier.topics, earlier.topic_ids, strict=True)
                if t in about[p.slug] or t in _answered_topics(asked, p.slug, earlier)
            ]
            if not shared:
                continue
            warnings.append(
                AskedAgain(
                    earlier.group,
                    p.slug,
                    p.survey.title,
                    earlier.survey,
                    earlier.title,
                    earlier.last,
                    [n for n, _ in shared],
                    done_about[earlier.survey],
                    [t for _, t in shared],
                )
            )
    return warnings


def _answered_topics(asked: list[Asked], slug: str, earlier: Asked) -> set[str]:
    return {
        t for a in asked if a.survey == slug and (a.kind, a.group) == (earlier.kind, earlier.group) for t in a.topic_ids
    }


def _words(p: Published) -> str:
    """What a survey asks about, in its own words (titles, questions, choices), lower case."""
    parts = [p.survey.title]
    for _, q in p.survey.questions():
        parts += [q.label] + [c.label for c in getattr(q, "choices", [])]
    return " ".join(parts).lower()
