"""Redaction: personal details out of free text before anyone but a safeguarding lead sees it.

One function, `redact()`, serves every way words come in: the form and the API, imports, paper and
session entry, and facilitators' edited quotes. Each detail becomes a readable tag: [name], [school],
[email], [phone], [handle], [postcode], [address], [link], [date of birth], [NHS number],
[NI number], [PESEL], [vehicle registration], or the kind given in the partnership's own list.

Recognisers work in the manner of Microsoft Presidio's pattern recognisers (a pattern, the words
around it, a checksum where the detail has one), without a language model (none can be downloaded
here, and one would cost more than the whole reading step): names from context ("my name is", titles,
"my sister X", lists of friends, a first name then a surname, a capitalised word that is no English
word before "said" or "told"), name lists from maintained packages (voice.reading.names), schools from "at X
School" and "I go to X", contact details written out in words ("jake dot smith at gmail dot com",
"oh seven seven double oh ..."), and numbers by their shape and check digits (NHS Modulus 11, PESEL).
What is public and useful stays: helpline numbers (Childline 0800 1111, 999, 111, ...), services'
names, towns and countries, and whatever the partnership lists under `keep:`.

`explain()` says which recogniser removed what (for `voice redact --explain`; never logged).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import NamedTuple

import msgspec
import phonenumbers

from voice.reading.names import (
    FUNCTION_WORDS,
    NEVER_NAMES,
    arabic_key,
    arabic_script_names,
    everyday_names,
    first_names,
    is_english,
    not_people,
    places,
    surnames,
)

# --- contact details -------------------------------------------------------------------------
MAIL_PROVIDERS = (r"gmail|googlemail|hotmail|outlook|live|yahoo|ymail|icloud|me|msn|aol|btinternet|sky|"
                  r"virginmedia|talktalk|proton|protonmail|wp|onet|o2|interia|gazeta")
TLD = r"com|co|uk|org|net|pl|ac|sch|ie|io|me|edu|gov|nhs|info"
DOT = r"(?:\s*\.\s*|\s+dot\s+|\s*[(\[]dot[)\]]\s*)"
EMAIL = re.compile(
    r"[A-Za-z0-9._%+'-]+\s?(?:@|\(at\)|\[at\])\s?[A-Za-z0-9-]+(?:\s?\.\s?[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    # Written out: "jake dot smith at gmail dot com", "bella (at) gmail (dot) com".
    rf"|\b[A-Za-z0-9_%+-]+(?:(?:\.|\s+(?:dot|underscore|dash)\s+)[A-Za-z0-9_%+-]+)*"
    rf"(?:\s*[(\[]at[)\]]\s*|\s+at\s+)"
    rf"(?:(?:{MAIL_PROVIDERS})(?:{DOT}[A-Za-z0-9-]+)*{DOT}(?:{TLD})\b"
    rf"|[A-Za-z0-9-]+(?:{DOT}[A-Za-z0-9-]+)*(?:\s+dot\s+|\s*[(\[]dot[)\]]\s*)(?:{TLD})\b)",
    re.IGNORECASE)
LINK = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]']|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.uk|org\.uk|org|net|uk|io|me|ly|tv|gg|app)"
    r"(?:/\S*)?\b", re.IGNORECASE)
SOCIAL_WORDS = frozenset(["snap", "snapchat", "sc", "insta", "instagram", "ig", "tiktok", "tt", "discord", "twitter",
                          "youtube", "yt", "xbox", "gamertag", "psn", "roblox", "fortnite", "steam", "twitch", "kik",
                          "telegram", "threads", "facebook", "fb", "bereal", "username", "user"])
"""Apps' names (and "user name"): a handle follows or comes before one."""
SOCIAL = "|".join(sorted(SOCIAL_WORDS - {"user"}, key=lambda w: (-len(w), w))) + r"|user\s*name"
HANDLE_TOKEN = rf"(?!(?:{SOCIAL}|channel|account|name|is|on)\b)@?[A-Za-z0-9_.#]{{2,32}}[A-Za-z0-9_#]"
HANDLE_AFTER = re.compile(  # matched where an app's name starts
    rf"(?:{SOCIAL})\b(?:\s*(?:channel|account|name|names|id|tag|handle|is|its|it's|me|on|at|[:=@-])\s*){{0,3}}\s*"
    rf"(?P<h>{HANDLE_TOKEN})", re.IGNORECASE)
HANDLE_BEFORE = re.compile(rf"(?<![\w@.])(?P<h>{HANDLE_TOKEN})\s+on\s+$", re.IGNORECASE)  # before "on <app>"
AT_HANDLE = re.compile(
    r"(?<![\w@.])@[A-Za-z0-9_.]{2,30}[A-Za-z0-9_]"
    # A word with an underscore that is shaped like a user name: a digit in it, an underscore at an end,
    # or a part of one or two letters ("lils_world07", "polishprincess_", "xx_jay_xx", "noor_b"); not
    # "most_important".
    r"|\b(?=[A-Za-z0-9_]*\d)[A-Za-z0-9]+_[A-Za-z0-9_]*[A-Za-z0-9]_?(?!\w)"
    r"|(?<![\w@])_[A-Za-z0-9_]+\b|\b[A-Za-z0-9][A-Za-z0-9_]*_(?![\w@])"
    r"|\b(?:[A-Za-z0-9]{1,2}_[A-Za-z0-9_]+|[A-Za-z0-9_]+_[A-Za-z0-9]{1,2})\b")
HANDLE_SHAPE = re.compile(r"[\d_.#@]|[a-z][A-Z]")
PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+|\(\+?)?\d(?:[\s().\-/_*]{0,3}\d){8,14}(?!\w)")
POLISH_PHONE = re.compile(r"(?<![\d+])(?:(?P<cc>\+?48)[\s-]?)?\d{3}[\s-]?\d{3}[\s-]?\d{3}(?![\d])")
PHONE_CONTEXT = re.compile(r"(?:numer|nr|tel|telefon|zadzwo\w*|number|no|ring|call|text|whatsapp|phone|mobile|"
                           r"komórk\w*)\W*(?:\w+\W+){0,3}$", re.IGNORECASE)
SPOKEN_DIGITS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2", "three": "3",
                 "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
SPOKEN_PHONE = re.compile(
    r"\b(?:(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine|double|triple|treble|\d{1,5})"
    r"(?:[\s,.-]+|$)){6,}", re.IGNORECASE)
POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? {0,2}\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
ADDRESS_STREETS = frozenset([
    "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "close", "drive", "dr", "crescent", "court", "ct",
    "place", "gardens", "grove", "terrace", "walk", "hill", "rise", "view", "square", "mews", "row", "parade", "green",
    "gate", "vale", "boulevard", "broadway", "wharf", "yard"])
"""The last word of a street's name in an address: the ADDRESS pattern's, and what an answer needs before it runs."""
STREET = "(?:" + "|".join(sorted(ADDRESS_STREETS, key=lambda w: (-len(w), w))) + ")"
NOT_STREET_WORD = (r"(?!(?:a|an|the|of|and|to|in|on|at|for|my|our|your|his|her|times?|days?|weeks?|hours?|"
                   r"minutes?|mins?|years?|people|kids|things|different|is|was|are|were|which|each|every|so|too|"
                   r"very|sessions?|pounds?|quid|p|out)\b)")
ADDRESS = re.compile(rf"\b\d{{1,4}}[a-z]?,?\s+(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{1,3}}{STREET}\b\.?"
                     rf"|\b(?:flat|apartment)\s+\d+[a-z]?\b"
                     rf"|(?<=\blive on )(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{1,3}}{STREET}\b"
                     rf"|(?<=\blives on )(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{1,3}}{STREET}\b", re.IGNORECASE)
MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
DATE_OF_BIRTH = re.compile(
    rf"(?P<d>\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}\b)"
    rf"|\b(?:born|birthday|dob|d\.o\.b\.?|date\s+of\s+birth)\s*(?:is|was|on|:)?\s*"
    rf"(?P<w>(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?)"
    rf"(?:,?\s+(?:19|20)\d{{2}})?)\b",
    re.IGNORECASE)
"""A date of birth: the date itself is redacted ("my birthday is [date of birth]")."""
NHS_NUMBER = re.compile(r"(?<![\d+])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\d])")
NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
VEHICLE = re.compile(r"\b[A-Z]{2}(?:0[2-9]|1\d|2[0-5]|5[1-9]|6\d|7[0-5])\s?[A-Z]{3}\b", re.IGNORECASE)
PESEL = re.compile(r"(?<![\d+])\d{11}(?!\d)")
DIGIT = re.compile(r"\d")
DIGIT_RUN = re.compile(r"\d(?:[\s().\-/_*]{0,3}\d){6}")
"""Seven digits with at most three separators between each: every phone number written in digits."""
LETTERS_DIGITS = re.compile(r"[A-Za-z]{2}\s?\d\d")
NUMERIC_DATE = re.compile(r"\d[/.-]\d")
POSTCODE_NEEDS = re.compile(r"[A-Za-z]\d")
LINK_NEEDS = re.compile(r"\.[A-Za-z]|://")
"""Every link has a dot followed by a letter (www., .com) or "://"."""
MIN_PHONE_DIGITS = 7
"""Fewer digits than this in an answer and it holds no phone number in digits (a UK number has 10 or 11)."""
KEEP_NUMBERS = frozenset([
    "08001111", "08088005000", "116123", "85258", "999", "111", "101", "112", "08000684141", "116111",
    "08082000247", "03001233393", "08001116", "08457909090", "08081682120", "08007838587", "08088020925",
])
"""Public helplines, kept as written: Childline, NSPCC, Samaritans, Shout, emergency and non-emergency
services, Papyrus HOPELINE247, the EU child helpline, Refuge, Mind, ..."""
SPOKEN_WORDS = frozenset(SPOKEN_DIGITS) - {"o"}
EMAIL_WORDS = frozenset(["dot", "com", "co", "uk", "org", "net", "pl", "ac", "sch", "ie", "io", "edu", "gov", "info",
                         *MAIL_PROVIDERS.split("|")]) - {"me", "live", "sky"}
"""An email written out has "at" and one of these ("dot", a domain ending, a mail provider)."""
BIRTH_WORDS = frozenset(["born", "birthday", "dob", "d", "date"])

# --- names and schools -----------------------------------------------------------------------
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "sir", "pan", "pani", "coach", "nurse", "pc"])
LOOSE_TITLES = frozenset(["miss", "sir", "coach", "nurse", "pc"])  # also everyday words: "i miss home"
RELATIONS = frozenset([
    "lady", "woman", "girl", "guy", "lad", "lass", "bloke", "fella",
    "friend", "friends", "mate", "mates", "bestie", "bff", "bf", "gf", "boyfriend", "girlfriend", "partner", "ex",
    "sister", "brother", "sis", "bro", "cousin", "uncle", "aunt", "auntie", "aunty", "nan", "nana", "nanna", "gran",
    "grandad", "grandma", "granny", "grandpa", "stepdad", "stepmum", "step-dad", "step-mum", "mum", "dad", "mom",
    "teacher", "tutor", "worker", "keyworker", "counsellor", "therapist", "carer", "nurse", "doctor", "officer",
    "pcso", "coach", "neighbour", "boss", "manager", "mentor", "son", "daughter", "niece", "nephew", "husband",
    "wife", "fiance", "brat", "siostra", "kolega", "koleżanka", "przyjaciel", "przyjaciółka", "kuzyn", "kuzynka",
    "wujek", "ciocia", "babcia", "dziadek",
])
INTRODUCERS = frozenset(["called", "named", "name's", "names", "nazywam", "imię", "imie", "نام"])
PERSON_VERBS = frozenset([
    "said", "says", "told", "tells", "hit", "hits", "hurt", "hurts", "keeps", "kept", "pushed", "punched", "kicked",
    "touched", "texted", "messaged", "sent", "made", "makes", "tried", "tries", "threatened", "shouted", "screamed",
    "bullies", "bullied", "wants", "wanted", "knows", "knew", "lives", "lived", "took", "takes", "gave", "gives",
    "helped", "helps", "asked", "asks", "got", "gets", "has", "had", "is", "was", "my", "from", "and", "&",
])
STRONG_VERBS = PERSON_VERBS - {"is", "was", "has", "had", "my", "from", "and", "&", "got", "gets", "makes", "made"}
TEXT_SPEAK = frozenset([
    "ppl", "pls", "plz", "cuz", "coz", "cos", "bc", "bcos", "bcoz", "ive", "dont", "cant", "wont", "didnt", "doesnt",
    "isnt", "wasnt", "im", "ur", "u", "r", "ya", "yh", "tho", "thx", "noone", "every1", "some1", "sum1", "any1",
    "no1", "evry", "wen", "wat", "wot", "dat", "dis", "dem", "dey", "tbf", "imo", "smh", "fr", "rn", "ofc", "lmao",
    "lmk", "btw", "asap", "dm", "idc", "istg", "ily", "wbu", "hbu", "yr", "hes", "shes", "theyre", "youre", "whats",
    "thats", "theres", "lets", "alot", "gud", "nd", "n", "ok", "k", "hun", "bruh", "mrs", "mr", "ms", "dr", "xx", "x",
])
SCHOOL_ENDS = frozenset(["school", "college", "academy", "primary", "campus", "high", "infants", "juniors"])
GENERIC_BEFORE_SCHOOL = frozenset([
    "a", "an", "the", "my", "your", "his", "her", "our", "their", "this", "that", "these", "those", "new", "old",
    "big", "little", "primary", "secondary", "high", "grammar", "special", "private", "state", "local", "boarding",
    "summer", "sunday", "driving", "nursery", "infant", "junior", "middle", "upper", "faith", "whole", "same",
    "different", "other", "another", "next", "last", "first", "current", "previous", "every", "each", "any", "some",
    "no", "good", "bad", "best", "worst", "mainstream", "alternative", "online", "home", "night", "at", "in", "to",
    "from", "for", "of", "after", "before", "back", "off", "leave", "hate", "love", "like", "going", "go", "went",
    "miss", "start", "started", "finish", "left", "normal", "free", "public", "independent", "language", "dance",
    "drama", "music", "art", "football", "medical", "law", "business", "nursing", "community", "sixth", "form",
    "catholic", "church", "village", "forest", "learning", "city", "town", "and", "or", "with", "about", "is", "was",
    "are", "were", "be", "been", "i", "we", "you", "they", "he", "she", "it", "me", "us", "them", "so", "but",
    "because", "whole", "proper", "real", "rubbish", "crap", "great", "nice", "strict", "bigger", "smaller", "year",
    "pupil", "student", "students", "pupils", "attend", "attends", "attended", "stupid", "own", "shit", "bloody",
])
SCHOOL_LEAD = re.compile(r"\b(?:go(?:es)?|went|going|gone|attend(?:s|ed|ing)?|moved|start(?:ed|ing)?|excluded|"
                         r"expelled|student|pupil|year\s+\d+|bullied)\s+(?:to|at|from)\s*$", re.IGNORECASE)
LISTS = re.compile(
    r"(?:^|[.!?\n]\s*)(?P<names>[^\W\d_]+(?:\s*,\s*[^\W\d_]+)*\s+(?:and|&)\s+[^\W\d_]+)\s+(?:are|r|were|was|is)\s+"
    r"(?:my|our)\s+(?:best\s+|bestest\s+|only\s+|closest\s+)?(?:friends|mates|besties|bffs|cousins|sisters|brothers|"
    r"bros|friend|mate|bestie)\b", re.IGNORECASE)

FIRST, SURNAME, EVERYDAY, ENGLISH, STOP, PLACE, NOT_PERSON, ARABIC, FUNCTION = 1, 2, 4, 8, 16, 32, 64, 128, 256


class Redacted(msgspec.Struct, frozen=True):
    text: str
    kinds: tuple[str, ...]
    """The kinds of detail that were found, sorted, without repeats."""

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


class Terms(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The partnership's own lists: words to redact, by kind (a kind becomes the tag), and words to keep
    as written (the partnership's and services' names, local places)."""

    terms: dict[str, list[str]] = {}
    keep: list[str] = []


class Found(NamedTuple):
    start: int
    end: int
    kind: str
    recogniser: str
    """Which recogniser matched, as `voice redact --explain` shows it."""


def word_class(lower: str) -> int:
    """What redaction knows about a lower-case word, as bits (FIRST, SURNAME, ... above); read through
    CLASSES, which remembers it."""
    found = 0
    if lower in NEVER_NAMES or lower in TEXT_SPEAK:
        return STOP
    if lower in FUNCTION_WORDS:  # "will", "may": names only where the words around say so
        return FIRST | EVERYDAY | FUNCTION | ENGLISH if lower in first_names() else STOP
    if not lower.isascii() and not lower[0].isascii() and "\u0600" <= lower[0] <= "\u06ff":
        return ARABIC if arabic_key(lower) in arabic_script_names() else 0
    if lower in first_names():
        found |= FIRST
        if lower in everyday_names():
            found |= EVERYDAY
    if lower in surnames():
        found |= SURNAME
    if lower in places():
        found |= PLACE
    if lower in not_people():
        found |= NOT_PERSON
    if is_english(lower):
        found |= ENGLISH
    return found


SENTENCE_SPLIT = re.compile(r"[.!?\n:;]+")
"""Where sentences end (but not at the dot of "Mr.", "Ms.", "Mrs.", "Dr.", "St.": see Words)."""
DOTTED_TITLES = frozenset(["mr", "mrs", "ms", "dr", "mx", "st"])


class _Classes(dict[str, int]):
    """word -> word_class(word), filled as words are met (a plain dict lookup is the cheapest there is;
    emptied if it ever holds more than MAX_CLASSES words)."""

    def __missing__(self, word: str) -> int:
        if len(self) > MAX_CLASSES:
            self.clear()
        found = self[word] = word_class(word)
        return found


MAX_CLASSES = 200_000
CLASSES = _Classes()


class Words:
    """One text's words, read in C-level passes: as written, lower case without a possessive 's,
    whether each starts a sentence, and their classes. Character positions are worked out only when
    something is found."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.written: list[str] = []
        self.before: list[str] = []  # "." before the first word of a sentence, else "" (commas are not kept)
        titled = False
        for chunk in SENTENCE_SPLIT.split(text):
            found = WORD.findall(chunk)
            if found:
                self.written += found
                self.before += ["" if titled else "."] + [""] * (len(found) - 1)
                titled = found[-1].lower() in DOTTED_TITLES and chunk.endswith(found[-1])  # "Ms. Patel" goes on
        lowers = [w.lower() for w in self.written]
        if "’" in text:
            lowers = [w.replace("’", "'") for w in lowers]
        if "'" in text or "’" in text:
            lowers = [w[:-2] if w.endswith("'s") else w for w in lowers]
        self.lowers: list[str] = lowers
        self.set = frozenset(self.lowers)
        self.classes: list[int] = list(map(CLASSES.__getitem__, self.lowers))
        self._spans: list[tuple[int, int]] | None = None

    def __len__(self) -> int:
        return len(self.lowers)

    def span(self, i: int) -> tuple[int, int]:
        if self._spans is None:
            self._spans = [m.span() for m in WORD.finditer(self.text)]
        return self._spans[i]

    def possessive(self, i: int) -> bool:
        """Whether the word was written with an 's ("Zayaan's"), which its lower-case form has dropped."""
        return self.written[i].lower().replace("’", "'") != self.lowers[i]

    def capital(self, i: int) -> bool:
        word = self.written[i]
        return word[0].isupper() and not (len(word) > 1 and word.isupper())

    def prev(self, i: int, back: int = 1) -> str:
        """The word `back` before i in the same sentence ("" at a sentence's start)."""
        for j in range(i, i - back, -1):
            if j <= 0 or self.before[j] == ".":
                return ""
        return self.lowers[i - back]

    def next(self, i: int) -> str:
        j = i + 1
        return "" if j >= len(self.lowers) or self.before[j] == "." else self.lowers[j]


class _Names:
    """Names in one text: each candidate word decided from the lists and the words around it."""

    def __init__(self, words: Words) -> None:
        self.w = words
        self.classes = words.classes
        self.found: dict[int, str] = {}

    def could_be(self, i: int) -> bool:
        """Not a function word, place, service or app."""
        return not self.classes[i] & (STOP | PLACE | NOT_PERSON) and len(self.w.lowers[i]) >= 2

    def decide(self, i: int) -> str | None:  # noqa: C901 - one decision, read top to bottom
        w = self.w
        c = self.classes[i]
        if c & ARABIC:
            return "name list (Arabic script)"
        if c & STOP:
            return None
        cap = w.capital(i)
        p1, p2 = w.prev(i), w.prev(i, 2)
        written = w.written[i]
        surname_next = i + 1 < len(self.classes) and bool(self.classes[i + 1] & SURNAME) and w.capital(i + 1) \
            and w.before[i + 1] == ""
        if c & PLACE and c & FIRST and (p1 in RELATIONS or p1 in TITLES or p1 in INTRODUCERS or surname_next):
            c &= ~PLACE  # "my boyfriend Jordan", "Miss Georgia", "Jordan Smith"
        elif not self.could_be(i) or (len(written) > 1 and written.isupper() and not (c & FIRST and len(written) > 3)):
            return None  # acronyms ("NI", "PE") are not names; "SARAH" shouted is
        known_name = bool(c & (FIRST | SURNAME))
        unknown = not c & ENGLISH
        # "Mr Patel", "mrs dhillon", "miss Hughes"; not "i miss home" or "mr men books".
        if p1 in TITLES and (cap or (known_name and unknown) or (p1 not in LOOSE_TITLES and (known_name or unknown))):
            return "title"
        introduced = p1 in INTRODUCERS or (p1 == "is" and p2 in ("name", "names", "imię")) or (p1, p2) == ("me", "call")
        if introduced and (cap or unknown or (known_name and not c & ENGLISH)):
            return "introduced"
        related = p1 in RELATIONS or (p1 in ("is", "was", "called", "named") and p2 in RELATIONS)
        if related and ((cap and not (c & ENGLISH and not known_name)) or (c & FIRST and not c & EVERYDAY)
                        or (unknown and not cap)):
            return "relationship"
        nxt = w.next(i)
        if nxt in STREET_WORDS:  # "Charles Street", "Victoria Park": a place named after someone
            return None
        if c & FIRST and not c & EVERYDAY and (cap or (len(w.lowers[i]) > 2 and not (
                p1 in DETERMINERS and c & ENGLISH))):
            return "first name list"  # in lower case, not "sex ed" or "my teddy"
        if not cap:
            return None
        start = w.before[i] == "."
        # "Dev the youth worker", "Hodan my cousin": a name, then who they are.
        if nxt in ("the", "my", "our") and (w.next(i + 1) in RELATIONS or w.next(i + 2) in RELATIONS):
            return "name, then who they are"
        if c & FIRST:  # an everyday word that is also a name: "Will", "Hope", "Grace", "Mark"
            if not start and (p1 in WEAK_CONTEXT or nxt in STRONG_VERBS):
                return "name in context"
            if start and (nxt in STRONG_VERBS or surname_next or (nxt == "and" and w.next(i + 1) in ("me", "i"))):
                return "name in context"
            return None
        # A capitalised word that is no English word: "I told Zayaan", "Zayaan said"; not a place we went to
        # or live in ("we went to Skegness", "I live in Braunstone"): towns are kept.
        place = p1 in ("in", "near", "around", "outside") or (p1 in ("to", "from") and p2 in MOVEMENT_VERBS)
        if unknown and (not place or w.possessive(i)) and (
                not start or nxt in PERSON_VERBS or (nxt and self.classes[i + 1] & SURNAME)):
            return "capitalised, not a word"
        return None

    def extend(self) -> None:
        """Surnames after a name, and the other names in a list ("X and Y", "X, Y and Z")."""
        w, n = self.w, len(self.w)
        changed = True
        while changed:
            changed = False
            for i in sorted(self.found):
                j = i + 1
                if j < n and j not in self.found and w.before[j] == "" and self._surname(j):
                    self.found[j] = "surname after a name"
                    changed = True
                for k in (i + 1, i - 1, i + 2, i - 2):
                    if 0 <= k < n and k not in self.found and self._listed(min(i, k), max(i, k), k):
                        self.found[k] = "list of names"
                        changed = True

    def _surname(self, j: int) -> bool:
        c = self.classes[j]
        if not self.could_be(j) or c & FUNCTION or self.w.lowers[j] in PERSON_VERBS:
            return False
        cap = self.w.capital(j)
        return bool(c & SURNAME) or (cap and not c & ENGLISH) or (cap and bool(c & FIRST))

    def _listed(self, a: int, b: int, k: int) -> bool:
        w = self.w
        if b == a + 1:  # "Callum, Josh"
            joined = w.before[b] == ""
        else:  # "Kian and Reece"
            joined = w.lowers[a + 1] in ("and", "&", "an", "n") and w.before[a + 1] == "" and w.before[b] == ""
        if not joined or not self.could_be(k):
            return False
        c = self.classes[k]
        return (w.capital(k) and not (c & ENGLISH and not c & FIRST)) or bool(c & FIRST and not c & EVERYDAY)


DETERMINERS = frozenset(["a", "an", "the", "my", "your", "his", "her", "our", "their", "this", "that", "some", "any",
                         "no", "every"])
MOVEMENT_VERBS = frozenset(["went", "go", "goes", "going", "gone", "moved", "move", "moving", "came", "come", "comes",
                            "travelled", "traveled", "drove", "drive", "walked", "walk", "ran", "flew", "trip", "holiday",
                            "visit", "visited", "back", "way"])
WEAK_CONTEXT = frozenset(["told", "tell", "ask", "asked", "with", "from", "and", "&", "text", "texted", "rang",
                          "call", "called", "me", "love", "miss", "like", "hate", "saw", "see", "met", "meet", "by"])
NOT_IN_LISTS = frozenset(["and", "&", "me", "i", "you", "we", "they", "he", "she", "them", "us", "him", "her", "it",
                          "the", "a", "my", "our", "your", "his", "their", "all", "both"])
CONTEXT_WORDS = TITLES | RELATIONS | INTRODUCERS | {"is", "was"}
STREET_WORDS = frozenset(["street", "st", "road", "rd", "avenue", "ave", "lane", "close", "drive", "way", "crescent",
                          "park", "square", "gardens", "grove", "terrace", "walk", "hill", "gate", "place"])
LIST_ENDS = frozenset(["friends", "mates", "besties", "bffs", "cousins", "sisters", "brothers", "bros", "friend",
                       "mate", "bestie"])


def _names(words: Words) -> Iterator[Found]:
    names = _Names(words)
    lowers, classes = words.lowers, words.classes
    candidates = {i for i, (c, word) in enumerate(zip(classes, words.written, strict=True))
                  if not c & STOP and (c & (FIRST | ARABIC) or word[0].isupper())}
    if not CONTEXT_WORDS.isdisjoint(words.set):
        candidates.update(i + 1 for i, lower in enumerate(lowers[:-1]) if lower in CONTEXT_WORDS)
    for i in sorted(candidates):
        why = names.decide(i)
        if why:
            names.found[i] = why
    if not LIST_ENDS.isdisjoint(words.set):  # "will and grace are my best friends"
        text = words.text
        for m in LISTS.finditer(text):
            start, end = m.span("names")
            for i in range(len(words)):
                if start <= words.span(i)[0] < end and lowers[i] not in NOT_IN_LISTS:
                    names.found.setdefault(i, "list of friends")
    if names.found:
        names.extend()
    for i, why in names.found.items():
        start, end = words.span(i)
        if why == "title":  # "Mr Patel" -> "[name]": the title says no more than the name would
            start = words.span(i - 1)[0]
        if words.possessive(i):  # "Tom's" -> "[name]'s"
            end -= 2
        yield Found(start, end, "name", why)


NAME_INTERNAL = frozenset(["community", "catholic", "church", "high", "primary", "infant", "infants", "junior",
                           "juniors", "grammar", "learning", "sixth", "form", "city", "village", "c", "e", "st",
                           "saint", "upper", "middle", "free", "girls", "boys", "park", "valley", "hill", "hills"])
STOPPERS = GENERIC_BEFORE_SCHOOL - NAME_INTERNAL
GO_TO_VERBS = frozenset(["go", "goes", "going", "attend", "attends", "attended", "was", "am", "im", "started"])
"""Verbs before a school with no school word in its name ("i go to fullhurst", "i was at Wreake Valley"): the
habitual ones, not "went to" or "moved to", which are as often a trip or a town."""


def _schools(words: Words) -> Iterator[Found]:
    if not SCHOOL_ENDS.isdisjoint(words.set):
        yield from _named_schools(words)
    if not GO_TO_VERBS.isdisjoint(words.set) or "expelled" in words.set or "excluded" in words.set:
        yield from _schools_gone_to(words)


def _school_name_start(words: Words, i: int) -> int:
    """Walk back from a school word over the words of its name ("of" inside it: "City of Leicester College")."""
    lowers, written = words.lowers, words.written
    j = i
    while j > 0 and words.before[j] == "":
        prev = lowers[j - 1]
        if prev == "of" and j - 2 >= 0 and lowers[j - 2] not in STOPPERS:
            j -= 1
            continue
        if prev in STOPPERS and not (written[j - 1][0].isupper() and prev in ("new", "old", "big")):
            break
        if words.classes[j - 1] & STOP and not (written[j - 1][0].isupper() and prev in (
                "sir", "st", "saint", "new", "old", "big")):
            break  # "better than school", "I'm actually enjoying school"; not "Sir Robert Martin Academy"
        j -= 1
    return j


def _named_schools(words: Words) -> Iterator[Found]:
    """"at Beaumont Leys School", "crown hills community college", "St Paul's Catholic School"."""
    lowers, written, text = words.lowers, words.written, words.text
    for i, lower in enumerate(lowers):
        if lower not in SCHOOL_ENDS:
            continue
        j = _school_name_start(words, i)
        # "New College Leicester": a town straight after the school word is part of its name.
        after = i + 1 < len(lowers) and words.before[i + 1] == "" and bool(words.classes[i + 1] & PLACE) \
            and written[i + 1][0].isupper()
        named = [k for k in range(j, i) if lowers[k] not in GENERIC_BEFORE_SCHOOL]
        if not named and not after:
            continue
        # Capitals that say a name: not just a sentence's first ("Now school is ...", "During lockdown school").
        capitals = [k for k in named if written[k][0].isupper()]
        capitalised = after or (written[i][0].isupper() and bool(capitals)) or len(capitals) > 1 \
            or any(words.before[k] != "." for k in capitals)
        unknown = any(not words.classes[k] & ENGLISH or words.classes[k] & PLACE or lowers[k] in ("st", "saint")
                      or (words.classes[k] & FIRST and written[k][0].isupper()) for k in named)
        start = words.span(j)[0]
        lead = SCHOOL_LEAD.search(text[max(0, start - 30):start]) is not None
        if capitalised or unknown or lead:
            if j and lowers[j - 1] == "the" and words.before[j] == "" and written[j][0].isupper():
                start = words.span(j - 1)[0]  # "the Beacon Academy" is one name
            yield Found(start, words.span(i + 1 if after else i)[1], "school", "school name")
    for m in IS_A_SCHOOL.finditer(text):  # "Beaumont Leys is a rough school"
        if not any(CLASSES[w.lower()] & (STOP | NOT_PERSON) for w in m.group("n").split()):
            yield Found(*m.span("n"), "school", "name said to be a school")


def _schools_gone_to(words: Words) -> Iterator[Found]:
    """Capitalised words after "go to" or "was at" ("i used to go to Sir Jonathan North", "i was at Wreake
    Valley"), and a word that is no English word, place or service after it ("i go to fullhurst")."""
    lowers, text = words.lowers, words.text
    after_verb = [i for i in range(2, len(lowers)) if (lowers[i - 1] in ("to", "at") and lowers[i - 2] in GO_TO_VERBS)
                  or (lowers[i - 1] == "from" and lowers[i - 2] in ("expelled", "excluded"))]
    for i in after_verb:
        if not words.capital(i) or words.before[i] or words.classes[i] & (PLACE | NOT_PERSON | STOP):
            continue
        end = i
        while end + 1 < len(lowers) and words.before[end + 1] == "" and words.capital(end + 1) \
                and not words.classes[end + 1] & STOP:
            end += 1
        if end > i or not words.classes[i] & ENGLISH:
            yield Found(words.span(i)[0], words.span(end)[1], "school", "capitalised name after 'go to'")
    for m in GO_TO.finditer(text) if not GO_TO_WORDS.isdisjoint(words.set) else ():  # "i go to fullhurst"
        c = CLASSES[m.group("w").lower()]
        if not c & (ENGLISH | PLACE | NOT_PERSON | STOP):
            yield Found(m.start("w"), m.end("w"), "school", "school after 'go to'")


IS_A_SCHOOL = re.compile(r"(?:^|[.!?]\s+)(?P<n>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?:is|was)\s+(?:a|an|the)\s+"
                         r"(?:\w+\s+){0,2}(?:school|college|academy)\b")
GO_TO_WORDS = frozenset(["go", "goes", "going", "attend", "attends", "attended"])
GO_TO = re.compile(r"\b(?:go(?:es)?|going|attend(?:s|ed)?)\s+(?:to|at)\s+(?P<w>[^\W\d_]{3,})\b"
                   r"(?!\s+\w+\s+(?:school|college|academy))", re.IGNORECASE)


# --- numbers -----------------------------------------------------------------------------------
def _nhs_valid(digits: str) -> bool:
    """The NHS number's Modulus 11 check."""
    if len(digits) != 10 or digits[0] == "0":
        return False
    check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    return check != 10 and (check % 11) == int(digits[9])


def _pesel_valid(digits: str) -> bool:
    """The PESEL's check digit (weights 1, 3, 7, 9)."""
    if len(digits) != 11:
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    return (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 10) % 10 == int(digits[10])


def _near(text: str, start: int, end: int, word: str, reach: int = 30) -> bool:
    return word in text[max(0, start - reach):end + reach].lower()


def _numbers(text: str, digit_count: int) -> Iterator[Found]:
    if LETTERS_DIGITS.search(text):  # "AB12 CDE", "QQ 12 34 56 C"
        for m in NI_NUMBER.finditer(text):
            if m.group()[:2].upper() not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
                yield Found(m.start(), m.end(), "NI number", "National Insurance number")
        for m in VEHICLE.finditer(text):
            yield Found(m.start(), m.end(), "vehicle registration", "vehicle registration")
    if digit_count < 10:
        return
    for m in NHS_NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if _nhs_valid(digits) or _near(text, m.start(), m.end(), "nhs"):
            yield Found(m.start(), m.end(), "NHS number", "NHS number (Modulus 11)")
    for m in PESEL.finditer(text) if digit_count >= 11 else ():
        if _near(text, m.start(), m.end(), "pesel") or (_pesel_valid(m.group()) and not m.group().startswith("0")):
            yield Found(m.start(), m.end(), "PESEL", "PESEL (check digit)")


def _handles(words: Words) -> Iterator[Found]:
    """A handle after an app's name ("insta jay.bee", "my snap is kiaan2011") or before "on <app>"."""
    text = words.text
    for i, lower in enumerate(words.lowers):
        if lower not in SOCIAL_WORDS:
            continue
        start = words.span(i)[0]
        for m in (HANDLE_AFTER.match(text, start), HANDLE_BEFORE.search(text[max(0, start - 40):start])):
            if m is None:
                continue
            handle = m.group("h")
            c = CLASSES[handle.lower().lstrip("@")]
            if HANDLE_SHAPE.search(handle) or not c & (ENGLISH | STOP | PLACE | NOT_PERSON):
                offset = 0 if m.re is HANDLE_AFTER else max(0, start - 40)
                yield Found(m.start("h") + offset, m.end("h") + offset, "handle", "handle after an app's name")


def _phones(text: str, seen: frozenset[str], digit_count: int) -> Iterator[Found]:
    # Most answers have no run of seven digits: libphonenumber's matcher is not cheap.
    if digit_count >= MIN_PHONE_DIGITS and DIGIT_RUN.search(text):
        for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.VALID):
            yield Found(match.start, match.end, "phone", "phone number (libphonenumber)")
        # UK numbers written in ways libphonenumber will not take whole ("07700/900/321", "0 7 7 0 0 ...").
        for m in PHONE_LIKE.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            national = "0" + digits[2:].removeprefix("0") if digits.startswith("44") else digits
            if national.startswith("0") and len(national) in (10, 11):
                yield Found(m.start(), m.end(), "phone", "phone number (UK shape)")
        for m in POLISH_PHONE.finditer(text):  # "600 123 456" after "numer", "+48 512 345 678"
            if m.group("cc") or PHONE_CONTEXT.search(text[max(0, m.start() - 40):m.start()]):
                yield Found(m.start(), m.end(), "phone", "phone number (Polish)")
    if len(SPOKEN_WORDS & seen) >= 2:
        for m in SPOKEN_PHONE.finditer(text):  # "oh seven seven double oh nine ..."
            spoken = m.group().rstrip(" ,.-")
            digits, repeat = "", 1
            for word in re.split(r"[\s,.-]+", spoken.lower()):
                if word in ("double", "triple", "treble"):
                    repeat = 2 if word == "double" else 3
                    continue
                digits += (SPOKEN_DIGITS.get(word) or word) * repeat
                repeat = 1
            spelled = sum(w in SPOKEN_DIGITS for w in spoken.lower().split())
            if len(digits) >= 10 and spelled >= 3:
                yield Found(m.start(), m.start() + len(spoken), "phone", "phone number in words")


def _kept(text: str, found: Found) -> bool:
    """A public helpline number, kept as written."""
    return found.kind == "phone" and re.sub(r"\D", "", text[found.start:found.end]) in KEEP_NUMBERS


# --- the partnership's lists -------------------------------------------------------------------
def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


@cache
def _compiled_terms(terms: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    found = []
    for kind, words in terms:
        pattern = _term_pattern(words)
        if pattern is not None:
            found.append((kind, pattern))
    return tuple(found)


@cache
def _keep_pattern(keep: tuple[str, ...]) -> re.Pattern[str] | None:
    """The partnership's `keep:` list: a detail found wholly inside one of its words is left as written."""
    return _term_pattern(keep)


@cache
def _places_pattern() -> re.Pattern[str]:
    """Places and services of more than one word ("Earl Shilton", "Bright Futures"): a name found
    inside one is part of the place (a school found there is still a school)."""
    pattern = _term_pattern([w for w in places() | not_people() if " " in w])
    assert pattern is not None
    return pattern


# --- putting it together -----------------------------------------------------------------------
def explain(text: str, terms: Terms | None = None) -> list[Found]:  # noqa: C901 - one list of recognisers
    """Every personal detail in `text` that redaction removes, in order, with the recogniser that found
    it; overlapping finds resolved (the longest first, then the earliest). Each recogniser runs only
    where what it needs is there (a digit, "@", an app's name, ...): most answers have none."""
    found: list[Found] = []
    words = Words(text)
    seen = words.set
    if "@" in text or "(at)" in text or "[at]" in text or ("at" in seen and not seen.isdisjoint(EMAIL_WORDS)):
        found += [Found(*m.span(), "email", "email address") for m in EMAIL.finditer(text)]
    if LINK_NEEDS.search(text):
        found += [Found(*m.span(), "link", "web address") for m in LINK.finditer(text)]
    digit_count = len(DIGIT.findall(text)) if DIGIT.search(text) else 0
    if digit_count:
        if POSTCODE_NEEDS.search(text):
            found += [Found(*m.span(), "postcode", "UK postcode") for m in POSTCODE.finditer(text)]
        if NUMERIC_DATE.search(text) or not BIRTH_WORDS.isdisjoint(seen):
            found += [Found(*m.span("d" if m.group("d") else "w"), "date of birth", "date of birth")
                      for m in DATE_OF_BIRTH.finditer(text)]
        if not ADDRESS_STREETS.isdisjoint(seen) or "flat" in seen or "apartment" in seen:
            found += [Found(*m.span(), "address", "house number and street") for m in ADDRESS.finditer(text)]
        found += _numbers(text, digit_count)
    elif ("live" in seen or "lives" in seen) and not ADDRESS_STREETS.isdisjoint(seen):
        found += [Found(*m.span(), "address", "street where someone lives") for m in ADDRESS.finditer(text)]
    if "@" in text or "_" in text:
        found += [Found(*m.span(), "handle", "@handle or user_name") for m in AT_HANDLE.finditer(text)]
    if not SOCIAL_WORDS.isdisjoint(seen):
        found += _handles(words)
    found += _phones(text, seen, digit_count)
    if terms is not None and terms.terms:
        key = tuple(sorted((k, tuple(v)) for k, v in terms.terms.items()))
        for kind, pattern in _compiled_terms(key):
            found += [Found(*m.span(), kind, "the partnership's list") for m in pattern.finditer(text)]
    found += _schools(words)
    found += _names(words)
    if not found:
        return found
    keep = _keep_pattern(tuple(terms.keep)) if terms and terms.keep else None
    kept = [m.span() for m in keep.finditer(text)] if keep else []
    places_ = [m.span() for m in _places_pattern().finditer(text)] if any(f.kind == "name" for f in found) else []
    found = [f for f in found if not _kept(text, f) and not any(s <= f.start and f.end <= e for s, e in kept)
             and not (f.kind == "name" and any(s <= f.start and f.end <= e for s, e in places_))]
    # Longest first, then earliest: a phone number inside an email stays part of the email.
    found.sort(key=lambda f: (-(f.end - f.start), f.start))
    chosen: list[Found] = []
    for f in found:
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen)


def redact(text: str, terms: Terms | None = None) -> Redacted:
    """Replace personal details in `text` with tags; returns the text and the kinds found. The one
    redaction for every way words come in (form, API, import, paper entry, edited quote)."""
    chosen = explain(text, terms)
    if not chosen:
        return Redacted(text, ())
    out, last = [], 0
    for f in chosen:
        out.append(text[last:f.start])
        out.append(f"[{f.kind}]")
        last = f.end
    out.append(text[last:])
    return Redacted(_merge_tags("".join(out)), tuple(sorted({f.kind for f in chosen})))


MERGE = re.compile(r"\[name\](?:\s+\[name\])+")


def _merge_tags(text: str) -> str:
    """A first name and surname found apart read as one tag: "[name] [name]" -> "[name]"."""
    return MERGE.sub("[name]", text) if "[name] [name]" in text else text


def load_terms(data: bytes) -> Terms:
    """The partnership's lists, as YAML: `terms: {school: [...], place: [...], name: [...]}` and
    `keep: [...]` (its own and services' names, places, to leave as written)."""
    import yaml

    return msgspec.convert(yaml.safe_load(data) or {}, Terms)
