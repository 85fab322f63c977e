"""#28 round 73 (twentieth session), after frozen28's measure (not blind), with lines written for these tests (not
taken from any set): a parent's place of work said in Somali ("wuxuu ka shaqeeyaa asda fosse park", he works at ...),
and a school after Romanian "la" (at) or "de la" (from) in a Romanian answer ("ma bate la moat"); a Romanian or Somali
answer about a place, a shop or a town with no one's work or school in it stays."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    ("line", "gone", "tag"),
    [
        ("aabahay wuxuu ka shaqeeyaa asda fosse park habeenkii", "asda", "[workplace]"),
        ("hooyaday waxay ka shaqaysaa tesco hamilton maalin walba", "tesco", "[workplace]"),
        ("adeerkay wuxuu ka shaqeeyaa the co-op on narborough road", "co-op", "[workplace]"),
        ("un baiat ma bate in fiecare zi la moat si nimeni nu face nimic", "moat", "[school]"),
        ("colegul meu de la judgemeadow mi-a furat telefonul", "judgemeadow", "[school]"),
        ("sora mea invata la soar valley si e fericita", "soar", "[school]"),
    ],
)
def test_the_detail_goes(line: str, gone: str, tag: str) -> None:
    out = redact(line).text
    assert tag in out and gone not in out.split(), out


@pytest.mark.parametrize(
    "line",
    [
        "mergem la fosse park sambata cu mama",
        "am fost la highcross si era foarte aglomerat",
        "suuqa asda waa jaban yahay marka loo eego tesco",
        "waxaan tagnay fosse park maalinta sabtida",
        "la multi ani mama te iubesc",
        "shaqo ma jirto magaaladan waa adag tahay",
    ],
)
def test_the_words_stay(line: str) -> None:
    assert redact(line).text == line
