"""Text helpers the reader's speed rests on give exactly what the slow, obvious code gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from voice.common.text import Literals, normalise

letters = st.text(alphabet="abcde '", min_size=1, max_size=6)


@given(strings=st.lists(letters, min_size=1, max_size=30), text=st.text(alphabet="abcde '", max_size=80))
def test_literals_finds_every_string_that_occurs(strings: list[str], text: str) -> None:
    assert Literals(strings).within(text) == {s for s in strings if s and s in text}


def slow_normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("'", "")
    # Urdu typed on an Arabic keyboard read as Urdu's own letters, and its vowel marks dropped.
    text = re.sub("[\u064a\u0649]", "\u06cc", text).replace("\u0643", "\u06a9")
    text = re.sub("[\u064b-\u065f\u0670]", "", text)
    text = re.sub(r"(\w)\1{2,}", r"\1\1", text)
    text = re.sub(r"[^\w\s/]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@given(
    text=st.text(max_size=80)
    | st.text(alphabet="abAB !?'’_/\t\n.,-\x01soooo", max_size=80)
    | st.text(alphabet="مجھےكيىکیُِّ ", max_size=40)
)
def test_normalise_is_the_plain_regex_version(text: str) -> None:
    assert normalise(text) == slow_normalise(text)


@settings(max_examples=500)
@given(texts=st.lists(st.text(max_size=40) | st.text(alphabet="ab ▁\n.😀ą0", max_size=20), max_size=8))
def test_token_ids_are_the_tokenizers_own(texts: list[str]) -> None:
    from voice.reading.reader import _tokenizer, token_ids

    whole = [e.ids for e in _tokenizer().encode_batch_fast(texts, add_special_tokens=False)]
    assert token_ids(texts) == [list(ids) for ids in whole]


def test_token_ids_on_the_labelled_answers() -> None:
    import json
    from pathlib import Path

    from voice.reading.reader import _tokenizer, sentence_spans, token_ids

    lines = (Path(__file__).parent.parent / "training" / "voices.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    texts += [t[s:e] for t in texts for s, e in sentence_spans(t)]
    whole = [e.ids for e in _tokenizer().encode_batch_fast(texts, add_special_tokens=False)]
    assert token_ids(texts) == [list(ids) for ids in whole]
