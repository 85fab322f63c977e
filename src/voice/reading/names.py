"""What redaction knows about words: first names and surnames, names that are also everyday words,
places at town level and the names of services and apps, each from a maintained source where one exists.

- First names: gender-guesser's international list (the columns of the countries whose names are
  common in Leicester, Leicestershire and Rutland) and Faker's person lists for the same communities.
- Surnames: Faker's lists (British, Irish, American, Polish, Pakistani, Indian, Nigerian, Ghanaian,
  Kenyan, Baltic, Romanian, Czech and Slovak).
- Names in Arabic script (Urdu answers): Faker's Arabic and Persian lists.
- English words: simplemma's English dictionary (already loaded for lemmas); everyday-word names:
  `data/everyday_names.txt` (tools/build_everyday_names.py).
- Country names: Babel's (CLDR). Towns: `data/places.txt`, the world's cities young people's families come
  from (`data/world_places.txt`, from GeoNames by tools/build_world_places.py), plus what the partnership keeps.
- Names the lists miss (Punjabi, Gujarati, Somali, Eritrean, Romanian, ... and nicknames):
  `data/more_names.txt`; every listed name is also known without its accents ("zielinski").
- What must stay: helplines and services (`data/helplines.txt`), public figures and fictional characters
  (`data/public_figures.txt`), the figures, festivals and greetings of the area's faiths (`data/faith.txt`),
  everyday Urdu in Latin letters and Polish (`data/everyday_words.txt` and stopwordsiso's Polish and Urdu stop
  words).
- The area's schools and colleges with the forms young people type (`data/schools.txt`).
- The word lists redaction's rules read (words that are never names, function words, titles, words for
  family and friends, text speak, apps, jobs, ...: `data/redaction_words.txt`) and the last words of
  streets' names, with where each is used (`data/streets.txt`).

Every list is read once per process (cached) and held as frozensets of lower-case words.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent.parent / "data"
EVERYDAY_FILE = DATA / "everyday_names.txt"
PLACES_FILE = DATA / "places.txt"
WORLD_PLACES_FILE = DATA / "world_places.txt"
NOT_PEOPLE_FILE = DATA / "not_people.txt"
MORE_NAMES_FILE = DATA / "more_names.txt"
EVERYDAY_WORDS_FILE = DATA / "everyday_words.txt"
FIGURES_FILE = DATA / "public_figures.txt"
HELPLINES_FILE = DATA / "helplines.txt"
SCHOOLS_FILE = DATA / "schools.txt"
SET_TEXTS_FILE = DATA / "set_texts.txt"
WORKS_FILE = DATA / "works.txt"
FAITH_FILE = DATA / "faith.txt"
WORDS_FILE = DATA / "redaction_words.txt"
STREETS_FILE = DATA / "streets.txt"

# Columns of nam_dict.txt (gender-guesser's data) for the countries whose names are common among
# young people in Leicester, Leicestershire and Rutland: Great Britain, Ireland, the U.S.A., Italy,
# Portugal, Spain, France, Latvia, Lithuania, Poland, Czechia, Slovakia, Hungary, Romania, Bulgaria,
# Albania, Greece, Russia, Ukraine, Turkey, Arabia/Persia, China, India/Sri Lanka, other countries.
# Names found only in, say, Dutch or Danish use ("Harm", "Line", "Peer") are English words here.
NAME_COLUMNS = (30, 31, 32, 33, 35, 36, 37, 51, 52, 53, 54, 55, 56, 57, 58, 66, 67, 68, 71, 76, 77, 79, 80, 84)

# Faker's person lists for the same communities (South Asian, Polish, Somali and East African,
# Caribbean and West African, Irish, white British, Eastern European; Southern African (Zulu, close to
# Zimbabwe's Ndebele) and North African (Algerian French) since #28's fifth round. Turkish was tried and left
# out: its list holds "sayin", which young people type for "saying").
LATIN_LOCALES = (
    "en_GB",
    "en_IE",
    "en_US",
    "pl_PL",
    "en_PK",
    "en_IN",
    "en_NG",
    "yo_NG",
    "ig_NG",
    "ha_NG",
    "tw_GH",
    "en_KE",
    "sw",
    "lt_LT",
    "lv_LV",
    "ro_RO",
    "sk_SK",
    "cs_CZ",
    "zu_ZA",
    "fr_DZ",
)
ARABIC_LOCALES = ("ar_AA", "ar_SA", "ar_PS", "fa_IR")


@cache
def _word_lists() -> dict[str, frozenset[str]]:
    """data/redaction_words.txt: each list's name (in square brackets) -> its words (separated by commas)."""
    lists: dict[str, set[str]] = {}
    words: set[str] = set()
    for line in WORDS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("["):
            words = lists.setdefault(line.strip("[]"), set())
        elif line and not line.startswith("#"):
            words.update(w.strip() for w in line.split(",") if w.strip())
    return {name: frozenset(found) for name, found in lists.items()}


def word_list(name: str) -> frozenset[str]:
    """One of data/redaction_words.txt's lists ("relations", "text speak", ...)."""
    return _word_lists()[name]


class Streets(NamedTuple):
    address: frozenset[str]
    """Words that end a street's name in an address, with a house number wherever they are ("12 Elm Road")."""
    everyday: frozenset[str]
    """Words that end a street's name and are everyday words too ("3 Kingfisher Way"): an address only where
    the words around say someone lives there."""
    place: frozenset[str]
    """Words after a name that make it a place named after someone ("Charles Street", "Victoria Park")."""


@cache
def streets() -> Streets:
    """The last words of streets' names (data/streets.txt), by where redaction uses them."""
    found: dict[str, set[str]] = {"address": set(), "everyday": set(), "place": set()}
    for line in STREETS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, kinds = line.partition(":")
        for kind in kinds.split(","):
            found[kind.strip()].add(word.strip())
    return Streets(*(frozenset(found[k]) for k in Streets._fields))


SUBJECTS = word_list("subjects")
"""Lessons and languages: surnames somewhere ("Mr English"), names here only after a title."""
NEVER_NAMES = SUBJECTS | word_list("never names")
"""Words that are first names or surnames somewhere but are common words here, never names."""
FUNCTION_WORDS = word_list("function words")
FUNCTION_WORDS = FUNCTION_WORDS | {w.replace("'", "") for w in FUNCTION_WORDS}  # "whos", "wouldnt", "im"
"""Words that are never a name or surname (some are surnames somewhere: "Were", "Said", "Will")."""
POLISH_FUNCTION_WORDS = word_list("polish function words")
"""Polish words that are first names somewhere ("Na", "Ma", "Ty"): never names."""
URDU_FUNCTION_WORDS = word_list("urdu function words")
"""Common Urdu words, some of which are also names in Arabic script ("میرا", Meera): never names."""
MOSTLY_NAMES = word_list("mostly names")
"""In the word list, but in young people's writing nearly always a name: treated as names, even in lower case."""


def _plain(name: str) -> str:
    return name.strip().lower().replace("’", "'")


FOLD = str.maketrans("łŁđĐøØ", "lLdDoO")


def fold(word: str) -> str:
    """A word without its accents, the way it is typed on an English keyboard ("zieliński" -> "zielinski")."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _with_folded(names: set[str] | frozenset[str]) -> set[str]:
    return set(names) | {f for f in map(fold, names) if f.isascii()}


@cache
def _more_names() -> dict[str, frozenset[str]]:
    """data/more_names.txt: {"first": ..., "nickname": ..., "surname": ...}."""
    found: dict[str, set[str]] = {"first": set(), "nickname": set(), "surname": set()}
    for line in MORE_NAMES_FILE.read_text(encoding="utf-8").splitlines():
        kind, _, names = line.partition(":")
        if line.startswith("#") or kind.strip() not in found:
            continue
        found[kind.strip()].update(_plain(n) for n in names.split(",") if n.strip())
    return {kind: frozenset(_with_folded(names)) for kind, names in found.items()}


@cache
def _gender_guesser_names() -> frozenset[str]:
    """Lower-case first names from gender-guesser's list (48,000 lines, ISO-8859-1)."""
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
    return frozenset(names)


@cache
def _faker_lists(locales: tuple[str, ...], part: str) -> frozenset[str]:
    """Every name in Faker's person providers of these locales whose list name has `part` in it
    ("first_name" or "last_name"): tuples, or weighted dicts of names (read once: first_names and
    everyday_names both need the first names)."""
    found: set[str] = set()
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in dir(provider):
            if part not in attribute:
                continue
            value = getattr(provider, attribute)
            if isinstance(value, dict | tuple | list):
                found.update(_plain(str(n)) for n in value if isinstance(n, str))
    return frozenset(n for n in found if len(n) >= 2 and n.replace("-", "").replace("'", "").replace(" ", "").isalpha())


@cache
def first_names() -> frozenset[str]:
    """Lower-case first names (Latin script), without the words that are never names here."""
    listed = _gender_guesser_names() | {n for n in _faker_lists(LATIN_LOCALES, "first_name") if " " not in n}
    names = _with_folded(listed) | _more_names()["first"] | _more_names()["nickname"]
    return frozenset(names - NEVER_NAMES - POLISH_FUNCTION_WORDS)


@cache
def surnames() -> frozenset[str]:
    """Lower-case surnames (Latin script; one word each, "o'brien" and "smith-jones" included)."""
    names = {n for n in _faker_lists(LATIN_LOCALES, "last_name") if " " not in n}
    # Polish surnames in -ski, -cki, -dzki have a woman's form in -ska, -cka, -dzka (Faker lists the men's).
    names |= {n[:-1] + "a" for n in names if n.endswith(("ski", "cki", "dzki"))}
    names = _with_folded(names) | _more_names()["surname"]
    return frozenset(names - NEVER_NAMES - POLISH_FUNCTION_WORDS)


def arabic_key(word: str) -> str:
    """An Arabic-script word with the letters Urdu and Arabic write differently made one (ی/ي/ى, ک/ك,
    ہ/ه/ة) and short vowels dropped, so that a name matches however it is typed."""
    word = unicodedata.normalize("NFKC", word)
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    return word.translate(ARABIC_LETTERS)


ARABIC_LETTERS = str.maketrans("يىكهةۃأإآ", "ییکہہہااا")


@cache
def arabic_script_names() -> frozenset[str]:
    """First names and surnames in Arabic script (Faker's Arabic and Persian lists, and the area's families' names
    in Urdu script: data/redaction_words.txt), as arabic_key()."""
    names = _faker_lists(ARABIC_LOCALES, "first_name") | _faker_lists(ARABIC_LOCALES, "last_name")
    names |= word_list("names in urdu script")
    found = {arabic_key(n) for part in names for n in part.split() if len(n) >= 2}
    return frozenset(found - {arabic_key(w) for w in URDU_FUNCTION_WORDS})


def _word_file(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(_plain(w) for w in lines if w.strip() and not w.startswith("#"))


@cache
def everyday_names() -> frozenset[str]:
    """First names that are also ordinary English words ("will", "hope", "grace"): names only where
    the words around them say so."""
    # Names only Faker lists ("Comfort", "Precious", "Urban") are everyday words when English has them.
    faker_only = _faker_lists(LATIN_LOCALES, "first_name") - _gender_guesser_names()
    return (_word_file(EVERYDAY_FILE) | {n for n in faker_only if is_english(n)}) - MOSTLY_NAMES


@cache
def places() -> frozenset[str]:
    """Town-level places, kept as written: the towns of the file, the world's cities young people's families
    come from (data/world_places.txt, from GeoNames) and every country's English name."""
    from babel import Locale

    countries = {_plain(name) for name in Locale("en").territories.values()}
    return _word_file(PLACES_FILE) | _word_file(WORLD_PLACES_FILE) | frozenset(countries)


LOCAL_SECTIONS = ("# Towns and cities", "# more of Leicester", "# areas of the city")
"""The sections of places.txt that are the area's own towns, villages and parts of the city."""
TOO_WIDE = frozenset(["leicester", "leicestershire", "rutland", "fosse"])


@cache
def local_places() -> frozenset[str]:
    """The area's own towns, villages and parts of the city (the sections of places.txt named in
    LOCAL_SECTIONS), without the city and counties themselves: a place of work named with one of them is a
    site someone could be found at ("the amazon warehouse in coalville"), where "the tesco in leicester" is not."""
    found: set[str] = set()
    keep = True
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            if line.startswith(("# Towns", "# more", "# areas", "# regions", "# counties", "# cities")):
                keep = line.startswith(LOCAL_SECTIONS)
            continue
        if keep and line.strip():
            found.add(line.strip().lower())
    return frozenset(found - TOO_WIDE)


class Faith(NamedTuple):
    words: frozenset[str]
    """Festivals, greetings, prayers, scriptures and places of worship ("vaisakhi", "nagar kirtan")."""
    figures: frozenset[str]
    """Names of figures kept as written: each figure whose name people have today with a cue beside it ("lord
    ram", "story of musa", "ram navami"), the figures named together ("ram and sita"), and the figures no one
    is named after ("hanuman")."""


@cache
def faith() -> Faith:
    """The figures, festivals, greetings and places of the area's faiths (data/faith.txt)."""
    lists: dict[str, list[str]] = {}
    entries: list[str] = []
    for line in FAITH_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("["):
            entries = lists.setdefault(line.strip("[]"), [])
        elif line and not line.startswith("#"):
            entries.extend(_plain(w) for w in line.split(",") if w.strip())
    cued = {f"{cue} {name}" for name in lists["figures"] for cue in lists["before"]}
    cued |= {f"{name} {cue}" for name in lists["figures"] for cue in lists["after"]}
    return Faith(frozenset(lists["words"]), frozenset(cued | set(lists["pairs"]) | set(lists["own figures"])))


@cache
def not_people() -> frozenset[str]:
    """Names of apps, games, shops, services and helplines that young people write with a capital (the
    helplines' names of one word among them), and the words of faith (festivals, greetings, places)."""
    found = _word_file(NOT_PEOPLE_FILE) | {n for n in helplines().names if " " not in n} | faith().words
    return found | {n.removesuffix("'s") for n in found if n.endswith("'s") and " " not in n}  # as answers are read


@lru_cache(maxsize=65536)
def is_english(word: str) -> bool:
    """Whether a lower-case word is in simplemma's English dictionary (as itself or a form of a word)."""
    import simplemma

    return bool(simplemma.is_known(word, lang="en"))


ROMANIAN_STOP_WORDS_THAT_ARE_NAMES = frozenset(["sai", "una", "mei", "asa", "desi"])
"""Romanian stop words that are first names elsewhere in Leicester ("Mei", "Asa"): left to the name lists, as are
its words of one or two letters ("d", "li": a nickname's letter, a name)."""


@cache
def everyday_words() -> frozenset[str]:
    """Everyday words of Urdu in Latin letters, of Polish and of Romanian (the file, and stopwordsiso's Polish and
    Romanian stop words, with and without their letters): words in an answer, names only where the words around
    say so."""
    import stopwordsiso

    romanian = {w for w in stopwordsiso.stopwords("ro") if len(w) > 2} - ROMANIAN_STOP_WORDS_THAT_ARE_NAMES
    words = set(_word_file(EVERYDAY_WORDS_FILE)) | set(stopwordsiso.stopwords("pl")) | romanian
    return frozenset(_with_folded(words) - MOSTLY_NAMES)


@cache
def urdu_stop_words() -> frozenset[str]:
    """Urdu's stop words in its own letters (stopwordsiso) and the common words above, as arabic_key()."""
    import stopwordsiso

    return frozenset(arabic_key(w) for w in set(stopwordsiso.stopwords("ur")) | URDU_FUNCTION_WORDS)


class Figures(NamedTuple):
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    """First word -> every public figure's name of two words or more that starts with it, as words."""
    single: frozenset[str]
    """Names of one word ("stormzy", "messi")."""


@cache
def public_figures() -> Figures:
    """Public figures and fictional characters (data/public_figures.txt) and the figures of faith kept as
    written (data/faith.txt, faith()): people a young person could not be identified by."""
    phrases: dict[str, list[tuple[str, ...]]] = {}
    single = set()
    names = _word_file(FIGURES_FILE) | faith().figures
    for name in names | {n.replace("-", " ") for n in names if "-" in n and " " in n}:  # "kiernan dewsbury hall"
        words = as_words(name)
        if len(words) == 1:
            single.add(words[0])
        elif words:
            phrases.setdefault(words[0], []).append(words)
    return Figures({k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()}, frozenset(single))


class SetText(NamedTuple):
    titles: tuple[tuple[str, ...], ...]
    characters: frozenset[str]
    common: frozenset[str]
    """The characters whose names many young people have today (marked ~): they make no pair by themselves."""
    loose: tuple[tuple[str, ...], ...] = ()
    """Titles that are everyday words too (marked ~, "frozen"): a title only right after a name and "from" or "in"."""


def _read_works(path: Path) -> tuple[SetText, ...]:
    books = []
    for line in sorted(_word_file(path)):
        titles, _, names = line.partition("|")
        marked = [n.strip() for n in names.split(",") if n.strip()]
        written = [t.strip() for t in titles.split(",") if t.strip() and not any(c.isdigit() for c in t)]
        books.append(
            SetText(
                tuple(as_words(t) for t in written if not t.endswith("~")),
                frozenset(n.rstrip("~") for n in marked),
                frozenset(n.rstrip("~") for n in marked if n.endswith("~")),
                tuple(as_words(t.rstrip("~")) for t in written if t.endswith("~")),
            )
        )
    return tuple(books)


@cache
def set_texts() -> tuple[SetText, ...]:
    """Set texts young people study and their characters' names (data/set_texts.txt)."""
    return _read_works(SET_TEXTS_FILE)


@cache
def works() -> tuple[SetText, ...]:
    """The set texts, and the films, shows, games and books young people write about (data/works.txt), with their
    characters' names."""
    return set_texts() + _read_works(WORKS_FILE)


class Helplines(NamedTuple):
    names: frozenset[str]
    numbers: frozenset[str]
    """Digits only ("08001111")."""


@cache
def helplines() -> Helplines:
    """Helplines and services (data/helplines.txt): their names and numbers stay as written."""
    return read_helplines(HELPLINES_FILE.read_text(encoding="utf-8"))


def read_helplines(text: str) -> Helplines:
    """Helplines and services in data/helplines.txt's form: one a line, its names (separated by commas), a
    bar, then its numbers; a line with no bar is a service's name alone; "#" starts a comment."""
    names: set[str] = set()
    numbers: set[str] = set()
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        named, _, numbered = line.partition("|")
        names.update(_plain(n) for n in named.split(",") if n.strip())
        numbers.update("".join(ch for ch in n if ch.isdigit()) for n in numbered.split(",") if n.strip())
    return Helplines(frozenset(names), frozenset(numbers))


class School(NamedTuple):
    name: str
    forms: tuple[tuple[tuple[str, ...], bool], ...]
    """Each form as lower-case words, and whether it needs a school word or verb near it to be the school."""


WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
"""Words as redaction reads an answer (voice.reading.redact.WORD)."""


def as_words(text: str) -> tuple[str, ...]:
    """A school's form or a place's name as words, the way redaction reads an answer ("st paul's" ->
    ("st", "paul"), "w.q.e" -> ("w", "q", "e"))."""
    return tuple(w.replace("’", "'").removesuffix("'s") for w in WORD.findall(text.lower()))


@cache
def schools() -> tuple[School, ...]:
    """The area's schools and colleges (data/schools.txt), with the forms young people type."""
    found = []
    for line in SCHOOLS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, forms = line.partition("|")
        written = [(name.strip(), False)] + [
            (f.strip().rstrip("~"), f.strip().endswith("~")) for f in forms.split(",") if f.strip()
        ]
        found.append(
            School(
                name.strip(),
                tuple((as_words(f), loose) for f, loose in written if not any(ch.isdigit() or ch == "." for ch in f)),
            )
        )
    return tuple(found)


@cache
def school_written_forms() -> tuple[str, ...]:
    """The schools' forms with a digit or a dot in them ("ke7", "w.q.e"), matched as written."""
    found = []
    for line in SCHOOLS_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            found += [
                f.strip().rstrip("~")
                for f in line.partition("|")[2].split(",")
                if any(c.isdigit() or c == "." for c in f)
            ]
    return tuple(found)


@cache
def school_forms() -> dict[tuple[str, ...], bool]:
    """Every school's every form, as words -> whether it needs a school word or verb near it (a form that
    is a school anywhere in one line of the file wins)."""
    forms: dict[tuple[str, ...], bool] = {}
    for school in schools():
        for words, loose in school.forms:
            forms[words] = forms.get(words, True) and loose
    # Shortened to its first word where that word is no English word, place or name ("rushey" for "rushey
    # mead", "welland" for "welland park"): a school only with a school word or verb near it.
    names, places_ = first_names() | surnames(), places()
    for words in list(forms):
        head = [w for w in words if w != "the"]
        first = head[0] if head else ""
        if (
            len(head) > 1
            and len(first) >= 5
            and first.isalpha()
            and (first,) not in forms
            and first not in names
            and first not in places_
            and not is_english(first)
        ):
            forms[(first,)] = True
    return forms


@cache
def school_tokens() -> frozenset[str]:
    """The words of schools' forms that are not everyday English words or places on their own
    ("judgemeadow", "fullhurst", "wqe", "beauchamp")."""
    words = {w for form in school_forms() for w in form}
    return frozenset(w for w in words if len(w) >= 3 and not is_english(w))


@cache
def _school_deletes() -> dict[str, str]:
    """Each school word of six letters or more, and each with one letter left out -> the school word."""
    found: dict[str, str] = {}
    for word in school_tokens():
        if len(word) >= 6 and word.isalpha():
            found.setdefault(word, word)
            for i in range(len(word)):
                found.setdefault(word[:i] + word[i + 1 :], word)
    return found


@lru_cache(maxsize=65536)
def school_misspelt(word: str) -> str | None:
    """The school word one letter away from `word` (a letter left out, added, changed or two swapped:
    "crownhils", "judgmeadow", "beachamp"), or None."""
    if len(word) < 5 or not word.isalpha():
        return None
    deletes = _school_deletes()
    if word in deletes and len(word) + 1 == len(deletes[word]):
        return deletes[word]  # a letter left out
    for i in range(len(word)):
        near = deletes.get(word[:i] + word[i + 1 :])
        if near is not None and abs(len(near) - len(word)) <= 1:
            return near  # a letter added, changed, or two swapped
    return None
