"""#28 round 60 (nineteenth session), with lines written for these tests (not taken from any set): a parent's place
of work in Romanian ("lucreaza la fabrica de paine din wigston"); a title before a Polish word that is no surname
("pani z poradni", the lady from the clinic); "big" before "i" as a word, not a nickname ("the school is so big i got
lost"); a word of love after "her little" ("her little princess"); names that are everyday words of Gujarati, Punjabi
and Urdu in answers in those languages ("mane kai samajh nathi", "main ki karan", "aram se"). Each kind's names
where a person stands still go."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone", "tag"),
    [
        ("tata lucreaza la fabrica de paine din wigston si vine tarziu", ["wigston", "paine"], "[workplace]"),
        ("mama lucreaza la depozitul amazon din coalville noaptea", ["amazon", "coalville"], "[workplace]"),
        ("fratele meu lucreaza la spalatoria de pe melton road de doi ani", ["spalatoria", "melton"], "[workplace]"),
        (
            "unchiul meu lucreaza la restaurantul de pe london road si ma bate",
            ["restaurantul", "london"],
            "[workplace]",
        ),
        ("pani kowalska z poradni byla mila", ["kowalska"], "[name]"),
        ("big t from my estate keeps messaging me", ["t"], "[name]"),
        ("my sister angel got hurt at school", ["angel"], "[name]"),
        ("kai from my class pushed me down the stairs", ["kai"], "[name]"),
        ("mera dost karan mujhe marta hai", ["karan"], "[name]"),
        ("my cousin aram keeps asking me to hold stuff", ["aram"], "[name]"),
    ],
)
def test_a_detail_goes(line: str, gone: list[str], tag: str) -> None:
    out = redact(line).text
    assert tag in out and not any(g in out.replace(",", " ").split() for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "mama lucreaza la scoala si e obosita",
        "ma duc la magazinul din colt dupa scoala",
        "tata lucreaza mult si vine acasa nervos",
        "dziekuje za pomoc, pani z poradni byla bardzo mila",
        "pan z biura nic nie pomogl",
        "pani w szkole krzyczy na mnie codziennie",
        "the school is so big i got lost on the first day",
        "it was too big i couldnt carry it home",
        "my nan calls me her little angel but i dont feel like one",
        "mum calls me her little princess when shes in a good mood",
        "dad says im his little star even when i mess up",
        "mane kai samajh nathi padti, ghar ma bau jhagda thay chhe",
        "mainu samajh nahi aaundi ki main ki karan, sab kuch gadbad hai",
        "aram se baat karo yaar, sab theek ho jayega",
    ],
)
def test_the_same_words_as_words_stay(line: str) -> None:
    assert redact(line).text == line
