"""Demo data: the example surveys plus a few responses made of young people's real, published words.

The quotes come from the partnerships' annual reports in shared/seeds (YPAG sessions, the 2020
Covid wellbeing survey and the domestic abuse consultation). They go in through submissions.record(),
the same way as every other answer.
"""

from __future__ import annotations

from typing import Any

from voice.catalogue import Catalogue
from voice.db import opened
from voice.submissions import record

SAMPLES: list[tuple[str, str, dict[str, Any]]] = [
    ("ypag-priorities", "session", {"age_band": "14-15", "top_worries": ["mental_health", "being_heard"],
     "most_important": "I want space to talk, but don't want to be pressured by anyone to say anything",
     "quote_ok": "yes"}),
    ("ypag-priorities", "session", {"age_band": "16-17", "top_worries": ["mental_health"],
     "most_important": "A lot of groups don't realise how young people can be overwhelmed by being asked too "
                       "often 'are you ok?' blah, blah, blah...", "quote_ok": "yes"}),
    ("ypag-priorities", "session", {"listened_to": "5", "listened_to_more": "I feel like I was listened to",
     "quote_ok": "yes"}),
    ("ypag-priorities", "session", {"top_worries": ["online_safety", "bullying"], "most_important":
     "Worries about being bullied online can affect your mental health and then you turn to the internet for help "
     "which can put you in a vulnerable situation to more bullying or the wrong information because of fake news",
     "quote_ok": "yes"}),
    ("emotional-health-wellbeing", "web", {"age_band": "17-18", "back_to_school": "mixed", "back_to_school_why":
     "I really want to return to college. I'm looking forward to seeing my friends and teachers, but I am worried "
     "about being exposed to the virus", "quote_ok": "yes"}),
    ("emotional-health-wellbeing", "web", {"more_than_before": ["lonely", "stressed"], "what_helps":
     "Don't pressure anyone into saying anything but make a more open and comforting environment for students "
     "to talk.", "quote_ok": "yes"}),
    ("emotional-health-wellbeing", "web", {"what_helps": "Encouraging students to talk about how they are feeling "
     "and not overloading them", "quote_ok": "yes"}),
    ("emotional-health-wellbeing", "paper", {"back_to_school": "worried", "back_to_school_why":
     "You go back to school and they don't understand what you have been through or how to support you",
     "quote_ok": "yes"}),
    ("domestic-abuse-support", "session", {"most_helpful": "I enjoyed the freedom of it. I had a lot of my freedom "
     "stripped from me in other ways, and so knowing that I had support and someone I could openly speak about my "
     "problems to, without judgement really helped me to be less fearful of speaking about things that happened "
     "to me", "quote_ok": "yes"}),
    # Written for the demo (not a young person's words), so that the safeguarding queue has an entry.
    ("ypag-priorities", "paper", {"most_important": "I don't feel safe walking home from the bus stop at night",
     "quote_ok": "no"}),
    ("domestic-abuse-support", "session", {"change_one_thing": "Don't see people like us as weak, victims or "
     "broken, we are strong and survivors. I want to hear \"you can do it\" not \"you went through all this and "
     "that's why your life sucks\"", "quote_ok": "yes"}),
]


DEMO_STAFF = (("facilitator@example.org", "facilitator"), ("second.facilitator@example.org", "facilitator"),
              ("lead@example.org", "safeguarding_lead"))


def demo_accounts(db_path: str) -> list[tuple[str, str, str]]:
    """Staff accounts for trying the demo: (email, role, password), made once and kept beside the demo
    database so that they can be shown at every start. Never use this for a real deployment."""
    import secrets
    from pathlib import Path

    from voice.auth import add_user

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


def seed(catalogue: Catalogue) -> int:
    """Add the sample responses to an empty database; returns how many were added."""
    added = 0
    with opened(catalogue.db_path) as db:
        if db.execute("SELECT count(*) FROM responses").fetchone()[0]:
            return 0
        for slug, channel, answers in SAMPLES:
            published = catalogue.current(slug)
            if published is not None:
                record(db, published, answers, channel)
                added += 1
    return added
