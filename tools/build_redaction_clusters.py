"""Build the word clusters the learned recogniser of redaction reads (src/voice/data/redaction_clusters.npz).

Each word's vector is WordLlama's (the model that ships in the `wordllama` wheel, loaded as the reader loads it):
the average of its tokens' rows, at unit length. The vocabulary clustered is every whole-word token of WordLlama's
tokenizer, every word of the redaction templates and word lists and of the reader's training answers, and a
sample of the name lists (of many origins); k-means puts them into CLUSTERS groups, and only the centroids ship (a word met at
run time, seen before or not, goes to its nearest centroid). Names of one kind, everyday words of one kind,
words of school and of work fall together, so the CRF can weigh a word it has never seen, and the words
around it, by the company they keep.

    PYTHONPATH=src .venv/bin/python tools/build_redaction_clusters.py
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.cluster import MiniBatchKMeans

from voice.reading import labeller, names, reader

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "voice" / "data"
CLUSTERS = 256
SEED = 28
NAMES = 6000
"""How many of the name lists' names are clustered with the other words (all of them, some 40,000 spelt by
their pieces, would take most of the clusters: the words around a name need them more)."""
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def vocabulary() -> list[str]:
    found: set[str] = set()
    tokenizer = reader._tokenizer()
    for token in tokenizer.get_vocab():
        if token.startswith("▁") and len(token) > 2 and token[1:].isalpha():
            found.add(token[1:].lower())
    texts = [
        (DATA / "redaction_templates.txt").read_text(encoding="utf-8"),
        (DATA / "redaction_words.txt").read_text(encoding="utf-8"),
        (DATA / "everyday_names.txt").read_text(encoding="utf-8"),
        (DATA / "more_names.txt").read_text(encoding="utf-8"),
        (DATA / "schools.txt").read_text(encoding="utf-8"),
        (DATA / "places.txt").read_text(encoding="utf-8"),
        (DATA / "public_figures.txt").read_text(encoding="utf-8"),
        (DATA / "not_people.txt").read_text(encoding="utf-8"),
        (ROOT / "tests" / "data" / "redaction" / "labelled.txt").read_text(encoding="utf-8"),
        (ROOT / "tests" / "data" / "redaction" / "ordinary.txt").read_text(encoding="utf-8"),
    ]
    for name in ("everyday.jsonl", "disclosures.jsonl", "seeds.jsonl"):
        for row in (ROOT / "training" / name).read_text(encoding="utf-8").splitlines():
            if row.strip():
                texts.append(json.loads(row)["text"])
    for text in texts:
        found.update(w.lower() for w in WORD.findall(text))
    found |= names.everyday_words()
    people = sorted(w for w in names.first_names() | names.surnames() if w.isalpha())
    found.update(random.Random(SEED).sample(people, min(NAMES, len(people))))
    return sorted(w for w in found if 1 < len(w) < 30 and " " not in w)


def main() -> None:
    started = time.perf_counter()
    words = vocabulary()
    vectors = np.stack([labeller.word_vector(w) for w in words])
    print(f"{len(words):,} words embedded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    kmeans = MiniBatchKMeans(n_clusters=CLUSTERS, random_state=SEED, batch_size=4096, n_init=3, max_iter=200)
    kmeans.fit(vectors)
    centroids = kmeans.cluster_centers_
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-9)
    np.savez_compressed(labeller.CLUSTERS_FILE, centroids=centroids.astype(np.float16))
    size = labeller.CLUSTERS_FILE.stat().st_size
    print(f"{CLUSTERS} clusters in {time.perf_counter() - started:.0f} s: {labeller.CLUSTERS_FILE} ({size:,} bytes)")
    labeller.word_cluster.cache_clear()
    labeller.centroids.cache_clear()
    for probe in ("tendai", "oluwaseun", "bill", "precious", "lucozade", "wrocławia", "academy", "sainsburys", "mate"):
        members = [w for w in words[::7] if labeller.word_cluster(w) == labeller.word_cluster(probe)][:12]
        print(probe, labeller.word_cluster(probe), " ".join(members))


if __name__ == "__main__":
    main()
