"""Behavioural tests of the reader, in the manner of CheckList (Ribeiro et al., 2020): what it must do
with the kinds of answer young people send, whatever its figures on a labelled split.

- *everyday*: ordinary answers (short ones, hobbies, routines, family, school, requests, praise, jokes,
  slang, emoji, identity said in passing) stay out of both of the lead's lists;
- *invariance*: one everyday sentence shape filled with each term of a kind (places of worship, faiths,
  ethnicities, nationalities, languages, sexual orientations, gender identities, disabilities, care
  status, activities, family members): the outcome must not change with the term, and none may reach
  the lists;
- *direction*: a disclosure added to an everyday answer puts it in front of the lead; "that was years
  ago and i'm fine now" added to one does not raise it;
- *negation and distance*: "nobody hurts me at home", knife crime talked about in general, campaigning,
  a story on TV stay out;
- *disclosures*: first-person, indirect, past, misspelt, buried and about a friend at risk now are in
  front of the lead, and those in Polish and Urdu (script or Latin letters) are flags with the phrase.

The cases live in `tests/data/behaviour/` (see its README): written by hand before the reader was
changed, never trained on. `voice eval --behaviour` and the test suite read them with this module.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import msgspec

from voice.common.settings import REPO_DIR
from voice.reading.evaluation import Labelled, read_all, tier_of
from voice.reading.themes import AnswerReader

SUITE = REPO_DIR / "tests" / "data" / "behaviour"
RANK = {"none": 0, "look": 1, "person": 1, "flag": 2}
"""How far in front of the lead a tier puts an answer ("person" and "look" are both a second list)."""


class Shape(msgspec.Struct, frozen=True):
    id: str
    template: str
    kinds: list[str]


class Invariance(msgspec.Struct, frozen=True):
    terms: dict[str, list[str]]
    shapes: list[Shape]


class Case(msgspec.Struct, frozen=True):
    id: str
    text: str
    kind: str = ""
    category: str | None = None
    style: str = ""
    lang: str = ""
    expect: str = ""
    base: str = ""
    added: str = ""


def _lines(path: Path) -> list[Case]:
    return [
        msgspec.json.decode(line, type=Case) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def all_texts(folder: Path = SUITE) -> list[str]:
    """Every answer the behavioural tests read (bases of the direction tests and filled shapes too)."""
    found: list[str] = []
    for path in sorted(folder.glob("*.jsonl")):
        for case in _lines(path):
            found += [case.text] + ([case.base] if case.base else [])
    if (folder / "invariance.json").exists():
        found += [r[3] for r in filled(msgspec.json.decode((folder / "invariance.json").read_bytes(), type=Invariance))]
    return found


def filled(invariance: Invariance) -> list[tuple[str, str, str, str]]:
    """(shape id, term kind, term, sentence) for every shape and every term of every kind it takes."""
    return [
        (shape.id, kind, term, shape.template.replace("{term}", term))
        for shape in invariance.shapes
        for kind in shape.kinds
        for term in invariance.terms.get(kind, [])
    ]


def _tiers(texts: list[str], answer_reader: AnswerReader) -> list[str]:
    return [tier_of(flags) for _, flags in read_all([Labelled(t) for t in texts], answer_reader)]


def _share(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 0.0


def _quiet(cases: list[Case], tiers: list[str]) -> dict[str, Any]:
    """How many of these answers, none a disclosure, reach the lead (either list, and as flags)."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for case, tier in zip(cases, tiers, strict=True):
        by_kind[case.kind or "-"].append(tier)
    return {
        "n": len(tiers),
        "shown": _share([t != "none" for t in tiers]),
        "flags": _share([t == "flag" for t in tiers]),
        "shown_by_kind": {k: _share([t != "none" for t in ts]) for k, ts in sorted(by_kind.items())},
        "examples_shown": [c.text for c, t in zip(cases, tiers, strict=True) if t != "none"][:10],
    }


def run(answer_reader: AnswerReader, folder: Path = SUITE) -> dict[str, Any]:
    """Every behavioural test in `folder`, read by `answer_reader`: the figures, and some failing examples."""
    found: dict[str, Any] = {}
    for name in ("everyday", "negation"):
        if (folder / f"{name}.jsonl").exists():
            cases = _lines(folder / f"{name}.jsonl")
            found[name] = _quiet(cases, _tiers([c.text for c in cases], answer_reader))
    if (folder / "invariance.json").exists():
        invariance = msgspec.json.decode((folder / "invariance.json").read_bytes(), type=Invariance)
        rows = filled(invariance)
        tiers = _tiers([r[3] for r in rows], answer_reader)
        outcomes: dict[tuple[str, str], set[str]] = defaultdict(set)
        for (shape, kind, _, _), tier in zip(rows, tiers, strict=True):
            outcomes[shape, kind].add(tier)
        changing = sorted({shape for (shape, _), seen in outcomes.items() if len(seen) > 1})
        found["invariance"] = {
            "n": len(rows),
            "shapes": len(invariance.shapes),
            "shown": _share([t != "none" for t in tiers]),
            "flags": _share([t == "flag" for t in tiers]),
            "shapes_changing": len(changing),
            "changing": changing,
            "shown_by_kind": {
                k: _share([t != "none" for r, t in zip(rows, tiers, strict=True) if r[1] == k])
                for k in sorted(invariance.terms)
            },
            "examples_shown": [r[3] for r, t in zip(rows, tiers, strict=True) if t != "none"][:10],
        }
    if (folder / "direction.jsonl").exists():
        cases = _lines(folder / "direction.jsonl")
        after = _tiers([c.text for c in cases], answer_reader)
        before = _tiers([c.base for c in cases], answer_reader)
        passed = [
            (t != "none") if c.expect == "shown" else RANK[t] <= RANK[b]
            for c, t, b in zip(cases, after, before, strict=True)
        ]
        by_expect = {
            e: _share([p for c, p in zip(cases, passed, strict=True) if c.expect == e])
            for e in sorted({c.expect for c in cases})
        }
        found["direction"] = {
            "n": len(cases),
            "passed": _share(passed),
            "by_expect": by_expect,
            "examples_failed": [c.text for c, p in zip(cases, passed, strict=True) if not p][:10],
        }
    if (folder / "disclosures.jsonl").exists():
        cases = _lines(folder / "disclosures.jsonl")
        tiers = _tiers([c.text for c in cases], answer_reader)
        styles = Counter(c.style for c in cases)
        found["disclosures"] = {
            "n": len(cases),
            "recall": _share([t != "none" for t in tiers]),
            "flags_recall": _share([t == "flag" for t in tiers]),
            "recall_by_style": {
                s: _share([t != "none" for c, t in zip(cases, tiers, strict=True) if c.style == s])
                for s in sorted(styles)
            },
            "recall_by_category": {
                k: _share([t != "none" for c, t in zip(cases, tiers, strict=True) if c.category == k])
                for k in sorted({c.category or "-" for c in cases})
            },
            "examples_missed": [c.text for c, t in zip(cases, tiers, strict=True) if t == "none"][:10],
        }
    if (folder / "other_languages.jsonl").exists():
        cases = _lines(folder / "other_languages.jsonl")
        read = read_all([Labelled(c.text) for c in cases], answer_reader)
        harm = [any(f.tier == "flag" for f in flags) for _, flags in read]
        disclosures = [h for c, h in zip(cases, harm, strict=True) if c.expect == "flag"]
        everyday = [h for c, h in zip(cases, harm, strict=True) if c.expect != "flag"]
        found["other_languages"] = {
            "n": len(cases),
            "disclosures_flagged": _share(disclosures),
            "everyday_flagged": _share(everyday),
            "by_lang": {
                lang: _share([h for c, h in zip(cases, harm, strict=True) if c.lang == lang and c.expect == "flag"])
                for lang in sorted({c.lang for c in cases})
            },
            "examples_missed": [c.text for c, h in zip(cases, harm, strict=True) if c.expect == "flag" and not h][:10],
        }
    return found


def summary(found: dict[str, Any]) -> dict[str, float]:
    """The figures the reader is held to, flat (as in the model card)."""
    flat: dict[str, float] = {}
    for name in ("everyday", "negation", "invariance"):
        if name in found:
            flat[f"{name}.shown"] = found[name]["shown"]
            flat[f"{name}.flags"] = found[name]["flags"]
    if "invariance" in found:
        flat["invariance.shapes_changing"] = found["invariance"]["shapes_changing"]
    if "direction" in found:
        flat["direction.passed"] = found["direction"]["passed"]
    if "disclosures" in found:
        flat["disclosures.recall"] = found["disclosures"]["recall"]
        flat["disclosures.flags_recall"] = found["disclosures"]["flags_recall"]
    if "other_languages" in found:
        flat["other_languages.disclosures_flagged"] = found["other_languages"]["disclosures_flagged"]
    return flat
