"""#28 round 52 (eighteenth session), with lines written for these tests (not taken from any set): Polish names in
Polish answers. "Wiktoria" is one of the commonest Polish girls' names, not an everyday word; the Polish "i" is
"and" ("kasia i ja"); a name after the Polish words for family and friends as they change with the sentence
("mojej siostry", "kolezanki", "brata"). Everyday Polish words that are names somewhere still stay ("oni maja
problem", "czuje sie sam")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("wiktoria nie chodzi do szkoly bo jej tata ja bije", "wiktoria"),
        ("mama pracuje do nocy i kasia i ja jestesmy same w domu", "kasia"),
        ("moja kolezanka zuzia ma siniaki na rekach i mowi ze spadla", "zuzia"),
        ("brat mojej kolezanki kacper pisze do mnie w nocy", "kacper"),
        ("chlopak mojej siostry dawid ja popycha", "dawid"),
    ],
)
def test_a_polish_name_in_a_polish_answer_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "oni maja problem z nauczycielem i nikt nie pomaga",
        "czuje sie sam w domu i nikt nie pyta",
        "moja siostra nie ma telefonu i mama sie martwi",
        "brat ma urodziny w sobote i bedzie tort",
        "mojej siostry nikt nie slucha w szkole",
    ],
)
def test_everyday_polish_stays(line: str) -> None:
    assert redact(line).text == line
