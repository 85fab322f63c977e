"""Rebuild src/voice/data/everyday_names.txt: first names that are also ordinary English words.

Needs Debian's word list: apt-get install wbritish. Run: python tools/build_everyday_names.py
"""

from pathlib import Path

from voice.redact import EVERYDAY_FILE, HEADER, first_names

words = Path("/usr/share/dict/british-english").read_text(encoding="utf-8").split()
lower = {w for w in words if w.islower() and w.isalpha()}
overlap = sorted(first_names() & lower)
EVERYDAY_FILE.write_text(HEADER + "\n".join(overlap) + "\n")
print(f"{len(overlap)} names that are also words written to {EVERYDAY_FILE}")
