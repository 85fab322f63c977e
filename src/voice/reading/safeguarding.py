"""Safeguarding flags: free text that suggests a child may be at risk is flagged, with its reason.

Recall comes first: a flag a safeguarding lead closes as "no concern" costs minutes; a missed one can
cost far more. The rules look for direct, indirect and misspelt ways young people write about
self-harm, suicidal thoughts, abuse or violence at home, sexual harm or grooming, exploitation,
weapons, feeling unsafe, going hungry and running away. Each flag keeps the category and the phrase
that matched, so a person can see why. Flags are raised in the same transaction that stores the
answer, are never deleted (the database refuses), and only a person can close one.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from typing import TYPE_CHECKING

import msgspec

from voice.common.i18n import N_
from voice.common.text import Literals, normalise, required_literals

if TYPE_CHECKING:
    from voice.reading.reader import Scores

SEVERITY = {"suicide": 1, "self_harm": 1, "sexual_harm": 1, "abuse_at_home": 1, "hopelessness": 1,
            "domestic_abuse_witnessed": 1, "exploitation": 2, "weapons": 2, "feeling_unsafe": 2, "running_away": 2,
            "needs_reading": 2, "going_hungry": 3}
"""1 is the most urgent; the queue shows the most urgent first."""

# Phrases per category, matched against normalised text (lower case, repeated letters squeezed,
# apostrophes dropped). `\w*` lets a stem take any ending; `(?:\w+ ){0,3}` allows a few words between.
GAP = r"(?:\w+ ){0,3}"
RULES: dict[str, list[str]] = {
    "suicide": [
        r"\b(?:kill|killing|kil|end|ending) (?:my ?self|me)\b", r"\bkms\b", r"\bunalive\w*",
        r"\bsuicid\w*", r"\b(?:(?:want|wanted|going|ready) to|wanna|gonna) die\b", r"\bwish i (?:was|were) dead\b",
        r"\bwish i (?:was|were)nt (?:alive|here|born)\b", r"\bbetter off (?:dead|without me)\b",
        r"\b(?:dont|do not|dnt) want to (?:be here|be alive|live|wake up|exist)\b",
        r"\bno (?:point|reason) (?:in )?(?:living|being alive|to live|going on)\b",
        r"\bend(?:ing)? (?:it all|everything|my life|things)\b", r"\btake my (?:own )?life\b", r"\boverdos\w*",
        r"\b(?:jump|jumping) (?:off|in front)\b", r"\bhang (?:my ?self)\b", r"\bnot be around (?:much )?longer\b",
        r"\beveryone would be better\b", r"\bgive up on life\b", r"\bcant go on\b",
    ],
    "self_harm": [
        r"\bself ?harm\w*", r"\bs/h\b", r"\b(?:cut|cutting|cuts|burn|burning|hurt|hurting|harm|harming|scratch\w*) "
        r"(?:my ?self|me)\b", r"\b(?:cut|cutting) my (?:arms?|wrists?|legs?|thighs?|skin)\b",
        r"\b(?:scars|blades?|razors?)\b.{0,30}\b(?:arms?|wrists?|legs?|myself|hide)\b",
        r"\bstarv\w* my ?self\b", r"\bmake my ?self (?:sick|throw up)\b", r"\bpunish(?:ing)? my ?self\b",
        r"\bhit(?:ting)? my ?self\b",
    ],
    "abuse_at_home": [
        r"\b(?:mum|mom|dad|stepdad|step dad|stepmum|step mum|parents?|brother|uncle|carer|boyfriend|partner|he|she)"
        rf" {GAP}(?:hits?|hitting|beats?|beating|beat|punch\w*|kicks?|kicking|slaps?|slapping|chokes?|chok\w*|"
        r"strangl\w*|throws? (?:things|stuff)|hurts? me|hurt me|burns? me|locks? me)\b",
        r"\b(?:hits?|beats? me up|punch\w*|kicks?|slaps?) me\b", r"\bgets? (?:hit|beaten|battered|slapped)\b",
        r"\bdomestic (?:abuse|violence)\b", r"\b(?:abus\w*)\b", r"\bviolen\w* at home\b",
        r"\bscared of my (?:mum|mom|dad|stepdad|step dad|parents?|brother|uncle)\b",
        r"\b(?:bruises?|marks) (?:from|on)\b", r"\bshouts? and (?:hits?|throws?)\b",
        r"\b(?:police|fights?|fighting) (?:at|in) (?:my|our) (?:house|home)\b",
    ],
    "sexual_harm": [
        r"\btouch\w* me\b", r"\btouch\w* my (?:body|private|bum|chest|boobs|breasts?|legs?)\b", r"\brap\w*\b",
        r"\bsexual\w* (?:abus\w*|assault\w*|harass\w*)\b", r"\bmolest\w*", r"\bgroom\w*",
        r"\b(?:nudes?|naked (?:pics?|pictures?|photos?)|sexual (?:pics?|pictures?|photos?))\b",
        r"\b(?:send|sent|asked for|wants?) (?:me )?(?:pics?|pictures?|photos?)\b",
        r"\bmade me (?:do|touch|watch) (?:things|stuff|it)\b", r"\bolder (?:man|guy|boy|boyfriend|girlfriend|men)\b",
        r"\b(?:keep|kept) (?:it )?(?:a )?secret\b", r"\bmet (?:him|her|them|someone) online\b",
        r"\bmeet up with (?:someone|a man|a guy|him) (?:i|from) (?:met )?online\b", r"\bsextort\w*",
    ],
    "exploitation": [
        r"\bcounty lines?\b", r"\b(?:sell|selling|deliver\w*|carry\w*|hold\w*|move|moving) (?:drugs?|weed|food|packages?|parcels?)\b",
        r"\b(?:owe|owes|owing|debt)\b.{0,40}\b(?:them|money|dealer|older)\b", r"\bmade (?:me|to) (?:sell|carry|run)\b",
        r"\bgangs?\b", r"\bdealer\w*", r"\b(?:trapping|trap house|cuckoo\w*)\b", r"\brun(?:ning)? (?:drugs|lines)\b",
        r"\bpaid me to\b", r"\bgave me (?:money|stuff|weed|drugs|a phone) (?:to|and|for)\b",
    ],
    "weapons": [
        r"\b(?:knife|knives|blade|shank\w*|machete|zombie knife|gun|guns|firearm|weapon\w*)\b",
        r"\b(?:stab\w*|shot at|shoot\w*)\b", r"\bcarr(?:y|ies|ying) (?:a )?(?:knife|blade|weapon)\b",
    ],
    "feeling_unsafe": [
        r"\b(?:dont|do not|never|not) feel (?:safe|save)\b", r"\bnot safe\b", r"\bunsafe\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:to go|of going) home\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:for my (?:life|safety)|hell)\b",
        r"\b(?:being )?(?:followed|stalked|threatened)\b", r"\bthreat\w* to (?:hurt|kill|beat)\b",
        r"\bin danger\b", r"\b(?:please|someone|somebody|pls|plz) help me\b",
    ],
    "going_hungry": [
        r"\b(?:no|not enough|never any|isnt any|isnt enough) food\b", r"\bhavent (?:eaten|had food|had anything to eat)\b",
        r"\bgo(?:ing)? (?:to bed )?hungry\b", r"\bno(?:thing)? (?:to eat|for (?:dinner|tea|breakfast))\b",
        r"\bskip(?:ping)? meals? because\b", r"\b(?:didnt|dont|doesnt|never) (?:always )?(?:have|get) enough (?:food|to eat)\b", r"\bfood ?bank\b", r"\bcant afford (?:food|to eat)\b",
    ],
    # Key phrases in Polish and Urdu (answers in another language also go to a person: see needs_a_person).
    "suicide_other_languages": [
        r"\bchc[eę] umrze[cć]\b", r"\bzabi[cć] si[eę]\b", r"\bnie chc[eę] (?:mi si[eę] )?[zż]y[cć]\b",
        r"\bsamob[oó]j\w*", r"\bnie chce mi sie zyc\b", "خودکشی", "خود کشی", "مرنا چاہت", "مر جانا چاہت",
        "جینا نہیں چاہت",
    ],
    "self_harm_other_languages": [
        r"\btn[eę] si[eę]\b", r"\bsamookalecz\w*", r"\bkrzywdz[eę] si[eę]\b", r"\bci[aą][lł]?[eaę]m? si[eę]\b",
        "خود کو نقصان", "اپنے آپ کو کاٹ", "خود کو کاٹ",
    ],
    "abuse_at_home_other_languages": [
        r"\b(?:bije|bi[lł]a?|bi[lł]|uderza|kopie|szarpie) mnie\b", r"\bmnie (?:bije|bi[lł]a?|uderza|kopie|szarpie)\b",
        r"\bprzemoc\w*",
        "مجھے مارت", "مجھے پیٹت", "مارتا ہے", "مارتی ہے", "مارتے ہیں",
    ],
    "sexual_harm_other_languages": [
        r"\bdotyka\w* mnie\b", r"\bmolestow\w*", r"\bzgwa[lł]c\w*", "مجھے چھوت", "جنسی زیادتی",
    ],
    "feeling_unsafe_other_languages": [
        r"\bboj[eę] si[eę] (?:wr[oó]ci[cć]|i[sś][cć]) do domu\b", r"\bnie czuj[eę] si[eę] bezpieczn\w*",
        r"\bpomocy\b", r"\bpom[oó][zż]cie mi\b", "محفوظ نہیں", "گھر جانے سے ڈر", "میری مدد کر",
    ],
    "going_hungry_other_languages": [r"\bnie ma(?:my)? (?:co )?je[sś][cć]\b", r"\bg[lł]odn\w*", "بھوکا", "بھوکی", "کھانا نہیں"],
    "running_away_other_languages": [r"\buciek\w* z domu\b", r"\bwyrzuci\w* (?:mnie )?z domu\b", "گھر سے بھاگ"],
    "running_away": [
        r"\b(?:ran|run|running|runaway) (?:away|off)\b", r"\brunaway\b", r"\b(?:kicked|thrown) out\b",
        r"\b(?:sleep\w*|slept) (?:rough|on the streets?|outside|in a park|on a bench)\b", r"\bsofa ?surf\w*",
        r"\bnowhere (?:to go|to sleep|to live)\b", r"\bhomeless\b", r"\bnot (?:going|gonna) (?:back )?home\b",
    ],
}
# Single words young people often misspell; close matches count as the word ("sucidal", "selfharm").
FUZZY = {"suicide": "suicide", "suicidal": "suicide", "selfharm": "self_harm", "overdose": "suicide",
         "abused": "abuse_at_home", "abusive": "abuse_at_home", "groomed": "sexual_harm", "raped": "sexual_harm",
         "molested": "sexual_harm", "stabbed": "weapons", "homeless": "running_away"}
# Uses that are ordinary, not a risk: checked against the matched phrase's sentence.
NOT_A_RISK = re.compile(
    r"\b(?:help me (?:with|to|understand|learn|find|get)|please help (?:us|them|other|others|young)|"
    r"i'?m starving|stabbing pain|shoot(?:ing)? (?:hoops|a film|a video|photos)|photo ?shoot|"
    r"abusive (?:language|comments) online|gang of friends)\b")


class Flag(msgspec.Struct, frozen=True):
    category: str
    reason: str
    """The words that matched (in lower case, without apostrophes), so a person can see why; for the
    model, the sentence that read most like a disclosure; for another language, its code."""
    severity: int
    tier: str = "flag"
    """"flag" (a rule or a high model score), "look" (worth a look: a lower model score) or "person"
    (written in a language the reader cannot read)."""
    score: float | None = None
    """The model's chance that the answer is a disclosure (None for a rule)."""


TIERS = ("flag", "person", "look")


def model_flag(scored: Scores, tier: str) -> Flag:
    """What the model found: its likeliest category, with the sentence and score behind it."""
    reason = scored.risk_sentence or scored.whole
    return Flag(scored.category, reason[:300], SEVERITY.get(scored.category, 2), tier, scored.risk)


def needs_a_person(language: str) -> Flag:
    """An answer in a language the reader cannot read: queued like a flag, for a person to read."""
    return Flag("needs_reading", language, SEVERITY["needs_reading"], "person")


OTHER_LANGUAGES = "_other_languages"


@cache
def _compiled() -> tuple[tuple[str, frozenset[str], re.Pattern[str]], ...]:
    """Each rule: its category, the strings one of which every match contains (see required_literals;
    "" for a rule with none: always tried), and the pattern."""
    return tuple((cat.removesuffix(OTHER_LANGUAGES), frozenset(required_literals(p) or [""]), re.compile(p))
                 for cat, pats in RULES.items() for p in pats)


@cache
def _all_stems() -> Literals:
    return Literals(stem for _, found, _ in _compiled() for stem in found)


@cache
def _rules_of_stem() -> dict[str, tuple[int, ...]]:
    """For each stem, the rules (positions in _compiled) that need it."""
    found: dict[str, list[int]] = {}
    for index, (_, stems_, _) in enumerate(_compiled()):
        for stem in stems_:
            found.setdefault(stem, []).append(index)
    return {stem: tuple(indices) for stem, indices in found.items()}


RULE_CATEGORIES = tuple(dict.fromkeys(c.removesuffix(OTHER_LANGUAGES) for c in RULES))


@cache
def _fuzzy_word(word: str) -> str | None:
    """The category of a single word that is, or is close to, a risk word (cached: words repeat)."""
    if word in FUZZY:
        return FUZZY[word]
    if len(word) < 6:
        return None
    match = difflib.get_close_matches(word, FUZZY.keys(), n=1, cutoff=0.84)
    return FUZZY[match[0]] if match else None


def _fuzzy(words: list[str]) -> list[tuple[str, str]]:
    return [(category, word) for word in words if (category := _fuzzy_word(word))]


def flags_for(text: str) -> list[Flag]:
    """Every category the text suggests, each once, with the first phrase that matched."""
    plain = normalise(text)
    if not plain:
        return []
    harmless = [m.span() for m in NOT_A_RISK.finditer(plain)]
    # The stems in the text, in one pass; then only the rules one of whose stems is there ("": always), in order.
    rules, of_stem = _compiled(), _rules_of_stem()
    candidates = sorted({i for stem in _all_stems().within(plain) | {""} for i in of_stem.get(stem, ())})
    found: dict[str, str] = {}
    for category, _, pattern in (rules[i] for i in candidates):
        if category in found:
            continue
        for m in pattern.finditer(plain):
            if any(s <= m.start() < e for s, e in harmless):
                continue
            found.setdefault(category, m.group())
            break
    for category, word in _fuzzy(plain.split()):
        found.setdefault(category, word)
    return sorted((Flag(c, r, SEVERITY[c]) for c, r in found.items()), key=lambda f: (f.severity, f.category))


def shown_to_staff(flag: Flag, shown: str) -> Flag:
    """A rule's matched words as staff may see them: the rules read the text as typed, so a word they
    took in that redaction removed ("my dad tom hits me") is shown as "[…]"."""
    allowed = set(normalise(shown).split())
    words = flag.reason.split()
    if all(w in allowed for w in words):
        return flag
    return msgspec.structs.replace(flag, reason=" ".join(w if w in allowed else "[…]" for w in words))


# --- what each category is called on the lead's pages --------------------------------------------
CATEGORY_NAMES = {
    "suicide": N_("Suicidal thoughts"), "self_harm": N_("Self-harm"), "abuse_at_home": N_("Abuse or violence at home"),
    "sexual_harm": N_("Sexual harm or grooming"), "exploitation": N_("Exploitation"), "weapons": N_("Weapons"),
    "feeling_unsafe": N_("Feeling unsafe"), "going_hungry": N_("Going hungry"), "running_away": N_("Running away"),
    "hopelessness": N_("Hopelessness"), "domestic_abuse_witnessed": N_("Domestic abuse between adults at home"),
    "needs_reading": N_("Needs a person to read"),
}
