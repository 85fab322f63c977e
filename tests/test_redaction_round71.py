"""#28 round 71 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): handles the way young people give them beyond "my snap is x": a gamertag with spaces in it after
"gamertag is" or "psn its" ("frozen wolf 771"), a handle spelt out with spaced dots ("kasia . b . 2011"), and after an
app's name with a Romanian ending ("snapul meu e ...", "tiktokul ei e ..."). An app said as an app, and what is said of
it, stays."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my xbox gamertag is frozen wolf 771 add me", ["frozen", "wolf", "771"]),
        ("add me on psn its dark knight 09 lol", ["dark", "knight", "09"]),
        ("my discord is silent storm 2210 dm me", ["silent", "storm", "2210"]),
        ("moj snap to kasia . b . 2011 napisz", ["kasia", "2011"]),
        ("snapul meu e dark.angel22 scrie-mi", ["dark.angel22"]),
        ("tiktokul ei e mara2011 si posteaza tot", ["mara2011"]),
        ("instagramul lui e bogdanrx7 si ma ameninta", ["bogdanrx7"]),
    ],
)
def test_the_handle_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[handle]" in out and not set(gone) & set(out.split()), out


@pytest.mark.parametrize(
    "line",
    [
        "my xbox is broken since 2023 and mum wont fix it",
        "my snap score is 120000 lol",
        "tiktokul e plin de prostii si reclame",
        "discord is where we talk after school most days",
        "my gamertag is so cringe i made it when i was 9",
        "snapchatul e blocat pe telefonul meu de la scoala",
        "the psn is down again . cant play . so annoying",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line
