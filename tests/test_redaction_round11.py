"""#28 round 11: what redaction does today by kind of line, with lines written for these tests (not taken from any
set). Names of every origin after the words that say a person are removed; capitalised apps, games, clubs, set
texts and sports stars stay, and so do helplines and words that are names too where they are words. The kinds
that round 11's retraining did not reach are stated as expected failures (strict: a fix must remove the mark)."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("my mate zhiwei got jumped by the shops", "zhiwei"),
        ("me and dilan went to the park after school", "dilan"),
        ("this girl called hodan keeps starting on me", "hodan"),
        ("i sat next to mihaela in science and she helped me", "mihaela"),
        ("my best friend jaskirat always has my back", "jaskirat"),
        ("theres a boy in my form called bartosz who gets picked on", "bartosz"),
        ("ivy from my class keeps copying off me", "ivy"),
        ("nobody talks to me except rowan who i game with", "rowan"),
    ],
)
def test_a_name_of_any_origin_where_the_words_say_a_person_goes(line: str, name: str) -> None:
    out = redact(line).text
    assert name not in out.lower()
    assert "[name]" in out


@pytest.mark.parametrize(
    "line",
    [
        "I play Minecraft and Roblox every night with my mates",
        "I joined Air Cadets last year and it's the best thing I do",
        "we read An Inspector Calls in English and it was alright",
        "Bukayo Saka is the best player in the league",
        "Duolingo keeps sending me notifications",
        "i got banned from Discord for a week",
        "patience is what my nan taught me",
        "call Childline on 0800 1111 if you need to talk",
    ],
)
def test_what_is_no_one_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    "line",
    [
        "Girlguiding is where I feel safe",  # stays since round 17 (groups for young people in not_people.txt)
        "Kirby and Pikachu are on my pencil case",  # stays since round 51 (two characters of games, data/works.txt)
    ],
)
def test_a_capitalised_group_or_character_starting_a_sentence_stays(line: str) -> None:
    assert redact(line).text == line


def test_an_everyday_word_that_is_a_name_before_and_another_name_goes() -> None:
    assert redact("will and kai keep taking my pens").text == "[name] and [name] keep taking my pens"
