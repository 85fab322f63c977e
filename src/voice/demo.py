"""Demo data: the example surveys plus a few responses made of young people's real, published words.

The quotes come from the partnerships' annual reports in shared/seeds (YPAG sessions, the 2020
Covid wellbeing survey and the domestic abuse consultation). They go in through submissions.record(),
the same way as every other answer, dated across two business years (2021/22 and 2022/23), so that the
reports compare the two. So that the results pages have numbers above the small-group threshold, the demo
adds made-up responses around them whose free text repeats the real words above: the demo's numbers mean
nothing. The 2021/22 priorities and actions are the partnership's published ones; the 2022/23 priorities
too, with example actions (see the plan files), some in Urdu and Polish as well.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from voice.common.dates import local_today
from voice.curation import quotes as curation
from voice.intake.submissions import RecordOptions, record
from voice.reading.themes import AnswerReader, default_answer_reader
from voice.reporting import outputs, priorities
from voice.store.catalogue import Catalogue
from voice.store.db import opened
from voice.store.versions import Published
from voice.surveys.forms import Answers, visible_pages, visible_questions
from voice.surveys.schema import OTHER, PREFER_NOT, TEXT_KINDS

DEMO_PLAN = Path(__file__).parent / "data" / "demo_plan_2021-22.yaml"
DEMO_PLAN_NEXT = Path(__file__).parent / "data" / "demo_plan_2022-23.yaml"
DEMO_YEAR_START = dt.date(2021, 4, 1)
DEMO_YEARS = ((DEMO_YEAR_START, DEMO_PLAN), (dt.date(2022, 4, 1), DEMO_PLAN_NEXT))
MADE_UP_PER_SURVEY = 60

SAMPLES: list[tuple[str, str, dict[str, Any]]] = [
    (
        "ypag-priorities",
        "session",
        {
            "age_band": "14-15",
            "top_worries": ["mental_health", "being_heard"],
            "most_important": "I want space to talk, but don't want to be pressured by anyone to say anything",
            "quote_ok": "yes",
        },
    ),
    (
        "ypag-priorities",
        "session",
        {
            "age_band": "16-17",
            "top_worries": ["mental_health"],
            "most_important": "A lot of groups don't realise how young people can be overwhelmed by being asked too "
            "often 'are you ok?' blah, blah, blah...",
            "quote_ok": "yes",
        },
    ),
    (
        "ypag-priorities",
        "session",
        {"listened_to": "5", "listened_to_more": "I feel like I was listened to", "quote_ok": "yes"},
    ),
    (
        "ypag-priorities",
        "session",
        {
            "top_worries": ["online_safety", "bullying"],
            "most_important": "Worries about being bullied online can affect your mental health and then you turn to the internet for help "
            "which can put you in a vulnerable situation to more bullying or the wrong information because of fake news",
            "quote_ok": "yes",
        },
    ),
    (
        "emotional-health-wellbeing",
        "web",
        {
            "age_band": "17-18",
            "back_to_school": "mixed",
            "back_to_school_why": "I really want to return to college. I'm looking forward to seeing my friends and teachers, but I am worried "
            "about being exposed to the virus",
            "quote_ok": "yes",
        },
    ),
    (
        "emotional-health-wellbeing",
        "web",
        {
            "more_than_before": ["lonely", "stressed"],
            "what_helps": "Don't pressure anyone into saying anything but make a more open and comforting environment for students "
            "to talk.",
            "quote_ok": "yes",
        },
    ),
    (
        "emotional-health-wellbeing",
        "web",
        {
            "what_helps": "Encouraging students to talk about how they are feeling and not overloading them",
            "quote_ok": "yes",
        },
    ),
    (
        "emotional-health-wellbeing",
        "paper",
        {
            "back_to_school": "worried",
            "back_to_school_why": "You go back to school and they don't understand what you have been through or how to support you",
            "quote_ok": "yes",
        },
    ),
    (
        "domestic-abuse-support",
        "session",
        {
            "most_helpful": "I enjoyed the freedom of it. I had a lot of my freedom "
            "stripped from me in other ways, and so knowing that I had support and someone I could openly speak about my "
            "problems to, without judgement really helped me to be less fearful of speaking about things that happened "
            "to me",
            "quote_ok": "yes",
        },
    ),
    # Written for the demo (not a young person's words), so that the safeguarding queue has an entry.
    (
        "ypag-priorities",
        "paper",
        {"most_important": "I don't feel safe walking home from the bus stop at night", "quote_ok": "no"},
    ),
    (
        "domestic-abuse-support",
        "session",
        {
            "change_one_thing": "Don't see people like us as weak, victims or "
            'broken, we are strong and survivors. I want to hear "you can do it" not "you went through all this and '
            "that's why your life sucks\"",
            "quote_ok": "yes",
        },
    ),
]
SAMPLES_NEXT_YEAR: list[tuple[str, str, dict[str, Any]]] = [
    (
        "ypag-priorities",
        "session",
        {
            "age_band": "14-15",
            "top_worries": ["being_heard"],
            "most_important": "Young people prefer to talk to friends because professionals 'rat you out'",
            "quote_ok": "yes",
        },
    ),
    (
        "ypag-priorities",
        "session",
        {
            "listened_to": "4",
            "listened_to_more": "It's my life you're talking about. "
            "I might not understand everything yet but I'm living it.",
            "quote_ok": "yes",
        },
    ),
    (
        "emotional-health-wellbeing",
        "web",
        {"what_helps": "When I cry I'm talking to you, when I fall silent I'm talking to you...", "quote_ok": "yes"},
    ),
]
"""The second demo year's real words: the YPAG's, and two lines from the 'Was not heard' film that young
people made with the partnership (shared/seeds)."""
ATTRIBUTIONS = {
    "It's my life you're talking about.": "Young person – 'Was not heard' film",
    "When I cry I'm talking to you": "Young person – 'Was not heard' film",
}
SUMMARIES = {"Young people prefer to talk to friends": "(YPAG session, a facilitator's summary)"}
"""Words the partnership's report gives as a facilitator's summary of what was said, not a young person's own:
said as a summary, never in quotation marks."""


DEMO_STAFF = (
    ("facilitator@example.org", "facilitator"),
    ("second.facilitator@example.org", "facilitator"),
    ("lead@example.org", "safeguarding_lead"),
    ("admin@example.org", "admin"),
)


def demo_accounts(db_path: str) -> list[tuple[str, str, str]]:
    """Staff accounts for trying the demo: (email, role, password), made once and kept beside the demo
    database so that they can be shown at every start. Never use this for a real deployment."""
    import secrets
    from pathlib import Path

    from voice.store.accounts import add_user

    kept = Path(f"{db_path}.accounts")
    if kept.exists():
        return [tuple(line.split("\t")) for line in kept.read_text().splitlines() if line]  # type: ignore[misc]
    accounts = [(email, role, secrets.token_urlsafe(12)) for email, role in DEMO_STAFF]
    with opened(db_path) as db:
        for email, role, password in accounts:
            add_user(db, email, role, password)
    kept.write_text("".join(f"{e}\t{r}\t{p}\n" for e, r, p in accounts))
    kept.chmod(0o600)
    return accounts


def synthetic_answers(published: Published, rng: random.Random, texts: list[str]) -> Answers:
    """Made-up but valid answers to a whole survey (pages and questions shown as a young person would
    see them), for the demo and for benchmarks. Free text, when given, is one of `texts`."""
    answers: Answers = {}
    for index in range(len(published.survey.pages)):
        if index not in visible_pages(published.survey, answers):
            continue
        for q in visible_questions(published.survey.pages[index], answers):
            values = [v for v in (q.values() or []) if v not in (OTHER, PREFER_NOT)]
            if q.kind in ("info", "contact_request") or rng.random() < 0.1:
                continue  # every question can be skipped, and some are
            if q.kind in ("short_text", "long_text"):
                if texts and rng.random() < 0.5:
                    answers[q.id] = rng.choice(texts)
            elif q.kind == "multiple_choice":
                picks = rng.sample(
                    values[:-1] if "none" in values else values, k=min(len(values) - 1, rng.randint(1, 3))
                )
                answers[q.id] = picks[: getattr(q, "max", None) or len(picks)]
            elif values:
                weights = [len(values) - i + 1 for i in range(len(values))]  # earlier answers more often
                answers[q.id] = rng.choices(values, weights=weights)[0]
    return answers


def seed(catalogue: Catalogue) -> int:
    """Add the sample responses to an empty database for two business years, with each year's priorities
    and actions, some approved quotes, and both years' reports published; returns how many responses
    were added."""
    added = 0
    rng = random.Random(2122)
    answer_reader = default_answer_reader()
    with opened(catalogue.db_path) as db:
        if db.execute("SELECT count(*) FROM responses").fetchone()[0]:
            return 0
        for (start, plan_file), samples in zip(DEMO_YEARS, (SAMPLES, SAMPLES_NEXT_YEAR), strict=True):
            added += _one_year(catalogue, db, answer_reader, rng, start, samples)
            plan = priorities.load_plan(plan_file, answer_reader.taxonomy)
            priorities.import_plan(db, plan, answer_reader.taxonomy, "demo")
            _curate(db, answer_reader)
            outputs.publish(db, plan.year, answer_reader.taxonomy, "demo")
        added += _ask_for_contact(catalogue, db, answer_reader)
    return added


def _one_year(
    catalogue: Catalogue,
    db: Database,
    answer_reader: AnswerReader,
    rng: random.Random,
    start: dt.date,
    samples: list[tuple[str, str, dict[str, Any]]],
) -> int:
    """A business year's answers: the real words, and made-up answers around them."""
    added = 0

    def day() -> dt.date:
        return start + dt.timedelta(days=rng.randrange(360))

    for slug, channel, answers in samples:
        published = catalogue.current(slug)
        if published is not None:
            record(db, published, answers, channel, RecordOptions(today=day(), answer_reader=answer_reader))
            added += 1
    for published in catalogue.all():
        texts = [
            v
            for slug, _, a in samples
            if slug == published.slug and a.get("quote_ok") == "yes"
            for k, v in a.items()
            if getattr(published.survey.question(k), "kind", "") in TEXT_KINDS
        ]
        for _ in range(MADE_UP_PER_SURVEY):
            record(
                db,
                published,
                synthetic_answers(published, rng, texts),
                "web",
                RecordOptions(today=day(), answer_reader=answer_reader),
            )
            added += 1
    return added


def _ask_for_contact(catalogue: Catalogue, db: Database, answer_reader: AnswerReader) -> int:
    """Two young people who asked someone to talk to them, with nothing worrying in their answers: one
    today, one a week ago (overdue), so the lead's queue of requests for contact has something in it."""
    published = catalogue.current("ypag-priorities")
    if published is None:
        return 0
    today = local_today()
    for days_ago, name, contact in ((0, "Jay", "07700 900321"), (7, "Sam", "sam.example@example.com")):
        record(
            db,
            published,
            {
                "most_important": "More youth clubs open after school",
                "talk_to_someone": "yes",
                "talk_to_someone.name": name,
                "talk_to_someone.contact": contact,
                "talk_to_someone.when": "after 4pm",
            },
            "web",
            RecordOptions(today=today - dt.timedelta(days=days_ago), answer_reader=answer_reader),
        )
    return 2


def _curate(db: Database, answer_reader: AnswerReader) -> None:
    """Quotes from the real words not quoted yet: proposed by one facilitator and approved by another."""
    first, second = DEMO_STAFF[0][0], DEMO_STAFF[1][0]
    # With min(), SQLite takes the bare survey_slug from that same (first) row.
    rows = db.execute(
        "SELECT min(a.id), a.text, r.survey_slug FROM answers a JOIN responses r ON r.id = a.response_id "
        "WHERE a.text IS NOT NULL AND r.quote_consent = 1 AND a.text NOT IN (SELECT text FROM quotes) "
        "GROUP BY a.text ORDER BY 1"
    ).fetchall()
    for answer_id, text, slug in rows:
        if curation.quote_blockers(db, answer_id):
            continue
        summary = next((by for start, by in SUMMARIES.items() if text.startswith(start)), None)
        attribution = (
            summary
            or next((by for start, by in ATTRIBUTIONS.items() if text.startswith(start)), None)
            or {"ypag-priorities": "(YPAG)", "emotional-health-wellbeing": "(Covid survey)"}.get(
                slug, "Young person – local domestic abuse consultation"
            )
        )
        quote_id = curation.propose(
            db, answer_id, text, attribution, first, answer_reader.taxonomy, summary=bool(summary)
        )
        curation.decide(db, quote_id, "approve", second)
