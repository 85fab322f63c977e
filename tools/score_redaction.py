"""Score redaction on voice's own labelled lines (tests/data/redaction/labelled.txt, where each personal
detail is marked {kind:words}, and ordinary.txt, lines that must not change).

For each kind of detail: the share removed (a detail counts as removed when none of its words or
numbers is left in the output, beyond those that also occur outside the details in the same line). For
lines with no detail: the share changed at all. For lines with details: the share of the words outside
the details that were lost (over-redaction).

    .venv/bin/python tools/score_redaction.py                  # the code in this checkout
    .venv/bin/python tools/score_redaction.py --before REV     # and the code at REV, side by side
    .venv/bin/python tools/score_redaction.py --misses         # also each line that was scored wrong
    .venv/bin/python tools/score_redaction.py --frozen         # the frozen set of #28 (frozen/), figures only
    .venv/bin/python tools/score_redaction.py --dev --misses   # #28's development set (dev/), for tuning
    .venv/bin/python tools/score_redaction.py --dev2 --misses  # #28's second development set (dev2/), for tuning
    .venv/bin/python tools/score_redaction.py --dev3 --misses  # #28's third development set (dev3/, round 4), for tuning
    .venv/bin/python tools/score_redaction.py --dev3b          # round 4's check, written after its tuning (dev3b/)
    .venv/bin/python tools/score_redaction.py --dev5 --misses  # round 5's development set (dev5/), for tuning
    .venv/bin/python tools/score_redaction.py --held           # lines held aside (held/), figures only
    .venv/bin/python tools/score_redaction.py --frozen2        # the second frozen set (frozen2/, written blind), figures only
    .venv/bin/python tools/score_redaction.py --frozen4 --misses  # the fourth (frozen4/, blind before round 5; development since round 6)
    .venv/bin/python tools/score_redaction.py --frozen3 --misses  # the third (frozen3/, blind before round 4; development since round 5)
    .venv/bin/python tools/score_redaction.py --frozen5 --misses  # the fifth (frozen5/, blind before round 6 was measured; development since round 7)
    .venv/bin/python tools/score_redaction.py --frozen6 --misses  # the sixth (frozen6/, blind before rounds 7-8 were measured; development since round 9)
    .venv/bin/python tools/score_redaction.py --frozen7 --misses  # the seventh (frozen7/, blind before round 9 was measured; development since round 10)
    .venv/bin/python tools/score_redaction.py --frozen8 --misses  # the eighth (frozen8/, blind before round 10; development since round 11)
    .venv/bin/python tools/score_redaction.py --frozen9 --misses  # the ninth (frozen9/, blind before rounds 11-12; development since)
    .venv/bin/python tools/score_redaction.py --frozen10 --before REV  # the tenth (frozen10/, blind before the close labeller; development since)
    .venv/bin/python tools/score_redaction.py --frozen11 --before REV  # the eleventh (frozen11/, a development set since)
    .venv/bin/python tools/score_redaction.py --frozen13 --misses  # the thirteenth (frozen13/, a development set since)
    .venv/bin/python tools/score_redaction.py --frozen14 --misses  # the fourteenth (frozen14/, a development set since)
    .venv/bin/python tools/score_redaction.py --frozen15 --misses  # the fifteenth (frozen15/, a development set since)
    .venv/bin/python tools/score_redaction.py --frozen16 --misses  # the sixteenth (frozen16/, a development set since)
    .venv/bin/python tools/score_redaction.py --frozen17 --misses  # the seventeenth (frozen17/, a development set since)
    .venv/bin/python tools/score_redaction.py --frozen18 --misses  # the eighteenth (frozen18/, a development set since)
    .venv/bin/python tools/score_redaction.py --frozen19 --before REV  # the nineteenth (frozen19/, development since)
    .venv/bin/python tools/score_redaction.py --frozen20 --before REV  # the twentieth (frozen20/, development since)
    .venv/bin/python tools/score_redaction.py --frozen21 --before REV  # the twenty-first (frozen21/, development since)
    .venv/bin/python tools/score_redaction.py --frozen22 --misses  # the twenty-second (frozen22/, development since its measure)
    .venv/bin/python tools/score_redaction.py --frozen23 --before REV  # the twenty-third (frozen23/, development since its measure)
    .venv/bin/python tools/score_redaction.py --dev6 --misses     # the sixth development set (dev6/, fifteenth session)
    .venv/bin/python tools/score_redaction.py --dev7 --misses     # the seventh (dev7/, where people live, sixteenth)
    .venv/bin/python tools/score_redaction.py --frozen24 --before REV  # the twenty-fourth (frozen24/, development since its measure)
    .venv/bin/python tools/score_redaction.py --frozen25 --before REV  # the twenty-fifth (frozen25/, development since its measure)
    .venv/bin/python tools/score_redaction.py --frozen26 --before REV  # the twenty-sixth (frozen26/, development since its measure)
    .venv/bin/python tools/score_redaction.py --frozen27 --before REV  # the twenty-seventh (frozen27/, development since its measure)
    .venv/bin/python tools/score_redaction.py --frozen28 --before REV  # the twenty-eighth (frozen28/, development since its measure)
    .venv/bin/python tools/score_redaction.py --frozen29 --before REV  # the twenty-ninth (frozen29/, development since its measure)
    .venv/bin/python tools/score_redaction.py --frozen30 --before REV  # the thirtieth (frozen30/, development since its measure)
    .venv/bin/python tools/score_redaction.py --frozen31 --before REV  # the thirty-first (frozen31/, development since its measure)
    .venv/bin/python tools/score_redaction.py --frozen32 --before REV  # the thirty-second (frozen32/, development since its measure)
    .venv/bin/python tools/score_redaction.py --frozen33 --before REV  # the thirty-third (frozen33/, development since its measure)
    .venv/bin/python tools/score_redaction.py --fame30 --misses   # famous people against private people (fame30/, development)
    .venv/bin/python tools/score_redaction.py --probe9 --misses   # round 9's own probe lines (probe9/)

The development set (tests/data/redaction/dev/, written for #28 before the recognisers were changed) is
for tuning: its misses may be listed. The frozen set (tests/data/redaction/frozen/, written for #28 before the recognisers were changed) is
for measuring, never for tuning: it prints figures only, never the lines it got wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "redaction"
FILES = ["labelled.txt", "ordinary.txt"]
MARK = re.compile(r"\{([a-z ]+):([^{}]+)\}")
TOKEN = re.compile(r"[^\W_]+")
TAG = re.compile(r"\[[a-zA-Z ]+\]")


PARTS = {
    "": "all lines",
    "fresh": "written after the first version",
    "second": "written after the second",
    "third": "written after the third",
}


def marked_lines() -> list[tuple[str, str]]:
    """(line with its {kind:detail} marks, part) for every line of labelled.txt and ordinary.txt. The part:
    "fresh" for the lines after "# @fresh" (written after the first version of the recognisers; changes followed
    their first scoring), "second" and "third" likewise after the second and third versions (their first scores are
    in the file's comments), else ""."""
    found = []
    for name in FILES:
        part = ""
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("# @"):
                part = line[3:].split(":")[0].strip()
            if line.strip() and not line.startswith("#"):
                found.append((line, part))
    return found


def cases() -> list[tuple[str, list[tuple[str, str]], str]]:
    """(plain text, [(kind, detail), ...], part) for every line of marked_lines()."""
    return [
        (MARK.sub(lambda m: m.group(2), line), [(m.group(1), m.group(2)) for m in MARK.finditer(line)], part)
        for line, part in marked_lines()
    ]


def outsides() -> list[str]:
    """For every line of cases(), in the same order, its words outside the marked details (each mark taken out where
    it stands, so that a word of a detail said again elsewhere, "{name:jack} ... says jack grealish", stays outside)."""
    return [MARK.sub(" ", line) for line, _ in marked_lines()]


def tokens(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text)]


NAMING_NOTHING = frozenset(
    " ".join(
        (
            "a an the at on in of by to for from near with and or his her my our their",  # English
            "w we na przy z ze do u la de din pe cu si ka ki ke mein me ko ku iyo",  # Polish, Romanian, Urdu, Somali
        )
    ).split()
)
"""Words that name nothing, inside a mark ("{workplace:at the kfc in hinckley}", "{address:w domu przy ...}"): the
second figure for all details counts a detail removed when only such words of it are left."""


def score(outputs: list[str], part: str = "") -> dict[str, object]:
    kinds: dict[str, list[int]] = {}
    clean_changed, clean, kept_words, outside_words = 0, 0, 0, 0
    strict, lenient, details_in_all = 0, 0, 0
    misses = []
    for (text, details, where), outside_text, out in zip(cases(), outsides(), outputs, strict=True):
        if part and where != part:
            continue
        if not details:
            clean += 1
            if out != text:
                clean_changed += 1
                misses.append(f"changed: {text}  ->  {out}")
            continue
        outside = Counter(tokens(outside_text))
        left = Counter(tokens(TAG.sub(" ", out)))
        for kind, detail in details:
            removed = all(left[t] <= outside[t] for t in tokens(detail))
            strict += removed
            lenient += all(left[t] <= outside[t] for t in tokens(detail) if t not in NAMING_NOTHING)
            details_in_all += 1
            kinds.setdefault(kind, [0, 0])
            kinds[kind][0] += removed
            kinds[kind][1] += 1
            if not removed:
                misses.append(f"kept {kind} {detail!r}: {out}")
        outside_words += sum(outside.values())
        kept_words += sum(min(n, left[t]) for t, n in outside.items())
    return {
        "kinds": {k: {"removed": v[0], "of": v[1], "share": round(v[0] / v[1], 3)} for k, v in sorted(kinds.items())},
        "all_details": {"removed": strict, "naming_words_removed": lenient, "of": details_in_all},
        "clean_lines": {"changed": clean_changed, "of": clean, "share": round(clean_changed / clean, 3)},
        "words_outside_details_lost": round(1 - kept_words / outside_words, 3),
        "misses": misses,
    }


def outputs_at(src: Path | None) -> list[str]:
    """The redacted lines, from this checkout's code or another's src/ folder (in a subprocess)."""
    code = (
        "import json,sys\nfrom voice.reading.redact import redact\n"
        "print(json.dumps([redact(t).text for t in json.load(sys.stdin)]))"
    )
    env_path = str(src) if src else str(ROOT / "src")
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps([t for t, _, _ in cases()]),
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": env_path, "PATH": "", **{k: v for k, v in os.environ.items() if k.startswith("VOICE_")}},
    )
    return list(json.loads(result.stdout))


def print_table(columns: dict[str, dict[str, object]]) -> None:
    print("| what | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    kinds = sorted({k for c in columns.values() for k in c["kinds"]})  # type: ignore[attr-defined]
    for kind in kinds:
        cells = []
        for c in columns.values():
            k = c["kinds"].get(kind)  # type: ignore[attr-defined]
            cells.append(f"{k['removed']}/{k['of']} ({k['share']:.0%})" if k else "–")
        print(f"| {kind} removed | " + " | ".join(cells) + " |")
    for key, what in (
        ("removed", "all details removed"),
        ("naming_words_removed", "all details, no word of them left but words like at, the, on, w, la"),
    ):
        cells = []
        for c in columns.values():
            a = c.get("all_details")
            cells.append(f"{a[key]}/{a['of']} ({a[key] / a['of']:.1%})" if isinstance(a, dict) and a["of"] else "–")
        print(f"| {what} | " + " | ".join(cells) + " |")
    cells = [
        f"{c['clean_lines']['changed']}/{c['clean_lines']['of']} ({c['clean_lines']['share']:.1%})"  # type: ignore[index]
        for c in columns.values()
    ]
    print("| lines with no detail changed | " + " | ".join(cells) + " |")
    cells = [f"{c['words_outside_details_lost']:.1%}" for c in columns.values()]
    print("| words outside the details lost | " + " | ".join(cells) + " |")


SETS = {
    # flag: (folder, name, for measuring only: its misses are never listed)
    "frozen": ("frozen", "frozen set", True),
    "dev": ("dev", "development set", False),
    "dev2": ("dev2", "second development set", False),
    "dev3": ("dev3", "third development set", False),
    "dev3b": ("dev3b", "round 4's check", False),
    "dev5": ("dev5", "round 5's development set", False),
    "held": ("held", "held aside", True),
    "frozen2": ("frozen2", "second frozen set", True),
    # frozen3 was measured once (round 4) and is a development set since round 5, frozen4 likewise (measured in
    # round 5, development since round 6), frozen5 (measured in round 6, development since round 7) and frozen6
    # (measured after round 8, development since round 9) and frozen7 (measured after round 9, development since
    # round 10): their misses may be listed
    "frozen3": ("frozen3", "third frozen set", False),
    "frozen4": ("frozen4", "fourth frozen set", False),
    "frozen5": ("frozen5", "fifth frozen set", False),
    "frozen6": ("frozen6", "sixth frozen set", False),
    "frozen7": ("frozen7", "seventh frozen set", False),
    "probe9": ("probe9", "round 9's probe lines", False),
    "frozen8": ("frozen8", "eighth frozen set", False),
    "frozen9": ("frozen9", "ninth frozen set", False),
    "frozen10": ("frozen10", "tenth frozen set", False),
    "frozen11": ("frozen11", "eleventh frozen set", False),
    "frozen12": ("frozen12", "twelfth frozen set", False),
    "frozen13": ("frozen13", "thirteenth frozen set", False),
    "frozen14": ("frozen14", "fourteenth frozen set", False),
    "frozen15": ("frozen15", "fifteenth frozen set", False),
    "frozen16": ("frozen16", "sixteenth frozen set", False),
    "frozen17": ("frozen17", "seventeenth frozen set", False),
    "frozen18": ("frozen18", "eighteenth frozen set", False),
    "frozen19": ("frozen19", "nineteenth frozen set", False),
    "frozen20": ("frozen20", "twentieth frozen set", False),
    "frozen21": ("frozen21", "twenty-first frozen set", False),
    "frozen22": ("frozen22", "twenty-second frozen set", False),
    "dev6": ("dev6", "sixth development set", False),
    "frozen23": ("frozen23", "twenty-third frozen set", False),
    "dev7": ("dev7", "seventh development set", False),
    "frozen24": ("frozen24", "twenty-fourth frozen set", False),
    "frozen25": ("frozen25", "twenty-fifth frozen set", False),
    "frozen26": ("frozen26", "twenty-sixth frozen set", False),
    "frozen27": ("frozen27", "twenty-seventh frozen set", False),
    "frozen28": ("frozen28", "twenty-eighth frozen set", False),
    "frozen29": ("frozen29", "twenty-ninth frozen set", False),
    "frozen30": ("frozen30", "thirtieth frozen set", False),
    "frozen31": ("frozen31", "thirty-first frozen set", False),
    "frozen32": ("frozen32", "thirty-second frozen set", False),
    "frozen33": ("frozen33", "thirty-third frozen set", False),
    "fame30": ("fame30", "famous people against private people (development)", False),
}
HELP = {
    "frozen": "score the frozen set of #28 instead (figures only)",
    "dev": "score the development set of #28 instead",
    "dev2": "score the second development set of #28 instead",
    "dev3": "score the third development set of #28 instead",
    "dev3b": "score round 4's check (dev3b/), written after its tuning",
    "dev5": "score round 5's development set (dev5/)",
    "held": "score the lines held aside for #28 instead (figures only)",
    "frozen2": "score the second frozen set of #28 (frozen2/, written blind after round 2; figures only)",
    "frozen3": "score the third frozen set of #28 (frozen3/, written blind before round 4; a development set since "
    "its measure in round 4)",
    "frozen4": "score the fourth frozen set of #28 (frozen4/, written blind before round 5; a development set since its "
    "measure in round 5, so its misses may be listed)",
    "frozen5": "score the fifth frozen set of #28 (frozen5/, written blind before round 6 was measured; a development set "
    "since its measure in round 6, so its misses may be listed)",
    "frozen6": "score the sixth frozen set of #28 (frozen6/, written blind before rounds 7 and 8 were measured; a "
    "development set since its measure after round 8, so its misses may be listed)",
    "probe9": "score round 9's own probe lines (probe9/, written before round 9 changed anything)",
    "frozen8": "score the eighth frozen set of #28 (frozen8/, written blind before round 10; a development set since "
    "its measure after round 10, so its misses may be listed)",
    "frozen9": "score the ninth frozen set of #28 (frozen9/, written blind before rounds 11 and 12; a development set "
    "since its measure after round 12, so its misses may be listed)",
    "frozen7": "score the seventh frozen set of #28 (frozen7/, written blind before round 9 was measured; a "
    "development set since its measure after round 9, so its misses may be listed)",
    "frozen10": "score the tenth frozen set of #28 (frozen10/, written blind before the close labeller and the CRF "
    "trained on the development sets; measured once after them, a development set since, so its misses may be listed)",
    "frozen11": "score the eleventh frozen set of #28 (frozen11/, written blind before the ninth session's rules and the "
    "quick labeller; measured once in the ninth session, a development set since, so its misses may be listed)",
    "frozen12": "score the twelfth frozen set of #28 (frozen12/, written blind at the tenth session's start; measured "
    "once at its start and end, a development set since, so its misses may be listed)",
    "frozen13": "score the thirteenth frozen set of #28 (frozen13/, written blind at the eleventh session's start; "
    "measured once at its start and end, a development set since, so its misses may be listed)",
    "frozen14": "score the fourteenth frozen set of #28 (frozen14/, written blind at the twelfth session's start; "
    "measured once at its start and end, a development set since, so its misses may be listed)",
    "frozen15": "score the fifteenth frozen set of #28 (frozen15/, written blind in the twelfth session before round "
    "17; measured once before and after it, a development set since, so its misses may be listed)",
    "frozen16": "score the sixteenth frozen set of #28 (frozen16/, written blind at the thirteenth session's start; "
    "measured once before and after rounds 18 and 19, a development set since, so its misses may be listed)",
    "frozen17": "score the seventeenth frozen set of #28 (frozen17/, written blind in the thirteenth session before "
    "round 20 was measured; measured once at its start and after round 20, a development set since, so its misses may "
    "be listed)",
    "frozen18": "score the eighteenth frozen set of #28 (frozen18/, written blind in the thirteenth session before "
    "round 21 was measured; measured once at its start and after round 21, a development set since, so its misses may "
    "be listed)",
    "frozen19": "score the nineteenth frozen set of #28 (frozen19/, written blind at the thirteenth session's end, "
    "before round 22 was measured; measured once at its end, a development set since, so its misses may be listed)",
    "frozen20": "score the twentieth frozen set of #28 (frozen20/, written blind at the fourteenth session's start, "
    "before the learned recognisers were retrained on the development sets; measured once at 0353c3e and 4b26225, a "
    "development set since, so its misses may be listed)",
    "frozen21": "score the twenty-first frozen set of #28 (frozen21/, written blind in the fourteenth session after "
    "the learned recognisers were retrained, before round 24; measured once at 0353c3e and 5495012, a development set "
    "since, so its misses may be listed)",
    "frozen22": "score the twenty-second frozen set of #28 (frozen22/, written blind at the fifteenth session's start, "
    "before round 25; measured once at 33a65c3 and 16290f0, a development set since, so its misses may be listed)",
    "dev6": "score the sixth development set of #28 (dev6/, written by a helper from the blind sets' spec with more "
    "addresses, in the fifteenth session after round 27; for tuning, so its misses may be listed)",
    "frozen23": "score the twenty-third frozen set of #28 (frozen23/, written blind in the fifteenth session after round "
    "30; measured once at 33a65c3 and 2caa1cc, a development set since, so its misses may be listed)",
    "dev7": "score the seventh development set of #28 (dev7/, where people live and stay: homes described rather than "
    "given, named homes, hostels, sites; written by a helper at the sixteenth session's start; for tuning)",
    "frozen24": "score the twenty-fourth frozen set of #28 (frozen24/, written blind at the sixteenth session's start, "
    "before round 32; measured once at 06fa1d2 and fa535c1, a development set since, so its misses may be listed)",
    "frozen25": "score the twenty-fifth frozen set of #28 (frozen25/, written blind in the sixteenth session after "
    "frozen24's measure, before round 36; measured once at 06fa1d2 and efceda2, a development set since)",
    "frozen26": "score the twenty-sixth frozen set of #28 (frozen26/, written blind at the seventeenth session's start, "
    "after round 38's code; measured once at b5c0682 and 84a706d, a development set since, so its misses may be listed)",
    "frozen27": "score the twenty-seventh frozen set of #28 (frozen27/, written blind at the eighteenth session's start, "
    "during round 51; measured once at 888826d and beac0fe, a development set since, so its misses may be listed)",
    "frozen28": "score the twenty-eighth frozen set of #28 (frozen28/, written blind at the nineteenth session's start, "
    "during round 60, from a brief that asks for the identifying words alone to be marked; measured once at d34cc45 and "
    "bc0df3e, a development set since, so its misses may be listed)",
    "frozen29": "score the twenty-ninth frozen set of #28 (frozen29/, written blind at the twentieth session's start, "
    "during round 70, from frozen28's brief; measured once at b1608bf and 3b637be, a development set since, so its misses "
    "may be listed)",
    "frozen30": "score the thirtieth frozen set of #28 (frozen30/, written blind at the twenty-first session's start from "
    "frozen29's brief; measured once at e16f2f1 and b6fef19, a development set since, so its misses may be listed)",
    "frozen31": "score the thirty-first frozen set of #28 (frozen31/, written blind at the twenty-second session's start "
    "from frozen30's brief; measured once at 088f21d and a203909, a development set since, so its misses may be listed)",
    "frozen32": "score the thirty-second frozen set of #28 (frozen32/, written blind at the twenty-third session's "
    "start from frozen31's brief; measured once at 6ac180d and 312faca, a development set since, so its misses may be "
    "listed)",
    "frozen33": "score the thirty-third frozen set of #28 (frozen33/, written blind at the twenty-fourth session's "
    "start from frozen32's brief; measured once at f311eb1 and bcf9e32, a development set since, so its misses may be "
    "listed)",
    "fame30": "score fame30/ instead: public figures and characters with everyday names, and private people said in "
    "famous-sounding ways (a development set written by a helper before round 82's code)",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", help="also score the code at this revision")
    parser.add_argument("--misses", action="store_true", help="list every line scored wrong")
    parser.add_argument("--json", action="store_true")
    for flag, text in HELP.items():
        parser.add_argument(f"--{flag}", action="store_true", help=text)
    args = parser.parse_args()
    chosen = [flag for flag in SETS if getattr(args, flag)]
    if len(chosen) > 1:
        parser.error(", ".join(f"--{flag}" for flag in SETS) + " are different sets: choose one")
    measuring_only = bool(chosen) and SETS[chosen[0]][2]
    if measuring_only and args.misses:
        parser.error("this set is for measuring, not tuning: it never lists the lines it got wrong")
    if chosen:
        folder, name, _ = SETS[chosen[0]]
        FILES[:] = [f"{folder}/labelled.txt", f"{folder}/clean.txt"]
        PARTS.clear()
        PARTS[""] = name
    outputs = {"now": outputs_at(None)}
    if args.before:
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "before"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.before],
                check=True,
                capture_output=True,
            )
            try:
                outputs[f"at {args.before}"] = outputs_at(tree / "src")
            finally:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                    check=False,
                    capture_output=True,
                )
    columns = {}
    for label, out in reversed(outputs.items()):
        for part, name in PARTS.items():
            columns[f"{label}, {name}"] = score(out, part)
    if measuring_only:
        for column in columns.values():
            column.pop("misses")
    if args.json:
        print(json.dumps(columns, indent=2))
        return
    print_table(columns)
    if args.misses:
        print()
        print("\n".join(columns[f"now, {PARTS['']}"]["misses"]))  # type: ignore[index]


if __name__ == "__main__":
    main()
