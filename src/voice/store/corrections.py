"""Facilitators' corrections of the themes (theme_corrections) as stored: a person may correct an answer
more than once, and the latest counts, for the results, for quotes and for what the reader learns."""

LATEST_CORRECTIONS = (
    "SELECT id, answer_id, sentiment, topics FROM theme_corrections "
    "WHERE id IN (SELECT max(id) FROM theme_corrections GROUP BY answer_id)"
)
"""Each corrected answer's latest correction: the one place that says which of a person's corrections counts."""
