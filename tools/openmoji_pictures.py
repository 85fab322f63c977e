"""Copy the OpenMoji symbols voice uses (easy read, the leaflets, survey choices) from the npm package, so that
the pictures in the repository can be made again from the package itself.

    cd /tmp && npm pack openmoji@17.0.0 && tar xzf openmoji-17.0.0.tgz
    .venv/bin/python tools/openmoji_pictures.py /tmp/package

OpenMoji (https://openmoji.org) is licensed CC BY-SA 4.0; static/pictures/openmoji/ATTRIBUTION.md says so
beside the copies. Each picture is named for what it means in voice, from its Unicode code point(s).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VERSION = "17.0.0"
EASY_READ = {
    # what a point of the easy-read leaflet is
    "said": "1F4AC",
    "done": "2705",
    "working": "23F3",
    "planned": "1F4C5",
    "changed": "1F31F",
    "phone": "1F4DE",
    "emergency": "1F6A8",
    "take-part": "1F64B",
    "website": "1F310",
    "email": "2709",
    # the shipped taxonomy's topics (data/taxonomy.yaml `picture`)
    "feeling-ok": "1F642",
    "online": "1F4F1",
    "bullying": "1F61F",
    "home": "1F3E0",
    "school": "1F3EB",
    "listening": "1F442",
    "outside": "1F3D9",
    "covid": "1F637",
    "family": "1F46A",
    "friends": "1F91D",
    "sleep": "1F6CC",
    "fair": "2696",
    "food": "1F35E",
    "question": "2753",
}
CHOICES = {
    # survey choices' pictures (static/pictures/NAME.svg, surveys/files.py PICTURES): same names as before
    "clock": "1F552",
    "cross": "274C",
    "face": "1F642",
    "home": "1F3E0",
    "people": "1F465",
    "phone": "1F4DE",
    "question": "2753",
    "speech": "1F4AC",
    "tick": "2705",
    "tree": "1F333",
}
LOGO = "1F9D1-200D-1F91D-200D-1F9D1"
"""The demo partnership's logo (people holding hands): src/voice/data/partnership-logo.svg."""


def main(package: Path) -> None:
    source = package / "color" / "svg"
    if not source.is_dir():
        sys.exit(f"{package} is not the openmoji package (no color/svg folder): npm pack openmoji@{VERSION}")
    out = REPO / "static" / "pictures" / "openmoji"
    out.mkdir(parents=True, exist_ok=True)
    for name, code in EASY_READ.items():
        shutil.copyfile(source / f"{code}.svg", out / f"{name}.svg")
    for name, code in CHOICES.items():
        shutil.copyfile(source / f"{code}.svg", REPO / "static" / "pictures" / f"{name}.svg")
    shutil.copyfile(source / f"{LOGO}.svg", REPO / "src" / "voice" / "data" / "partnership-logo.svg")
    shutil.copyfile(package / "LICENSE.txt", out / "LICENSE.txt")
    sys.stdout.write(f"copied {len(EASY_READ)} + {len(CHOICES)} + 1 pictures from OpenMoji {VERSION}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
