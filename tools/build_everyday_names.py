"""Rebuild src/voice/data/everyday_names.txt: first names that are also ordinary English words.

Needs Debian's word list: apt-get install wbritish. Run: python tools/build_everyday_names.py
"""

from pathlib import Path

from voice.reading.names import EVERYDAY_FILE, _gender_guesser_names

HEADER = """# First names that are also ordinary English words: redacted only where they cannot be the word
# ("I told Will", "my friend Hope"), never at the start of a sentence or in lower case. Built by
# tools/build_everyday_names.py from gender-guesser's first names (voice.reading.names.NAME_COLUMNS) and the
# lower-case words of Debian's wbritish 2020.12.07 (SCOWL). Edit by hand if a name needs moving.
"""

words = Path("/usr/share/dict/british-english").read_text(encoding="utf-8").split()
lower = {w for w in words if w.islower() and w.isalpha()}
overlap = sorted(_gender_guesser_names() & lower)
EVERYDAY_FILE.write_text(HEADER + "\n".join(overlap) + "\n")
print(f"{len(overlap)} names that are also words written to {EVERYDAY_FILE}")
