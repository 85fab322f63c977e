"""What the redaction round tests (18 and after) check a line against: the words redaction leaves."""

from __future__ import annotations

from voice.reading.redact import redact


def words_left(line: str) -> set[str]:
    """The words of `line` that redaction leaves, in lower case, a comma read as a space."""
    return set(redact(line).text.lower().replace(",", " ").split())
