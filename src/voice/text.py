"""Text helpers shared by the rules that read young people's words (safeguarding, themes), and by downloads."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Lower case, repeated letters squeezed, apostrophes dropped, punctuation as spaces (cached: the
    reader normalises one answer for its rules, words and language)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("'", "")
    text = re.sub(r"(\w)\1{2,}", r"\1\1", text)  # "sooooo" -> "soo", keeps "ll" in "kill"
    text = re.sub(r"[^\w\s/]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def spreadsheet_safe(cell: object) -> str:
    """A CSV cell a spreadsheet shows as text: one starting =, +, -, @, tab or return gets a leading '."""
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
