"""#28's eighth round, through `voice redact` (line in, line out) as others run it, and explain(): a street with no
house number where the words say someone lives or stays on it, a village no list has after an address, a house
number after the street (as Polish writes it); a street named as a place stays. These are kinds, with names and
lines of their own, not lines of any evaluation set."""

from __future__ import annotations

from tests.conftest import redaction_round
from voice.reading.redact import explain

GO = [
    # a street with no number, where someone lives or stays
    (
        "my gran lives on wycombe road so i go there after school",
        "my gran lives on [address] so i go there after school",
    ),
    ("we got rehoused in a flat on loughborough road last year", "we got rehoused in a flat on [address] last year"),
    ("im staying with my dads mate on catherine street for now", "im staying with my dads mate on [address] for now"),
    (
        "someone smashed the window of our house on evington lane",
        "someone smashed the window of our house on [address]",
    ),
    ("she lives two doors down from my cousin on beaumont way", "she lives two doors down from my cousin on [address]"),
    ("mieszkamy na ulicy st stephens road 14 od roku", "mieszkamy na ulicy [address] od roku"),
    # what someone's house is on, and no house number in "3 times a week" (round 5 kept this line whole: its street
    # was no address then)
    (
        "my house is on london road 3 times a week i walk past it",
        "my house is on [address] 3 times a week i walk past it",
    ),
    # a set text's character who is someone the young person knows
    ("my mate george lent me his copy of of mice and men", "my mate [name] lent me his copy of of mice and men"),
    ("jack and sam keep pushing me in the corridor", "[name] and [name] keep pushing me in the corridor"),
    # a place of work with the part of the site after it
    ("my nan is a cleaner at leicester general in the maternity unit", "my nan is a cleaner at [workplace]"),
    ("my stepdad works at the royal mail depot in oadby", "my stepdad works at [workplace]"),
    ("my dad works at the lidl in syston", "my dad works at [workplace]"),
    # a school named like its area, in a list of details like an ID card, or after "my old school"
    ("kayden / 10B / rushey mead / im fine mostly", "[name] / [form group] / [school] / im fine mostly"),
    ("amira, 14/02/2010, moat, year 10", "[name], [date of birth], [school], year 10"),
    ("i miss my old school rushey so much", "i miss my old school [school] so much"),
    # a village no list has, after an address
    ("i live at 3 orchard close, swinford and its boring", "i live at [address] and its boring"),
]

STAY = [
    "the traffic on narborough road makes me late every day",
    "staying safe on london road at night is hard",
    "i love living in the city because granby street has everything",
    "there are loads of big houses on london road but i dont know anyone there",
    "we walked down belgrave road to see the lights",
    "i live in rushey mead and its alright",
    # a chain with no site, street or town names no one's place of work
    "my mum does nights at aldi and sleeps all day",
    "my brother got a job at greggs",
    # characters of set texts, with their book or another of its characters
    "in An Inspector Calls Gerald lies about Daisy Renton and Sheila sees through him",
    "Ralph and Piggy are the only ones with any sense",
    "Mickey and Eddie end up hating each other in Blood Brothers",
    "i think atticus is the best dad in to kill a mockingbird",
]


went, test_voice_redact_takes_these_details, test_voice_redact_leaves_these_lines_as_written = redaction_round(GO, STAY)


def test_a_street_where_someone_lives_is_explained() -> None:
    (found,) = explain("the police came to our house on wycombe road")
    assert (found.kind, found.recogniser) == ("address", "street where someone lives or stays")
