"""Text helpers shared by the rules that read young people's words (safeguarding, themes), and by downloads."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower case, repeated letters squeezed, apostrophes dropped, punctuation as spaces (cached: the
    reader normalises one answer for its rules, words and language)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("'", "")
    text = re.sub(r"(\w)\1{2,}", r"\1\1", text)  # "sooooo" -> "soo", keeps "ll" in "kill"
    text = re.sub(r"[^\w\s/]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def stems(pattern: str) -> tuple[str, ...]:
    """Word stems one of which any match of `pattern` contains: a substring test on them skips the
    regex for most texts (a regex search costs about 6 µs, a substring test about 0.1 µs)."""
    pattern = re.sub(r"\\[a-zA-Z]", " ", pattern)
    pattern = re.sub(r"[a-z](?:[?*]|\{0,)", " ", pattern)  # "gangs?" needs only "gang"
    return tuple({w[:5] for w in re.findall(r"[a-z]{2,}", pattern)})


def spreadsheet_safe(cell: object) -> str:
    """A CSV cell a spreadsheet shows as text: one starting =, +, -, @, tab or return gets a leading '."""
    text = "" if cell is None else str(cell)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
