"""The reference redaction voice was asked to beat: Microsoft Presidio's analyzer with its pattern
recognisers (e-mail, phone, UK NHS, URL, dates, ...), on the same labelled lines. Its names and places
come from a spaCy NER model, which cannot be downloaded here, so it runs on a blank English pipeline:
what is measured is the pattern part, which is what voice's recognisers replace. Presidio is not a
dependency of voice: run this in a separate virtual environment.

    python -m venv /tmp/pv && /tmp/pv/bin/pip install presidio-analyzer
    .venv/bin/python tools/presidio_reference.py /tmp/pv/bin/python
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import score_redaction

RUN = r"""
import json, sys, spacy
spacy.blank("en").to_disk(sys.argv[1])
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import SpacyNlpEngine
engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": sys.argv[1]}])
analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
out = []
for text in json.load(sys.stdin):
    chosen = []
    for r in sorted(analyzer.analyze(text=text, language="en"), key=lambda r: (r.start - r.end, r.start)):
        if all(r.end <= c.start or r.start >= c.end for c in chosen):
            chosen.append(r)
    for r in sorted(chosen, key=lambda r: -r.start):
        text = text[:r.start] + f"[{r.entity_type}]" + text[r.end:]
    out.append(text)
print(json.dumps(out))
"""


def main() -> None:
    python = sys.argv[1] if len(sys.argv) > 1 else "python"
    texts = [text for text, _, _ in score_redaction.cases()]
    with tempfile.TemporaryDirectory() as blank:
        done = subprocess.run(
            [python, "-c", RUN, blank], input=json.dumps(texts), capture_output=True, text=True, check=True
        )
    result = score_redaction.score(json.loads(done.stdout))
    print("| what | Presidio (patterns, no NER) |\n|---|---|")
    for kind, k in result["kinds"].items():  # type: ignore[attr-defined]
        print(f"| {kind} removed | {k['removed']}/{k['of']} ({k['share']:.0%}) |")
    c = result["clean_lines"]
    print(f"| lines with no detail changed | {c['changed']}/{c['of']} ({c['share']:.1%}) |")  # type: ignore[index]


if __name__ == "__main__":
    main()
