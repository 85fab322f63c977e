"""#28 round 56 (eighteenth session), with lines written for these tests (not taken from any set): everyday Gujarati
and Punjabi as young people type them in Latin letters stay ("mane school ma bahu dar lage che", "mainu ghar ch
shanti nahi mildi"), and a name in such a line still goes ("mari ben priya ne ..."); care words that are names
somewhere stay ("my iro never calls back"); a king or queen with their number is history ("king henry viii")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "mane school ma bahu dar lage che pan koi ne kahevanu nathi",
        "mummy kahe che ke bhanvanu saru che pan maru mann nathi lagtu",
        "mainu ghar ch shanti nahi mildi, papa roz gussa karde ne",
        "sat sri akal ji, gurdwara ja ke mann nu sukoon milda hai",
        "ghare badha jhagda kare che ane hu room ma besi rahu chu",
        "my iro never calls me back and i have my review next week",
        "we learnt about king henry viii and his six wives",
        "queen elizabeth ii was on all the old money",
    ],
)
def test_everyday_gujarati_punjabi_and_history_stay(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("mari ben priya ne school ma koi mitra nathi ane e roj rade che", "priya"),
        ("mera veer gurpreet nu police ne pharh leya si kal raat", "gurpreet"),
        ("maro bhai rohan mane maare che jyare mummy ghare nathi", "rohan"),
    ],
)
def test_a_name_in_gujarati_or_punjabi_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
