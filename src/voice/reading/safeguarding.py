"""Safeguarding flags: free text that suggests a child may be at risk is flagged, with its reason.

Recall comes first: a flag a safeguarding lead closes as "no concern" costs minutes; a missed one can
cost far more. The rules look for direct, indirect and misspelt ways young people write about
self-harm, suicidal thoughts, abuse or violence at home, sexual harm or grooming, exploitation,
weapons, feeling unsafe, going hungry and running away. Each flag keeps the category and the phrase
that matched, so a person can see why. Flags are raised in the same transaction that stores the
answer, are never deleted (the database refuses), and only a person can close one.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
import yaml

from voice.common.i18n import N_
from voice.common.text import Literals, normalise, required_literals
from voice.reading.evidence import Evidence

if TYPE_CHECKING:
    from voice.reading.reader import Scores

SEVERITY = {
    "suicide": 1,
    "self_harm": 1,
    "sexual_harm": 1,
    "abuse_at_home": 1,
    "hopelessness": 1,
    "domestic_abuse_witnessed": 1,
    "exploitation": 2,
    "weapons": 2,
    "feeling_unsafe": 2,
    "running_away": 2,
    "needs_reading": 2,
    "raised_by_staff": 1,
    "going_hungry": 3,
}
"""1 is the most urgent; the queue shows the most urgent first."""

RULES_FILE = Path(__file__).parent.parent / "data" / "safeguarding_rules.yaml"
"""The rules, mentions and misspellings, as data (what each is: see the file's header)."""
OTHER_LANGUAGES = "_other_languages"
NEEDS_READING = "needs_reading"
"""The category of a flag for an answer in a language the reader cannot read: a person reads it."""
PIECE = re.compile(r"\$\{([A-Z_]+)\}")
NOT_RULES = frozenset(["pieces", "rules", "mentions", "fuzzy"])
"""The rules file's sections that are not more rules: every other section adds rules to its categories."""


def _rules_file() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, str]]:
    """(rules, mentions, misspellings) from RULES_FILE, each ${PIECE} written out."""
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    pieces: dict[str, str] = data["pieces"]

    def written(patterns: list[str]) -> list[str]:
        return [PIECE.sub(lambda m: pieces[m[1]], p) for p in patterns]

    rules = {category: written(patterns) for category, patterns in data["rules"].items()}
    for section, table in data.items():  # "more_rules", "more_warning_signs", ...: more rules, in the file's order
        if section not in NOT_RULES:
            for category, patterns in table.items():
                rules[category].extend(written(patterns))
    return rules, {c: written(p) for c, p in data["mentions"].items()}, dict(data["fuzzy"])


RULES, MENTIONS, FUZZY = _rules_file()


PHRASES_FILE = Path(__file__).parent.parent / "data" / "harm_phrases_pl_ur.json"
"""Key phrases of harm in Polish, Urdu and Roman Urdu as teenagers type them (with and without Polish
letters, common misspellings), and the words that turn them round: written for voice (see training/README)."""
CATEGORY_OF_LABEL = {"suicidal": "suicide", "violence_weapons": "weapons", "neglect_hunger": "going_hungry"}
"""The labelled data's category names (training/, the phrases file) that voice spells differently."""


POLISH_FILLER = r"(?: (?:już|juz|wcale|naprawdę|naprawde|chyba|serio|totalnie|po prostu))?"
"""A word Polish puts inside a phrase without changing it ("nie chcę już wcale żyć", "nie widzę już sensu")."""


def _phrase_pattern(phrase: str, lang: str = "") -> tuple[str, str]:
    """A rule for one key phrase, and a string every match of it contains: the phrase as normalised, from a word's
    start; its last word may go on ("samookalecz" finds "samookaleczam"); in Polish, with a filler or two between its
    words (POLISH_FILLER), so that only its longest word is sure to be there. Arabic script is matched as written.
    ("", "") for a phrase that normalises to nothing."""
    plain = normalise(phrase)
    if not plain:
        return "", ""
    if lang == "pl":
        pattern = r"(?<!\w)" + (POLISH_FILLER * 2 + " ").join(map(re.escape, plain.split())) + r"\w*"
        return pattern, max(plain.split(), key=len)
    return rf"(?<!\w){re.escape(plain)}\w*", plain


@cache
def _phrases_file() -> dict[str, dict[str, list[str]]]:
    """PHRASES_FILE, read once: its phrases per language and category."""
    data: dict[str, Any] = msgspec.json.decode(PHRASES_FILE.read_bytes()) if PHRASES_FILE.exists() else {}
    return {lang: table for lang, table in data.items() if not lang.startswith("_")}


def _phrases() -> tuple[dict[str, list[str]], dict[str, frozenset[str]], dict[str, str]]:
    """(rules per category, from PHRASES_FILE; its negators (single words) per language: "pl", "ur"; for each rule, a
    string every match contains: see _phrase_pattern)."""
    data = _phrases_file()
    rules: dict[str, list[str]] = {}
    negating: dict[str, frozenset[str]] = {}
    needs: dict[str, str] = {}
    for lang, table in data.items():
        for category, phrases in table.items():
            if category == "negators":
                # Single words only ("nikt mnie nie" is "nikt" and "nie"); "mat" (Roman Urdu "don't") is also
                # an English word: left out.
                found = {w for p in phrases if len((w := normalise(p)).split()) == 1 and w != "mat"}
                negating[lang[:2]] = negating.get(lang[:2], frozenset()) | found
            elif category != "examples":
                key = CATEGORY_OF_LABEL.get(category, category) + OTHER_LANGUAGES
                for pattern, need in (_phrase_pattern(phrase, lang) for phrase in phrases):
                    if pattern:
                        rules.setdefault(key, []).append(pattern)
                        needs[pattern] = need
    return rules, negating, needs


# Uses that are ordinary, not a risk: checked against the matched phrase's sentence.
NOT_A_RISK = re.compile(
    r"\b(?:help me (?:with|to|understand|learn|find|get)|please help (?:us|them|other|others|young)|"
    r"i'?m starving|stabbing pain|shoot(?:ing)? (?:hoops|a film|a video|photos)|photo ?shoot|"
    r"abusive (?:language|comments) online|gang of friends|beat (?:me|us) (?:up )?at \w+|(?:mum|mam|mom|dad|teacher|miss|sir|coach|nan|parents|"
    r"mates?) (?:\w+ )?(?:will|is gonna|is going to|gonna) kill (?:me|us) (?:if|when|for|cos|because)|"
    r"(?:homework|exams?|tests?|paper|maths|revision|school) (?:\w+ )?(?:mujhe|muje|mje) maar (?:dega|degi|denge|dalega|dalegi)|"
    # hyperbole of work and of a parent's temper (#25, ninth session): "this homework is gonna kill me", "ammi mujhe
    # maar dalengi agar marks kam aaye", "یہ ہوم ورک مجھے مار ڈالے گا"; not "he will kill me if i tell"
    r"(?:homework|exams?|tests?|revision|maths|mocks|coursework|assignments?|school|mondays?) (?:\w+ ){0,2}"
    r"(?:kill|killing) (?:me|us)|"
    r"(?:ammi|ami|amma|ammy|abbu|abu|abba|mama|papa|baba|nani|dadi|teacher|sir|miss) (?:\w+ )?(?:mujhe|muje|mje) "
    r"maar (?:de|daal|dal)(?:ega|egi|enge|engi|ingi)(?: \w+){0,3} (?:agar|jab|if)|"
    r"(?:ہوم ورک|امتحان|اسکول|سکول|ٹیسٹ|پیپر)(?: \w+){0,2} مجھے مار (?:دے|ڈالے|ڈالی|ڈالیں)(?: \w+)? ?(?:گا|گی|گے)|"
    r"(?:امی|ابو|اماں|ابا|ماما|پاپا)(?: \w+)? مجھے مار (?:دیں|ڈالیں|ڈالے|ڈالی|دے)(?: \w+)? ?(?:گا|گی|گے)(?: \w+){0,3} اگر|"
    r"(?:boys|girls|kids|lads|people|they|everyone|teenagers|young people) (?:\w+ )?(?:carry|carries) "
    r"(?:knives|blades|weapons|a knife|a blade))\b"
)


# Past harm described as over ("i was groomed when i was 13, the worker got me out", "counselling helped me
# stop hurting myself", "i used to cut but ive been clean 18 months"): a rule's match in such an answer is
# read by the model, like a mention, and is not a flag on its own. Three kinds of words must agree: the harm
# is told as past (PAST), something says it is over or who helped (OVER), and nothing in the rest of the
# answer says it goes on, came back or was never told (GOES_ON, read with the OVER words taken out, so that
# "glad im still here" is no "still"). A harm that is over but told with no sign it is over stays a flag.
_BAD_TIME = r"(?:dark|hard|bad|tough|rough|difficult|messy|low)"
_GOOD = (
    r"(?:fine|ok|okay|safe|good|better|happy|happier|settled|great|chill|calm|peaceful|sorted|amazing|closer|well|"
    r"manageable|loads better|way better|much better|so much better|healthy|healthier|stronger|grateful|thankful|"
    r"positive)"
)
_STOPPED_DOING = r"(?:eating|going|talking|sleeping|caring|believing|hoping)"
"""What stopping does not end harm but is a sign of it ("i stopped eating", "but stopped believing")."""
PAST = re.compile(
    r"\b(?:(?:years?|months|ages|weeks|a while|a bit) (?:ago|back)|used to|back then|as a (?:kid|child)|"
    r"in the past|been through|at first|tried to|there was a time|(?:a )?long (?:time )?ago|"
    r"when (?:i|we|he|she|they|home|things|mum|dad|my \w+(?: \w+)?) (?:\w+ )?(?:was|were|wasnt|werent|had|left|"
    r"moved|came|first|couldnt|did|got|lived|needed|felt|kept)|"
    r"(?<!im )(?<!i am )(?<!hes )(?<!shes )(?<!were )(?:in|of|during) year \d+|(?:my|a) (?:\w+ )?childhood|last (?:year|winter|summer|spring|autumn)|in primary|(?:in|during|after) lockdown|"
    r"^(?:i|we) (?:was|were|had)\b(?! to)|^(?:(?:i|we) )?got (?:in|into|mixed up) with|^was \w+ing|"
    r"before|once|at \d+|for a (?:bit|while)|a (?:few|couple of) times|after (?:leaving care|what happened)|"
    r"since (?:the|my|our|a) (?:\w+ ){0,2}(?:came|got involved|started|stepped in)|"
    r"my (?:old|first|last|previous) (?:home|placement|area|school|foster \w+|one)|moved (?:here|away|out|house)|"
    r"(?:a |some )(?:few |couple of )?(?:really |very )?"
    + _BAD_TIME
    + r" (?:time|times|childhood|patch|couple of years|years?|place|way)|"
    r"(?:was|were) (?:really |so )?(?:hard|rough|bad|dark|tough|messy)|struggled|was struggling|"
    r"(?:was|were) in a (?:really )?(?:bad|dark) (?:place|way))\b"
)
OVER = re.compile(
    # who helped, and that it worked (not "nobody helped")
    r"\b(?<!nobody )(?<!no one )(?<!never )(?<!didnt )(?<!hasnt )(?:helped|got (?:me|us) (?:help|through|out|in)|"
    r"got (?:help|support)|(?:we|i) (?:have|got) (?:help|support)|believed in me|stuck by me|took (?:me|us) in|"
    r"sorted (?:it|everything|me|us|things|out)|dealt with (?:it|them|him|her)|"
    r"got (?:it|them|him) (?:taken down|sorted|stopped|removed)|moved (?:me|us)|rehoused|saved me|with help from|(?:really )?listened|stepped in|talked me (?:out of it|round)|"
    r"changed (?:that|everything|my life)|taught me|showed me (?:that|how|people|it|i)|supported (?:me|us)|"
    r"(?:was|were) there (?:for (?:me|us)|when i needed)|thanks to|reported (?:it|them|him|her)|"
    r"(?:it|that|they|counselling|therapy) (?:really )?worked|"
    # praise of those who helped ("the crisis team were incredible")
    r"(?:were|was|has been|have been) (?:so |really |absolutely |honestly )?(?:incredible|amazing|brilliant|kind|"
    r"patient|supportive|lovely|a lifesaver|life savers?))\b|"
    # how it is now (not "never felt safe")
    r"\b(?<!never )(?<!not )(?<!dont )(?<!didnt )(?<!wasnt )(?<!havent )(?<!hasnt )(?:were (?:all )?"
    + _GOOD
    + r" now|were doing (?:well|great|good|fine|ok)|"
    r"(?:im|i am|we are|shes|hes|she is|he is|mum is|dad is|things are|its|it is|life is|lifes|everything is|"
    r"its all|its been|all) (?:so |really |totally |much |honestly |genuinely |all |been )?(?:" + _GOOD[3:-1] + r"|"
    r"doing (?:much |so |really |a lot )?(?:well|better|good|ok|great)|at (?:uni|college)|studying)|"
    r"in a (?:much |really |way )?(?:good|better|great|happy) place|(?:i feel|i felt|feeling) (?:\w+ )?"
    + _GOOD
    + r"|get on (?:fine|well|great|ok)|all (?:good|sorted|fine)|(?:moved|moving) on|over it|"
    r"(?:thats|its|that is|it is|it was|all) (?:all )?(?:over|behind me|in the past)|long gone|"
    r"doing (?:really |so )?(?:well|great)|(?:had|got|have) (?:our|my) own (?:place|flat|house)|getting used to it|"
    r"how far (?:i ?ve|ive|i have) come|proud of (?:myself|me)|glad (?:im|i am) (?:still )?(?:here|alive)|"
    r"(?:been|felt) (?:so |really )?(?:fine|great|safe|good|ok|okay|happy|settled|clean|sober|better|calm|amazing)|"
    r"(?:clean|sober|free) (?:for|since) \w+|\d+ (?:months|years|weeks|days) (?:clean|sober)|barely happens?|"
    r"(?:i|we) (?:dont|do not) (?:do (?:it|that|them) )?(?:any ?more|now)|(?:im|i am) out|"
    r"(?:gave|give|gives) me (?:confidence|hope|a reason|a voice)|happy with my|(?:is|are|went) (?:in|to) (?:prison|jail)|"
    r"(?:got|was|were|been) reported|(?:cant|can not|cannot) come near|(?:isnt|is not|arent|are not|not) allowed (?:anywhere )?near|(?:much|so much|loads|way|a lot) better now|"
    r"(?:got|found|gave) (?:me|us) (?:a|my|our) (?:own )?(?:flat|place|house|home)|had (?:help|support|counselling|therapy)|"
    r"(?:but|and) stopped(?! " + _STOPPED_DOING + r")|"
    r"(?:that|it|they|he|she) stopped|i stopped(?! (?:" + _STOPPED_DOING[3:-1] + r"|leaving|seeing|getting|trying|"
    r"replying|answering|washing|wanting))|never (?:heard from|saw|seen) (?:them|him|her) again|"
    r"(?:couldnt|could not) have done it without|recover(?:ed|ing|y)|"
    r"(?:we|mum|i) left (?:him|her|my (?:dad|stepdad|step dad|mum|ex))|got away|moved out|feels like home|"
    r"(?:its been|been) (?:over |more than )?(?:a|an|\d+|one|two|three|four|five) (?:years?|months) since|"
    r"(?:dont|do not|havent|have not) (?:feel|felt) (?:scared|unsafe|like that) (?:anymore|any more|in (?:years|ages|months)|"
    r"for (?:years|ages|months))|not in (?:my|our) li(?:fe|ves)|(?:got|get) (?:me |us )?back on track|(?:all )?got sorted|"
    r"(?:long|all) over|handled it|turn(?:ed)? (?:it|my life|things) (?:a)?round|"
    # time since, not doing it for a while, ways to cope learned, a threat that never came true (twelfth session)
    r"(?:its|it has) been (?:over |more than )?(?:a|an|\d+|one|two|three|four|five|six) (?:years?|months) (?:and|now)|"
    r"(?:havent|have not|hasnt|has not) (?:done it|done that|cut|self harmed|hurt myself|harmed myself|relapsed) "
    r"(?:in|for) (?:(?:over |more than |nearly |almost )?(?:a|an|\d+|one|two|three|four|five|six) (?:years?|months)|"
    r"years|months|ages)|"
    r"learn(?:ed|t) (?:other |new |better |healthy |healthier )?(?:ways|how) to cope|but it never happened|"
    r"(?:home|it|school|things?|everything|life) feels? (?:so |really |much )?" + _GOOD + r"|"
    r"(?:has|have) changed (?:loads|a lot|so much)|(?:moving|leaving|telling|going|getting help|reporting it|"
    r"moving (?:out|away|schools?|house)) (?:\w+ )?(?:was|were) the best thing|got (?:me|us) moved|now i love|"
    # after behaviour15's measure, by kind
    r"(?:havent|have not|hasnt) (?:felt|been) (?:like that|that way|like this) (?:in|for) (?:ages|years|months|"
    r"(?:over |more than )?(?:a|an|\d+|one|two|three|four|five) (?:years?|months))|"
    r"got (?:me|us) (?:housing|accommodation|somewhere to live)|(?:been|lived) in (?:my|our) (?:own )?"
    r"(?:flat|place|house|home) (?:for )?(?:a|an|\d+|one|two|three|four|five|over a) (?:years?|months)|"
    r"never came back|(?:he|she|they) (?:left|moved out) when (?:i|we) (?:was|were)|"
    r"(?<!never )(?<!not )(?<!didnt )(?<!havent )(?<!hasnt )(?<!cant )(?<!couldnt )(?:had|got) "
    r"(?:family |some |lots of |loads of |proper |good |real )?(?:therapy|counselling|counseling|support|help)|"
    r"(?:things|life|everything)(?: at home)? "
    r"(?:is|are) (?:\w+ )?" + _GOOD + r" now|got rid of (?:it|them|the knife)|never again|"
    r"(?:been|moved|got) away from (?:him|her|them)|(?:were|we are) close now|(?<!never )(?<!not )(?<!didnt )apologi[sz]ed|"
    r"(?:now|these days) (?:im|i am|were|we are|its|it is) " + _GOOD + r")\b"
)
GOES_ON = re.compile(
    r"\b(?:still|again|agen|relaps\w*|(?:never|not|havent|hasnt) (?:told|said)|nobody knows|no ?one knows|"
    r"(?:doesnt|dont|didnt) know|nobody helped|no ?one helped|didnt help|never went away|"
    r"(?:he|she|they|it|i|people|someone|dad|mum) keeps? \w+ing|keep \w+ing (?:me|us|him|her|my)|every (?:day|night)|sometimes|at the moment|"
    r"right now|now (?:he|she|they|hes|shes|theyre|im doing|i just|i carry|i do|i have)|"
    r"(?:is|are|its|hes|shes|theyre) back|found (?:where|us|me)|same as then|as bad as|"
    r"(?:im|i am|i feel|i get) (?:so |really )?(?:scared|terrified|afraid|frightened|worried)|heard nothing|no point|"
    r"nothing (?:makes|matters|helps)|cant cope|(?:making|make|send|sending) me go back|"
    r"pretend|fake it|theres nothing|"
    # harm told in the present beside a story that is over ("i want to kill myself. i ran away at 13 but it got sorted")
    r"(?:i|im) (?:really )?(?:want|wanna|going|gonna|feel like|think about|keep thinking about) (?:to )?"
    r"(?:die|dying|kill|killing|end it|ending it|end my|hurt|hurting|cut|cutting|disappear)|"
    r"(?:dont|do not) want to (?:be here|live|be alive|wake up|exist)|"
    r"(?:comes|come|keeps coming|gets|creeps) (?:in|into) (?:my|the) (?:room|bedroom|bed|bathroom|shower)|"
    r"(?<!no one )(?<!noone )(?<!nobody )(?<!never )(?<!no1 )"
    r"(?:hits|beats|batters|touches|hurts|kicks|punches|slaps|chokes|strangles|threatens) (?:me|us|my|her|him|mum|them)|"
    r"(?:is|are|keeps|be|b|been) (?:hitting|hittin|beating|beatin|hurting|hurtin|touching|touchin|kicking|punching|"
    r"slapping|choking) (?:me|us|her|him|my|mum)|"
    r"(?:cant|can not|cannot) stop\b|(?:dont|do not|never) feel safe|"
    r"(?:havent|have not) (?:eaten|slept|had (?:any )?(?:food|dinner|tea|breakfast|lunch)) (?:since|for|in)\b)\b"
)
HIDING = re.compile(
    r"\b(?:tell|told|say|said to) (?:them|people|everyone|my \w+) (?:im|i am|i was|its|it is) (?:fine|ok|okay|good)\b"
)
"""An answer that says the young person tells others it is fine ("i tell them im fine but …") is not over."""
HELPED_STOP = re.compile(
    r"\b(?<!nobody )(?<!no one )(?<!never )(?<!didnt )(?:helped me|help me|helping me) (?:to )?"
    r"(?:stop|get over|get out|get through|through|out)\b|"
    r"\b(?:clean|free) (?:for|since) \w+|\b\d+ (?:months|years|weeks) clean\b|"
    # words that say by themselves that it is past and over (#25, ninth session)
    r"\b(?:but|and) (?:thats|its|it is|that is|it was|its all|thats all) (?:all )?over\b|"
    r"\bbut not any ?more(?= *$| *,| and\b| but\b| now\b| cos\b)|"
    r"\b(?<!nobody )(?<!no one )(?<!never )(?<!didnt )(?:got|gets) (?:me|us) through\b|"
    r"\b(?:has been|have been|got|is all|are all|its all|thats all|all) sorted\b|"
    r"\b(?:doesnt|dont|didnt) (?:bother|need|see|happen to) (?:me |us |them |him |her |it )?(?:much |really )?"
    r"any ?more\b|"
    r"\b(?:court order|restraining order|injunction)\b|"
    r"\b(?:hes|shes|theyre|he is|she is|they are) (?:been )?(?:gone|long gone|out of (?:our|my) li(?:fe|ves))\b|"
    r"\btalked (?:it|things|everything) (?:all )?through\b|"
    r"\b(?:ive|i have|weve|we have|been|lived|living) (?:been )?(?:here|with them|with (?:my|our) \w+(?: \w+)?) "
    r"(?:for )?(?:\d+|a|one|two|three|four|five|six|a few|a couple of) (?:years?|months)\b|"
    r"\b(?:back to normal|(?:a|my) fresh start|(?:and|now) (?:im |i am )?loving (?:it|life|every minute))\b|"
    r"\b(?:me and (?:my )?\w+|we|us) (?:are|r) (?:now )?(?:all )?(?:safe|ok|okay|fine|happy|good|alright|settled)\b"
)


def described_as_over(plain: str) -> bool:
    """Whether a normalised answer tells of harm as past and over, with nothing said to go on (see PAST)."""
    if not (HELPED_STOP.search(plain) or (PAST.search(plain) and OVER.search(plain))):
        return False
    rest = USED_TO_CLAUSE.sub(" ", HELPED_STOP.sub(" ", OVER.sub(" ", plain)))
    return not (HIDING.search(plain) or GOES_ON.search(rest))


USED_TO_CLAUSE = re.compile(r"\bused to (?:feel|think|be|get)\b(?: (?!but\b|and\b|still\b|again\b|now\b)\w+){0,8}")
"""What the answer says it used to feel ("i used to feel like there was no point to anything but ..."): not read
for words that say it goes on."""


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
    evidence: Evidence | None = None
    """For the model: why, in words a lead can check (never a bare score)."""


TIERS = ("flag", "person", "look")


def model_flag(scored: Scores, tier: str, why: Evidence | None = None, mentions: dict[str, str] | None = None) -> Flag:
    """What the model found: its likeliest category, with the sentence, score and evidence behind it."""
    reason = scored.risk_sentence or scored.whole
    if mentions:
        why = msgspec.structs.replace(why or Evidence(), mentions=mentions)
    return Flag(scored.category, shortened(reason), SEVERITY.get(scored.category, 2), tier, scored.risk, why)


REASON_LENGTH = 300


def shortened(sentence: str, length: int = REASON_LENGTH) -> str:
    """The sentence behind a flag as the lead reads it: whole, or cut at the last whole word within `length` with
    "…" after it (never in the middle of a word)."""
    if len(sentence) <= length:
        return sentence
    cut = sentence[: length + 1].rsplit(maxsplit=1)[0] if " " in sentence[:length] else sentence[:length]
    return cut.rstrip(" ,;:.") + "…"


def needs_a_person(language: str) -> Flag:
    """An answer in a language the reader cannot read: queued like a flag, for a person to read."""
    return Flag(NEEDS_READING, language, SEVERITY[NEEDS_READING], "person")


NEGATING = frozenset(
    (
        "not",
        "never",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "wasnt",
        "havent",
        "hasnt",
        "nobody",
        "noone",
        "aint",
        "nah",
        "no",
        "cant",
        "wont",
        "nor",
        "neither",
        "none",
        "wouldnt",
    )
)
"""Words that turn a rule's match round ("i dont self harm", "ive never been hit", "im not in danger"), and
their Polish and Urdu counterparts ("nikt mnie nie bije", "mujhe koi nahi maarta": see PHRASES_FILE)."""
_PHRASE_RULES, _PHRASE_NEGATORS, PHRASE_NEEDS = _phrases()
"""PHRASE_NEEDS: for each key phrase's pattern, a string every match contains (_phrase_pattern)."""
for _category, _patterns in _PHRASE_RULES.items():
    RULES.setdefault(_category, []).extend(p for p in _patterns if p not in RULES.get(_category, ()))
POLISH_NEGATING = _PHRASE_NEGATORS.get("pl", frozenset())
URDU_NEGATING = _PHRASE_NEGATORS.get("ur", frozenset())
NEGATING = NEGATING | POLISH_NEGATING | URDU_NEGATING
NEGATED_BEFORE = 6
"""...when they stand in the match, or up to this many words before it with only words that carry the
negation on between (BRIDGE: "i would never ever hurt myself", "no one at home hits me", "ive never thought
about killing myself"), in a rule that is not itself about an absence ("i dont feel safe", "no food in the
house", "cant cope anymore" are rules as they are). Any other word between ends it: "i cant stop cutting
myself", "nobody knows i cut myself", "i dont know why i hurt myself", "no one cares if i kill myself"."""
BRIDGE = frozenset(
    (
        *("i", "im", "ive", "id", "me", "my", "one", "body", "anyone", "anybody", "ever", "really", "even"),
        *("actually", "want", "wanna", "to", "going", "gonna", "plan", "planning", "intend", "mean", "thinking"),
        *("think", "thought", "thoughts", "of", "about", "felt", "feel", "feeling", "been", "be", "have", "had"),
        *("has", "any", "would", "will", "at", "in", "home", "school", "makes", "make", "made", "family"),
        *("parents", "house", "tried", "do", "does", "did", "am", "is", "are", "was", "were"),
    )
)
WEAK_NEGATING = frozenset(("no", "nah"))
"""Negators that turn a match round only right before it ("no self harm here") or as "no one": "no i want to
die" is no denial."""


def _denied(before: list[str]) -> bool:
    """Whether a negator stands before a match, with only BRIDGE words between (the words nearest first)."""
    for at in range(len(before) - 1, -1, -1):
        word = before[at]
        if word in NEGATING and (
            word not in WEAK_NEGATING or at == len(before) - 1 or before[at + 1 : at + 2] == ["one"]
        ):
            return True
        if word not in BRIDGE and not (word == "like" and before[at - 1 : at] in (["feel"], ["felt"], ["feeling"])):
            return False  # "like" only as "feel like": "not like my dad who hits my mum" is no denial
    return False


class LazyPattern:
    """A rule's pattern, compiled the first time an answer has what it needs (see _compiled): the Polish and Urdu key
    phrases are thousands, and most answers never need one."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled.finditer(text)


@cache
def _compiled() -> tuple[tuple[str, frozenset[str], LazyPattern, bool], ...]:
    """Each rule and mention: its category, the strings one of which every match contains (see
    required_literals, or a key phrase's own words: PHRASE_NEEDS; "" for one with none: always tried), the pattern,
    and whether it is a rule."""
    return tuple(
        (
            cat.removesuffix(OTHER_LANGUAGES),
            frozenset([PHRASE_NEEDS[p]] if p in PHRASE_NEEDS else required_literals(p) or [""]),
            LazyPattern(p),
            strong,
        )
        for table, strong in ((RULES, True), (MENTIONS, False))
        for cat, pats in table.items()
        for p in pats
    )


@cache
def _about_absence(pattern: LazyPattern) -> bool:
    """Whether a rule's own words say that something is not there or not done (see NEGATED_BEFORE)."""
    written = pattern.pattern.replace(POLISH_FILLER, " ").replace("\\b", " ").replace("\\w", " ")
    return not NEGATING.isdisjoint(re.findall(r"[^\W\d_]+", written))


NEGATED_AFTER = 3
"""Urdu may put "nahi" after the verb ("khud ko nuqsan nahi pohanchati"), and Polish "nigdy nie" a few words
before ("nigdy nie myslalem o samobojstwie"): for the Polish and Urdu rules, an Urdu negator up to this many
words after the match turns it round, and a Polish one up to NEGATED_BEFORE_OTHER words before (Urdu's
stands just before its verb: "kuch nhi hota, bhooka sota hun" is not turned round)."""
NEGATED_BEFORE_OTHER = 4


@cache
def _other_language_patterns() -> frozenset[str]:
    return frozenset(p for cat, pats in RULES.items() if cat.endswith(OTHER_LANGUAGES) for p in pats)


def _negated(plain: str, start: int, end: int, pattern: LazyPattern, text: str = "") -> bool:
    """Whether a rule's match is turned round; for a Polish or Urdu phrase, only by words of its own clause, as the
    answer as written (`text`, whose normalised form is `plain`) has its commas and full stops."""
    if _about_absence(pattern):
        return False
    if pattern.pattern not in _other_language_patterns():
        return _denied(plain[:start].split()[-NEGATED_BEFORE:]) or not NEGATING.isdisjoint(plain[start:end].split())
    begin, stop = _clause(text, plain.split(), plain.count(" ", 0, start)) if text else (0, len(plain))
    return _turned_round_in_another_language(
        plain[begin:start].split(), plain[start:end].split(), plain[end : max(end, stop)].split()
    )


POLISH_FILLERS = frozenset(
    [
        *("wiem", "moge", "mogę", "mam", "daje", "daję", "wytrzymam", "wytrzymuje", "wytrzymuję", "umiem"),
        *("rozumiem", "ogarniam", "radze", "radzę", "potrafie", "potrafię", "chce", "chcę"),
    ]
)
"""Verbs a Polish "nie" negates on their own, before harm told in the same breath: "nie wiem, chyba się zabiję",
"nie mam siły, chcę się zabić", "nie daję rady, tnę się" (the "nie" turns round the filler, not the harm)."""
URDU_NEVER_THOUGHT = re.compile(
    r"^(?:\S+ ){0,3}(?:ka|ki|ke|ke bare mein|ke baare mein|ke bare me|ke baare me) (?:kabhi |kbhi )?"
    r"(?:nahi|nahin|nai|nhi|nahi?n) (?:socha|sochi|sochta|sochti|soch)\b"
)
"""Roman Urdu "never thought of it" after a key phrase: "ghar se bhaag jaane ka kabhi nahi socha"."""


def _turned_round_in_another_language(before: list[str], matched: list[str], after: list[str]) -> bool:
    """Whether a Polish or Urdu key phrase's words (`matched`) are turned round: a negator among them, a Polish one
    up to NEGATED_BEFORE_OTHER words before (not the "nie" of a filler: POLISH_FILLERS), an Urdu one just before or up
    to NEGATED_AFTER words after, or "... ka kabhi nahi socha" after it."""
    near = before[-NEGATED_BEFORE_OTHER:]
    polish = any(
        w in POLISH_NEGATING and not (w == "nie" and k + 1 < len(near) and near[k + 1] in POLISH_FILLERS)
        for k, w in enumerate(near)
    )
    soon = after[:NEGATED_AFTER]
    for k, w in enumerate(soon):
        if w in URDU_CONDITION:  # "chaku maarenge agar paise nahi diye": the "nahi" is the condition's
            soon = soon[:k]
            break
    return (
        not NEGATING.isdisjoint(matched)
        or polish
        or not URDU_NEGATING.isdisjoint(before[-1:] + soon)
        or bool(URDU_NEVER_THOUGHT.match(" ".join(after[:9])))
    )


URDU_CONDITION = frozenset(["agar", "agr", "warna", "warnah", "wrna", "jab", "jb", "اگر", "ورنہ", "جب"])
"""Roman Urdu and Urdu "if", "or else", "when": a negator after one is its clause's, not the key phrase's."""


CLAUSE_END = re.compile(r"[,.;:!?\n]")


def _clause(text: str, words: list[str], at: int) -> tuple[int, int]:
    """Where, in the answer's normalised words joined by spaces, the clause (after a comma, full stop ...) that word
    `at` is in starts (a clause under the one before it, JOINED_CLAUSE, is part of it), and where the next comma or
    full stop after it ends it; the whole answer when the clauses' words do not add up to the answer's."""
    whole = (0, sum(len(w) + 1 for w in words))
    if not CLAUSE_END.search(text):
        return whole
    parts = [normalise(part).split() for part in CLAUSE_END.split(text)]
    if sum(map(len, parts)) != len(words):
        return whole
    first, begin, last = 0, 0, len(words)
    for part in parts:
        if begin <= at and part and part[0] not in JOINED_CLAUSE:
            first = begin
        if begin > at and part:
            last = min(last, begin)
        begin += len(part)
    return sum(len(w) + 1 for w in words[:first]), sum(len(w) + 1 for w in words[:last])


JOINED_CLAUSE = frozenset(
    [
        *("że", "ze", "żeby", "zeby", "aby", "by", "iż", "iz", "gdyby", "jakbym", "jakby", "bo", "który", "ktory"),
        *("która", "ktora", "które", "ktore", "czy", "co", "ke", "kay", "kyunki", "kiunke", "jo", "taake", "take"),
    ]
)
"""Words that start a clause still under the one before it ("nigdy nie myślałam, żeby się zabić", "kabhi nahi
socha, ke ..."): a negator before the comma still turns round what follows them."""


@cache
def _all_stems() -> Literals:
    return Literals(stem for _, found, _, _ in _compiled() for stem in found)


@cache
def _rules_of_stem() -> dict[str, tuple[int, ...]]:
    """For each stem, the rules (positions in _compiled) that need it."""
    found: dict[str, list[int]] = {}
    for index, (_, stems_, _, _) in enumerate(_compiled()):
        for stem in stems_:
            found.setdefault(stem, []).append(index)
    return {stem: tuple(indices) for stem, indices in found.items()}


RULE_CATEGORIES = tuple(dict.fromkeys(c.removesuffix(OTHER_LANGUAGES) for c in (*RULES, *MENTIONS)))
SELF_WORDS = frozenset(("i", "im", "ive", "id", "ill", "me", "my", "myself", "mine"))
SELF_DISTANCE = 5
"""A mention is about the writer (a feature of its own) when "i", "me" or "my" is this many words from it."""
SELF_MARK = "@self"
OTHERS = frozenset(
    (
        "someone",
        "somebody",
        "he",
        "she",
        "they",
        "who",
        "people",
        "girl",
        "boy",
        "man",
        "woman",
        "lad",
        "kid",
        "everyone",
    )
)
"""Who a single risk word is about when one of these (and no "i", "me", "my") stands just before it: a mention."""
FEELING_BEFORE = frozenset(
    (*SELF_WORDS, "feel", "feeling", "felt", "been", "was", "am", "tried", "attempted", "got", "get")
)


@cache
def _fuzzy_word(word: str) -> str | None:
    """The category of a single word that is, or is close to, a risk word (cached: words repeat)."""
    if word in FUZZY:
        return FUZZY[word]
    if len(word) < 6:
        return None
    match = difflib.get_close_matches(word, [w for w in FUZZY if w[:2] == word[:2]], n=1, cutoff=0.84)
    return FUZZY[match[0]] if match else None


class Ruled(msgspec.Struct, frozen=True):
    """What the rules found in one answer."""

    flags: list[Flag]
    """The rules that matched: each a flag, whatever the model says."""
    mentions: dict[str, str]
    """For each category only mentioned, the first phrase that did."""
    features: frozenset[str]
    """What the model reads of them: each category matched or mentioned, and "<category>@self" where
    "i", "me" or "my" is near the match."""


def _near_self(words: list[str], at: int, length: int) -> bool:
    return not SELF_WORDS.isdisjoint(words[max(0, at - SELF_DISTANCE) : at + length + SELF_DISTANCE])


@lru_cache(maxsize=4096)
def read_rules(text: str) -> Ruled:
    """The rules and mentions in one answer (cached: the reader and its features share them)."""
    plain = normalise(text)
    if not plain:
        return Ruled([], {}, frozenset())
    words = plain.split()
    starts: list[int] = []
    harmless = [m.span() for m in NOT_A_RISK.finditer(plain)]
    # The stems in the text, in one pass; then only the rules one of whose stems is there ("": always), in order.
    rules, of_stem = _compiled(), _rules_of_stem()
    candidates = sorted({i for stem in _all_stems().within(plain) | {""} for i in of_stem.get(stem, ())})
    found: dict[str, str] = {}
    mentioned: dict[str, str] = {}
    features: set[str] = set()
    denials = 0
    for category, _, pattern, strong in (rules[i] for i in candidates):
        if category in found or (not strong and category in mentioned):
            continue
        for m in pattern.finditer(plain):
            if any(s < m.end() and m.start() < e for s, e in harmless):  # the match is in an ordinary use
                continue
            if strong and _negated(plain, m.start(), m.end(), pattern, text):
                features.add(category)  # "i dont self harm": for the model to read, not a sign of harm
                denials += _plainly_denied(plain, m.start(), m.end())
                continue
            (found if strong else mentioned).setdefault(category, m.group())
            features.add(category)
            if strong:
                features.add(category + SELF_MARK)
                break
            if not starts:  # where each word starts, worked out once an answer has a mention
                starts = list(itertools.accumulate((len(w) + 1 for w in words[:-1]), initial=0))
            if _near_self(words, bisect.bisect_right(starts, m.start()) - 1, len(m.group().split())):
                features.add(category + SELF_MARK)
            break
    _misspelt(words, found, mentioned, features)
    _phrase_with_a_slip(words, found, features, harmless)
    if denials and not found and not GOES_ON.search(plain):
        features.add(DENIED)
    if found and described_as_over(plain):
        features.add("over")
        mentioned = found | {c: r for c, r in mentioned.items() if c not in found}
        found = {}
    flags = sorted((Flag(c, r, SEVERITY[c]) for c, r in found.items()), key=lambda f: (f.severity, f.category))
    return Ruled(flags, {c: r for c, r in mentioned.items() if c not in found}, frozenset(features))


DENIED = "denied"
"""A feature of an answer whose rules matched only where a negator stands right before the harm ("i don't get hit
at home", "no one touches me in a way i dont like", "ive never self harmed"), with nothing saying it goes on: the
close reader must be surer before it reaches the lead (voice.reading.themes)."""
ONLY_PLACE = re.compile(r"\bonly (?:place|time|one|person|people|day|days|thing)\b(?: \w+){0,2} *$")


def _plainly_denied(plain: str, start: int, end: int) -> bool:
    """A negator within two words before a rule's match or in its first two words, and not "the only place nobody
    hits me" (which says that elsewhere someone does)."""
    before = plain[:start].split()
    return (
        not NEGATING.isdisjoint(before[-2:]) or not NEGATING.isdisjoint(plain[start:end].split()[:2])
    ) and not ONLY_PLACE.search(" ".join(before[-5:]))


def _misspelt(words: list[str], found: dict[str, str], mentioned: dict[str, str], features: set[str]) -> None:
    """Single risk words, also misspelt ("sucidal"): a rule after "i", "feel", "been" …, else a mention."""
    for at, word in enumerate(words):
        if (category := _fuzzy_word(word)) is None:
            continue
        features.add(category)
        if _denied(words[max(0, at - NEGATED_BEFORE) : at]):  # "no im not suicidal": for the model to read
            continue
        before = words[max(0, at - 3) : at]
        if not FEELING_BEFORE.isdisjoint(before) and (  # "been feeling sucidal", "i was abused"
            not SELF_WORDS.isdisjoint(before) or OTHERS.isdisjoint(before)  # not "someone got stabbed on tv"
        ):
            found.setdefault(category, word)
            features.add(category + SELF_MARK)
        else:
            mentioned.setdefault(category, word)


POLISH_LETTERS = str.maketrans("ąćęłńóśźż", "acelnoszz")
SLIP_MIN_LETTERS = 4
"""A word of a key phrase may be typed with one slip where it has at least this many letters: with two letters next to
each other swapped ("bjie" for "bije"), or, from SLIP_ANY_LETTERS letters, also a letter too many, too few or wrong.
Shorter words ("mnie", "sie", "hai") and other slips in words of four ("mama" for "maca") are other words."""
SLIP_ANY_LETTERS = 5
OTHER_LANGUAGE_WORDS = frozenset(
    [
        "nie",
        "sie",
        "mnie",
        "mam",
        "jest",
        "jestem",
        "juz",
        "mi",
        "moj",
        "moja",
        "mojej",
        "ze",
        "ja",
        "tylko",
        "bo",
        "jak",
        "sobie",
        "wszystko",
        "dosc",
        "bardzo",
        "chce",
        "mujhe",
        "mjhe",
        "muje",
        "nahi",
        "nahin",
        "nhi",
        "hai",
        "hain",
        "mera",
        "meri",
        "mere",
        "ghar",
        "mein",
        "bohat",
        "bahut",
        "koi",
        "kabhi",
        "mai",
        "hun",
        "hoon",
        "yaar",
        "kya",
        "aur",
        "woh",
        "wo",
        "abbu",
        "ammi",
    ]
)
"""Everyday words of Polish and Roman Urdu: an answer with one of them is read for key phrases typed with a slip."""


@cache
def _slip_phrases() -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """The Polish and Roman Urdu key phrases of two words or more (Polish letters folded to plain ones): each its
    category, its words, and whether a negator is one of its own words ("nie ma sensu")."""
    found: dict[tuple[str, ...], str] = {}
    for lang in ("pl", "ur-Latn"):
        for category, phrases in _phrases_file().get(lang, {}).items():
            if category in ("negators", "examples"):
                continue
            for phrase in phrases:
                words = tuple(normalise(phrase).translate(POLISH_LETTERS).split())
                if len(words) > 1 and any(len(w) >= SLIP_MIN_LETTERS for w in words):
                    found.setdefault(words, CATEGORY_OF_LABEL.get(category, category))
    negators = {w.translate(POLISH_LETTERS) for w in NEGATING}
    return tuple((category, words, not negators.isdisjoint(words)) for words, category in found.items())


def _one_slip(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with two letters next to each other swapped, or (in a word of SLIP_ANY_LETTERS or
    more) with one letter too many, too few or wrong."""
    if len(word) < SLIP_MIN_LETTERS or abs(len(typed) - len(word)) > 1 or typed == word:
        return False
    if len(word) < SLIP_ANY_LETTERS and len(typed) != len(word):
        return False
    if len(typed) == len(word):
        wrong = [k for k in range(len(word)) if typed[k] != word[k]]
        return (len(wrong) == 1 and len(word) >= SLIP_ANY_LETTERS) or (
            len(wrong) == 2
            and wrong[1] == wrong[0] + 1
            and typed[wrong[0]] == word[wrong[1]]
            and typed[wrong[1]] == word[wrong[0]]
        )
    short, long = (typed, word) if len(typed) < len(word) else (word, typed)
    k = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[k:] == long[k + 1 :]


def _phrase_with_a_slip(
    words: list[str], found: dict[str, str], features: set[str], harmless: list[tuple[int, int]]
) -> None:
    """A Polish or Roman Urdu key phrase typed with one slip in one of its longer words ("nic nie ma snesu", "marna
    cahta hun"), in an answer with Polish or Roman Urdu words in it: a rule, unless a negator stands before it (a
    Polish one up to NEGATED_BEFORE_OTHER words before, an Urdu one just before or up to NEGATED_AFTER after) and the
    phrase is not itself about an absence, nor in an ordinary use (NOT_A_RISK: "abbu mujhe maar dalenge agar ..."). Only
    where no rule matched: a phrase typed right is the rules' own."""
    plain = [w.translate(POLISH_LETTERS) for w in words]
    if found or OTHER_LANGUAGE_WORDS.isdisjoint(plain):
        return
    phrases, where = _slip_phrases(), _slip_index()
    # Where each phrase could start: one of its words typed right, at its place in the phrase.
    starts = sorted({(n, j - k) for j, typed in enumerate(plain) for n, k in where.get(typed, ()) if j >= k})
    for n, at in starts:
        category, phrase, absent = phrases[n]
        if category in found or at + len(phrase) > len(plain):
            continue
        slips = 0
        for typed, word in zip(plain[at : at + len(phrase)], phrase, strict=True):
            if typed != word:
                slips += 1 if _one_slip(typed, word) else 2
        if slips != 1:
            continue
        if not absent and _turned_round_in_another_language(
            plain[:at], plain[at : at + len(phrase)], plain[at + len(phrase) :]
        ):
            continue
        begin = sum(len(w) + 1 for w in words[:at])
        end = begin + len(" ".join(words[at : at + len(phrase)]))
        if any(s < end and begin < e for s, e in harmless):
            continue
        found[category] = " ".join(words[at : at + len(phrase)])
        features.update((category, category + SELF_MARK))


@cache
def _slip_index() -> dict[str, tuple[tuple[int, int], ...]]:
    """For each word of the key phrases (_slip_phrases): the phrases it is in, and where in each."""
    index: dict[str, list[tuple[int, int]]] = {}
    for n, (_, phrase, _) in enumerate(_slip_phrases()):
        for k, word in enumerate(phrase):
            index.setdefault(word, []).append((n, k))
    return {word: tuple(places) for word, places in index.items()}


def flags_for(text: str) -> list[Flag]:
    """Every category the rules say the text discloses, each once, with the first phrase that matched."""
    return read_rules(text).flags


def mentions_for(text: str) -> list[Flag]:
    """The categories the text only mentions (as flags, for the rules-only reader voice had before)."""
    return [Flag(c, r, SEVERITY[c]) for c, r in read_rules(text).mentions.items()]


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
    "suicide": N_("Suicidal thoughts"),
    "self_harm": N_("Self-harm"),
    "abuse_at_home": N_("Abuse or violence at home"),
    "sexual_harm": N_("Sexual harm or grooming"),
    "exploitation": N_("Exploitation"),
    "weapons": N_("Weapons"),
    "feeling_unsafe": N_("Feeling unsafe"),
    "going_hungry": N_("Going hungry"),
    "running_away": N_("Running away"),
    "hopelessness": N_("Hopelessness"),
    "domestic_abuse_witnessed": N_("Domestic abuse between adults at home"),
    "needs_reading": N_("Needs a person to read"),
    "raised_by_staff": N_("Sent by a member of staff"),
}
