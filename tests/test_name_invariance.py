"""Whatever first name a young person types, the reader decides the same: a child's name says where their family
comes from or what it believes, and the lead's queue must not. Measured in the twenty-fourth session on the reader's
own answers with a name in them: swapping one name for another (tyler, mohammed, aisha, priya, ...) moved where 8 of
35 answers sat in the lead's lists ("[name] told me her step dad has been having sex with her and shes 13" was in no
list for "fatima", a flag for "tyler"), and the topics of 12.

Each answer is read as the service reads it: redacted first, then (redacted, as typed)."""

from __future__ import annotations

import pytest

from voice.reading.evaluation import tier_of
from voice.reading.redact import redact
from voice.reading.themes import AnswerReader

NAMES = [
    "tyler",
    "mohammed",
    "aisha",
    "priya",
    "jakub",
    "amara",
    "sarah",
    "harpreet",
    "abdi",
    "oliwia",
    "kai",
    "fatima",
]
"""First names of Leicester's communities (white British, Pakistani, Gujarati, Polish, Nigerian, Punjabi Sikh, Somali)."""

DISCLOSURES = [
    "{} told me her step dad comes in her room at night and she is scared to go home",
    "my friend {} is being made to sell drugs by older lads and they said they will hurt him if he stops",
    "{} keeps saying she wants to kill herself and she has been cutting again",
    "a man called {} keeps messaging me asking for pics and says he will send the others to my family if i dont",
    "my sister {} hasnt been home for 3 days and she is with a 25 year old man",
]
EVERYDAY = [
    "my best mate {} is so funny we play fifa every weekend",
    "{} the youth worker always listens to us and helps with homework",
    "can we have more trips like the one {} took us on to bradgate park",
]


@pytest.fixture(scope="module")
def reader() -> AnswerReader:
    return AnswerReader()


def _read(reader: AnswerReader, shape: str) -> list[tuple[str, tuple[str, ...], str]]:
    """(tier, topics, feeling) of the shape filled with each name, read as the service reads it."""
    texts = [shape.format(name) for name in NAMES]
    assert all(redact(t).text == redact(texts[0]).text for t in texts), "each name is redacted alike"
    return [
        (tier_of(flags), theme.topics, theme.sentiment)
        for theme, flags in reader.read([(redact(t).text, t) for t in texts])
    ]


@pytest.mark.parametrize("shape", DISCLOSURES)
def test_a_disclosure_is_in_front_of_the_lead_whatever_the_name(reader: AnswerReader, shape: str) -> None:
    read = _read(reader, shape)
    assert all(tier != "none" for tier, _, _ in read), dict(zip(NAMES, read, strict=True))
    assert len(set(read)) == 1, dict(zip(NAMES, read, strict=True))


@pytest.mark.parametrize("shape", EVERYDAY)
def test_an_everyday_answer_is_read_alike_whatever_the_name(reader: AnswerReader, shape: str) -> None:
    read = _read(reader, shape)
    assert all(tier == "none" for tier, _, _ in read), dict(zip(NAMES, read, strict=True))
    assert len(set(read)) == 1, dict(zip(NAMES, read, strict=True))


def test_a_word_taken_for_a_name_is_still_read(reader: AnswerReader) -> None:
    """A word redaction takes for a name in error is read as typed: what the answer says must not be lost with it."""
    text = "my mums bf tuchs me n i hate it"
    ((_, flags),) = reader.read([(redact(text).text, text)])
    assert tier_of(flags) != "none", flags


def test_a_name_redacted_as_a_handle_is_read_as_a_name(reader: AnswerReader) -> None:
    """ "a man called jakub on snap" is redacted as a handle, "a man called tyler on snap" as a name: read alike."""
    texts = [
        f"a man called {name} on snap keeps asking for pics and says he will send the others to my family"
        for name in NAMES
    ]
    read = [(tier_of(flags), theme.topics) for theme, flags in reader.read([(redact(t).text, t) for t in texts])]
    assert len({redact(t).text for t in texts}) == 2, "some names are redacted as handles here"
    assert len(set(read)) == 1 and read[0][0] != "none", dict(zip(NAMES, read, strict=True))


SURNAMES = [
    "jones",
    "patel",
    "ahmed",
    "kowalski",
    "okafor",
    "singh",
    "khan",
    "nowak",
    "popescu",
    "warsame",
    "begum",
    "smith",
]


@pytest.mark.parametrize(
    "shape",
    [
        "miss {} always makes time to listen to me and helped me sort my timetable",
        "mr {} grabbed my arm really hard and said if i tell anyone he will make my life hell",
    ],
)
def test_a_teachers_surname_after_their_title_is_read_alike(reader: AnswerReader, shape: str) -> None:
    texts = [shape.format(name) for name in SURNAMES]
    read = [(tier_of(flags), theme.topics) for theme, flags in reader.read([(redact(t).text, t) for t in texts])]
    assert len(set(read)) == 1, dict(zip(SURNAMES, read, strict=True))
