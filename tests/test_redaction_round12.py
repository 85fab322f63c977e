"""#28 round 12: which words reach the learned recogniser, by the place a person stands in a sentence, with lines
written for these tests (not taken from any set). A lower-case everyday word that is a name, or a world place that
is a name, goes where the sentence says a person: before "from my class", the subject before a verb of doing or
saying, a first name and surname in lower case before what a person is or does, before "and" and another name. The
same words stay where they are words. What the labeller does not yet read as a name, though it now reaches it, is
stated as an expected failure (strict: a fix must remove the mark)."""

from __future__ import annotations

import pytest

from voice.reading.redact import explain, redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("summer from my class keeps laughing at my shoes", ["summer"]),
        pytest.param(
            "india from my form got called names all week",
            ["india"],
            marks=pytest.mark.xfail(
                strict=True,
                reason="since the CRF learned from the development sets (eighth session), it reads india here as the "
                "country, and the close labeller is not sure enough either",
            ),
        ),
        ("chengdu from my class is really good at maths", ["chengdu"]),
        ("lily said she would wait for me after school but she never came", ["lily"]),
        ("rose young from my street got excluded last week", ["rose", "young"]),
        ("jack best n me got detention for nothing", ["jack", "best"]),
        ("will and kai keep taking my pens", ["will", "kai"]),
        ("ruby and priya sit with me at dinner", ["ruby", "priya"]),
    ],
)
def test_a_name_where_a_person_stands_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text.lower().split()
    assert "[name]" in " ".join(out)
    for word in gone:
        assert word not in out


@pytest.mark.parametrize(
    "line",
    [
        "the young people in my area have nothing to do",
        "Olive green is the colour of our new blazers",
        pytest.param(
            "nothing except hope keeps me going",
            marks=pytest.mark.xfail(
                strict=True,
                reason="since the CRF learned from the development sets (eighth session), it reads hope "
                "after 'except' as a name (0.81)",
            ),
        ),
        "rich people who live in oadby dont get stopped",
        "Christmas day is the best day of the year",
        "Valentine's day at our school is so cringe",
        "will and grace is an old show my mum watches",
        "the summer from my class trip was the best",
        "i will and i can do it",
        "may from next year i want to do a levels",
        "glenfield and anstey are near us",
    ],
)
def test_the_same_words_as_words_stay(line: str) -> None:
    assert redact(line).text == line


def test_explain_names_the_learned_recogniser_and_its_confidence() -> None:
    found = explain("rose young from my street got excluded last week")
    assert any(
        f.recogniser.startswith("learned (CRF), ") and f.recogniser[-4:].replace(".", "").isdigit() for f in found
    )


@pytest.mark.parametrize(
    "line",
    [
        "nobody talks to me except ruby who sits next to me in science",
        "i sit with jade who is in year 9 and she helps me",
    ],
)
def test_a_name_the_labeller_reaches_and_the_close_labeller_reads_goes(line: str) -> None:
    """Expected failures of round 12, read since by the close labeller (the sentence says a person)."""
    assert "[name]" in redact(line).text


@pytest.mark.parametrize(
    "line",
    [
        "holly field is the nicest girl in our year",
        "daisy green was my best mate in year 7",
    ],
)
def test_a_name_the_labeller_reaches_but_does_not_read_goes(line: str) -> None:
    """Expected failures of round 12 (the CRF was not sure enough), read since the CRF was retrained on the
    development sets (fourteenth session)."""
    out = redact(line).text
    assert "[name]" in out and line.split()[0] not in out.split()  # the first name too, not only the surname
