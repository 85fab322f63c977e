"""Text helpers shared by the rules that read young people's words (safeguarding, themes), and by downloads."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower case, repeated letters squeezed, apostrophes dropped, punctuation as spaces (cached: the
    reader normalises one answer for its rules, words and language)."""
    if text.isascii():  # most answers: the same, with a translation table instead of two regexes
        return " ".join(REPEATS.sub(r"\1\1", text.lower().translate(ASCII_PUNCTUATION)).split())
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("'", "").translate(URDU_FOLD)
    text = REPEATS.sub(r"\1\1", text)  # "sooooo" -> "soo", keeps "ll" in "kill"
    text = NOT_WORD.sub(" ", text)
    return " ".join(text.split())


REPEATS = re.compile(r"(\w)\1{2,}")
REDACTION_TAG = re.compile(r"\[[a-z][a-z ]{1,30}\]")
"""What redaction puts where a detail was ("[name]", "[phone number]"): no word the young person wrote."""
URDU_FOLD = str.maketrans(
    {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"} | dict.fromkeys([*range(0x064B, 0x0660), 0x0670], None)
)
"""Urdu as typed on an Arabic keyboard (ي ى ك) read as Urdu's own letters (ی ک; not ه, which stands for
either ہ or ھ), and the vowel marks (zer, zabar, pesh, shadd ...) dropped: they are not letters, so "مُجھے"
would otherwise split into two words."""
NOT_WORD = re.compile(r"[^\w\s/]")
ASCII_PUNCTUATION = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) in "_/'" or chr(c).isspace())} | {"'": None}
)


TURNING_CHARACTERS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI): they turn the text
after them round wherever it is shown ("invoice\u202efdp.exe" shows as "invoiceexe.pdf"), and nobody
needs them to write a right-to-left language. The marks (U+200E, U+200F, U+061C) and the joiners
(U+200C, U+200D) that Urdu and other scripts use are kept."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
"""What clean_text removes: control characters but tab and line end, zero-width spaces, line and
paragraph separators, byte order marks, and TURNING_CHARACTERS."""


def clean_text(value: str) -> str:
    """Text as we keep it: NFC, no control characters, zero-width spaces or characters that turn text round
    (TURNING_CHARACTERS), no stray spaces, Unix line ends. Every free text a person gives passes through
    here before it is stored: answers from every channel (form, API, imports, paper, sessions) and their
    contact details (voice.surveys.questions), quotes as a facilitator edits them, and names of files."""
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text).strip()


def spreadsheet_safe(cell: object) -> str:
    """A CSV cell a spreadsheet shows as text: one starting =, +, -, @, tab or return gets a leading '.
    Numbers the product wrote itself (a negative change, say) stay numbers."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return str(cell)
    text = "" if cell is None else str(cell)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def required_literals(pattern: str) -> tuple[str, ...]:
    """Strings one of which every match of `pattern` contains, as long as the pattern allows: a
    substring test on them skips the regex for most texts. Empty when the pattern has none (try it)."""
    import re._constants as c  # type: ignore[import-not-found]  # the parser's own opcodes
    import re._parser as parser  # type: ignore[import-not-found]

    def best(items: Iterable[tuple[Any, Any]]) -> frozenset[str] | None:
        found: list[frozenset[str]] = []
        run = ""
        for op, arg in [*items, (None, None)]:
            if op is c.LITERAL:
                run += chr(arg)
                continue
            if len(run.strip()) >= 2:
                found.append(frozenset([run]))
            run = ""
            inner: frozenset[str] | None = None
            if op is c.SUBPATTERN:
                inner = best(arg[3])
            elif op is c.BRANCH:
                branches = [best(branch) for branch in arg[1]]
                if all(branches):
                    inner = frozenset().union(*branches)  # type: ignore[arg-type]
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
                inner = best(arg[2])
            if inner:
                found.append(inner)
        return max(found, key=lambda s: (min(len(x.strip()) for x in s), -len(s)), default=None)

    chosen = best(parser.parse(pattern))
    return tuple(sorted(chosen)) if chosen else ()


class Literals:
    """Which of a fixed set of strings occur in a text (overlapping ones too), found in one pass with an
    Aho-Corasick automaton (pyahocorasick): a regex of the strings as a trie, tried at every position,
    cost the safeguarding rules 60 µs an answer once they had a thousand strings."""

    def __init__(self, strings: Iterable[str]) -> None:
        import ahocorasick  # type: ignore[import-not-found]  # a C extension without type hints

        self.strings = frozenset(s for s in strings if s)
        self.automaton: Any = None
        if self.strings:
            self.automaton = ahocorasick.Automaton()
            for string in self.strings:
                self.automaton.add_word(string, string)
            self.automaton.make_automaton()

    def within(self, text: str) -> set[str]:
        if self.automaton is None:
            return set()
        return {found for _, found in self.automaton.iter(text)}


TEXTSPEAK = Path(__file__).parent.parent / "data" / "textspeak.tsv"


@lru_cache(maxsize=1)
def _respellings() -> dict[str, str]:
    table: dict[str, str] = {}
    if TEXTSPEAK.exists():
        for line in TEXTSPEAK.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                spelt, word = line.split("\t")
                table[spelt.lower()] = word
    return table


def typed_forms(word: str) -> list[str]:
    """Other ways a young person types a word, for search: its short forms (data/textspeak.tsv read backwards:
    "school" -> "skool", "skl") and, for a verb, its form without the "g" ("follow" -> "followin", "following" ->
    "followin")."""
    lower = word.lower()
    forms = list(_spellings().get(lower, ()))
    if lower.isalpha() and len(lower) > 2:
        forms.append(lower[:-1] if lower.endswith("ing") else lower + "in")
    return [f for f in dict.fromkeys(forms) if f != lower]


@lru_cache(maxsize=1)
def _spellings() -> dict[str, tuple[str, ...]]:
    """_respellings() read backwards: each word, and the short forms data/textspeak.tsv has for it."""
    table: dict[str, list[str]] = {}
    for spelt, meant in _respellings().items():
        table.setdefault(meant.lower(), []).append(spelt)
    return {meant: tuple(spelt) for meant, spelt in table.items()}


@lru_cache(maxsize=1)
def text_speak() -> frozenset[str]:
    """The short forms data/textspeak.tsv respells ("gna", "nuffin", "2nite"), in lower case."""
    return frozenset(_respellings())


RESPELL_WORD = re.compile(r"(?<![\w'’])[^\W_]+(?![\w'’])")
"""A whole word (not part of "don't"), as text-speak is spelt."""


@lru_cache(maxsize=4096)
def respell(text: str) -> str:
    """The text with text-speak written as the words it stands for ("wen i get home n hes drunk" reads
    "when i get home and hes drunk"; see data/textspeak.tsv), so that the reader reads a young person who
    writes that way as it reads one who does not (cached: the reader respells each answer once). Cheap
    first: most answers have no such word, and are given back as they are."""
    table = _respellings()
    if not table or table.keys().isdisjoint(RESPELL_WORD.findall(text.lower())):
        return text
    return RESPELL_WORD.sub(lambda m: table.get(m.group(0).lower(), m.group(0)), text)
