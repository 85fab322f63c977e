"""Train redaction's learned recogniser (voice.reading.labeller) and write src/voice/data/redaction.crfsuite.

    .venv/bin/python tools/train_redaction.py            # build the model (a minute or two on one core)
    .venv/bin/python tools/train_redaction.py --check    # also the labelling of held-out generated lines
    .venv/bin/python tools/train_redaction.py --judge    # the judge (src/voice/data/redaction_judge.crfsuite):
        # the same lines, with each word's WordLlama cluster and its neighbours' (data/redaction_clusters.npz,
        # tools/build_redaction_clusters.py), a quarter of the words' own identity left out, and the classes of
        # non-names (Polish and Urdu words, services, places, figures) hidden from a third of them

What it learns from:
- lines made from src/voice/data/redaction_templates.txt, each template filled many times: first names and
  surnames drawn evenly across origins (Faker's locales and data/more_names.txt), nicknames, first names
  that are everyday words, the area's schools in the forms young people type (data/schools.txt, also
  misspelt at random), made-up schools, places of work, and public figures, towns and streets for the
  lines that must stay as they are; written in lower case, with capitals, or as sentences;
- written lines: tests/data/redaction/labelled.txt and ordinary.txt (#16's lines), and answers from the
  reader's training data with no personal details (training/everyday.jsonl, disclosures.jsonl, seeds.jsonl:
  text speak, misspelt verbs after "my dad", characters from set books); voices.jsonl is kept for
  tests/test_redaction_set.py's check of over-redaction;
- the written lines of #28's development sets (DEVELOPMENT_SETS: each measured once when it was blind, a
  development set since), from the eighth session on (`--hold-out` leaves some out, to measure on them);
never from tests/data/redaction/frozen/ (the first evaluation set of #28), frozen2/ or held/ (figures only), nor
from a blind set not yet measured.
A third of the names and schools are hidden from the name and school lists while training, so that the model
learns from the words around them too, as it must for names and schools no list has.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import os
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pycrfsuite

from voice.reading import labeller
from voice.reading.names import (
    LATIN_LOCALES,
    _more_names,
    everyday_names,
    fold,
    places,
    public_figures,
    school_forms,
)
from voice.reading.redact import Words, class_names

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "src" / "voice" / "data" / "redaction_templates.txt"
SETS = ROOT / "tests" / "data" / "redaction"
DEVELOPMENT_SETS = (
    *("dev", "dev2", "dev3", "dev3b", "dev5", "probe9"),
    *("frozen3", "frozen4", "frozen5", "frozen6", "frozen7", "frozen8", "frozen9"),
    *("frozen10", "frozen11", "frozen12", "frozen13", "frozen14", "frozen15", "frozen16", "frozen17"),
    *("frozen18", "frozen19"),
)
"""Sets of #28 that were measured once and are development sets since: their lines are written the way young
people type, which templates are not (frozen/, frozen2/ and held/ stay out: they give figures only)."""
HOLD_OUT = "frozen8,frozen9,frozen18,frozen19"
"""Left out of training by default: the close labeller's thresholds were chosen on them (tools/train_close_labeller.py),
with this CRF beside it, so neither model has read them (frozen18 and frozen19 since the fourteenth session)."""
WRITTEN = [
    SETS / "labelled.txt",
    SETS / "ordinary.txt",
    *(SETS / name / part for name in DEVELOPMENT_SETS for part in ("labelled.txt", "clean.txt")),
]
ANSWERS = [
    ROOT / "training" / "everyday.jsonl",
    ROOT / "training" / "disclosures.jsonl",
    ROOT / "training" / "seeds.jsonl",
]
"""Answers with no personal details (the reader's voices.jsonl is left out: it is a test of over-redaction)."""
SAMPLES = 30
"""How many times each template is filled."""
HIDDEN = 0.35
"""The share of names and schools hidden from the lists while training."""
SEED = 28
WORD_DROP = 0.25
"""For the judge: the share of words whose own identity (the feature "w=...") is left out while training (and every
word of a name or school hidden from the lists), so that it weighs what carries over to words it has never seen:
their WordLlama cluster, shape and letters, and the words around them."""
DROP_RNG = random.Random(SEED + 1)
NOT_NAME_CLASSES = frozenset(["foreign", "service", "place", "figure"])
"""For the judge: classes of words that are no one's name, hidden from a share (HIDDEN) of such words while
training, as names are, so that a word of these kinds that no list has is still read as none by its cluster and
the words around it."""
C1, C2 = 0.08, 0.02
"""CRFsuite's L1 and L2 regularisation."""

MARK = re.compile(r"\{([a-z ]+):([^{}]+)\}")
SLOT = re.compile(r"<([a-z]+)>")
LEADING = frozenset(["the", "a", "an"])
LABEL_OF = {
    "name": "N",
    "surname": "N",
    "full": "N",
    "nick": "N",
    "ename": "N",
    "school": "S",
    "newschool": "S",
    "work": "W",
    "workplace": "W",
}
TITLES = ["mr", "mrs", "miss", "ms", "sir", "dr", "mr", "miss", "mrs"]
WORD_SURNAMES = [
    "young",
    "king",
    "bishop",
    "cook",
    "baker",
    "rich",
    "green",
    "white",
    "wood",
    "hill",
    "brown",
    "black",
    "long",
    "little",
    "best",
    "good",
    "bell",
    "hope",
    "may",
    "rose",
    "mills",
    "banks",
    "fox",
    "lamb",
    "hunter",
    "mason",
    "cross",
    "small",
    "wise",
    "sharp",
    "moody",
    "love",
    "church",
    "parks",
    "price",
    "rice",
    "gold",
    "law",
    "page",
    "knight",
    "short",
    "hart",
    "snow",
    "frost",
    "hall",
    "lane",
    "marsh",
]
WORK = [
    "tesco",
    "asda",
    "aldi",
    "lidl",
    "morrisons",
    "sainsburys",
    "the co-op",
    "iceland",
    "b&m",
    "home bargains",
    "primark",
    "next",
    "boots",
    "superdrug",
    "greggs",
    "kfc",
    "mcdonalds",
    "subway",
    "costa",
    "starbucks",
    "amazon",
    "the amazon warehouse",
    "dhl",
    "royal mail",
    "evri",
    "dpd",
    "walkers",
    "walkers crisps",
    "samworth brothers",
    "pladis",
    "mcvities",
    "caterpillar",
    "jcb",
    "brush",
    "santander",
    "british gas",
    "the council",
    "leicester city council",
    "leicestershire county council",
    "the lri",
    "leicester royal infirmary",
    "the royal infirmary",
    "glenfield hospital",
    "the glenfield",
    "the general",
    "leicester general",
    "de montfort uni",
    "dmu",
    "leicester uni",
    "the university",
    "loughborough uni",
    "arriva",
    "first bus",
    "centrebus",
    "uber",
    "swift cabs",
    "ads cars",
    "the chippy",
    "the corner shop",
    "the premier shop",
    "the spar",
    "the one stop",
    "a car wash",
    "the car wash",
    "the post office",
    "the leisure centre",
    "john lewis",
    "marks and spencer",
    "m&s",
    "sports direct",
    "jd",
    "currys",
    "argos",
    "ikea",
    "b&q",
    "screwfix",
    "halfords",
    "pets at home",
    "the kebab shop",
    "pizza hut",
    "dominos",
    "the mosque",
    "the gurdwara",
    "the temple",
    "the care home",
    "a care home",
    "everards",
    "next head office",
    "the factory",
    "magna park",
    "east midlands airport",
    "the airport",
    "hermes",
    "the sorting office",
]
WORK_PLACES = [
    "on narborough road",
    "on belgrave road",
    "on london road",
    "on melton road",
    "on hinckley road",
    "on uppingham road",
    "on saffron lane",
    "on aylestone road",
    "on green lane road",
    "on st saviours road",
    "on evington road",
    "in highcross",
    "in fosse park",
    "in beaumont leys",
    "in hamilton",
    "in oadby",
    "in wigston",
    "in coalville",
    "in loughborough",
    "in hinckley",
    "in enderby",
    "in syston",
    "in melton",
    "in oakham",
    "in lutterworth",
    "in market harborough",
    "near the clock tower",
    "by the train station",
]
STREETS = [
    "narborough road",
    "belgrave road",
    "london road",
    "granby street",
    "the golden mile",
    "melton road",
    "humberstone gate",
    "high street",
    "gallowtree gate",
    "hinckley road",
    "st saviours road",
    "saffron lane",
]
SCHOOL_ENDS = [
    "academy",
    "college",
    "high",
    "high school",
    "school",
    "primary",
    "community college",
    "academy",
    "primary school",
    "juniors",
    "infants",
]
RELATIONS = [
    "mum",
    "dad",
    "brother",
    "sister",
    "nan",
    "grandad",
    "step dad",
    "stepdad",
    "step mum",
    "foster carer",
    "mate",
    "best friend",
    "bestie",
    "cousin",
    "uncle",
    "auntie",
    "teacher",
    "social worker",
    "key worker",
    "boyfriend",
    "girlfriend",
    "mums boyfriend",
    "friend",
    "friends",
    "mates",
    "carers",
    "little brother",
]
VERBS = [
    "laughs",
    "laugh",
    "laughed",
    "cries",
    "cry",
    "cried",
    "shouts",
    "shout",
    "shouted",
    "hurt",
    "hurts",
    "hit",
    "hits",
    "left",
    "leaves",
    "works",
    "work",
    "drinks",
    "drink",
    "smokes",
    "smoke",
    "helps",
    "help",
    "helped",
    "knows",
    "cares",
    "tries",
    "try",
    "sleeps",
    "plays",
    "lives",
    "moved",
    "died",
    "texted",
    "texts",
    "doesnt",
    "dont",
    "wont",
    "cant",
    "got",
    "gets",
    "never",
    "always",
    "sometimes",
    "argues",
    "argue",
    "fights",
    "fight",
    "screams",
    "scream",
    "yells",
    "swears",
    "ignores",
    "listens",
    "understands",
    "worries",
    "stresses",
    "panics",
    "snaps",
    "loses it",
    "kicks off",
    "goes mad",
    "gets angry",
    "gets drunk",
    "takes drugs",
    "grounds me",
    "checks my phone",
    "picks on me",
    "winds me up",
    "stick up for me",
    "back me up",
    "matter",
    "suck",
    "stink",
]
INSULTS = [
    "gay",
    "fat",
    "ugly",
    "stupid",
    "weird",
    "thick",
    "lazy",
    "a slag",
    "a loser",
    "a freak",
    "a nerd",
    "emo",
    "a snake",
    "fake",
    "a grass",
    "a snitch",
    "posh",
    "smelly",
    "a tramp",
    "a liar",
    "dumb",
    "a baby",
    "short",
    "names",
    "racist names",
    "a terrorist",
    "a bully",
    "mental",
    "psycho",
    "crazy",
    "a weirdo",
    "a geek",
    "a snob",
    "spotty",
    "chunky",
    "a bitch",
    "a pussy",
    "soft",
    "a mug",
    "a waste of space",
    "a lesbian",
    "a virgin",
    "skinny",
    "four eyes",
    "ginger",
    "a goth",
]
NOUNS = [
    "school",
    "crowds",
    "maths",
    "lessons",
    "loads",
    "food",
    "money",
    "the park",
    "the bus",
    "my phone",
    "the gym",
    "football",
    "music",
    "homework",
    "exams",
    "the weekend",
    "assemblies",
    "the canteen",
    "the toilets",
    "break",
    "lunch",
    "pe",
    "science",
    "english",
    "college",
    "work",
    "people",
    "noise",
    "my room",
    "sleep",
    "friends",
    "the youth club",
    "the holidays",
    "the bank",
    "my case",
    "the scars",
    "bruises",
    "messages",
    "clothes",
    "trainers",
    "shoes",
    "books",
    "games",
    "fifa",
    "tiktok",
    "videos",
    "pictures",
    "drugs",
    "weed",
    "vapes",
    "knives",
    "fights",
    "police",
    "the doctor",
    "the dentist",
    "therapy",
    "counselling",
    "swings",
    "lights",
    "benches",
    "buses",
    "trains",
    "the shops",
    "chips",
    "pizza",
    "biscuits",
    "the news",
]
ADJECTIVES = [
    "sad",
    "happy",
    "tired",
    "angry",
    "lonely",
    "scared",
    "anxious",
    "stressed",
    "bored",
    "ok",
    "fine",
    "good",
    "bad",
    "upset",
    "worried",
    "confused",
    "excited",
    "nervous",
    "proud",
    "embarrassed",
    "ashamed",
    "low",
    "numb",
    "safe",
    "unsafe",
    "hungry",
    "cold",
    "poorly",
    "ill",
    "sick",
    "fed up",
    "done",
    "overwhelmed",
    "calm",
    "chill",
    "buzzing",
    "gutted",
    "peng",
    "sound",
    "lush",
    "grim",
    "dead",
]
WORD_NAMES = [
    "angel",
    "precious",
    "princess",
    "diamond",
    "destiny",
    "harmony",
    "miracle",
    "justice",
    "treasure",
    "comfort",
    "gift",
    "favour",
    "lucky",
    "blaze",
    "raven",
    "phoenix",
    "bear",
    "duke",
    "rebel",
    "honour",
    "sunny",
    "dusty",
    "bubbles",
    "sugar",
    "candy",
    "cookie",
    "peanut",
    "bambi",
    "coco",
    "blue",
    "red",
    "jet",
    "flint",
    "stone",
    "rock",
    "tank",
    "moose",
    "bullet",
    "tiger",
    "lion",
    "fox",
    "wolf",
    "hawk",
    "dove",
    "willow",
    "hazel",
    "holly",
    "daisy",
    "lily",
    "iris",
    "violet",
    "jade",
    "amber",
    "ruby",
    "crystal",
    "gem",
    "sterling",
    "ash",
    "rowan",
    "heath",
    "dale",
    "glen",
    "forest",
    "ocean",
    "rain",
    "cloud",
    "winter",
    "autumn",
    "dawn",
    "eve",
    "faith",
    "hope",
    "grace",
    "mercy",
    "unity",
    "liberty",
    "marvel",
    "blessed",
    "goodness",
    "wisdom",
    "peace",
    "promise",
    "charity",
    "prince",
    "king",
    "queen",
    "major",
    "captain",
    "scout",
    "ranger",
    "hunter",
    "archer",
    "mason",
    "porter",
    "taylor",
    "miller",
    "baker",
    "sonny",
    "buster",
    "chief",
    "skip",
    "spike",
    "ziggy",
    "sparky",
    "smiley",
    "shorty",
    "lefty",
]
"""English words that are people's names or what they are called (the CRF learns them from the words
around them: the name lists have some, not all). The second development set's (dev2/) are left out."""
WORD_WORD_LINES = [
    "i got a gold <wword> sticker",
    "the <wword> on my hoodie is sick",
    "i drew a <wword> in art",
    "there is no <wword> in my life",
    "<wword> is my favourite word",
    "i want a <wword> tattoo",
    "we did a poem about <wword>",
    "the film had a <wword> in it",
    "my room is painted <wword>",
    "the <wword> one is better",
    "a bit of <wword> would be nice",
    "its called <wword> mode in the game",
    "we learned what <wword> means in re",
    "i like the <wword> emoji",
    "my phone case has a <wword> on it",
    "<wword> is the best film ever",
    "<wword> was on netflix last night",
    "<wword> is a song by drake",
    "<wword> is a brand of trainers",
    "i was playing <wword> all night",
    "<wword> keeps crashing on my xbox",
    "<ename> is a good word for it",
    "we watched <ename> in film club",
    "<ename> is my favourite show",
    "i told my mum about <wword> in the game",
    "i went with my mum to see <wword> at the cinema",
    # #28, round 7: the same words as words where a name would be the subject
    "tbh <wword> is the only thing that keeps me going",
    "ngl <wword> is overrated",
    "i think <wword> is important",
    "honestly <wword> is everything",
    "lowkey <wword> is my aesthetic",
    "i hope <wword> comes back in the shop",
    "<wword> is my favourite colour",
    "<wword> is really important to me",
    "<wword> is where you go when you need help",
    "<wword> is the name of my dog",
]
NEW_SCHOOL_WORDS = [
    "oak",
    "ash",
    "elm",
    "beech",
    "willow",
    "birch",
    "cedar",
    "hollins",
    "kings",
    "queens",
    "priory",
    "abbey",
    "meadow",
    "brook",
    "park",
    "vale",
    "hill",
    "field",
    "wood",
    "lea",
    "mead",
    "thorn",
    "stone",
    "bridge",
    "grange",
    "manor",
    "lodge",
    "croft",
    "moor",
    "dale",
    "burn",
]


def faker_names(part: str) -> dict[str, list[str]]:
    """Faker's names by locale (first or last), in Latin letters, without accents, lower case."""
    found = {}
    for locale in (
        *LATIN_LOCALES,
        "tr_TR",
        "hu_HU",
        "es_ES",
        "pt_PT",
        "it_IT",
        "fr_FR",
        "de_DE",
        "hr_HR",
        "sl_SI",
        "en_IN",
        "zu_ZA",
        "ga_IE",
        "id_ID",
        "vi_VN",
    ):
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        names = set()
        for attribute in dir(provider):
            if part in attribute and isinstance(getattr(provider, attribute), dict | tuple | list):
                names.update(fold(str(n)).lower() for n in getattr(provider, attribute) if isinstance(n, str))
        names = {n for n in names if n.isascii() and n.replace("-", "").replace("'", "").isalpha() and len(n) > 1}
        if names:
            found[locale] = sorted(names)
    return found


class Pools:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        more = _more_names()
        self.first = faker_names("first_name")
        self.first["more"] = sorted(more["first"])
        self.last = faker_names("last_name")
        self.last["more"] = sorted(more["surname"])
        self.nicks = sorted(more["nickname"])
        self.everyday = sorted(everyday_names())
        figures = public_figures()
        self.figures = sorted(figures.single | {" ".join(p) for ps in figures.phrases.values() for p in ps})
        self.places = sorted(p for p in places() if len(p) < 20)
        self.schools = sorted(" ".join(f) for f in school_forms())

    def pick(self, pool: dict[str, list[str]]) -> str:
        return self.rng.choice(pool[self.rng.choice(sorted(pool))])

    def fill(self, slot: str) -> str:  # noqa: C901 - one branch a slot
        rng = self.rng
        if slot == "name":
            return self.pick(self.first)
        if slot == "wword":
            return rng.choice(WORD_NAMES)
        if slot == "surname":
            return self.pick(self.last)
        if slot == "full":
            return f"{self.pick(self.first)} {self.pick(self.last)}"
        if slot == "nick":
            r = rng.random()
            if r < 0.5:
                return rng.choice(self.nicks)
            if r < 0.65:
                return f"{rng.choice(['big', 'lil', 'little'])} {rng.choice('abcdefghjklmnprstvz')}"
            if r < 0.72:  # "big dan", "lil jay"
                return f"{rng.choice(['big', 'lil', 'little'])} {self.pick(self.first)[: rng.choice([3, 4, 9])]}"
            name = self.pick(self.first)
            return name[:3] + rng.choice(["z", "zy", "y", "s", "o", "ers", "a"])
        if slot == "ename":
            r = rng.random()
            return rng.choice(self.everyday if r < 0.6 else WORD_NAMES if r < 0.8 else WORD_SURNAMES)
        if slot == "title":
            return rng.choice(TITLES)
        if slot == "school":
            return misspell(rng, rng.choice(self.schools)) if rng.random() < 0.15 else rng.choice(self.schools)
        if slot == "newschool":
            word = (
                rng.choice(NEW_SCHOOL_WORDS) + rng.choice(NEW_SCHOOL_WORDS)
                if rng.random() < 0.5
                else rng.choice([self.pick(self.last), self.pick(self.first), rng.choice(self.places)])
            )
            return word if rng.random() < 0.3 else f"{word} {rng.choice(SCHOOL_ENDS)}"
        if slot in ("work", "workplace"):
            work = rng.choice(WORK)
            return f"{work} {rng.choice(WORK_PLACES)}" if rng.random() < 0.4 else work
        if slot == "figure":
            return rng.choice(self.figures)
        if slot == "noun":
            return rng.choice(NOUNS)
        if slot == "adj":
            return rng.choice(ADJECTIVES)
        if slot == "loose":
            return rng.choice(["sir", "miss", "coach", "nurse", "sir", "miss"])
        if slot == "relation":
            return rng.choice(RELATIONS)
        if slot == "verb":
            return rng.choice(VERBS)
        if slot == "insult":
            return rng.choice(INSULTS)
        if slot == "place":
            return rng.choice(self.places)
        if slot == "street":
            return rng.choice(STREETS)
        raise ValueError(f"no such slot: <{slot}>")


def misspell(rng: random.Random, form: str) -> str:
    words = form.split()
    k = max(range(len(words)), key=lambda i: len(words[i]))
    w = words[k]
    if len(w) < 6:
        return form
    i = rng.randrange(1, len(w) - 1)
    edit = rng.choice(["drop", "double", "swap"])
    w = (
        w[:i] + w[i + 1 :]
        if edit == "drop"
        else w[:i] + w[i] + w[i:]
        if edit == "double"
        else w[: i - 1] + w[i] + w[i - 1] + w[i + 1 :]
    )
    words[k] = w
    return " ".join(words)


Line = tuple[str, list[tuple[int, int, str]], set[tuple[int, int]]]
"""Text, labelled spans (start, end, label), and spans whose words are hidden from the lists."""


def generate(template: str, pools: Pools) -> Line:
    rng = pools.rng
    text, spans, hidden, at = "", [], set(), 0
    for m in SLOT.finditer(template):
        text += template[at : m.start()]
        slot = m.group(1)
        value = pools.fill(slot)
        style = rng.random()
        if slot in LABEL_OF and style < 0.3:
            value = value.title() if slot != "school" or rng.random() < 0.7 else value.upper()
        elif slot in ("figure", "place", "title") and style < 0.3:
            value = value.title()
        start = len(text)
        text += value
        if slot in LABEL_OF:
            spans.append((start, len(text), LABEL_OF[slot]))
            if rng.random() < HIDDEN:
                hidden.add((start, len(text)))
        at = m.end()
    text += template[at:]
    if rng.random() < 0.15:
        text = text[:1].upper() + text[1:]
    return text, spans, hidden


WRITTEN_LABELS = {"name": "N", "surname": "N", "school": "S", "workplace": "W"}
"""The label of each kind of mark in a written line (the close labeller's training adds addresses, "A")."""


def written(line: str) -> Line:
    """A line with {kind:words} marks: names and schools (and places of work) labelled, titles not."""
    text, spans, at = "", [], 0
    for m in MARK.finditer(line):
        text += line[at : m.start()]
        kind, words = m.group(1), m.group(2)
        label = WRITTEN_LABELS.get(kind)
        if label == "N":  # "{name:mr patel}": the title is not the name
            title = re.match(r"(?i)(?:mr|mrs|ms|miss|mx|dr|sir|pan|pani|coach|nurse|pc)\.?\s+", words)
            if title:
                text += words[: title.end()]
                words = words[title.end() :]
        start = len(text)
        text += words
        if label:
            spans.append((start, len(text), label))
        at = m.end()
    return text + line[at:], spans, set()


def sequences(line: Line, judge: bool = False) -> list[tuple[list[list[str]], list[str]]]:
    """The features and labels of each sentence of a line (for the judge: with clusters, some identities left out)."""
    text, spans, hidden = line
    words = Words(text)
    if not len(words):
        return []
    found = []
    starts = [i for i, b in enumerate(words.before) if b == "."] + [len(words)]
    for a, b in itertools.pairwise(starts):
        tokens, labels, drops = [], [], []
        for k in range(a, b):
            s, e = words.span(k)
            label = next((lab for ss, ee, lab in spans if s < ee and e > ss), "O")
            if label != "O" and words.lowers[k] in LEADING and (k == a or labels[-1] != label):
                label = "O"  # "the [tesco]", "the [lancaster school]": redaction takes the "the" along itself
            names = class_names(words.classes[k])
            hide = any(s < ee and e > ss for ss, ee in hidden)
            if hide:
                names = tuple(n for n in names if n not in ("first", "surname", "school", "figure"))
            elif (
                judge
                and label == "O"
                and not NOT_NAME_CLASSES.isdisjoint(names)
                and "first" not in names
                and DROP_RNG.random() < HIDDEN
            ):
                names = tuple(n for n in names if n not in NOT_NAME_CLASSES)
            tokens.append(labeller.Token(words.written[k], words.lowers[k], names, k == a))
            labels.append(label)
            drops.append(judge and (hide or DROP_RNG.random() < WORD_DROP))
        features = labeller.sentence_features(tokens, clusters=judge)
        for k, drop in enumerate(drops):
            if drop:
                features[k] = [f for f in features[k] if not f.startswith("w=")]
        found.append((features, labels))
    return found


def lines(rng: random.Random) -> list[Line]:
    pools = Pools(rng)
    found: list[Line] = []
    for raw in TEMPLATES.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        if SLOT.search(raw):
            found += [generate(raw, pools) for _ in range(SAMPLES)]
        else:
            found += [written(raw)] * 3
    for raw in WORD_WORD_LINES:
        found += [generate(raw, pools) for _ in range(SAMPLES)]
    for path in WRITTEN:
        found += [
            written(r) for r in path.read_text(encoding="utf-8").splitlines() if r.strip() and not r.startswith("#")
        ]
    for path in ANSWERS:
        found += [
            (json.loads(r)["text"], [], set()) for r in path.read_text(encoding="utf-8").splitlines() if r.strip()
        ]
    return found


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":  # the same model from the same files: sets iterate in one order
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})  # noqa: S606
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="also label held-out generated lines")
    parser.add_argument("--judge", action="store_true", help="train the judge (clusters, identities left out)")
    parser.add_argument("--out", type=Path, help="where to write it (default: the shipped model's or judge's file)")
    parser.add_argument("--c1", type=float, default=C1, help="L1 regularisation")
    parser.add_argument("--c2", type=float, default=C2, help="L2 regularisation")
    parser.add_argument(
        "--hold-out",
        default=HOLD_OUT,
        help="development sets (comma-separated) left out of training (default: those the close labeller's "
        "thresholds were chosen on; '' for none)",
    )
    args = parser.parse_args()
    leave_out(args.hold_out)
    args.out = args.out or (labeller.JUDGE_FILE if args.judge else labeller.MODEL_FILE)
    if args.judge and labeller.centroids() is None:
        parser.error("the judge needs data/redaction_clusters.npz (tools/build_redaction_clusters.py) and WordLlama")
    rng = random.Random(SEED)
    started = time.perf_counter()
    data = lines(rng)
    rng.shuffle(data)
    held = data[: len(data) // 10] if args.check else []
    trainer = pycrfsuite.Trainer(verbose=False)
    labels: Counter[str] = Counter()
    for line in data[len(held) :]:
        for features, ys in sequences(line, args.judge):
            trainer.append(features, ys)
            labels.update(ys)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": 200,
            "feature.possible_transitions": True,
            "feature.minfreq": 2,
        }
    )
    print(f"{len(data) - len(held):,} lines, labels {dict(labels)}", file=sys.stderr)
    trainer.train(str(args.out))
    print(
        f"trained in {time.perf_counter() - started:.0f} s: {args.out} ({args.out.stat().st_size:,} bytes)",
        file=sys.stderr,
    )
    if held:
        check(args.out, held, args.judge)


def leave_out(names: str) -> list[str]:
    """Leave these development sets (comma-separated) out of WRITTEN, the lines trained on; the names left out."""
    held_out = sorted(set(names.split(",")) - {""})
    WRITTEN[:] = [p for p in WRITTEN if p.parent.name not in held_out]
    return held_out


def check(path: Path, held: list[Line], judge: bool = False) -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for line in held:
        for features, ys in sequences(line, judge):
            for y, p in zip(ys, tagger.tag(features), strict=True):
                total[y] += 1
                right[y] += y == p
    print({y: f"{right[y]}/{total[y]}" for y in total})


if __name__ == "__main__":
    main()
