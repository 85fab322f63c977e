"""Write training/blind_terms.json into the close reader's metadata (data/close-reader/meta.json). A term
added to the list (a kind of family member, a place of worship) is then read by the close reader as one word
of its kind, without retraining: it was trained reading each listed term as that word
(voice.reading.reader.Blinder), and a new term of the same kind reads as the others do.

The first reader (data/reader.npz) keeps the list it was trained with for languages, nationalities, family
members and pastimes: it learned the later terms as words of their own, and blinding them in use moved its
verdicts on the development suites (2026-12-05: three disclosures fewer flagged, sentiment macro-F1 0.719 ->
0.707). Terms of who one is (care status, gender, sexuality, disability, faith, ethnicity) it reads from this
file in use (voice.reading.reader.WHO_ONE_IS): blinding them moved no verdict on 15,956 answers of the
development material (2026-12-06). `voice train` gives it the whole list.

    .venv/bin/python tools/blind_terms.py           # write it
    .venv/bin/python tools/blind_terms.py --check   # exit 1 if the close reader's list differs from the file
"""

from __future__ import annotations

import argparse
import json
import sys

from voice.reading.close import FOLDER
from voice.reading.training import terms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    wanted = terms()
    path = FOLDER / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    same = meta["blind_terms"] == wanted
    if args.check:
        print("the same" if same else "the close reader's list differs from training/blind_terms.json")
        sys.exit(0 if same else 1)
    if not same:
        meta["blind_terms"] = wanted
        path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("already the same" if same else f"written: {path}")


if __name__ == "__main__":
    main()
