"""#28 round 102 (twenty-third session): a National Insurance number said to be one goes even where its two letters
are a pair HMRC never gives ("TN", "GB", "ZZ"): a young person types an invented or misremembered one, and it is theirs
to keep private all the same. And a gamertag of several words after a console's or game's name ("gamertag is xX
NightFox LE Xx", "xbox gamertag Lord Tugga", "fortnite TTV zizzle") goes whole, up to "and", "but", "add" or the end;
an app's name before everyday words stays ("i play fortnite every day"). Lines written for these tests, not taken from
any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("my ni number is TN 61 38 02 C can someone check it", "TN"),
        ("she sent her national insurance TN 613802 C to a man for a job", "613802"),
        ("my ps5 gamertag is xX NightFox LE Xx but dont tell my mum", "NightFox"),
        ("my ps5 gamertag is xX NightFox LE Xx but dont tell my mum", "LE"),
        ("xbox gamertag Lord Tugga add me for fifa", "Lord"),
        ("add my fortnite TTV zizzle and i will carry u", "zizzle"),
        ("my roblox is PinkPanda_2011 add me", "PinkPanda_2011"),
    ],
)
def test_the_detail_goes_whole(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "i play fortnite every day after school",
        "my xbox is broken so i cant play",
        "fortnite Battle Royale is better than warzone",
        "my gamertag is the same as my snap",
        "ring the GB 12 34 56 line",
    ],
)
def test_everyday_words_stay(line: str) -> None:
    assert redact(line).text == line
