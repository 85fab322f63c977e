"""#28 round 53 (eighteenth session), with lines written for these tests (not taken from any set): where someone
lives, said in Somali ("waxay ku nooshahay ...", "waxaan ku nool nahay ...") or Romanian ("stau pe ... la numarul
12", "locuim pe ..."), with the house number after the street as those languages put it; and a home on a corner
("she lives on the corner of fosse road and the rec"). A street named as a place in those languages still stays
("bas-ka 14 wuxuu maraa narborough road", "magazinul de pe narborough road")."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("habaryarey waxay ku nooshahay harrison road 41, gurigeeda waan jeclahay", ["harrison", "41"]),
        ("waxaan ku nool nahay gipsy lane 7 hooyadey iyo walaalahay", ["gipsy", "7"]),
        ("eu si mama stau pe st stephens road la numarul 12 si tata ne bate", ["stephens", "12"]),
        ("locuim pe mere road nr 58 de doi ani", ["mere", "58"]),
        ("my cousin lives on the corner of ashford road and the rec, the house with the trampoline", ["ashford"]),
    ],
)
def test_a_home_in_somali_romanian_or_on_a_corner_goes(line: str, gone: list[str]) -> None:
    out = redact(line).text
    assert "[address]" in out and not any(g in out.split() or g + "," in out.split() for g in gone), out


@pytest.mark.parametrize(
    "line",
    [
        "bas-ka 14 wuxuu maraa narborough road subax walba",
        "magazinul de pe narborough road are mancare romaneasca",
        "there was a fight on the corner of london road by the station",
        "stau acasa toata ziua si ma plictisesc",
    ],
)
def test_a_street_as_a_place_stays(line: str) -> None:
    assert redact(line).text == line
