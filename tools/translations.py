"""Keep the translation catalogues up to date, and say how far each language has got.

    python tools/translations.py update   # after changing words in code or templates
    python tools/translations.py status   # translated, and still to be checked by a native speaker

`update` extracts every marked message into src/voice/locale/messages.pot and merges it into each
language's messages.po (new messages arrive empty; pybabel marks near matches fuzzy). Compiling to
messages.mo happens when the package is built or installed (hatch_build.py). See docs/translations.md.
"""

from __future__ import annotations

import os
import sys

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from voice.common.i18n import EXTRACT_KEYWORDS, LOCALE_DIR, NEEDS_REVIEW
from voice.common.settings import REPO_DIR

POT = LOCALE_DIR / "messages.pot"


def update() -> None:
    keywords = [a for k in EXTRACT_KEYWORDS for a in ("-k", k)]
    os.chdir(REPO_DIR)  # locations in the catalogues are relative to the checkout
    run = CommandLineInterface().run
    run(
        [
            "pybabel",
            "extract",
            "-F",
            str(REPO_DIR / "babel.cfg"),
            "--no-default-keywords",
            *keywords,
            "--add-location=file",
            "--sort-output",
            "--no-wrap",
            "--project=voice",
            "-o",
            str(POT.relative_to(REPO_DIR)),
            ".",
        ]
    )
    run(
        [
            "pybabel",
            "update",
            "-i",
            str(POT.relative_to(REPO_DIR)),
            "-d",
            str(LOCALE_DIR.relative_to(REPO_DIR)),
            "--no-wrap",
            "--ignore-obsolete",
        ]
    )


def status() -> None:
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        messages = [m for m in catalog if m.id]
        done = [m for m in messages if m.string and (all(m.string) if m.pluralizable else True) and not m.fuzzy]
        unchecked = [m for m in done if NEEDS_REVIEW in m.user_comments]
        sys.stdout.write(
            f"{po.parent.parent.name}: {len(done)} of {len(messages)} translated, "
            f"{len(unchecked)} still to be checked by a native speaker\n"
        )


if __name__ == "__main__":
    {"update": update, "status": status}[sys.argv[1] if len(sys.argv) > 1 else "status"]()
