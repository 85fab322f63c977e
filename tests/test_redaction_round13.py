"""#28 round 13: the number kinds and addresses in the shapes young people write them, with lines written for
these tests (not taken from any set): a form group in its other notations ("in 10K", "group 12.4", "9C/Ma", "w 8
Curie"), a date of birth with its year in words or as six digits after its cue, an address written as a letter is
("22 the green, great glen"; a street, a comma and its town; a house number in words before a postcode) and a block
of flats named after a living word. The same shapes stay where they are not details."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("the lads in 10K keep filming people in the toilets", "10K"),
        ("shes in 9M with me and she never eats lunch", "9M"),
        ("our tutor group 12.4 is the only place i feel ok", "12.4"),
        ("we sit at the back in 8.3 and nobody notices us", "8.3"),
        ("i moved from form 11RD because of the bullying", "11RD"),
        ("my form 10 KB has a new tutor", "10 KB"),
        ("last year i was in 9C/Ma and it was awful", "9C/Ma"),
        ("jestem w 8 Curie i nikt ze mną nie rozmawia", "8 Curie"),
    ],
)
def test_a_form_group_in_another_notation_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out and "[form group]" in out


@pytest.mark.parametrize(
    "line",
    [
        "i ran a 10K for the hospice and raised £200",
        "she got 10K followers in a week",
        "he finished in 9.4 seconds on sports day",
        "year 9 is harder than year 8",
        "i got 8.5 out of 10 on the test",
        "we came 3rd in 10K race at the park",
    ],
)
def test_the_same_shapes_that_are_no_form_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my birthday is the twelfth of may two thousand and eleven", "two thousand and eleven"),
        ("born on the third of october twenty twelve", "twenty twelve"),
        ("dob 140611 if you need it", "140611"),
        ("my d.o.b is 09022010", "09022010"),
    ],
)
def test_a_date_of_birth_with_its_year_in_words_or_as_digits_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out and "[date of birth]" in out


@pytest.mark.parametrize(
    "line",
    [
        "two thousand and eleven people signed the petition",
        "i waited 140611 years for a reply lol",
        "the twelfth of may is when exams start",
    ],
)
def test_years_and_numbers_that_are_no_birth_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("[name], 14 the paddocks, anstey, someone keeps leaving notes on our car", "14 the paddocks"),
        ("my mate lives at 7 the lawns, sileby and her step dad is scary", "7 the lawns"),
        ("the lights on gorse hill road, anstey have been out for months", "gorse hill road"),
        ("im from grange road, wigston and there is nothing to do", "grange road"),
        ("twelve beacon road, loughborough is where i go at weekends", "twelve beacon road"),
        ("post it to forty one chapel street LE9 6AB please", "forty one chapel street"),
        ("we live in a flat at maxfield house and the lift never works", "maxfield house"),
        ("i used to live at clipstone house before we got moved", "clipstone house"),
    ],
)
def test_an_address_written_as_on_a_letter_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out and "[address]" in out


@pytest.mark.parametrize(
    "line",
    [
        "there are loads of shops on narborough road and its busy",
        "i have 2 brothers, wigston is boring for them",
        "i live in a big house with my nan",
        "i live at my dads house at weekends",
        "we live in a house with a garden now",
        "three people from anstey came to the group",
        "i live in wigston, its ok",
    ],
)
def test_places_that_are_not_someones_address_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my dads a porter at the warehouse at meridian so he is never home", "meridian"),
        ("my mums a cleaner at the aldi on hinckley road", "hinckley road"),
        ("my nan cooks at the mandir on belgrave road every saturday", "belgrave road"),
        ("my uncle does deliveries for the chippy in anstey", "anstey"),
    ],
)
def test_a_place_of_work_after_a_job_or_its_work_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out and "[workplace]" in out


@pytest.mark.parametrize(
    "line",
    [
        "my mum cooks at home most nights",
        "security at the bus station is rubbish",
        "my dads a legend at fifa in the evenings",
        "i want to cook at a restaurant in london one day",
    ],
)
def test_cooking_and_jobs_that_name_no_place_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("the van that follows us is a white one, KX 19 PLM", "KX 19 PLM"),
        ("[name] from 9c keeps pushing me on the stairs", "9c"),
        ("my tutor group 11/2 is loud but i like it", "11/2"),
        ("[name] in 8/1 at [school] says her dad hits her", "8/1"),
        ("she lives in flat 7, block c, saffron estate with her uncle", "saffron estate"),
        ("he lives at flat 3, wolsey house, abbey street now", "abbey street"),
        ("my auntie lives at the white cottage, church lane, cosby and i stay there", "white cottage"),
        ("post it to 12 station road, kibworth harcourt please", "kibworth harcourt"),
    ],
)
def test_the_ninth_sessions_kinds_go(line: str, gone: str) -> None:
    """Kinds from frozen11, read after its measure, in lines written for this test."""
    out = redact(line).text
    assert gone not in out, out


@pytest.mark.parametrize(
    "line",
    [
        "im 14 and in year 9 and i hate it",
        "my cat is called pickle and she sleeps on my bed",
        "my dog's name is teddy",
        "mama mea lucreaza mult si sunt singur acasa",  # Romanian: "my mum works a lot and I am home alone"
        "i came 2nd in 7/8 of the races",
        "from 8am till 4 we are stuck in school",
        "my nans house, the one with the red door, is the best",
    ],
)
def test_the_ninth_sessions_lines_that_are_no_detail_stay(line: str) -> None:
    assert redact(line).text == line
