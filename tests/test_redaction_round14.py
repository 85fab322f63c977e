"""#28 round 14 (tenth session): names in the shapes young people give them, with lines written for these tests (not
taken from any set): a name given as one's own ("im destiny i go to ...", "hi i'm mark, 15", "his name was jay"),
and a name that is an everyday word or a Urdu "and" away from a name found ("kal sana aur aisha", "my carers jan and
pete"). The same shapes stay where they are no names."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("im destiny i go to rawlins and i hate it", "destiny"),
        ("hi i'm mark, 15, from hinckley", "mark"),
        ("im summer and im in year 8", "summer"),
        ("hey im grace i want more clubs", "grace"),
        ("i am joy, i am 13", "joy"),
        ("he said his name was jay and he was 16", "jay"),
        ("her name was hope and she lived near me", "hope"),
        ("kal sana aur aisha ke saath town gaye the", "sana"),
        ("my foster carers are amber and pete", "amber"),
        ("yaar sana aur bilal bohat ache dost hain", "sana"),
    ],
)
def test_a_name_given_or_beside_a_name_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split() and gone not in out.replace(",", " ").split(), out


@pytest.mark.parametrize(
    "line",
    [
        "im happy and im in year 8",
        "im frank about how i feel sometimes",
        "im summer born so im the youngest in my year",
        "hi im fine thanks",
        "the name was on the board",
        "i like chips and grace at assembly",
        "im will power itself lol",
    ],
)
def test_the_same_shapes_without_a_name_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("aisha and summer holidays are the best", "summer holidays"),
        ("i told aisha and summer camp said no", "summer camp"),
    ],
)
def test_an_everyday_word_beside_a_name_that_is_no_name_stays(line: str, kept: str) -> None:
    out = redact(line).text
    assert "[name]" in out and kept in out, out


# Schools named after their village or area, with a cue that says school (written before the code).
@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("im in year 10 at groby and its ok", "groby"),
        ("i go ibstock and theres nothing to do after", "ibstock"),
        ("my skl is beaumont leys and its rubbish", "beaumont leys"),
        ("skl is hamilton and the teachers shout", "hamilton"),
        ("i got into cedars instead of my first choice", "cedars"),
        ("main hamilton mein parhti hun aur mujhe bully karte hain", "hamilton"),
        ("meri behan moat mein padhti hai", "moat"),
        ("she goes market bosworth and her bf hits her", "market bosworth"),
    ],
)
def test_a_school_named_after_its_place_goes_with_a_school_cue(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out and "[school]" in out, out


@pytest.mark.parametrize(
    "line",
    [
        "we live in groby near the park",
        "ibstock is a village with nothing to do",
        "there is a new cafe in market bosworth",
        "my nan lives in hamilton, its quiet",
        "i got into trouble at the park",
        "main ghar mein parhti hun",
    ],
)
def test_the_same_places_without_a_school_cue_stay(line: str) -> None:
    assert redact(line).text == line


# "father" as a priest's title ("father tony at church"), not a father.
@pytest.mark.parametrize(
    ("line", "gone"),
    [("father tony at church is the only adult i trust", "tony"), ("i told father dominic at mass", "dominic")],
)
def test_a_priests_name_after_father_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split(), out


@pytest.mark.parametrize(
    "line", ["my father works nights", "father christmas came to school", "father's day is sunday"]
)
def test_father_without_a_name_stays(line: str) -> None:
    assert redact(line).text == line


# An everyday word that is a name, starting a sentence before what only a person does to a young person.
@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("rose smokes behind the sports hall every break", "rose"),
        ("summer sells vapes to year 7s", "summer"),
        ("faith blocked me on snap after i told her", "faith"),
    ],
)
def test_an_everyday_name_before_what_a_person_does_goes(line: str, gone: str) -> None:
    assert gone not in redact(line).text.split()


@pytest.mark.parametrize(
    "line", ["hope lives on in all of us", "summer is nearly here", "grace before meals at school"]
)
def test_an_everyday_word_before_no_such_verb_stays(line: str) -> None:
    assert redact(line).text == line


# A date with no word for a birth before it, in a year nobody who answers was born in (results day, an appointment,
# a party), is no date of birth; one in a birth year, or after "born" or "dob", still goes.
@pytest.mark.parametrize(
    "line",
    ["results day is 21/08/2025 and im scared", "my camhs appointment is on 12/03/2026", "the party is 3.4.2027"],
)
def test_a_date_in_a_year_after_any_birth_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("14/06/2010 is when i was born", "14/06/2010"),
        ("my sister was born 12/03/2019", "12/03/2019"),
        ("dob 01/02/2008", "01/02/2008"),
        ("03.04.09 thats me", "03.04.09"),
    ],
)
def test_a_date_in_a_birth_year_or_after_a_birth_word_goes(line: str, gone: str) -> None:
    assert gone not in redact(line).text
