"""Safeguarding flags: raised at ingest with their reason, never lost, closed only by a person."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from litestar.testing import TestClient

from tests.conftest import answer_all, get_page, rows, send
from voice.common.dates import local_today
from voice.common.settings import Settings
from voice.common.text import normalise
from voice.intake.submissions import purge_originals
from voice.reading.safeguarding import DENIED as DENIED_FEATURE
from voice.reading.safeguarding import described_as_over, flags_for, read_rules
from voice.store.db import opened

DISCLOSURES = [
    ("i want to kill myself", "suicide"),
    ("sometimes i feel like ending it all", "suicide"),
    ("been feeling sucidal lately", "suicide"),
    ("i wanna die tbh", "suicide"),
    ("everyone would be better off without me", "suicide"),
    ("I've thought about how I'd unalive myself", "suicide"),
    ("i self harm when it gets bad", "self_harm"),
    ("I've been cutting my arms again", "self_harm"),
    ("selfharm is the only thing that helps", "self_harm"),
    ("my dad hits my mum and me", "abuse_at_home"),
    ("my stepdad gets angry and throws things at us", "abuse_at_home"),
    ("mums boyfriend beats her up", "abuse_at_home"),
    ("an older guy i met online asked for pics", "sexual_harm"),
    ("he touched me and said to keep it a secret", "sexual_harm"),
    ("they made me carry drugs to another town", "exploitation"),
    ("i owe them money and they said i have to pay it back by running", "exploitation"),
    ("people carry knives round here and my mate got stabbed", "weapons"),
    ("i dont feel safe at home", "feeling_unsafe"),
    ("I'm scared to go home", "feeling_unsafe"),
    ("theres no food in the house most days", "going_hungry"),
    ("We didn't have enough food sometimes", "going_hungry"),
    ("i ran away last week and slept in a park", "running_away"),
    ("got kicked out and I'm sofa surfing", "running_away"),
]
ORDINARY = [
    ln
    for ln in (Path(__file__).parent / "data" / "redaction" / "ordinary.txt").read_text().splitlines()
    if ln.strip() and not ln.startswith("#")
]


@pytest.mark.parametrize(("text", "category"), DISCLOSURES)
def test_disclosures_are_flagged_with_their_category_and_reason(text: str, category: str) -> None:
    flags = flags_for(text)
    assert category in [f.category for f in flags], flags
    reason = next(f.reason for f in flags if f.category == category)
    assert reason and reason in text.lower().replace("'", "")


def test_ordinary_feedback_is_rarely_flagged() -> None:
    flagged = [line for line in ORDINARY if flags_for(line)]
    rate = len(flagged) / len(ORDINARY)
    print(f"ordinary lines flagged: {len(flagged)}/{len(ORDINARY)}: {flagged}")
    assert rate <= 0.03, flagged


def test_a_disclosure_sent_to_the_api_is_flagged_straight_after_the_201(client: TestClient, settings: Settings) -> None:
    response = client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"most_important": "Nobody listens. My dad hits me when he drinks."}},
    )
    assert response.status_code == 201
    # Flags are written in the same transaction as the answer: there when the receipt is.
    flags = rows(
        settings,
        "SELECT f.category, f.reason, f.status, f.assigned_role, f.answer_key FROM flags f "
        "JOIN responses r ON r.id = f.response_id WHERE r.receipt = ?",
        (response.json()["receipt"],),
    )
    assert flags == [("abuse_at_home", "dad hits", "open", "safeguarding lead", "most_important")]
    audit = rows(settings, "SELECT actor, action, detail FROM audit_log")
    assert audit == [("system", "flag raised", "abuse_at_home")]  # the kind, never the words (#26)


def test_a_web_disclosure_is_flagged_but_the_thank_you_page_does_not_say_so(
    client: TestClient, settings: Settings
) -> None:
    def chooser(q):
        return {q.id: "I've been self harming and I feel unsafe at home"} if q.id == "most_important" else {}

    answer_all(client, "ypag-priorities", chooser)
    receipt = send(client, "ypag-priorities")
    assert receipt in get_page(client, "/s/ypag-priorities/thanks").get_text()
    assert {c for (c,) in rows(settings, "SELECT category FROM flags")} == {"self_harm", "feeling_unsafe"}
    page = get_page(client, "/s/ypag-priorities/thanks").get_text()
    # A shared phone must not reveal what was said; help is on every page anyway.
    assert "flag" not in page.lower() and "worried" not in page.lower()
    assert "0800 1111" in page


def test_flags_cannot_be_deleted_rewritten_or_closed_without_a_person(client: TestClient, settings: Settings) -> None:
    client.post("/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": "i want to die"}})
    with sqlite3.connect(settings.db_path) as conn:
        for sql in (
            "DELETE FROM flags",
            "UPDATE flags SET reason = 'nothing'",
            "UPDATE flags SET category = 'other'",
            "UPDATE flags SET status = 'closed'",
            "UPDATE flags SET status = 'closed', closed_by = 'sam'",
            "DELETE FROM audit_log",
            "UPDATE audit_log SET actor = 'someone'",
        ):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(sql)
        conn.execute(
            "UPDATE flags SET status = 'closed', closed_by = 'lead@example.org', closed_on = '2026-11-23', "
            "action_note = 'Passed to the school DSL'"
        )
    assert rows(settings, "SELECT status, closed_by FROM flags") == [("closed", "lead@example.org")]


def test_originals_of_open_flags_outlive_their_keeping_time(client: TestClient, settings: Settings) -> None:
    client.post(
        "/api/surveys/ypag-priorities/responses",
        json={"answers": {"most_important": "call me on 07700 900123, I want to kill myself"}},
    )
    later = local_today() + dt.timedelta(days=settings.original_text_days + 1)
    with opened(settings.db_path) as db:
        assert purge_originals(db, today=later) == 0
        db.execute(
            "UPDATE flags SET status = 'closed', closed_by = 'lead', closed_on = '2026-11-23', "
            "action_note = 'Spoke to Childline liaison'"
        )
        assert purge_originals(db, today=later) == 1


# Written for #25 from the kinds of the training answers (the verbs, people and spellings young people use),
# not from the behavioural suite.
SAID_OTHERWISE = [
    ("my step mum leathered me with a slipper on sunday", "abuse_at_home"),
    ("mums bf whacked me cos i was late", "abuse_at_home"),
    ("he threw his phone at my head", "abuse_at_home"),
    ("my mums new boyfriend punched her in the kitchen", "domestic_abuse_witnessed"),
    ("ive been cutting again since the holidays", "self_harm"),
    ("i keep razor blades hidden in my wardrobe and use them", "self_harm"),
    ("my arms are covered in cuts", "self_harm"),
    ("took a load of tablets on friday so i wouldnt wake up", "suicide"),
    ("some nights i think about jumping off the multi storey", "suicide"),
    ("im doing runs for the olders after school", "exploitation"),
    ("i owe the olders money and they know where i live", "exploitation"),
    ("i slept in the park on friday night", "running_away"),
    ("there is no food in our house again", "going_hungry"),
    ("a man in a van keeps following me home", "feeling_unsafe"),
    ("i got glassed outside the chippy", "weapons"),
]
NOT_SAID = [
    "my brother beat me up at chess again, so annoying",
    "we did a project on county lines in year 9",
    "in the film the girl got sextorted and it was scary",
    "i slept in a tent at the scout camp, loved it",
    "my teacher will kill me if im late again lol",
    "i keep my razor for shaving in the bathroom cupboard",
    "kids who go missing need someone to talk to",
    "nobody hits me at home, my mum is lovely",
]


@pytest.mark.parametrize(("text", "category"), SAID_OTHERWISE)
def test_harm_said_with_young_peoples_own_verbs_and_spellings_is_flagged(text: str, category: str) -> None:
    assert category in {f.category for f in flags_for(text)}, text


@pytest.mark.parametrize("text", NOT_SAID)
def test_the_same_words_without_harm_to_the_writer_are_not_flagged(text: str) -> None:
    assert flags_for(text) == [], text


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("tata bije mnie pasem jak jest pijany", "abuse_at_home"),
        ("nie chce juz zyc", "suicide"),
        ("mujhe apne aap ko nuqsan pohanchana acha lagta hai", "self_harm"),
        ("میرے ابو مجھے بہت مارتے ہیں", "abuse_at_home"),
    ],
)
def test_polish_and_urdu_key_phrases_are_flags(text: str, category: str) -> None:
    assert category in {f.category for f in flags_for(text)}, text


@pytest.mark.parametrize(
    "text",
    [
        "nikt mnie nie bije, w domu jest dobrze",
        "mama mnie zabije jak zobaczy moje oceny haha",
        "na lekcji rozmawialismy o tym gdzie szukac pomocy",
        "mein khud ko nuqsan nahi pohanchati, bas exams ki tension hai",
        "jestem glodny jak wilk, kiedy obiad",
    ],
)
def test_polish_and_urdu_turned_round_or_everyday_are_not(text: str) -> None:
    assert flags_for(text) == [], text


# Harm told as past and over (#25's direction tests: "that was years ago and i'm fine now, thanks to my
# counsellor" must not raise an answer). Written from the kinds of words that say it is over (who helped, how
# it is now) and the kinds that say it is not (still, again, never told, hidden behind "im fine"), not from
# any behavioural suite's lines.
TOLD_AS_OVER = [
    "i used to cut myself in year 8 but my school nurse helped me loads and ive been clean for a year",
    "when i was little my dad hit me but we left him and were safe now",
    "i was homeless for a while at 18 but the housing team sorted me a flat and im settled",
    "i had a really dark time after my nan died and wanted to die but the crisis team were amazing",
    "a gang made me sell drugs when i was 14 but i reported it and the police dealt with it",
    "i used to think about ending it all in year 8 but my counsellor really listened and its been two years since",
    # told as past at the start ("i was", "we were", "got in with"), and over by stopping, leaving, being reported
    "i was self harming in year 10 but had counselling and i dont do it anymore",
    "we were homeless for a while but the council found us our own flat",
    "got in with some older lads who made me sell but im out now",
    "my uncle touched me when i was small, it got reported and he cant come near me",
]
NOT_OVER = [
    "i used to cut but its started again since christmas",
    "my stepdad used to hit me and he still does when mum is out",
    "when i was 12 a man online made me send pics and i never told anyone",
    "i tell everyone im fine but i tried to overdose last month",
    "when i was 14 i was made to sell drugs and nobody helped me get out",
    "my dad broke my mums arm last year and now hes back living with us",
    "i used to run away a lot and the police keep bringing me back",
    "after what happened last year i havent felt safe anywhere",
    "last year i was so low i stopped eating and going out",
    "we had help from the food bank but that stopped and theres nothing in the cupboards",
    "i was waiting so long for camhs i stopped believing anyone will help and i still cut",
    "we had to move in with his mum and he hits me when she is out",
]


@pytest.mark.parametrize("text", TOLD_AS_OVER)
def test_harm_told_as_past_and_over_is_no_rule_flag_but_read_by_the_model(text: str) -> None:
    ruled = read_rules(text)
    assert "over" in ruled.features and not ruled.flags and ruled.mentions  # still a mention, for the model


@pytest.mark.parametrize("text", NOT_OVER)
def test_harm_that_goes_on_or_was_never_told_is_not_read_as_over(text: str) -> None:
    assert not described_as_over(normalise(text)) and "over" not in read_rules(text).features


# A denial reaches over the words that carry it ("i would never ever hurt myself", "nobody at home hits me"),
# and no further: any other word between ends it ("i cant stop cutting myself" is no denial).
DENIED = [
    "i would never ever hurt myself",
    "nobody at my house has ever hit me",
    "im not going to run away from home",
    "i dont have any thoughts about self harm",
    "none of my family hit me",
    "no im not suicidal, just tired",
    "i wouldnt ever cut myself",
    "ive never felt like i want to die",
    "i dont think about killing myself, im just tired",
]
NOT_DENIED = [
    "i cant stop cutting myself",
    "nobody knows that i cut myself",
    "no one cares if i kill myself",
    "i dont know why i hurt myself",
    "i dont tell anyone that he hits me",
    "no i want to die",
    "my coach is nice, not like my dad who hits my mum",
    "i didnt want to but he made me send pics",
    "i dont think i can stop hurting myself",
]


@pytest.mark.parametrize("text", DENIED)
def test_a_denial_over_the_words_that_carry_it_is_no_rule_flag(text: str) -> None:
    ruled = read_rules(text)
    assert not ruled.flags and ruled.features, ruled  # the words are still there for the model to read


@pytest.mark.parametrize("text", NOT_DENIED)
def test_any_other_word_between_ends_a_denial(text: str) -> None:
    assert read_rules(text).flags


# Warning signs as safeguarding practice names them (a burden, a plan, not being around, goodbye letters, the
# edge; sexual force; a friend named as at risk now; punishment feared at home), in words of our own.
WARNING_SIGNS = [
    ("honestly i feel like such a burden to my family", "suicide"),
    ("tbh nobody would even notice if i was gone", "suicide"),
    ("my family would be better off without me", "suicide"),
    ("ive got a plan for how to do it", "suicide"),
    ("i wont be here much longer anyway", "suicide"),
    ("i wrote a goodbye note and hid it in my drawer", "suicide"),
    ("last night i sat on the edge of the roof for ages", "suicide"),
    ("my mate said hes going to kill himself after exams", "suicide"),
    ("my ex forced himself on me at a party", "sexual_harm"),
    ("theres a lad in my year bringing a knife to school", "weapons"),
    ("i keep quiet when hes drunk or else i get battered", "feeling_unsafe"),
    ("free school meals is the only meal i get", "going_hungry"),
    ("my dad wont let my mum see her friends", "domestic_abuse_witnessed"),
    ("school is the only place i feel safe", "feeling_unsafe"),
    ("we have no heating or hot water", "going_hungry"),
    ("nothing matters anymore tbh", "hopelessness"),
    ("everyone would be better off if i wasnt around", "suicide"),
    # seventh session, kinds behaviour6 missed (after its measure): exploitation told in the first person or of a
    # named brother, a parent hurt in front of the child, nothing worth it, the only food, a home that is not safe
    ("been running county lines since summer and cant get out", "exploitation"),
    ("i miss fridays cos i have to do drops for older lads", "exploitation"),
    ("my little brother is being used to carry stuff for a gang", "exploitation"),
    ("i hide in my room when my stepdad is hitting mum", "domestic_abuse_witnessed"),
    ("tbh nothing seems worth it any more", "hopelessness"),
    ("i never miss breakfast club cos its the only food i get", "going_hungry"),
    ("not safe at home, please dont tell anyone", "feeling_unsafe"),
    ("my placement isnt safe at night", "feeling_unsafe"),
    # eighth session, kinds behaviour8 missed (after its measure): working for a gang or an older man in the first
    # person, made to stash for them, attacked by a gang, no food from one day to another, everything hopeless
    ("i sell for the olders after school", "exploitation"),
    ("they make me stash weed at my house", "exploitation"),
    ("i got rushed by a gang at the park last week", "weapons"),
    ("i dont eat from sunday night till school dinner monday", "going_hungry"),
    ("honestly everything feels hopeless rn", "hopelessness"),
]


@pytest.mark.parametrize(("text", "category"), WARNING_SIGNS)
def test_warning_signs_are_flags(text: str, category: str) -> None:
    assert category in {f.category for f in read_rules(text).flags}


# Polish and Roman Urdu as teenagers type them: misspelt ("hce", "nuż"), and the harms of the other kinds
# (a knife drawn, packages carried under threat, no food at home); and Urdu hyperbole about school stays out.
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("hce sie zabic juz", "suicide"),
        ("ten typ ma nóż i mówi że mnie dźgnie", "weapons"),
        ("ghar pe khana nahi hota kabhi kabhi", "going_hungry"),
        ("wo larke bolte hain package le jane ko warna marenge", "exploitation"),
        ("usne chaku nikala mere saamne", "weapons"),
    ],
)
def test_polish_and_roman_urdu_as_typed_are_flags(text: str, category: str) -> None:
    assert category in {f.category for f in read_rules(text).flags}


def test_urdu_hyperbole_about_school_is_no_flag() -> None:
    assert not read_rules("ye exam mujhe maar dega yaar 😭").flags
    assert read_rules("abbu mujhe maarte hain").flags  # a parent who hits is still a flag


@pytest.mark.parametrize(
    ("about_others", "about_me"),
    [
        ("in the film a man got stabbed at the end", "i got stabbed at the end of my road"),
        ("on the news a girl got groomed online", "i think i got groomed online"),
        ("lads round here carry knives cos theyre scared", "i carry a knife cos im scared"),
    ],
)
def test_harm_told_of_others_in_general_or_on_screen_is_a_mention_and_of_me_a_flag(
    about_others: str, about_me: str
) -> None:
    assert not read_rules(about_others).flags and read_rules(about_others).mentions
    assert read_rules(about_me).flags


@pytest.mark.parametrize(
    "text",
    [
        "young people round here are being used to sell drugs, its sad",  # of people in general, not a named one
        "county lines is a massive problem in leicester",
        "we learnt about county lines in pshe",
        "its not safe to ride your bike on the ring road",
        "my dad is helping mum with the shopping",
    ],
)
def test_the_seventh_sessions_warning_signs_leave_talk_in_general_alone(text: str) -> None:
    assert not read_rules(text).flags, read_rules(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "i think kids who sell for a gang need help not prison",
        "the film was about a boy who sells for a gang",
        "i dont eat from the school canteen cos its gross",
        "i used to sell for the olders but my youth worker got me out and im doing really well now",
    ],
)
def test_the_eighth_sessions_warning_signs_leave_talk_in_general_and_harm_that_is_over_alone(text: str) -> None:
    """Through the whole reader: talk in general, a canteen, and harm told as over stay out of the lead's lists."""
    from voice.reading.themes import AnswerReader

    ((_, flags),) = AnswerReader().read([(text, text)])
    assert not [f for f in flags if f.tier == "flag"], flags


# #25, ninth session: more of the ways harm is told as over (written for these tests, by kind), and what goes on.
TOLD_AS_OVER_NINTH = [
    "my uncle used to slap me but thats all over, he moved to scotland",
    "i used to feel like nothing mattered but not anymore",
    "my mum's ex used to hit her, he's long gone now and there's an injunction",
    "i ran away from my last placement twice but we talked it all through and ive been here two years",
    "i used to skip meals cos there was no food but ive been with my foster carers for a few months and its fine",
    "i used to get bullied online but my sister got me through it",
    "i used to think there was no point in anything, but im at college now and loving it",
]
STILL_GOING_ON_NINTH = [
    "he used to hit me and he still does when hes drunk",
    "theres a court order but he keeps turning up outside school",
    "i used to feel like there was no point and i still feel like that most nights",
    "she's gone but she still messages me every day saying she'll hurt me",
]


@pytest.mark.parametrize("text", TOLD_AS_OVER_NINTH)
def test_more_ways_of_telling_harm_as_over_are_read_as_over(text: str) -> None:
    assert described_as_over(normalise(text))


@pytest.mark.parametrize("text", STILL_GOING_ON_NINTH)
def test_harm_that_goes_on_beside_those_words_is_not_over(text: str) -> None:
    assert not described_as_over(normalise(text))


# #25, eleventh session: harm told as over by kinds the ninth's words miss (written for these tests, by kind, before
# any change): the person who did it is locked up, arrested, not allowed near or moved away; things are better now with
# words between ("things at home are much better now"); safe or happy now; a home found and lived in since. Beside them,
# the same words where it goes on.
TOLD_AS_OVER_ELEVENTH = [
    "my step dad used to batter my mum but hes locked up now and we are fine",
    "someone tried to groom me online last year but he got arrested and im ok",
    "my uncle hurt me when i was small but hes not allowed anywhere near us now",
    "i was getting bullied in year 7 but the girls moved schools and its fine now",
    "i ran away a few times when i was younger but things at home are much better now",
    "i used to be homeless but the council found me a flat and ive lived there over a year",
    "i self harmed when i was 13, im 17 now and i feel safe and happy",
    "my dad used to scare us all but he moved away and i feel safe at home now",
    "i got jumped last summer but they got caught and ive moved on",
]
STILL_GOING_ON_ELEVENTH = [
    "he got arrested but hes out now and back living with us and i'm scared",
    "she moved away but she still messages me saying she'll hurt me",
    "things at home were much better for a bit but hes started hitting mum again",
    "i got a flat but he found where i live and keeps coming round",
    "i was getting bullied in year 7 and it's happening again now in year 9",
]


@pytest.mark.parametrize("text", TOLD_AS_OVER_ELEVENTH)
def test_harm_told_as_over_by_who_did_it_being_gone_or_things_being_better_now(text: str) -> None:
    assert described_as_over(normalise(text))


@pytest.mark.parametrize("text", STILL_GOING_ON_ELEVENTH)
def test_harm_that_goes_on_beside_the_eleventh_sessions_words_is_not_over(text: str) -> None:
    assert not described_as_over(normalise(text))


# #25, twelfth session: more ways of telling harm as over, by kind, written for these tests before any change: a time
# told as "there was a time when", "a long time ago", "when i felt ..."; over as time since ("its been two years and
# i love it"), not having done it for a while ("i havent done it in over a year"), ways learned to cope, a threat that
# never happened. Beside them, the same words where it goes on.
TOLD_AS_OVER_TWELFTH = [
    "there was a time when we had no gas or food but mum got a new job and were fine now",
    "my step dad hit me a long time ago but he left and i feel much better now",
    "when i felt like ending it my nurse helped me and i feel loads better",
    "i was in a hostel for a bit but my pa got me this flat and its been two years and i love it",
    "i used to cut but i learned other ways to cope and i havent done it in over a year",
    "someone said theyd share my pics when i was 13 but it never happened and the police sorted it",
    "long ago my mum's ex scared us but hes gone and its calm at home",
    "since the family worker came round home feels safe and my mum has changed loads",
    "when i kept getting kicked out of lessons i felt rubbish but my mentor gave me a voice and i feel positive now",
    "i got picked on at my old one but moving schools was the best thing i did",
    "my old foster placement scared me but my social worker got me moved and now i love it here",
    # after behaviour15's measure, by kind, in new lines
    "i had dark thoughts in year 8 but counselling helped and i havent felt like that in ages",
    "we were in a hostel for a while but the council got us housing and weve been in our house two years now",
    "my mums ex scared me when i was little but he left when i was 8 and never came back",
    "i ran off a few times in year 7 but we had family counselling and things at home are good now",
    "i took a knife to school once cos i was scared but my mentor talked to me and i got rid of it, never again",
    "i saw my stepdad hit my mum when i was small but weve been away from him for years and were safe",
    "my sister used to beat me up when we were little but she apologised and were close now",
]
STILL_GOING_ON_TWELFTH = [
    "there was a time when he didnt hit me but now he does every day",
    "its been two years since i told and he still comes in my room",
    "i havent done it in a week but i want to again",
    "a long time ago i started cutting and i still do",
    # harm in the present, beside a story that is over, with no full stop between (as answers are typed)
    "i got bullied in year 7 but its sorted now i cant stop cutting my arms",
    "last year i was in care but im fine now my mums boyfriend hits her and i hear it",
    "we were homeless when i was little but we got our own place ages ago i dont feel safe at home",
    "i havent eaten since yesterday morning, i used to get free meals and it was fine",
    "my dad b hittin me wen hes drunk, i used to be scared of school but its better now",
    "i scratch my arms till they bleed and i cant stop, year 7 was hard but its better now",
    "home feels safe when hes out but when he comes back he hits mum",
    "moving schools was the best thing but they found me again on snap",
    "he left when i was 8 but now hes back and hits mum",
    "i got rid of the knife but i still get threatened every day",
    "i was abused as a kid and never had any help",
    "im in year 9 and my step dad comes into my room at night, the school trip was the best thing this year",
    "my uncle touched me when i was 10 and he never apologised",
]


def test_no_labelled_disclosure_is_read_as_over() -> None:
    """Harm told as over is in neither list, so a disclosure read as over is lost: none of the project's labelled
    disclosures may be. The twelfth session's "was the best thing" read "im in year 10 ... he comes into the bathroom
    when im in there ... the choir trip was the best thing this year" as over ("in year 10" as past)."""
    import msgspec

    root = Path(__file__).parent.parent / "training"
    disclosures = [
        row["text"]
        for name in ("voices.jsonl", "disclosures.jsonl", "long.jsonl")
        if (root / name).exists()
        for line in (root / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and (row := msgspec.json.decode(line)).get("safeguarding_flag")
    ]
    assert len(disclosures) > 1000
    over = [text for text in disclosures if described_as_over(normalise(text))]
    assert over == []


@pytest.mark.parametrize("text", TOLD_AS_OVER_TWELFTH)
def test_harm_told_as_over_by_the_twelfth_sessions_kinds(text: str) -> None:
    assert described_as_over(normalise(text))


@pytest.mark.parametrize("text", STILL_GOING_ON_TWELFTH)
def test_harm_that_goes_on_beside_the_twelfth_sessions_words_is_not_over(text: str) -> None:
    assert not described_as_over(normalise(text))


PLAIN_DENIALS = [
    "i don't get hit at home",
    "no one touches me in a way that feels wrong",
    "ive never self harmed",
    "i dont feel unsafe on my estate",
]
NOT_DENIALS = [
    "school is the only place nobody hits me",  # so somewhere else someone does
    "i dont think i can stop self harming",
    "nobody hits me at school but my brother still kicks me at home",
    "my dad hits me",
]


@pytest.mark.parametrize("text", PLAIN_DENIALS)
def test_a_plain_denial_is_marked_for_the_close_reader(text: str) -> None:
    ruled = read_rules(text)
    assert DENIED_FEATURE in ruled.features and not ruled.flags


@pytest.mark.parametrize("text", NOT_DENIALS)
def test_harm_said_beside_a_negator_is_no_plain_denial(text: str) -> None:
    assert DENIED_FEATURE not in read_rules(text).features


@pytest.mark.parametrize("text", PLAIN_DENIALS)
def test_a_plain_denial_reaches_the_lead_only_where_the_close_reader_is_surer(text: str) -> None:
    """Through the whole reader: the close reader must read it at least Meta.denied_threshold (0.95) whole."""
    from voice.reading.close import shipped_close_reader
    from voice.reading.themes import AnswerReader

    reader = AnswerReader()
    ((_, flags),) = reader.read([(text, text)])
    close = shipped_close_reader()
    if close is None:
        pytest.skip("the close reader does not run here")
    (chance,) = close.chances([text])
    assert bool(flags) == (chance >= close.meta.denied_threshold and bool(flags)), (chance, flags)
    if chance < close.meta.denied_threshold:
        assert flags == []


@pytest.mark.parametrize(
    "text",
    [
        "this coursework is gonna kill me",
        "mondays are killing me fr",
        "abbu mujhe maar dalenge agar result kharab aaya",
        "یہ امتحان مجھے مار ڈالے گا",
        "ابو مجھے مار ڈالیں گے اگر انہیں پتا چلا کہ میں نے فون توڑ دیا",
    ],
)
def test_hyperbole_of_work_and_a_parents_temper_is_no_flag(text: str) -> None:
    assert not read_rules(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "he told me he will kill me if i tell anyone",
        "wo mujhe maar dalega agar maine kisi ko bataya",
        "وہ مجھے مار ڈالے گا",
        "nic ni ma sensu i nigdy ni bedzie lepiej",  # Polish, typed without its letters and misspelt
        "mein apnay aap ko blaid se kaatti hoon",  # Roman Urdu, "blade" misspelt
        "میں اسکول میں محفوض نہیں ہوں",  # Urdu, "safe" misspelt
    ],
)
def test_threats_and_misspelt_harm_in_polish_and_urdu_are_flags(text: str) -> None:
    assert read_rules(text).flags


# #25, tenth session: warning signs as safeguarding practice lists them, written for these tests before the rules
# (kinds: giving things away as if not needed, not being here for a date ahead, saying goodbye just in case,
# nothing matters, a sibling going hungry, eating only at school or a club, no food at weekends, doing drops,
# being made to deliver, hearing violence at home, the only place nobody hurts them, fear when a parent is home).
WARNING_SIGNS_TENTH = [
    ("gave my ps5 and all my games to my cousin, i wont be needing them soon", "suicide"),
    ("told my sister she can have my room soon", "suicide"),
    ("if i fail my gcses i wont be here for sixth form anyway", "suicide"),
    ("i dont think ill be here for my birthday", "suicide"),
    ("said bye to everyone properly today just in case", "suicide"),
    ("sorted out who gets my things", "suicide"),
    ("nothing matters", "hopelessness"),
    ("my little brother is always hungry and i give him my lunch", "going_hungry"),
    ("i only eat at breakfast club and school dinners", "going_hungry"),
    ("we never have food at the weekends so i wait for monday", "going_hungry"),
    ("i skip school to do drops for them", "exploitation"),
    ("i do drops after school, pays more than a job", "exploitation"),
    ("they make us do deliveries on our bikes and we get paid in weed", "exploitation"),
    ("heard a bang and mum screaming so i put my headphones on", "domestic_abuse_witnessed"),
    ("i hear him shouting at mum then a thud", "domestic_abuse_witnessed"),
    ("school is the only place nobody hits me", "abuse_at_home"),
    ("i feel safe at my nans, its the only place i do", "feeling_unsafe"),
    ("the only time no one shouts at me is at school", "feeling_unsafe"),
    ("when dad is home its scary", "feeling_unsafe"),
    ("dreading going home when hes there", "feeling_unsafe"),
]
# The same words in everyday answers (written with the cases above, before the rules).
EVERYDAY_TENTH = [
    "i gave my old xbox to my little brother cos i got a ps5 for christmas",
    "i wont be here for the trip next week, we are going to pakistan for a wedding",
    "if my results are bad i wont be doing a levels, ill do an apprenticeship",
    "the only place i feel happy is the football pitch tbh",
    "i only eat at mcdonalds on fridays lol",
    "my little sister is always hungry lol she eats everything in the house",
    "nothing matters more than my family",
    "i heard a bang but it was just fireworks",
    "my mum was screaming at a spider in the bath",
    "i deliver papers on sunday mornings for pocket money",
    "i do the drops for the food bank with my mum on saturdays",
    "my dad takes it out on the telly when leicester lose",
    "school is the only place i see my friends",
    "i feel safe in my area, its quiet",
    "when dad is home we play fifa",
    pytest.param(
        "i dont need my old bike anymore so i sold it",
        marks=pytest.mark.xfail(
            strict=True,
            reason="the first reader reads 'dont need ... anymore' as hopelessness (0.91) and the close reader is "
            "unsure (0.37, over Meta.keep_flag): a flag; at keep_flag 0.4 it would be worth a look",
        ),
    ),
    "sorted out my room and gave loads of clothes to charity",
    "said bye to my mates before the summer holidays",
    "nothing matters on a friday night lol",
    "i wont be around on saturday cos of football",
    "my brother can have my room when i go to uni",
    "i do runs in the morning before school to get fit",
]


@pytest.mark.parametrize(("text", "category"), WARNING_SIGNS_TENTH)
def test_the_tenth_sessions_warning_signs_are_flags(text: str, category: str) -> None:
    assert category in {f.category for f in read_rules(text).flags}, read_rules(text).flags


@pytest.mark.parametrize("text", EVERYDAY_TENTH)
def test_the_tenth_sessions_warning_signs_leave_everyday_answers_alone(text: str) -> None:
    """Through the whole reader: the same words in everyday answers reach neither list."""
    from voice.reading.themes import AnswerReader

    ((_, flags),) = AnswerReader().read([(text, text)])
    assert not flags, flags


# #25, tenth session: a key phrase of harm in Polish or Roman Urdu typed with one slip in a longer word (a letter
# too many, too few, swapped or wrong), written before the matcher; and the same slips turned round or in
# everyday words stay out.
MISSPELT_PHRASES_TENTH = [
    ("nic nie ma snesu juz", "hopelessness"),
    ("mam dosc wszystkeigo i wszystkich", "hopelessness"),
    ("chce sie zabic, nie wytrzymuje juz w domu", "suicide"),
    ("ojczym mnie bjie jak mama wychodzi", "abuse_at_home"),
    ("nie czuje sie bezpeicznie w domu", "feeling_unsafe"),
    ("mai marna cahta hun yaar", "suicide"),
    ("ghar mein dar lgta hai jab abbu aate hain", "feeling_unsafe"),
    ("wo mujhe maarta hia roz", "abuse_at_home"),
]
MISSPELT_EVERYDAY_TENTH = [
    "nikt mnie nie bjie, w domu jest spoko",
    "mam dosc pracy domowej lol",
    "czuje sie bezpeicznie w szkole",
    "mujhe koi nahi maarta hia, sab theek hai",
    "ghar mein sab theek hai, koi dar nahi",
    "i want to go to the snesu festival",
]


@pytest.mark.parametrize(("text", "category"), MISSPELT_PHRASES_TENTH)
def test_key_phrases_with_one_slip_are_flags(text: str, category: str) -> None:
    assert category in {f.category for f in read_rules(text).flags}, read_rules(text)


@pytest.mark.parametrize("text", MISSPELT_EVERYDAY_TENTH)
def test_slips_turned_round_or_in_everyday_words_are_not(text: str) -> None:
    assert not read_rules(text).flags, read_rules(text).flags


# #25, tenth session, kinds behaviour11 missed (after its one measure; lines written here, not its own): thinking
# about suicide, a relative who "does things" to me, black and blue from a parent, planning to run away, hungry
# most nights, no heating said with "weve".
KINDS_BEHAVIOUR11_MISSED = [
    ("been thinking about suicide a lot lately", "suicide"),
    ("i think about suicide most nights", "suicide"),
    ("my step dad does stuff to me when mums at work", "sexual_harm"),
    ("my cousin did things to me at my nans", "sexual_harm"),
    ("im black and blue from my dad again", "abuse_at_home"),
    ("im planning to run away next week", "running_away"),
    ("thinking about running away from my placement", "running_away"),
    ("we go to bed hungry most nights", "going_hungry"),
    ("were still hungry most days", "going_hungry"),
    ("weve got no heating and its freezing", "going_hungry"),
]
KINDS_BEHAVIOUR11_EVERYDAY = [
    "we did a lesson thinking about suicide prevention",
    "my mum does nice things for me",
    "my brother does annoying stuff to me like hiding my charger",
    "my leg was black and blue after the rugby match",
    "the plan is to run the 5k next week",
    "im always hungry after pe",
]


# #25, tenth session, kinds behaviour12 missed (after its one measure; lines written here, not its own): someone
# who "abuses me", a relative hurting another at home, "made me do stuff" misspelt, not stopping after no, nothing
# matters misspelt.
KINDS_BEHAVIOUR12_MISSED = [
    ("my step brother abuses me when nobody is in", "abuse_at_home"),
    ("my grandad abused me for years and still comes round", "abuse_at_home"),
    ("my uncle batters my aunty and we have to act normal", "domestic_abuse_witnessed"),
    ("my cousin hits my nan when he wants money", "domestic_abuse_witnessed"),
    ("he mad me do stuf with him in the car", "sexual_harm"),
    ("i said no loads of times but he wouldnt stop", "sexual_harm"),
    ("i never said yes and he didnt stop", "sexual_harm"),
    ("nothin matters nemore", "hopelessness"),
]
KINDS_BEHAVIOUR12_EVERYDAY = [
    "people who abuse animals should go to prison",
    "my brother beats my nan at cards every sunday",
    "i said no to pizza but my dad wouldnt stop ordering it lol",
    "my mum made me do my homework before xbox",
]


# #25, twelfth session, kinds behaviour13 and behaviour14 missed (after their measures; lines written here, not their
# own): no food at home said as never any, parents never buying food, no tea for days; a friend or sibling named as
# cutting themself, made to have sex, given drugs by an older boyfriend who makes them meet his friends.
KINDS_BEHAVIOUR14_MISSED = [
    ("theres never any food in our house so i eat at my nans", "going_hungry"),
    ("my dad never buys food, we have cereal for tea", "going_hungry"),
    ("we aint had dinner in 3 days", "going_hungry"),
    ("havent eaten anything for two days", "going_hungry"),
    ("my friend keira is cutting herself and shows people", "self_harm"),
    ("my mate keeps hurting himself in the toilets", "self_harm"),
    ("my cousin is being made to have sex with his mates", "sexual_harm"),
    ("she was forced to send nudes to older lads", "sexual_harm"),
    ("her 22 year old boyfriend gives her weed and makes her meet his friends", "exploitation"),
]
KINDS_BEHAVIOUR14_EVERYDAY = [
    "im always hungry after football lol",
    "my mum never buys the good cereal",
    "we havent had a takeaway in ages",
    "there is never any food left at break in the canteen",
    "she is cutting her own fringe herself again",
    "the coach makes us meet at 8 on saturdays",
    "we had a lesson on being made to do things you dont want",
]


@pytest.mark.parametrize(("text", "category"), KINDS_BEHAVIOUR14_MISSED)
def test_kinds_behaviour13_and_14_missed_are_flags(text: str, category: str) -> None:
    assert category in {f.category for f in read_rules(text).flags}, read_rules(text)


@pytest.mark.parametrize("text", KINDS_BEHAVIOUR14_EVERYDAY)
def test_kinds_behaviour13_and_14_missed_leave_everyday_answers_alone(text: str) -> None:
    assert not read_rules(text).flags, read_rules(text).flags


@pytest.mark.parametrize(("text", "category"), KINDS_BEHAVIOUR11_MISSED + KINDS_BEHAVIOUR12_MISSED)
def test_kinds_behaviour11_and_12_missed_are_flags(text: str, category: str) -> None:
    assert category in {f.category for f in read_rules(text).flags}, read_rules(text)


@pytest.mark.parametrize("text", KINDS_BEHAVIOUR11_EVERYDAY + KINDS_BEHAVIOUR12_EVERYDAY)
def test_kinds_behaviour11_and_12_missed_leave_everyday_answers_alone(text: str) -> None:
    assert not read_rules(text).flags, read_rules(text).flags


# #25, thirteenth session, written for these tests before the phrases and rules were changed. Kinds: a Polish "nie"
# of an earlier clause or of a filler ("nie wiem", "nie mogę już", "nie mam siły") does not turn round the harm after
# it; Polish as misspelt at school (rz for ż, u for ó, h for ch) and with "już", "wcale" or "chyba" inside a phrase;
# Roman Urdu with its future written joined or apart ("jaunga", "jaun ga") and its vowels single or doubled; and
# phrases of kinds the lists lacked: killing oneself ("khud ko maar doon"), not wanting to stay alive ("zinda nahi
# rehna"), a knife threatened ("chaaku maarenge"), being made to sell drugs ("نشہ بکواتے"), nothing ever getting
# better ("nic się nie poprawi").
OTHER_LANGUAGES_THIRTEENTH = [
    ("nie wiem, chyba się zabiję", "suicide"),
    ("nie wiem co robić, tnę się prawie codziennie", "self_harm"),
    ("nie mam siły, chcę się zabić", "suicide"),
    ("nie chce już rzyć", "suicide"),
    ("boje się wrucić do domu bo ojczym mnie bije", "abuse"),
    ("chce umżeć", "suicide"),
    ("nie chcę już wcale żyć", "suicide"),
    ("nic się już nie poprawi, wszystko jest bez sensu", "hopelessness"),
    ("nic sie nigdy nie zmieni", "hopelessness"),
    ("kal raat ghar se bhaag jaungi", "running_away"),
    ("main ghar se bhag jaun gi kisi din", "running_away"),
    ("dil karta hai khud ko maar dun", "suicide"),
    ("ab mujhe zinda nahi rehna", "suicide"),
    ("woh kehte hain chaku maarenge agar paise nahi diye", "weapons"),
    ("وہ لڑکے مجھ سے زبردستی نشہ بکواتے ہیں", "exploitation"),
    ("میں خود کو مار دوں گی", "suicide"),
]


@pytest.mark.parametrize(("text", "category"), OTHER_LANGUAGES_THIRTEENTH)
def test_polish_and_urdu_as_written_in_the_thirteenth_session_are_flags(text: str, category: str) -> None:
    flags = read_rules(text).flags
    assert flags, text
    assert any(category in f.category for f in flags), (text, [f.category for f in flags])


@pytest.mark.parametrize(
    "text",
    [
        "nigdy nie myślałam, żeby się zabić",
        "nie tnę się już od roku",
        "nikt mnie w domu nie bije",
        "nie chce mi się dziś iść do szkoły",
        "ghar se bhaag jaane ka kabhi nahi socha",
        "main khud ko kabhi nahi maarungi",
        "chaku se sabzi kaat rahi thi",
        "nie wiem, chyba pójdę na basen",
    ],
)
def test_polish_and_urdu_turned_round_or_everyday_stay_no_flags_in_the_thirteenth_session(text: str) -> None:
    assert not read_rules(text).flags, (text, read_rules(text).flags)


# #25, thirteenth session, after behaviour17's one measure (a development set since): kinds its buried disclosures
# missed, written here in new lines before the rules: an injury from a family member ("a fat lip from my mums
# boyfriend"), stepping in when a parent goes for the other, county lines as said ("go country"), nowhere to sleep
# tonight, others happier without me, a waste of space, no future, stealing food to eat, leaving home days ago, things
# never getting better as typed, not caring or eating any more; and Urdu and Polish that say they will not go back
# after a comma ("..., wapas nahi aaungi"), which is no denial of what came before.
AFTER_BEHAVIOUR17 = [
    "i had a fat lip from my mums boyfriend last week",
    "got bruises off my dad again",
    "i have to get in the middle when my step dad goes for my mum",
    "older lads want me to go country for them",
    "ive got nowhere to sleep tonight",
    "they would all be happier if i wasnt here",
    "im just a waste of space",
    "i cant see a future for me",
    "i steal food from the shop cos theres none at home",
    "i left home 3 days ago and im sofa surfing",
    "it wont ever get beta",
    "ive stopped caring about anything and i dont eat anymore",
    "kal ghar se bhaag jaungi, wapas nahi aaungi",
    "uciekłam z domu, nie wrócę tam",
]


@pytest.mark.parametrize("text", AFTER_BEHAVIOUR17)
def test_the_kinds_behaviour17_missed_are_flags(text: str) -> None:
    assert read_rules(text).flags, text


@pytest.mark.parametrize(
    "text",
    [
        "i got a black eye playing rugby",
        "my dad goes for a run every morning",
        "we like to go to the country at weekends",
        "theres nowhere to sit at lunch",
        "everyone was happier without phones in lessons",
        "i cant see the board without my glasses",
        "i left home at 8 and got the bus",
        "it will get better, i know it",
        "i stopped caring about what people think and im happier",
    ],
)
def test_the_same_words_in_everyday_answers_are_not_flags_after_behaviour17(text: str) -> None:
    assert not read_rules(text).flags, (text, read_rules(text).flags)
