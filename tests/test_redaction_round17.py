"""#28 round 17 (twelfth session), with lines written for these tests (not taken from any set).

Kinds, from what frozen14 (measured at its start and end, a development set since) missed or changed, written here in
new lines:
- a name given as one's own in Roman Urdu ("main zara hoon"), after a Polish word for family ("mój tata krzysiek"),
  with an age after it ("destiny is 13 and ..."), or a nickname from a form group ("fizz from 10x3 ...");
- kept: a book or film just read or watched ("i read matilda", "we watched moana"), a public figure said to be the best
  or a favourite rapper, singer or footballer ("dave is my favourite rapper"), groups for young people ("girlguiding").
Each with lines where the same shape is a person and must go."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("main zara hoon aur mujhe madad chahiye", "zara"),
        ("salam main sana hoon, 14 saal ki", "sana"),
        ("mój tata krzysiek pije i krzyczy na mamę", "krzysiek"),
        ("moja mama gosia nie wie co się dzieje", "gosia"),
        ("destiny is 13 and goes out with older lads", "destiny"),
        ("summer was 12 when he started messaging her", "summer"),
        ("fizz from 10x3 keeps sending me stuff", "fizz"),
        ("i watched jake get beaten up behind the shops", "jake"),
        ("i read chloe's messages and she was talking about me", "chloe's"),
        ("jay is my favourite person in my form", "jay"),
    ],
)
def test_a_name_the_words_around_make_a_persons_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "main theek hoon bas thaka hua",
        "main khush hoon yahan",
        "summer is 10 weeks away",
        "may is 31 days long",
        "i read matilda when i was little and loved it",
        "we watched moana at the youth club on friday",
        "reading harry potter helps me sleep",
        "dave is my favourite rapper",
        "stormzy is the best uk rapper",
        "girlguiding helped me make friends",
        "scouts and cadets are free round here",
    ],
)
def test_titles_figures_and_groups_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    "line",
    [
        "mój ojczym nadal bije mamę i mnie",
        "tata pije i krzyczy",
        "mama czeka na mnie po szkole",
        "jack young is the best striker in our league",
        "abdi warsame is my fave footballer in our year",
    ],
)
def test_words_after_a_polish_word_for_family_and_local_players_are_not_kept_or_taken_wrongly(line: str) -> None:
    """A verb after "tata" or "ojczym" is no name (the development answers' "Mój ojczym nadal bije mamę i mnie"); a
    player "in our league" is someone the young person knows, and goes."""
    out = redact(line).text
    if "league" in line or "year" in line:
        assert out.startswith("[name]"), out
    else:
        assert out == line, out
