"""Redaction: personal details out of free text before anyone but a safeguarding lead sees it.

Each detail becomes a readable tag: [name], [email], [phone], [postcode], [address], [link], [handle],
[date of birth], or the kind given in the partnership's own list (for example [school], [place]).
Phone numbers are found by Google's libphonenumber (UK first). Names come from an international list
of first names (gender-guesser's, about 40,000) and are treated with care: a name that is also an
everyday word ("Will", "Hope", "May", "Rose") is redacted only where the words around it say it is a
name ("my friend Will", "called Hope"). Redaction is conservative about ordinary words and thorough
about contact details, and tests measure both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

import msgspec
import phonenumbers

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+\s?(?:@|\(at\)|\[at\])\s?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
LINK = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]']|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.uk|org\.uk|org|net|uk|io|me|ly|tv|gg|app)"
    r"(?:/\S*)?\b", re.IGNORECASE)
SOCIAL = r"(?:snap(?:chat)?|insta(?:gram)?|tiktok|twitter|discord|ig|sc)"
HANDLE = re.compile(rf"(?<![\w@.])(?P<h>@[A-Za-z0-9_.]{{2,30}})\b"
                    rf"|\b{SOCIAL}\s*(?::|-|=)\s*(?P<h2>@?[A-Za-z0-9_.]{{3,30}})\b"
                    rf"|\bmy\s+{SOCIAL}(?:\s+name)?\s+is\s+(?P<h3>@?[A-Za-z0-9_.]{{3,30}})\b",
                    re.IGNORECASE)
PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+|\(\+?)?\d[\d\s().-]{7,20}\d(?!\w)")
POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
STREET = (r"(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|ct|place|gardens|grove|"
          r"terrace|walk|hill|rise|view|square|mews|row|parade|green)")
ADDRESS = re.compile(rf"\b\d{{1,4}}[a-z]?,?\s+(?:[A-Za-z']+\s+){{1,3}}{STREET}\b\.?"
                     rf"|\b(?:flat|apartment)\s+\d+[a-z]?\b", re.IGNORECASE)
MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
DATE_OF_BIRTH = re.compile(
    rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}\b"
    rf"|\b(?:born|birthday|dob|d\.o\.b\.?|date\s+of\s+birth)\s*(?:is|was|on|:)?\s*(?:the\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?)"
    rf"(?:,?\s+(?:19|20)\d{{2}})?\b",
    re.IGNORECASE)
TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?P<name>[A-Z][A-Za-z'’-]+)")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# Words before a name: "my friend Will", "called Hope", "Miss May", "my social worker, Dan".
NAME_CONTEXT = re.compile(
    r"(?:\b(?:my|our|his|her|their|the)\s+(?:best\s+|old\s+|new\s+|social\s+|youth\s+|key\s+|support\s+)?"
    r"(?:friends?|mates?|bf|gf|boyfriend|girlfriend|sister|brother|sis|bro|mum|mom|dad|step-?dad|step-?mum|"
    r"cousin|uncle|aunt(?:ie)?|nan|nana|gran|grandad|grandma|teacher|worker|counsellor|nurse|carer|foster\s+carer|"
    r"partner|ex|neighbour)\s*,?\s+(?:is\s+|was\s+|called\s+|named\s+)?"
    r"|\b(?:called|named|name\s+is|name's|i\s+am|i'm|im|this\s+is|it's|its|from|with|and|told|tell|asked|ask)\s+"
    r"|\b(?:mr|mrs|ms|miss|mx|dr|sir)\.?\s+)$",
    re.IGNORECASE)
# Words that are first names in some country but are common English words, never names here.
NEVER_NAMES = frozenset([
    "a", "i", "an", "in", "on", "at", "by", "to", "do", "so", "no", "go", "me", "we", "he", "be", "us",
    "or", "of", "as", "is", "it", "if", "up", "my", "mum", "dad", "nan", "sir", "man", "boy", "girl",
    "all", "any", "are", "can", "did", "has", "had", "her", "him", "his", "how", "its", "let", "not",
    "now", "old", "one", "our", "out", "own", "see", "she", "the", "too", "two", "was", "who", "why",
    "yes", "you", "van", "den", "der", "von", "del", "la", "le", "de", "da", "di", "du", "el", "al",
    "bin", "and", "but", "for", "with", "from", "that", "this", "than", "then", "them", "they", "what",
    "when", "where", "which", "while", "your", "school", "college", "home", "house", "work", "police",
    "doctor", "nurse", "teacher", "social", "worker", "friend", "friends", "family", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas", "easter",
    "eid", "diwali", "uk", "gb", "nhs", "lol", "omg", "tbh", "ngl", "idk", "bae", "bruv", "fam",
    "innit", "wanna", "gonna", "gotta", "ok", "okay", "yeah", "yea", "nah", "leicester",
    "leicestershire", "rutland", "melton", "oadby", "wigston", "hinckley", "loughborough", "coalville",
    "lutterworth", "oakham", "uppingham", "harborough", "syston", "birstall", "braunstone", "anstey",
    "thurmaston", "blaby", "enderby", "narborough", "shepshed",
])
EVERYDAY_FILE = Path(__file__).parent / "data" / "everyday_names.txt"
HEADER = """# First names that are also ordinary English words: redacted only where they cannot be the word
# ("I told Will", "my friend Hope"), never at the start of a sentence or in lower case. Built by
# tools/build_everyday_names.py from gender-guesser's first names (voice.redact.NAME_COLUMNS) and the
# lower-case words of Debian's wbritish 2020.12.07 (SCOWL). Edit by hand if a name needs moving.
"""


class Redacted(msgspec.Struct, frozen=True):
    text: str
    kinds: tuple[str, ...]
    """The kinds of detail that were found, sorted, without repeats."""

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


class Terms(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The partnership's own list of words to redact, by kind (a kind becomes the tag)."""

    terms: dict[str, list[str]] = {}


# Columns of nam_dict.txt (gender-guesser's data) for the countries whose names are common among
# young people in Leicester, Leicestershire and Rutland: Great Britain, Ireland, the U.S.A., Italy,
# Portugal, Spain, France, Latvia, Lithuania, Poland, Czechia, Slovakia, Hungary, Romania, Bulgaria,
# Albania, Greece, Russia, Ukraine, Turkey, Arabia/Persia, China, India/Sri Lanka, other countries.
# Names found only in, say, Dutch or Danish use ("Harm", "Line", "Peer") are English words here.
NAME_COLUMNS = (30, 31, 32, 33, 35, 36, 37, 51, 52, 53, 54, 55, 56, 57, 58, 66, 67, 68, 71, 76, 77, 79, 80, 84)


@cache
def first_names() -> frozenset[str]:
    """Lower-case first names from gender-guesser's international list (48,000 lines, ISO-8859-1)."""
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_bytes().decode("iso8859-1")
    names = set()
    for line in data.splitlines():
        if line[:1] in ("#", "=") or len(line) < 31:
            continue
        if not any(c < len(line) and line[c] not in " $" for c in NAME_COLUMNS):
            continue
        name = line[3:29].strip().replace("+", "-").lower()
        if len(name) >= 2 and name.isascii() and name.replace("-", "").isalpha():
            names.add(name)
    return frozenset(names - NEVER_NAMES)


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


def _phones(text: str) -> Iterable[tuple[int, int]]:
    if len(DIGIT.findall(text)) < MIN_PHONE_DIGITS:  # most answers: libphonenumber's matcher is not cheap
        return
    for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.VALID):
        yield match.start, match.end
    # UK numbers written in ways libphonenumber will not take whole ("(07700) 900 123", "0116-496-0999"):
    # a run of digits and separators with the shape of a UK number.
    for m in PHONE_LIKE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        national = "0" + digits[2:].removeprefix("0") if digits.startswith("44") else digits
        uk = national.startswith("0") and len(national) in (10, 11)
        if uk and len(re.findall(r"[\s().-]+", m.group())) <= 4:
            yield m.start(), m.end()


DIGIT = re.compile(r"\d")
LINK_NEEDS = re.compile(r"\.[A-Za-z]|://")
"""Every link has a dot followed by a letter (www., .com) or "://"."""
MIN_PHONE_DIGITS = 7
"""Fewer digits than this in an answer and it holds no phone number in digits (a UK number has 10 or 11)."""


# In the word list, but in young people's writing nearly always a name: treated as names, even in lower case.
MOSTLY_NAMES = frozenset([
    "sam", "harry", "john", "peter", "josh", "matt", "mike", "ed", "eddy", "billy", "bobby", "jimmy",
    "sally", "meg", "barney", "hank", "hector", "homer", "roger", "martin", "maria", "noel", "phoebe",
    "sara", "sarah", "amir", "ameer", "emir", "rajah", "pasha", "sahib", "colleen", "derrick", "gene",
    "herb", "ken", "rick",
])


@cache
def everyday_names() -> frozenset[str]:
    lines = EVERYDAY_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#")) - MOSTLY_NAMES


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:;"


def _names(text: str) -> Iterable[tuple[int, int]]:
    names, everyday = first_names(), everyday_names()
    for m in TITLED.finditer(text):
        yield m.start("name"), m.end("name")
    lowered = text.lower().replace("’", "'")
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): lower word by word
        lowered = "".join(ch.lower()[:1] for ch in text).replace("’", "'")
    for m in WORD.finditer(lowered):
        lower = m.group()
        base = lower[:-2] if lower.endswith("'s") else lower
        if base not in names:
            continue
        word = text[m.start():m.end()]
        if word.isupper() and len(word) > 1:
            continue
        capital = word[0].isupper()
        in_context = NAME_CONTEXT.search(text[max(0, m.start() - 40): m.start()]) is not None
        if base in everyday:
            hit = capital and (in_context or not _at_sentence_start(text, m.start()))
        else:
            hit = True
        if hit:
            yield m.start(), m.start() + len(base)


def redact(text: str, terms: Terms | None = None) -> Redacted:
    """Replace personal details in `text` with tags; returns the text and the kinds found."""
    spans: list[tuple[int, int, str]] = []

    def add(kind: str, found: Iterable[tuple[int, int]]) -> None:
        spans.extend((s, e, kind) for s, e in found)

    digits = DIGIT.search(text) is not None
    # Each pattern only where what every match needs is there: most answers have no digit, "@" or link.
    for kind, pattern, needed in (("email", EMAIL, "@" in text or "(at)" in text or "[at]" in text),
                                  ("link", LINK, LINK_NEEDS.search(text) is not None),
                                  ("postcode", POSTCODE, digits), ("date of birth", DATE_OF_BIRTH, digits),
                                  ("address", ADDRESS, digits)):
        if needed:
            add(kind, (m.span() for m in pattern.finditer(text)))
    add("handle", (next(m.span(g) for g in ("h", "h2", "h3") if m.group(g)) for m in HANDLE.finditer(text)))
    add("phone", _phones(text))
    if terms is not None and terms.terms:
        key = tuple(sorted((k, tuple(v)) for k, v in terms.terms.items()))
        for kind, pattern in _compiled_terms(key):
            add(kind, (m.span() for m in pattern.finditer(text)))
    add("name", _names(text))
    if not spans:
        return Redacted(text, ())
    # Longest first, then earliest: a phone number inside an email stays part of the email.
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    chosen: list[tuple[int, int, str]] = []
    for span in spans:
        if all(span[1] <= c[0] or span[0] >= c[1] for c in chosen):
            chosen.append(span)
    chosen.sort()
    out, last = [], 0
    for start, end, kind in chosen:
        out.append(text[last:start])
        out.append(f"[{kind}]")
        last = end
    out.append(text[last:])
    return Redacted("".join(out), tuple(sorted({k for _, _, k in chosen})))


def load_terms(data: bytes) -> Terms:
    """The partnership's list, as YAML: `terms: {school: [...], place: [...], name: [...]}`."""
    import yaml

    return msgspec.convert(yaml.safe_load(data) or {}, Terms)
