"""Themes for free text: sentiment (negative, neutral, positive, mixed) and topics, with reasons.

Sentiment starts from TextBlob's pattern analyser (its lexicon ships in the package; no NLTK
download) and adds what it misses in young people's feedback: complaints about waiting, about not
being listened to, about being judged or pressured; slang and emoji; and "mixed" when one part of
an answer is clearly positive and another clearly negative ("the worker was kind but the wait was
awful"). Topics come from an editable taxonomy file, matched on lemmas (simplemma), and every topic
keeps the words that matched, so a facilitator can see why. These are suggestions: people confirm.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Protocol

import msgspec
import yaml

from voice.common.i18n import DEFAULT_TEXTS, N_
from voice.common.settings import Settings, SettingsError
from voice.common.text import REDACTION_TAG, normalise, required_literals
from voice.reading.close import shipped_close_reader
from voice.reading.evidence import Evidence
from voice.reading.reader import Model, Scores, chosen_topics, shipped_model
from voice.reading.redact import FIRST, SURNAME, TITLES, WORD, class_of
from voice.reading.safeguarding import (
    DENIED,
    SEVERITY,
    Flag,
    described_as_over,
    mentions_for,
    model_flag,
    needs_a_person,
    read_rules,
    shown_to_staff,
)

DEFAULT_TAXONOMY = Path(__file__).parent.parent / "data" / "taxonomy.yaml"
ALGORITHM = "themes-1"
SENTIMENTS = ("negative", "neutral", "positive", "mixed")
TOPIC_NAMES = (
    N_("Mental health and feeling OK"),
    N_("Staying safe online"),
    N_("Bullying"),
    N_("Abuse or violence at home"),
    N_("School, college and learning"),
    N_("Being listened to and involved"),
    N_("Waiting for help"),
    N_("Safety outside home, gangs and exploitation"),
    N_("Covid and lockdowns"),
    N_("Family"),
    N_("Friends and loneliness"),
    N_("Physical health and sleep"),
    N_("Identity, culture and being treated fairly"),
    N_("Money, food and housing"),
    N_("Something else"),
)
"""The shipped taxonomy's topic names (data/taxonomy.yaml), so that reports can give them in the reader's
language; a partnership's own names are shown as written. A test keeps the two lists the same."""
EASY_TOPIC_NAMES = (
    N_("Feeling OK"),
    N_("Being safe online"),
    N_("Being bullied"),
    N_("Being hurt at home"),
    N_("School and college"),
    N_("Being heard"),
    N_("Waiting for help"),
    N_("Being safe outside home"),
    N_("Covid"),
    N_("Family"),
    N_("Friends and feeling lonely"),
    N_("Your body and sleep"),
    N_("Being treated fairly"),
    N_("Money, food and a home"),
    N_("Other things"),
)
"""The shipped taxonomy's easy-read topic names, for the reader's language (a test keeps them the same)."""
DEFAULT_TEXTS.update(TOPIC_NAMES + EASY_TOPIC_NAMES)
SENTIMENT_NAMES = {
    "negative": N_("Negative"),
    "neutral": N_("Neutral"),
    "positive": N_("Positive"),
    "mixed": N_("Mixed"),
}
THRESHOLD = 0.1
MIXED_THRESHOLD = 0.15


class Topic(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: str
    name: str
    easy_name: str = ""
    """The topic in easy read ("Feeling OK"); empty: its name."""
    picture: str = ""
    """The symbol beside it in easy read (static/pictures/openmoji/NAME.svg); empty: none of its own."""
    priorities: list[str] = []
    keywords: list[str] = []
    phrases: list[str] = []
    safeguarding: list[str] = []
    """Safeguarding categories (voice.reading.safeguarding.SEVERITY's) whose rule, matched in an answer, gives it
    this topic too, with the phrase that matched: "my stepdad hits me" is about abuse at home whatever its words."""


class Taxonomy(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    topics: list[Topic]

    def __post_init__(self) -> None:
        ids = [t.id for t in self.topics]
        if len(set(ids)) != len(ids):
            raise ValueError("topic ids must be unique")
        if "other" not in ids:
            raise ValueError("the taxonomy needs an `other` topic")
        for topic in self.topics:
            unknown = sorted(set(topic.safeguarding) - SEVERITY.keys())
            if unknown:
                raise ValueError(
                    f"topic `{topic.id}`: unknown safeguarding categories {', '.join(unknown)} "
                    f"(known: {', '.join(sorted(SEVERITY))})"
                )
        given = [c for t in self.topics for c in t.safeguarding]
        if len(set(given)) != len(given):
            raise ValueError("a safeguarding category can give only one topic")


class Learned(Protocol):
    """Topics learned from people's corrections (voice.reading.learning.LearnedTopics)."""

    size: int

    def suggest(self, text: str) -> dict[str, list[str]]: ...


def _without_parts(words: list[str]) -> list[str]:
    """A topic's reasons without a word that a pair shown beside it holds ("ran away", not "away", "ran away", "ran")."""
    inside = {part for w in words if " " in w for part in w.removeprefix("learned: ").split()}
    return [w for w in words if " " in w or w.removeprefix("learned: ") not in inside]


STATES_OF_MIND = frozenset(["self_harm", "suicide", "hopelessness"])
"""Flag categories about how someone feels: a flag of one gives its topic (Topic.safeguarding), whoever flagged it."""


class Theme(msgspec.Struct, frozen=True):
    sentiment: str
    score: float
    topics: tuple[str, ...]
    matched: dict[str, list[str]]
    """For each topic, the words in the answer that matched it."""


CUES_FILE = Path(__file__).parent.parent / "data" / "sentiment_cues.yaml"
"""Cues the general-purpose lexicon does not know or weighs wrongly for this kind of feedback, and emoji."""
_CUES = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))
CUES: dict[str, float] = _CUES["cues"]
EMOJI: dict[str, float] = _CUES["emoji"]
CLAUSE = re.compile(r"\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\bexcept\b|[;.!?]+")


@cache
def _cues() -> tuple[tuple[tuple[str, ...], re.Pattern[str], float], ...]:
    """Each cue with the strings one of which any match must contain (see text.required_literals)."""
    return tuple((required_literals(p) or ("",), re.compile(p), v) for p, v in CUES.items())


def _clause_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in CLAUSE.finditer(text):
        if text[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _lexicon_by_clause(text: str, spans: list[tuple[int, int]]) -> list[list[float]]:
    """TextBlob's assessments (one call for the whole answer), placed in the clause they come from."""
    # Imported when first used: commands that only need the taxonomy (exports) start a second sooner.
    # textblob.en.sentiment is the lexicon behind TextBlob(...).sentiment.
    from textblob.en import sentiment as pattern_sentiment

    lower, cursor = text.lower(), 0
    placed: list[list[float]] = [[] for _ in spans]
    for words, polarity, _subjectivity, _label in pattern_sentiment(text).assessments:
        at = lower.find(words[0].lower(), cursor) if words else -1
        if at < 0:
            continue
        cursor = at + 1
        index = next((i for i, (s, e) in enumerate(spans) if s <= at < e), len(spans) - 1)
        placed[index].append(float(polarity))
    return placed


def _clause_score(raw: str, lexicon: list[float], cues: list[tuple[re.Pattern[str], float]]) -> float:
    """TextBlob's polarity for the clause, moved towards the cues found in it."""
    base = sum(lexicon) / len(lexicon) if lexicon else 0.0
    plain = normalise(raw) if cues else ""
    found = [v for pattern, v in cues if pattern.search(plain)]
    found += [v for emoji, v in EMOJI.items() if emoji in raw]
    if not found:
        return base
    cue = sum(found) / len(found)
    return max(-1.0, min(1.0, 0.35 * base + 0.65 * cue if base else cue))


def sentiment(text: str) -> tuple[str, float]:
    """(label, score from -1 to 1)."""
    spans = _clause_spans(text)
    lexicon = _lexicon_by_clause(text, spans)
    whole = normalise(text)
    cues = [
        (pattern, v) for stems, pattern, v in _cues() if any(stem in whole for stem in stems) and pattern.search(whole)
    ]  # then only these, per clause
    scores = [_clause_score(text[s:e], lex, cues) for (s, e), lex in zip(spans, lexicon, strict=True)]
    overall = sum(scores) / len(scores)
    if max(scores) >= MIXED_THRESHOLD and min(scores) <= -MIXED_THRESHOLD:
        return "mixed", round(overall, 3)
    if overall > THRESHOLD:
        return "positive", round(overall, 3)
    if overall < -THRESHOLD:
        return "negative", round(overall, 3)
    return "neutral", round(overall, 3)


@cache
def _lemma(word: str) -> str:
    import simplemma  # when first used, as TextBlob above

    return str(simplemma.lemmatize(word, lang="en")).lower()


@lru_cache(maxsize=65536)
def _lemma_of_written(word: str) -> str:
    return _lemma(word.lower().replace("’", "'").replace("'", ""))


LEMMA_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]")  # "cyber-bullying" is two words


def lemmas(text: str) -> list[tuple[str, str]]:
    """(word as written, its lemma) for each word."""
    return [(w, _lemma_of_written(w)) for w in LEMMA_WORD.findall(text)]


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    data = (path or DEFAULT_TAXONOMY).read_bytes()
    return msgspec.convert(yaml.safe_load(data), Taxonomy)


NAME_AS = "sam"
"""The one first name the reader reads in place of every name redaction found (see names_blind). Any common name
would do: on the reader's own answers with a name, "sam", "alex", "jo", "chris", "ali" and "someone" each agreed with
the verdict most names gave on 9 or 10 of 11."""
NAME_TAGS = ("[name]", "[handle]")
"""Where a name may have been: "a man called jakub on snap" is redacted as a handle."""


def names_blind(redacted: str, original: str) -> str:
    """The answer as typed, with one first name (NAME_AS) in place of each name redaction took out (a name, or a handle
    that is a name), as the reader reads it: a child's name says where their family comes from or what it believes,
    and the lead's lists must not move with it (swapping "tyler" for "fatima" moved 8 of 35 of the reader's own answers
    with a name between its lists). A word taken for a name that no list of names holds ("my mums bf tuchs me") is
    read as typed, so what an answer says is not lost with a word redaction took in error."""
    if not any(tag in redacted for tag in NAME_TAGS):
        return REDACTION_TAG.sub(" ", original)
    pieces = REDACTION_TAG.split(redacted)
    tags = REDACTION_TAG.findall(redacted)
    found = re.fullmatch("(.+?)".join(map(re.escape, pieces)), original, re.DOTALL)
    if found is None:
        return REDACTION_TAG.sub(" ", original)
    out, last = [], 0
    for n, tag in enumerate(tags, 1):
        read = _name_as_read(found[n]) if tag in NAME_TAGS else None
        if read is not None:
            out += [original[last : found.start(n)], read]
            last = found.end(n)
    return REDACTION_TAG.sub(" ", "".join(out) + original[last:])


def _name_as_read(span: str) -> str | None:
    """NAME_AS for a name redaction took out, after its title ("miss ahmed" -> "miss sam") and with its "s" ("aishas"
    -> "sams"); None when a word of it is in no list of names: a word taken for a name in error ("fite", "batterd",
    "touchs" in the reader's own answers) is read as typed."""
    words = WORD.findall(span)
    titles = list(itertools.takewhile(lambda w: w.lower() in TITLES, words))
    names = words[len(titles) :]
    if not names or not all(_a_listed_name(w.lower()) for w in names):
        return None
    return " ".join([*titles, NAME_AS + ("s" if not _a_listed_name(names[-1].lower(), whole=True) else "")])


def _a_listed_name(lower: str, whole: bool = False) -> bool:
    """A first name or surname of the lists, or one with a possessive "s" typed without its apostrophe ("aishas")."""
    return bool(class_of(lower) & (FIRST | SURNAME)) or (
        not whole and lower.endswith("s") and bool(class_of(lower[:-1]) & (FIRST | SURNAME))
    )


class AnswerReader:
    """Reads answers: the learned model (voice.reading.reader) for feelings, topics and disclosures, beside the
    safeguarding rules and the taxonomy's words; compiled once. rules_only reads as voice did before the
    model (kept for comparison in `voice eval`)."""

    def __init__(
        self,
        taxonomy: Taxonomy | None = None,
        learned: Learned | None = None,
        *,
        model: Model | None = None,
        rules_only: bool = False,
        flag_threshold: float = 0.0,
        look_threshold: float = 0.0,
        read_closely: bool = True,
        close_floor: float | None = None,
    ) -> None:
        self.taxonomy = taxonomy or default_taxonomy()
        self.learned = learned
        self.model = None if rules_only else model or shipped_model()
        self.close = shipped_close_reader() if read_closely and self.model is not None else None
        """The close reader, which reads again the answers the model put worth a look (voice.reading.close)."""
        self.close_floor = (
            close_floor if close_floor is not None else self.close.meta.floor if self.close is not None else 1.0
        )
        """Answers in neither list whose model score is at least this are read closely too (1: none; by
        default the close reader's own, chosen on development sets)."""
        self.close_short = self.close.meta.short_words if self.close is not None and self.close_floor < 1 else 0
        """Answers in neither list of at most this many words are read closely whatever their score (0: none; none
        either at a floor of 1, where the close reader reads the lists' answers only)."""
        meta = self.model.meta if self.model else None
        self.flag_threshold = flag_threshold or (meta.flag_threshold if meta else 1.0)
        self.look_threshold = min(look_threshold or (meta.look_threshold if meta else 1.0), self.flag_threshold)
        self.topic_threshold = meta.topic_threshold if meta else 1.0
        self.version = f"{ALGORITHM}:{hashlib.sha256(msgspec.json.encode(self.taxonomy)).hexdigest()[:12]}"
        if self.model is not None:
            self.version += f":{self.model.version}"
        if self.close is not None:
            self.version += f":close-{self.close.meta.trained_on}"
        if learned is not None and learned.size:
            self.version += f":learned-{learned.size}"
        self._keywords: dict[str, list[str]] = {}
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for topic in self.taxonomy.topics:
            for keyword in topic.keywords:
                self._keywords.setdefault(_lemma(keyword.lower().replace("'", "")), []).append(topic.id)
            for phrase in topic.phrases:
                words = tuple(lemma for _, lemma in lemmas(phrase))
                if words:
                    self._phrases.setdefault(words[0], []).append((words, topic.id))
        self._order = {t.id: i for i, t in enumerate(self.taxonomy.topics)}
        self._of_category = {c: t.id for t in self.taxonomy.topics for c in t.safeguarding}
        self._starts = frozenset(self._keywords) | frozenset(self._phrases)

    def keyword_matches(self, text: str) -> dict[str, list[str]]:
        """The taxonomy's topics whose words or phrases the text uses, with those words."""
        pairs = lemmas(text)
        words = [lemma for _, lemma in pairs]
        matched: dict[str, list[str]] = {}
        starts = self._starts
        for i in [i for i, lemma in enumerate(words) if lemma in starts]:  # most words start nothing
            written, lemma = pairs[i]
            for topic_id in self._keywords.get(lemma, ()):
                matched.setdefault(topic_id, []).append(written)
            for phrase, topic_id in self._phrases.get(lemma, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    matched.setdefault(topic_id, []).append(" ".join(w for w, _ in pairs[i : i + len(phrase)]))
        return matched

    def topics(
        self,
        text: str,
        scored: Scores | None = None,
        keywords: dict[str, list[str]] | None = None,
        rules: list[Flag] | None = None,
    ) -> tuple[tuple[str, ...], dict[str, list[str]]]:
        """Topic ids in taxonomy order (`other` when nothing matched), and the words behind each.

        With the model's scores: the topics it chose, plus the partnership's own topics the model does
        not know when their words are used; otherwise the taxonomy's words alone. `keywords`: the
        text's keyword_matches, when already known. `rules`: the safeguarding rules' flags, whose categories
        give their topics too (Topic.safeguarding)."""
        keywords = self.keyword_matches(text) if keywords is None else keywords
        if scored is None or self.model is None:
            matched = keywords
        else:
            known = set(self.model.meta.topics)
            chosen = [t for t in chosen_topics(scored.topics, self.topic_threshold) if t in self._order]
            evidence = self.model.evidence(scored.whole, [t for t in chosen if not keywords.get(t)])
            matched = {t: keywords.get(t) or evidence.get(t) or [] for t in chosen}
            matched |= {t: w for t, w in keywords.items() if t not in known}
        if self.learned is not None:
            for topic, words in self.learned.suggest(text).items():
                if topic not in matched and topic in self._order:
                    matched[topic] = words
        for flag in rules or ():
            given = self._of_category.get(flag.category)
            if given is not None and given not in matched:
                matched[given] = [flag.reason]  # "my stepdad hits me": abuse at home, whatever its other words
        if not matched:
            return ("other",), {}
        return self._in_order({k: _without_parts(list(dict.fromkeys(w))) for k, w in matched.items()})

    def _in_order(self, matched: dict[str, list[str]]) -> tuple[tuple[str, ...], dict[str, list[str]]]:
        """Topics (not empty) in taxonomy order, `other` left out beside another, and the words behind each."""
        ordered = [t for t in sorted(matched, key=self._order.__getitem__) if t != "other" or len(matched) == 1]
        return tuple(ordered), {t: matched[t] for t in ordered}

    def read(self, texts: list[tuple[str, str]]) -> list[tuple[Theme, list[Flag]]]:
        """Each (redacted text, text as typed): its themes, and what suggests risk (rules and the model on
        the text as typed, the model whole and sentence by sentence; a person for a language the model
        cannot read). What staff see (evidence words, the sentence behind a flag) is the redacted text."""
        clean = [REDACTION_TAG.sub(" ", redacted) for redacted, _ in texts]
        typed = [
            c if redacted == original else names_blind(redacted, original)
            for c, (redacted, original) in zip(clean, texts, strict=True)
        ]
        rules_read = [read_rules(original) for _, original in texts]
        ruled = [
            [
                f if redacted == original else shown_to_staff(f, redacted)
                for f in (found.flags if self.model is not None else found.flags + mentions_for(original))
            ]
            for (redacted, original), found in zip(texts, rules_read, strict=True)
        ]
        # The language judged with identity and place words in their kind's place, and names as one name, as the model
        # reads them: "i'm trans masc" is English whatever the term ("masc" is in no word list), and whatever the name.
        foreign = [self.model.language_of(self.model.blind(t)) if self.model else None for t in typed]
        keywords = [self.keyword_matches(text) for text in clean]
        scores: list[Scores | None] = [None] * len(texts)
        if self.model is not None:
            # The model reads the words as typed (as it was trained: a tag such as "[name]" is not how
            # young people write, and sentences with the tags taken out read as disclosures), with one name for
            # every name (names_blind); what it shows (evidence, the sentence behind a flag) comes from the
            # redacted text.
            read_by_model = [i for i, lang in enumerate(foreign) if lang is None]
            keyword_hits = [set(keywords[i]) for i in read_by_model]
            for i, one in zip(
                read_by_model,
                self.model.score(
                    [typed[i] for i in read_by_model],
                    [set(rules_read[i].features) for i in read_by_model],
                    keyword_hits,
                    [texts[i][0] for i in read_by_model],
                    floor=self.look_threshold,
                ),
                strict=True,
            ):
                scores[i] = one
        found = []
        closer: list[int] = []  # worth a look: for the close reader
        denied: set[int] = set()  # harm plainly denied ("i don't get hit at home"): the close reader must be surer
        for n, (text, rules, language, scored, words) in enumerate(
            zip(clean, ruled, foreign, scores, keywords, strict=True)
        ):
            if scored is None:
                label, score = sentiment(text)
            else:
                label, score = scored.sentiment, scored.sentiment_score
            ids, matched = self.topics(text, scored, words, rules)
            flags = list(rules)
            # Harm told as past and over: the rules' verdict where one matched, else the same words read here
            # (only for an answer the model may put in a list).
            over = "over" in rules_read[n].features or (
                scored is not None
                and not rules
                and (scored.risk >= self.look_threshold or self._read_closely_too(scored, typed[n]))
                and described_as_over(normalise(typed[n]))
            )
            if language is not None:
                flags.append(needs_a_person(language))
            elif over:
                pass  # harm told as past and over: in neither list (a rule's flag stays; rules read it as over too)
            elif scored is not None and not rules and scored.risk >= self.look_threshold:
                flags += self._model_flags(scored, label, rules_read[n].mentions, texts[n][0])
                if flags:  # the model's own flag or worth a look: read closely
                    closer.append(n)
            if scored is not None and not flags and not over and self._read_closely_too(scored, typed[n]):
                # Whatever its feeling: the close reader reads the order of the words ("i was fine until he came
                # back" is no praise), and on the development sets it put no more everyday answers in the list for
                # reading these too.
                closer.append(n)
            if not over and DENIED in rules_read[n].features:
                denied.add(n)
            found.append((Theme(label, score, ids, matched), flags))
        if closer and self.close is not None:
            self._read_closely(
                found,
                closer,
                denied,
                [typed[n] for n in closer],
                [texts[n][0] for n in closer],
                [scores[n] for n in closer],
                [rules_read[n].mentions for n in closer],
            )
        return [(self._with_flagged_topics(theme, flags), flags) for theme, flags in found]

    def _with_flagged_topics(self, theme: Theme, flags: list[Flag]) -> Theme:
        """The theme with the topic of each state of mind flagged (STATES_OF_MIND, Topic.safeguarding), as a rule's
        flag gives it in topics(): "my mate keeps saying he wants to die", flagged by the model, is about mental health
        too. Not the model's other categories: which harm it is, the answer's own words say better (on the test split,
        every category gave topics less precisely: domestic abuse 0.500 -> 0.432, poverty 0.816 -> 0.738)."""
        given = [
            topic
            for f in flags
            if f.tier == "flag"
            and f.category in STATES_OF_MIND
            and (topic := self._of_category.get(f.category))
            and topic not in theme.topics
        ]
        if not given:
            return theme
        ordered, matched = self._in_order(theme.matched | {t: [] for t in given})
        return msgspec.structs.replace(theme, topics=ordered, matched=matched)

    def _read_closely(
        self,
        found: list[tuple[Theme, list[Flag]]],
        which: list[int],
        denied: set[int],
        typed: list[str],
        shown: list[str],
        scores: list[Scores | None],
        mentions: list[dict[str, str]],
    ) -> None:
        """The close reader reads again the answers the model (not a rule) flagged or put worth a look, and those
        in neither list the model scored at least `close_floor` or that are short (`close_short` words or fewer):

        - worth a look, and the close reader sure it is a disclosure (Meta.threshold): a flag;
        - the model's flag or worth a look, and the close reader sure it is not, whole and in every part (below
          Meta.drop_threshold): taken out of the list ("i've never run away, i like being at home"; a rule's
          flag is never read here);
        - in neither list, and the close reader surer than Meta.look_threshold, whole or in one part of a long
          answer (Meta.window_threshold): worth a look, with that part as the reason; all but sure of the whole
          (Meta.flag_threshold): a flag;
        - harm plainly denied (`denied`, "i don't get hit at home", "no one touches me in a way i dont like"):
          raised only where the close reader is at least Meta.denied_threshold sure, whole.

        Each says the close reader's chance in its evidence."""
        close = self.close
        assert close is not None
        for n, chance, said, text, scored, named in zip(
            which, close.chances(typed), typed, shown, scores, mentions, strict=True
        ):
            assert scored is not None  # every answer read closely was scored by the model
            theme, flags = found[n]
            if n in denied and chance < close.meta.denied_threshold:  # plainly denied, and not sure enough
                found[n] = (theme, [f for f in flags if f.score is None])
                continue
            # The words that weighed most in the close reading cost a reading each: they are worked out when
            # the lead opens the flag (voice.web.staff), not here.
            if flags and chance >= close.threshold:  # worth a look: a flag
                found[n] = (
                    theme,
                    [
                        msgspec.structs.replace(
                            f, tier="flag", evidence=msgspec.structs.replace(f.evidence or Evidence(), close=chance)
                        )
                        if f.tier == "look"
                        else f
                        for f in flags
                    ],
                )
                continue
            if flags and chance >= close.meta.drop_threshold:
                # As the first reader said, with the close reader's chance beside it (the lead sees both readings);
                # its own flag, where the close reader is unsure (under Meta.keep_flag), only worth a look.
                unsure = chance < close.meta.keep_flag
                found[n] = (
                    theme,
                    [
                        msgspec.structs.replace(
                            f,
                            tier="look" if unsure else f.tier,
                            evidence=msgspec.structs.replace(f.evidence or Evidence(), close=chance),
                        )
                        if f.score is not None
                        else f
                        for f in flags
                    ],
                )
                continue
            if not flags and chance >= close.look_threshold:  # now worth a look, or a flag where all but sure
                tier = "flag" if chance >= close.meta.flag_threshold else "look"
                found[n] = (theme, [self._closely_a_look(scored, text, chance, named, tier)])
                continue
            part, where = close.likeliest_part(said, self._part_risks)
            if flags and part < close.meta.window_threshold:  # sure it is not, whole and in every part
                found[n] = (theme, [])  # the model's flag or worth a look (a rule's flag is never read here)
            elif not flags and where is not None and part >= close.meta.window_threshold:
                shown_part = _same_part(said, text, where)
                in_part = scored if shown_part is None else msgspec.structs.replace(scored, risk_sentence=shown_part)
                found[n] = (theme, [self._closely_a_look(in_part, text, part, named)])

    def _read_closely_too(self, scored: Scores, typed: str) -> bool:
        """Whether an answer in neither list is read closely: the model scored it at least `close_floor`, or it is
        short (Meta.short_words words or fewer): a disclosure told in a few words ("pills. tonight maybe.") gives
        the model's averaged words little to go on, and a short answer costs the close reader little."""
        if scored.risk >= self.close_floor:
            return True
        return self.close is not None and len(typed.split()) <= self.close_short

    def _closely_a_look(
        self, scored: Scores, shown: str, chance: float, mentions: dict[str, str], tier: str = "look"
    ) -> Flag:
        """Worth a look (or a flag, where the close reader is all but sure), made by the close reader: the model's
        reasons (from the answer as staff see it), with the close reader's chance beside them."""
        assert self.model is not None
        why = msgspec.structs.replace(self.model.explain(scored, shown), close=chance)
        return model_flag(scored, tier, why, mentions or None)

    def _part_risks(self, parts: list[str]) -> list[float]:
        """The first reader's score of each part of a long answer (to choose the parts the close reader reads)."""
        assert self.model is not None
        return [
            scored.risk
            for scored in self.model.score(
                parts, [set(read_rules(p).features) for p in parts], [set(self.keyword_matches(p)) for p in parts]
            )
        ]

    def _model_flags(self, scored: Scores, label: str, mentions: dict[str, str], shown: str) -> list[Flag]:
        """The model's flag or "worth a look" for an answer no rule flagged and not told as over, explained (or none).

        A flag from a high score. Worth a look from a lower one, only where something in the answer
        points to harm (a mention of one, or a word far more common in disclosures), and not in an
        answer that reads as praise or thanks (past harm described as over, thanking a service, is the
        commonest false alarm): a negative feeling alone is not a reason to put an answer in front of
        the lead. Harm told as past and over ("that was years ago and i'm fine now, thanks to my
        counsellor") is in neither list (the caller's `over`); harm told in the present beside it ("i want to kill
        myself. i ran away when i was 13 but my youth worker sorted it") is not over (safeguarding.GOES_ON)."""
        assert self.model is not None
        if scored.risk >= self.flag_threshold:
            return [model_flag(scored, "flag", self.model.explain(scored, shown), mentions)]
        # Decided before the reasons are worked out: most answers here go to neither list.
        if label == "positive" or not (mentions or self.model.harm_words_in(shown)):
            return []
        return [model_flag(scored, "look", self.model.explain(scored, shown), mentions)]

    def theme(self, text: str) -> Theme:
        return self.read([(text, text)])[0][0]


@cache
def default_taxonomy() -> Taxonomy:
    """The shipped taxonomy, read once per process."""
    return load_taxonomy()


def taxonomy_for(settings: Settings) -> Taxonomy:
    """The taxonomy in use: VOICE_TAXONOMY_FILE, else the one that ships."""
    if not settings.taxonomy_file:
        return default_taxonomy()
    try:
        return load_taxonomy(Path(settings.taxonomy_file))
    except (OSError, ValueError, yaml.YAMLError, msgspec.ValidationError) as exc:
        raise SettingsError(f"VOICE_TAXONOMY_FILE: {settings.taxonomy_file}: {exc}") from None


@cache
def default_answer_reader() -> AnswerReader:
    """The shipped taxonomy and model, compiled once per process."""
    return AnswerReader()


@cache
def _keyword_answer_reader() -> AnswerReader:
    return AnswerReader(rules_only=True)


def keyword_topics(text: str) -> dict[str, list[str]]:
    """The shipped taxonomy's topics whose words the text uses (a feature of the model)."""
    return _keyword_answer_reader().keyword_matches(text)


def _same_part(typed: str, shown: str, where: tuple[int, int]) -> str | None:
    """The words of `shown` (the answer as staff see it) at the place of `where` in `typed` (as written),
    where redaction left as many words as were typed; else None (staff are then shown the whole answer)."""
    said = typed.split()
    seen = shown.split()
    if len(said) != len(seen):
        return None
    first = len(typed[: where[0]].split())
    return " ".join(seen[first : first + len(typed[where[0] : where[1]].split())])
