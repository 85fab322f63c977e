"""Why the model put an answer in front of the safeguarding lead, in words she can check (stored with
each of the model's flags; shown on the flag page and in the queue)."""

from __future__ import annotations

import msgspec


class Evidence(msgspec.Struct, frozen=True, omit_defaults=True):
    """Why the model put an answer in front of the lead."""

    words: list[str] = []
    """The answer's words (as staff see it) that are far more common in disclosures than in other answers
    (Meta.harm_words; "not safe" for a word after "not", "never" …)."""
    mentions: dict[str, str] = {}
    """Harms the answer names, with the words that name them (see MENTIONS)."""
    like: list[tuple[str, str]] = []
    """The answers it learned from that this one is most like, each with its kind of disclosure ("" for none)."""
    close: float | None = None
    """The close reader's chance that the answer is a disclosure, where it read it (voice.reading.close)."""
    close_words: list[str] = []
    """The words (as staff see the answer) whose removal lowered the close reader's chance most: worked out
    when the flag is shown (each costs a reading), not stored."""
