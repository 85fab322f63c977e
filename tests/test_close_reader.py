"""The close reader (voice.reading.close): a small language model that reads word order, reading again the
answers the first reader put worth a look (#25). It must tell "i feel safe" from "i dont feel safe", never
change with a faith or identity word, never take an answer out of a list, and say why it made a flag."""

from __future__ import annotations

import json
import math
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from litestar.testing import TestClient

from tests.conftest import add, get_page, sign_in
from voice.common.settings import Settings
from voice.reading.close import PARTS_READ, CloseReader, shipped_close_reader
from voice.reading.evaluation import tier_of
from voice.reading.safeguarding import read_rules
from voice.reading.themes import NAME_AS, AnswerReader
from voice.reading.training import terms

ROOT = Path(__file__).parent.parent

SUITE = Path(__file__).parent / "data" / "behaviour"
API = "/api/surveys/ypag-priorities/responses"


def reader() -> CloseReader:
    found = shipped_close_reader()
    assert found is not None, "the close reader ships in src/voice/data/close-reader/"
    return found


def cases(name: str) -> list[str]:
    return [json.loads(line)["text"] for line in (SUITE / name).read_text().splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("harmless", "disclosure"),
    [
        ("i feel safe at home", "i dont feel safe at home"),
        ("nobody hurts me at home", "my dad hurts me at home"),
        ("knife crime is a big problem in leicester", "i carry a knife because im scared of getting jumped"),
    ],
)
def test_it_reads_the_order_of_the_words(harmless: str, disclosure: str) -> None:
    """What WordLlama's averaged vectors cannot (0.97 alike for the first pair): the same words, turned round."""
    calm, worrying = reader().chances([harmless, disclosure])
    assert calm < 0.5 <= reader().threshold <= worrying


def test_an_answer_reads_the_same_whatever_is_read_beside_it() -> None:
    """Read in a batch, an 8-bit model scales every answer by the batch's largest value, and padding to the
    longest answer adds more: one answer's score moved by up to 0.16 with its neighbours. It must not."""
    answer = "school is ok i guess but my step dad hits me when mum is at work"
    others = cases("everyday.jsonl")[:40] + cases("disclosures.jsonl")[:40]
    alone = reader().chances([answer])[0]
    beside = reader().chances([*others[:20], answer, *others[20:]])
    assert beside[20] == alone
    assert reader().chances(others[20:]) == beside[21:]


def test_it_reads_an_answer_at_its_own_length() -> None:
    """The tokenizer that ships with the model pads every answer to 128 tokens, which made each reading
    three to seven times slower for nothing (the padding is masked out)."""
    assert len(reader().tokenizer.encode("i feel safe at home").ids) < 10


def test_no_faith_place_of_worship_or_identity_word_changes_what_it_reads() -> None:
    shapes = [
        "i go to the {} after school most days",
        "as someone who is {} i want more clubs near me",
        "my best mate is {} and we always walk home together",
    ]
    kinds = ("place_of_worship", "faith", "ethnicity", "nationality", "sexual_orientation", "disability", "activity")
    for shape in shapes:
        for kind in kinds:
            chances = set(reader().chances([shape.format(term) for term in terms()[kind]]))
            assert len(chances) == 1 and chances.pop() < reader().look_threshold, (shape, kind)


class Spy:
    """The shipped close reader, noting what it was given to read."""

    def __init__(self, inner: CloseReader) -> None:
        self.inner, self.read = inner, []
        self.threshold, self.look_threshold, self.meta = inner.threshold, inner.look_threshold, inner.meta

    def chances(self, texts: list[str]) -> list[float]:
        self.read += texts
        return self.inner.chances(texts)

    def weighed_most(self, text: str) -> list[str]:
        return self.inner.weighed_most(text)

    parts = CloseReader.parts
    likeliest_part = CloseReader.likeliest_part  # reading the parts through this spy's chances()


def test_at_a_floor_of_1_it_reads_only_the_model_s_flags_and_looks_and_never_touches_a_rule_s_flag() -> None:
    texts = cases("everyday.jsonl")[:300] + cases("disclosures.jsonl") + cases("negation.jsonl")
    first = AnswerReader(read_closely=False)
    closely = AnswerReader(close_floor=1.0)
    closely.close = spy = Spy(reader())  # type: ignore[assignment]
    found = first.read([(t, t) for t in texts])
    before = [tier_of(flags) for _, flags in found]
    after = [tier_of(flags) for _, flags in closely.read([(t, t) for t in texts])]
    by_model = {t for t, (_, flags) in zip(texts, found, strict=True) if flags and all(f.score for f in flags)}
    assert {t for t in spy.read if t in texts} == by_model and {"look", "flag"} <= {
        tier_of(found[texts.index(t)][1]) for t in by_model
    }
    assert all(any(part in t for t in by_model) for part in spy.read)  # and the parts of some
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert ("look", "flag") in changed
    assert set(changed) <= {("look", "flag"), ("look", "none"), ("flag", "look"), ("flag", "none")}
    ruled = [n for n, (_, flags) in enumerate(found) if any(f.score is None for f in flags)]
    assert ruled and all(after[n] == before[n] for n in ruled)
    told_as_over = [n for n, t in enumerate(texts) if "over" in read_rules(t).features]  # at most worth a look
    assert all(after[n] != "flag" or before[n] == "flag" for n in told_as_over)


def test_it_takes_out_of_the_list_what_it_reads_as_harmless_whole_and_in_every_part() -> None:
    text = "no one shouts at me at home"  # the first reader's "worth a look"
    assert tier_of(AnswerReader(read_closely=False).read([(text, text)])[0][1]) == "look"
    assert reader().chances([text])[0] < reader().meta.drop_threshold
    assert AnswerReader().read([(text, text)])[0][1] == []


class Marked(Spy):
    """A close reader that reads as a disclosure only a short part naming "the duck pond"."""

    def chances(self, texts: list[str]) -> list[float]:
        self.read += texts
        return [0.99 if "the duck pond" in t and len(t.split()) <= self.meta.window_words else 0.3 for t in texts]


def test_a_long_answer_is_read_in_parts_and_the_lead_is_shown_the_part_as_staff_see_it() -> None:
    typed = (
        "on saturdays i play football in the morning then my cousin Bilal and me walk past the duck pond in "
        "the park to feed the ducks and then we get chips and go home to watch films"
    )
    shown = typed.replace("Bilal", "[name]")
    assert AnswerReader(read_closely=False).read([(shown, typed)])[0][1] == []
    answer_reader = AnswerReader(close_floor=0.0)
    answer_reader.close = spy = Marked(reader())  # type: ignore[assignment]
    [flag] = answer_reader.read([(shown, typed)])[0][1]
    # whole, then the parts the first reader chose; as typed, with one name for every name (themes.names_blind)
    assert spy.read[0] == typed.replace("Bilal", NAME_AS) and len(spy.read) == 1 + PARTS_READ
    assert flag.tier == "look" and flag.evidence is not None and flag.evidence.close == 0.99
    assert "the duck pond" in flag.reason and flag.reason in shown and len(flag.reason.split()) == 12


def test_a_flag_it_made_says_why_in_the_words_staff_see() -> None:
    typed = "i hide upstairs with my sister when Darren starts and things get smashed"
    shown = "i hide upstairs with my sister when [name] starts and things get smashed"
    assert tier_of(AnswerReader(read_closely=False).read([(shown, typed)])[0][1]) == "look"
    [flag] = AnswerReader().read([(shown, typed)])[0][1]
    assert flag.tier == "flag" and flag.evidence is not None and flag.evidence.close is not None
    assert flag.evidence.close >= reader().threshold and flag.reason == shown
    words = reader().weighed_most(flag.reason)  # worked out when the lead opens the flag
    assert words and all(w in shown and w != "Darren" for w in words)


def test_above_its_floor_it_also_reads_answers_in_neither_list() -> None:
    texts = cases("disclosures.jsonl") + cases("everyday.jsonl")[:200]
    assert AnswerReader().close_floor == reader().meta.floor < 1  # by default, and VOICE_CLOSE_FLOOR overrides it
    before = [tier_of(flags) for _, flags in AnswerReader(close_floor=1.0).read([(t, t) for t in texts])]
    wider = AnswerReader().read([(t, t) for t in texts])
    raised = [flags for b, (_, flags) in zip(before, wider, strict=True) if b == "none" and flags]
    assert raised, "some disclosures in neither list are worth a look to the close reader"
    for [flag] in raised:
        assert flag.evidence is not None and flag.evidence.close is not None
        assert flag.evidence.close >= min(reader().look_threshold, reader().meta.window_threshold)
        # worth a look; a flag only where all but sure (test_an_answer_in_neither_list_it_is_all_but_sure_of...)
        assert flag.tier == "look" or flag.evidence.close >= reader().meta.flag_threshold


def test_the_lead_sees_why_the_close_reader_made_a_flag(client: TestClient, settings: Settings) -> None:
    typed = "i hide upstairs with my sister when Darren starts and things get smashed"
    assert client.post(API, json={"answers": {"most_important": typed}}).status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        flag_id, tier, evidence = conn.execute("SELECT id, tier, evidence FROM flags").fetchone()
    why = json.loads(evidence)
    assert tier == "flag" and why["close"] >= reader().threshold
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    page = get_page(client, f"/staff/safeguarding/{flag_id}").get_text(" ")
    assert "A closer reading, by a language model that reads the order of the words, made it a flag" in page
    words = reader().weighed_most(typed.replace("Darren", "[name]"))  # worked out as the page is shown
    assert (
        "close_words" not in why
        and f"(score {math.floor(why['close'] * 100) / 100:.2f})" in page
        and f"“{words[0]}”" in page
    )
    assert "Darren" not in page.split("What the young person wrote")[0]


class Sure(Spy):
    """A close reader sure that everything is a disclosure."""

    def chances(self, texts: list[str]) -> list[float]:
        self.read += texts
        return [0.99] * len(texts)


def test_harm_told_as_over_is_in_neither_list_even_where_the_close_reader_is_sure() -> None:
    """#25's direction test: "that was years ago and i'm fine now, thanks to my counsellor" must not raise an answer.
    Until the twelfth session it was worth a look where both readers were sure as for a flag (this line was)."""
    text = (
        "on sundays we feed the ducks at the duck pond, i used to cut myself in year 8 but my school nurse "
        "helped me loads and ive been clean for a year and life is good"
    )
    assert "over" in read_rules(text).features
    answer_reader = AnswerReader(close_floor=0.0)
    answer_reader.close = spy = Marked(reader())  # type: ignore[assignment]
    assert answer_reader.read([(text, text)])[0][1] == []
    assert spy.read == []  # nothing to read closely: no list it could go in
    answer_reader.close = Sure(reader())  # type: ignore[assignment]
    assert answer_reader.read([(text, text)])[0][1] == []


class Unsure(Spy):
    """A close reader that reads everything at one chance."""

    chance = 0.2

    def chances(self, texts: list[str]) -> list[float]:
        self.read += texts
        return [self.chance] * len(texts)


def test_a_flag_of_the_first_reader_alone_needs_the_close_reader_not_unsure_of_it() -> None:
    text = "everything at home feels heavy and i dont know who to tell"
    [flag] = AnswerReader(read_closely=False).read([(text, text)])[0][1]
    assert flag.tier == "flag" and flag.score is not None  # the first reader's own flag, no rule's
    answer_reader = AnswerReader()
    answer_reader.close = unsure = Unsure(reader())  # type: ignore[assignment]
    meta = reader().meta
    unsure.chance = (meta.drop_threshold + meta.keep_flag) / 2
    assert tier_of(answer_reader.read([(text, text)])[0][1]) == "look"
    unsure.chance = meta.keep_flag
    assert tier_of(answer_reader.read([(text, text)])[0][1]) == "flag"
    ruled = "my stepdad hits me"  # a rule's flag: never read here
    assert tier_of(answer_reader.read([(ruled, ruled)])[0][1]) == "flag" and ruled not in unsure.read


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        ("tbh being in a children's home hasn't stopped me", "tbh being in a childrens home hasn't stopped me"),
        ("as a jehovah’s witness i dont do birthdays", "as a jehovahs witness i dont do birthdays"),
    ],
)
def test_a_term_typed_with_an_apostrophe_reads_as_the_term(typed: str, listed: str) -> None:
    close = reader()
    assert close.blind(typed) == close.blind(listed) != listed
    assert close.chances([typed]) == close.chances([listed])


def test_harm_told_as_over_with_no_rule_s_words_is_read_as_over_too() -> None:
    text = "in year 8 some older boys tried to make me run bags for them but my head of year stepped in and i never saw them again"
    assert not read_rules(text).flags and "over" not in read_rules(text).features  # no rule matched: read here
    assert AnswerReader(read_closely=False).read([(text, text)])[0][1] == []  # the first reader was sure as for a flag
    answer_reader = AnswerReader()
    answer_reader.close = sure = Sure(reader())  # type: ignore[assignment]
    assert answer_reader.read([(text, text)])[0][1] == [] and sure.read == []


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("my mums boyfriend is taking me to nandos for my birthday", "my dad is taking me to nandos for my birthday"),
        ("my dad's girlfriend picks me up on fridays", "my nan picks me up on fridays"),
    ],
)
def test_a_parent_s_partner_reads_as_any_family_member(one: str, other: str) -> None:
    assert reader().blind(one) == reader().blind(other)
    assert reader().chances([one]) == reader().chances([other])


def test_the_close_reader_blinds_the_terms_of_the_training_list() -> None:
    done = subprocess.run(
        [sys.executable, "tools/blind_terms.py", "--check"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_short_answer_is_read_closely_whatever_the_first_reader_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A disclosure told in a few words gives the first reader's averaged words little to go on: an answer in
    neither list of at most Meta.short_words words is read closely below the floor too; a longer one is not."""
    short, long = "idk really", "we did a bake sale at school for the minibus and my mate made brownies, they sold out"
    reading = AnswerReader()
    scored = reading.model.score([short, long], [set(), set()], [set(), set()])  # type: ignore[union-attr]
    assert all(s.risk < reading.close_floor for s in scored)  # below the floor: the first reader alone would skip them
    assert len(short.split()) <= reader().meta.short_words < len(long.split())
    read: list[str] = []
    chances = reader().chances
    monkeypatch.setattr(reader(), "chances", lambda texts: read.extend(texts) or chances(texts))
    assert [tier_of(flags) for _, flags in reading.read([(short, short), (long, long)])] == ["none", "none"]
    assert read == [short]
    read.clear()  # at a floor of 1 (VOICE_CLOSE_FLOOR=1) it reads the lists' answers only
    AnswerReader(close_floor=1.0).read([(short, short)])
    assert read == []


@pytest.mark.parametrize(("chance", "tier"), [(0.995, "flag"), (0.95, "look"), (0.5, "none")])
def test_an_answer_in_neither_list_it_is_all_but_sure_of_is_a_flag(
    monkeypatch: pytest.MonkeyPatch, chance: float, tier: str
) -> None:
    """A new user in Chromium sent "pills. tonight maybe.": the close reader read it at 0.99, and it reached the
    lead only as worth a look, below the flags. Where the close reader is all but sure (Meta.flag_threshold) of an
    answer the first reader put in neither list, it is a flag; sure enough, worth a look; less, neither."""
    typed = "idk really"  # short, in neither list of the first reader: read closely; its chance is given here
    assert reader().look_threshold <= 0.95 < reader().meta.flag_threshold <= 0.995
    monkeypatch.setattr(reader(), "chances", lambda texts: [chance for _ in texts])
    [(_, flags)] = AnswerReader().read([(typed, typed)])
    assert tier_of(flags) == tier
    if flags:
        assert flags[0].evidence is not None and flags[0].evidence.close == chance


def test_the_close_reader_s_doubt_about_a_flag_it_kept_is_shown_to_the_lead(
    client: TestClient, settings: Settings
) -> None:
    """A flag of the first reader alone that the close reader doubted, but not enough to make it worth a look only, says
    so: the lead sees both readings, and the first reader's sentence ends on a whole word."""
    text = "everything at home feels heavy and i dont know who to tell"
    answer_reader = AnswerReader()
    answer_reader.close = unsure = Unsure(reader())  # type: ignore[assignment]
    meta = reader().meta
    unsure.chance = (meta.keep_flag + 0.5) / 2  # over keep_flag: the flag stands; under a half: less sure
    [flag] = answer_reader.read([(text, text)])[0][1]
    assert flag.tier == "flag" and flag.evidence is not None and flag.evidence.close == unsure.chance
    assert client.post(API, json={"answers": {"most_important": text}}).status_code == 201
    with sqlite3.connect(settings.db_path) as conn:
        conn.execute("UPDATE flags SET evidence = ?", (json.dumps({"close": unsure.chance}),))
        (flag_id,) = conn.execute("SELECT id FROM flags").fetchone()
    add(settings, "lead@example.org", "safeguarding_lead")
    sign_in(client, "lead@example.org")
    page = get_page(client, f"/staff/safeguarding/{flag_id}").get_text(" ")
    assert "A closer reading, by a language model that reads the order of the words, was less sure" in page, page


def test_a_long_sentence_behind_a_flag_ends_on_a_whole_word() -> None:
    text = "everything at home feels heavy and i dont know who to tell and " * 6
    [flag] = AnswerReader(read_closely=False).read([(text, text)])[0][1] or [None]
    assert flag is not None and len(flag.reason) <= 301
    assert flag.reason.endswith("…") and text.startswith(flag.reason[:-1].rstrip())
    assert flag.reason[:-1].rstrip().split()[-1] in text.split()
