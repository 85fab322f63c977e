"""Redaction: personal details out of free text before anyone but a safeguarding lead sees it.

One function, `redact()`, serves every way words come in: the form and the API, imports, paper and
session entry, and facilitators' edited quotes. Each detail becomes a readable tag: [name], [school],
[email], [phone], [handle], [postcode], [address], [link], [date of birth], [NHS number],
[NI number], [PESEL], [vehicle registration], or the kind given in the partnership's own list.

Recognisers work in the manner of Microsoft Presidio's pattern recognisers (a pattern, the words
around it, a checksum where the detail has one), without a language model (none can be downloaded
here, and one would cost more than the whole reading step): names from context ("my name is", titles,
"my sister X", lists of friends, a first name then a surname, a capitalised word that is no English
word before "said" or "told"), name lists from maintained packages (voice.reading.names), schools from "at X
School" and "I go to X", contact details written out in words ("jake dot smith at gmail dot com",
"oh seven seven double oh ..."), and numbers by their shape and check digits (NHS Modulus 11, PESEL).
What is public and useful stays: helpline numbers (Childline 0800 1111, 999, 111, ...), services'
names, towns and countries, and whatever the partnership lists under `keep:`.

`explain()` says which recogniser removed what (for `voice redact --explain`; never logged).
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import msgspec
import phonenumbers

from voice.common.text import text_speak
from voice.reading import close_labeller, labeller, quick_labeller
from voice.reading.names import (
    FUNCTION_WORDS,
    NEVER_NAMES,
    SUBJECTS,
    arabic_key,
    arabic_script_names,
    as_words,
    everyday_names,
    everyday_words,
    first_names,
    helplines,
    is_english,
    local_places,
    not_people,
    places,
    public_figures,
    read_helplines,
    school_forms,
    school_misspelt,
    school_tokens,
    school_written_forms,
    streets,
    surnames,
    urdu_stop_words,
    word_list,
    works,
)

# --- contact details -------------------------------------------------------------------------
MAIL_PROVIDERS = (
    r"gmail|googlemail|hotmail|outlook|live|yahoo|ymail|icloud|me|msn|aol|btinternet|sky|"
    r"virginmedia|talktalk|proton|protonmail|wp|onet|o2|interia|gazeta"
)
TLD = r"com|co|uk|org|net|pl|ac|sch|ie|io|me|edu|gov|nhs|info"
WEBMAIL = r"gmail|googlemail|hotmail|outlook|yahoo|ymail|icloud|btinternet|protonmail|wp|onet|interia"
WEBMAIL_NOT_WORDS = r"gmail|googlemail|hotmail|ymail|icloud|btinternet|protonmail"
DOT = r"(?:\s*\.\s*|\s+dot\s+|\s*[(\[]dot[)\]]\s*)"
EMAIL = re.compile(
    # Spaced out around its "@" and dots, at a mail provider: "lewis 2010 @ gmail . com", "jo @ hotmail . co . uk".
    rf"[A-Za-z0-9._%+'-]+(?:\s\d{{2,4}})?\s?@\s?(?:{MAIL_PROVIDERS})(?:\s?\.\s?(?:{TLD}))+\b"
    r"|[A-Za-z0-9._%+'-]+(?:@\s?|\s@\s|\s?(?:\(at\)|\[at\])\s?)[A-Za-z0-9-]+(?:\s?\.\s?[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    # Written out: "jake dot smith at gmail dot com", "bella (at) gmail (dot) com".
    rf"|\b[A-Za-z0-9_%+-]+(?:(?:\.|\s+(?:dot|underscore|dash)\s+)[A-Za-z0-9_%+-]+)*"
    rf"(?:\s*[(\[]at[)\]]\s*|\s+at\s+)"
    rf"(?:(?:{MAIL_PROVIDERS})(?:{DOT}[A-Za-z0-9-]+)*{DOT}(?:{TLD})\b"
    rf"|[A-Za-z0-9-]+(?:{DOT}[A-Za-z0-9-]+)*(?:\s+dot\s+|\s*[(\[]dot[)\]]\s*)(?:{TLD})\b)"
    # Without the ending: "jade.smith@gmail", "jadesmith at hotmail".
    rf"|[A-Za-z0-9._%+'-]+@\s?(?:{WEBMAIL})\b|[A-Za-z0-9._%+'-]+\s+at\s+(?:{WEBMAIL_NOT_WORDS})\b",
    re.IGNORECASE,
)
LINK = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]']|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co\.uk|org\.uk|org|net|uk|io|me|ly|tv|gg|app)"
    r"(?:/\S*)?\b",
    re.IGNORECASE,
)
SOCIAL_WORDS = word_list("apps")
"""Apps' names (and "user name"): a handle follows or comes before one."""
SOCIAL = "|".join(sorted(SOCIAL_WORDS - {"user"}, key=lambda w: (-len(w), w))) + r"|user\s*name"
HANDLE_TOKEN = rf"(?!(?:{SOCIAL}|channel|account|name|is|on)\b)@?[A-Za-z0-9_.#]{{2,32}}[A-Za-z0-9_#]"
HANDLE_AFTER = re.compile(  # matched where an app's name starts
    rf"(?:{SOCIAL})\b(?:\s*(?:(?:channel|account|name|names|id|tag|handle|is|its|it's|me|on|at|user|username|"
    rf"to|jest|mam|hai|ka|ki|mera|meri|e|este|meu|mea|lui|ei)(?![\w.])|[:=@-])\s*){{0,3}}\s*"  # not "its" of "its.leylaa"
    rf"(?P<h>{HANDLE_TOKEN})",
    re.IGNORECASE,
)
HANDLE_BEFORE = re.compile(rf"(?<![\w@.])(?P<h>{HANDLE_TOKEN})\s+on\s+$", re.IGNORECASE)  # before "on <app>"
AT_HANDLE = re.compile(
    r"(?<![\w@.])@[A-Za-z0-9_.]{2,30}[A-Za-z0-9_]"
    # A word with an underscore that is shaped like a user name: a digit in it, an underscore at an end,
    # or a part of one or two letters ("lils_world07", "polishprincess_", "xx_jay_xx", "noor_b"); not
    # "most_important".
    r"|\b(?=[A-Za-z0-9_]*\d)[A-Za-z0-9]+_[A-Za-z0-9_]*[A-Za-z0-9]_?(?!\w)"
    r"|(?<![\w@])_[A-Za-z0-9_]+\b|\b[A-Za-z0-9][A-Za-z0-9_]*_(?![\w@])"
    r"|\b(?:[A-Za-z0-9]{1,2}_[A-Za-z0-9_]+|[A-Za-z0-9_]+_[A-Za-z0-9]{1,2})\b"
    # a capital inside a part ("BlueFox_Uncle")
    r"|\b[A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*_[A-Za-z0-9_]+\b"
)
UNDERSCORED = re.compile(r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+){2,}\b")
"""Three parts or more joined by underscores: a handle where a part is no English word ("majka_z_leicester",
"zuzia_jest_brzydka"), not words joined up ("talk_to_someone")."""
DOTTED_HANDLE = re.compile(r"(?<![\w@./])[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+){2,}(?![\w@/]|\.\w)")
"""Three parts or more joined by dots, no web address ("leicester.vapez.plug", "andrei.p.deals"): see
_dotted_handles()."""

HANDLE_SHAPE = re.compile(r"[\d_.#@]|[a-z][A-Z]")
PHONE_LIKE = re.compile(r"(?<![\w+])(?:\+|\(\+?)?\d(?:[\s().\-/_*]{0,3}\d){8,14}(?![^\WxX])")
"""Nine to fifteen digits, with a kiss after them or not ("07700900461x")."""
O_BESIDE_DIGIT = re.compile(r"(?<![A-Za-z])[oO]\s?\d|\d[oO]")
O_FOR_ZERO = re.compile(r"(?<=\d)[oO]+|(?<![A-Za-z])[oO]+(?=[\s.-]?[\doO])|(?<=\d[\s.-])[oO]+(?![A-Za-z])")
"""The letter o typed for a nought in a number ("o7700 900461", "07700 9OO 461")."""
POLISH_PHONE = re.compile(r"(?<![\d+])(?:(?P<cc>\+?48)[\s-]?)?\d{3}[\s-]?\d{3}[\s-]?\d{3}(?![\d])")
PHONE_CONTEXT = re.compile(
    r"(?:numer|nr|tel|telefon|zadzwo\w*|number|no|ring|call|text|whatsapp|phone|mobile|"
    r"komórk\w*)\W*(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
SPOKEN_DIGITS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nought": "0",
    "nil": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
SPOKEN_PHONE = re.compile(
    r"\b(?:(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine|double|triple|treble|\d{1,5})"
    r"(?:[\s,.-]+|$)){6,}",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? {0,2}\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
ADDRESS_STREETS = streets().address
"""The last word of a street's name in an address: the ADDRESS pattern's, and what an answer needs before it runs."""
STREET = "(?:" + "|".join(sorted(ADDRESS_STREETS, key=lambda w: (-len(w), w))) + ")"
NOT_STREET_WORD = (
    r"(?!(?:a|an|the|of|and|to|in|on|at|for|my|our|your|his|her|times?|days?|weeks?|hours?|"
    r"minutes?|mins?|years?|people|kids|things|different|is|was|are|were|which|each|every|so|too|"
    r"very|sessions?|pounds?|quid|p|out|buses|bus|down|along|past|into|through|towards|"
    # words of grammar, never in a street's name: "after 6 except walk up and down", "at 5 then drive home"
    r"except|then|or|but|till|until|after|before|with|from|we|i|you|they|he|she|it|me|us|them|just|only|also|"
    r"still|when|while|if|because|cos|coz|not|can|will|would|should|could)\b)"
)
COMPASS = r"(?:\s+(?:north|south|east|west)\b)?"
BUILDING_WORDS = frozenset(
    [
        *("house", "court", "lodge", "tower", "towers", "heights", "point", "mansions", "block", "hall"),
        *("building", "apartments", "quarter", "wharf", "mill", "works"),
    ]
)
"""The last word of a building's name ("elizabeth house", "st peters court")."""
BUILDING = (
    r"(?:,?\s+(?:the\s+)?(?:[A-Za-z']+\s+){1,2}(?:"
    + "|".join(sorted(BUILDING_WORDS, key=lambda w: (-len(w), w)))
    + r")\b)?"
)
HOUSE_NUMBER = r"(?:(?:number|no\.?|num)\s*)?"
ADDRESS = re.compile(
    # not the second number of "10-4" (a form group) or "2/3"
    rf"(?<!\d[-/])\b{HOUSE_NUMBER}\d{{1,4}}[a-z]?,?\s+(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{1,3}}{STREET}\b{COMPASS}\.?"
    rf"|\b(?:flat|apartment)\s+\d+[a-z]?\b(?:,?\s+(?:\d{{1,4}}[a-z]?\s+)?"
    rf"(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{1,3}}{STREET}\b{COMPASS}|{BUILDING})"
    # a flat, room or unit by a letter or number, then a house number and street ("flat B, 12 mill lane")
    rf"|\b(?:flat|apartment|room|unit)\s+(?:[a-z]|\d+[a-z]?)\b,?\s+\d{{1,4}}[a-z]?\s+"
    rf"(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{1,3}}{STREET}\b{COMPASS}"
    rf"|(?<=\blive on )(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{1,3}}{STREET}\b{COMPASS}"
    rf"|(?<=\blives on )(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{1,3}}{STREET}\b{COMPASS}",
    re.IGNORECASE,
)
NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred)"
)
WEAK_STREETS = streets().everyday
"""Last words of a street's name that are everyday words too ("3 Kingfisher Way", "16 The Crescent"): an
address only where the words around say someone lives there."""
NUMBER_WORD_SET = frozenset(NUMBER_WORDS[3:-1].split("|"))
ANY_STREET = ADDRESS_STREETS | WEAK_STREETS
WEAK_STREET = "(?:" + "|".join(sorted(WEAK_STREETS, key=lambda w: (-len(w), w))) + ")"
SOMALI_LIVING = r"nool|nooshahay|noolahay|noolyihiin|deggan|degan|deganahay|degganahay|deggenahay|deganyahay"
SOMALI_ROMANIAN_LIVING = SOMALI_LIVING + r"|locuiesc|locuim|locuieste|locuiește|stau|stam|sta|stă"
"""Somali ("ku nool", "ku nooshahay") and Romanian ("locuim", "stau pe") words for living somewhere."""
LIVING_BEFORE = re.compile(
    r"\b(?:live|lives|living|lived|stay|stays|staying|address|house|home|moved|move|at|is|"
    r"flat|nans?|dads?|mums?|mine|ours|theirs|ulicy|ulica|mieszkam|mieszkamy|mieszka|rehte|rehta|rehti|"
    rf"{SOMALI_ROMANIAN_LIVING})\b"
    r"[^.!?\n]{0,25}$",
    re.IGNORECASE,
)
LIVING_AFTER = re.compile(
    r"\s+(?:is|was)\s+(?:my|our|his|her|their|where)\b"
    r"|\s+(?:pe|par|pr|mein|main|mai|me)\s+(?:reh|rah)(?:ta|ti|te|tay|tey|te|na)\b"  # Urdu: "... 41 pe rehta hai"
    r"|(?:\s+[a-z]+){0,3},?\s+(?:thats|that's|that\s+is|which\s+is|where)\s+(?:where\s+)?(?:my|our|his|her|their|i|we|he|she|they)\s+"
    r"(?:\w+\s+){0,2}(?:lives?|stays?|living|staying)\b",
    re.IGNORECASE,
)
"""After a house number and street: "... is my nan's", "... at night, thats where my dad lives"."""
ADDRESS_TAIL = rf",?\s+(?:the\s+)?(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{0,3}}(?:{STREET}|{WEAK_STREET})\b{COMPASS}"
WEAK_ADDRESS = re.compile(rf"(?<!\d[-/])\b\d{{1,4}}[a-z]?{ADDRESS_TAIL}", re.IGNORECASE)
WORDS_ADDRESS = re.compile(
    rf"\b{NUMBER_WORDS}(?:[\s-]+(?:and\s+)?{NUMBER_WORDS}){{0,3}}(?:\s+[a-d]\b)?{ADDRESS_TAIL}", re.IGNORECASE
)  # "[twenty three oak road]", "[nine b cavendish rd]"
NUMBER_BEFORE = re.compile(r"\b(?:number|no\.?|num)\s*$", re.IGNORECASE)
NUMBER_AFTER_STREET = re.compile(
    rf"\b(?:{NOT_STREET_WORD}(?!(?:na|ulicy|ulica|ul|przy|pe|la|ku|nahay|near|by|off|up|down|along|live|lives|house|home|"
    rf"address|nans?|mums?|dads?|is|was)\b)[A-Za-z']+\s+){{1,3}}(?:{STREET}|{WEAK_STREET})\b,?\s+"
    rf"{HOUSE_NUMBER}\d{{1,4}}[a-z]?\b"
    r"(?!\s*(?:%|am\b|pm\b|bus|times?\b|mins?\b|minutes?\b|hours?\b|years?\b|days?\b|weeks?\b|pounds?\b|quid\b|"
    r"p\b|people\b|kids\b|of\b|nights?\b|mornings?\b|evenings?\b|afternoons?\b|weekends?\b|miles?\b|stops?\b|"
    r"seconds?\b|secs?\b|o'?clock\b))",
    re.IGNORECASE,
)
"""A street, then its house number, where the words before say someone lives there: "my nans house on
blackbird road number 9", "mieszkam na ulicy harrow road 58"."""
NUMBER_ON_STREET = re.compile(
    rf"\b(?:number|no\.?|num)\s*\d{{1,4}}[a-z]?\s+(?:on|in)\s+(?:the\s+(?=[A-Za-z']+\b)|(?=[A-Za-z']+\s))"
    rf"(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{0,3}}(?:{STREET}|{WEAK_STREET})\b{COMPASS}",
    re.IGNORECASE,
)
"""A house number, then the street it is on: "i live at [number 44 on gooding avenue]"."""
STREET_THEN_NUMBER = re.compile(rf"\b(?:{STREET}|{WEAK_STREET}),?\s+{HOUSE_NUMBER}\d", re.IGNORECASE)
NUMBER_THEN_ON = re.compile(r"\b(?:number|no\.?|num)\s*\d{1,4}[a-z]?\s+(?:on|in)\s", re.IGNORECASE)
"""What NUMBER_AFTER_STREET and NUMBER_ON_STREET need, cheap to look for first."""
TOWNS_AFTER_ADDRESS = re.compile(r",?\s+([A-Za-z]+(?:\s+[A-Za-z]+){0,3})")
STREET_NAME_WORD = (
    rf"{NOT_STREET_WORD}(?!(?:near|off|by|up|down|round|along|just|from|with|live|lives|living|lived|stay|stays|"
    r"staying|house|flat|home|moved|me|him|her|them|us|opposite|onto|into|corner|where|who|na|ulicy|ulica|ul|pe|la|road|street|"
    rf"ku|nahay|yahay|rogu|{SOMALI_ROMANIAN_LIVING})\b)"
    r"[A-Za-z']+\s+"
)
STREET_NAMED = re.compile(
    rf"\b(?:{STREET_NAME_WORD}){{1,3}}(?:{STREET}|(?P<weak>{WEAK_STREET}))\b{COMPASS}", re.IGNORECASE
)
"""A street's name with no house number ("hallam crescent", "fosse road north"): an address only where the words
around say someone lives or stays on it (see _streets_lived_on())."""
STREET_PREPOSITION = r"(?:on|at|in|off|near|by|onto|to|into|along|down|up|round|na|ulicy|ul\.?|pe|przy)"
LIVES_ON_BEFORE = re.compile(
    # "my nan lives on", "he lives round the corner from me on", "im staying with my auntie on", "i live just off"
    rf"(?:\b(?:live|lives|living|mieszka\w*|locui\w*|stau|stam|sta|stă)\b(?:\s+[^\s.!?,;:]+){{0,6}}?\s+{STREET_PREPOSITION}"
    # "i stay at the foyer on", "staying with my auntie on"; not "staying safe on"
    rf"|\b(?:stay|stays|staying)(?:\s+(?:at|with|in|round|over)\b(?:\s+[^\s.!?,;:]+){{0,5}}?)?\s+{STREET_PREPOSITION}"
    # "our house on", "my dads flat is on", "his nans house off", "his yard on" (slang: his home)
    r"|\b(?:my|our|his|her|their|your|ur|[a-z]+'s|nans?|mums?|mams?|dads?|aunties?|aunts?|uncles?|cousins?|grans?|"
    r"grandads?|grandmas?|mates?|friends?|boyfriends?|girlfriends?|brothers?|sisters?|carers?)"
    rf"(?:\s+[a-z]+)?\s+(?:house|flat|home|gaff|yard|crib|address)(?:\s+(?:is|was|are))?\s+{STREET_PREPOSITION}"
    # "rehoused in a flat on", "stuck in a tiny house off"
    r"|\b(?:in|into)\s+(?:a|the|this|that)\s+(?:[a-z]+\s+)?(?:flat|house|bedsit|hostel|home)\s+(?:on|off)"
    # "took him to a flat on", "has a house on", "the bungalow on", "my own place on", "a semi independent place on"
    r"|\b(?:a|an|the|own|new|old)\s+(?:[a-z]+\s+)?(?:flat|house|bedsit|bungalow|maisonette)\s+(?:on|off)"
    r"|\b(?:own|new|independent|supported)\s+(?:place|accommodation)\s+(?:on|off)"
    # "stay at his on", "crash at hers on"
    r"|\b(?:at|to)\s+(?:his|hers|theirs)\s+(?:on|off)"
    # "we got moved into a flat on", "they just moved to"
    r"|\b(?:i|we|they|he|she|us|me|him|her|family|mum|dad|nan)\s+(?:just\s+|got\s+|have\s+|had\s+|are\s+)?"
    rf"(?:moved|move|moving)\b(?:\s+[^\s.!?,;:]+){{0,4}}?\s+{STREET_PREPOSITION}"
    r"|\baddress\s+is"
    # "up and down our road, halifax drive", "our street elmfield avenue"
    r"|\bour\s+(?:road|street|close|avenue|lane|drive|crescent)\s*,?"
    r")(?:\s+the)?(?:\s+corner\s+of)?\s+$",
    re.IGNORECASE,
)
LIVES_ON_AFTER = re.compile(
    r",?\s+(?:(?:is|was|thats|that's|that\s+is|which\s+is)\s+)?where\s+(?:my|our|his|her|their|i|we|he|she|they)\s+"
    r"(?:\w+\s+){0,2}(?:lives?|stays?|living|staying)\b"
    r"|\s+(?:pe|par|mein|main)\s+(?:\w+\s+)?(?:rehte|rehta|rehti|rahe|rahu)\b"
    r"|\s+(?:wale|wala|wali|waale|waala|vale|vala)\s+(?:ghar|gharr|makaan|makan|kothi)\b"  # Urdu, Punjabi: "the house on"
    r"|,?\s+(?:right\s+|just\s+)?(?:outside|in\s+front\s+of|opposite)\s+(?:my|our|his|her|their)\s+(?:own\s+)?"
    r"(?:house|home|flat|front\s+door|door|gate)\b"
    # a relation's home: "... outside my nans", "... opposite his mums"
    r"|,?\s+(?:right\s+|just\s+)?(?:outside|in\s+front\s+of|opposite)\s+(?:my|our|his|her|their)\s+"
    r"(?:nan|nana|gran|granny|grandma|grandad|mum|mam|dad|auntie|aunty|aunt|uncle|cousin|mate|friend|boyfriend|"
    r"girlfriend|brother|sister|carer)(?:'s|’s|s)(?!\s+(?:car|van|work|school|shop)\b)",
    re.IGNORECASE,
)
"""Words after a street's name that say someone lives there: "... is where my nan lives", "... where my cousin lives",
"... pe rehte hain" (Gujarati "... par rahe che"), "... wale ghar" (the house on it), "... right outside his own house",
"... outside my nans"."""
SOMEONES_HOME = re.compile(
    # someone's home by their name or word for them: "down to my nan's on", "back to jay's on", "my cousins on"
    r"\b(?P<who>[a-z]+)(?:'s|’s|s'|s)(?:\s+(?:house|place|flat|home|gaff))?\s+(?:on|off|in)(?:\s+the)?\s+$",
    re.IGNORECASE,
)
SOMEONES_HOME_BEFORE = re.compile(
    # a place in care or a hostel: "the childrens home on", "the semi independent on", "my old placement was"
    r"(?:\b(?:placement|placements|home|hostel|lodgings|independent|residential|bedsit|respite)(?:\s+(?:is|was))?"
    r"\s+(?:on|off|in|at|was|is)"
    # going home: "walking home to", "followed home to", "drops me back to"
    r"|\b(?:home|back)\s+to"
    # where someone lives with no word between: "we live highfield street", "my birth mum lives ethel road"
    r"|\b(?:live|lives|living|stay|stays)"
    # Somali: "waxay ku nooshahay", "waxaan ku nool nahay"
    rf"|\bku\s+(?:{SOMALI_LIVING})(?:\s+(?:nahay|yahay|ahay|yihiin))?"
    # Somali "deggan" (living in) needs no "ku": "waxaan deganahay", "waxay degan yihiin"
    r"|\bdeg+[ae]n\w*(?:\s+(?:nahay|yahay|ahay|yihiin))?"
    # moving from it: "moved here from", "moving house from", "the move from"
    r"|\b(?:move|moved|moving)(?:\s+(?:house|here|out|away))?\s+from"
    # Romanian "at home on": "acasa pe", "acasa la el pe"
    r"|\bacas[aă](?:\s+la\s+\w+)?\s+pe"
    # dropped there: "he dropped me at", "drops us back to"
    r"|\b(?:drop|drops|dropped|dropping)\s+(?:me|us|him|her|them)\s+(?:off\s+|back\s+|home\s+)?(?:at|to|on|in)"
    # living with someone there: "with a family in", "with my carers in"
    r"|\bwith\s+(?:my|a|his|her|their|our)\s+(?:\w+\s+)?(?:family|carers?|parents|foster\s+\w+|mum|dad|nan|nana|"
    r"gran|grandma|grandad|grandparents|aunt|auntie|aunty|uncle|cousins?)\s+(?:in|on|at)"
    r")(?:\s+[A-Z][A-Za-z'-]*(?:\s+[A-Z][A-Za-z'-]*)?,)?(?:\s+the)?\s+$",  # "... in Burbage, [Sketchley Lane]"
    re.IGNORECASE,
)
"""Where someone lives, stays or lives in care said another way than LIVES_ON_BEFORE: the street after these
words is their address; and SOMEONES_HOME, someone's home by their name or word for them, whose "who" is
checked: not "it's on", "sainsbury's on", "was on" (see _someones_home)."""
RELATIONS_PLURAL = frozenset(r + "s" for r in word_list("relations"))
"""Words for people, plural ("cousins", "nans"): before "on" a street, their home ("outside my cousins on ...")."""
NOT_WHOSE = frozenset(["it", "that", "he", "she", "what", "there", "who", "where", "here", "let", "this", "everyone"])
"""Words before 's that are not someone whose home it is ("it's on", "that's on")."""
LIVING_CUES = frozenset(
    [
        *("live", "lives", "living", "stay", "stays", "staying", "house", "flat", "home", "gaff", "address", "bedsit"),
        *("hostel", "moved", "move", "moving", "rehte", "rehta", "rehti", "placement", "placements", "back"),
        *("independent", "residential", "lodgings", "drop", "drops", "dropped", "family", "carers"),
        *("bungalow", "maisonette", "respite", "place", "accommodation", "hers", "theirs", "ghar", "makaan", "kothi"),
        *("our", "yard", "crib", "acasa", "acasă", "rahe", "rahu"),
        *SOMALI_ROMANIAN_LIVING.split("|"),
    ]
)
"""What LIVES_ON_BEFORE and LIVES_ON_AFTER need (with Polish "mieszka..."), cheap to look for first."""
ON_A_STREET = re.compile(r"\b(?:on|off|onto)\s+(?:the\s+)?$", re.IGNORECASE)
HOUSE_NUMBER_AFTER = re.compile(
    r",?\s+(?:(?:number|no\.?|num|nr\.?|(?:la\s+)?num[aă]rul)\s*)?\d{1,4}[a-z]?\b(?!\s*(?:%|am\b|pm\b|mins?\b|minutes?\b|hours?\b|years?\b|"
    r"days?\b|weeks?\b|times?\b|pounds?\b|quid\b|p\b|people\b|miles?\b|o'?clock\b|[:.]\d))",
    re.IGNORECASE,
)
"""A house number after a street's name, as Polish puts it ("cossington street 9")."""
VILLAGE_AFTER = re.compile(
    r",\s*([A-Za-z]+)(?=\s*(?:$|[.!?,;:]|\s+(?:and|but|so|n|&|because|bc|cos|coz|im|i|we|my|its|it)\b))"
)
"""A village no list has, after an address and a comma ("[2 church lane], lyddington and ...")."""
"""Addresses the shape alone does not give: a street word that is an everyday word, or a house number in
words ("number fourty two elm avenue"), where the words before say someone lives there ("i live at", "my
nans house is") or the words after ("3 kingfisher way is my house"): see _addresses_in_context()."""
MONTHS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
YEAR_WORDS = (
    r"(?:two\s+thousand(?:\s+and)?\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen)|(?:two\s+thousand|twenty)\s+(?:and\s+)?(?:o|oh|zero)\s+(?:one|two|three|four|five|six|"
    r"seven|eight|nine)|twenty\s+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen)|"
    r"nineteen\s+ninety[\s-](?:five|six|seven|eight|nine))"
)
"""Those years in words: "two thousand and ten", "twenty twelve", "two thousand o nine"."""
DATE_OF_BIRTH = re.compile(
    rf"(?P<d>\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}\b"
    rf"|\b\d{{1,2}}\s+\d{{1,2}}\s+(?:19|20)\d{{2}}(?=\s+(?:is|was|=)\s+(?:my|his|her|their|our|me)\s+"
    rf"(?:birthday|bday|b-day|dob|d\.o\.b|date\s+of\s+birth)\b))"  # "13 03 2010 is my birthday"
    rf"|\b(?:born|birthday|dob|d\.o\.b\.?|date\s+of\s+birth)\s*(?:is|was|on|:)?\s*"
    rf"(?P<w>\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*(?:19|20)?\d{{2}}\b"  # "d.o.b 2 / 3 / 2008"
    rf"|\d{{1,2}}\s+\d{{1,2}}\s+(?:19|20)\d{{2}}\b"  # "my dob 11 12 2010": spaces only, after the cue
    rf"|(?:19|20)\d{{2}}\s+(?:0?[1-9]|1[0-2])\s+(?:0?[1-9]|[12]\d|3[01])\b"  # "dob 2010 03 14": the other way round
    rf"|(?:0?[1-9]|[12]\d|3[01])\s+(?:0?[1-9]|1[0-2])\s+[01]\d\b(?!\s*(?:am|pm|years?|yrs?)\b)"  # "born 9 9 09"
    rf"|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)?\d{{2}}\b"  # "dob 140611", "d.o.b is 09022010"
    rf"|(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?)"
    rf"(?:,?\s+(?:(?:19|20)\d{{2}}|{YEAR_WORDS}|'?[01]\d(?!\s*(?:years?|yrs?|months?|weeks?|days?|hours?|mins?)\b)))?)\b",
    re.IGNORECASE,
)
"""A date of birth: the date itself is redacted ("my birthday is [date of birth]", "my date of birth is [9th june
09]")."""
NOT_BORN_FROM = 2020
"""A date with no word for a birth before it, in this year or later, is no date of birth: results day, an appointment
("results day is 21/08/2025"); nobody who answers was born then (the youngest are 10 in the 2030s)."""


def _after_any_birth(date: str) -> bool:
    """Whether a date written with digits alone ("21/08/2025", "3.4.27") is in NOT_BORN_FROM or later."""
    year = int(re.split(r"[/.\s-]+", date)[-1])
    return (year if year >= 100 else 2000 + year if year < 70 else 1900 + year) >= NOT_BORN_FROM


ORDINAL_WORDS = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|"
    r"(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))"
)
POLISH_MONTHS = (
    r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[sś]nia|pa[zź]dziernika|"
    r"listopada|grudnia"
)
ROMANIAN_MONTHS = r"ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie|noiembrie|decembrie"
URDU_MONTHS = r"جنور[یي]|فرور[یي]|مارچ|اپر[یي]ل|مئ[یي]|جون|جولائ[یي]|اگست|ستمبر|ا[کك]توبر|نومبر|دسمبر"
"""The months in Urdu script (with the Arabic keyboard's ي and ك as typed): "12 مارچ 2010"."""
BIRTH_YEAR = r"(?:199[5-9]|200\d|201[0-6])"
"""The years young people (11 to 25 in the 2020s) were born in."""
DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{ORDINAL_WORDS})"
BIRTH_WRITTEN = re.compile(
    # A whole date in a birth year, written out: "the 9th of june 2009", "june 9th 2009", "5 maja 2010".
    rf"\b(?:the\s+)?{DAY}\s+(?:of\s+)?(?:{MONTHS}|{POLISH_MONTHS}|{URDU_MONTHS}|{ROMANIAN_MONTHS}),?\s+{BIRTH_YEAR}\b"
    rf"|\b(?:{MONTHS})\s+(?:the\s+)?{DAY},?\s+{BIRTH_YEAR}\b",
    re.IGNORECASE,
)
SHORT_BIRTH_YEAR = (
    r"'?(?:0\d|1[0-6])\b(?!\s*(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|mins?|minutes?|of|people|kids|pupils|"
    r"children|students|am|pm|quid|pounds?|[:.%]))"
)
BIRTH_SHORT = re.compile(
    # A whole date with a year of two figures in a birth year: "11th nov 07", "3 march 09", "feb 22nd 08".
    rf"\b(?:the\s+)?{DAY}\s+(?:of\s+)?(?:{MONTHS}),?\s+{SHORT_BIRTH_YEAR}"
    rf"|\b(?:{MONTHS})\s+(?:the\s+)?{DAY},?\s+{SHORT_BIRTH_YEAR}",
    re.IGNORECASE,
)
BIRTH_IN_WORDS = re.compile(
    rf"\b(?:the\s+)?{DAY}\s+(?:of\s+)?(?:{MONTHS}),?\s+{YEAR_WORDS}\b|\b(?:{MONTHS})\s+(?:the\s+)?{DAY},?\s+{YEAR_WORDS}\b",
    re.IGNORECASE,
)
"""A whole date with its birth year in words: "the 21st of april two thousand and ten"."""
YEAR_WORD_STARTS = frozenset(["thousand", "twenty", "nineteen"])
BIRTH_ISO = re.compile(rf"\b{BIRTH_YEAR}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])\b")
"""A date in a birth year the other way round: "2010-11-23"."""
BIRTH_SPACED = re.compile(
    r"(?<!\bwon\s)(?<!\blost\s)(?<!\bdrew\s)(?<!\bbeat\s)(?<!\bscore\s)(?<!\bit\swas\s)(?<![\d.:/-])"
    rf"\b(?:0?[1-9]|[12]\d|3[01])\s(?:0?[1-9]|1[0-2])\s{BIRTH_YEAR}\b(?![.:/-]?\d)(?!\s+(?:was|is|were|will)\b)",
    re.IGNORECASE,
)
"""A day, month and birth year with spaces between ("03 11 2011"); not a score, then a year ("we won 3 1 2010 was a
good year")."""
BIRTHDAY_DATE = re.compile(
    # A day and month after words for a birthday: "my birthdays the 30th of april", "bday is on 3rd feb".
    rf"\b(?:birthday|birthdays|birthday's|bday|bdays|b-day|dob|born|urodziny|urodzi[lł]e[mś]\s+si[eę]|"
    rf"urodzi[lł]am\s+si[eę])(?:['’]s)?(?:\s+(?:is|was|on|:|'s))*\s+(?P<d>(?:in\s+(?:19|20)\d\d,?\s+(?:on\s+)?)?(?:the\s+)?"
    rf"(?:{DAY}\s+(?:of\s+)?(?:{MONTHS}|{POLISH_MONTHS})|(?:{MONTHS})\s+(?:the\s+)?{DAY}|in\s+(?:{MONTHS})(?=,?\s+\d{{1,2}}(?!\d))"
    rf"|\d{{1,2}}[/.-]\d{{1,2}}(?![/.-]?\d))(?:,?\s+(?:(?:19|20)\d\d|{YEAR_WORDS}|'?\d\d))?)\b",
    re.IGNORECASE,
)
MONTH_WORDS = frozenset(
    [
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "wrzesnia",
        "października",
        "pazdziernika",
        "listopada",
        "grudnia",
        *[
            "جنوری",
            "جنوري",
            "فروری",
            "فروري",
            "مارچ",
            "اپریل",
            "اپريل",
            "مئی",
            "مئي",
            "جون",
            "جولائی",
            "جولائي",
            "اگست",
            "ستمبر",
            "اکتوبر",
            "اكتوبر",
            "نومبر",
            "دسمبر",
        ],
        *ROMANIAN_MONTHS.split("|"),
    ]
)
BIRTH_YEAR_NEEDS = re.compile(rf"\b{BIRTH_YEAR}\b")
FORM_GROUP = re.compile(r"(?<![\w/.£$-])(?:[7-9]|1[0-3])(?P<f>-?[A-Z]{1,4}\d?|\s?[A-Za-z]{1,3}\d?)(?![\w/-]|\.\w)")
FORM_BEFORE = re.compile(r"\b(?:form|group|in|class|tutor|reg|w|from)(?:\s+is)?\s$", re.IGNORECASE)
"""A form group ("9R", "10JT", "7Y2"; after "form", "group", "in": "my form is 10 ABE", "im in 9r"), not a
time, size or sum."""
NOT_FORM_CAPITALS = frozenset(
    [
        "am",
        "pm",
        "th",
        "st",
        "nd",
        "rd",
        "gb",
        "mb",
        "kb",
        "kg",
        "km",
        "k",
        "m",
        "hrs",
        "hr",
        "mins",
        "min",
        "cm",
        "mm",
        "ml",
        "yrs",
        "yr",
        "mph",
        "lb",
        "lbs",
        "ft",
        "pc",
        "ps",
        "gcse",
    ]
)
NOT_FORM = NOT_FORM_CAPITALS | frozenset(
    ["p", "s", "g", "x", "l", "ish", "gcses", "in", "and", "or", "to", "of", "is", "it", "a", "i"]
)
NHS_NUMBER = re.compile(r"(?<![\d+])\d(?:[ -]?\d){9}(?![\d])")
"""Ten digits, however grouped (3-3-4 is the NHS's way; "4451 436 621" is a young person's)."""
NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
PLATE_AGE = r"(?:0[2-9]|1\d|2[0-5]|5[1-9]|6\d|7[0-5])"
"""The two digits of a registration since 2001 that say when the car was registered."""
VEHICLE = re.compile(
    rf"\b[A-Za-z]{{2}}{PLATE_AGE}\s?[A-Za-z]{{3}}\b"
    # spaced out as on the plate ("FL 15 CXA"): in capitals only, where "im 14 and" is a sentence
    rf"|\b[A-Z]{{2}}\s{PLATE_AGE}\s[A-Z]{{3}}\b"
)
LOWER_SPACED_VEHICLE = re.compile(rf"\b([a-z]{{2}})\s{PLATE_AGE}\s([a-z]{{3}})\b")
"""A registration spaced out as on the plate, in lower case ("kp 21 wxe"): see _spaced_registrations."""
DRIVEN_AT = re.compile(r"\b(?:ran|run|runs|running)\s+(?:me|him|her|us|them)\s+over\b|\b(?:driver|parked|parks)\b")
"""What is said of a car where the answer has no word for one ("nearly ran me over", "he parked ...")."""
OLD_VEHICLE = re.compile(r"\b[A-HJ-PR-Y]\d{1,3}\s?[A-Z]{3}\b")
"""A registration of 1983 to 2001 ("Y123 ABC"), in capitals."""
OLD_VEHICLE_NEEDS = re.compile(r"[A-HJ-PR-Y]\d")
LOWER_OLD_VEHICLE = re.compile(OLD_VEHICLE.pattern.lower())  # the same shape in lower case ("s816 kfb")
LOWER_OLD_VEHICLE_NEEDS = re.compile(OLD_VEHICLE_NEEDS.pattern.lower())
CAR_WORDS = re.compile(
    r"\b(?:car|cars|van|reg|registration|plate|plates|bmw|audi|merc|mercedes|golf|corsa|fiesta|focus|range\s+rover|"
    r"taxi|motor|motorbike|bike|drove|driving|drives|"
    # a car in Romanian, Polish, Urdu and Punjabi, Somali
    r"ma[sșş]ina|ma[sșş]ini|samoch[oó]d\w*|gaadi|gaddi|gaari|gari|baabuur\w*)\b",
    re.IGNORECASE,
)
PLATE_AFTER_ITS_WORD = re.compile(
    r"\b(?:reg|registration|plate|plates|number)\s+(?:is\s+|was\s+|=\s*|:\s*)?"
    rf"(?P<p>[a-z]{{2}}\s?{PLATE_AGE}\s?[a-z]{{3}}|[a-hj-pr-y]\s?\d{{1,3}}\s?[a-z]{{3}})\b",
    re.IGNORECASE,
)
"""A registration right after "reg", "plate" or "number", spaced as typed, in an answer about a car ("the van reg [yr 19
bxt]", "the reg [s 481 ptk]"), even where a group of its letters is a word too."""
"""An old registration typed in lower case ("a black bmw s816 kfb") counts only with a word for a car in the answer."""
PESEL = re.compile(r"(?<![\d+])\d{11}(?!\d)")
SPACED_PESEL = re.compile(r"(?<![\d+])\d(?:[ -]?\d){10}(?![\d])")
"""Eleven digits in groups, by the word "pesel" and passing its check ("1322 1187 791")."""
DIGIT = re.compile(r"\d")
DIGIT_RUN = re.compile(r"\d(?:[\s().\-/_*]{0,3}\d){6}")
"""Seven digits with at most three separators between each: every phone number written in digits."""
LETTERS_DIGITS = re.compile(r"[A-Za-z]{2}\s?\d\d")
NUMERIC_DATE = re.compile(r"\d[/.-]\d")
POSTCODE_NEEDS = re.compile(r"[A-Za-z]\d")
SPACED_POSTCODE = re.compile(
    r"\b(?P<area>[A-PR-UWYZ][A-HK-Y]?) (?P<district>\d[A-Z\d]?) {1,2}\d(?!am\b|pm\b)[ABD-HJLNP-UW-Z]{2}\b",
    re.IGNORECASE,
)
"""A postcode typed with a space between its area's letters and its district ("le 5 6hh", "LE 3 2AB")."""
NEAR_AREAS = frozenset(["LE", "NG", "DE", "CV", "NN", "PE", "LN"])
"""Postcode areas of Leicester, Leicestershire and Rutland and those beside them: spaced, a postcode wherever written;
any other area only after a word for a postcode ("im 5 6ft" stays)."""
POSTCODE_WORD = re.compile(r"\b(?:postcode|post\s*code|postal|pc|zip)\b", re.IGNORECASE)
LINK_NEEDS = re.compile(r"\.[A-Za-z]|://")
"""Every link has a dot followed by a letter (www., .com) or "://"."""
MIN_PHONE_DIGITS = 7
"""Fewer digits than this in an answer and it holds no phone number in digits (a UK number has 10 or 11)."""
SPOKEN_WORDS = frozenset(SPOKEN_DIGITS) - {"o"}
EMAIL_WORDS = frozenset(
    [
        "dot",
        "com",
        "co",
        "uk",
        "org",
        "net",
        "pl",
        "ac",
        "sch",
        "ie",
        "io",
        "edu",
        "gov",
        "info",
        *MAIL_PROVIDERS.split("|"),
    ]
) - {"me", "live", "sky"}
"""An email written out has "at" and one of these ("dot", a domain ending, a mail provider)."""
BIRTH_WORDS = frozenset(
    [
        "born",
        "birthday",
        "dob",
        "d",
        "date",
        "bday",
        "birthdays",
        "urodziny",
        "urodziłem",
        "urodziłam",
        "urodzilem",
        "urodzilam",
        "b",
        "bdays",
    ]
)

# --- names and schools -----------------------------------------------------------------------
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
TITLES = word_list("titles")
LOOSE_TITLES = word_list("loose titles")
FOREIGN_RELATIONS = word_list("somali and romanian relations")
RELATIONS = word_list("relations") | FOREIGN_RELATIONS
INTRODUCERS = word_list("introducers")
PERSON_VERBS = word_list("person verbs")
STRONG_VERBS = PERSON_VERBS - {"is", "was", "has", "had", "my", "from", "and", "&", "got", "gets", "makes", "made"}
TEXT_SPEAK = word_list("text speak")
SCHOOL_ENDS = word_list("school ends")
GENERIC_BEFORE_SCHOOL = word_list("generic before school")
SCHOOL_LEAD = re.compile(
    r"\b(?:go(?:es)?|went|going|gone|attend(?:s|ed|ing)?|moved|start(?:ed|ing)?|excluded|"
    r"expelled|student|pupil|year\s+\d+|bullied)\s+(?:to|at|from)\s*$",
    re.IGNORECASE,
)
SMALL_SCHOOL_ENDS = frozenset(["primary", "infants", "infant"])
"""School words that end a school's name and nothing else's: "at green farm infants" is a school, "at sunday school"
any school of a kind; not "juniors" or "academy", which sports clubs have too ("rugby at tigers juniors")."""
AT_A_SCHOOL = re.compile(r"\b(?:at|to|from)\s+$", re.IGNORECASE)
LISTS = re.compile(
    r"(?:^|[.!?\n]\s*)(?P<names>[^\W\d_]+(?:\s*,\s*[^\W\d_]+)*\s+(?:and|&)\s+[^\W\d_]+)\s+(?:are|r|were|was|is)\s+"
    r"(?:my|our)\s+(?:best\s+|bestest\s+|only\s+|closest\s+)?(?:friends|mates|besties|bffs|cousins|sisters|brothers|"
    r"bros|friend|mate|bestie)\b",
    re.IGNORECASE,
)

FIRST, SURNAME, EVERYDAY, ENGLISH, STOP, PLACE, NOT_PERSON, ARABIC, FUNCTION = 1, 2, 4, 8, 16, 32, 64, 128, 256
FOREIGN, SCHOOL, FIGURE = 512, 1024, 2048
TITLE_CUE, RELATION_CUE, INTRODUCER_CUE = 4096, 8192, 16384
"""An everyday word of Urdu or Polish (also ENGLISH: a word, not a name); a word of one of the area's
schools (or one letter away from one); a public figure's name of one word."""
CLASS_NAMES = {
    FIRST: "first",
    SURNAME: "surname",
    EVERYDAY: "everyday",
    ENGLISH: "english",
    STOP: "stop",
    PLACE: "place",
    NOT_PERSON: "service",
    ARABIC: "arabic",
    FUNCTION: "function",
    FOREIGN: "foreign",
    SCHOOL: "school",
    FIGURE: "figure",
    TITLE_CUE: "title",
    RELATION_CUE: "relation",
    INTRODUCER_CUE: "introducer",
}


class Redacted(msgspec.Struct, frozen=True):
    text: str
    kinds: tuple[str, ...]
    """The kinds of detail that were found, sorted, without repeats."""

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


class Terms(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The partnership's own lists: words to redact, by kind (a kind becomes the tag), and words to keep
    as written (the partnership's and services' names, local places)."""

    terms: dict[str, list[str]] = {}
    keep: list[str] = []
    helplines: list[str] = []
    """Numbers to keep as written (the area's own helplines), beside data/helplines.txt's."""


class Found(NamedTuple):
    start: int
    end: int
    kind: str
    recogniser: str
    """Which recogniser matched, as `voice redact --explain` shows it."""


def word_class(lower: str) -> int:
    """What redaction knows about a lower-case word, as bits (FIRST, SURNAME, ... above); read through
    class_of(), which remembers it."""
    cue = (
        (TITLE_CUE if lower in TITLES else 0)
        | (RELATION_CUE if lower in RELATIONS else 0)
        | (INTRODUCER_CUE if lower in INTRODUCERS else 0)
    )
    return _word_class(lower) | cue


def _word_class(lower: str) -> int:
    found = 0
    if lower in NEVER_NAMES or lower in TEXT_SPEAK:
        return STOP
    if lower in FUNCTION_WORDS:  # "will", "may": names only where the words around say so
        return FIRST | EVERYDAY | FUNCTION | ENGLISH if lower in first_names() else STOP
    if not lower.isascii() and not lower[0].isascii() and "\u0600" <= lower[0] <= "\u06ff":
        key = arabic_key(lower)
        return STOP if key in urdu_stop_words() else ARABIC if key in arabic_script_names() else 0
    if lower in first_names():
        found |= FIRST
        if lower in everyday_names():
            found |= EVERYDAY
    elif _a_first_name_changed(lower):
        found |= FIRST
    if lower in surnames():
        found |= SURNAME
    if lower in places() and lower not in NAMES_THAT_ARE_PLACES:
        found |= PLACE
    if lower in not_people():
        found |= NOT_PERSON
    if is_english(lower) or (not found and len(lower) > 6 and lower.endswith(WORD_ENDINGS)):
        found |= ENGLISH
    elif not found and lower.endswith(CONTRACTIONS):
        return STOP  # "it'll", "they've", "shouldn't"
    return _what_must_stay(lower, found)


def _a_first_name_changed(lower: str) -> bool:
    """A first name as a Polish sentence has it ("lubię panią Ewę", "widzę Hanię", "z Kasią"), or two first names joined
    ("ana-maria", "ella-rose")."""
    if lower.endswith(("ę", "ą")) and len(lower) >= 3 and lower[:-1] + "a" in first_names():
        return True
    return "-" in lower and _double_barrelled(lower)


def _double_barrelled(lower: str) -> bool:
    """Two first names joined by a hyphen, neither a function word nor an everyday word of another language ("ana-maria",
    "ella-rose"; not "will-power", "may-day")."""
    parts = lower.split("-")
    return len(parts) == 2 and all(
        len(p) >= 2 and p in first_names() and p not in FUNCTION_WORDS and p not in everyday_words() for p in parts
    )


WORD_ENDINGS = (
    "tion",
    "tions",
    "sion",
    "sions",
    "ment",
    "ments",
    "ness",
    "ful",
    "less",
    "ism",
    "isms",
    "ity",
    "ities",
    "ically",
    "ised",
    "ized",
    "ising",
    "izing",
    "ology",
    "ological",
)
"""The endings of English words no dictionary here has ("sextortion", "situationship"): not names."""
CONTRACTIONS = ("'ll", "'re", "'ve", "'d", "'m", "n't", "’ll", "’re", "’ve", "’d", "’m", "n’t")


def _what_must_stay(lower: str, found: int) -> int:
    """Everyday Urdu and Polish words, the area's schools' words and public figures' names."""
    if lower in everyday_words():  # "hai", "meri", "sab"; "kim", "sama", "rana": words, names only in context
        found |= ENGLISH | FOREIGN | (EVERYDAY if found & FIRST else 0)
    if lower in school_tokens():
        found |= SCHOOL
    elif not found & (ENGLISH | FIRST | SURNAME | PLACE) and school_misspelt(lower):
        found |= SCHOOL
        MISSPELT_SCHOOLS.add(lower)
    if lower in public_figures().single:
        found |= FIGURE
    return found


@cache
def class_names(c: int) -> tuple[str, ...]:
    """A word's classes as names, for the learned recogniser's features."""
    return tuple(name for bit, name in CLASS_NAMES.items() if c & bit)


SENTENCE_SPLIT = re.compile(r"[.!?\n:;]+")
"""Where sentences end (but not at the dot of "Mr.", "Ms.", "Mrs.", "Dr.", "St.": see Words)."""
DOTTED_TITLES = frozenset(["mr", "mrs", "ms", "dr", "mx", "st"])


@lru_cache(maxsize=200_000)
def class_of(lower: str) -> int:
    """word_class(lower), remembered for the 200,000 words met most recently (functools' C-level cache: a
    hit costs about 25 ns more than a plain dict's, well under 1% of reading an answer)."""
    return word_class(lower)


class Words:
    """One text's words, read in C-level passes: as written, lower case without a possessive 's,
    whether each starts a sentence, and their classes. Character positions are worked out only when
    something is found."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.written: list[str] = []
        self.before: list[str] = []  # "." before the first word of a sentence, else "" (commas are not kept)
        titled = False
        for chunk in SENTENCE_SPLIT.split(text):
            found = WORD.findall(chunk)
            if found:
                self.written += found
                self.before += ["" if titled else "."] + [""] * (len(found) - 1)
                titled = found[-1].lower() in DOTTED_TITLES and chunk.endswith(found[-1])  # "Ms. Patel" goes on
        lowers = list(map(str.lower, self.written))
        if "’" in text:
            lowers = [w.replace("’", "'") for w in lowers]
        if "'" in text or "’" in text:
            lowers = [w[:-2] if w.endswith("'s") else w for w in lowers]
        self.lowers: list[str] = lowers
        self.set = frozenset(self.lowers)
        self.classes: list[int] = list(map(class_of, self.lowers))
        self._spans: list[tuple[int, int]] | None = None
        self.person_places: set[int] = set()  # words opened to the labeller where a person stands (_open_words)

    def __len__(self) -> int:
        return len(self.lowers)

    def span(self, i: int) -> tuple[int, int]:
        if self._spans is None:
            self._spans = [m.span() for m in WORD.finditer(self.text)]
        return self._spans[i]

    def index_at(self, start: int) -> int | None:
        """The word that starts at this character, if one does."""
        for i in range(len(self.lowers)):
            if self.span(i)[0] == start:
                return i
        return None

    def index_ending(self, end: int) -> int | None:
        """The word that a span ending at this character ends in: the first whose end is at or after it."""
        return next((k for k in range(len(self.lowers)) if self.span(k)[1] >= end), None)

    def possessive(self, i: int) -> bool:
        """Whether the word was written with an 's ("Zayaan's"), which its lower-case form has dropped."""
        return self.written[i].lower().replace("’", "'") != self.lowers[i]

    @cached_property
    def foreign(self) -> int:
        """How many of the words are everyday words of Urdu (Latin letters), Polish, Romanian or Somali: two or more,
        and the answer is in that language ("meri behen aur main ...")."""
        return sum(1 for c in self.classes if c & FOREIGN)

    def comma_before(self, i: int) -> bool:
        """Whether a comma stands between word i - 1 and word i."""
        return "," in self.text[self.span(i - 1)[1] : self.span(i)[0]]

    def sentence_end(self, i: int) -> int:
        """The first word after word i that starts a sentence (len(self) if none does)."""
        return next((k for k in range(i + 1, len(self.lowers)) if self.before[k] == "."), len(self.lowers))

    def capital(self, i: int) -> bool:
        word = self.written[i]
        return word[0].isupper() and not (len(word) > 1 and word.isupper())

    def prev(self, i: int, back: int = 1) -> str:
        """The word `back` before i in the same sentence ("" at a sentence's start)."""
        for j in range(i, i - back, -1):
            if j <= 0 or self.before[j] == ".":
                return ""
        return self.lowers[i - back]

    def next(self, i: int) -> str:
        j = i + 1
        return "" if j >= len(self.lowers) or self.before[j] == "." else self.lowers[j]

    def touching(self, i: int) -> tuple[str, str]:
        """The words just before and just after word i with nothing between (no comma, no full stop): "" where
        there is none, and "^" before a capitalised word that nothing touches ("Hope so" begins a sentence)."""
        before = self.lowers[i - 1] if i and not self.before[i] else "^" if self.written[i][0].isupper() else ""
        after = self.lowers[i + 1] if i + 1 < len(self.lowers) and not self.before[i + 1] else ""
        return before, after


class _Names:
    """Names in one text: each candidate word decided from the lists and the words around it."""

    def __init__(self, words: Words) -> None:
        self.w = words
        self.classes = words.classes
        self.found: dict[int, str] = {}

    def _only_a_surname_next(self, i: int) -> bool:
        """The word after word i, in the same sentence, is a surname and nothing else: no word, place or first name
        ("paris okafor", "india adeyemi"; not "paris hilton" of the public figures, "georgia road")."""
        k = i + 1
        return (
            k < len(self.classes)
            and not self.w.before[k]
            and not self.w.comma_before(k)
            and bool(self.classes[k] & SURNAME)
            and not self.classes[k] & (ENGLISH | PLACE | FIRST | STOP | FIGURE | NOT_PERSON)
        )

    def could_be(self, i: int) -> bool:
        """Not a function word, place, service or app."""
        return not self.classes[i] & (STOP | PLACE | NOT_PERSON) and len(self.w.lowers[i]) >= 2

    def decide(self, i: int) -> str | None:  # noqa: C901 - one decision, read top to bottom
        w = self.w
        c = self.classes[i]
        if c & ARABIC:
            return "name list (Arabic script)"
        p1, p2 = w.prev(i), w.prev(i, 2)
        lower = w.lowers[i]
        if p1 in URDU_PEOPLE and not c & STOP and _urdu_script(lower):
            return "relationship"  # "میری بہن عائشہ", "میرے ابو شاہد": a word for someone, then their name
        titled = (
            p1 in TITLES
            and (p1 not in LOOSE_TITLES or p2 in TITLE_SPOTS)
            and not (
                p1 in ("pan", "pani")
                and (c & FOREIGN or (lower in NAMES_ALSO_WORDS and w.foreign >= 2))
                and (not c & (FIRST | SURNAME) or not _polish(w))
            )
        )  # not "pan mane" or "pan mara mummy" in Gujarati (but me, but my), "pani pe" in Urdu (water)
        if titled and (
            lower in TITLE_WORD_SURNAMES
            or lower in STREET_SURNAMES
            or (
                len(lower) == 1
                and lower not in TEXT_LETTERS
                and not (p1 in ("pan", "pani") and lower in POLISH_LETTER_WORDS and not w.capital(i))
            )
        ):
            return "title"  # "mr young", "miss t"
        if titled and p1 in LOOSE_TITLES and (lower in PERSON_VERBS or c & FUNCTION):
            titled = False  # "miss said i was lying"
        if (
            c & FIRST
            and not c & (FUNCTION | STOP)
            and (
                (
                    p1 not in DETERMINERS
                    and w.foreign < 2
                    and _an_everyday_surname_after(w, i, verb_only=bool(c & EVERYDAY))
                )
                or (  # "my stepdad is frank wood and he ..."
                    (p1 in RELATIONS or (p1 in ("is", "was") and p2 in RELATIONS))
                    and _an_everyday_surname_after(w, i, anything_after=True)
                )
            )
        ):
            return "first name and surname"  # "tom price smashed ...", "and jack day both play"
        if p1 in FAITH_TITLES and p2 not in DETERMINERS and c & FIRST and not c & STOP:
            return "title"  # "father tony at church", "imam yusuf": a faith leader's name after the title
        if c & FIRST and not c & STOP and self._given_as_own(i, p1, p2):
            return "introduced"  # "im destiny i go to ...", "hi i'm mark, 15": a name given as one's own
        if c & STOP:
            return "relationship" if lower in MONTH_NAMES and p1 in ONE_PERSON else None  # "my stepmum april"
        cap = w.capital(i)
        written = w.written[i]
        surname_next = (
            i + 1 < len(self.classes)
            and bool(self.classes[i + 1] & SURNAME)
            and w.capital(i + 1)
            and w.before[i + 1] == ""
        )
        if cap and self._full_name(i, c, surname_next):
            return "first name and surname"  # "its Grace King from ...", "i think Jack Young should ..."
        if c & PLACE and c & FIRST and not cap and self._only_a_surname_next(i):
            return "first name and surname"  # "paris okafor gets called names": a place that is a first name too
        if c & PLACE and c & FIRST and (p1 in RELATIONS or p1 in TITLES or p1 in INTRODUCERS or surname_next):
            c &= ~PLACE  # "my boyfriend Jordan", "Miss Georgia", "Jordan Smith"
        elif not self.could_be(i) or (len(written) > 1 and written.isupper() and not (c & FIRST and len(written) > 3)):
            return None  # acronyms ("NI", "PE") are not names; "SARAH" shouted is
        if p1 in ("a", "an") and c & ENGLISH and not titled:
            return None  # "I am a Christian", "an Angel": a name is not counted
        if p1 in ("st", "saint") and w.capital(i):
            return None  # "St Martins", "St Margaret's": a saint, and the church, place or school named after one
        known_name = bool(c & (FIRST | SURNAME))
        unknown = not c & ENGLISH
        # "Mr Patel", "mrs dhillon", "miss Hughes"; not "i miss home" or "mr men books".
        if p1 in TITLES and (cap or (known_name and unknown) or (titled and (known_name or unknown))):
            return "title"
        introduced = (
            p1 in INTRODUCERS
            or (p1 in ("is", "was") and p2 in ("name", "names", "imię"))
            or (p2 in CALL and p1 in ("me", "him", "her"))
        )  # "we call him kwams"
        if introduced and (cap or unknown or (known_name and not c & ENGLISH)):
            if not cap and not known_name and _typed_without_letters(lower):
                return None  # "he calls me worthles": a word typed short
            return "introduced"
        if c & FIRST and not c & FUNCTION and p1 in ("is", "was") and p2 in ("name", "names", "imię"):
            return "introduced"  # "my name is sunny", "his name was jay": a first name that is a word too
        if c & FIRST and not c & FUNCTION and p1 in ("called", "named") and p2 in RELATIONS:
            return "introduced"  # "a guy called frank", "a girl named hope"
        if (
            p1 in ("called", "named")
            and p2 in CALLED_AFTER
            and not c & FUNCTION
            and lower not in NOT_CALLED | RELATIONS
        ):
            return "introduced"  # "someone called gully", "a lad called pressure": a name, whatever word it is
        if unknown and w.possessive(i) and w.next(i) in RELATIONS:
            return "name, then who they are"  # "hevi's dad wont let her", "kwame's mum"
        if unknown and not cap and not c & (FIRST | SURNAME) and TEXT_SPEAK_VERB.search(lower):
            return None  # "dad battrd me", "mum nvr listens", "step mum whackd me": a verb typed short
        related = p1 in RELATIONS or (p1 in ("is", "was", "called", "named") and p2 in RELATIONS)
        if related and not known_name and _a_polish_verb(lower):
            return None  # "wujek dotyka mnie", "kuzyn zmusza mnie": a verb, not the uncle's name
        if related and (
            (cap and not (c & ENGLISH and not known_name)) or (c & FIRST and not c & EVERYDAY) or (unknown and not cap)
        ):
            return "relationship"
        if p1 in ONE_PERSON and c & FIRST and not c & FUNCTION and not (lower in URDU_IS and c & FOREIGN):
            if c & ENGLISH and not cap and w.next(i) in VERB_PARTICLES:
                return None  # "my sister ran away", "my brother rose up": a verb and its particle
            return "relationship"  # "my step dad bill", "my friend destiny"; not "woh meri best friend hai"
        if c & FUNCTION and c & FIRST and self._modal_name(i, p1, p2, w.next(i)):
            return "name in context"  # "me and will both got jumped", "our lodger will comes in my room"
        nxt = w.next(i)
        if unknown and nxt in ("the", "my", "our") and (w.next(i + 1) in RELATIONS or w.next(i + 2) in RELATIONS):
            return "name, then who they are"  # "faadumo my cousin"
        if nxt in STREET_WORDS:  # "Charles Street", "Victoria Park": a place named after someone
            return None
        if (
            c & FIRST
            and not c & EVERYDAY
            and (
                cap
                or (
                    len(w.lowers[i]) > 2
                    and not (p1 in DETERMINERS and c & ENGLISH)
                    and (
                        p1 not in SUBJECTS_BEFORE_A_VERB
                        or (p1 == "i" and ((bool(p2) and class_of(p2) & FIRST) or (w.foreign >= 2 and not c & ENGLISH)))
                    )
                )
            )
            and (cap or not _a_verb_typed_short(w, i))
        ):  # "kacper i oliwia": Polish "and"
            return "first name list"  # in lower case, not "sex ed", "my teddy" or "i cary a blade" (carry)
        if (
            (w.before[i] == "." or p1 in AND_WORDS)
            and not c & (FIRST | SURNAME | FUNCTION | PLACE | NOT_PERSON)
            and self._family_after(i)
            and w.text[w.span(i)[0] - 1 : w.span(i)[0]] != "["  # not a tag already there ("[name] is my ...")
        ):
            return "name, then who they are"  # "rain is my sister": a word no list has as a name, said to be family
        if not cap:
            return "name in context" if c & FIRST and not c & FUNCTION and self._everyday_name(i, p1, p2, nxt) else None
        start = w.before[i] == "."
        # "Dev the youth worker", "Hodan my cousin": a name, then who they are.
        if nxt in ("the", "my", "our") and (w.next(i + 1) in RELATIONS or w.next(i + 2) in RELATIONS):
            return "name, then who they are"
        if c & FIRST:  # an everyday word that is also a name: "Will", "Hope", "Grace", "Mark"
            if not start and (p1 in WEAK_CONTEXT or nxt in STRONG_VERBS):
                return "name in context"
            if start and (nxt in STRONG_VERBS or surname_next or (nxt == "and" and w.next(i + 1) in ("me", "i"))):
                return "name in context"
            return None
        # A capitalised word that is no English word: "I told Zayaan", "Zayaan said"; not a place we went to
        # or live in ("we went to Skegness", "I live in Braunstone"): towns are kept.
        place = p1 in ("in", "near", "around", "outside") or (p1 in ("to", "from") and p2 in MOVEMENT_VERBS)
        if (
            unknown
            and (not place or w.possessive(i))
            and (not start or nxt in PERSON_VERBS or (nxt and self.classes[i + 1] & SURNAME))
        ):
            return "capitalised, not a word"
        return None

    def _given_as_own(self, i: int, p1: str, p2: str) -> bool:
        """ "im X" or "i am X" opening a sentence (or after a greeting), and X ends the clause or "and", "i", "im",
        "from" or "in" follows it: "im destiny i go to", "hi i'm mark, 15", "i am joy, i am 13"; not "im happy" (no
        name), "im frank about it" or "im summer born"."""
        w = self.w
        opened = (p1 in SELF_INTRO and (p2 == "" or p2 in GREETINGS)) or (
            p1 == "am" and p2 == "i" and (w.prev(i, 3) == "" or w.prev(i, 3) in GREETINGS)
        )
        if not opened:
            return False
        return i + 1 == len(w) or w.before[i + 1] != "" or w.lowers[i + 1] in AFTER_OWN_NAME

    def _full_name(self, i: int, c: int, surname_next: bool) -> bool:
        """A first name and a surname, both capitalised inside a sentence written in lower case, with only a
        space between: "its Grace King from", "write to Ruby Marsh", "i think Jack Young should", even where both
        are everyday words; and any name before a word only a woman's name has after it ("Kulsum Bibi"). Not
        at a sentence's start ("Rose Gold is my colour") nor in a line with capitals on more than half its other words ("Summer Fun Day Out");
        brands, places and figures of two words are kept afterwards as their lists say ("Ted Baker")."""
        w = self.w
        j = i + 1
        if j >= len(w) or w.before[j] or not w.capital(j) or not w.text[w.span(i)[1] : w.span(j)[0]].isspace():
            return False
        if w.lowers[j] in SURNAMES_ALSO_WORDS:
            return not c & (STOP | FUNCTION | PLACE | NOT_PERSON) and (bool(c & FIRST) or not c & ENGLISH)
        if w.before[i] or not c & FIRST or c & (FUNCTION | PLACE | NOT_PERSON | FIGURE):
            return False
        if not (surname_next or w.lowers[j] in TITLE_WORD_SURNAMES) or self.classes[j] & (PLACE | NOT_PERSON):
            return False
        others = [k for k in range(len(w)) if len(w.lowers[k]) > 2 and k not in (i, j)]
        return sum(1 for k in others if w.capital(k)) * 2 <= len(others)  # half the other words or fewer

    def _family_after(self, i: int) -> bool:
        """Words after word i that say it is someone in the young person's family: "is my sister", "was my big
        brother" (family only: "sleep is my best friend" is no name)."""
        w = self.w
        after = [w.next(i + k) for k in range(3)]
        if after[0] not in ("is", "was") or after[1] != "my":
            return False
        if after[2] in FAMILY:
            kin = i + 3
        elif after[2] in SIBLING_WORDS and w.next(i + 3) in FAMILY:
            kin = i + 4
        else:
            return False
        s, e = w.span(kin)
        return not w.text[s:e].lower().endswith(("'s", "’s", "s'"))  # "X is my brother's favourite": whose, not who

    def _modal_name(self, i: int, p1: str, p2: str, nxt: str) -> bool:
        """A first name that is a word of grammar too ("will", "may") where no verb can follow it: after "me and"
        ("me and will both got jumped"), or after a word for one person and before a verb that says what a
        person does ("our lodger will comes in", "my cousin may keeps")."""
        if not nxt:
            return False
        if p1 in AND_WORDS and p2 == "me":
            return nxt not in ("be", "have", "go", "get", "do", "not", "never")
        verb = nxt.endswith(("es", "ed")) or (nxt.endswith("s") and not self.classes[i + 1] & (STOP | FUNCTION))
        return p1 in ONE_PERSON and (nxt in STRONG_VERBS or (verb and len(nxt) > 4))

    def _everyday_name(self, i: int, p1: str, p2: str, nxt: str) -> bool:
        """A first name that is an everyday word, in lower case, where the words around say a person: "i told
        autumn about", "me n chance", "sky said my mum ...", "i hate destiny she ...", "angel my sister ...",
        "big mo runs"."""
        w = self.w
        if (p1 in TOLD and nxt not in NOT_AFTER_TOLD) or (p1 in AND_WORDS and p2 == "me"):
            return True
        if (
            (p2, p1) in REACH_A_PERSON
            and nxt not in NOT_AFTER_TOLD
            and nxt not in NOT_AFTER_REACHING
            and (w.lowers[i] not in TIME_NAMES or nxt in PERSON_AFTER_A_TIME)
            and w.lowers[i] not in ("mine", "yours", "hers", "ours", "theirs")
        ):
            return True  # "check on faith her mum drinks", "waits for lily after school"; "ask for [summer] shes"
        if p1 in NICKNAME_WORDS and p2 not in DETERMINERS and nxt not in NOT_AFTER_TOLD:
            return True  # "big mo runs the estate"
        if w.before[i] == "." and nxt in SAID_OR_DID:
            return True  # "sky said my mum is a tramp"
        if w.before[i] == "." and self._who_they_are(i, nxt):
            return True  # "blessing is my bestie", "heaven is the only one who ...", "miracle and her mates ..."
        if p1 in AND_WORDS and w.before[i - 2 if i >= 2 else i] == "." and self._pair_of_names(i - 2, i):
            return True  # "misty and [raven] stopped talking to me"
        if w.before[i] == "." and _from_where_they_are(w, i) and w.lowers[i] not in VERB_NAMES:
            return True  # "summer from year 9 ...", "heaven from my class ..."
        if (
            nxt
            and not w.before[i + 1]
            and self.classes[i + 1] & SURNAME
            and not self.classes[i + 1] & (STOP | PLACE | NOT_PERSON)
            and (not self.classes[i + 1] & ENGLISH or self.classes[i + 1] & FIRST)
            and w.lowers[i] not in ("hope", "will", "mark", "may", "miss", "trust", "pray", "love", "bill")
        ):
            return True  # "joy okafor is my mentor": a surname no English word after it
        if p1 in WEAK_CONTEXT and nxt in ("she", "he", "shes", "hes"):
            return True  # "i hate destiny she always lies"
        return (
            (w.before[i] == "." or (p1 in APPOSITION_AFTER and not w.before[i]))
            and nxt in ("my", "our")
            and w.next(i + 1) in WHO_AFTER_A_NAME
            and w.lowers[i] not in CLAUSE_VERBS
        )  # "mercy my foster mum", "frank my grandad", "i think sunny my brother", "bob my nans partner"; not
        # "hope my mum gets better", "i miss my dad"

    def _who_they_are(self, i: int, nxt: str) -> bool:
        """The words after a first name that is an everyday word, starting a sentence, say who someone is or
        what they did: "blessing is my bestie", "summer is the only one who checks on me", "miracle and her
        mates jumped me", "misty and raven stopped talking to me", "cliff keeps ..."; not "hope is the only
        thing", "hope keeps me going"."""
        w = self.w
        after = [w.next(i + k) for k in range(4)]
        if nxt in ("is", "was") and after[1] == "my":
            k = 3 if after[2] in SIBLING_WORDS | {"best"} else 2
            return after[k] in ONE_PERSON | {"bestie", "bff", "friend"}
        if nxt in ("is", "was") and after[1:3] == ["the", "only"]:
            return after[3] in ("one", "person")
        if nxt in AND_WORDS and after[1] in ("her", "his", "their"):
            return after[2] in RELATIONS
        if nxt in AND_WORDS:
            return self._pair_of_names(i, i + 2)
        return nxt in DID_TO_SOMEONE and w.lowers[i] not in VERB_NAMES

    def _pair_of_names(self, a: int, b: int) -> bool:
        """Words a and b ("X and Y"), both first names, then what a person does: "misty and raven stopped"."""
        if a < 0 or b >= len(self.w):
            return False
        both = all(self.classes[k] & FIRST and not self.classes[k] & (STOP | FUNCTION) for k in (a, b))
        return both and self.w.next(b) in SAID_OR_DID | DID_TO_SOMEONE | STRONG_VERBS

    def extend(self) -> None:
        """Surnames after a name, and the other names in a list ("X and Y", "X, Y and Z")."""
        w, n = self.w, len(self.w)
        changed = True
        while changed:
            changed = False
            for i in sorted(self.found):
                j = i + 1
                while j < n and j - i < 3 and w.lowers[j] in SURNAME_PARTICLES and w.before[j] == "":
                    j += 1  # "jess van der berg", "ali al hassan"
                particles = j > i + 1
                if (
                    j < n
                    and w.before[j] == ""
                    and not w.possessive(j - 1)  # "uncle ben's rice", "jay's mum": an 's ends a name
                    and (
                        (j in self.found and particles)
                        or (
                            j not in self.found
                            and (self._surname(j) or (particles and not self.classes[j] & (ENGLISH | STOP)))
                        )
                    )
                ):
                    for k in range(i + 1, j + 1):
                        if k not in self.found:
                            self.found[k] = "surname after a name"
                            changed = True
                k = i - 1  # "mason [clarke]", "river [jones]": the first name before a surname found
                if (
                    k >= 0
                    and k not in self.found
                    and w.before[i] == ""
                    and self.classes[i] & SURNAME
                    and self.classes[k] & FIRST
                    and not self.classes[k] & (STOP | FUNCTION | PLACE | NOT_PERSON)
                    and w.lowers[k] not in VERB_NAMES
                ):
                    self.found[k] = "first name before a surname"
                    changed = True
                for k in (i + 1, i - 1, i + 2, i - 2):
                    if 0 <= k < n and k not in self.found and self._listed(min(i, k), max(i, k), k):
                        self.found[k] = "list of names"
                        changed = True

    def _surname(self, j: int) -> bool:
        c = self.classes[j]
        if self.found.get(j - 1) == "first name and surname":
            return True  # "Jack Young", "Grace King": _full_name() read both
        if self.w.lowers[j] in SURNAMES_ALSO_WORDS:
            return True  # "aisha bibi": after a name, not a grandmother
        if not self.could_be(j) or c & FUNCTION or self.w.lowers[j] in PERSON_VERBS:
            return False
        cap = self.w.capital(j)
        if self.w.lowers[j].startswith(SURNAME_PREFIXES) and not c & ENGLISH:
            return True  # "[name] al-sayed", "[name] o'connor"
        return bool(c & SURNAME) or (cap and not c & ENGLISH) or (cap and bool(c & FIRST))

    def _listed(self, a: int, b: int, k: int) -> bool:
        w = self.w
        if b == a + 1:  # "Callum, Josh"
            joined = w.before[b] == ""
        else:  # "Kian and Reece"
            joined = w.lowers[a + 1] in LIST_JOINS and w.before[a + 1] == "" and w.before[b] == ""
        c = self.classes[k]
        if not joined or not (self.could_be(k) or c & (FIRST | PLACE | STOP | NOT_PERSON) == FIRST | PLACE):
            return False  # a place that is a first name too beside a name is one: "tyler n jordan"
        if b > a + 1 and c & FIRST and c & EVERYDAY and not c & FUNCTION:
            # "my carers are amber and pete": an everyday word that is a name, "and" a name (not a public figure's:
            # "drake and kendrick"), where the list ends after it (not "aisha and summer holidays")
            if self.classes[a if k == b else b] & FIGURE:
                return False
            return k + 1 == len(w) or w.before[k + 1] != "" or w.lowers[k + 1] in LIST_ENDS_AFTER
        return (w.capital(k) and not (c & ENGLISH and not c & FIRST)) or bool(c & FIRST and not c & EVERYDAY)


FAMILY = frozenset(
    [
        "sister",
        "brother",
        "sis",
        "bro",
        "cousin",
        "mum",
        "dad",
        "mom",
        "nan",
        "nana",
        "gran",
        "grandad",
        "grandma",
        "aunt",
        "auntie",
        "aunty",
        "uncle",
        "stepdad",
        "stepmum",
        "stepbrother",
        "stepsister",
        "niece",
        "nephew",
    ]
)
"""Words for someone in a young person's family."""
DID_TO_SOMEONE = frozenset(
    ["keeps", "kept", "stopped", "started", "jumped", "blocked", "ignores", "ignored", "follows", "followed", "laughed"]
)
"""What a person did to a young person, after an everyday-word name starting a sentence ("cliff keeps ...")."""
CLAUSE_VERBS = frozenset(["hope", "will", "mark", "trust", "may", "miss", "pray", "love", "rob", "sue", "chase"])
"""Everyday-word names that also start a sentence as a verb before "my" ("hope my mum gets better", "miss my
dad", "will my mum be ok"): never a name before "my mum" by that alone."""
APPOSITION_AFTER = frozenset(["and", "n", "&", "think", "thought", "with"])
KIN_POSSESSIVES = frozenset(
    ["nans", "mums", "dads", "sisters", "brothers", "aunties", "aunts", "uncles", "cousins", "grandads", "grandmas"]
)


def _from_where_they_are(w: Words, i: int) -> bool:
    """ "from my class", "from year 9", "from the estate", "from cadets" after word i: how young people say who
    someone is; "from the" only before where people are from ("the estate", "the youth club"; not "from the app")."""
    if w.next(i) != "from" or i + 2 >= len(w) or w.before[i + 2]:
        return False
    after = w.lowers[i + 2]
    if after == "the":
        return w.next(i + 2) in PEOPLE_ARE_FROM or w.next(i + 2) in ("old", "new", "same")
    return after in ("my", "year", "yr", "our", "across", "down", "up", "round") or after in SCHOOL_PLACES


def _a_nickname_from_a_group(w: Words, i: int) -> bool:
    """Word i, a word no list of names has ("reign", "star", "legend"), before "from" and where people are from
    (PEOPLE_ARE_FROM, after "my", "our" or "the", "old" or "new") and what a person does to someone (SAID_OR_DID, or
    "keeps" and a verb: "star from my form reported me", "reign from my class keeps sending me"); not a word for people,
    a role or a thing in the plural ("girl from my class", "pics from my team")."""
    lower, c = w.lowers[i], w.classes[i]
    if (
        c & (STOP | FUNCTION | FIRST)
        or lower in NOT_A_NICKNAME
        or lower in RELATIONS
        or lower in RELATIONS_PLURAL
        or lower in ROLE_WORDS
        or lower in TITLES
        or (c & ENGLISH and lower.endswith("s"))
        or w.next(i) != "from"
    ):
        return False
    k = i + 2
    while k < len(w) and not w.before[k] and w.lowers[k] in ("my", "our", "the", "old", "new", "same"):
        k += 1
    if k >= len(w) or w.before[k] or w.lowers[k] not in PEOPLE_ARE_FROM:
        return False
    while k < len(w) and not w.before[k] and w.lowers[k] in PEOPLE_ARE_FROM:
        k += 1
    does = w.next(k - 1)
    return does in DONE_BY_A_PERSON or (does in KEEPS and w.next(k).endswith(("ing", "in")))


LIVES = frozenset(["lives", "lived", "stays", "stayed"])
WHERE_AFTER_LIVES = frozenset(["with", "next", "near", "at", "in", "round", "opposite", "by", "down", "up", "across"])
ROLES_AFTER_THE = RELATIONS | frozenset(
    ["caretaker", "receptionist", "cleaner", "librarian", "headteacher", "head", "driver", "cook", "chef", "warden"]
)
"""Who someone is, after a first name and "the": "bill the caretaker", "mark the youth worker"."""
SELF_NAMING = frozenset(["its", "it's", "it’s", "itz"])
SIGNED_AFTER = frozenset(["btw", "here", "x", "xx"])


def _person_by_what_follows(words: Words) -> Iterator[tuple[int, str]]:
    """First names that are everyday words, months or places ("faith", "april", "georgia"), in lower case, where only a
    person fits what follows: in a form group or from a school of the area ("april from beauchamp said", "faith in 9x2
    is"), living somewhere ("georgia lives next door"), a name given as one's own ("its jade btw", "this is summer from
    year 8"), or a name and who they are ("bill the caretaker"); not "april from last year", "georgia is where my dad is
    from", "its summer btw", "hope the youth worker reads this"."""
    for i in range(len(words) - 1):
        why = _why_a_person(words, i)
        if why:
            yield i, why


def _why_a_person(w: Words, i: int) -> str | None:
    """Why word i is a person's name by the words after it (see _person_by_what_follows), or None."""
    c, lower, p1 = w.classes[i], w.lowers[i], w.prev(i)
    if p1 in POLISH_KIN and not c & (STOP | ENGLISH) and (c & FIRST or POLISH_PET_NAME.search(lower)):
        return "relationship"  # "mój tata krzysiek"; not "mój ojczym nadal bije", "tata pije"
    if len(lower) < 3 or w.written[i][0].isupper() or not _spaced(w, i):
        return None
    nxt = w.lowers[i + 1]
    if p1 == "" and _a_nickname_from_a_form(w, i):
        return "a person, by the words after"  # "fizz from 10x3 keeps ...": a nickname no list has
    if (p1 in ("", "then") or p1 in AND_WORDS) and _a_nickname_from_a_group(w, i):
        return "a person, by the words after"  # "reign from my class keeps sending me ...": a word no list of names has
    if _joined_to_a_person(w, i):
        return "a person, by the person beside"  # "me and june went", "kuba and jan pick on me"
    if not (c & FIRST or lower in TIME_NAMES):
        return None
    if p1 in URDU_I and w.prev(i, 2) in URDU_OPENERS and nxt in URDU_AM and lower not in URDU_STATES:
        return "introduced"  # "main zara hoon"; not "main theek hoon"
    if (p1 == "" or p1 in AND_WORDS) and nxt in ("is", "was", "s") and _an_age_after(w, i + 1):
        return "a person, by the words after"  # "destiny is 13 and ..."; not "summer is 10 weeks away"
    if p1 in DETERMINERS | TIME_UNITS or (c & FUNCTION and lower not in TIME_NAMES):
        return None  # not "3 years ago the guy"
    return _why_by_what_follows(w, i, p1, nxt)


PAIR_DOES = frozenset(
    [
        *("went", "are", "were", "from", "both", "picked", "kept", "said", "told", "got", "took", "came", "did", "had"),
        *("ran", "called", "laughed", "bullied", "started", "made", "hit", "pick", "keep", "say", "always", "live"),
        *("get", "take", "come", "dont", "didnt", "call", "laugh", "bully", "make", "run", "used", "never", "in"),
    ]
)
"""What two people joined by "and" do next ("me and june went", "kuba and jan pick on me")."""
PAIR_DID = frozenset(["went", "are", "were", "from", "both", "picked", "kept", "said", "told", "got", "took", "came"])
"""The same, where a name is a word of grammar too ("will", "may"): only what no verb after "will" could be."""
NOT_BEFORE_A_PAIR = frozenset(["in", "on", "of", "since", "until", "till", "by", "before", "after", "during", "last"])


def _joined_to_a_person(w: Words, i: int) -> bool:
    """Word i, a first name that is a month or a word too, joined by "and" to "me" or to another name (no month), just
    before what people do: "me and june went", "jan and kuba from my class", "kuba and jan pick on me"; not "may and
    june are the best months", "in jan and feb we have mocks", "me and will be there"."""
    lower = w.lowers[i]
    if not (w.classes[i] & FIRST or lower in TIME_NAMES or lower in MONTHS_NAMED_AFTER):
        return False
    does = PAIR_DID if lower in MODAL_NAMES else PAIR_DOES
    if w.prev(i) in AND_WORDS:
        partner, after, before = w.prev(i, 2), w.next(i), w.prev(i, 3)
    elif w.next(i) in AND_WORDS and i + 3 < len(w) and w.prev(i) == "":
        partner, after, before = w.next(i + 1), w.next(i + 2), w.prev(i)  # "jan and kuba", at a sentence's start
    else:
        return False
    if not partner or after not in does or before in NOT_BEFORE_A_PAIR:
        return False
    if partner in ("me", "i"):
        return True
    c = class_of(partner)
    return bool(c & FIRST) and partner not in TIME_NAMES and not c & (STOP | FUNCTION | ENGLISH)


MONTHS_NAMED_AFTER = frozenset(["jan", "jun"])
"""Short months that are names too (Jan, Jun)."""
MODAL_WORDS = frozenset(["will", "may", "can", "might", "must", "shall"])
MODAL_NAMES = MODAL_WORDS | frozenset(["bill", "mark", "pat", "sue"])
"""Names that are verbs too: only what no verb after them could be says they are names ("me and will went")."""


def _why_by_what_follows(w: Words, i: int, p1: str, nxt: str) -> str | None:
    c, lower = w.classes[i], w.lowers[i]
    after = w.lowers[i + 2] if i + 2 < len(w) and _spaced(w, i + 1) else ""
    own = (p1 in SELF_NAMING and w.prev(i, 2) == "") or (p1 == "is" and w.prev(i, 2) in ("this", "dis"))
    form = nxt in ("in", "from") and _form_after(w, i + 1)
    if form or (nxt in ("from", "at") and after and _school_at(w, i + 2)):
        return "a person, by the words after"  # "april from beauchamp said", "faith in 9x2 is"
    if nxt in LIVES and after in WHERE_AFTER_LIVES and p1 not in ("in", "from", "to", "of") and c & FIRST:
        return "a person, by the words after"  # "georgia lives next door"
    if own and lower not in TIME_NAMES and nxt in SIGNED_AFTER:
        return "introduced"  # "its jade btw"
    if own and nxt == "from" and after in ("year", "yr"):
        return "introduced"  # "this is summer from year 8" ("its autumn from 9r": a form, above)
    if (
        nxt == "the"
        and c & FIRST
        and lower not in CLAUSE_VERBS
        and not c & FUNCTION
        and (after in ROLES_AFTER_THE or w.next(i + 2) in ROLES_AFTER_THE)
        and not w.possessive(i + 2)
    ):
        return "name, then who they are"  # "bill the caretaker", "mark the youth worker"
    return None


TIME_UNITS = frozenset(["years", "year", "yrs", "months", "weeks", "days", "ages", "time", "long"])
NOT_A_NICKNAME = (
    RELATIONS
    | RELATIONS_PLURAL
    | frozenset(
        [
            "lads",
            "kids",
            "girls",
            "boys",
            "people",
            "someone",
            "everyone",
            "somebody",
            "everybody",
            "students",
            "pupils",
        ]
    )
)
"""Words that start a sentence before "from 10x3" and are no one's name ("lads from 10x3 ...")."""
POLISH_KIN = frozenset(["tata", "brat", "ojczym", "macocha", "ojciec", "mama", "siostra", "wujek", "dziadek"])
POLISH_PET_NAME = re.compile(r"(?:siek|szek|tek|dek|rek|sia|nia|cia|zia|dzia|usia|unia|uś)$")
"""The endings of Polish pet names ("krzysiek", "tomek", "gosia", "kasia"), which verbs after "tata" do not have."""
URDU_I = frozenset(["main", "mai", "mein", "mei", "me"])
URDU_AM = frozenset(["hoon", "hun", "hu", "hon", "hoo", "hn"])
URDU_OPENERS = frozenset(["", "salam", "salaam", "assalam", "aoa", "hi", "hello", "hey", "aur", "or"])
URDU_STATES = frozenset(
    [
        "theek",
        "thik",
        "khush",
        "pareshan",
        "udaas",
        "udas",
        "akela",
        "akeli",
        "bimar",
        "thaka",
        "thaki",
        "tayyar",
        "bhi",
    ]
)
"""Roman Urdu words for how one is, between "main" and "hoon" ("main theek hoon"): not a name given."""
AGE_AFTER = re.compile(
    r"\s+(\d{1,2})\b(?!\s*(?:weeks?|days?|months?|years? (?:ago|away|long|old)|hours?|minutes?|mins?|pounds?|quid|p\b|%|"
    r"percent|degrees?|miles?|km|kg|am|pm|o ?clock|st\b|nd\b|rd\b|th\b|[-:/.]))"
)


def _a_nickname_from_a_form(w: Words, i: int) -> bool:
    """Word i, no word of grammar nor a word for people, before "from" or "in" and a form group's code."""
    return (
        w.lowers[i + 1] in ("from", "in")
        and not w.classes[i] & (STOP | FUNCTION)
        and w.lowers[i] not in NOT_A_NICKNAME
        and _form_after(w, i + 1)
    )


def _an_age_after(w: Words, k: int) -> bool:
    """An age (5 to 25) comes just after word k: "destiny is 13 and", not "summer is 10 weeks away" or "may is 31"."""
    m = AGE_AFTER.match(w.text, w.span(k)[1])
    return m is not None and 5 <= int(m.group(1)) <= 25


def _spaced(w: Words, i: int) -> bool:
    """Only spaces between word i and the next, in the same sentence."""
    return i + 1 < len(w) and w.text[w.span(i)[1] : w.span(i + 1)[0]].isspace()


def _form_after(w: Words, k: int) -> bool:
    """A form group's code ("9x2", "10b3", "9r") comes just after word k."""
    m = FORM_GROUP.match(w.text, w.span(k)[1] + 1)
    return m is not None and w.text[w.span(k)[1]] == " " and _a_form(w.text, m)


def _school_at(w: Words, k: int) -> bool:
    """One of the area's schools starts at word k ("beauchamp", "rushey mead")."""
    return any(tuple(w.lowers[k : k + len(form)]) == form for form, _loose in _school_index().get(w.lowers[k], ()))


SCHOOL_PLACES = word_list("school places")
PEOPLE_ARE_FROM = SCHOOL_PLACES | frozenset(
    [
        *("year", "yr", "tutor", "group", "team", "club", "estate", "street", "road", "block", "flats", "temple"),
        *("madrassa", "madrasa", "brownies", "gym", "unit", "hostel", "home", "placement", "uni", "ends", "area"),
        *("squad", "chat", "ward", "care", "foster", "sixth", "building", "village", "park", "bus", "shop", "job"),
    ]
)
"""Where young people say someone is from: their class, team, estate, church ("reign from my class")."""
KEEPS = frozenset(["keeps", "keep", "kept"])


SAID_OR_DID = word_list("said or did")
"""What a person says or does to a young person: an everyday word that is a name too, starting a sentence before one,
is the name ("sky said", "river pushed me")."""
DONE_BY_A_PERSON = SAID_OR_DID | frozenset(["reported", "grassed", "exposed", "spread", "dissed", "added", "tagged"])
"""What only a person does to someone, after who they are ("star from my form reported me")."""
VERB_NAMES = word_list("verb names")
"""Everyday-word names that start a sentence as a verb or a wish ("hope my mum gets better", "pray my dad ...")."""
TEXT_SPEAK_VERB = re.compile(
    r"^[bcdfghjklmnpqrstvwxz]{3,}$|[bcdfghjkmpqstvwxz]d$|[bcdfghjklmnpqrstvwxz][rln]d$"
    r"|(?:p|k|ck)t$|[bcdfghjklmnpqrstvwxz]rs$"
)
"""A word typed without its vowels ("nvr", "lft") or a verb's end typed short ("battrd", "punchd", "kikd", "slapt"):
no name ends so ("ahmed", "richard", "ronald" do not; a listed name, or "jj", is a name anyway)."""
SUBJECTS_BEFORE_A_VERB = frozenset(["i", "we", "they", "he", "she"])
"""Words after which a first name in lower case is a verb typed short or misspelt ("i cary a blade")."""
BEFORE_A_VERB_TYPED_SHORT = frozenset(
    [
        *("keep", "keeps", "kept", "even", "been", "stop", "stops", "stopped", "start", "starts", "started", "aint"),
        *("still", "always", "just", "only", "not", "avoid", "go", "goes", "went", "gna", "gonna", "gunna", "wanna"),
        *("wna", "like", "love", "hate", "ppl", "people", "they", "we"),
    ]
)
"""Words after which a first name that is a verb without its "g" is the verb ("keep makin", "even jokin")."""
BE_BEFORE_A_VERB = frozenset(["im", "am", "r", "are", "were", "was", "is"])
"""After these it is the verb only before a word that goes with one ("is savin up"; not "it was sorin who")."""
AFTER_A_VERB_TYPED_SHORT = frozenset(["up", "about", "out", "off", "round", "around", "on", "for"])
OBJECTS_OF_A_VERB = frozenset(["me", "him", "her", "us", "them", "it"])
"""Words before which it is the verb too ("makin me", "robbin them"; not "martin her husband")."""


def _a_verb_typed_short(words: Words, i: int) -> bool:
    """Word i, a first name of the lists that is a verb typed without its "g" ("makin", "jokin", "robbin", "savin";
    and "robin", "justin"), where the words around make it the verb: after a word that goes before one, or before its
    object, and not before who someone is ("martin her husband")."""
    before, after = words.prev(i), words.next(i)
    if not _dropped_g(words.lowers[i]) or words.next(i + 1) in RELATIONS:
        return False
    if after in OBJECTS_OF_A_VERB:
        return True
    if before in BE_BEFORE_A_VERB:
        return after in AFTER_A_VERB_TYPED_SHORT
    return before in BEFORE_A_VERB_TYPED_SHORT


MONTH_NAMES = word_list("month names")
"""Months that are first names, names after a word for one person ("my stepmum april"; not "may": "my mum may")."""
TIME_NAMES = MONTH_NAMES | frozenset(["may", "summer", "autumn", "winter", "spring"])
"""First names that are times too: "its summer btw" is the season."""
TOLD = word_list("told")
"""Verbs whose object is a person: an everyday word that is a name too, after one, is the name ("i told autumn",
"ask chance")."""
NOT_AFTER_TOLD = word_list("not after told")
"""Words after such a word that make it the word ("ask summer school", "tell time")."""
REACH_A_PERSON = frozenset(
    [
        *((verb, "to") for verb in ("talk", "talks", "talking", "talked", "speak", "speaks", "speaking", "spoke")),
        *((verb, "with") for verb in ("talk", "talking", "speak", "speaking", "chat", "chatting")),
        *((verb, "on") for verb in ("check", "checks", "checking", "checked")),
        *((verb, "for") for verb in ("ask", "asks", "asking", "asked", "wait", "waits", "waiting", "waited")),
    ]
)
"""A verb of reaching a person and its preposition: an everyday word that is a name too, after them, is the name
("speak to grace", "check on faith", "waits for lily")."""
REACH_PREPOSITIONS = frozenset(preposition for _, preposition in REACH_A_PERSON)
"""The prepositions of REACH_A_PERSON, of which an answer needs one before the pairs are looked for."""
NOT_AFTER_REACHING = frozenset(["that", "this", "it", "so", "you", "u", "things", "for", "to", "and", "or", "lines"])
"""Words after such a word that make it the word ("nobody to talk to, hope that changes")."""
PERSON_AFTER_A_TIME = frozenset(["she", "shes", "he", "hes", "her", "his", "at", "from", "who", "because", "cos"])
"""Words after a name that is a time too ("summer") that make it the name after such a verb ("ask for summer at
reception"; not "ask for summer activities")."""
SURNAME_PARTICLES = frozenset(
    [
        "van",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "la",
        "le",
        "von",
        "del",
        "al",
        "el",
        "bin",
        "binti",
        "ibn",
        "abu",
        "dos",
        "das",
        "st",
    ]
)
"""Words inside a surname after a first name ("van der berg", "al hassan", "dos santos")."""
SURNAMES_ALSO_WORDS = frozenset(["bibi", "begum", "khatun"])
SURNAME_PREFIXES = ("al-", "el-", "ul-", "bin-", "ibn-", "abu-", "abd-", "o'", "o’")
"""Surnames that are also words redaction never takes for names elsewhere ("my bibi" is a grandmother)."""
TITLE_SPOTS = frozenset(
    [
        "",
        "and",
        "&",
        "n",
        "told",
        "tell",
        "to",
        "by",
        "with",
        "ask",
        "asked",
        "from",
        "but",
        "because",
        "cos",
        "then",
        "like",
        "hate",
        "love",
        "said",
        "says",
        *("teacher", "teachers", "tutor", "head", "headteacher", "pe", "form", "sorry"),
    ]
)
"""Words before "miss" or "sir" that make it a title ("i told miss hope", "miss hope is the only one"; not
"i miss home")."""
EVERYDAY_SURNAMES = word_list("everyday surnames")
"""Surnames that are everyday words ("day", "good", "price"): a surname only right after a first name or a title,
where what follows says the two words are a person ("jack day both play", "miss good kept me back")."""
STREET_SURNAMES = word_list("street surnames")
"""Surnames that are words of streets' and places' names too ("street", "lane", "hill"): after a first name, a surname
only before what a person does ("owen street lives on ...", not "charles street is scary")."""
TITLE_WORD_SURNAMES = (
    frozenset(["young", "little", "best", "good", "long", "may", "well", "new", "day", *SUBJECTS]) | EVERYDAY_SURNAMES
)
"""Surnames that are words redaction never takes for names elsewhere ("mr young", "mrs may")."""
TEXT_LETTERS = frozenset("uyrnxbcki")
"""Letters that are words in text speak ("miss u", "sir y"): not initials after a title."""
POLISH_MARKERS = frozenset(
    [
        "nie",
        "się",
        "sie",
        "jest",
        "że",
        "ze",
        "już",
        "juz",
        "jestem",
        "był",
        "była",
        "są",
        "przez",
        "czy",
        "mnie",
        "mój",
        "moj",
        "moja",
        "moje",
        "ale",
        "tylko",
        "dla",
        "jak",
        "mieszka",
        "pracuje",
    ]
)
"""Words that only a Polish answer has (not "na", "to", "ma", which Gujarati, Urdu and English have too)."""


def _polish(words: Words) -> bool:
    """An answer in Polish: Polish letters, or two of POLISH_MARKERS."""
    return POLISH_LETTERS.search(words.text) is not None or len(words.set & POLISH_MARKERS) >= 2


POLISH_LETTER_WORDS = frozenset("zwiuoa")
"""Letters that are Polish words ("z" from, "w" in): not initials after "pan" or "pani" in lower case ("pani z
poradni", the lady from the clinic; "pani K." stays an initial)."""
ONE_PERSON = (
    RELATIONS
    - FOREIGN_RELATIONS
    - {
        "friends",
        "mates",
        "lady",
        "woman",
        "girl",
        "guy",
        "lad",
        "lass",
        "bloke",
        "fella",
        "ex",
        "brat",
        "officer",
        "worker",
        "partner",
        "teacher",
        "doctor",
        "nurse",
        "coach",
        "boss",
    }
)
"""Words for one person in a young person's life, after which a first name that is also a word is a name
("my step dad bill", "my friend destiny", "my mums boyfriend lee")."""
WHO_AFTER_A_NAME = ONE_PERSON | KIN_POSSESSIVES | {"foster", "step", "little", "big", "older", "younger"}
DETERMINERS = frozenset(
    ["a", "an", "the", "my", "your", "his", "her", "our", "their", "this", "that", "some", "any", "no", "every"]
)
MOVEMENT_VERBS = frozenset(
    [
        "went",
        "go",
        "goes",
        "going",
        "gone",
        "moved",
        "move",
        "moving",
        "came",
        "come",
        "comes",
        "travelled",
        "traveled",
        "drove",
        "drive",
        "walked",
        "walk",
        "ran",
        "flew",
        "trip",
        "holiday",
        "visit",
        "visited",
        "back",
        "way",
    ]
)
WEAK_CONTEXT = frozenset(
    [
        "told",
        "tell",
        "ask",
        "asked",
        "with",
        "from",
        "and",
        "&",
        "text",
        "texted",
        "rang",
        "call",
        "called",
        "me",
        "love",
        "miss",
        "like",
        "hate",
        "saw",
        "see",
        "met",
        "meet",
        "by",
    ]
)
NOT_IN_LISTS = frozenset(
    [
        "and",
        "&",
        "me",
        "i",
        "you",
        "we",
        "they",
        "he",
        "she",
        "them",
        "us",
        "him",
        "her",
        "it",
        "the",
        "a",
        "my",
        "our",
        "your",
        "his",
        "their",
        "all",
        "both",
    ]
)
CONTEXT_WORDS = TITLES | RELATIONS | INTRODUCERS | {"is", "was"}
STREET_WORDS = streets().place
NICKNAME_WORDS = frozenset(["big", "lil", "little"])
NICKNAME = re.compile(
    r"(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)\b(?:big|lil|little)\s+[a-z]\b(?=\s+(?:"
    + "|".join(sorted(STRONG_VERBS))
    + r"|is|was|has|had|got|and|n|&|[a-z]+ed|[a-z]+s)\b)"
    r"|(?<=\band\s)(?:big|lil|little)\s+[a-z]\b(?!['’])"
    # after a word that takes a person: "owes money to big k", "its lil T", "a message from little j"
    r"|(?:(?<=\bby\s)|(?<=\bto\s)|(?<=\bfrom\s)|(?<=\bwith\s)|(?<=\bits\s)|(?<=\bit's\s)|(?<=\btold\s)"
    r"|(?<=\bcalled\s)|(?<=\bowe\s)|(?<=\bowes\s)|(?<=\bfor\s))(?:big|lil|little)\s+[a-z]\b(?!['’-])"
    r"(?!\s+(?:shaped|word|bit|one|thing|size)\b)",
    re.IGNORECASE,
)
"""A nickname of a letter, before what a person does, after "and" or after a word that takes a person: "big T said",
"lil k keeps threatening my brother", "lil d pulled a knife", "[name] and big t wait outside", "i owe big k"."""
BIG_AS_A_WORD = re.compile(r"\b(?:so+|too|very|really|is|was|are|were|how|quite|proper|that)\s+$", re.IGNORECASE)
"""Words before "big" or "little" that make it a word, not the start of a nickname: "the school is so [big i] got
lost"."""
LIST_ENDS = frozenset(
    ["friends", "mates", "besties", "bffs", "cousins", "sisters", "brothers", "bros", "friend", "mate", "bestie"]
)


def _name_candidates(words: Words) -> set[int]:
    """The words _Names.decide() is asked about: names in a list and capitalised words (those after
    context words are added by _names)."""
    classes = words.classes
    kinds = list(map(CANDIDATE_KIND.__getitem__, classes))
    candidates = set(_positions(kinds, 1))  # names in a list (not stop words)
    if 2 in kinds and not words.text.islower():  # other words, if capitalised
        written, before = words.written, words.before
        for i in _positions(kinds, 2):
            # An English word (not a name) that starts a sentence is a name only as "Dev the youth worker".
            if written[i][0].isupper() and (
                not before[i] or not classes[i] & ENGLISH or classes[i] & FIRST or words.next(i) in ("the", "my", "our")
            ):
                candidates.add(i)
    return candidates


class _CandidateKind(dict[int, int]):
    """Word classes -> 1 if a word of them is a name to decide on, 2 if it is when capitalised, 0 never."""

    def __missing__(self, c: int) -> int:
        # A first name that is an everyday word ("hope", "will") in lower case is one only after a word
        # of CONTEXT_WORDS ("my friend hope"), which adds the word after it.
        found = self[c] = 0 if c & STOP else 1 if c & ARABIC or (c & FIRST and not c & EVERYDAY) else 2
        return found


CANDIDATE_KIND = _CandidateKind()


CALL = frozenset(["call", "calls", "called"])


def _after_context(words: Words) -> set[int]:
    """The words _Names.decide() is asked about because of the words before them: after a title, a word for
    someone ("my friend X"), "told", "call him", "me and"; and every lower-case first name that is an everyday
    word too (a name only where _Names._everyday_name() says so)."""
    lowers = words.lowers
    candidates: set[int] = set()
    if not CONTEXT_WORDS.isdisjoint(words.set):
        candidates.update(i + 1 for i, lower in enumerate(lowers[:-1]) if lower in CONTEXT_WORDS)
    if not CALL.isdisjoint(words.set):  # "we call him kwams", "everyone calls her smudge"
        candidates.update(
            i + 2 for i, lower in enumerate(lowers[:-2]) if lower in CALL and lowers[i + 1] in ("me", "him", "her")
        )
    if not TOLD.isdisjoint(words.set):  # "i told autumn"
        candidates.update(i + 1 for i, lower in enumerate(lowers[:-1]) if lower in TOLD)
    if not REACH_PREPOSITIONS.isdisjoint(words.set):  # "check on faith"
        candidates.update(i + 2 for i in range(len(lowers) - 2) if (lowers[i], lowers[i + 1]) in REACH_A_PERSON)
    # everyday words that are names too, in lower case: names only where _everyday_name() says so
    candidates.update(
        i for i, c in enumerate(words.classes) if c & FIRST and c & EVERYDAY and not c & (STOP | FUNCTION)
    )
    if "'" in words.text or "’" in words.text:  # "hevi's dad"
        candidates.update(i for i in range(len(lowers) - 1) if lowers[i + 1] in RELATIONS and words.possessive(i))
    if not URDU_PEOPLE.isdisjoint(words.set):  # "میری بہن عائشہ"
        candidates.update(i + 1 for i, lower in enumerate(lowers[:-1]) if lower in URDU_PEOPLE)
    if "my" in words.set and not words.set.isdisjoint(("is", "was")):  # "rain is my sister"
        before = words.before
        candidates.update(
            i
            for i in range(len(lowers) - 2)
            if (before[i] or (i and lowers[i - 1] in AND_WORDS))
            and lowers[i + 1] in ("is", "was")
            and lowers[i + 2] == "my"
        )
    if "me" in words.set:  # "me n chance"
        candidates.update(
            i + 2 for i, lower in enumerate(lowers[:-2]) if lower == "me" and lowers[i + 1] in ("and", "n", "&")
        )
    return candidates


def _urdu_script(lower: str) -> bool:
    """A word written in Arabic letters (Urdu's)."""
    return "\u0600" <= lower[0] <= "\u06ff"


def _names(words: Words) -> Iterator[Found]:
    names = _Names(words)
    lowers = words.lowers
    candidates = _name_candidates(words) | _after_context(words)
    for i in sorted(candidates):
        why = names.decide(i)
        if why:
            names.found[i] = why
    if not LIST_ENDS.isdisjoint(words.set):  # "will and grace are my best friends"
        text = words.text
        for m in LISTS.finditer(text):
            start, end = m.span("names")
            for i in range(len(words)):
                if start <= words.span(i)[0] < end and lowers[i] not in NOT_IN_LISTS:
                    names.found.setdefault(i, "list of friends")
    for i in _names_with_an_s(words):
        names.found.setdefault(i, "name with an s, then who they are")
    for i, why in _person_by_what_follows(words):
        names.found[i] = why  # the words after say more than a list does ("main zara hoon": a name given)
    if names.found:
        names.extend()
    for i, why in names.found.items():
        yield _name_found(words, i, why)


WHOSE_AFTER_AN_S = RELATIONS | frozenset(["house", "place", "flat", "room", "car", "family"])
NOT_BEFORE_AN_S_NAME = frozenset(
    [
        *("the", "a", "an", "my", "your", "his", "her", "our", "their", "some", "any", "those", "these", "this"),
        *("that", "she", "he", "it", "they", "we", "i", "you", "no", "all", "other", "both", "every", "ur", "me"),
        *("sum", "sm", "som", "many", "few", "two", "2", "three", "older", "younger", "big", "little"),
    ]
)


def _names_with_an_s(words: Words) -> Iterator[int]:
    """A first name with an "s" and no apostrophe, before who someone is to them or their home: "jades mum", "ellies
    brother", "amys house"; not after a word that makes it a plural or a verb ("the guys mum", "she hopes mum ...")."""
    for i, lower in enumerate(words.lowers):
        if len(lower) < 4 or lower[-1] != "s" or words.next(i) not in WHOSE_AFTER_AN_S or words.comma_before(i + 1):
            continue
        stem = class_of(lower[:-1])
        if (
            not stem & FIRST
            or stem & (STOP | PLACE | RELATION_CUE)
            or words.classes[i] & (RELATION_CUE | STOP | FIRST | SURNAME)
            or lower[:-1] in RELATIONS
        ):
            continue
        if words.prev(i) not in NOT_BEFORE_AN_S_NAME:
            yield i


def _name_found(words: Words, i: int, why: str) -> Found:
    start, end = words.span(i)
    # "Mr Patel" -> "[name]": the title says no more than the name would; "big dan said" -> "[name] said"
    if why == "title" or _nickname_word(words, i):
        start = words.span(i - 1)[0]
    if words.possessive(i):  # "Tom's" -> "[name]'s"
        end -= 2
    return Found(start, end, "name", why)


def _nickname_word(words: Words, i: int) -> bool:
    """ "big" or "lil" just before the name at word i, part of a nickname ("big dan", "lil jay"; not "my
    little jay", "a big will")."""
    return (
        i > 0 and not words.before[i] and words.lowers[i - 1] in NICKNAME_WORDS and words.prev(i, 2) not in DETERMINERS
    )


NAME_INTERNAL = frozenset(
    [
        "community",
        "catholic",
        "church",
        "high",
        "primary",
        "infant",
        "infants",
        "junior",
        "juniors",
        "grammar",
        "learning",
        "sixth",
        "form",
        "city",
        "village",
        "c",
        "e",
        "st",
        "saint",
        "upper",
        "middle",
        "free",
        "girls",
        "boys",
        "park",
        "valley",
        "hill",
        "hills",
    ]
)
STOPPERS = GENERIC_BEFORE_SCHOOL - NAME_INTERNAL
SAYING_VERBS = frozenset(
    [
        *("said", "says", "say", "saying", "told", "tells", "think", "thinks", "thought", "reckons", "reckon"),
        *("hate", "hates", "love", "loves", "like", "likes", "miss", "misses", "missed", "skip", "skipped"),
        *("left", "leave", "leaves", "after", "before", "during", "than", "about", "and", "or", "but", "because"),
    ]
)
"""Words no school's name has before its school word, lower case or not: "this guy on tiktok said school is a
scam" names no school ("tiktok said")."""
GO_TO_VERBS = frozenset(["go", "goes", "going", "attend", "attends", "attended", "was", "am", "im", "started"])
"""Verbs before a school with no school word in its name ("i go to fullhurst", "i was at Wreake Valley"): the
habitual ones, not "went to" or "moved to", which are as often a trip or a town."""


def _schools(words: Words) -> Iterator[Found]:
    if not SCHOOL_ENDS.isdisjoint(words.set):
        yield from _named_schools(words)
    if not GO_TO_VERBS.isdisjoint(words.set) or "expelled" in words.set or "excluded" in words.set:
        yield from _schools_gone_to(words)


def _school_name_start(words: Words, i: int) -> int:
    """Walk back from a school word over the words of its name ("of" inside it: "City of Leicester College")."""
    lowers, written = words.lowers, words.written
    j = i
    while j > 0 and words.before[j] == "":
        prev = lowers[j - 1]
        if prev == "of" and j - 2 >= 0 and lowers[j - 2] not in STOPPERS:
            j -= 1
            continue
        if prev in STOPPERS and not (written[j - 1][0].isupper() and prev in ("new", "old", "big")):
            break
        if prev in SAYING_VERBS:
            break
        if words.comma_before(j):
            break  # "waan ku faraxsanahay, school is ok"
        if words.classes[j - 1] & FOREIGN and not words.classes[j - 1] & SCHOOL and not written[j - 1][0].isupper():
            break  # "meri behen aur main har roz saath school jaate hain": Urdu before "school", not its name
        if words.classes[j - 1] & STOP and not (
            written[j - 1][0].isupper() and prev in ("sir", "st", "saint", "new", "old", "big")
        ):
            break  # "better than school", "I'm actually enjoying school"; not "Sir Robert Martin Academy"
        j -= 1
    return j


ANY_OF = frozenset(
    ["every", "a", "an", "any", "all", "each", "no", "some", "other", "most", "many", "few", "several", "another"]
)
"""Words before a place and a school word that make it any school of the place, not one school's name."""


def _named_schools(words: Words) -> Iterator[Found]:
    """ "at Beaumont Leys School", "crown hills community college", "St Paul's Catholic School"."""
    lowers, written, text = words.lowers, words.written, words.text
    for i, lower in enumerate(lowers):
        if lower not in SCHOOL_ENDS:
            continue
        j = _school_name_start(words, i)
        # "New College Leicester": a town straight after the school word is part of its name.
        after = (
            i + 1 < len(lowers)
            and words.before[i + 1] == ""
            and bool(words.classes[i + 1] & PLACE)
            and written[i + 1][0].isupper()
        )
        named = [k for k in range(j, i) if lowers[k] not in GENERIC_BEFORE_SCHOOL]
        if not named and not after:
            continue
        if lower == "school" and _school_in_another_language(words, named):
            continue  # "chaku maar denge school ke baad": the word "school" in an Urdu answer, after an Urdu verb
        if not after and words.prev(j) in ANY_OF and all(words.classes[k] & PLACE for k in named):
            continue  # "every Leicestershire school", "all Rutland schools", "a Polish school": schools of a place
        # Capitals that say a name: not just a sentence's first ("Now school is ...", "During lockdown school").
        capitals = [k for k in named if written[k][0].isupper()]
        capitalised = (
            after
            or (written[i][0].isupper() and bool(capitals))
            or len(capitals) > 1
            or any(words.before[k] != "." for k in capitals)
        )
        unknown = any(
            not words.classes[k] & ENGLISH
            or words.classes[k] & PLACE
            or lowers[k] in ("st", "saint")
            or (words.classes[k] & FIRST and written[k][0].isupper())
            for k in named
        )
        start = words.span(j)[0]
        lead = SCHOOL_LEAD.search(text[max(0, start - 30) : start]) is not None or (
            lower in SMALL_SCHOOL_ENDS and AT_A_SCHOOL.search(text, max(0, start - 6), start) is not None
        )  # "i was at green farm infants", "moved from oak tree academy"
        if capitalised or unknown or lead:
            if j and lowers[j - 1] == "the" and words.before[j] == "" and written[j][0].isupper():
                start = words.span(j - 1)[0]  # "the Beacon Academy" is one name
            yield Found(start, words.span(i + 1 if after else i)[1], "school", "school name")
    for m in IS_A_SCHOOL.finditer(text):  # "Beaumont Leys is a rough school"
        if not any(class_of(w.lower()) & (STOP | NOT_PERSON) for w in m.group("n").split()):
            yield Found(*m.span("n"), "school", "name said to be a school")


def _school_in_another_language(words: Words, named: list[int]) -> bool:
    """Words before "school" in lower case, none of a school's name, in an answer in Urdu or Polish (two of their
    everyday words or more): "school" is the English word in that language's sentence, not a school's name."""
    if any(words.classes[k] & SCHOOL or words.written[k][0].isupper() for k in named):
        return False
    return words.foreign >= 2


def _schools_gone_to(words: Words) -> Iterator[Found]:
    """Capitalised words after "go to" or "was at" ("i used to go to Sir Jonathan North", "i was at Wreake
    Valley"), and a word that is no English word, place or service after it ("i go to fullhurst")."""
    lowers, text = words.lowers, words.text
    after_verb = [
        i
        for i in range(2, len(lowers))
        if (lowers[i - 1] in ("to", "at") and lowers[i - 2] in GO_TO_VERBS)
        or (lowers[i - 1] == "from" and lowers[i - 2] in ("expelled", "excluded"))
    ]
    for i in after_verb:
        if not words.capital(i) or words.before[i] or words.classes[i] & (PLACE | NOT_PERSON | STOP):
            continue
        end = i
        while (
            end + 1 < len(lowers)
            and words.before[end + 1] == ""
            and words.capital(end + 1)
            and not words.classes[end + 1] & STOP
        ):
            end += 1
        if end > i or not words.classes[i] & ENGLISH:
            yield Found(words.span(i)[0], words.span(end)[1], "school", "capitalised name after 'go to'")
    for m in GO_TO.finditer(text) if not GO_TO_WORDS.isdisjoint(words.set) else ():  # "i go to fullhurst"
        c = class_of(m.group("w").lower())
        after = GO_TO_AFTER.match(text, m.end("w"))
        if after and (after.group(1).lower() in STREET_WORDS or after.group(1).lower() in ADDRESS_STREETS):
            continue  # "we go to bradgate park", "we go to melton road": a park or a street, not a school
        if not c & (ENGLISH | PLACE | NOT_PERSON | STOP):
            yield Found(m.start("w"), m.end("w"), "school", "school after 'go to'")


SCHOOL_THINGS = word_list("school things")
"""Words after "school" that make it a thing of school, not a school ("Twycross Zoo is the best school trip")."""
IS_A_SCHOOL = re.compile(
    r"(?:^|[.!?]\s+)(?P<n>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?:is|was)\s+(?:a|an|the)\s+"
    r"(?:\w+\s+){0,2}(?:school|college|academy)\b(?!\s+(?:" + "|".join(sorted(SCHOOL_THINGS)) + r")\b)"
)
GO_TO_WORDS = frozenset(["go", "goes", "going", "attend", "attends", "attended"])
GO_TO_AFTER = re.compile(r"\s+([^\W\d_]+)")
GO_TO = re.compile(
    r"\b(?:go(?:es)?|going|attend(?:s|ed)?)\s+(?:to|at)\s+(?P<w>[^\W\d_]{3,})\b"
    r"(?!\s+\w+\s+(?:school|college|academy))",
    re.IGNORECASE,
)


# --- numbers -----------------------------------------------------------------------------------
def _nhs_valid(digits: str) -> bool:
    """The NHS number's Modulus 11 check."""
    if len(digits) != 10 or digits[0] == "0":
        return False
    check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    return check != 10 and (check % 11) == int(digits[9])


def _pesel_valid(digits: str) -> bool:
    """The PESEL's check digit (weights 1, 3, 7, 9)."""
    if len(digits) != 11:
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    return (10 - sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 10) % 10 == int(digits[10])


def _near(text: str, start: int, end: int, word: str, reach: int = 30) -> bool:
    return word in text[max(0, start - reach) : end + reach].lower()


def _old_registrations(text: str) -> Iterator[Found]:
    """Registrations from before 2001 ("S816 KFB"), and in lower case with a word for a car in the answer."""
    if OLD_VEHICLE_NEEDS.search(text):
        for m in OLD_VEHICLE.finditer(text):
            yield Found(m.start(), m.end(), "vehicle registration", "vehicle registration (before 2001)")
    if LOWER_OLD_VEHICLE_NEEDS.search(text) and CAR_WORDS.search(text):
        for m in LOWER_OLD_VEHICLE.finditer(text):
            yield Found(m.start(), m.end(), "vehicle registration", "vehicle registration (before 2001), by a car")


def _spaced_registrations(text: str) -> Iterator[Found]:
    """Registrations spaced out as on the plate in lower case ("kp 21 wxe"), in an answer about a car or a driver,
    where neither group of letters is a word ("im 14 and my dad drives a van")."""
    plates = [
        m
        for m in LOWER_SPACED_VEHICLE.finditer(text)
        if not class_of(m.group(1)) & (STOP | FUNCTION) and not class_of(m.group(2)) & (STOP | FUNCTION | ENGLISH)
    ]
    if plates and (CAR_WORDS.search(text) or DRIVEN_AT.search(text)):
        yield from (Found(m.start(), m.end(), "vehicle registration", "vehicle registration, by a car") for m in plates)


def _plates_after_their_word(text: str) -> Iterator[Found]:
    """Registrations right after "reg", "plate" or "number" in an answer about a car (PLATE_AFTER_ITS_WORD)."""
    if CAR_WORDS.search(text):
        for m in PLATE_AFTER_ITS_WORD.finditer(text):
            yield Found(*m.span("p"), "vehicle registration", "vehicle registration, after its word")


def _numbers(text: str, digit_count: int) -> Iterator[Found]:
    if LETTERS_DIGITS.search(text):  # "AB12 CDE", "QQ 12 34 56 C"
        for m in NI_NUMBER.finditer(text):
            if m.group()[:2].upper() not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ") or any(
                _near(text, m.start(), m.end(), said) for said in ("ni number", "insurance", "ni no")
            ):  # a pair HMRC never gives, in a number said to be one: invented or misremembered, and still theirs
                yield Found(m.start(), m.end(), "NI number", "National Insurance number")
        for m in VEHICLE.finditer(text):
            yield Found(m.start(), m.end(), "vehicle registration", "vehicle registration")
        yield from _spaced_registrations(text)
    yield from _old_registrations(text)
    yield from _plates_after_their_word(text)
    if digit_count < 10:
        return
    for m in _from_each_group(NHS_NUMBER, text):
        digits = re.sub(r"\D", "", m.group())
        if _nhs_valid(digits) or _near(text, m.start(), m.end(), "nhs"):
            yield Found(m.start(), m.end(), "NHS number", "NHS number (Modulus 11)")
    for m in PESEL.finditer(text) if digit_count >= 11 else ():
        if _near(text, m.start(), m.end(), "pesel") or (
            _pesel_valid(m.group()) and (not m.group().startswith("0") or m.group()[2] in "23")
        ):  # "08260112345": born in 2008 (month + 20); not "07700900123", a phone number
            yield Found(m.start(), m.end(), "PESEL", "PESEL (check digit)")
    if "pesel" in text.lower():
        yield from _spaced_pesels(text)


NAME_THEN_EMAIL = re.compile(r"(?:^|(?<=[,.;:!?\n]))\s*((?:[A-Za-z'’-]+\s+){1,3})$")
SERVICES_MAIL = re.compile(r"\.(?:gov|nhs|org|ac|sch|police)\.uk$|\.(?:org|gov)$", re.IGNORECASE)


def _names_before_their_email(text: str, emails: list[Found]) -> list[Found]:
    """A name at a line's start (or after a full stop or comma), one to three words, then an email that holds one of
    them ("grace wood gracewood11@gmail.com", "faith day faithday2010@icloud.com"): the name, everyday words or not,
    as the email says; not a service's ("youth team youthteam@leicester.gov.uk")."""
    found = []
    for e in emails:
        address = text[e.start : e.end]
        local = re.sub(r"[^a-z]", "", address.split("@")[0].lower())
        m = NAME_THEN_EMAIL.search(text, 0, e.start)
        if not m or not local or SERVICES_MAIL.search(address):
            continue
        parts = list(WORD.finditer(text, m.start(1), m.end(1)))
        while (
            parts
            and parts[-1].group().lower() not in local
            and class_of(parts[-1].group().lower()) & (ENGLISH | STOP | FUNCTION)
        ):
            parts.pop()  # "yonas email ...", "kels here ...": the name is before them
        if any(len(w.group()) >= 3 and w.group().lower() in local for w in parts):
            found.append(Found(parts[0].start(), parts[-1].end(), "name", "name, then the email that holds it"))
    return found


DIGIT_GROUPS = re.compile(r"(?<![\w+])(?<!\d[/.:,-])\d+(?:[ -]\d+)*(?![/.:,-]?\d)")
"""A run of groups of digits, each after one space or dash ("481 223 7710"), not inside a date, a time or a sum."""


def _bare_long_numbers(text: str) -> Iterator[Found]:
    """A number of ten or eleven digits standing bare, alone or in groups of three to five ("481 223 7710",
    "12091504417"): no count, score or sum is written so, and someone's NHS number or PESEL typed a digit wrong fails
    its check and is still theirs. One that starts with 0 is read as a phone number, so that a helpline stays. It runs
    after the other number recognisers (explain() keeps the first of two equal finds), so that `--explain` names
    theirs where they found the same number."""
    for run in DIGIT_GROUPS.finditer(text):
        groups = [(m.start(), m.end()) for m in re.finditer(r"\d+", run.group())]
        for i, (start, _) in enumerate(groups):
            for end in (groups[j][1] for j in range(i, min(i + 3, len(groups)))):
                part = run.group()[start:end]
                sizes = [len(g) for g in re.split(r"[ -]", part)]
                if sum(sizes) not in (10, 11) or min(sizes) < 3:
                    continue
                kind = (
                    "NHS number"  # "777 143 2290", as NHS numbers are written
                    if part[0] != "0" and (sizes == [3, 3, 4] or (sum(sizes) == 10 and part[0] != "7"))
                    else "phone"  # a helpline stays
                    if part[0] in "07"
                    else "PESEL"
                )
                yield Found(
                    run.start() + start,
                    run.start() + end,
                    kind,
                    "number of ten or eleven digits, standing bare",
                )


def _spaced_pesels(text: str) -> Iterator[Found]:
    """A PESEL in groups of digits by the word "pesel", passing its check: "pesel 1322 1187 791"."""
    for m in SPACED_PESEL.finditer(text):
        if _pesel_valid(re.sub(r"\D", "", m.group())) and _near(text, m.start(), m.end(), "pesel"):
            yield Found(m.start(), m.end(), "PESEL", "PESEL, spaced (check digit)")


GROUP_START = re.compile(r"(?:\(\+?|\+)(?=\d)|(?<![\d+])(?<!\d[/.-])\d")
"""Where a group of digits starts, with its "+" or "(" ("+44 7700 ..."), not inside a date or a number grouped by "/",
"." or "-" ("03" of "12/03/2010")."""


def _from_each_group(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of a pattern for a number, tried from each group of digits in turn, so that a number written
    straight after another ("12/03/2010 943 476 5919", a date of birth then an NHS number) is read from its own first
    digit and not from the other's; overlapping matches are for the caller's checks and the finds' resolution."""
    for start in GROUP_START.finditer(text):
        m = pattern.match(text, start.start())
        if m:
            yield m


SPACED_DOTS = re.compile(r"(?:\s\.\s[A-Za-z0-9_]+)+")
"""The rest of a handle spelt out with spaced dots ("kasia . b . 2011"); a sentence's full stop has no space before it."""
ROMANIAN_APPS = frozenset(w for w in SOCIAL_WORDS if w.endswith("ul"))
"""Apps' names with the Romanian ending ("snapul", the snap): after one, only a word shaped like a handle is one
("snapul e blocat", the snap is blocked)."""
SPACED_GAMERTAG = re.compile(
    rf"\b(?:{SOCIAL})\s+(?:(?:gamertag|tag|name|username|id)\s+)?(?:is|its|it's|[:=])\s*"
    r"(?P<h>[A-Za-z]{2,}(?:\s[A-Za-z]{2,}){0,2}\s\d{2,5})\b(?!\s*(?:%|[a-z]+s\b))",
    re.IGNORECASE,
)
"""A gamertag with spaces in it, after "gamertag is", "psn its", "discord:" ("frozen wolf 771"): words, then a number;
not a count ("getting 500 likes", "only 12 followers")."""
GAMERTAG_NOT = frozenset(
    [
        "since",
        "from",
        "until",
        "till",
        "for",
        "at",
        "in",
        "on",
        "by",
        "off",
        "down",
        "up",
        "out",
        "dead",
        "broken",
        "banned",
        "hacked",
        "blocked",
        "locked",
        "deleted",
        "private",
        "public",
        "gone",
        "back",
        "over",
        "about",
    ]
)
"""Words that say what became of an account or when ("my xbox is broken since 2023"): after "is", no gamertag's."""


def _spaced_gamertags(text: str) -> Iterator[Found]:
    """SPACED_GAMERTAG's handles whose words are none of them a word of grammar, a word of two letters or a verb in -ing
    ("my xbox is broken since 2023", "my insta is getting 500")."""
    for m in SPACED_GAMERTAG.finditer(text):
        parts = m.group("h").lower().split()[:-1]
        if not any(w in FUNCTION_WORDS or len(w) < 3 or w.endswith("ing") or w in GAMERTAG_NOT for w in parts):
            yield Found(*m.span("h"), "handle", "gamertag with spaces after an app's name")


GAMERTAG_OF_WORDS = re.compile(
    rf"\b(?:{SOCIAL})\s+(?:(?:gamertag|gamer\s+tag|tag|name|username|id)\s+)?(?:(?:is|its|it's|[:=])\s*)?"
    r"(?P<h>[\w-]+(?:\s[\w-]+){1,3}?)(?=\s+(?:and|but|add|if|so|dont|pls|please|or|for|on|n)\b|\s*[,.!?]|\s*$)",
    re.IGNORECASE,
)
"""A gamertag of two to four words after a console's, game's or app's name ("gamertag is xX NightFox LE Xx but",
"xbox gamertag Lord Tugga add me", "fortnite TTV zizzle and"): up to "and", "but", "add" or the sentence's end."""


def _gamertags_of_words(words: Words) -> Iterator[Found]:
    """GAMERTAG_OF_WORDS's handles: one word shaped like a handle (a digit or an underscore, capitals inside it or all
    of it: "NightFox", "xX", "TTV") or capitalised and no English word ("Tugga"), and no word in lower case that is a
    word of English, of grammar, of another language's everyday speech or of text speak ("hai", "lol", "askin"), or
    that says what became of an account. Not "fortnite every day", "my xbox is broken", "mera snap jazzy_k hai"."""
    for m in GAMERTAG_OF_WORDS.finditer(words.text):
        parts = m.group("h").split()
        shaped = [
            bool(re.search(r"[\d_]|[a-z][A-Z]|[A-Z]{2}", p)) or (p[0].isupper() and not is_english(p.lower()))
            for p in parts
        ]
        if any(shaped) and not any(
            not shape and _an_everyday_word_after_an_app(p) for p, shape in zip(parts, shaped, strict=True)
        ):
            yield Found(*m.span("h"), "handle", "gamertag of several words after an app's name")


def _an_everyday_word_after_an_app(part: str) -> bool:
    """A word after an app's name that is no part of a gamertag: of grammar, an app's or a tag's name, a word of what
    became of an account, or in lower case a word of English, of another language's everyday speech or text speak."""
    lower = part.lower()
    if lower in GAMERTAG_NOT or lower in SOCIAL_WORDS or lower in ("name", "id"):
        return True
    if class_of(lower) & (STOP | FUNCTION | FOREIGN):  # every word of FUNCTION_WORDS is one or the other
        return True
    return part.islower() and (is_english(lower) or lower in everyday_words() or _typed_short(lower))


def _handles(words: Words) -> Iterator[Found]:
    """A handle after an app's name ("insta jay.bee", "my snap is kiaan2011") or before "on <app>", with the rest of
    it if it is spelt out with spaced dots."""
    text = words.text
    for i, lower in enumerate(words.lowers):
        if lower not in SOCIAL_WORDS:
            continue
        start = words.span(i)[0]
        for m in (HANDLE_AFTER.match(text, start), HANDLE_BEFORE.search(text[max(0, start - 40) : start])):
            if m is None:
                continue
            handle = m.group("h")
            c = class_of(handle.lower().lstrip("@"))
            if m.re is HANDLE_BEFORE and not HANDLE_SHAPE.search(handle) and handle.lower().endswith("ed"):
                continue  # "got sextorted on insta": a verb, not a handle
            if c & FIGURE and m.re is HANDLE_BEFORE:
                continue  # "i watch mrbeast on youtube": a public figure's channel
            if HANDLE_SHAPE.search(handle) or not (c & (ENGLISH | STOP | PLACE | NOT_PERSON) or lower in ROMANIAN_APPS):
                offset = 0 if m.re is HANDLE_AFTER else max(0, start - 40)
                dots = SPACED_DOTS.match(text, m.end("h") + offset)
                end = dots.end() if dots else m.end("h") + offset
                yield Found(m.start("h") + offset, end, "handle", "handle after an app's name")


def _phones(text: str, seen: frozenset[str], digit_count: int) -> Iterator[Found]:
    if digit_count and O_BESIDE_DIGIT.search(text):  # the same text with o for nought read as 0 (same places)
        text = O_FOR_ZERO.sub(lambda m: "0" * len(m.group()), text)
        digit_count = len(DIGIT.findall(text))
    # Most answers have no run of seven digits: libphonenumber's matcher is not cheap.
    if digit_count >= MIN_PHONE_DIGITS and DIGIT_RUN.search(text):
        for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.VALID):
            yield Found(match.start, match.end, "phone", "phone number (libphonenumber)")
        # UK numbers written in ways libphonenumber will not take whole ("07700/900/321", "0 7 7 0 0 ...").
        for m in _from_each_group(PHONE_LIKE, text):
            digits = re.sub(r"\D", "", m.group()).removeprefix("00")
            national = "0" + digits[2:].removeprefix("0") if digits.startswith("44") else digits
            if national.startswith("0") and len(national) in (10, 11):
                yield Found(m.start(), m.end(), "phone", "phone number (UK shape)")
            elif (
                len(national) == 10
                and national[0] == "7"
                and PHONE_CONTEXT.search(text[max(0, m.start() - 40) : m.start()])
            ):
                yield Found(m.start(), m.end(), "phone", "phone number (UK mobile without its 0)")
            elif (
                national.startswith(("07", "01", "02"))
                and len(national) in (9, 12, 13)
                and PHONE_CONTEXT.search(text[max(0, m.start() - 40) : m.start()])
            ):
                yield Found(m.start(), m.end(), "phone", "phone number, a digit short or over, after a word for one")
        for m in POLISH_PHONE.finditer(text):  # "600 123 456" after "numer", "+48 512 345 678"
            if m.group("cc") or PHONE_CONTEXT.search(text[max(0, m.start() - 40) : m.start()]):
                yield Found(m.start(), m.end(), "phone", "phone number (Polish)")
    spoken = len(SPOKEN_WORDS & seen)
    if spoken >= 2 or (spoken and digit_count >= 5):
        yield from _spoken_phones(text)


def _spoken_phones(text: str) -> Iterator[Found]:
    for m in SPOKEN_PHONE.finditer(text):  # "oh seven seven double oh nine ..."
        spoken = m.group().rstrip(" ,.-")
        digits, repeat = "", 1
        for word in re.split(r"[\s,.-]+", spoken.lower()):
            if word in ("double", "triple", "treble"):
                repeat = 2 if word == "double" else 3
                continue
            digits += (SPOKEN_DIGITS.get(word) or word) * repeat
            repeat = 1
        spelled = sum(w in SPOKEN_DIGITS for w in spoken.lower().split())
        if (len(digits) >= 10 and spelled >= 3) or (len(digits) == 11 and digits.startswith("07") and spelled):
            yield Found(m.start(), m.start() + len(spoken), "phone", "phone number in words")


def _birth_dates(text: str, seen: frozenset[str]) -> list[Found]:
    """Dates of birth the DATE_OF_BIRTH pattern does not take: written out, in a birth year or after
    "birthday" ("the 9th of june 2009", "my birthdays the 30th of april"), and "2010-11-23"."""
    found = []
    months = not MONTH_WORDS.isdisjoint(seen)
    year = months or "-" in text or "/" in text or "." in text
    birth_year = BIRTH_YEAR_NEEDS.search(text) is not None
    if year and birth_year:
        if months:
            found += [Found(*m.span(), "date of birth", "date in a birth year") for m in BIRTH_WRITTEN.finditer(text)]
        found += [Found(*m.span(), "date of birth", "date in a birth year") for m in BIRTH_ISO.finditer(text)]
    if months and DIGIT.search(text):
        found += [Found(*m.span(), "date of birth", "date in a birth year") for m in BIRTH_SHORT.finditer(text)]
    if birth_year:  # "03 11 2011"
        found += [Found(*m.span(), "date of birth", "date in a birth year") for m in BIRTH_SPACED.finditer(text)]
    if months and not YEAR_WORD_STARTS.isdisjoint(seen):
        found += [Found(*m.span(), "date of birth", "date in a birth year") for m in BIRTH_IN_WORDS.finditer(text)]
    if (months or "/" in text or "." in text or "-" in text) and not BIRTH_WORDS.isdisjoint(seen):
        found += [Found(*m.span("d"), "date of birth", "date after 'birthday'") for m in BIRTHDAY_DATE.finditer(text)]
    return found


def _addresses_in_context(text: str, pattern: re.Pattern[str]) -> list[Found]:
    found = []
    for m in pattern.finditer(text):
        start = m.start()
        before = NUMBER_BEFORE.search(text, max(0, start - 8), start)
        if before:
            start = before.start()  # "number 19 the fairway", "no. 5 wyvern avenue"
        if LIVING_BEFORE.search(text, max(0, start - 40), start) or LIVING_AFTER.match(text, m.end()):
            found.append(Found(start, m.end(), "address", "house number and street where someone lives"))
        elif _postal_after(text, m.end()):
            found.append(Found(start, m.end(), "address", "house number and street, then its town or postcode"))
        elif NUMBER_THE_STREET.fullmatch(m.group()):
            found.append(Found(start, m.end(), "address", "house number and a close's name"))
        elif pattern is NUMBER_AFTER_STREET and NUMBER_SAID.search(m.group()):
            found.append(Found(start, m.end(), "address", "street, then its house number"))  # "tudor road number 12"
        elif pattern is WORDS_ADDRESS and LETTER_ON_A_NUMBER.search(m.group()):
            found.append(Found(start, m.end(), "address", "house number in words, with its letter"))  # "nine b ..."
    return found


HOTEL = (
    r"(?:[A-Za-z'&]+\s+){0,2}?(?:hotel|hostel|inn|travelodge|ibis|hilton|marriott|b&b|bnb)"
    r"(?:\s+(?:express|budget|styles|hub))?"  # "the holiday inn express", "the ibis budget"
)
HOTEL_TAIL = (
    r"\s+(?:at|in|of)\s+(?:the\s+|a\s+)?" + HOTEL + r"\b"
    rf"(?:\s+(?:on|off)\s+(?:{NOT_STREET_WORD}[A-Za-z']+\s+){{0,3}}(?:{STREET}|{WEAK_STREET})\b)?"
)
HOME_BY_NUMBER = re.compile(
    rf"\b(?:(?:hostel|hotel)\s+)?room\s+\d{{1,4}}[a-z]?{HOTEL_TAIL}"
    r"|\b(?:live|lives|living|stay|stays|staying|moved|placed)\s+in\s+"
    r"(?P<h>(?:(?:hostel|hotel)\s+)?room|caravan|chalet|cabin|bungalow|maisonette)\s+\d{1,4}[a-z]?\b"
    rf"(?:{HOTEL_TAIL})?"
    # a caravan site's plot or pitch: "plot 6 on the hill farm site"
    r"|\b(?:plot|pitch)\s+\d{1,3}[a-z]?\s+(?:on|at|in)\s+(?:the\s+)?(?:[A-Za-z']+\s+){1,3}(?:site|caravan\s+park|camp)\b",
    re.IGNORECASE,
)
"""A home that is not a house, by its number: a hotel's or hostel's room where a family is placed ("[room 118 at the
premier inn on humberstone gate]"), or a room, caravan or bungalow someone lives in ("we live in [caravan 7]"); not
"maths in room 118" or "room 4 at the youth centre"."""
HOME_NUMBER_WORDS = frozenset(["room", "caravan", "chalet", "cabin", "bungalow", "maisonette", "plot", "pitch"])
"""What HOME_BY_NUMBER needs, cheap to look for first."""
BLOCK_PAIR = re.compile(
    r"\b(?:the\s+)?(?P<a>(?:st\.?\s+)?[A-Za-z']+)\s+(?:flats|estate|house|court|lodge|tower|towers|heights|mansions)"
    r"\s*,\s*(?:(?P<b>[A-Za-z']+(?:\s+[A-Za-z']+)?)\s+(?:house|court|lodge|tower|towers|heights|mansions|flats)"
    r"|block\s+[a-z])\b",
    re.IGNORECASE,
)
"""A block of flats by its name, then its building or block after a comma ("the [st marks flats, elmsdale house]",
"[rowlatts hill flats, block c]")."""


def _named_blocks(text: str) -> list[Found]:
    """BLOCK_PAIR where the names are no words of grammar, of family or of everyday description, and one of them is a
    saint's or a word no everyday list has; not "my mums house, my dads house", "the big house, the small house"."""
    found = []
    for m in BLOCK_PAIR.finditer(text):
        words = [w.lower() for part in (m.group("a"), m.group("b") or "") for w in WORD.findall(part)]
        saint = words[0] == "st"
        words = words[1:] if saint else words
        if any(_no_buildings_name(w) for w in words):
            continue
        if saint or not all(class_of(w) & ENGLISH for w in words):
            found.append(Found(*m.span(), "address", "block of flats by its name, and its building"))
    return found


NUMBER_SAID = re.compile(r"\b(?:number|no\.?|num)\s*\d", re.IGNORECASE)
THE_STREETS = frozenset(
    [
        *("paddocks", "paddock", "maltings", "willows", "limes", "beeches", "elms", "poplars", "laurels", "hawthorns"),
        *("pastures", "meadows", "sidings", "brambles", "ridings", "spinneys", "spinney", "orchards", "leys", "leas"),
        *("lawns", "woodlands", "coppice", "glebe", "croft", "dell", "nook", "garth", "wynd", "fairway", "ridgeway"),
        *("glade", "copse", "crescent", "mews", "hawthorns", "hollies", "chestnuts", "cedars", "firs", "oaks"),
    ]
)
"""Everyday last words of a street's name that, after a house number and "the", are a close's name wherever they are
("outside 21 the paddocks", "number 9 the maltings"), where "the chase", "the green" or "the park" may be anything."""
NUMBER_THE_STREET = re.compile(
    r"\d{1,4}[a-z]?\s+the\s+(?:" + "|".join(sorted(THE_STREETS, key=lambda w: (-len(w), w))) + ")",
    re.IGNORECASE,
)


BUILDING_ENDS = frozenset(["house", "court", "lodge", "tower", "towers", "heights", "point", "mansions", "flats"])
"""The last words of a named building someone lives in (_buildings_lived_in)."""
BUILDING_NAMED = re.compile(
    r"\b(?P<p>at|in|into|to|from|of|leave|leaving|left)\s+(?:the\s+)?(?!(?:leave|leaving|left)\b)(?P<b>(?:[A-Za-z']+\s+){1,2}(?:"
    + "|".join(sorted(BUILDING_ENDS, key=lambda w: (-len(w), w)))
    + r"))\b",
    re.IGNORECASE,
)
BUILDING_LIVING_CUES = LIVING_CUES | frozenset(
    ["lived", "rehoused", "placed", "away", "care", "kicked", "missing", "leave", "leaving", "left"]
)
"""What _buildings_lived_in needs (BUILDING_LIVING_BEFORE's words), cheap to look for first."""
CARE_HOME = "children's or care home by its name"
CARE_HOME_NAMED = re.compile(
    r"\b(?P<b>(?:[a-z][a-z'’-]*\s+){1,3}?)(?:children'?s|children’s|childrens|children|kids|care|residential)\s+home\b",
    re.IGNORECASE,
)
NOT_A_CARE_HOMES_NAME = frozenset(
    [
        *("residential", "private", "secure", "foster", "semi", "independent", "supported", "local", "council"),
        *("new", "old", "big", "small", "nice", "horrible", "lovely", "strict", "scary", "rubbish", "different"),
        *("another", "same", "last", "first", "current", "other", "next", "nearest", "one", "kids", "children"),
        *("mixed", "girls", "boys", "emergency", "short", "long", "term", "respite", "nursing", "specialist"),
    ]
)
"""Words before "children's home" or "care home" that say what kind it is, not its name ("a secure children's
home")."""


def _care_homes_named(text: str) -> list[Found]:
    """A children's or care home by its name ("[sunnyside lodge childrens home]", "the [elms care home]"): words
    before "children's home" or "care home" that are not function words or words for what kind it is."""
    found = []
    for m in CARE_HOME_NAMED.finditer(text):
        start = m.start("b")
        for w in WORD.finditer(m.group("b")):
            lower = w.group().lower()
            if (class_of(lower) & (STOP | FUNCTION) and lower not in BUILDING_ENDS) or lower in NOT_A_CARE_HOMES_NAME:
                start = m.start("b") + w.end()  # the name starts after "a", "the", "my", "secure", "in"
        start += len(text[start : m.end()]) - len(text[start : m.end()].lstrip())
        if start < m.start("b") + len(m.group("b").rstrip()) and not text[start : m.end()].lower().startswith(
            ("childrens", "children", "kids", "care", "residential")
        ):
            found.append(Found(start, m.end(), "address", CARE_HOME))
    return found


HOMES_CALLED = frozenset(["home", "hostel", "refuge", "placement"])
HOME_CALLED = re.compile(
    r"\b(?:" + "|".join(sorted(HOMES_CALLED)) + r")\s+(?:is\s+|was\s+|that'?s\s+|thats\s+)?called\s+"
    r"(?P<b>(?:the\s+)?[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){0,2})",
    re.IGNORECASE,
)


def _homes_called(text: str) -> list[Found]:
    """A children's home, hostel or placement by the name it is "called" ("my care home is called [the beeches]", "the
    hostel is called [millbrook]"): up to three words, ending before a function word."""
    found = []
    for m in HOME_CALLED.finditer(text):
        start = end = m.start("b")
        for n, w in enumerate(WORD.finditer(m.group("b"))):
            if class_of(w.group().lower()) & (STOP | FUNCTION) and not (n == 0 and w.group().lower() == "the"):
                break
            end = m.start("b") + w.end()
        if end > start and text[start:end].lower() != "the":
            found.append(Found(start, end, "address", CARE_HOME))
    return found


HOUSE_NUMBER_GIVEN = re.compile(
    r"\bhouse\s+(?:number|no\.?|num)\s*(?:is\s+|=\s*|:\s*|was\s+)?(\d{1,4}[a-z]?)\b(?![\s-]*\d)", re.IGNORECASE
)
"""A house number given alone ("our house number is 27")."""
LIVE_AT_A_NUMBER = re.compile(
    r"\b(?:live|lives|living|lived|stay|stays|staying)\s+(?:at|on)\s+(?P<a>(?:number\s+|no\.?\s*)?\d{1,4}[a-z]?\s+"
    r"(?P<w>[a-z][a-z']+)(?:\s+(?P<x>[a-z][a-z']+))?)",
    re.IGNORECASE,
)
"""Where someone lives: a number and a street's name without its street word ("we live at 14 westcotes")."""


def _numbered_without_a_street_word(text: str) -> list[Found]:
    """A house number and one word that is no English word, a time or an amount, after "live at" ("we live at [14
    westcotes]"; not "i live at 5 mins from school"); the next word too where it is none either."""
    found = []
    for m in LIVE_AT_A_NUMBER.finditer(text):
        word = m.group("w").lower()
        if class_of(word) & (ENGLISH | STOP | FUNCTION | FOREIGN) or word in ANY_STREET:
            continue
        end = m.end("w")
        if m.group("x") and not class_of(m.group("x").lower()) & (ENGLISH | STOP | FUNCTION | FOREIGN):
            end = m.end("x")
        found.append(Found(m.start("a"), end, "address", "house number and a street's name where someone lives"))
    return found


FLAT_OF_A_BUILDING = re.compile(
    r"\b(?:the\s+)?(?:top|middle|bottom|basement|ground\s+floor|first\s+floor|second\s+floor|upstairs|downstairs|"
    r"back|front|attic)\s+(?:flat|room|bedsit|maisonette)\s*(?:,|at|in|of)?\s*$",
    re.IGNORECASE,
)
"""Which flat of a building, just before its address ("[the top flat at 3 evington lane]")."""
CARE_HOME_WORDS = frozenset(["childrens", "children's", "children’s", "children", "kids", "care", "residential"])
LIVE_STAY = frozenset(["live", "lives", "living", "lived", "stay", "stays", "staying"])
"""What LIVE_AT_A_NUMBER needs, cheap to look for first."""
BUILDING_LIVING_BEFORE = re.compile(
    r"\b(?:live|lives|living|lived|stay|stays|staying|moved|move|moving|rehoused|placed|in\s+care|"
    r"(?:ran|run|runs|running)\s+away|(?:kicked|chucked|thrown)\s+out|missing)"
    r"\b[^.!?\n]{0,25}$",
    re.IGNORECASE,
)


PLACE_NAME_ENDS = (
    *("wood", "field", "fields", "bank", "dale", "ley", "ton", "ford", "brook", "gate", "croft", "hurst", "mead"),
    *("view", "side", "hill", "acre", "acres", "lea", "combe", "stead", "worth", "bourne", "well", "haven", "moor"),
    "lands",
)
"""How the names of many English places, houses and blocks end ("oakwood", "ashfield", "meadowview"): a building named
with such a word is a named building, though the word is in the English dictionary."""
GENERAL_BUILDING = frozenset(
    [
        *("big", "small", "little", "new", "old", "council", "care", "foster", "hunting", "ski", "holiday", "log"),
        *("youth", "village", "town", "community", "court", "leisure", "student", "country", "tree", "summer", "beach"),
        *("party", "haunted", "main", "family", "dogs", "dog", "safe", "crack", "drug", "trap", "flop", "halfway"),
        *("clock", "bell", "water", "radio", "control", "office", "church", "watch", "eiffel", "blackpool", "food"),
    ]
)
"""Words before "lodge", "court", "tower" ... that say what kind of place it is, not its name ("a hunting lodge", "the
youth court")."""
TREE_HOMES = frozenset(
    [
        *("willows", "beeches", "limes", "laurels", "elms", "hollies", "poplars", "cedars", "firs", "pines", "oaks"),
        *("larches", "birches", "chestnuts", "sycamores", "maples", "hawthorns", "rowans", "yews", "alders", "hazels"),
    ]
)
"""Trees, plural: the names of many houses and homes ("the willows", "the beeches"), where someone lives or stays only
after words that say so (_buildings_lived_in)."""
TREE_HOME_NAMED = re.compile(
    r"\b(?:at|in|into|to|from)\s+(?P<b>the\s+(?:" + "|".join(sorted(TREE_HOMES)) + r"))\b", re.IGNORECASE
)


def _lived_in_before(text: str, start: int) -> bool:
    """Words just before `start` that say someone lives, stays, ran away from or was kicked out of it
    (BUILDING_LIVING_BEFORE)."""
    return bool(BUILDING_LIVING_BEFORE.search(text, max(0, start - 40), start))


def _buildings_lived_in(text: str) -> list[Found]:
    """A block of flats or a house by its name, after words that say someone lives there ("we live in a flat at
    maxfield house", "i used to live at clipstone house", "she ran away from the willows"); not "my dads house", "a
    big house", "the council house": the name has a word no everyday list has, or is trees ("the beeches")."""
    found = [
        Found(*m.span("b"), "address", "named building where someone lives")
        for m in TREE_HOME_NAMED.finditer(text)
        if _lived_in_before(text, m.start())
    ]
    for m in BUILDING_NAMED.finditer(text):
        words = m.group("b").lower().split()
        words, end = words[:-1], words[-1]
        if any(class_of(w) & (STOP | FUNCTION) or w in RELATIONS or w in RELATIONS_PLURAL for w in words):
            continue
        if all(class_of(w) & ENGLISH for w in words) and not (
            words[-1].endswith(PLACE_NAME_ENDS)
            or (end not in ("house", "flats") and not GENERAL_BUILDING.intersection(words))
        ):
            continue  # "the big house", "a council house"; not "[oakwood house]", "[beacon lodge]"
        leaving = m.group("p").lower() in ("leave", "leaving", "left")
        if leaving or _lived_in_before(text, m.start()):
            found.append(Found(*m.span("b"), "address", "named building where someone lives"))
    return found


HOME_BY_WHO_IS_THERE = re.compile(
    r"\b(?:(?:key\s?workers?|staff|(?:foster\s+)?carers?|foster\s+(?:brothers?|sisters?|siblings?|family|mum|dad|"
    r"parents?|kids?)|(?:ran|run|runs|running|went|gone|go|goes|going)\s+(?:away|off|missing))\s+(?:at|from)|"
    r"(?P<block>(?:our|my|his|her|their|the)\s+block)(?:\s+is)?(?:\s+called)?)"
    r"\s+(?P<b>(?:the\s+)?[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*)?)",
    re.IGNORECASE,
)
"""A home by its name after who is there, or who left it ("my keyworker at [the beeches]", "foster carers at [ashby
court]", "running off from [fern bank]", "our block [kingfisher house]"): _homes_by_who_is_there."""
NOT_A_HOME_AFTER = frozenset(
    [
        *("garden", "centre", "center", "pub", "park", "school", "surgery", "shop", "cafe", "club", "medical"),
        *("primary", "academy", "leisure", "restaurant", "hotel", "church", "college", "hospital", "station"),
    ]
)
"""Words after "the willows" that make it another place ("the willows garden centre")."""
HOME_BY_WHO_CUES = frozenset(
    [
        *("keyworker", "keyworkers", "key", "staff", "carer", "carers", "foster", "block", "ran", "run", "runs"),
        *("running", "went", "gone", "go", "goes", "going"),
    ]
)
"""What _homes_by_who_is_there needs, cheap to look for first."""


def _homes_by_who_is_there(text: str) -> list[Found]:
    """A children's home, foster home or block by its name after the people there or leaving it (HOME_BY_WHO_IS_THERE):
    trees ("the beeches"), a name and a building's word ("cedar house"), a name and the last word of a place's name
    without "the" ("fern bank", "meadow view"), or one word no list has that ends as places do ("hollybrook"); not
    "staff at the school", "foster carers at christmas", "ran away from home", "the willows garden centre"."""
    found = []
    for m in HOME_BY_WHO_IS_THERE.finditer(text):
        words = [w.lower() for w in m.group("b").split()]
        article = words[0] == "the"
        rest = words[1:] if article else words
        if any(_not_a_homes_word(w) for w in rest[1:]) and rest[-1] not in BUILDING_ENDS:
            rest = rest[:1]
        if not rest or _not_a_homes_word(rest[0]):
            continue
        named = 0
        if len(rest) == 2 and rest[1] in BUILDING_ENDS and rest[0] not in GENERAL_BUILDING:
            named = 2  # "cedar house", "kingfisher house"
        elif m.group("block"):
            named = 1 if len(rest) == 1 and not class_of(rest[0]) else 0
        elif article and rest[0] in TREE_HOMES and (len(rest) == 1 or rest[1] not in NOT_A_HOME_AFTER):
            named = 1  # "the beeches"
        elif not article and len(rest) == 2 and rest[1] in PLACE_NAME_ENDS and rest[1] not in NOT_A_HOME_AFTER:
            named = 2  # "fern bank", "meadow view"
        elif not article and not class_of(rest[0]) and rest[0].endswith(PLACE_NAME_ENDS):
            named = 1  # "hollybrook", "brookside"
        if named:
            end = _end_of_word(text, m.start("b"), m.end("b"), (1 if article else 0) + named)
            found.append(Found(m.start("b"), end, "address", "named home after who is there"))
    return found


def _end_of_word(text: str, start: int, end: int, n: int) -> int:
    """Where the n-th word (from 1) of text[start:end] ends."""
    return list(WORD.finditer(text, start, end))[n - 1].end()


def _not_a_homes_word(lower: str) -> bool:
    """A word of grammar, of family or of time: no part of a home's name ("at [christmas]", "from my", "at work")."""
    return bool(class_of(lower) & (STOP | FUNCTION)) or lower in RELATIONS or lower in NOT_WHERE


ROOM_IN_A_HOSTEL = re.compile(
    r"\broom\s+(?:no\.?\s*|number\s+)?\d{1,4}[a-z]?\s+(?:at|in|of)\s+(?:the\s+)?(?:(?P<hostel>ymca|ywca|foyer|hostel|"
    r"refuge|shelter|travelodge|ibis|b&b|bnb|premier\s+inn|(?:[a-z][a-z'’-]*\s+){1,2}(?:hotel|inn|hostel))|"
    r"(?P<named>(?:[a-z][a-z'’-]*\s+){1,2}(?:centre|center|house|lodge)))\b",
    re.IGNORECASE,
)
"""A room and the hostel, hotel or centre it is in ("[room 14 at the ymca]", "[room 4 at the dawn centre]")."""
ROOM_LIVED_IN_BEFORE = re.compile(
    r"\b(?:i'?m|i’m|im|we'?re|we’re|we\s+was|was|were|been|put\s+(?:me|us)|stuck|live|lives|living|stay|stays|"
    r"staying|stayed|sleep|sleeping|moved|placed)\s+(?:in\s+|into\s+)?$",
    re.IGNORECASE,
)


def _rooms_in_hostels(text: str) -> list[Found]:
    """A room with the hostel or hotel it is in; in a centre, house or lodge by its name, where words before it say
    someone is there ("im in [room 4 at the dawn centre]"; not "we had our party in room 4 at the leisure centre")."""
    return [
        Found(*m.span(), "address", "room in a hostel")
        for m in ROOM_IN_A_HOSTEL.finditer(text)
        if m.group("hostel")
        or (
            ROOM_LIVED_IN_BEFORE.search(text, max(0, m.start() - 25), m.start())
            and not GENERAL_BUILDING.intersection(m.group("named").lower().split())
        )
    ]


HOME_SAID_AFTER = re.compile(
    r"\b(?:at|from|to|in)\s+(?P<b>(?:the\s+)?[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*)?)[^.!?\n]{0,30}?\b(?:it'?s|it’s|"
    r"it\s+is|its|which\s+is|that'?s|that’s|thats)\s+a\s+(?:(?:childrens|children'?s|children’s|kids|care|"
    r"residential|secure)\s+(?:home|unit)|hostel|refuge|(?:supported|semi[\s-]independent)\s+(?:housing|accommodation|"
    r"living|flat))\b",
    re.IGNORECASE,
)

HOME_SAID_CUES = frozenset(["hostel", "refuge", "unit", "home", "housing", "accommodation", "living", "flat"])


def _homes_said_after(text: str) -> list[Found]:
    """A place by its name said after to be a children's home, a unit or a hostel ("i stayed at [the gables] for a bit,
    its a childrens home"): one or two words, no words of grammar or of time, and one English word only after "the"."""
    found = []
    for m in HOME_SAID_AFTER.finditer(text):
        words = [w.lower() for w in m.group("b").split()]
        article = words[0] == "the"
        rest = words[1:] if article else words
        keep = list(itertools.takewhile(lambda w: not (class_of(w) & (STOP | FUNCTION) or w in NOT_WHERE), rest))
        if not keep or any(w in HOME_HEADS or w in GENERAL_BUILDING for w in keep):
            continue
        if len(keep) == 1 and class_of(keep[0]) & ENGLISH and not article:
            continue  # "at respite for two weeks", "in care for a bit"
        end = _end_of_word(text, m.start("b"), m.end("b"), (1 if article else 0) + len(keep))
        found.append(Found(m.start("b"), end, "address", "home said to be a children's home"))
    return found


HOME_HEADS = frozenset(
    [
        *("house", "houses", "bungalow", "bungalows", "cottage", "cottages", "flat", "flats", "maisonette"),
        *("maisonettes", "caravan", "static", "farm", "farmhouse", "barn", "vicarage", "rectory", "semi", "terrace"),
        *("hostel", "refuge", "shelter", "hotel", "travelodge", "tent", "van", "shed", "garage", "loft", "room"),
        *("doorway", "boat", "narrowboat", "almshouses", "gatehouse", "lodge", "conversion", "lodgings", "housing"),
        *("placement", "unit", "block", "tower", "site", "door", "one", "bedsit", "annexe", "home", "place"),
        *("pitch", "plot", "floor", "ymca", "garages", "foyer", "inn", "ibis"),
    ]
)
"""Words for a home or a place someone stays or is kept, which a description of where it is may follow ("the
white bungalow at the end of mill lane in kegworth"): _described_homes."""
HOTELS = frozenset(["hotel", "inn", "ibis", "travelodge", "hostel"])
GENERAL_HOMES = frozenset(
    [
        *("house", "houses", "flat", "flats", "home", "place", "one", "room", "door", "block", "tower", "unit"),
        *("hotel", "garage", "garages", "shed", "van", "tent", "semi", "terrace", "static", "site", "pitch", "plot"),
        "floor",
    ]
)
"""Homes any street or village has many of: "a flat in highfields" is no address, "the refuge in loughborough" is."""
HOME_RELATIONS = frozenset(
    [
        *("at", "on", "in", "by", "behind", "above", "over", "next", "to", "opposite", "near", "off", "outside"),
        *("beside", "before", "after", "past", "down", "of", "from", "upstairs", "underneath", "under", "along"),
        *("with", "across", "round", "around", "beyond", "up", "into", "facing", "between", "inside", "just", "out"),
    ]
)
"""Words that say where a home is from something near it ("next to", "at the end of", "above", "behind")."""
LANDMARK_RELATIONS = HOME_RELATIONS - {"at", "on", "in", "of", "with", "from", "to", "into", "up", "down", "just"}
"""Of HOME_RELATIONS, those that place a home beside something ("next to the church", "above the chippy")."""
NOT_WHERE_IT_IS = frozenset(["with", "from"])
"""Relations before a village that say who is with someone or where they came from ("moved house from wigston")."""
HOME_ARTICLES = frozenset(["the", "a", "an"])
HOME_OWNERS = frozenset(["my", "his", "her", "our", "their", "your", "ur", "me"])
MODIFIERS_OF_A_HOME = HOME_HEADS | frozenset(
    [
        *("old", "new", "little", "last", "first", "big", "end", "top", "back", "front", "kids", "young", "school"),
        *("police", "van", "bus", "car", "post", "children"),
    ]
)
"""Words of the stop list that may still describe a home or what is near it ("the old vicarage", "the police
station", "the old school house")."""
NOT_WHERE = frozenset(
    [
        *("night", "nights", "weekend", "weekends", "summer", "winter", "morning", "mornings", "evening", "day"),
        *("days", "week", "weeks", "month", "months", "year", "years", "time", "times", "moment", "holidays"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "bed", "middle", "nowhere"),
        *("since", "every", "till", "until", "today", "tonight", "yesterday", "tomorrow"),
    ]
)
"""Words after "in" or "at" that say when, or no place a home could be found by ("in the summer", "at night")."""
DOING_TO_A_HOME = frozenset(
    [
        *("live", "lives", "living", "lived", "stay", "stays", "staying", "stayed", "rent", "rents", "got", "get"),
        *("have", "has", "had", "share", "sleep", "sleeps", "slept", "kept", "keep", "keeps", "is", "are", "was"),
        *("moved", "move", "moving"),
    ]
)
"""Words before a home's description that are no part of it ("i [rent] room 4 at ...")."""
HOME_PARTS_AFTER_A_COMMA = frozenset(["flat", "number", "no", "numba", "block", "unit", "room", "apartment", "floor"])
"""The first word of a part of a home written after its description and a comma (", flat 9", ", number 21")."""


class _Group(NamedTuple):
    """Words of a home's description after a relation ("at [the end]", "of [mill lane]", "in [kegworth]")."""

    relation: str
    first: int
    last: int
    article: bool
    kind: str
    """"street", "building", "place" (a village or part of a city, with no "the"), "landmark" ("the church") or ""."""


def _home_group(words: Words, k: int, end: int) -> _Group | None:
    """The group of words from relation k: its article and up to four words that are not relations or function
    words, and what they name; None if there is none."""
    relation = words.lowers[k]
    j = k + 1
    while j < end and words.lowers[j] in HOME_RELATIONS and not words.comma_before(j):
        relation = words.lowers[j] if relation == "just" else relation  # "next to": next; "just behind": behind
        j += 1
    article = j < end and words.lowers[j] in HOME_ARTICLES and not words.comma_before(j)
    owner = not article and j < end and words.lowers[j] in HOME_OWNERS and not words.comma_before(j)
    first = j + article + owner  # "above [his shop]"
    town = 0 if article or owner or relation != "in" else _town_words(words.lowers[first : min(first + 3, end)])
    after = first + town
    if (
        town > 1
        and not any(words.comma_before(i) for i in range(first + 1, after))
        and (after >= end or words.comma_before(after) or not _a_word_of_a_place(words, after))
    ):  # not "in [stoney stanton] quarry"
        return _Group(relation, first, first + town - 1, article, "place")  # "in [long whatton]", "in [great glen]"
    last = first - 1
    while (
        last + 1 < end
        and last + 1 - first < 4
        and not words.comma_before(last + 1)
        and _a_word_of_a_place(words, last + 1)
    ):
        last += 1
    if last < first:
        return None
    street = next(
        (i for i in range(last, first, -1) if _a_street_ends(words.lowers, first, i, article)), None
    )  # "on [western boulevard] top floor"
    if street is not None and not (article and words.lowers[first - 1] in ("a", "an")):  # not "a busy road"
        return _Group(relation, first, street, article, "street")
    kind = _what_a_group_names(words, first, last, article)
    return _Group(
        relation, first, last, article, "" if owner or (kind == "place" and relation in NOT_WHERE_IT_IS) else kind
    )


def _a_street_ends(lowers: list[str], first: int, i: int, article: bool) -> bool:
    """Word i ends a street's name begun at word `first` ("mill lane", "fosse road south", "the st peters estate");
    not a part of the city ("beaumont leys"), nor a park after "the" ("the retail park")."""
    if i - first < 1 or " ".join(lowers[first : i + 1]) in places():
        return False
    if lowers[i] in ("north", "south", "east", "west") and i - first > 1:
        i -= 1
    return lowers[i] in (ADDRESS_STREETS if article else ANY_STREET) or lowers[i] == "estate"


def _a_word_of_a_place(words: Words, k: int) -> bool:
    lower = words.lowers[k]
    return (
        lower not in HOME_RELATIONS
        and lower not in NOT_WHERE
        and (not words.classes[k] & (STOP | FUNCTION) or lower in MODIFIERS_OF_A_HOME)
    )


def _what_a_group_names(words: Words, first: int, last: int, article: bool) -> str:
    lowers = words.lowers[first : last + 1]
    classes = words.classes[first : last + 1]
    if len(lowers) > 1 and lowers[-1] in BUILDING_ENDS and not classes[0] & ENGLISH:
        return "building"
    if not article and _a_village(classes):
        return "place"
    return "landmark" if article else ""


def _a_village(classes: list[int]) -> bool:
    """Words that may name a village or a part of the city: none of the stop list, one of them a place's, a
    school's (named after its area), a surname or in no list ("kegworth", "eyres monsell", "sutton cheney")."""
    return not any(c & STOP for c in classes) and any(
        c & (PLACE | SCHOOL) or not c or (c & SURNAME and not c & ENGLISH) for c in classes
    )


def _described_homes(words: Words) -> list[Found]:
    """A home said by describing where it is rather than by its number, where the description names a street,
    a named building, or a village with a landmark or a home no street has many of ("the white bungalow at the
    end of mill lane in kegworth", "the flat above the chippy on narborough road", "the refuge in loughborough",
    "the one with the gnomes on swithland lane"); not "a flat in highfields", "my house is near a busy road"."""
    found = []
    n = len(words)
    for h, lower in enumerate(words.lowers):
        if lower in LIVES_BESIDE and h + 1 < n and words.lowers[h + 1] in RIGHT_BESIDE:
            found += _lives_beside(words, h)
        if lower not in HOME_HEADS or (h + 1 < n and words.lowers[h + 1] in HOME_HEADS and not words.before[h + 1]):
            continue  # "the static [caravan]": the last of them
        end = words.sentence_end(h)
        first = _start_of_a_home(words, h)
        before = words.lowers[first - 1] if first and not words.before[first] else ""
        if not _a_home_word(words, h, first, before):
            continue
        groups, last = _where_a_home_is(words, h, end)
        if last is None or not _a_home_found_by(words, h, first, before, groups):
            continue
        if lower in HOTELS and not WORK_CUES.isdisjoint(words.lowers[max(0, first - 4) : first]):
            continue  # "my mum cleans at the holiday inn on st nicholas circle": her work
        start = words.span(first - (before in HOME_ARTICLES))[0]
        ordinal = ORDINAL_BEFORE.search(words.text, 0, start)
        if ordinal and before not in HOME_ARTICLES:
            start = ordinal.start()  # "[2nd house from the end on dunton street]"
        found.append(Found(start, _with_a_part_after(words, last, end), "address", DESCRIBED_HOME))
    return found


DESCRIBED_HOME = "home described by where it is"
LIVES_BESIDE = frozenset(
    ["live", "lives", "living", "lived", "stay", "stays", "staying", "stayed", "sleep", "sleeps", "sleeping", "slept"]
)
"""Words for living somewhere that a description of where may follow with no word for the home ("we live [above
the launderette on wharf street]")."""
RIGHT_BESIDE = frozenset(
    ["above", "over", "behind", "next", "opposite", "beside", "underneath", "under", "upstairs", "across", "facing"]
)
"""Of LANDMARK_RELATIONS, those that put a home right beside something ("above the launderette"), not somewhere
about it ("we live near the park in syston", "round the corner")."""


def _lives_beside(words: Words, v: int) -> list[Found]:
    """Where someone lives, said by what is beside their home and the street or village it is on, straight after
    the word for living (LIVES_BESIDE, word v): "we live [above the launderette on wharf street]"; not "i live near
    the park", "we live next to a busy road"."""
    if words.before[v + 1] or words.comma_before(v + 1):
        return []
    end = words.sentence_end(v)
    groups, last = _where_a_home_is(words, v, end)
    kinds = [g.kind for g in groups]
    if last is None or not kinds or kinds[0] != "landmark" or not {"street", "place"} & set(kinds):
        return []
    return [Found(words.span(v + 1)[0], _with_a_part_after(words, last, end), "address", DESCRIBED_HOME)]


PLURAL_HOMES = frozenset(["houses", "flats", "cottages", "bungalows", "maisonettes", "garages"])


def _a_home_word(words: Words, h: int, first: int, before: str) -> bool:
    """Word h is someone's home, not "walking home", "the last bus home", "the one in town" or "big houses"."""
    lower = words.lowers[h]
    if lower in ("home", "place"):
        return first < h and words.lowers[h - 1] in WHOSE_HOME  # "the kids home", "my foster carers place"
    if lower in ("one", "door") or lower in PLURAL_HOMES:
        return before == "the"  # not "the people next door at ..."
    return True


def _not_at_work(found: list[Found]) -> list[Found]:
    """Homes described by where they are, less those that are a place of work found by its own rules ("the manager
    at the esso garage on hinckley road"); not by the learned ones, which read streets as places of work too."""
    work = [f for f in found if f.kind == "workplace" and not f.recogniser.startswith(LEARNED_ANY)]
    return [
        f for f in found if f.recogniser != DESCRIBED_HOME or not any(w.start < f.end and f.start < w.end for w in work)
    ]


NOT_BEFORE_A_HOME = HOME_ARTICLES | HOME_OWNERS | HOME_RELATIONS | DOING_TO_A_HOME


WHOSE_HOME = frozenset(
    [
        *("kids", "childrens", "children", "care", "foster", "group", "residential", "nursing", "baby", "carers"),
        *("dads", "mums", "nans", "grans", "aunties", "uncles", "cousins", "mates", "boyfriends", "friends"),
    ]
)
"""The word before "home" or "place" that makes it someone's home ("the kids home", "my foster carers place")."""
ORDINAL_BEFORE = re.compile(r"(?:\bthe\s+)?\b\d{1,2}(?:st|nd|rd|th)\s+$", re.IGNORECASE)


def _start_of_a_home(words: Words, h: int) -> int:
    """The first word of a home's description before its word: up to four words that describe it ("the [big white]
    house", "my [foster carers] place", "the [mother and baby] unit" is cut at "and")."""
    first = h
    while (
        first
        and h - first < 4
        and not words.before[first]
        and not words.comma_before(first)
        and words.lowers[first - 1] not in NOT_BEFORE_A_HOME
        and _a_word_of_a_place(words, first - 1)
        and (words.lowers[h] in ("home", "place") or words.lowers[first - 1] not in RELATIONS_PLURAL)
    ):
        first -= 1  # "my dads [flat ...]", but "my [foster carers place ...]"
    return first


def _where_a_home_is(words: Words, h: int, end: int) -> tuple[list[_Group], int | None]:
    """The groups of words after a home's word that say where it is, and the last word of the last one that names
    somewhere (None if none does)."""
    groups: list[_Group] = []
    last = None
    k = h + 1
    if k < end and len(words.lowers[k]) == 1 and not words.before[k] and not words.comma_before(k):
        k += 1  # "block [c] on ..."
    while k < end and k - h < 20:
        if words.comma_before(k):
            part = _a_part_after_a_comma(words, k, end, k == h + 1)
            if part is None or (last is None and k > h + 1):
                break  # "[the mill house, sapcote]": a named home's village straight after it
            groups.append(part)
            last = k = part.last
            k += 1
            continue
        if words.lowers[k] not in HOME_RELATIONS:
            break
        group = _home_group(words, k, end)
        if group is None or (not group.kind and any(g.kind not in ("", "landmark") for g in groups)):
            break
        groups.append(group)
        if group.kind:
            last = group.last
        k = group.last + 1
    return groups, last


def _a_part_after_a_comma(words: Words, k: int, end: int, named_home: bool = False) -> _Group | None:
    """After a home's description, a comma and its village (", whetstone"), or the number of its flat or floor
    (", flat 9", ", 11th floor", ", number 21"); straight after a home's name (`named_home`), a town of the list in
    English words too ("the old rectory, [great glen]")."""
    stop = next((j for j in range(k + 1, end) if words.comma_before(j)), end)
    lowers = words.lowers[k:stop]
    numbered = bool(_numbers_between(words, k, k + 1))
    if len(lowers) <= 2 and ((lowers[0] in HOME_PARTS_AFTER_A_COMMA and numbered) or lowers[-1] == "floor"):
        return _Group(",", k, stop - 1, False, "building")
    town = _town_words(lowers[:3])
    if (
        named_home
        and town
        and lowers[town - 1] not in ANY_STREET
        and (town >= len(lowers) or lowers[town] not in ANY_STREET)
    ):  # not ", [melton] road", ", 200 [saffron lane]" (an estate named after its street)
        return _Group(",", k, k + town - 1, False, "place")  # ", [great glen]": a town of the list, in English words
    village = next((j for j in range(min(stop, k + 3) - 1, k - 1, -1) if _a_village(words.classes[k : j + 1])), None)
    if village is not None and village + 1 < stop and words.lowers[village + 1] in BUILDING_ENDS:
        return _Group(",", k, village + 1, False, "building")  # "flat 21, 9th floor, [maxfield house]"
    if village is not None and not words.classes[village] & ENGLISH:
        return _Group(",", k, village, False, "place")  # ", [long whatton] is where i live"
    return None


def _a_home_found_by(words: Words, h: int, first: int, before: str, groups: list[_Group]) -> bool:
    """Whether a home's description names enough to find it by, and more than its street alone (which
    _streets_lived_on takes: "a flat on [braunstone avenue]", "our house on [tudor road]"): a street or a named
    building; or a village or part of a city with a landmark beside the home, or a home no street has many of, or
    one said with the words that describe it ("the old vicarage in tilton")."""
    kinds = {g.kind for g in groups}
    numbered = bool(_numbers_between(words, h, h + 1))  # "room 4", "pitch 9"
    if (
        [g.kind for g in groups] == ["street"]
        and first == h
        and (before != "the" or _numbers_between(words, h, groups[0].first))
        and words.lowers[h] in GENERAL_HOMES
        and groups[0].relation not in LANDMARK_RELATIONS
        and not numbered
    ):
        return False  # "a flat on [braunstone avenue]", "the house at [14 tudor road]", but "[room 4 at ...]"
    if words.lowers[h] in ("one", "door"):
        return "street" in kinds  # "[the one with the gnomes on swithland lane]", not "the one to alton towers"
    if kinds & {"street", "building"}:
        return True
    if "place" not in kinds:
        return False
    if numbered:
        return True  # "[pitch 9 at aston firs]"
    if kinds & {"landmark"}:
        return True
    if before == "the":
        return words.lowers[h] not in GENERAL_HOMES or first < h  # "[the refuge in loughborough]"
    return (
        first < h and before not in HOME_OWNERS | HOME_ARTICLES and words.lowers[h] not in GENERAL_HOMES
    )  # "at [top farm in croxton kerrial]", not "at sum1s house in loughbro"


def _with_a_part_after(words: Words, last: int, end: int) -> int:
    """The end of a home's description: its last word, with a number just after it ("... on upperton road number
    71")."""
    stop = words.span(last)[1]
    after = _numbers_between(words, last, last + 1)
    if after and not words.text[stop : after[0].start()].strip(" ,"):
        return after[0].end()
    return stop


TOWN_AFTER_COMMA = re.compile(r"\s*,\s*([A-Za-z]+(?:\s+[A-Za-z]+){0,2})")
POSTCODE_AFTER = re.compile(r",?\s*(?:" + POSTCODE.pattern + ")", re.IGNORECASE)


def _postal_after(text: str, end: int) -> bool:
    """After a street (with or without its house number): a comma and a town or village of the list, or a postcode,
    as an address is written on a letter ("14 the paddocks, anstey", "grange road, wigston", "... chapel street LE9
    6AB")."""
    m = TOWN_AFTER_COMMA.match(text, end)
    if m and _town_words(m.group(1).lower().split()):
        return True
    return bool(POSTCODE_AFTER.match(text, end))


def _town_words(words: list[str]) -> int:
    """How many of these words (lower case), from the first, name a town or village of the list: the most that do
    ("market harborough" before "market"), 0 if none."""
    towns = places()
    return next((n for n in range(len(words), 0, -1) if " ".join(words[:n]) in towns), 0)


def _streets_lived_on(text: str) -> list[Found]:
    """A street's name with no house number where the words before or after say someone lives or stays on it
    ("my nan lives on glenhills boulevard", "outside our house on tudor road", "mieszkam na narborough road");
    not a street named as a place ("the bus down london road", "a crash on narborough road")."""
    found = []
    for m in STREET_NAMED.finditer(text):
        start = m.start()
        for w in WORD.finditer(m.group()):  # "the city because [granby street]": the name starts after them
            if w.group().lower() in FUNCTION_WORDS:
                start = m.start() + w.end()
        start += len(text[start : m.end()]) - len(text[start : m.end()].lstrip())
        if m.group("weak") and (
            all(
                class_of(w.lower()) & ENGLISH and not w[0].isupper()
                for w in WORD.findall(text[start : m.start("weak")])
            )
            or not ON_A_STREET.search(text, max(0, start - 12), start)
            or " ".join(text[start : m.end()].lower().split()) in places()
        ):
            continue  # "a massive green": words; "in rushey mead": a part of the city; "on beaumont way": a street
        before = text[max(0, start - 60) : start]
        cut = max(before.rfind(c) for c in ".!?\n")
        inner = _past_words_before_a_street(text, start, m.end())
        if (
            LIVES_ON_BEFORE.search(before[cut + 1 :])
            or (inner > start and LIVES_ON_BEFORE.search(text, max(0, start - 60) + cut + 1, inner))
            or LIVES_ON_AFTER.match(text, m.end())
            or (_people_from(before[cut + 1 :]) and as_words(text[start : m.end()].lower()) not in school_forms())
            or _someones_home(before[cut + 1 :])
            or (not m.group("weak") and _postal_after(text, m.end()))
        ):
            number = HOUSE_NUMBER_AFTER.match(text, m.end())
            end = number.end() if number else m.end()
            corner = CORNER_OF.search(text, max(0, start - 16), start)
            if corner:  # "on [the corner of ashford road and the rec]"
                start = corner.start()
                other = CORNER_AND.match(text, end)
                end = other.end() if other else end
            else:  # "meri khala [belgrave road]", "mieszka w domu dziecka przy [aylestone road]"
                start = inner
            found.append(Found(start, end, "address", "street where someone lives or stays"))
    return found


def _foreign_words_between(address: str) -> bool:
    """A number, then everyday words of Somali, Urdu or Polish, then a street: a bus number and what it does, not a
    house number and its street ("bas-ka [14 wuxuu maraa narborough road]": the 14 goes along narborough road)."""
    return sum(bool(class_of(w.lower()) & FOREIGN) for w in WORD.findall(address)) >= 2


CORNER_OF = re.compile(r"\b(?:the\s+)?corner\s+of\s+$", re.IGNORECASE)
CORNER_AND = re.compile(
    rf"\s+(?:and|&|n)\s+(?:the\s+)?(?:(?:{STREET_NAME_WORD}){{0,2}}(?:{STREET}|{WEAK_STREET})|rec|park|shops?|church)\b",
    re.IGNORECASE,
)
"""A home on a corner: the words before the street ("the corner of") and the other side of it ("and the rec")."""


WEB_PARTS = frozenset(TLD.split("|")) | {"www", "html", "php", "pdf", "docx", "jpg", "png", "mp4", "txt"}


def _a_services_site(link: str) -> bool:
    """A helpline's or service's web address ("themix.org.uk", "https://www.childline.org.uk/get-support"):
    data/helplines.txt names it, and it stays as written."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", link.lower()).split("/")[0].rstrip(".")
    names = helplines().names
    return host in names or any(host.endswith("." + name) for name in names if "." in name)


def _dotted_handles(text: str) -> list[Found]:
    """Handles of three parts or more joined by dots ("leicester.vapez.plug", "andrei.p.deals"): no part a web
    address's or a file's ending, no part of one letter only ("e.g.", "a.s.a.p"), one part of four letters or more or
    three of two ("jo.jo.xo")."""
    found = []
    for m in DOTTED_HANDLE.finditer(text):
        parts = m.group().lower().split(".")
        long_enough = max(map(len, parts)) >= 4 or sum(len(p) >= 2 for p in parts) >= 3  # "ben.the.man.2u"
        if WEB_PARTS.isdisjoint(parts) and long_enough and sum(len(p) == 1 for p in parts) <= 1:
            found.append(Found(*m.span(), "handle", "handle with dots"))
    return found


TWO_PART_DOTTED = re.compile(r"(?<![\w@./])[A-Za-z][A-Za-z0-9_]{2,}\.[A-Za-z0-9_]*[\d_][A-Za-z0-9_]*(?![\w@/]|\.\w)")


TWO_WORDS_UNDERSCORED = re.compile(r"(?<![\w@./])[A-Za-z]{2,}(?:_[A-Za-z]{2,})+(?![\w@/]|\.\w)")


def _underscored_handles(text: str) -> list[Found]:
    """In an answer about an app (SOCIAL_WORDS), words joined by an underscore ("moon_childx", "lil_angelz"): no one
    types words so but as a handle."""
    return [
        Found(*m.span(), "handle", "handle joined by an underscore, in an answer about an app")
        for m in TWO_WORDS_UNDERSCORED.finditer(text)
    ]


DIGIT_THEN_DOT = re.compile(r"(?<![\w@./])[A-Za-z][A-Za-z0-9]*\d[A-Za-z0-9]*\.[A-Za-z]{1,4}(?![\w@/]|\.\w)")


def _two_part_handles(text: str) -> list[Found]:
    """In an answer about an app (SOCIAL_WORDS), a handle of two parts joined by a dot with a digit or "_" after
    it, wherever it is: "my snap is [handle] and my sisters is [nisha.k11]"; not "no.1", "pt.2" (the first part
    has three letters or more), "part.2" (an English word, then a number), "v2.0" or a web address; or with a digit
    before the dot and a short part after it that is no word of grammar ("j4de.mx")."""
    found = []
    for m in TWO_PART_DOTTED.finditer(text):
        first, second = m.group().lower().split(".")
        if WEB_PARTS.isdisjoint((first, second)) and not (
            second.isdigit() and class_of(first) & (ENGLISH | STOP | FUNCTION)
        ):
            found.append(Found(*m.span(), "handle", "handle with a dot, in an answer about an app"))
    for m in DIGIT_THEN_DOT.finditer(text):  # "j4de.mx", "om4r.kh"; not "year10.we had" (a missing space)
        first, second = m.group().lower().split(".")
        if WEB_PARTS.isdisjoint((first, second)) and not class_of(second) & (STOP | FUNCTION):
            found.append(Found(*m.span(), "handle", "handle with a digit and a dot, in an answer about an app"))
    return found


PEOPLE_FROM = re.compile(r"\b([a-z]+)\s+from\s+$", re.IGNORECASE)
PEOPLE_NOUNS = frozenset(
    [
        *("lads", "lad", "boys", "boy", "girls", "girl", "kids", "kid", "family", "families", "people", "gang"),
        *("man", "men", "woman", "women", "guy", "guys", "mandem", "youngers", "olders", "them", "twins", "brothers"),
    ]
)


def _people_from(before: str) -> bool:
    """People said to be from a street ("the lads from [gipsy lane]", "kai and jay from [hallam crescent]"): where
    they live; not a bus, a shop or a distance from it."""
    m = PEOPLE_FROM.search(before)
    if m is None:
        return False
    who = m.group(1).lower()
    return who in PEOPLE_NOUNS or bool(class_of(who) & FIRST and not class_of(who) & (STOP | FUNCTION | PLACE))


def _someones_home(before: str) -> bool:
    """The words before a street's name say it is where someone lives, stays or is placed (SOMEONES_HOME_BEFORE),
    and a name or word before "'s on" is someone's, not a shop's or a word's ("sainsbury's on", "it's on")."""
    if SOMEONES_HOME_BEFORE.search(before):
        return True
    m = SOMEONES_HOME.search(before)
    if m is None:
        return False
    who = m.group("who").lower()
    if who in RELATIONS or who + "s" in RELATIONS:
        return True  # "my nan's on", "my cousins on"
    if m.group()[len(who)] not in "'’":
        return False  # "was on", "bus on": an s that ends a word
    return who not in NOT_WHOSE and not class_of(who) & (NOT_PERSON | STOP) and who not in CHAINS


URDU_STREETS = ("روڈ", "سٹریٹ", "اسٹریٹ", "لین", "ایونیو", "کلوز", "وے")
URDU_ADDRESS = re.compile(
    r"(?<!\d)\d{1,4}\s+(?:[\u0600-\u06ff]+\s+){1,3}(?:" + "|".join(URDU_STREETS) + r")(?![\u0600-\u06ff])"
)
"""A house number and street in Urdu script: "22 ایوینگٹن روڈ" (22 Evington Road)."""


NUMBERED_BEFORE_COMMA = re.compile(
    r"(?<![\d/.:-])\b(?:(?:number|no\.?)\s+)?\d{1,4}[a-z]?\s+(?P<street>(?:[A-Za-z']+\s+)?[A-Za-z']+)(?=\s*,)",
    re.IGNORECASE,
)


def _numbered_before_a_town(text: str) -> list[Found]:
    """A house number and a street whose name has no street word ("40 kingsway", "15 westcotes"), written before a
    comma and a town or village of the list, as on a letter ("40 kingsway, braunstone"); not where the words after
    the number are everyday ones ("2 detentions, wigston", "3 nil, leicester")."""
    found = []
    for m in NUMBERED_BEFORE_COMMA.finditer(text):
        words = m.group("street").lower().split()
        if any(class_of(w) & (STOP | FUNCTION) for w in words) or class_of(words[-1]) & ENGLISH:
            continue
        if _postal_after(text, m.end()):
            found.append(Found(m.start(), m.end(), "address", "house number and street, then its town"))
    return found


SAINT_AFTER = re.compile(r"\s+([A-Za-z]+(?:'s)?)\b")
"""The word after an address that ends in "st": a saint's name ("flat 6 marlowe house, st matthews")."""


def _with_saints_name(text: str, found: Found) -> Found:
    """An address that ends in "st" where the word after it is a name or in no list, not a word of grammar or
    everyday English: "st" is "saint", the start of an area or street, and the saint's name goes with it ("[flat 6
    marlowe house, st matthews]"; "[12 high st] and", "[3 mill st] next to")."""
    if text[max(found.start, found.end - 3) : found.end].lower().lstrip(" ,") != "st":
        return found
    m = SAINT_AFTER.match(text, found.end)
    c = class_of(m.group(1).lower().removesuffix("'s")) if m else 0
    if not m or c & (STOP | FUNCTION) or (c & ENGLISH and not c & (FIRST | SURNAME)):
        return found
    return Found(found.start, m.end(1), found.kind, found.recogniser)


SAINT_BEFORE = re.compile(r"\b(?:st\.?|saint)\s+$", re.IGNORECASE)


def _with_saint_before(text: str, found: Found) -> Found:
    """A street or area whose name starts with a saint, with its "st" ("lives on [st peters way]"): a recogniser that
    starts a street's name after its words of grammar leaves "st" out."""
    if not found.start or not text[found.start].isalpha():
        return found
    m = SAINT_BEFORE.search(text, max(0, found.start - 7), found.start)
    return Found(m.start(), found.end, found.kind, found.recogniser) if m else found


def _with_town(text: str, found: Found) -> Found:
    """An address with the town or village written after it: "[5 tudor road, leicester]", "[28 market street
    coalville]"."""
    found = _with_saints_name(text, found)
    for _ in range(2):  # "[12 braunston road, oakham, rutland]": a town, then its county
        m = TOWNS_AFTER_ADDRESS.match(text, found.end)
        if not m:
            return found
        end = _end_of_a_town(m)
        if end is None:
            break
        found = Found(found.start, end, found.kind, found.recogniser)
    village = VILLAGE_AFTER.match(text, found.end)
    if village and not class_of(village.group(1).lower()) & (ENGLISH | STOP | FUNCTION):
        found = Found(found.start, village.end(1), found.kind, found.recogniser)  # "[2 church lane, lyddington]"
    part = PART_AFTER_A_STREET.match(text, found.end)
    if (
        part and part.end() > found.end
    ):  # "[hinckley road 54, mieszkanie 2]", "[evington road pod numerem 118]", "[14 tudor road flat 2]"
        found = Found(found.start, part.end(), found.kind, found.recogniser)
    m = TOWN_IN_AFTER.match(text, found.end)
    named = found.recogniser == CARE_HOME
    end = _end_of_a_town(m) if m and (named or DIGIT.search(text, found.start, found.end)) else None
    if end is not None:  # "[21 hinckley road in earl shilton]", "[rainbow lodge childrens home in south wigston]"
        found = Found(found.start, end, found.kind, found.recogniser)
    return found


def _end_of_a_town(m: re.Match[str]) -> int | None:
    """Where the town or village that group 1 of m starts with ends (_town_words), None if it starts with none."""
    n = _town_words(m.group(1).lower().split())
    return m.start(1) + len(" ".join(m.group(1).split()[:n])) if n else None


PART_AFTER_A_STREET = re.compile(
    r"(?:,?\s+(?:north|south|east|west)(?:\s+\d{1,4}[a-z]?(?![\d:.]))?)?"
    r"(?:\s+(?:pod\s+numerem|aqalka|guriga|numarul|numărul|numer)\s+\d{1,4}[a-z]?"
    r"|\s+(?:nr\.?\s*)?\d{1,4}[a-z]?(?=\s*,\s*(?:mieszkanie|mieszkania|m\.?)\s*\d))?"
    r"(?:,?\s+(?:mieszkanie|mieszkania|m\.|flat|apartment)\s*\d{1,4}[a-z]?)?\b",
    re.IGNORECASE,
)
"""After an address: its side of the road, its number the Polish, Somali or Romanian way ("pod numerem 118", "aqalka
12", "numarul 7") and its flat ("mieszkanie 2", "flat 2")."""
TOWN_IN_AFTER = re.compile(r"\s+in\s+([A-Za-z]+(?:\s+[A-Za-z]+){0,3})")


ADDRESS_PART = re.compile(r",\s*((?:[A-Za-z']+\s+){0,3}[A-Za-z']+)")
PART_ENDS = BUILDING_WORDS | {"estate", "exchange", "flats", "mews"}
"""The last word of a part of a flat's address after a comma: a building, an estate."""


def _addresses_joined(found: list[Found]) -> list[Found]:
    """Addresses that overlap as one ("[flat 12, elizabeth house]" and "[elizabeth house, 9 sandhill drive]"), so
    that no part of either is left when the finds are resolved."""
    addresses = sorted((f for f in found if f.kind == "address"), key=lambda f: (f.start, -f.end))
    if len(addresses) < 2:
        return found
    joined: list[Found] = []
    for f in addresses:
        if joined and f.start < joined[-1].end:
            last = joined[-1]
            joined[-1] = Found(last.start, max(last.end, f.end), last.kind, last.recogniser)
        else:
            joined.append(f)
    return [f for f in found if f.kind != "address"] + joined


def _with_parts_after(text: str, found: Found) -> Found:
    """A flat's address with the parts written after it, each after a comma: "[flat 12, the exchange, rutland
    street]", "[flat 14, block b, st matthews estate]", "[flat 9, elizabeth house, mere road]": a block, a building
    or estate by its name, or a street; up to three parts."""
    if not text[found.start : found.end].lower().startswith(("flat", "apartment")):
        return found
    end = found.end
    for _ in range(3):
        m = ADDRESS_PART.match(text, end)
        if not m:
            break
        written = list(WORD.finditer(text, m.start(1), m.end(1)))
        words = [w.group().lower() for w in written]
        for n in range(len(words), 0, -1):  # the longest run of words after the comma that is a part
            part = words[:n]
            if any(class_of(w) & FUNCTION and w not in ("the", "st") for w in part):
                continue
            if (part[0] == "block" and n == 2) or part[-1] in PART_ENDS or part[-1] in ADDRESS_STREETS:
                end = written[n - 1].end()  # "block b", "elizabeth house", "st matthews estate", "rutland street"
                break
            if part[0] == "the" and n == 2 and n == len(words):
                end = written[n - 1].end()  # "the exchange", then a comma
                break
        else:
            break
    return found if end == found.end else Found(found.start, end, found.kind, found.recogniser)


HOUSE_NAME_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:[A-Za-z']+\s+){0,2}(?:house|cottage|farm|farmhouse|lodge|barn|rectory|vicarage|bungalow|"
    r"grange|manor|mill)\s*,\s*$",
    re.IGNORECASE,
)


NOT_A_HOUSES_NAME = frozenset(["my", "our", "his", "her", "their", "your", "ur", "a", "an", "this", "that", "its"])


HOME_BEFORE = re.compile(
    r"\b(?:(?:hostel|hotel)\s+)?(?:flat|apartment|bungalow|maisonette|caravan|chalet|cabin|room|unit)\s+"
    r"(?:[a-z]|\d{1,4}[a-z]?)\s*,?\s+$"
    r"|\b(?:(?:hostel|hotel)\s+)?(?:bungalow|maisonette|caravan|chalet|cabin)\s+$"
    r"|\b(?:hostel|hotel)\s+$"
    # a flat or room in Polish or Romanian, before its number: "mieszkanie 9 ...", "apartamentul 7 de pe ..."
    r"|\b(?:mieszkanie|mieszkaniu|mieszkania|pokoju|pokój|pokoj|camera|apartamentul|apartament)\s+$"
    # the home by what it is: "the bungalow at", "the flats on"
    r"|\bthe\s+(?:bungalow|farm|farmhouse|flats|cottage|caravan|maisonette|hostel)\s+(?:at|on)\s+$"
    # a flat by where it is in its building: "flat 1 above the chippy, "
    r"|\b(?:flat|apartment|room)\s+(?:[a-z]|\d{1,4}[a-z]?)\s+(?:above|over|behind|under|next\s+to)\s+(?:the\s+|a\s+)?"
    r"[A-Za-z']+(?:\s+[A-Za-z']+)?\s*,\s*$",
    re.IGNORECASE,
)
"""Before an address: a home that is not a house, by its number ("[bungalow 4, the limes, syston]", "[maisonette 2,
19 tudor road]"), or the kind of place a room or flat is in ("[hostel room 12, 40 saxby street]")."""
HOME_BUILDING_BEFORE = re.compile(
    r"\b(?:the\s+)?((?:[A-Za-z']+\s+){1,2})(?:house|court|lodge|tower|towers|heights|point|mansions|flats)"
    r"\s+(?:on|at|off)\s+$",
    re.IGNORECASE,
)
"""Before an address: a building by its name, then "on" ("[ashfield house on 12 london road]")."""
NOT_A_BUILDINGS_NAME = NOT_A_HOUSES_NAME | frozenset(
    [
        *("big", "small", "little", "old", "new", "white", "red", "blue", "green", "black", "nice", "first", "last"),
        *("same", "other", "next", "council", "foster", "care", "safe", "halfway", "childrens", "children's", "kids"),
        *("youth", "family", "community", "student", "students", "boarding", "party", "open", "full", "empty"),
    ]
)


def _no_buildings_name(lower: str) -> bool:
    """A word (lower case) that is in no building's name: a word of grammar, for family, or of everyday description
    ("my", "mums", "big", "council"; NOT_A_BUILDINGS_NAME)."""
    return (
        lower in NOT_A_BUILDINGS_NAME
        or lower in RELATIONS
        or lower in RELATIONS_PLURAL
        or lower.endswith("'s")
        or bool(class_of(lower) & (STOP | FUNCTION))
    )


VERB_AFTER_MODAL = re.compile(
    r"\s+(?:be|have|go|get|do|come|see|make|help|try|need|know|"
    r"tell|take|stay|sort|meet|call|ring|text|bring|pick|give|walk|wait|look|talk|sit|play|find|keep|let)\b",
    re.IGNORECASE,
)


def _a_modal_before_its_verb(text: str, f: Found) -> bool:
    """A name found that is "will", "may" or "can" just before a verb it carries ("me and will be there at 6", "my
    friend will help"): the verb's helper, not a person ("me and will went" stays a name)."""
    return text[f.start : f.end].lower() in MODAL_WORDS and bool(VERB_AFTER_MODAL.match(text, f.end))


PET_NAMES = frozenset(
    [
        *("bally", "pinky", "sunny", "happy", "lucky", "goldie", "goldy", "rocky", "dolly", "jolly", "honey", "sweety"),
        *("bubbly", "bunty", "pummy", "rinku", "tinku", "billa", "sonu", "monu", "bittu", "pappu", "mickey"),
    ]
)
"""Names people are called at home and by, many of them English words too ("bally johal", "sunny bains"): a name
just before a surname."""
WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\s+$")


ROLE_IS = re.compile(
    r"\b(?:my|our|his|her|their)\s+(?:key\s+worker|social\s+worker|support\s+worker|youth\s+worker|case\s*worker|"
    r"personal\s+advis[eo]r|pa|mentor|form\s+tutor|tutor|carer|foster\s+carer|counsellor|counselor|therapist|"
    r"advis[eo]r|keyworker)\s+(?:is|was|'s|’s)\s+(?P<n>[A-Za-z]+)(?:\s+(?P<s>[A-Za-z]+))?",
    re.IGNORECASE,
)
ROLE_WORDS = frozenset(
    [
        "worker",
        "keyworker",
        "pa",
        "mentor",
        "tutor",
        "carer",
        "counsellor",
        "counselor",
        "therapist",
        "adviser",
        "advisor",
    ]
)
"""What ROLE_IS needs, cheap to look for first."""


def _named_by_their_role(text: str) -> list[Found]:
    """A name given after who the person is to a young person: "my key worker is [bally johal]", "our youth worker is
    [kieran]"; not "my key worker is great", "my pa is off sick" (an English word is no name there, unless a name
    people are called: PET_NAMES)."""
    found = []
    for m in ROLE_IS.finditer(text):
        name, surname = m.group("n").lower(), (m.group("s") or "").lower()
        c, cs = class_of(name), class_of(surname) if surname else 0
        with_surname = bool(surname) and bool(cs & SURNAME) and not cs & (STOP | FUNCTION | ENGLISH)
        if c & (STOP | FUNCTION) or (c & ENGLISH and not (name in PET_NAMES and with_surname)):
            continue  # "my key worker is great"; "is happy to help", but "is bally johal"
        end = m.end("s") if with_surname else m.end("n")
        found.append(Found(m.start("n"), end, "name", "a name after who they are"))
    return found


RESPECT_AFTER = frozenset(
    [
        *("baji", "baaji", "apa", "aapa", "aapi", "appi", "bhaiya", "bhaijan", "paaji", "paji", "didi"),
        *("kaka", "kaki", "masi", "masa", "fai", "foi", "fuva", "fua", "mamu"),
    ]
)
"""Urdu and Punjabi words of respect for an older sister or brother, and Gujarati and Urdu words for an uncle or aunt,
after the name ("mehreen baji", "imran bhai", "bhavin kaka", "kokila masi": "bhai" only after a name the lists have, as
"haan bhai" and "bhai bhai" are everyday)."""


def _named_with_respect(words: Words) -> Iterator[Found]:
    """A name just before a word of respect for an older sister or brother (RESPECT_AFTER, "bhai")."""
    for k in range(1, len(words)):
        respect = words.lowers[k]
        if (respect not in RESPECT_AFTER and respect != "bhai") or words.before[k]:
            continue
        name = words.lowers[k - 1]
        c = class_of(name)
        if len(name) < 3 or c & (STOP | FUNCTION | ENGLISH) or (respect == "bhai" and not c & FIRST):
            continue
        yield Found(*words.span(k - 1), "name", "a name, then a word of respect")


BE_OR_HAVE = frozenset(["is", "are", "was", "were", "has", "had"])
THEN_A_PERSON = (
    STRONG_VERBS
    | SAID_OR_DID
    | DID_TO_SOMEONE
    | frozenset(
        [
            *(
                "is",
                "are",
                "was",
                "were",
                "has",
                "had",
                "both",
                "always",
                "never",
                "got",
                "gets",
                "spread",
                "spreads",
                "smashed",
                "cuts",
                "broke",
            ),
            *("made", "makes", "messages", "messaged", "texts", "texted", "calls", "called", "shouts", "shouted"),
            *("plays", "played", "self", "lives", "lived", "works", "worked"),
        ]
    )
)
"""What a person does or is, after a first name and an everyday surname ("tom hall films ...", "jack day both play")."""


def _an_everyday_surname_after(
    words: Words, i: int, anything_after: bool = False, verb_only: bool = False, at_the_end: bool = False
) -> bool:
    """Word i + 1 is a surname that is an everyday word (or a surname of the lists), with nothing between, and what
    comes after it is what a person does or is, or the answer's end, a comma or a date ("tom price smashed", "[chloe]
    best, year 9"), or anything where the words before said who the person is (anything_after: "my stepdad is frank
    wood and ..."); not "amy best friend", "will power", "jack frost nipping"."""
    j = i + 1
    if j >= len(words) or words.before[j] or words.possessive(i):
        return False
    c, word = words.classes[j], words.lowers[j]
    street = word in STREET_SURNAMES
    if not (street or word in EVERYDAY_SURNAMES or (c & SURNAME and not c & (STOP | FUNCTION | PLACE | FIRST))):
        return False
    if street and (f"{words.lowers[i]} {word}" in places() or (words.lowers[i], word) in school_forms()):
        return False  # "heath lane", "ash field": a school's or a place's name
    if anything_after:
        return True  # "my stepdad is frank wood and ..."
    if j + 1 >= len(words) or words.before[j + 1]:
        return at_the_end and not street  # "dob 4/5/2011, [chloe] best."
    after = words.lowers[j + 1]
    if street or verb_only:
        return after in THEN_A_PERSON and after not in BE_OR_HAVE  # "owen street lives", not "rose gold is"
    return ("," in words.text[words.span(j)[1] : words.span(j + 1)[0]] and at_the_end) or after in THEN_A_PERSON


def _with_surname_after(words: Words, f: Found) -> Found:
    """A name found, then a surname that is an everyday word where what follows says so ("[mia] good is", "[tom]
    hall films people"): the surname goes with it."""
    last = words.index_ending(f.end)
    if (
        last is None
        or words.span(last)[1] != f.end
        or words.foreign >= 2
        or not _an_everyday_surname_after(words, last, at_the_end=True)
    ):
        return f
    return Found(f.start, words.span(last + 1)[1], f.kind, f.recogniser)


def _with_pet_name_before(text: str, found: Found) -> Found:
    """A surname found with the name people call its bearer just before it ("my key worker is [bally johal]")."""
    m = WORD_BEFORE.search(text, max(0, found.start - 12), found.start)
    if not m or m.group(1).lower() not in PET_NAMES:
        return found
    first = WORD.match(text, found.start)
    c = class_of(first.group().lower()) if first else 0
    if not c & SURNAME or c & ENGLISH:
        return found
    return Found(m.start(1), found.end, found.kind, found.recogniser)


LETTER_ON_A_NUMBER = re.compile(rf"{NUMBER_WORDS}\s+[a-d]\s", re.IGNORECASE)
"""A house number written in words with its letter ("nine b cavendish rd"): an address with or without words
around it that say someone lives there."""
NUMBER_WORDS_BEFORE = re.compile(
    rf"(?:\b(?:flat|apartment|unit|room|block)\s+(?:{NUMBER_WORDS}|\d{{1,4}}[a-z]?|[a-z])\s*,\s*)?"
    rf"(?:\b(?:number|numba|no|nr|num)\b\.?\s*)?"
    rf"(?:\b(?:a\s+)?{NUMBER_WORDS}(?:[\s-]+(?:and\s+)?{NUMBER_WORDS})*\s+(?:and\s+)?)?$",
    re.IGNORECASE,
)
"""Before an address's number: the rest of it in words ("fifty [6 ...]", "a hundred and [six ...]"), "number" or
"numba", and the flat's number and a comma ("flat two, [fifty three ...]")."""
NUMBER_WORD_START = re.compile(rf"{NUMBER_WORDS}\b", re.IGNORECASE)
WORDED_ADDRESS = re.compile(
    rf"\b(?!one\s)(?:a\s+)?{NUMBER_WORDS}(?:[\s-]+(?:and\s+)?{NUMBER_WORDS})*\s+"
    rf"(?:{NOT_STREET_WORD}(?!{STREET}\b)[A-Za-z']+\s+){{1,3}}{STREET}\b{COMPASS}",
    re.IGNORECASE,
)
"""A house number written in words and its street ("fifty six saffron lane", "a hundred and one ..."); not "one" alone
("one way street"), nor a street's word among its name's words."""


URDU_LIVING = ("rehte", "rehti", "rehta", "rehtay", "rehtey", "rahte", "rahti", "rahta")
"""Roman Urdu for "live(s)", as young people spell it."""
URDU_HOME_WORDS = frozenset(["ghar", *URDU_LIVING])
WORD_BEFORE_A_NUMBER = re.compile(r"([^\W\d_]+)\s+(?=\d)")


URDU_HOME_ON = re.compile(
    rf"\bghar\s+(?:[^\W\d_]+\s+){{0,2}}?(?P<s>(?:{STREET_NAME_WORD}){{1,3}}{STREET}\b{COMPASS})\s+(?:pe|par|pay|pey)\b"
    rf"|(?P<t>(?:{STREET_NAME_WORD}){{1,3}}{STREET}\b{COMPASS})\s+(?:pe|par|pay|pey|mein|me)\s+"
    r"(?:[^\W\d_]+\s+)?(?:" + "|".join(URDU_LIVING) + r")\b",
    re.IGNORECASE,
)
"""A street that a home is on, said in Roman Urdu: "hamara ghar [ulverscroft road] par hai", "hum [mere road] pe rehte
hain"; not "narborough road pe bahut traffic hai"."""


def _urdu_homes_on(text: str) -> list[Found]:
    """The street of URDU_HOME_ON, less the everyday Urdu words and words for people before its name ("meri khala
    [belgrave road] pe rehti hain", "hum log [melton road] pe rehte hain")."""
    found = []
    for m in URDU_HOME_ON.finditer(text):
        start, end = m.span("s" if m.group("s") else "t")
        found.append(
            Found(_past_words_before_a_street(text, start, end), end, "address", "street a home is on (Roman Urdu)")
        )
    return found


def _past_words_before_a_street(text: str, start: int, end: int) -> int:
    """Where a street's name starts in text[start:end], past the everyday words of another language and the words
    for people before it ("meri khala [belgrave road]", "hum log [melton road]"); a name's word and the street's word
    are always left ("hum [mere road]": "mere" is "my" in Urdu too)."""
    while (first := URDU_WORD_AT.match(text, start)) and STREET_WORDS_AHEAD.match(text, first.end(), end):
        lower = first.group(1).lower()
        if not (class_of(lower) & (FOREIGN | STOP | FUNCTION) or lower in URDU_PEOPLE or lower in KIN_WORDS):
            break
        start = first.end()
    return start


URDU_WORD_AT = re.compile(r"([^\W\d_]+)\s+")
STREET_WORDS_AHEAD = re.compile(r"[^\W\d_]+\s+\S")
"""At least a name's word and the street's word after it."""


def _from_its_number(text: str, found: Found) -> Found:
    """A learned address that starts with an everyday word of Urdu or Polish just before its house number, from the
    number: "ammi aur main [45 green lane road] pe rehte hain"."""
    m = WORD_BEFORE_A_NUMBER.match(text, found.start, found.end)
    if not m or not found.recogniser.startswith(LEARNED_ANY):
        return found
    lower = m.group(1).lower()
    if lower in HOME_PARTS_AFTER_A_COMMA or lower in NUMBER_WORD_SET or not class_of(lower) & FOREIGN:
        return found  # "flat 4 ...", "number 9 ...", "fifty 6 ...", "house 3, ...", "honey [long 42 ...]"
    return found._replace(start=m.end())


def _with_number_words_before(text: str, found: Found) -> Found:
    """An address that starts with its number, with the words of the number, or "number", written before it."""
    if not (text[found.start].isdigit() or NUMBER_WORD_START.match(text, found.start)):
        return found
    m = NUMBER_WORDS_BEFORE.search(text, max(0, found.start - 60), found.start)
    if not m or not m.group().strip():
        return found
    return Found(m.start(), found.end, found.kind, found.recogniser)


def _with_home_before(text: str, found: Found) -> Found:
    """An address with the home or building it is written after: a bungalow, caravan or room by its number
    (HOME_BEFORE), or a building by its name and "on" ("[woodlands house on 20 uppingham road]"); not "my nans house
    on", "a big house on" (a word for a person or an everyday word is no building's name)."""
    m = HOME_BEFORE.search(text, max(0, found.start - 30), found.start)
    if m:
        return Found(m.start(), found.end, found.kind, found.recogniser)
    m = HOME_BUILDING_BEFORE.search(text, max(0, found.start - 50), found.start)
    if not m:
        return found
    start = m.end(1)
    for w in reversed(list(WORD.finditer(text, m.start(1), m.end(1)))):  # "at [ashfield house on ...]"
        if _no_buildings_name(w.group().lower()):
            break
        start = w.start()
    if start == m.end(1):
        return found
    the = re.search(r"\bthe\s+$", text[max(0, start - 4) : start], re.IGNORECASE)
    return Found(start - (len(the.group()) if the else 0), found.end, found.kind, found.recogniser)


def _with_building_before(text: str, found: Found) -> Found:
    """An address with a house's name before it and a comma: "[the old school house, main street, billesdon]",
    "[the red house, 2 church lane]"; not "my nans house, 2 church lane" (a word for a person is no house's name)."""
    m = HOUSE_NAME_BEFORE.search(text, max(0, found.start - 50), found.start)
    if not m:
        return found
    words = m.group().lower().replace(",", " ").split()
    if any(w in NOT_A_HOUSES_NAME or w in RELATIONS or w in RELATIONS_PLURAL or w.endswith("'s") for w in words):
        return found
    return Found(m.start(), found.end, found.kind, found.recogniser)


def _with_flat_before(text: str, found: Found) -> Found:
    """An address with which flat of the building just before it ("[the top flat at 3 evington lane]", "[the
    basement flat, 22 hartopp road]")."""
    m = FLAT_OF_A_BUILDING.search(text, max(0, found.start - 40), found.start)
    return Found(m.start(), found.end, found.kind, found.recogniser) if m else found


AREA_BEFORE = re.compile(r"\b((?:[A-Za-z'-]+\s+){0,2}[A-Za-z'-]+),\s*$")


def _with_area_before(text: str, found: Found) -> Found:
    """An address with the town, part of the city or estate written before it and a comma: "[syston, 8 fosse
    way]", "[braunstone frith, 12 hockney drive]", "[saffron lane estate, 40 stonesby ave]", "[burbage, sketchley
    lane]"; not the end of a longer name ("City of [Leicester], ...")."""
    m = AREA_BEFORE.search(text, max(0, found.start - 40), found.start)
    if not m:
        return found
    words = m.group(1).split()
    towns = places()
    for n in range(len(words), 0, -1):
        if any(class_of(w.lower()) & (STOP | FUNCTION) for w in words[-n:]):
            continue  # "i live [in] braunstone frith, ..."
        area = " ".join(words[-n:]).lower()
        close = n == 1 and area in THE_STREETS and text[: m.end(1) - len(area)].lower().endswith("the ")
        if area in towns or close or (n > 1 and area.endswith((" estate", " lodge", " frith"))):
            start = m.end(1) - len(" ".join(words[-n:]))
            if text[start : m.end(1)] == " ".join(words[-n:]) and not text[:start].lower().endswith("of "):
                if (close or area.endswith(" estate")) and text[:start].lower().endswith("the "):
                    start -= 4  # "[the limes, 9 station road]", "[the saffron estate, 6 cavendish road]"
                return Found(start, found.end, found.kind, found.recogniser)
    return found


def _with_form_word(text: str, m: re.Match[str]) -> Found:
    """A form group's code, with the word for it just before ("a boy in [form 9k]", "everyone in [tutor group
    10JB]"): "form" beside a code says whose form as much as the code does."""
    before = FORM_WORD_BEFORE.search(text, max(0, m.start() - 15), m.start())
    return Found(before.start() if before else m.start(), m.end(), "form group", "form group")


def _a_form(text: str, m: re.Match[str]) -> bool:
    """ "9R", "10JT"; "10 ABE", "9r" after "form", "group", "in"; not "10am", "8kg" or "11th"."""
    letters = m.group("f").lstrip().lstrip("-")  # "10-CH"
    attached = letters == m.group("f").lstrip("-") and letters.isupper()
    if len(letters) > 3 and not FORM_BEFORE.search(text, max(0, m.start() - 15), m.start()):
        return False  # "my form is 7LMK"; four letters only after a word for a form
    if not attached and not FORM_BEFORE.search(text, max(0, m.start() - 15), m.start()):
        return False
    if (
        letters.isupper()
        and letters not in ("AM", "PM")
        and FORM_NAMED_BEFORE.search(text, max(0, m.start() - 15), m.start())
    ):
        return True  # "form 11K", "from 11M", "form 11RD", "form 10 KB": a form, where "10K" is a sum elsewhere
    if (
        attached
        and letters in ("K", "M")
        and re.search(r"\bin\s+$", text[max(0, m.start() - 4) : m.start()], re.IGNORECASE)
        and not COUNTED_AFTER.match(text, m.end())
    ):
        return True  # "the lads in 10K keep ...": a form; "in 10K debt", "in 10K race" a sum or a run
    if letters.isupper() and FORM_TUTOR_BEFORE.search(text, max(0, m.start() - 25), m.start()):
        return True  # "my form tutor in 8K": a form, though "8K" is a number elsewhere
    if (
        FORM_WORD_BEFORE.search(text, max(0, m.start() - 15), m.start())
        and letters.lower() not in ("am", "pm", "th", "st", "nd", "rd")
        and not COUNTED_AFTER.match(text, m.end())
    ):
        return True  # "in form 9k": a form, where "9k" is a sum elsewhere
    return letters.lower() not in (NOT_FORM_CAPITALS if letters.isupper() else NOT_FORM)


COUNTED_AFTER = re.compile(
    r"\s*(?:[+%]|(?:followers?|views?|likes?|subs|subscribers|steps|debt|pounds?|quid|race|run|runs|marathon|"
    r"people|coins?|points?|xp|vbucks|v-bucks|robux|per|a\s+(?:year|month|week)|plus|gold|cash|money|fine)\b)",
    re.IGNORECASE,
)
"""What follows a number of thousands or millions ("in 10K debt", "came 3rd in 10K race")."""
FORM_WORD_BEFORE = re.compile(r"\b(?:form|(?:form|tutor|reg)\s+group)\s+$", re.IGNORECASE)
"""Just before a form group's code, the word for it, which goes with the code ("in [form 9k]")."""
FORM_NAMED_BEFORE = re.compile(r"\b(?:form|from|group|class)\s+$|(?:^|[,(]\s*)$", re.IGNORECASE)
"""Before a form whose letter is a number's too ("11K", "11M"): a word for a form, "from", or a comma in a list of
details ("Amira (Bibi), 11M, at ...")."""
FORM_OTHER = re.compile(
    r"(?<![\w/.£$-])(?:[7-9]|1[0-3])(?:[A-Z]{0,2}/[A-Za-z]{1,3}\d?|(?P<n>/)?-?[1-9](?![\d/.:-])|(?P<d>\.)[1-9](?![\d/.:-])"
    r"|\s(?P<w>[A-Za-z]{4,12}))(?![\w/-])"
)
"""Forms written otherwise: "10/SKA", "10/Sc2", "9C/Ma", "10-4", "12.4", and named after a thing ("8 Jupiter",
"7 kestrel")."""
NOT_FORM_NAMES = frozenset(
    [
        *("day", "week", "month", "year", "hour", "minute", "second", "time", "mile", "pound", "quid", "people"),
        *("person", "kids", "grade", "lesson", "page", "point", "goal", "nil", "till", "until", "then", "more"),
        *("days", "weeks", "months", "years", "hours", "minutes", "times", "miles", "pounds", "points", "goals"),
        *("year", "years", "yrs", "and", "with", "from", "when", "what", "that", "this", "they", "them", "were"),
    ]
)
"""Words after a number that are what is counted or words of grammar, not the name of a form."""


def _another_form(text: str, m: re.Match[str]) -> bool:
    """A form written as FORM_OTHER matches: after "form", "group", "in" (FORM_BEFORE) or "form is"; a form named
    after a thing only where its word is no counted thing and is capitalised or follows "form (tutor) ... in"."""
    before = text[max(0, m.start() - 25) : m.start()]
    if _a_numbered_form_by_whose(text, m, before):
        return True
    if not (FORM_BEFORE.search(before) or FORM_TUTOR_BEFORE.search(before)):
        return False
    word = m.group("w")
    if m.group("n"):  # "my form is 10/2": a date or a share too, so only where the words say a form
        return bool(
            FORM_TUTOR_BEFORE.search(before)
            or IN_A_FORM.search(before)
            or (
                re.search(r"\bin\s+$", before)
                and not COUNTED_AFTER.match(text, m.end())
                and not SHARE_AFTER.match(text, m.end())
            )
        )  # "[name] in 9/3 at [school]"; not "in 9/10 cases", "7/8 of us"
    if m.group("d"):  # "tutor group 12.4", "in 8.3": a score or a time too ("8.5 out of 10", "in 9.4 seconds")
        return not COUNTED_AFTER.match(text, m.end()) and not DECIMAL_AFTER.match(text, m.end())
    if word is None:
        return "/" in m.group() or bool(re.search(r"\bin\s+$", before, re.IGNORECASE))  # "10/SKA", "in 10-4"
    if word.lower() in NOT_FORM_NAMES or word.lower().endswith("s") or class_of(word.lower()) & (STOP | FUNCTION):
        return False
    return word[0].isupper() or bool(FORM_TUTOR_BEFORE.search(before)) or bool(IN_A_FORM.search(before))


NUMBERED_FORM = re.compile(r"(?:[7-9]|1[0-3])[/-][1-9]")
PEOPLE_OF_A_FORM = frozenset(
    ["boys", "boy", "girls", "girl", "lads", "lad", "kids", "kid", "someone", "everyone", "people"]
)
WHOSE_FORM_BEFORE = re.compile(r"(?:^|\s)(?P<w>[^\W\d_]+)(?:\s+(?P<p>from|z|ze|form))?\s+$", re.IGNORECASE)


def _a_numbered_form_by_whose(text: str, m: re.Match[str], before: str) -> bool:
    """A form group of two numbers ("9/4", "10-2") said to be someone's: right after "form", after a person and "from"
    or Polish "z" ("the boys from 9-4", "kasia z 8/1"), or right after a young person's name ("amira 10/3"); not "from
    9-3 we have maths" (hours), "the score was 10-2", "9/10" (a score, which NUMBERED_FORM does not take whole)."""
    if not NUMBERED_FORM.fullmatch(m.group()) or COUNTED_AFTER.match(text, m.end()) or SHARE_AFTER.match(text, m.end()):
        return False
    cue = WHOSE_FORM_BEFORE.search(before)
    if cue is None:
        return False
    word, prep = cue.group("w").lower(), (cue.group("p") or "").lower()
    if prep == "form" or word == "form":
        return True
    person = (
        word in PEOPLE_OF_A_FORM
        or word in ONE_PERSON
        or bool(class_of(word) & (FIRST | SURNAME) and not class_of(word) & (EVERYDAY | ENGLISH | STOP | FUNCTION))
    )
    return person and (prep in ("from", "z", "ze") or not prep)


DECIMAL_AFTER = re.compile(
    r"\s*(?:seconds?|secs?|s\b|minutes?|mins?|hours?|hrs?|metres?|meters?|m\b|km|miles?|kg|out\s+of|/|percent|"
    r"stone|st\b|ft|feet|inches|cm|mph|million|billion|k\b)",
    re.IGNORECASE,
)
"""What follows a decimal that is a measure, a time or a score, not a form ("in 9.4 seconds")."""
SHARE_AFTER = re.compile(
    r"\s*(?:of\b|cases|times|people|weeks?|days?|months?|years?|hours?|mins?|minutes?|for\b|on\b|/)", re.IGNORECASE
)
"""What follows a share or a date rather than a form ("in 7/8 of the lessons", "in 9/3 weeks")."""
IN_A_FORM = re.compile(r"\b(?:is|im|i'm|am|are|r)\s+in\s+$|\bform\s+is\s+$", re.IGNORECASE)


FORM_TUTOR_BEFORE = re.compile(
    r"\b(?:form|tutor|reg)\b[^.!?\n]*\bin\s+$|\b(?:form|tutor\s+group|reg\s+group)\s+is\s+$"
    r"|\b(?:tutor|form|reg)\s+group\s+$",
    re.IGNORECASE,
)


def _kept(text: str, found: Found, terms: Terms | None) -> bool:
    """A public helpline number, kept as written."""
    if found.kind != "phone":
        return False
    digits = re.sub(r"\D", "", text[found.start : found.end])
    return digits in helplines().numbers or (
        terms is not None and bool(terms.helplines) and digits in _term_numbers(tuple(terms.helplines))
    )


@cache
def _term_numbers(numbers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(re.sub(r"\D", "", n) for n in numbers)


# --- the partnership's lists -------------------------------------------------------------------
def _term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


@cache
def _compiled_terms(terms: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    found = []
    for kind, words in terms:
        pattern = _term_pattern(words)
        if pattern is not None:
            found.append((kind, pattern))
    return tuple(found)


@cache
def _keep_pattern(keep: tuple[str, ...]) -> re.Pattern[str] | None:
    """The partnership's `keep:` list: a detail found wholly inside one of its words is left as written."""
    return _term_pattern(keep)


@cache
def _phrase_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Names of two words or more that a name found inside is part of (kept as written): places and
    services ("Earl Shilton", "Bright Futures", "The Mix") and public figures and characters ("marcus
    rashford", "harry potter", "king charles"). First word (a leading "the" left off) -> the names."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in places() | not_people() | helplines().names:
        words = as_words(name)
        if len(words) > 1:
            words = words[1:] if words[0] == "the" and len(words) > 2 else words  # "the prem": with "the" only
            index.setdefault(words[0], []).append(words)
    for first, phrases in public_figures().phrases.items():
        for words in phrases:
            words = words[1:] if first == "the" else words
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in index.items()}


@cache
def _phrase_starts() -> frozenset[str]:
    return frozenset(_phrase_index())


def _kept_phrases(words: Words) -> list[tuple[int, int]]:
    """Where places, services, public figures and characters of two words or more are in an answer."""
    starts = _phrase_starts().intersection(words.set)
    if not starts:
        return []
    index, lowers, found = _phrase_index(), words.lowers, []
    for i in sorted(i for word in starts for i in _positions(lowers, word)):
        for phrase in index[lowers[i]]:
            if tuple(lowers[i : i + len(phrase)]) == phrase and not any(
                words.before[k] or words.comma_before(k) for k in range(i + 1, i + len(phrase))
            ):  # not across a comma: "hamza, yusuf and ibrahim"
                found.append((words.span(i)[0], words.span(i + len(phrase) - 1)[1]))
                break
    return found


# --- the area's schools, public figures, and the learned recogniser -----------------------------
@cache
def _school_index() -> dict[str, tuple[tuple[tuple[str, ...], bool], ...]]:
    """First word -> the schools' forms that start with it (longest first), each with whether it needs
    a school word or verb near it; a leading "the" left off ("the moat" is "moat")."""
    index: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for form, loose in school_forms().items():
        words = form[1:] if form[0] == "the" and len(form) > 1 else form
        index.setdefault(words[0], []).append((words, loose))
    return {k: tuple(sorted(v, key=lambda f: -len(f[0]))) for k, v in index.items()}


@cache
def _the_forms() -> frozenset[tuple[str, ...]]:
    """Schools' forms written with "the" in the file and needing nothing more ("the lancaster", "the lanc"): with "the"
    before them, the school, where "lancaster" alone is the city too."""
    return frozenset(
        form[1:] for form, loose in school_forms().items() if form[0] == "the" and len(form) > 1 and not loose
    )


@cache
def _school_starts() -> frozenset[str]:
    return frozenset(_school_index())


MISSPELT_SCHOOLS: set[str] = set()
"""Words met one letter away from a school's word (filled by word_class)."""
SCHOOL_BEFORE = frozenset(
    [
        "at",
        "go",
        "goes",
        "went",
        "attend",
        "attends",
        "attended",
        "left",
        "leaving",
        "leave",
        "joined",
        "started",
        "starting",
        "start",
    ]
)
TO_SCHOOL = frozenset(
    [
        *("go", "goes", "going", "gone", "went", "attend", "attends", "used", "move", "moved", "moving"),
        *("walk", "walks", "walked", "walking"),
    ]
)
OUT_OF_SCHOOL = frozenset(
    ["excluded", "expelled", "out", "moved", "kicked", "suspended", "came", "transferred", "school", "schools"]
)  # "excluded from ...", "change school from ..."
YEAR_GROUP_BEFORE = re.compile(
    r"\b(?:y|yr|yrs|year)\s?(?:[7-9]|1[0-3])[a-z]?\s*[,/-]?\s*(?:at\s+|in\s+)?$", re.IGNORECASE
)
"""A year group just before a school's name: "y11 rushey mead", "both y10 crown hills", "year 9, moat"."""
URDU_IS = frozenset(["hai", "h", "he", "hy", "tha", "thi", "hain"])


SOMALI_STUDIES = frozenset(["dhigtaa", "dhigta", "dhigtaan", "dhigan", "dhigto"])
"""Somali for "studies at" ("walaashay waxay dhigtaa ..."): a school's name follows."""


def _school_near(words: Words, i: int, j: int) -> bool:
    """A school verb before words i..j-1 ("goes to", "at", "excluded from"; "went to the moat") or a school
    word after them."""
    if _a_church(words, i):
        return words.next(j - 1) in SCHOOL_ENDS  # "church at st barnabas": the church; "mass at st pauls school"
    if words.prev(i) == "the":
        i -= 1
    p1, p2 = words.prev(i), words.prev(i, 2)
    if p1 in SCHOOL_BEFORE or (p1 == "to" and p2 in TO_SCHOOL) or (p1 in ("from", "of") and p2 in OUT_OF_SCHOOL):
        return True
    if (
        p1 in ("from", "z")
        and p2
        and class_of(p2) & (FIRST | SURNAME | ARABIC)
        and not class_of(p2) & (STOP | EVERYDAY)
    ):
        return True  # "jay from crown hills", "ola z moat": a young person is known by their school
    if p1 in SOMALI_STUDIES:
        return True  # "waxay dhigtaa [hamilton]": studies at, where "hamilton" alone is an area too
    if p1 == "la" and words.foreign >= 2 and not _a_place(tuple(words.lowers[i:j])):
        return True  # Romanian "at": "ma bate in fiecare zi la moat"; not "la beaumont leys" (the area)
    if p1 == "from" and p2 == "up" and words.prev(i, 3) in ("me", "us", "him", "her", "them"):
        return True  # "picks me up from crown hills"
    before = words.lowers[max(0, i - 7) : i - 1]
    if p1 == "to" and "from" in before and not TO_SCHOOL.isdisjoint(before[: before.index("from")]):
        return True  # "i moved from hamilton to city of leicester"
    if p1 == "from" and p2 in RELATIONS and not _a_place(tuple(words.lowers[i:j])):
        return True  # "my kurdish friend from city of leicester"; not "my friend from crown hills" (the area)
    after = words.next(j - 1)
    if _school_said_before(p1, p2, after):
        return True
    start = words.span(i)[0]
    if p1 in ("y", "yr", "yrs", "year", "at", "in") and YEAR_GROUP_BEFORE.search(words.text, max(0, start - 16), start):
        return True  # "y11 rushey mead", "year 10 at moat"
    return (
        after in SCHOOL_ENDS
        or after in GO_TO_URDU  # "main crown hills jaati hoon"
        or (after in ("mein", "main", "me", "may") and words.next(j) in GO_TO_URDU)  # "main hamilton mein parhti hun"
        or (after == "sixth" and words.next(j) == "form")
        or (after in ("is", "was", "used") and "school" in words.set)
        or (after == "at" and _school_time(words, j + 1))  # "outside lancaster at home time"
        or after in ONLY_A_SCHOOLS  # "castle rock teachers", "moat uniform"
        or bool(YEAR_GROUP_AFTER.match(words.text, words.span(j - 1)[1]))  # "uplands year 5"
        or (p1 in ("outside", "by", "behind") and not _a_place(tuple(words.lowers[i:j])))  # "wait outside moat"
        or _pupils_of(words, i, j, p1, p2)
    )  # "castle rock sixth form"


CHURCH = frozenset(["church", "mass", "chapel", "christening", "communion", "service", "vicar", "priest"])
"""Words before a saint's name that make it a church, though a school has the name too ("church at st barnabas")."""


def _a_church(words: Words, i: int) -> bool:
    """Word i starts a saint's name (st, saint) with a word for a church in the six words before it."""
    return words.lowers[i] in ("st", "saint") and not CHURCH.isdisjoint(words.lowers[max(0, i - 6) : i])


PUPILS = frozenset(["kids", "students", "pupils", "kid", "student", "pupil"])
IS_IN = frozenset(["is", "was", "are", "were", "im", "been", "be"])


def _pupils_of(words: Words, i: int, j: int, p1: str, p2: str) -> bool:
    """A school's form that is no part of the city or a town, said as the place its pupils belong to: "the moat kids",
    "castle rock students", "my cousin is in heath lane", "meri behen moat mein hai"."""
    if _a_place(tuple(words.lowers[i:j])):
        return False  # "hamilton kids", "kids in beaumont leys": the area
    after = words.next(j - 1)
    return (
        after in PUPILS
        or (p1 == "in" and p2 in IS_IN)
        or (after in ("mein", "main", "me") and words.next(j) in URDU_IS)
    )


ONLY_A_SCHOOLS = frozenset(
    [
        *("teachers", "uniform", "canteen", "detention", "detentions", "assembly", "assemblies", "lunchtimes"),
        *("breaktimes", "playground", "headteacher", "head", "pe", "toilets", "corridors", "corridor"),
    ]
)
"""Things only a school has, just after a name that is a school's ("castle rock teachers", "moat uniform")."""
YEAR_GROUP_AFTER = re.compile(r"\s+(?:year|yr|y)\s*(?:[1-9]|1[0-3])\b", re.IGNORECASE)


SCHOOL_TIMES = frozenset(["hometime", "lunchtime", "breaktime", "lunch", "break", "dinnertime", "registration"])


def _school_time(words: Words, k: int) -> bool:
    """Word k starts a time of the school day ("home time", "hometime", "lunch", "break")."""
    here = words.lowers[k] if k < len(words) else ""
    return here in SCHOOL_TIMES or (here in ("home", "dinner", "break", "lunch") and words.next(k) == "time")


def _school_said_before(p1: str, p2: str, after: str) -> bool:
    """The two words before a school's form (and the word after it) say it is a school: "my old school rushey",
    "my skl is beaumont leys", "i got into cedars", "chodzę do crown hills", "school crown hills hai"."""
    if p1 in ("school", "skool", "skl", "college"):
        return p2 in ("my", "old", "new", "our", "his", "her", "previous") or after in URDU_IS
    if p1 in ("is", "was"):
        return p2 in ("school", "skool", "skl", "college", "academy", "primary", "secondary", "infants", "juniors")
    if p1 == "into":
        return p2 in ("got", "get", "gets", "getting", "gotten")
    return p1 == "do" and p2 in GO_TO_POLISH


GO_TO_POLISH = frozenset(["chodzę", "chodze", "chodzi", "chodzimy", "chodził", "chodzil", "chodziła", "chodzila"])
GO_TO_URDU = frozenset(
    ["jaati", "jati", "jata", "jaata", "jaate", "jate", "parhti", "parhta", "parhte", "padhti", "padhta"]
)


def _school_in_its_town(words: Words, form: tuple[str, ...], j: int) -> bool:
    """A school's form that is no place, then the town it is in: "cedars in birstall", "long field in melton"."""
    if _a_place(form) or words.next(j - 1) not in ("in", "near"):
        return False
    k = j + 1
    return k < len(words) and any(
        tuple(words.lowers[k : k + len(p)]) == p for p in _town_index().get(words.lowers[k], ())
    )


@cache
def _town_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for place in local_places() | word_list("work sites"):
        index.setdefault(place.split()[0], []).append(tuple(place.split()))
    return {k: tuple(v) for k, v in index.items()}


@cache
def _loose_after_the() -> frozenset[tuple[str, ...]]:
    """Schools' forms written with "the" in the file and loose ("the moat~") where the form alone needs nothing more
    ("moat"): after "the" they need a school word or verb too ("round the moat at the castle")."""
    forms = school_forms()
    return frozenset(
        form[1:]
        for form, loose in forms.items()
        if form[0] == "the" and len(form) > 1 and loose and forms.get(form[1:]) is False
    )


def _listed_schools(words: Words) -> Iterator[Found]:
    """The area's schools in the forms young people type (data/schools.txt), a word misspelt by one letter
    too ("crownhils", "judgmeadow")."""
    index = _school_index()
    misspelt = not MISSPELT_SCHOOLS.isdisjoint(words.set)
    if words.set.isdisjoint(_school_starts()) and not misspelt:
        return
    lowers = words.lowers
    if misspelt:
        lowers = [school_misspelt(w) or w if w in MISSPELT_SCHOOLS else w for w in lowers]
    n, after = len(lowers), -1
    found: list[tuple[int, int]] = []
    unsure: list[tuple[int, int]] = []
    for i in sorted(i for word in _school_starts().intersection(lowers) for i in _positions(lowers, word)):
        if i < after:
            continue  # inside a school found already
        for form, loose in index[lowers[i]]:
            j = i + len(form)
            if _a_longer_place_starts(lowers, i, len(form)):
                continue  # "we moved to eyres monsell": the area, though "eyres" starts a school's name
            loose = (
                loose or _a_place(form) or (i > 0 and lowers[i - 1] == "the" and form in _loose_after_the())
            ) and not (
                i and lowers[i - 1] == "the" and form in _the_forms()
            )  # "crown hills is where i live": the area; "i go to crown hills": the school; "outside the lancaster";
            # "moat is rough": the school, but "round the moat at the castle" needs a school word or verb
            if (
                _form_at(words, lowers, form, i)
                and all(b == "" for b in words.before[i + 1 : j])
                and (
                    not loose
                    or _school_near(words, i, j)
                    or _school_subject(words, form, i, j)
                    or _school_in_its_town(words, form, j)
                )
                and not _street_after(words, j)
                and words.next(j - 1) not in BUSINESS_ENDS  # "works at samworth brothers": the firm
            ):
                first = _with_its_the(words, i)
                while j < n and j < i + len(form) + 2 and not words.before[j] and lowers[j] in SCHOOL_ENDS:
                    j += 1  # "uplands infants", "taylor road primary school"
                yield Found(words.span(first)[0], words.span(j - 1)[1], "school", "the area's schools")
                found.append((i, j))
                after = j
                break
            if loose and _form_at(words, lowers, form, i) and all(b == "" for b in words.before[i + 1 : j]):
                unsure.append((i, j))
    for i, j in unsure:
        if (i, j) not in found and _in_a_card(words, i, j):
            yield Found(words.span(i)[0], words.span(j - 1)[1], "school", "the area's schools, beside a form or date")
    yield from _schools_in_a_list(words, found, unsure)


CARD_DETAIL = (
    r"(?:(?:[7-9]|1[0-3])(?:[-/]?[A-Za-z]{1,3}\d?|-\d)|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|y(?:ea)?r\s*(?:[7-9]|1[0-3]))"
)
CARD_SEPARATOR = r"\s*(?:[—–\-/|,:;]\s*)*"
CARD_BEFORE = re.compile(rf"(?<![\w/.-]){CARD_DETAIL}{CARD_SEPARATOR}$", re.IGNORECASE)
CARD_AFTER = re.compile(rf"{CARD_SEPARATOR}{CARD_DETAIL}(?![\w/.-])", re.IGNORECASE)


def _in_a_card(words: Words, i: int, j: int) -> bool:
    """A school's form that is a place too, in a list of details like an ID card, next to a form group, a date or
    a year with only a dash, slash or comma between ("[name] — 9T — rushey mead", "soar valley, 10B")."""
    start, end = words.span(i)[0], words.span(j - 1)[1]
    return bool(CARD_BEFORE.search(words.text, max(0, start - 16), start) or CARD_AFTER.match(words.text, end))


def _schools_in_a_list(words: Words, found: list[tuple[int, int]], unsure: list[tuple[int, int]]) -> Iterator[Found]:
    """A school's form that is a place too, in a list with a school found ("moat, crown hills, sir jon north and
    now judgemeadow"): a school too."""
    if not found or not unsure:
        return
    found = list(found)
    changed = True
    while changed:
        changed = False
        for i, j in [u for u in unsure if u not in found]:
            if any(_listed_beside(words, i, j, a, b) or _after_a_school(words, i, b) for a, b in found):
                found.append((i, j))
                changed = True
                first = _with_its_the(words, i)
                yield Found(
                    words.span(first)[0], words.span(j - 1)[1], "school", "the area's schools, in a list of them"
                )


def _with_its_the(words: Words, i: int) -> int:
    """Where a school's name or an address found at word i starts, with a "the" just before it in its sentence ("the
    cedars", "the hollies")."""
    return i - 1 if i and words.lowers[i - 1] == "the" and not words.before[i] else i


SCHOOLS_SET_AGAINST = frozenset(["than", "but", "or", "then", "now", "from", "to"])


def _after_a_school(words: Words, i: int, b: int) -> bool:
    """A school's form at word i set against a school that ends just before at b, in the same sentence: "[school] is
    way better than gateway", "i left [school] but regent was worse"."""
    return (
        b <= i - 1
        and i - b <= 6
        and words.lowers[i - 1] in SCHOOLS_SET_AGAINST
        and not any(words.before[k] == "." for k in range(b, i + 1))
    )


def _listed_beside(words: Words, i: int, j: int, a: int, b: int) -> bool:
    """Words i..j-1 and a..b-1 are beside each other in a list: only a comma, "and", "then" or "&" between."""
    left, right = (j, a) if j <= a else (b, i)
    if right - left == 2 and right < len(words) and words.lowers[left + 1] == "the":
        right -= 1  # "judgemeadow then the cedars"
    if not 0 <= right - left <= 1 or right >= len(words) or words.before[right] or words.before[left]:
        return False
    if right == left:
        return words.comma_before(right)
    return words.lowers[left] in ("and", "n", "&", "then")


def _a_longer_place_starts(lowers: list[str], i: int, shorter: int) -> bool:
    """An area or town of more words than a school's form (`shorter`) written whole from word i ("eyres monsell" where
    the form is "eyres"), not followed by a word of a school's name ("eyres monsell primary")."""
    for n in range(3, shorter, -1):
        if i + n <= len(lowers) and _a_place(tuple(lowers[i : i + n])):
            return i + n >= len(lowers) or lowers[i + n] not in SCHOOL_ENDS
    return False


@cache
def _a_place(form: tuple[str, ...]) -> bool:
    """A school's form that is a part of the city or a town too ("crown hills", "rushey mead", "hamilton")."""
    return " ".join(form) in places()


def _street_after(words: Words, j: int) -> bool:
    """A street's word at j, not followed by a school's ("the mosque on Sparkenhoe Street"; not "taylor road
    primary")."""
    after = words.next(j - 1)
    return (after in ADDRESS_STREETS or after in STREET_WORDS) and words.next(j) not in SCHOOL_ENDS


def _form_at(words: Words, lowers: list[str], form: tuple[str, ...], i: int) -> bool:
    """A school's form at word i; its words after the first may each be misspelt by a letter where what is
    typed is no English word ("soar vally", "judge medow", "english martys"), a word of four letters too after
    a first word that is no English word ("rushey meed")."""
    typed = lowers[i : i + len(form)]
    if len(typed) < len(form):
        return False
    long_enough = 4 if not words.classes[i] & (ENGLISH | STOP) else 5  # "rushey meed"; not "crown hall"
    for k, (t, f) in enumerate(zip(typed, form, strict=True)):
        if t != f and not (
            k and len(f) >= long_enough and not words.classes[i + k] & (ENGLISH | STOP) and _one_edit(t, f)
        ):
            return False
    return True


def _one_edit(a: str, b: str) -> bool:
    """`a` is `b` with one letter left out, added, changed, or two beside each other swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


SUBJECT_VERBS = frozenset(
    [
        "is",
        "was",
        "has",
        "had",
        "have",
        "are",
        "were",
        "got",
        "gets",
        "does",
        "doesnt",
        "dont",
        "kicked",
        "excluded",
        "never",
        "always",
        "needs",
        "should",
        "makes",
        "made",
        "gave",
        "gives",
        "isnt",
        "wasnt",
        "teachers",
        "staff",
    ]
)


def _school_subject(words: Words, form: tuple[str, ...], i: int, j: int) -> bool:
    """A school's form of two words or more that is not a place, as what a sentence is about ("castle rock
    has bullys", "new college is full of drama"; not "rushey mead is nice", a part of the city)."""
    if words.before[i] == "." and words.next(j - 1) in SUBJECT_VERBS and _school_told_after(words, j):
        return True  # "moat is full of fights and the teachers do nothing", "beaumont leys needs more teachers"
    if " ".join(form) in places():
        return False
    if "school" in words.set and words.next(j - 1) in SAID_OR_DID and (form[0] != "the" or len(form) > 1):
        return True  # "my mum went up the school but samworth said ..."
    return len(form) > 1 and words.before[i] == "." and words.next(j - 1) in SUBJECT_VERBS


SCHOOL_ONLY = frozenset(
    [
        *("teacher", "teachers", "detention", "detentions", "uniform", "canteen", "assembly", "assemblies"),
        *("headteacher", "lessons", "homework", "tutor", "playground", "sixth"),
    ]
)
"""Words only a school has, to tell a school's form from its area later in the sentence it starts."""
YEAR_GROUPS = re.compile(r"\b(?:year|yr|y)\s?(?:[7-9]|1[0-3])s\b", re.IGNORECASE)


def _school_told_after(words: Words, j: int) -> bool:
    """A word only a school has ("teachers", "detention", "home time", "the year 11s") later in the sentence that
    words j - 1 and before start."""
    end = words.sentence_end(j - 1)
    if any(words.lowers[k] in SCHOOL_ONLY or _school_time(words, k) for k in range(j, end)):
        return True
    stop = words.span(end)[0] if end < len(words) else len(words.text)
    return bool(YEAR_GROUPS.search(words.text, words.span(j - 1)[1], stop))


@cache
def _written_schools() -> re.Pattern[str]:
    """The schools' forms with a digit or a dot ("ke7", "ke 7", "w.q.e")."""
    forms = sorted(school_written_forms(), key=len, reverse=True) or ["(?!)"]
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s?") for f in forms) + r")(?!\w)", re.IGNORECASE
    )


@cache
def _written_school_starts() -> frozenset[str]:
    """The first words of the schools' forms with a digit or a dot ("ke" of "ke7", "w" of "w.q.e")."""
    return frozenset(w[0] for w in (as_words(f) for f in school_written_forms()) if w)


STRONG_CONTEXT = TITLES | RELATIONS | INTRODUCERS


def _a_public_figure(words: Words, found: Found) -> bool:
    """A name of one word that is a public figure's ("stormzy", "messi"), with nothing around it to say
    it is someone the young person knows ("my mate Messi")."""
    if not found.recogniser.startswith(LEARNED_ANY) and found.recogniser not in (
        "first name list",
        "name in context",
        "capitalised, not a word",
    ):
        return False
    i = words.index_at(found.start)
    if i is None or words.span(i)[1] < found.end or not words.classes[i] & FIGURE:
        return False
    if words.next(i) in STRONG_VERBS and i + 1 < len(words) and words.next(i + 1) in PEOPLE_AFTER:
        return False  # "kendrick hit me": someone the young person knows
    if _then_whose(words, found.end):
        return False  # "[jamie] [vardy] my uncle ..."
    if _theirs_by_what_follows(words.text, (found.start, found.end)):
        return False  # "storm in year 8", "adele adele.s2010@gmail.com"
    if words.next(i) and words.classes[i + 1] & SURNAME and not words.classes[i + 1] & (EVERYDAY | FIGURE | FUNCTION):
        return False  # "adele smith": a first name and a surname, someone's own
    return words.prev(i) not in STRONG_CONTEXT and words.prev(i, 2) not in STRONG_CONTEXT


PEOPLE_AFTER = frozenset(["me", "my", "us", "our", "i", "him", "her", "them", "mum", "dad"])
SIBLING_WORDS = frozenset(["big", "little", "older", "younger", "twin", "baby", "step", "half", "foster"])
"""Words between "my" and a word for family ("is my baby sister", "was my half brother")."""
VERB_PARTICLES = frozenset(["away", "off", "out", "into", "over", "back", "home", "up", "down", "across", "through"])
"""Words after a verb that make it one ("ran away", "rose up"): after a word for one person, an everyday word that is
a first name too and has one of these after it is the verb, not a name."""


def _a_titled_figure(words: Words, found: Found, kept: list[tuple[int, int]]) -> bool:
    """A title before a public figure's or character's name of two words or more ("sir [david attenborough]",
    "sir [keir starmer]", "mrs [doubtfire ...]"): the title found with the figure's first name is theirs."""
    if found.recogniser != "title" or not kept:
        return False
    i = words.index_at(found.start)
    if i is None or i + 1 >= len(words):
        return False
    name_start = words.span(i + 1)[0]
    return any(s == name_start and found.end <= e and _a_figures_name(words, s, e) for s, e in kept)


def _a_figure_inside(words: Words, found: Found, kept: list[tuple[int, int]]) -> bool:
    """What the learned recogniser found holds a public figure's name of two words or more and, besides it,
    only words in lower case that are no names ("[fav roald dahl] book"): the figure, not someone known."""
    if not found.recogniser.startswith(LEARNED_ANY) or not kept:
        return False
    for s, e in kept:
        if found.start <= s and e <= found.end and (s, e) != (found.start, found.end) and _a_figures_name(words, s, e):
            outside = [
                k
                for k in range(len(words))
                if found.start <= words.span(k)[0] < found.end and not s <= words.span(k)[0] < e
            ]
            if all(not words.classes[k] & (FIRST | SURNAME | ARABIC) and not words.capital(k) for k in outside):
                return True
    return False


def _beside_a_figure(words: Words, found: list[Found], kept: list[tuple[int, int]]) -> set[int]:
    """Names of one word joined by "and" to a public figure or character kept ("billie eilish and finneas",
    "peppa pig and george", "prince william and kate"): one more of them, unless a word for a person comes
    before it or a word after it says someone known ("... and jay from my class")."""
    if words.set.isdisjoint(AND_WORDS):
        return set()
    starts, ends = {s for s, _ in kept}, {e for _, e in kept}
    for k, c in enumerate(words.classes):  # "stormzy and dave", "spongebob and patrick": a figure of one word
        if c & FIGURE and words.prev(k) not in STRONG_CONTEXT and words.prev(k, 2) not in STRONG_CONTEXT:
            starts.add(words.span(k)[0])
            ends.add(words.span(k)[1])
    if not starts:
        return set()
    beside = set()
    for f in found:
        i = words.index_at(f.start) if f.kind == "name" else None
        if i is None or words.span(i)[1] < f.end or words.before[i]:
            continue
        after_and = i >= 2 and words.lowers[i - 1] in AND_WORDS and words.span(i - 2)[1] in ends
        before_and = i + 2 < len(words) and words.lowers[i + 1] in AND_WORDS and words.span(i + 2)[0] in starts
        if (
            (after_and or before_and)
            and words.next(i) not in ("from", "in", "at", "my", "our")
            and words.prev(i) not in STRONG_CONTEXT
        ):
            beside.add(f.start)
    return beside


FAME_BEFORE = word_list("fame before")
FAME_AFTER = word_list("fame after")
DONE_TO_SOMEONE = frozenset(["film", "films", "edit", "edits", "track", "tracks"])
DONE_TO = frozenset(["it", "me", "him", "her", "them", "us", "everything", "people", "everyone"])
"""A name, then "films it", "tracks me": what someone does to a young person, not a public figure's films or tracks."""


def _famous(words: Words, found: list[Found]) -> set[int]:
    """Where the names found start that are said to be famous by the word just before or after the whole name
    ("the singer olivia rodrigo", "burna boy's new album", "cole palmer scored"), with no word for a person
    before it ("my mate jay the footballer"): public figures no list has."""
    if words.set.isdisjoint(FAME_BEFORE) and words.set.isdisjoint(FAME_AFTER):
        return set()
    at: dict[int, int] = {}
    for f in found:
        if f.kind == "name":
            i = words.index_at(f.start)
            if i is not None:
                at[i] = f.start
                k = i
                while k + 1 < len(words) and words.span(k + 1)[1] <= f.end:
                    k += 1
                    at[k] = f.start
    famous: set[int] = set()
    for i in sorted(at):
        if i - 1 in at:
            continue  # inside a name
        k = i
        while k + 1 in at and not words.before[k + 1]:
            k += 1
        before, after = words.prev(i), words.next(k)
        if (
            (before in FAME_BEFORE or (after in FAME_AFTER and k > i) or _said_to_be_the_best(words, k))
            and words.prev(i, 2) not in STRONG_CONTEXT
            and before not in STRONG_CONTEXT
            and not (after in STRONG_VERBS and words.next(k + 1) in PEOPLE_AFTER)
            and not (after in DONE_TO_SOMEONE and words.next(k + 1) in DONE_TO)
        ):
            famous.update(at[m] for m in range(i, k + 1))
    return famous


TALK_OF_FAME = word_list("talk of fame")
FOUND_ALONE = (
    "first name list",
    "first name and surname",
    "surname after a name",
    "capitalised, not a word",
    "name in context",
)
"""Recognisers that find a name by the lists or its shape alone, or by a verb after it that anyone may do ("lily allen
starred"), with no word before it that says a person."""
KNOWN_NEAR = frozenset(
    [
        *("my", "our", "me", "us", "mine", "ur", "your", "his", "her", "their", "we", "i", "im", "year", "yr", "class"),
        *("form", "called", "named", "mum", "mums", "dad", "dads", "with", "lives", "live", "street", "road", "house"),
    ]
)
"""Words near a name that say it is someone the young person knows or lives among ("jake in my class", "with josh")."""
KNOWN_OR_STRONG = KNOWN_NEAR | STRONG_CONTEXT


def _found_alone(found: Found) -> bool:
    """Found by the lists or its shape alone (FOUND_ALONE), or by the learned recognisers."""
    return found.recogniser in FOUND_ALONE or found.recogniser.startswith(LEARNED_ANY)


OURS_AFTER = frozenset(["our", "me", "us", "we"])
"""Words after a name in its sentence that say it is someone the young person knows ("arjun plays cricket with me")."""


SUBJECTS = frozenset(["i", "we", "they", "he", "she", "you", "u", "to", "can", "will", "cant", "dont", "didnt"])
"""Words before "film" that make it the verb ("they film people"), not talk of a film (as DONE_TO after it: "films
it")."""


def _others_known(words: Words, found: list[Found]) -> bool:
    """Whether the answer has a personal detail besides names found on their own (a school, an address, a handle), or a
    name with a word for a person or a title right before it ("a man called steve"), or no word of TALK_OF_FAME
    outside the names found ("oscar hall"): an answer about people the young person knows."""
    inside: set[int] = set()
    for f in found:
        if f.kind not in ("name", "surname") or not _found_alone(f):
            return True
        i = words.index_at(f.start)
        if i is not None and words.prev(i) in KNOWN_OR_STRONG:
            return True
        inside.update(k for k in range(len(words)) if f.start <= words.span(k)[0] < f.end)
    return not any(
        w in TALK_OF_FAME and not (w in DONE_TO_SOMEONE and (words.prev(k) in SUBJECTS or words.next(k) in DONE_TO))
        for k, w in enumerate(words.lowers)
        if k not in inside
    )


def _in_talk_of_fame(words: Words, found: Found) -> bool:
    """A name the lists or the learned recognisers found on their own, in an answer about films, shows, music, games,
    sport or history (a word of TALK_OF_FAME) with no other personal detail (_others_known), and no word for a person
    or for someone's own within two words before it or three after it, nor "my", "our", "me", "us" or "we" after it in
    its sentence ("sky brown got bronze for team gb", "ryder in gta"; not "josh in my year sings", "josh is the best
    footballer in our year", "arjun plays cricket with me")."""
    if not _found_alone(found):
        return False
    i, k = words.index_at(found.start), words.index_ending(found.end)
    if i is None or k is None:
        return False
    near = {words.prev(i), words.prev(i, 2), words.next(k), *(words.next(k + n) for n in (1, 2))}
    rest = words.lowers[k + 1 : words.sentence_end(k)]
    return (
        near.isdisjoint(KNOWN_OR_STRONG)
        and MY_WORDS.isdisjoint(rest)
        and OURS_AFTER.isdisjoint(rest)
        and not _theirs_by_what_follows(words.text, (found.start, found.end))
    )


WORSHIP = frozenset(
    ["church", "cathedral", "chapel", "abbey", "mosque", "masjid", "mandir", "gurdwara", "temple", "synagogue"]
)
SAINTS = frozenset(["st", "saint", "sant", "sankt"])


def _a_place_of_worship(words: Words, found: Found) -> bool:
    """A name or school found in the name of a place of worship: right before "church", "masjid", "mandir" ... ("the jame
    masjid"), or after "st" or "saint" with one word between ("st marys church", "[st] marys church"); not a name
    said to be someone the young person knows, nor one with words between ("mary from st marys church", "amrit go
    gurdwara")."""
    i, k = words.index_at(found.start), words.index_ending(found.end)
    if i is None or k is None or words.prev(i) in KNOWN_OR_STRONG:
        return False
    saint = words.lowers[i] in SAINTS or words.prev(i) in SAINTS
    return words.next(k) in WORSHIP or (saint and words.next(k + 1) in WORSHIP)


def _a_fans_team(words: Words, found: Found) -> bool:
    """A name of one word right before "fan" or "fans" ("chelsea fan for life"): a team's or a star's; not after a word
    for a person ("my mate chelsea fans herself")."""
    i, k = words.index_at(found.start), words.index_ending(found.end)
    return i is not None and i == k and words.next(k) in ("fan", "fans") and words.prev(i) not in KNOWN_OR_STRONG


BEST = frozenset(["favourite", "fave", "favorite", "fav", "greatest", "goat"])


def _said_to_be_the_best(words: Words, k: int) -> bool:
    """A name that ends at word k, then said to be a favourite of a famous kind: "dave is my favourite rapper" (a public
    figure no list has; not "jay is my favourite person", "jack young is the best striker in our league" nor "abdi is my
    fave footballer in our year")."""
    after = [words.next(k + n) for n in range(8)]
    if after[0] not in ("is", "was", "s"):
        return False
    rest = after[1:5]
    ours = any(a in ("in", "at", "from", "of") and b in ("our", "my", "the") for a, b in itertools.pairwise(after[2:]))
    return not BEST.isdisjoint(rest[:3]) and not FAME_BEFORE.isdisjoint(rest) and not ours


IDENTITIES = word_list("faiths and identities")


PETS = frozenset(
    [
        "dog",
        "dogs",
        "cat",
        "cats",
        "puppy",
        "pup",
        "kitten",
        "kitty",
        "hamster",
        "rabbit",
        "bunny",
        "budgie",
        "parrot",
        "pony",
        "horse",
        "tortoise",
        "turtle",
        "gerbil",
        "guinea",
        "pig",
        "snake",
        "lizard",
        "fish",
        "goldfish",
        "ferret",
    ]
)
"""A pet's name is no person's detail ("my dog max is my best friend", "our cat called luna")."""


TITLE_NAMES = frozenset(
    [
        "matilda",
        "moana",
        "coraline",
        "wonka",
        "paddington",
        "mulan",
        "aladdin",
        "pinocchio",
        "rapunzel",
        "cinderella",
        "hercules",
        "tarzan",
        "bambi",
        "dumbo",
        "heidi",
        "annie",
        "wednesday",
        "barbie",
        "elvis",
        "luca",
    ]
)
"""Films and books named after their character, as young people write them: a title where just read or watched."""
READ_OR_WATCHED = frozenset(["read", "reading", "reread", "watched", "watching", "watch", "rewatched", "seen"])
NOT_AFTER_A_TITLE = frozenset(
    ["get", "getting", "got", "being", "be", "do", "doing", "did", "fight", "fighting", "hit", "hitting", "cry"]
)


WORK_WORDS = frozenset(
    [
        *("film", "films", "movie", "book", "show", "series", "song", "songs", "album", "track", "game", "character"),
        *("rapper", "anime", "cartoon", "programme", "musical", "band", "tune", "lyrics", "music", "mixtape"),
    ]
)
"""What a name may be said to be that makes it a work or its maker, not a person the young person knows ("matilda is
my favourite film", "dave is the best uk rapper")."""
WHAT_A_WORK_IS = re.compile(
    r"(?:\s+and\s+[^\W\d_]+)?\s+(?:is|was|are|were|=)\s+(?:(?:my|the|a|an|his|her|our|me|ma|all)\s+)?"
    r"(?:(?!(?:on|in|at|with|to|for|from|about|like|such|a|an|real|proper)\b)[^\W\d_]+\s+){0,3}?"
    r"(?:" + "|".join(sorted(WORK_WORDS)) + r")\b",
    re.IGNORECASE,
)
A_WORKS_PART = re.compile(r"[’']s\s+(?:new\s+|latest\s+|last\s+|first\s+)?(?:album|song|songs|lyrics|mixtape|music)\b")


def _said_to_be_a_work(words: Words, found: Found) -> bool:
    """A name said to be a film, book, song, game or character, or a rapper ("matilda is my favourite film", "dave is
    the best uk rapper", "dave's new album", "bill and ted is a weird film"); not someone named after who they are
    to the young person ("my mate dave is the best rapper in our year"), nor where the sentence says "our", "my
    friend" or "in our year" (someone they know)."""
    i = words.index_at(found.start)
    if i is None or words.prev(i) in STRONG_CONTEXT or words.prev(i, 2) in MY_WORDS:
        return False
    after = WHAT_A_WORK_IS.match(words.text, found.end) or A_WORKS_PART.match(words.text, found.end)
    if after is None or re.search(r"\b(?:a|an)\s+(?:[^\W\d_]+\s+)?character$", after.group(), re.IGNORECASE):
        return False  # "jay is a real character": someone they know
    rest = words.text[after.end() : after.end() + 40].lower()
    return not re.match(r"\s+(?:in|at|from)\s+(?:our|my|the)\s+(?:year|class|school|form|team|estate)\b", rest)


def _a_title_read_or_watched(words: Words, found: Found) -> bool:
    """A film or book named after its character, just read or watched ("i read matilda", "we watched moana at the
    youth club"); not a person watched doing something ("i watched luca get beaten up") or whose words were read."""
    i = words.index_at(found.start)
    if i is None or words.lowers[i] not in TITLE_NAMES or words.span(i)[1] < found.end or words.possessive(i):
        return False
    return words.prev(i) in READ_OR_WATCHED and words.next(i) not in NOT_AFTER_A_TITLE


def _a_pets_name(words: Words, found: Found) -> bool:
    if words.set.isdisjoint(PETS):
        return False
    i = words.index_at(found.start)
    if i is None:
        return False
    before = words.prev(i)
    if before in PETS:
        return True  # "my dog max"
    for back in range(1, 5):  # "our cat called luna", "my dog is called biscuit", "my dog's name is max"
        word = words.prev(i, back)
        if word in PETS:
            return back > 1
        if word not in PET_NAMING:
            return False
    return False


WORDS_OF_LOVE = word_list("words of love")
LOVE_SIZES = frozenset(["little", "lil", "big", "lickle"])
LOVE_WHOSE = frozenset(["my", "his", "her", "our", "their", "your", "mums", "dads", "nans", "grans"])
"""Whose a word of love is ("her little angel", "my nans little star")."""


def _a_word_of_love(words: Words, found: Found) -> bool:
    """A word of love after whose and "little" or "big" ("my nan calls me her little [angel]", "dad says im his big
    [soldier]"): not a name."""
    i = words.index_at(found.start)
    return (
        i is not None
        and words.span(i)[1] == found.end
        and words.lowers[i] in WORDS_OF_LOVE
        and words.prev(i) in LOVE_SIZES
        and words.prev(i, 2) in LOVE_WHOSE
        and not words.before[i]
        and not words.before[i - 1]
    )


ROMAN_NUMERAL = re.compile(r"(?:ii|iii|iv|vi|vii|viii|ix|xi|xii|xiii|xiv|xv|xvi)")
MONARCHS = frozenset(["king", "queen", "prince", "princess", "pope", "tsar", "emperor", "empress", "saint"])


NAMES_THAT_ARE_PLACES = word_list("names that are places")
"""First names that are countries or cities too ("jordan", "georgia"): a place only after words that say one."""
PLACE_BEFORE = word_list("before a place")
"""Words after which one of NAMES_THAT_ARE_PLACES is the place ("from jordan", "visit florence")."""


def _a_place_named_as_one(words: Words, f: Found) -> bool:
    """A first name that is a country or city too, after words that say a place ("my dad is from [jordan]", "we went
    to [paris]", "the war in [georgia]")."""
    i = words.index_at(f.start)
    if i is None or words.lowers[i] not in NAMES_THAT_ARE_PLACES or words.span(i)[1] != f.end:
        return False
    if words.prev(i) in PLACE_BEFORE or (words.prev(i) == "to" and words.prev(i, 2) in GOING_TO_A_PLACE):
        return True
    beside = [k for k in (i - 1, i + 1) if 0 <= k < len(words)]
    beside += [k for k, w in ((i - 2, words.prev(i)), (i + 2, words.next(i))) if w in AND_WORDS and 0 <= k < len(words)]
    if any(words.classes[k] & PLACE for k in beside):
        return True  # "somalia, [india], poland"
    return PLACE_AFTER.match(words.text, f.end) is not None  # "[georgia] is a country"


GOING_TO_A_PLACE = frozenset(
    [
        *("went", "go", "going", "goes", "been", "moved", "move", "moving", "flew", "fly", "flying", "trip"),
        *("holiday", "send", "sent", "sending", "back", "way", "travel", "travelled"),
    ]
)
PLACE_AFTER = re.compile(
    r"\s+(?:is|was)\s+(?:where\b|(?:a|the|my|our)\s+(?:\w+\s+){0,2}?(?:country|state|city|capital|place|trip|holiday)\b)",
    re.IGNORECASE,
)
"""After a first name that is a place too, words that say it is the place ("georgia is a country", "paris was the best
school trip", "jordan is where my dad is from")."""


def _a_monarch(words: Words, f: Found) -> bool:
    """A king's or queen's name with their number ("king henry viii", "queen elizabeth ii", "[king] henry viii"):
    history, not a person the young person knows."""
    last = words.index_ending(f.end)
    if last is None:
        return False
    for k in (last + 1, last + 2):
        if k < len(words) and not words.before[k] and ROMAN_NUMERAL.fullmatch(words.lowers[k]):
            return k == last + 1 or words.lowers[last] in MONARCHS or words.prev(last) in MONARCHS
    return False


PET_NAMING = frozenset(["called", "named", "name", "is", "was", "s", "new", "little", "old"])
"""Words between a pet and its name ("my dog is called biscuit", "our cat's name is luna")."""


def _an_identity(words: Words, found: Found) -> bool:
    """A faith, heritage, identity or what a faith has one wear ("im christian", "my sister is bi", "i wear a
    kara"), not someone's name, unless a title or a word for one person comes before ("my friend Christian")."""
    if words.set.isdisjoint(IDENTITIES):
        return False
    i = words.index_at(found.start)
    if i is None or words.span(i)[1] < found.end or words.lowers[i] not in IDENTITIES:
        return False
    if found.recogniser in ("surname after a name", "list of names", "first name before a surname"):
        return False  # "jack white", "jay black": a surname
    return words.prev(i) not in TITLES and words.prev(i) not in ONE_PERSON and words.prev(i) not in INTRODUCERS


@cache
def _characters() -> dict[str, tuple[int, ...]]:
    """A work's character's name -> the works (their places in works()) it is in."""
    index: dict[str, list[int]] = {}
    for n, book in enumerate(works()):
        for name in book.characters:
            index.setdefault(name, []).append(n)
    return {k: tuple(v) for k, v in index.items()}


def _titles() -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    """Every work's titles, loose ones ("frozen") too (see _title_index)."""
    return _title_index(loose=True)


@cache
def _title_index(loose: bool) -> dict[str, tuple[tuple[tuple[str, ...], int], ...]]:
    """Works' titles, with the loose ones ("frozen", everyday words too) or without, without a leading "the" as well
    as with it, by their first word, longest first, each with its work's place in works()."""
    index: dict[str, set[tuple[tuple[str, ...], int]]] = {}
    for n, book in enumerate(works()):
        for title in book.titles + (book.loose if loose else ()):
            for form in (title, title[1:] if title[0] == "the" and len(title) > 1 else title):
                index.setdefault(form[0], set()).add((form, n))
    return {k: tuple(sorted(v, key=lambda tn: -len(tn[0]))) for k, v in index.items()}


@cache
def _title_names() -> frozenset[str]:
    """Titles of one word that are names too ("matilda", "moana", "coraline"), but not everyday words ("frozen")."""
    return frozenset(t[0] for book in works() for t in book.titles if len(t) == 1)


KNOWN_BEFORE = frozenset(["my", "our", "me", "mate", "mates", "friend", "friends", "bestie", "with"])
OF_A_WORK = frozenset(["from", "in", "frm"])
"""Words between a character and the work it is from ("elsa from frozen", "frodo in lord of the rings")."""
NOT_A_WORK_AFTER = frozenset(["my", "our", "year", "yr", "class", "school", "next", "form", "his", "her", "their"])
"""Words after "from" that say where a person the young person knows is ("anna from my class", "rose from next
door")."""


def _a_character_of_a_work(words: Words, found: Found) -> bool:
    """A name that is a character of a film, show, game or book, where the answer says which ("elsa from frozen",
    "cooper from interstellar", "in Of Mice and Men George shoots Lennie") or names another character of it
    ("Sheila and Eric change", "frodo and gollum"), or a title that is a name, said to be a work ("matilda by
    roald dahl"); and nothing says it is someone the young person knows ("my mate George", "me and sheila",
    "anna from my class")."""
    i = words.index_at(found.start)
    if i is None or words.prev(i) in KNOWN_BEFORE or words.prev(i) in RELATIONS:
        return False
    if words.prev(i) in AND_WORDS and words.prev(i, 2) in ("me", "i"):
        return False  # "me and sheila"
    last = words.index_ending(found.end)
    last = i if last is None else last
    names = _lowered(words, found)
    index = _characters()
    if _of_the_work_named_after(words, last, names, index):
        return True  # "cooper from interstellar", "elsa and anna from frozen"; not "a man called steve from roblox"
    if _a_full_title_after(words, i, last, found):
        return True  # "reo in blue lock", "erin and orla in derry girls": a work's character the list does not name
    if len(names) == 1 and names[0] in _title_names() and _said_to_be_a_title(words, i, index):
        return True  # "matilda by roald dahl", "roald dahl books, especially matilda", "miss honey from matilda"
    if not names or any(n not in index for n in names):
        return False
    books = set.intersection(*(set(index[n]) for n in names))
    if not books or (words.next(last) in OF_A_WORK and words.next(last + 1) in NOT_A_WORK_AFTER):
        return False  # "anna from my class watched frozen with me"
    said = (*as_words(words.text[: found.start]), "", *as_words(words.text[found.end :]))
    for n in books:
        book = works()[n]
        if any(_contains(said, title) for title in book.titles):
            return True
        others = {w for w in said if w in book.characters and w not in names}
        if others and not (book.common.issuperset(names) and book.common.issuperset(others)):
            return True
    return False


def _lowered(words: Words, found: Found) -> list[str]:
    """The words of a find, lower case."""
    return [w.lower() for w in as_words(words.text[found.start : found.end])]


def _a_distinct_character(words: Words, found: Found, others: list[Found]) -> bool:
    """A name found by the learned recognisers alone whose every word is a character's name of one work, one of them a
    name no one here is given (in no list of names and not marked ~ in works.txt: "zoro", "sukuna", "eren jaeger"),
    even where the answer does not name the work; not where the answer has another detail or a name no work has ("tink
    and dolly from the estate"), nor where a word before it or just after it says someone the young person knows ("my
    mate zoro", "me and gojo", "zoro from my class")."""
    if not found.recogniser.startswith(LEARNED_ANY):
        return False
    index = _characters()
    beside = [f for f in others if f.end <= found.start or f.start >= found.end]
    if any(f.kind not in ("name", "surname") or not index.keys() >= set(_lowered(words, f)) for f in beside):
        return False
    i, last = words.index_at(found.start), words.index_ending(found.end)
    if i is None or last is None:
        return False
    if words.prev(i) in KNOWN_OR_STRONG or words.prev(i) in RELATIONS or words.prev(i, 2) in STRONG_CONTEXT:
        return False
    if words.prev(i) in AND_WORDS and words.prev(i, 2) in ("me", "i"):
        return False  # "me and gojo"
    if words.next(last) in OF_A_WORK and words.next(last + 1) in NOT_A_WORK_AFTER:
        return False  # "zoro from my class"
    names = _lowered(words, found)
    if not names or any(n not in index for n in names):
        return False
    books = set.intersection(*(set(index[n]) for n in names))
    unlisted = {n for n in names if n not in first_names() and n not in surnames()}
    return any(unlisted - works()[n].common for n in books)


def _of_the_work_named_after(words: Words, last: int, names: list[str], index: dict[str, tuple[int, ...]]) -> bool:
    """Whether the names (ending at word `last`) are characters of the work named right after them ("cooper from
    interstellar", "geralt from the witcher"), or they and one more name after "and" are ("elsa and anna from
    frozen")."""
    named = _works_named_after(words, last + 1)
    if not named and words.next(last) in AND_WORDS:
        names = [*names, words.next(last + 1)]
        named = _works_named_after(words, last + 3)
    return bool(named) and all(not named.isdisjoint(index.get(n, ())) for n in names)


def _a_full_title_after(words: Words, i: int, last: int, found: Found) -> bool:
    """A name found on its own (words i..last), or with "and" and one more word after it, then "from" or "in" and a
    work's full title, not one that is an everyday word too ("reo in blue lock", "erin and orla in derry girls"; not
    "sarah from the office"), with no word before it or after the title that says someone the young person knows."""
    if not _found_alone(found):
        return False
    if words.prev(i) in KNOWN_OR_STRONG or words.prev(i, 2) in STRONG_CONTEXT:
        return False
    k = last + 1
    if words.next(last) in AND_WORDS and words.next(last + 1):
        k = last + 3
    named = _titles_named_after(words, k, _title_index(loose=False))
    if not named:
        return False
    title, rest = named[0][0], tuple(words.lowers[k + 1 : words.sentence_end(k)][:8])  # the longest title named
    after = rest[len(title) : len(title) + 3]
    return OURS_AFTER.isdisjoint(after) and "my" not in after


def _inside_a_full_title(words: Words, found: Found) -> bool:
    """A learned find whose words all lie inside a work's full title of two words or more, said whole ("mabel from
    [gravity] falls", "a [blue] lock fan"): a word of the title, not a person or a school."""
    if not found.recogniser.startswith(LEARNED_ANY):
        return False
    first, last = words.index_at(found.start), words.index_ending(found.end)
    if first is None or last is None:
        return False
    index = _title_index(loose=False)
    for j in range(max(0, last - 7), first + 1):
        for title, _ in index.get(words.lowers[j], ()):
            if len(title) > 1 and j + len(title) > last and tuple(words.lowers[j : j + len(title)]) == title:
                return True
    return False


def _titles_named_after(
    words: Words, k: int, index: dict[str, tuple[tuple[tuple[str, ...], int], ...]]
) -> list[tuple[tuple[str, ...], int]]:
    """The titles of `index` (longest first, each with its work's place in works()) that words k and after are, with
    "from" or "in" before them, in the same sentence ("from frozen", "in lord of the rings", "from the witcher")."""
    if k >= len(words) or words.before[k] or words.lowers[k] not in OF_A_WORK:
        return []
    rest = tuple(words.lowers[k + 1 : words.sentence_end(k)][:8])
    return [(title, n) for title, n in index.get(rest[0], ()) if rest[: len(title)] == title] if rest else []


def _works_named_after(words: Words, k: int) -> set[int]:
    """The works (their places in works()) whose title words k and after are, with "from" or "in" before it, in the
    same sentence ("from frozen", "in lord of the rings", "from the witcher")."""
    return {n for _, n in _titles_named_after(words, k, _titles())}


SEQUEL_AFTER = re.compile(
    r"\s+(?:[2-9]|ii|iii)\b(?!\s*(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|mins?|minutes?|doors?|times?|of|"
    r"or|and|[x/:.]\s*\d))",
    re.IGNORECASE,
)
"""A sequel's number right after a title ("moana 2 came out"); not a count ("moana 2 doors down", "moana 2 or 3")."""


def _said_to_be_a_title(words: Words, i: int, index: dict[str, tuple[int, ...]]) -> bool:
    """A title that is a name too, written as the work: just before "by" ("matilda by roald dahl") or its sequel's
    number ("moana 2 came out"), after one of its characters and "from" ("miss honey from matilda"), or in a sentence
    about books, films or shows ("roald dahl books were the best, especially matilda")."""
    if words.next(i) == "by" or SEQUEL_AFTER.match(words.text, words.span(i)[1]):
        return True
    if words.prev(i) in OF_A_WORK and words.prev(i, 2) in index:
        title = (words.lowers[i],)
        return any(title in works()[n].titles for n in index[words.prev(i, 2)])
    start = next((k for k in range(i, -1, -1) if words.before[k] == "."), 0)
    return any(
        words.lowers[k] in WORK_WORDS or words.lowers[k][:-1] in WORK_WORDS for k in range(start, words.sentence_end(i))
    )


def _contains(said: tuple[str, ...], title: tuple[str, ...]) -> bool:
    k = len(title)
    return any(said[m : m + k] == title for m in range(len(said) - k + 1) if said[m] == title[0])


NAMES_ALSO_WORDS = word_list("names that are urdu or polish words")


def _gujarati_but(words: Words, i: int, end: int) -> bool:
    """Words i.. up to `end` are "pan" (Gujarati "but") and everyday words of the answer's language, in an answer
    that is not Polish."""
    last = words.index_ending(end)
    if last is None or last <= i or words.lowers[i] != "pan" or words.foreign < 2 or _polish(words):
        return False
    return all(words.classes[k] & FOREIGN or words.lowers[k] in NAMES_ALSO_WORDS for k in range(i + 1, last + 1))


def _a_word_of_its_language(words: Words, found: Found) -> bool:
    """A name of one word that is an everyday word of Urdu or Polish too ("zara sa bhi khayal nahi", "czuję
    się sam"), or a Gujarati verb ("papa mane marta che"), in an answer in that language (two of its everyday words or
    more besides), with no word for a person just before it ("moj kolega Sam")."""
    i = words.index_at(found.start)
    whole = i is not None and words.span(i)[1] == found.end  # the find is word i, whole
    if found.recogniser.startswith(LEARNED_ANY) and found.kind == "name":
        if i is not None and _gujarati_but(words, i, found.end):
            return True  # "[pan mara] mummy ne khabar nathi": Gujarati "but my", not Polish "pan" and a name
        c = words.classes[i] if i is not None and whole else 0
        if (
            c & FOREIGN
            and not c & (FIRST | SURNAME)
            and not words.capital(i or 0)
            and (words.foreign >= 3 or POLISH_LETTERS.search(words.text) is not None)
        ):  # in an answer in that language: not "a man called [raz]", "my brother [ty]"
            return True  # "mój [adres] to ...": a learned name that is an everyday word of Polish or Urdu, and no name
        if i is not None and whole and not c & FOREIGN and _a_word_of_a_foreign_answer(words, i):
            return True  # "mama sie [martwi]": a word no list has, in Polish or Urdu, is a word of it
    if (
        found.kind == "name"
        and i is not None
        and whole
        and not words.set.isdisjoint(GUJARATI_AFTER_A_VERB)
        and _a_gujarati_verb(words, i)
    ):
        return True  # "papa mane [marta] che": hitting, before "che" (is)
    if words.set.isdisjoint(NAMES_ALSO_WORDS) or found.recogniser == "introduced":
        return False  # "main zara hoon": a name given as one's own
    if i is None or words.span(i)[1] < found.end or words.lowers[i] not in NAMES_ALSO_WORDS:
        return False
    more_of_it = words.next(i) in NAMES_ALSO_WORDS or _a_gujarati_verb(words, i + 1)
    if words.prev(i) in FOREIGN_PEOPLE or (words.prev(i) in STRONG_CONTEXT and not more_of_it):
        return False  # "moj kolega sam", "my friend sana"; not Gujarati "papa mane marta che" (dad hits me)
    if i + 1 < len(words) and not words.before[i + 1] and words.classes[i + 1] & SURNAME and not more_of_it:
        return False  # "zara khan ne mujhe mara": a name and surname
    if (words.next(i) in AND_NAMES and i + 2 < len(words) and words.classes[i + 2] & FIRST) or (
        words.prev(i) in AND_NAMES and words.prev(i, 2) and words.classes[i - 2] & FIRST
    ):
        return False  # "kal sana aur aisha ke saath", "bilal aur sana": a name, "and" a name
    return words.foreign - bool(words.classes[i] & FOREIGN) >= 2  # two or more besides it


GUJARATI_AFTER_A_VERB = frozenset(["che", "chhe", "chu", "chhu", "hata", "hati", "hato", "hoy"])
"""Gujarati "is", "am", "was", "may be", after a verb ("marta che": is hitting)."""
GUJARATI_VERB_END = re.compile(r"(?:ta|ti|to|e|u)$")


def _a_gujarati_verb(words: Words, i: int) -> bool:
    """Word i is a Gujarati verb: it ends as one ("marta", "bole", "rahe") and "che", "hata" or the like comes after it,
    in an answer with another Gujarati word; not "marta che ..." at the start ("Marta is ..." is no Gujarati)."""
    return (
        0 < i < len(words) - 1
        and words.next(i) in GUJARATI_AFTER_A_VERB
        and not words.before[i]
        and bool(GUJARATI_VERB_END.search(words.lowers[i]))
        and words.foreign >= 2
    )


POLISH_LETTERS = re.compile("[ąęłóśźżćńĄĘŁÓŚŹŻĆŃ]")
URDU_PEOPLE = word_list("urdu people")
"""Words for people in Roman Urdu after which a name is one ("meri dost Zara")."""
POLISH_PEOPLE = word_list("polish people")
FOREIGN_PEOPLE = URDU_PEOPLE | POLISH_PEOPLE
"""Words for people in Roman Urdu or Polish (as the sentence changes them: "mojej siostry", "kolezanki") after which
a name of the lists, or an everyday word of the language that is a name too, is one ("pesel mojej siostry maja")."""


LEARNED = "learned (CRF)"
LEARNED_JUDGE = LEARNED + ", the judge"
LEARNED_CLOSE = "learned (language model)"
LEARNED_ANY = (LEARNED, LEARNED_CLOSE)
"""What a learned recogniser found starts with one of these, and goes through the same checks."""
LEARNED_THRESHOLD = 0.5
"""A word is a name, school or place of work when the CRF's probability that it is none (O) is below this."""
LEARNED_THRESHOLD_WORD = 0.2
"""The same for an everyday English word in lower case ("hope", "bill", "park"): the CRF must be surer."""
LEARNED_THRESHOLD_NO_NAME = 0.12
"""The same for an English word that no name list has ("ace", "star"): the CRF must be surer still (0.05 before
round 7 of #28, whose model reads "my bro tiny" at 0.10)."""
LEARNED_THRESHOLD_PERSON_PLACE = 0.7
"""The same for a word opened where a person stands in the sentence ("xinyi from my class", "lily wood my old
friend"): the context says a person, so the CRF may be less sure. Chosen over every development set in round 12 of
#28 (0.1 to 0.9 tried: 0.7 removes 5 names and 3 surnames more than 0.2, with no clean line more changed)."""
OPEN_CLASSES = FIRST | SURNAME | ARABIC | SCHOOL | FIGURE
OPENERS = {
    **dict.fromkeys(TITLES, 1),
    **dict.fromkeys(["big", "lil", "little"], 1),
    **dict.fromkeys(["works", "working", "worked", "job", "owns", "cleans", "drives", "shifts"], 8),
}
"""Words after which the next few may be a name, school or place of work whatever they are ("mr young",
"my mate big t", "works at the co-op on green lane road"). After "my mate", "called" and the like a name
is open anyway (it is in a list, or no English word), or an everyday word beside them (NAME_BEFORE)."""
WORK_AT = frozenset(["at", "for", "in"])
OPENER_WORDS = frozenset(OPENERS)
JOBS = word_list("jobs")
"""Jobs, before "at" or "for" and a place of work ("my mum is a nurse at the lri")."""
JOB_BEFORE = frozenset(["is", "as", "was", "works", "job", "got"])
NAME_BEFORE = STRONG_CONTEXT | WEAK_CONTEXT | frozenset(["", "and", "n", "&", "ask", "tell", "named"])
"""Words before an everyday word that is a name too that open it to the CRF ("told hope"; not "im", "am": "i am
sad", "im grace" is rarer than "im sad")."""
CALLED_AFTER = frozenset(
    [
        *("someone", "somebody", "man", "boy", "kid", "person", "dude", "geezer", "guy", "lad", "girl", "woman"),
        *("lady", "bloke", "fella", "lass", "bruv", "youth", "yute", "dealer", "gang", "rapper", "drill"),
    ]
)
"""Words for a person (or their gang) before "called" or "named" and a name ("someone called gully", "a lad called
pressure"), where the name may be any word."""
NOT_CALLED = frozenset(
    [
        *("out", "back", "round", "over", "up", "off", "in", "police", "ambulance", "security", "social", "names"),
        *("childline", "school", "teachers", "parents", "help", "me", "him", "her", "them", "us", "it", "for"),
    ]
)
"""Words after "someone called" that make "called" the verb ("someone called the police", "a girl called out")."""
AND_WORDS = frozenset(["and", "n", "&"])
AND_NAMES = AND_WORDS | {"aur"}
"""Words that join two names ("sana aur aisha")."""
LIST_JOINS = AND_NAMES | {"an"}
"""Words between two names of a list ("kian an reece")."""
FAITH_TITLES = frozenset(["father", "fr", "imam", "pastor", "reverend", "rev", "sant"])
"""Titles of faith leaders before their first name ("father tony", "imam yusuf"); not after "my", "a" or "the"."""
SELF_INTRO = frozenset(["im", "i'm", "i’m", "iam"])
"""Words that give one's own name after them at a sentence's start ("im destiny i go to ...")."""
GREETINGS = frozenset(["hi", "hey", "hello", "hiya", "heya", "yo", "hii", "oi"])
AFTER_OWN_NAME = frozenset(["and", "n", "&", "i", "im", "i'm", "from", "in", "aged", "age"])
"""Words after a name given as one's own that say the name has ended ("im summer and im in year 8")."""
LIST_ENDS_AFTER = frozenset(
    [
        "and",
        "n",
        "&",
        "aur",
        "are",
        "r",
        "were",
        "both",
        "is",
        "was",
        "from",
        "in",
        "at",
        "said",
        "say",
        "says",
        "made",
        "keep",
        "keeps",
        "kept",
        "have",
        "has",
        "got",
        "went",
        "go",
        "ke",
        "ki",
        "ka",
        "se",
        "ko",
        "hain",
        "bohat",
    ]
)
"""Words after a list of names that say the list has ended there ("amber and pete are amazing")."""
NAME_AFTER = STRONG_VERBS | frozenset(["and", "n", "&", "said", "says", "keeps", "wont", "doesnt", "never", "always"])


CLOSED, OPEN, BESIDE_A_PERSON = 0, 1, 2


class _OpenKind(dict[int, int]):
    """Word classes -> whether such a word is open to the CRF (kept: there are few classes)."""

    def __missing__(self, c: int) -> int:
        found = self[c] = _open_kind(c)
        return found


OPEN_KIND = _OpenKind()


def _open_kind(c: int) -> int:
    if c & STOP or (c & PLACE and not c & (FIRST | SURNAME)):
        return CLOSED  # a place ("loughborough") is open only as a school's ("... college") or after "goes to"
    if not (c & OPEN_CLASSES or not c & ENGLISH) or c & (NOT_PERSON | FUNCTION):
        return CLOSED  # an English word, a service: a name only after words that say so ("my mate Bubbles")
    if c & ENGLISH and (c & EVERYDAY or not c & FIRST) and not c & (SCHOOL | FIGURE):
        return BESIDE_A_PERSON
    return OPEN


def _open_words(words: Words) -> list[int]:
    """The words the CRF labels (1; else 0): any that could be a name, school or place of work (in a name
    or school list, no English word; an everyday word that is a name too beside words that say a person)
    or that follows words that say one may come ("mr", "my mate", "goes to", "works at", "... academy").
    Every other word is O."""
    classes, before, lowers, seen = words.classes, words.before, words.lowers, words.set
    opened = list(map(OPEN_KIND.__getitem__, classes))
    if BESIDE_A_PERSON in opened:
        for i in _positions(opened, BESIDE_A_PERSON):
            opened[i] = OPEN if _beside_a_person(words, i) else CLOSED
    _open_word_names(words, opened)
    _open_person_places(words, opened)
    openers = OPENER_WORDS & seen
    if "to" in seen and not TO_SCHOOL.isdisjoint(seen):
        openers |= {"to"}
    if not WORK_AT.isdisjoint(seen) and ("work" in seen or not JOBS.isdisjoint(seen)):
        openers |= (JOBS | {"work"}) & seen
    if openers:
        _open_after(words, opened, openers)
    for end in SCHOOL_ENDS & seen:  # "oakfield high", "thornbury community college"
        for i in _positions(lowers, end):
            k = i
            while k > 0 and i - k < 3 and not before[k] and lowers[k - 1] not in STOPPERS:
                k -= 1
                opened[k] = OPEN
    if OPEN in opened:
        _close_foreign(words, opened)
        _close_glued(words, opened)
    return opened


def _beside_a_person(words: Words, i: int) -> bool:
    """An everyday word that is also a name ("hope", "park", "summer") where the words beside it say a person
    ("I told Hope", "told hope", "bill shouts"), for the CRF to read."""
    written, before, lowers, classes, n = words.written, words.before, words.lowers, words.classes, len(words)
    upper = written[i][0].isupper()
    if upper and not before[i]:
        return True  # "I told Hope"
    p1, nxt = words.touching(i)
    if p1 in FILLERS and (p1 not in ("think", "reckon") or (i > 1 and lowers[i - 2] == "i")):
        p1 = ""  # "tbh grace is ...", "i think autumn is ...": what comes after a filler starts the sentence
    if p1 == "" and lowers[i] in SENTENCE_WORDS:
        p1 = "^"  # "hope from my mum keeps me going", "love from my nan": a word that starts a sentence
    if (
        nxt in AND_WORDS
        and i + 2 < n
        and not before[i + 2]
        and not (classes[i + 2] & (FIRST | SURNAME | ARABIC) or lowers[i + 2] in ("me", "i", "him", "her"))
    ):
        nxt = ""  # "sad and my mum": "and" says a person only before another ("hope and me", "bill n jay")
    return (
        p1 in NAME_BEFORE
        or nxt in NAME_AFTER
        or (p1 in ("", "^") and nxt in BE_WORDS)  # "grace is the only one who ...": the CRF decides
        or (p1 != "" and bool(classes[i - 1] & FIRST) and bool(classes[i] & SURNAME))
    )


PERSON_SLOT = FIRST | PLACE
"""Closed words that may be opened where a person stands in a sentence: a first name that is an everyday word or
"will", a world place that is a name too ("xinyi")."""
SLOT_CLOSED = STOP | NOT_PERSON
SUBJECT_BEFORE = frozenset(["", "^", "after", "cos", "coz", "because", "bc", "but", "when", "until", "til", "till"])
"""Words after which a sentence's subject comes ("after jordan posted", "cos lily said")."""
DOING_OR_SAYING = frozenset(
    ["got", "gets", "posted", "said", "says", "told", "sent", "keeps", "kept", "started", "made", "has", "had"]
)
"""What the subject of a sentence about someone does or says ("xinyi got called ...", "sky said")."""
GROUP_WORDS = frozenset(
    [
        "class",
        "form",
        "year",
        "yr",
        "school",
        "team",
        "group",
        "street",
        "road",
        "estate",
        "club",
        "church",
        "mosque",
        "gurdwara",
        "temple",
        "tutor",
        "set",
        "maths",
        "english",
        "science",
        "block",
        "flats",
        "area",
        "squad",
    ]
)
"""What "from my ..." or "in my ..." says someone belongs to ("xinyi from my class", "holly in my form")."""
AFTER_A_FULL_NAME = NAME_AFTER | frozenset(
    ["is", "are", "was", "were", "r", "from", "in", "at", "my", "who", "and", "n", "&", "got"]
)
"""Words after a first name and a surname in lower case that say they are a person's ("lily wood my old friend")."""
SURNAME_WORDS = word_list("surnames that are words")
"""Surnames that are everyday words no name list keeps ("young", "best"): a surname only after a first name."""


def _open_person_places(words: Words, opened: list[int]) -> None:
    """Open, for the labeller, closed words that could be names where a person stands in an ordinary sentence:
    after "except", before "who", before "from my class" or "in my form", the subject before a verb of doing or
    saying ("xinyi got", "will said"), and a first name and surname in lower case before what a person is or does
    ("rich young from the year above", "lily wood my old friend")."""
    classes = words.classes
    at = [i for i, c in enumerate(classes) if c & PERSON_SLOT and not c & SLOT_CLOSED]
    if not at:
        return
    for i in at:
        p1, nxt = words.touching(i)
        if (
            classes[i] & FIRST
            and nxt
            and (classes[i + 1] & SURNAME or nxt in SURNAME_WORDS)
            and not words.possessive(i)  # "Valentine's day"
            and (words.written[i + 1][0].isupper() or not words.written[i][0].isupper())  # "Sage green": one case
        ):
            after = words.touching(i + 1)[1]
            if (p1 in SUBJECT_BEFORE or p1 in NAME_BEFORE) and after in AFTER_A_FULL_NAME:
                opened[i] = opened[i + 1] = OPEN  # "amber green is the kindest person"
                words.person_places.update((i, i + 1))
                continue
        if opened[i] == CLOSED and (p1 == "except" or _a_person_slot(words, i, p1, nxt)):
            opened[i] = OPEN
            words.person_places.add(i)


def _a_person_slot(words: Words, i: int, p1: str, nxt: str) -> bool:
    """Word i stands where a person does: before "who", "from my class", "in my form", the subject before a verb
    of doing or saying ("xinyi got", "will said"), or starting a sentence before "and" and a name ("will and kai")."""
    lowers, before = words.lowers, words.before
    return (
        nxt == "who"
        or (
            nxt in ("from", "in")
            and i + 3 < len(lowers)
            and not before[i + 2]
            and lowers[i + 2] in ("my", "our")
            and lowers[i + 3] in GROUP_WORDS
        )
        or (p1 in SUBJECT_BEFORE and nxt in DOING_OR_SAYING)
        or (
            p1 in ("", "^")
            and nxt in AND_WORDS
            and not words.classes[i] & PLACE
            and i + 2 < len(lowers)
            and not before[i + 2]
            and bool(words.classes[i + 2] & (FIRST | ARABIC))
            and not words.classes[i + 2] & (EVERYDAY | STOP | PLACE)
        )  # "will and kai keep taking my pens"
    )


FILLERS = frozenset(
    ["tbh", "ngl", "lowkey", "honestly", "basically", "think", "reckon", "idk", "fr", "deadass", "literally", "like"]
)
"""Words before the subject of what is said ("tbh", "ngl", "i think"): the sentence starts after them."""
SENTENCE_WORDS = word_list("sentence words")
"""Everyday words that are names too and start a sentence as words ("hope from my mum keeps me going")."""


def _close_glued(words: Words, opened: list[int]) -> None:
    """The end of a file's or a web address's name ("invoice.exe", "bbc.co") is no name."""
    text = words.text
    for i in _positions(opened, OPEN):
        start = words.span(i)[0]
        if start > 1 and text[start - 1] in GLUED and text[start - 2].isalnum():
            opened[i] = CLOSED


WORD_NAME_BEFORE = ONE_PERSON | INTRODUCERS
"""Words after which an English word no list has as a name may be one ("my mate ace", "my sister star",
"called blessing"): the CRF decides, and must be sure (LEARNED_THRESHOLD_WORD)."""
WORD_NAME_CLOSED = STOP | FUNCTION | NOT_PERSON | PLACE


def _open_word_names(words: Words, opened: list[int]) -> None:
    """Open English words that no name list has where the words around say a person: after a word for one
    person ("my bro chase", "called blessing"), or at the start of a sentence before who they are ("dusty
    my dads mate", "blessing is my bestie")."""
    found = (RELATIONS | INTRODUCERS) & words.set
    if not found:
        return
    lowers, before, n = words.lowers, words.before, len(opened)
    candidates = set()
    for word in found:
        for k in _positions(lowers, word):
            if word in WORD_NAME_BEFORE and k + 1 < n and not before[k + 1] and not words.possessive(k):
                candidates.add(k + 1)  # "my bro chase"
            for i in (k - 2, k - 3):  # "dusty my dads mate", "blessing is my bestie"
                if (
                    i >= 0
                    and (i == 0 or before[i] == ".")
                    and not any(before[i + 1 : k + 1])
                    and (
                        lowers[i + 1] in ("my", "the", "our") or lowers[i + 1 : i + 3] in (["is", "my"], ["was", "my"])
                    )
                ):
                    candidates.add(i)
    for i in candidates:
        lower = lowers[i]
        if (
            opened[i] == CLOSED
            and len(lower) > 2
            and not words.classes[i] & WORD_NAME_CLOSED
            and not (len(lower) > 4 and lower.endswith(VERB_ENDINGS))
            and not _inflected(lower)
        ):  # "my form tutor keeps"
            opened[i] = OPEN


NAME_CLASSES = FIRST | SURNAME | ARABIC | SCHOOL | FIGURE


def _inflected(word: str) -> bool:
    """An English verb's or adjective's other form ("overheard", "ran", "better"), not a plural ("bubbles"): no name."""
    import simplemma

    lemma = simplemma.lemmatize(word, lang="en")
    return lemma != word and lemma + "s" != word


VERB_ENDINGS = ("ed", "ing", "ly", "es")


def _close_foreign(words: Words, opened: list[int]) -> None:
    """In Polish or Roman Urdu (two of its everyday words or more), a word no list has is one more word of
    the language, not a name ("kim jestem to dobre pytanie", "mujhe bohat gussa aata hai"), unless a word
    for a person comes just before it ("moj kolega ...")."""
    classes, lowers = words.classes, words.lowers
    unknown = [i for i in _positions(opened, OPEN) if not classes[i] & NAME_CLASSES]
    if unknown and any(_urdu_script(lowers[i]) for i in unknown):
        for i in unknown:  # in Urdu script: a name where the list has it, or after a word for someone
            if _urdu_script(lowers[i]) and not (i and lowers[i - 1] in URDU_PEOPLE):
                opened[i] = CLOSED
    if not unknown or words.foreign < 2:
        return
    for i in unknown:
        if _a_word_of_a_foreign_answer(words, i):
            opened[i] = CLOSED


def _a_word_of_a_foreign_answer(words: Words, i: int) -> bool:
    """Word i is in no list of names, the answer is in Urdu, Polish, Romanian or Somali (two of their everyday words or
    more), and no word for a person comes just before it ("moj kolega ..."): a word of that language, not a name, for
    the CRF (_close_foreign) and for what any learned recogniser found (_a_word_of_its_language)."""
    return not words.classes[i] & NAME_CLASSES and words.foreign >= 2 and words.prev(i) not in STRONG_CONTEXT


GLUED = frozenset("./\\_@")
"""A word right after one of these and a letter or digit is part of something else's name, not a person's."""


def _positions(items: list[Any], item: Any) -> list[int]:
    """Where `item` is in `items` (found in C, not by a loop over every word)."""
    found, i = [], -1
    try:
        while True:
            i = items.index(item, i + 1)
            found.append(i)
    except ValueError:
        return found


MISS_AS_A_VERB = frozenset(
    [
        "i",
        "we",
        "you",
        "u",
        "they",
        "he",
        "she",
        "still",
        "really",
        "so",
        "will",
        "gonna",
        "dont",
        "do",
        "does",
        "did",
        "didnt",
        "doesnt",
        "would",
        "ill",
        "always",
        "never",
        "just",
        "wont",
        "cant",
        "def",
        "defo",
        "deffo",
        "lowkey",
        "kinda",
        "actually",
        "honestly",
    ]
)
"""Words before "miss" (or "sir", "coach") that make it a verb, not a title."""


def _open_after(words: Words, opened: list[int], openers: set[str] | frozenset[str]) -> None:
    """Open the words after those that say a name, school or place of work may come."""
    lowers, before, classes, n = words.lowers, words.before, words.classes, len(opened)
    for i in sorted(i for word in openers for i in _positions(lowers, word)):
        lower = lowers[i]
        reach = OPENERS.get(lower)
        if lower == "to":
            reach = 3 if i and lowers[i - 1] in TO_SCHOOL else None  # "goes to judge meadow"
        elif (
            (lower == "work" or (lower in JOBS and not JOB_BEFORE.isdisjoint(lowers[max(0, i - 3) : i])))
            and i + 1 < n
            and lowers[i + 1] in WORK_AT
        ):
            reach = 8  # "my mum work at the asda", "is a nurse at the lri", "is a taxi driver for swift cabs"
        if (
            reach
            and lower in LOOSE_TITLES
            and i
            and not before[i]
            and (lowers[i - 1] in MISS_AS_A_VERB or lowers[i - 1] in DETERMINERS)
        ):
            reach = None  # "i miss home", "we will miss you": a verb; "the coach will": a person, no title
        if reach:
            every = lower in TITLES or lower in NICKNAME_WORDS or reach > 3  # "mr young", "lil k"; "works at ..."
            for k in range(i + 1, min(i + 1 + reach, n)):
                if before[k]:
                    break
                if every or not classes[k] & STOP:
                    opened[k] = OPEN


def _name_threshold(words: Words, i: int) -> float:
    c = words.classes[i]
    if i in words.person_places:
        return LEARNED_THRESHOLD_PERSON_PLACE
    if c & ENGLISH and not c & (FIRST | SURNAME | ARABIC | SCHOOL):
        return LEARNED_THRESHOLD_NO_NAME  # "my mate ace": no list has it as a name
    if _an_everyday_word_here(words, i, ENGLISH | STOP):
        return LEARNED_THRESHOLD_WORD  # "hope", "Dawn is when i fall asleep": a capital that starts a sentence says nothing
    return LEARNED_THRESHOLD


def _an_everyday_word_here(words: Words, i: int, kinds: int) -> bool:
    """Word i is of these kinds of everyday word, is not a first name or is one that is an everyday word too, and is
    in lower case or starts a sentence (where a capital says nothing): a learned recogniser must be surer of it."""
    c = words.classes[i]
    return bool(
        c & kinds and (words.before[i] or not words.written[i][0].isupper()) and (not c & FIRST or c & EVERYDAY)
    )


class _ClassNames(Sequence[tuple[str, ...]]):
    """A sentence's word classes as names, worked out only for the words the CRF reads."""

    def __init__(self, classes: list[int], offset: int) -> None:
        self.classes, self.offset = classes, offset

    def __getitem__(self, i: int) -> tuple[str, ...]:  # type: ignore[override]
        return class_names(self.classes[self.offset + i])

    def __len__(self) -> int:
        return len(self.classes) - self.offset


def _learned(words: Words) -> Iterator[Found]:
    """Names, schools and places of work the learned recogniser (voice.reading.labeller) finds."""
    model = labeller.model()
    if model is None or not len(words):
        return
    opened = _open_words(words)
    yield from _judged_closed(words, opened)
    at = _positions(opened, OPEN)
    if not at:
        return
    starts = [*_positions(words.before, "."), len(words)]
    s, k, sentence_at = 0, 0, -1
    sentence = labeller.Sentence([], [], [])
    while k < len(at):
        i = j = at[k]
        while starts[s + 1] <= i:
            s += 1
        a, b = starts[s], starts[s + 1]
        if sentence_at != a:
            sentence = labeller.Sentence(words.written[a:b], words.lowers[a:b], _ClassNames(words.classes, a))
            sentence_at = a
        while k + 1 < len(at) and at[k + 1] == j + 1 and j + 1 < b:
            k += 1
            j += 1
        k += 1
        thresholds = [_name_threshold(words, m) for m in range(i, j + 1)]
        for labelled in model.label(sentence, i - a, j - a, thresholds, LEARNED_THRESHOLD):
            first, last = a + labelled.start, a + labelled.end - 1
            if labelled.kind == "name" and _the_close_labeller_doubts(words, first, last):
                continue
            found = _learned_find(words, first, last, a, b, labelled)
            if found is not None:
                yield found


CLOSE_DOUBT = 0.02
"""The close labeller's chance of a name below which it overrules the CRF on everyday English words in lower case."""


def _the_close_labeller_doubts(words: Words, first: int, last: int) -> bool:
    """Words first..last the CRF reads as a name are everyday English words written in lower case ("my dad broke my
    mums arm", "my friend alcohol and lifts"), and the close labeller, which reads the whole sentence, gives none of
    them CLOSE_DOUBT's chance of being a name: two learned readers must agree on such words."""
    if not all(words.classes[k] & ENGLISH and words.written[k].islower() for k in range(first, last + 1)):
        return False
    model = close_labeller.shipped_close_labeller()
    if model is None:
        return False
    spans = [words.span(k) for k in range(len(words))]
    chances = model.chances(words.text, spans, list(range(first, last + 1)))
    n = model.meta.labels.index("N")
    return all(chances[k, n] < CLOSE_DOUBT for k in range(first, last + 1))


def _closely_labelled(words: Words) -> Iterator[Found]:
    """Names, schools and places of work the close labeller (voice.reading.close_labeller) finds: the words of
    one kind side by side in one sentence, each as sure as its kind of word needs (_close_threshold), are one
    find, checked as the CRF's are (_learned_find); an address's words are one across a "the" and are checked by
    _learned_address. It reads only around the words _close_candidates() gives."""
    model = close_labeller.shipped_close_labeller()
    if model is None or not len(words):
        return
    near = _close_candidates(words, model)
    if not near:
        return  # only words that no list has as a name, a school or a place, or that are plainly none: most answers
    chosen = _chosen_close_words(words, model, near)
    starts = [*_positions(words.before, "."), len(words)]
    run: list[close_labeller.Word] = []
    for word in [*chosen, None]:
        i = -1 if word is None else word.at
        if run and (
            word is None
            or not (i == run[-1].at + 1 or (word.label == "A" and i == run[-1].at + 2 and _an_article(words, i - 1)))
            or word.label != run[-1].label
            or words.before[i] == "."
        ):  # "[room 12, the hollies]": an address's words are one across its "the"
            first, last = run[0].at, run[-1].at
            a, b = starts[bisect.bisect_right(starts, first) - 1], starts[bisect.bisect_right(starts, last)]
            chance = min(w.chance for w in run)
            if run[0].label == "A":
                found = _learned_address(words, first, last, chance)
            else:
                kind = labeller.KINDS[run[0].label]
                found = _learned_find(
                    words, first, last, a, b, labeller.Labelled(first - a, last - a + 1, kind + "/close", chance)
                )
                if kind == "school" and set(words.lowers[first : last + 1]) <= SCHOOL_ENDS:
                    found = None
            if found is not None:
                yield found
            run = []
        if word is not None:
            run.append(word)


def _close_candidates(words: Words, model: close_labeller.CloseLabeller) -> list[int]:
    """The words the close labeller reads around: a word no list has, or a name's or a school's, that the quick
    labeller does not rule out; a month that is a name where a name stands; and, in an answer that says where
    someone lives, the words beside a number that could be a house's."""
    near = [i for i, c in enumerate(words.classes) if not c or c & (FIRST | SURNAME | ARABIC | SCHOOL | EVERYDAY)]
    quick = quick_labeller.shipped_quick_labeller()
    if near and quick is not None:
        near = _not_ruled_out(words, quick, near)
    if not NAMED_AFTER_TIME.isdisjoint(words.set):
        near = sorted({*near, *_time_names_where_a_name_stands(words)})
    if "A" in model.meta.thresholds and not ADDRESS_SAID.isdisjoint(words.set):
        near = sorted({*near, *_beside_a_number(words), *_where_one_lives(words)})
    return near


def _chosen_close_words(
    words: Words, model: close_labeller.CloseLabeller, near: list[int]
) -> list[close_labeller.Word]:
    """The words the close labeller reads around `near`, each as sure as its kind of word needs (_close_threshold),
    or, for a surname that is a stop word just after a first name it took, as of a word no name list has."""
    thresholds = model.meta.thresholds
    spans = [words.span(i) for i in range(len(words))]
    chosen: list[close_labeller.Word] = []
    for w in model.words(words.text, spans, min(thresholds.values()), near):
        need = _close_threshold(words, w.at, w.label, thresholds)
        if need > 1.0 and chosen and _a_surname_after_its_name(words, w.at, chosen[-1]):
            need = thresholds.get("no name", 1.0)  # "sharon [best]", "daisy [little]"
        if w.chance >= need:
            chosen.append(w)
    return chosen


def _a_surname_after_its_name(words: Words, i: int, before: close_labeller.Word) -> bool:
    """Word i, a stop word no name list has as a first name (so never one alone: "young", "best", "little", "day"),
    just after a first name the close labeller took (`before`) in the same sentence: a surname it may take, as
    sure as of a word no name list has ("chloe young", "sharon best"); not a word for a relative ("amy mum")."""
    c, lower = words.classes[i], words.lowers[i]
    return (
        before.label == "N"
        and before.at == i - 1
        and not words.before[i]
        and bool(words.classes[i - 1] & (FIRST | ARABIC))
        and bool(c & STOP)
        and not c & FUNCTION
        and lower not in RELATIONS
        and not lower.startswith("step")
    )


def _time_names_where_a_name_stands(words: Words) -> list[int]:
    """Months and seasons that are first names too ("june", "may", "autumn"), starting a sentence or after "and":
    where a name stands, as in "june says her step mum starves her" and "autumn and april are twins". The lists hold
    them as never names and the quick labeller rules them out, so the close labeller reads them itself, and must be
    very sure of them (_close_threshold): "may i say", "june was the worst month" stay."""
    return [
        i
        for i, lower in enumerate(words.lowers)
        if lower in NAMED_AFTER_TIME and (words.before[i] or not i or words.lowers[i - 1] in AND_WORDS)
    ]


NAMED_AFTER_TIME = TIME_NAMES | MONTHS_NAMED_AFTER
"""Months, short months and seasons that are first names too ("june", "jan", "autumn")."""


ADDRESS_SAID = (
    ADDRESS_STREETS
    | HOME_NUMBER_WORDS
    | BUILDING_ENDS
    | frozenset(["live", "lives", "living", "lived", "stay", "stays", "staying", "address", "house", "flat", "bedsit"])
    | frozenset(["hostel", "moved", "number", "plot", "pitch", "site", "room", "unit", "block", "estate"])
    | frozenset(["mieszkam", "mieszka", "mieszkamy", "ulicy", "ulica", "osiedlu", "rehte", "rehta", "rehti", "ghar"])
)
"""Words of which an answer needs one before the close labeller reads around its numbers for an address: where
someone lives, a street, a home or building by its number ("plot 4", "room 12")."""


NOT_A_HOME_NUMBER = frozenset(
    [
        *("year", "years", "yr", "yrs", "age", "aged", "am", "pm", "min", "mins", "minutes", "hour", "hours", "hrs"),
        *("day", "days", "week", "weeks", "month", "months", "times", "quid", "pounds", "pence", "p", "x", "k"),
        *("percent", "oclock", "st", "nd", "rd", "th", "bus", "kg", "cm", "ft", "followers", "likes", "views"),
    ]
)
"""Words beside a number that say it is no house's: an age, a time, an amount, a year group, a bus."""


LIVES_AT = frozenset(["live", "lives", "living", "lived", "stay", "stays", "staying", "flat", "house"])
"""Words before "at", "in" or "on" and where someone lives ("lives at the old forge", "a flat at maxfield house")."""


def _where_one_lives(words: Words) -> list[int]:
    """The first words after "live at / in / on" (LIVES_AT) in a sentence, where a home may be said by its name,
    without a number ("the old forge, cossington", "kingsway, braunstone"): the close labeller reads them."""
    found: set[int] = set()
    n = len(words)
    for i, lower in enumerate(words.lowers[:-2]):
        if lower in LIVES_AT and words.lowers[i + 1] in ("at", "in", "on") and not words.before[i + 1]:
            k = i + 2
            while k < min(n, i + 6) and (k == i + 2 or not words.before[k]):
                found.add(k)
                k += 1
    return sorted(found)


def _beside_a_number(words: Words) -> list[int]:
    """The words beside a number written in digits ("4a oak road", "flat 12") or that are numbers written out
    ("number fourty two"), unless they say the number is an age, time, amount or year group: the close labeller
    reads around them for an address ("plot 4, hill farm travellers site", "22 gwendolen")."""
    n = len(words)
    numbered = [bool(_numbers_between(words, k - 1, k)) for k in range(n + 1)]  # the gap before word k
    lowers = words.lowers
    return [
        i
        for i in range(n)
        if lowers[i] not in NOT_A_HOME_NUMBER
        and (
            lowers[i] in NUMBER_WORD_SET
            or (numbered[i] and (not i or lowers[i - 1] not in NOT_A_HOME_NUMBER))
            or (numbered[i + 1] and (i + 1 >= n or lowers[i + 1] not in NOT_A_HOME_NUMBER))
        )
    ]


NUMBER_IN_GAP = re.compile(r"(?<![0-9:.£$/-])\b[0-9]{1,4}[a-z]?\b(?![0-9:.%/-])", re.IGNORECASE)
"""A number that could be a house's, between two words ("at 4a oak", "flat 12,"), not a time, price or date."""


def _numbers_between(words: Words, a: int, b: int) -> list[re.Match[str]]:
    """The numbers that could be a house's between word a and word b (-1: the start; len(words): the end), read in
    the whole text, so that a number written inside a word ("m8s") is none."""
    start = words.span(a)[1] if a >= 0 else 0
    end = words.span(b)[0] if b < len(words) else len(words.text)
    return list(NUMBER_IN_GAP.finditer(words.text, start, end))


def _learned_address(words: Words, first: int, last: int, chance: float) -> Found | None:
    """Words first..last the close labeller reads as an address, with the number before or after them
    ("[4a oak road]", "[flat 12]") and the "the" before them; None unless there is a number in it or it names a
    street with a word before ("kingsway" alone is no address), and never a town alone ("i was 12, hinckley", "run
    tings 2 loughborough") or a time ("at 3 oclock")."""
    while first < last and words.lowers[first] in ADDRESS_LEADS:
        first += 1  # "on [beaumont way]", "na ulicy [st stephens road 14]"
    while last > first and words.lowers[last] in ADDRESS_LEADS:
        last -= 1
    lowers = words.lowers[first : last + 1]
    if (
        lowers[0] in ADDRESS_LEADS
        or all(c & PLACE for c in words.classes[first : last + 1])
        or not NOT_A_HOME_NUMBER.isdisjoint(lowers)
    ):
        return None
    end = words.span(last)[1]
    number_before = _home_number_before(words, first)
    numbers_after = (
        _numbers_between(words, last, last + 1)
        if last + 1 >= len(words) or words.lowers[last + 1] not in NOT_A_HOME_NUMBER
        else []
    )  # not "on london road 3 times a week"
    inside = any(_numbers_between(words, k, k + 1) for k in range(first, last))
    numbered = number_before is not None or bool(numbers_after or inside) or not NUMBER_WORD_SET.isdisjoint(lowers)
    if (
        not numbered
        and not (len(lowers) > 1 and not ANY_STREET.isdisjoint(lowers))
        and not _a_home_by_its_name(words, first, last, chance)
    ):
        return None
    start = words.span(_with_its_the(words, first))[0] if number_before is None else number_before
    if BUS_ROUTE.match(words.text, start):
        return None  # "the number 38 down humberstone road": a bus
    if numbers_after and not words.text[end : numbers_after[0].start()].strip(" ,"):
        end = numbers_after[0].end()
    if words.possessive(last) and end == words.span(last)[1]:
        end -= 2
    return Found(start, end, "address", f"{LEARNED_CLOSE}, {chance:.2f}")


BUS_ROUTE = re.compile(
    r"(?:the\s+)?(?:number\s+)?\d{1,3}[a-z]?\s+(?:bus\s+)?(?:down|up|along|into|through|towards|past)\b", re.IGNORECASE
)
"""A bus by its number and where it goes ("the number 38 down humberstone road"), no house's number."""
BUS_TO = re.compile(r"(?:\b\d{1,3}[a-z]?|\bbus)\s+(?:bus\s+)?(?:to|from)\s+$", re.IGNORECASE)
"""A bus by its number, or "bus", then where it goes to or comes from: "the 38 to ...", "the 14 bus from ..."."""


ALONG_A_STREET = frozenset(["st", "saint", "on", "along", "down", "up", "via", "off", "onto", "near"])
BUSINESS_ENDS = frozenset(["brothers", "bros", "ltd", "limited", "plc", "group", "foods", "bakery", "factory"])


def _learned_before_a_street(words: Words, found: Found) -> bool:
    """What the learned recognisers read as a school, right before a street's word and after "st", "on" or "along"
    ("st [georges] way is gridlocked"): the street's name, which is no one's detail by itself. Not after a
    house number ("tweleve [knighton fields] rd": an address), and a school of the rules stays ("taylor road
    primary"). Nor before a word of a business ("samworth brothers make sandwiches")."""
    i, last = words.index_at(found.start), words.index_ending(found.end)
    if i is None or last is None or not found.recogniser.startswith(LEARNED_ANY):
        return False
    return (_street_after(words, last + 1) and words.prev(i) in ALONG_A_STREET) or words.next(last) in BUSINESS_ENDS


def _an_area_a_bus_goes_to(words: Words, found: Found) -> bool:
    """A school's form that is an area of the city or a town too, where a bus goes to or comes from ("the 38 to
    [rushey mead]", "the 14 bus from [beaumont leys]"): the area. Not a school's whole name ("the 48 to soar valley
    college")."""
    if not BUS_TO.search(words.text, max(0, found.start - 16), found.start):
        return False
    return _a_place(tuple(_lowered(words, found)))


SURE_OF_A_NAMED_HOME = 0.9
"""How sure the close labeller must be of a home said by its name, without a number or a street (_a_home_by_its_name):
chosen on the held-out development sets and the reader's answers."""


def _a_home_by_its_name(words: Words, first: int, last: int, chance: float) -> bool:
    """Words first..last the close labeller is SURE_OF_A_NAMED_HOME are an address, though no number or street is in
    them, where they start just after "live at / in / on" and are a house's or building's name with its village or
    area after a comma, a word that is a place's, a surname or in no list ("the old forge, cossington", "kingsway,
    braunstone"), or a building's name ("maxfield house")."""
    if chance < SURE_OF_A_NAMED_HOME or last == first or first not in _where_one_lives(words)[:2]:
        return False
    if words.lowers[last] in BUILDING_ENDS:
        return True
    comma = any(words.comma_before(k) for k in range(first + 1, last + 1))
    after = words.classes[last]
    return (
        comma
        and (not after or bool(after & (PLACE | SURNAME)))
        and not after & (ENGLISH | STOP | FUNCTION)
        and not all(c & PLACE for c in words.classes[first:last])
    )


ADDRESS_LEADS = frozenset(
    [
        *("on", "at", "in", "to", "from", "near", "by", "off", "of", "and", "w", "we", "na", "pe", "mein", "par"),
        *("ulicy", "ulica", "ul", "osiedlu", "osiedle"),
    ]
)
"""Words at either end of what the close labeller reads as an address that are no part of it: prepositions in
English, Polish and Urdu, and Polish for "street" and "estate" before its name."""


def _an_article(words: Words, k: int) -> bool:
    """Word k is "the", "a" or "an" inside its sentence."""
    return words.lowers[k] in ("the", "a", "an") and not words.before[k]


def _home_number_before(words: Words, first: int) -> int | None:
    """Where the number just before word `first` starts ("[4a oak road]"), past a "the" and a letter written on
    the number ("62b the newarke flats"); None where there is none."""
    k = first
    while True:
        numbers = _numbers_between(words, k - 1, k)
        if numbers:
            return numbers[-1].start()
        if k and (words.lowers[k - 1] == "the" or _on_a_number(words, k - 1)) and first - k < 2:
            k -= 1
            continue
        return None


def _on_a_number(words: Words, k: int) -> bool:
    """Word k is a letter written on the number before it ("62b", "4a")."""
    s, e = words.span(k)
    return e - s == 1 and s > 0 and words.text[s - 1].isdigit()


def _not_ruled_out(words: Words, quick: quick_labeller.QuickLabeller, near: list[int]) -> list[int]:
    """The candidate words the quick labeller gives at least Meta.floor's chance of being part of a name, school
    or place of work: the only ones the close labeller reads around."""
    starts = [b == "." for b in words.before]
    possessive = [words.possessive(i) for i in range(len(words))]
    every = quick.chances_of(words.lowers, words.written, starts, possessive, words.classes)
    return [i for i in near if 1.0 - every[i, 0] >= quick.meta.floor]


def _close_threshold(words: Words, i: int, label: str, thresholds: dict[str, float]) -> float:
    """How sure the close labeller must be of word i (Meta.thresholds: "N", "S", "W", "everyday", "no name"):
    - never, as a name, of a word for a relative ("aabo hits hooyo", "mi stepfada") or a stop word no name list
      has, but for a month that is a name too, of which it must be as sure as of a word no name list has ("june
      says her step mum starves her"; not "may from next year");
    - surer, as a name, of a word no name list has ("sleep is my best friend");
    - surer of an everyday word that is also a name, in lower case or starting a sentence ("hope from my mum keeps
      me going", "me and will be there", "bus never turns up", "forest school"), as the CRF is;
    - of any word of an address, as sure as "A" says, everyday words or not ("main street", "abbey house");
    - as sure as its kind needs of any other."""
    c, lower = words.classes[i], words.lowers[i]
    if label == "A":
        return thresholds.get("A", 1.0)
    if label == "N" and (
        lower in RELATIONS or lower.startswith("step") or (c & STOP and not c & (FIRST | SURNAME | ARABIC))
    ):
        return (
            max(thresholds.get("no name", 1.0), thresholds.get("everyday", 1.0)) if lower in NAMED_AFTER_TIME else 2.0
        )
    if label == "N" and c & (ENGLISH | FUNCTION) and not c & (FIRST | SURNAME | ARABIC | SCHOOL):
        return thresholds.get("no name", 1.0)
    if _an_everyday_word_here(words, i, ENGLISH | STOP | FUNCTION | EVERYDAY):
        return max(thresholds.get("everyday", 1.0), thresholds.get(label, 1.0))
    return thresholds.get(label, 1.0)


CAPITALISED = "capitalised, not a word"
LEARNED_VETO = 0.9
"""A capitalised word that no list has is a name by rule ("I told Zayaan") unless the learned judge, reading the
word's WordLlama cluster and the words around it, is this sure it is none ("a Lucozade", "z Wrocławia",
"my favourite YouTubers")."""


def _learned_doubts(words: Words, found: Found) -> bool:
    """The learned judge (labeller.judge) is sure that what a rule found as a capitalised name is no one's name."""
    model = labeller.judge()
    i = words.index_at(found.start)
    if model is None or i is None:
        return False
    if i and not words.before[i] and words.classes[i - 1] & (FIRST | SURNAME | ARABIC | TITLE_CUE):
        return False  # "Jasmine Cooper", "Mr Doherty": a surname after a name or a title is for the rules
    if words.next(i) in STRONG_VERBS and not words.possessive(i):
        return False  # "Ibby coaches the juniors", "Rez said": what a person does, for the rules
    starts = [*_positions(words.before, "."), len(words)]
    a = max(s for s in starts if s <= i)
    b = min(s for s in starts if s > i)
    sentence = labeller.Sentence(words.written[a:b], words.lowers[a:b], _ClassNames(words.classes, a))
    labelled = model.label(sentence, i - a, i - a, [2.0], 2.0)
    return bool(labelled) and 1 - labelled[0].confidence >= LEARNED_VETO


JUDGE_NAME = 0.03
"""An everyday word that is a first name too, which the words beside it do not open to the labeller ("i sit next to
bell in maths", "laughing at jack"), is a name where the judge's probability that it is none is below this."""


def _judged_closed(words: Words, opened: list[int]) -> Iterator[Found]:
    """Everyday words that are first names too and that the labeller does not read (no word beside them says a
    person), read by the judge, which weighs the WordLlama clusters of the words around them: a name only where
    it is all but sure (JUDGE_NAME); not such a word starting a sentence as a word ("hope from my mum ...")."""
    judge = labeller.judge()
    if judge is None:
        return
    starts = None
    for i, c in enumerate(words.classes):
        if opened[i] != CLOSED or not c & FIRST or not c & ENGLISH or c & (STOP | PLACE | NOT_PERSON | FUNCTION):
            continue
        if starts is None:
            starts = [*_positions(words.before, "."), len(words)]
        a = max(s for s in starts if s <= i)
        if i == a and words.lowers[i] in SENTENCE_WORDS:
            continue  # "hope from my mum keeps me going": a word that starts a sentence as a word
        b = min(s for s in starts if s > i)
        sentence = labeller.Sentence(words.written[a:b], words.lowers[a:b], _ClassNames(words.classes, a))
        for labelled in judge.label(sentence, i - a, i - a, [JUDGE_NAME], JUDGE_NAME):
            if labelled.kind == "name":
                found = _learned_find(words, i, i, a, b, labelled._replace(kind="name/judge"))
                if found is not None:
                    yield found


def _a_first_name_of_a_place_with_its_surname(words: Words, first: int, last: int, labelled: labeller.Labelled) -> bool:
    """Words first..last the close labeller is very sure (as of a word no name list has) are one name: a first name
    that is a place too, then words that are no place, service or public figure ("jordan wright", "georgia hart",
    "paris okafor"; not "jordan and egypt", "paris saint germain")."""
    if not labelled.kind.endswith("/close") or last == first:
        return False
    close = close_labeller.shipped_close_labeller()
    sure = close.meta.thresholds.get("no name", 1.0) if close is not None else 1.0
    return (
        labelled.confidence >= sure
        and bool(words.classes[first] & FIRST)
        and not any(c & (PLACE | NOT_PERSON | FIGURE) for c in words.classes[first + 1 : last + 1])
    )


def _a_word_before_and(words: Words, i: int, b: int) -> bool:
    """An everyday word that is a name too, starting a sentence before "and" and a word that is no name or
    person ("Grace and manners", "Amber and red lights"; not "Hope and Faith", "Will and me")."""
    c = words.classes[i]
    if not c & ENGLISH or (c & FIRST and not c & EVERYDAY) or i + 2 >= b or words.lowers[i + 1] not in AND_WORDS:
        return False
    partner = words.classes[i + 2]
    return (
        not partner & (FIRST | SURNAME | ARABIC)
        and words.lowers[i + 2] not in PEOPLE_AFTER | NOT_IN_LISTS
        and words.lowers[i + 2] not in NAMED_AFTER_TIME
    )


@cache
def _typed_short(lower: str) -> bool:
    """A word as text speak types it: a short form the reader respells (data/textspeak.tsv: "gna", "nobdy", "2nite"),
    or a verb without its "g" ("shoutin", "tryin", "holdin"). For a word in no list of names: "kevin" and "robin" are
    names, and "robing" a word, but the lists have them."""
    return lower in text_speak() or _dropped_g(lower) or _typed_without_letters(lower)


@cache
def _spelling() -> Any:
    """TextBlob's English spelling corrector (textblob.en.spelling), from the word counts its package ships, read here
    so that the file is closed (TextBlob's own reader leaves it open)."""
    import textblob.en
    from textblob.en import Spelling

    counts = Path(textblob.en.spelling.path).read_text(encoding="utf-8")
    return Spelling(io.StringIO(counts))


@cache
def _typed_without_letters(lower: str) -> bool:
    """A word typed with letters left out ("alwys", "evrythin", "worthles", "evr"): TextBlob's spelling corrector
    (Norvig's, from the word counts it ships) makes it a word that holds it letter by letter, starting with the same
    letter and one to three letters longer, with a vowel among them unless it is long ("worthles"). A name no list
    has is rarely so ("gurleen" -> "green", "ayaan" -> "again", "kwams" -> "was" are not; "saff", "tink" and "roo"
    hold "staff", "think" and "room" but want only a consonant)."""
    if len(lower) < 3 or not lower.isalpha() or is_english(lower):
        return False
    best = _spelling().suggest(lower)[0][0]
    if best == lower or best[0] != lower[0] or not 0 < len(best) - len(lower) <= 3:
        return False
    rest = iter(best)
    if not all(letter in rest for letter in lower):
        return False
    left_out = list(best)
    for letter in lower:
        left_out.remove(letter)
    return len(lower) >= 7 or any(letter in "aeiou" for letter in left_out)


@cache
def _a_polish_verb(lower: str) -> bool:
    """A form of a Polish verb ("dotyka", "dotykał", "zmusza", "grozi"): simplemma gives it a lemma that is another
    word and ends in "ć", as Polish verbs do. For words in no list of names: simplemma gives some names one too."""
    import simplemma

    lemma = simplemma.lemmatize(lower, lang="pl")
    return lemma != lower and lemma.endswith("ć") and lemma.islower()


@cache
def _dropped_g(lower: str) -> bool:
    """A verb typed without its "g" ("shoutin", "makin"): it ends "in", and with a "g" it is an English word."""
    return len(lower) > 3 and lower.endswith("in") and is_english(lower + "g")


def _learned_find(words: Words, first: int, last: int, a: int, b: int, labelled: labeller.Labelled) -> Found | None:
    """Words first..last, labelled in the sentence a..b-1, as a find: with its title or "the", a place of
    work with its street; None where what is public must stay."""
    kind, classes = labelled.kind.split("/")[0], words.classes[first : last + 1]
    who = (
        LEARNED_JUDGE
        if labelled.kind.endswith("/judge")
        else LEARNED_CLOSE
        if labelled.kind.endswith("/close")
        else LEARNED
    )
    if (
        kind == "name"
        and any(c & (PLACE | NOT_PERSON) for c in classes)
        and words.prev(first) not in STRONG_CONTEXT
        and not (
            first == last and classes[0] & PLACE and _a_person_slot(words, first, words.prev(first), words.next(first))
        )
        and not _a_first_name_of_a_place_with_its_surname(words, first, last, labelled)
    ):
        return None  # "from Somalia and Jordan", "on Kooth": places and services stay, unless "my friend Jordan"
    if (
        kind == "name"
        and first == last
        and not words.capital(first)
        and (
            (
                not classes[0] & (FIRST | SURNAME | ARABIC)
                and (
                    TEXT_SPEAK_VERB.search(words.lowers[first])
                    or (_a_polish_verb(words.lowers[first]) and (words.prev(first) in POLISH_PEOPLE or _polish(words)))
                )
            )
            or _a_verb_typed_short(words, first)
        )
    ):
        return None  # "my mum nvr listens", "dad punchd me", "keeps makin me", "wujek dotyka mnie"
    if kind in ("name", "school") and all(
        not words.capital(k)
        and not words.classes[k] & (FIRST | SURNAME | ARABIC | SCHOOL)
        and _typed_short(words.lowers[k])
        for k in range(first, last + 1)
    ):
        return None  # "gna run away", "im alwys starvin", "evrythin is rubbish": every word of it typed short
    if kind == "name" and first == last == a and _a_word_before_and(words, first, b):
        return None  # "Grace and manners are taught at home"
    if kind == "school" and _no_school(words, first, last, b, labelled):
        return None
    last = _school_trimmed(words, first, last, labelled)
    street = last
    if kind == "workplace":
        ends = _learned_workplace(words, first, last, a, b)
        if ends is None:
            return None
        last, street = ends
    if kind != "name" and street == last and _generic(words.lowers[first : last + 1]):
        return None  # "works at home", "works in a shop"; not "the bank on granby street"
    start, end = words.span(first)[0], words.span(street)[1]
    end = _with_ward_number(words, street, end, kind)
    if first > a and words.lowers[first - 1] in (TITLES if kind == "name" else ("the",)):
        start = words.span(first - 1)[0]  # "mr Young" -> "[name]", as the rule does; "the [workplace]"
    elif kind == "name" and first > a and _nickname_word(words, first):
        start = words.span(first - 1)[0]  # "big [name]" -> "[name]"
    if words.possessive(street):
        end -= 2
    return Found(start, end, kind, f"{who}, {labelled.confidence:.2f}")


SURE_OF_A_SCHOOL = 0.98
"""How sure the close labeller must be of a school whose words are a place too, or everyday words ("crown hills",
"rushey mead", "countesthorpe"), for it to go whole where the word lists would keep the area: chosen on the held-out
development sets and the reader's answers."""


def _sure_of_a_school(labelled: labeller.Labelled) -> bool:
    """The close labeller is this sure of a school (SURE_OF_A_SCHOOL)."""
    return labelled.kind == "school/close" and labelled.confidence >= SURE_OF_A_SCHOOL


def _inside_a_kept_phrase(text: str, f: Found, kept: list[tuple[int, int]]) -> bool:
    """What was found lies inside a place, service, public figure or character the lists keep; a school the close
    labeller is sure of goes even so where the place is a school's form too ("outside [crown hills]"), not where it is
    no school's ("the mp for leicester [west]": a constituency)."""
    for s, e in kept:
        if s <= _after_the(text, f.start) and f.end <= e:
            return not _a_sure_school(f) or as_words(text[s:e].lower()) not in school_forms()
    return False


def _a_sure_school(f: Found) -> bool:
    """A school the close labeller was SURE_OF_A_SCHOOL of (its confidence ends what found it): it goes even inside
    a place the lists keep ("crown hills", "beaumont leys")."""
    if f.kind != "school" or not f.recogniser.startswith(LEARNED_CLOSE + ", "):
        return False
    return float(f.recogniser.rsplit(", ", 1)[1]) >= SURE_OF_A_SCHOOL


def _no_school(words: Words, first: int, last: int, b: int, labelled: labeller.Labelled) -> bool:
    """Words first..last (of a sentence ending before b) a learned recogniser read as a school are none: a town
    ("go to cambridge"), unless the close labeller is SURE_OF_A_SCHOOL ("outside [crown hills]"), or a street or a
    park ("the Odeon at Freemans Park", "on Sparkenhoe Street")."""
    if all(c & (PLACE | NOT_PERSON | FIGURE) for c in words.classes[first : last + 1]) and not _sure_of_a_school(
        labelled
    ):
        return True
    if last + 1 >= b or words.lowers[last + 1] not in SCHOOL_ENDS:
        if words.lowers[last] in STREET_WORDS or words.lowers[last] in ADDRESS_STREETS:
            return True
        if all(c & FOREIGN and not c & SCHOOL for c in words.classes[first : last + 1]) and not any(
            words.capital(k) for k in range(first, last + 1)
        ):
            return True  # "isliye school jaane se darta hoon": an everyday word of Urdu or Polish
        return _a_church(words, first)  # "we go to church at st barnabas"
    return False


def _school_trimmed(words: Words, first: int, last: int, labelled: labeller.Labelled) -> int:
    """The last word of a school the learned recogniser found, without English words after it that no school's
    name has ("walk to [rushey mead] together"), unless the close labeller is SURE_OF_A_SCHOOL ("[crown hills]");
    `last` for what is no school."""
    if labelled.kind.split("/")[0] != "school" or _sure_of_a_school(labelled):
        return last
    while last > first:
        c = words.classes[last]
        if not c & (ENGLISH | STOP) or c & (SCHOOL | FIRST | SURNAME | PLACE) or words.lowers[last] in SCHOOL_ENDS:
            break
        last -= 1
    return last


def _learned_workplace(words: Words, first: int, last: int, a: int, b: int) -> tuple[int, int] | None:
    """The learned recogniser's place of work, words first..last of the sentence a..b-1: its last word and the
    last of its street, or None where it is no one's work."""
    if not _said_to_be_work(words.lowers[a:first]):
        return None  # "ramps at the skatepark": a place is someone's work only where the answer says work
    while last > first and words.lowers[last] in WORKPLACE_ON | {"the", "a"}:
        last -= 1  # "works at [amazon] in the summer"
    street = _workplace_end(words, last, b)
    if words.classes[street] & PLACE and all(
        c & PLACE or lower in GENERIC_PLACES or lower in WORKPLACE_ON
        for c, lower in zip(words.classes[first : street + 1], words.lowers[first : street + 1], strict=True)
    ):
        return None  # "works in leicester", "works at home in leicester": a town names no one's work (but
        # "glenfield hospital" names one)
    part = _site_part_end(words, street, b)
    if street == last == part and all(w in CHAINS for w in words.lowers[first : last + 1]):
        return None  # "works at tesco": a chain with no site names no one's work; not "the tesco on ..."
    return last, part


WORK_CUES = word_list("work cues")
"""Words before a place that make it someone's place of work ("my mum works at", "dad does nights at"): the
learned recogniser's places of work count only after one of them, or after a job ("is a nurse at", "as a
driver for"), in the same sentence."""


WISHES = word_list("wishes")


def _said_to_be_work(before: list[str]) -> bool:
    """The words before a place say someone works there: a word of work, or "is a"/"as a"/"is an" (a job); not
    a wish ("i want to work at Apple", "i'd love to work for the NHS")."""
    if not WISHES.isdisjoint(before) or any(w in ("like", "love") and n == "to" for w, n in itertools.pairwise(before)):
        return False
    if not WORK_CUES.isdisjoint(before):
        return True
    return any(
        w in ("is", "as", "was", "im", "hes", "shes", "dads", "mums", "dad's", "mum's", "dad’s", "mum’s")
        and n in ("a", "an")
        for w, n in itertools.pairwise(before)
    )


GENERIC_PLACES = word_list("generic places")
"""Words of a place of work or school that names no one place ("a shop", "the hospital", "home")."""


def _generic(lowers: list[str]) -> bool:
    return all(w in GENERIC_PLACES for w in lowers)


WORKPLACE_ON = frozenset(["on", "in", "at", "near", "by", "off"])


def _workplace_end(words: Words, last: int, end: int) -> int:
    """A place of work with its street: "the tesco [on narborough road]"."""
    lowers, found = words.lowers, last
    if last + 1 < end and lowers[last + 1] in WORKPLACE_ON:
        for k in range(last + 2, min(last + 7, end)):
            if lowers[k] in ADDRESS_STREETS or lowers[k] in STREET_WORDS:
                found = k
    while found + 1 < end and lowers[found + 1] in STREET_ENDS:
        found += 1  # "green lane [road]", "fosse road [north]"
    return found


STREET_ENDS = frozenset(["road", "rd", "street", "st", "lane", "avenue", "ave", "north", "south", "east", "west"])
SITE_PARTS = frozenset(
    [
        *("ward", "wards", "unit", "department", "dept", "kitchen", "kitchens", "canteen", "warehouse", "room"),
        *("theatre", "theatres", "clinic", "reception", "bakery", "deli", "stores", "loading", "bay", "wing"),
        *("depot", "yard", "lab", "labs", "office", "offices"),
    ]
)
"""The last word of a part of a site, after the place of work: "the lri [on ward 23]", "glenfield [in the heart
unit]", "the stadium [in the kitchens]"."""
CHAINS = word_list("chains")


def _site_part_end(words: Words, last: int, end: int) -> int:
    """The place of work's last word, with the part of the site after it where there is one."""
    lowers = words.lowers
    k = last + 1
    if k + 1 >= end or lowers[k] not in ("on", "in", "at") or words.before[k + 1]:
        return last
    k += 1 + (lowers[k + 1] == "the")
    for j in range(k, min(k + 4, end)):
        if words.before[j] or (j > k and words.classes[j] & (STOP | FUNCTION)):
            break
        if lowers[j] in SITE_PARTS and (
            j > k or lowers[j] in ("ward", "kitchens", "kitchen", "warehouse", "canteen", "reception", "bakery", "deli")
        ):
            return j  # "on ward 23", "in the heart unit", "in the kitchens"; not "at night"
    return last


WARD_NUMBER = re.compile(r"\s+(?:\d{1,3}[a-z]?|[a-z]\d{0,2})\b(?![.,:/]\d)", re.IGNORECASE)


def _with_ward_number(words: Words, last: int, end: int, kind: str = "workplace") -> int:
    """The end of a place of work's last word, a ward's number or letter after it ("[the lri on ward 23]")."""
    if kind == "workplace" and words.lowers[last] in ("ward", "wards", "bay", "unit"):
        number = WARD_NUMBER.match(words.text, end)
        if number:
            return number.end()
    return end


PART_BEFORE_WORK = re.compile(
    r"(?:\b(?:on|in)\s+(?:ward|unit|bay)\s+\w{1,3}"  # "a nurse [on ward 27] at the lri"
    r"|\bthe\s+(?:[a-z]+\s+){0,2}(?:office|station|factory|warehouse|depot|reception|"
    r"bakers|bakery|shop|stall|unit|lab|clinic|ward))\s+(?:at|in|of)\s+$",  # "[the housing office] at city hall"
    re.IGNORECASE,
)
"""A part of a site just before a place of work found: its ward, office, station or kitchens."""
LANDMARK_AFTER_WORK = re.compile(
    r"\s+(?:by|opposite|next\s+to|behind|near|round\s+the\s+corner\s+from)\s+the\s+"
    r"(?:[a-z]+\s+){0,2}?(?:station|shop|garage|school|church|mosque|masjid|mandir|gurdwara|temple|park|market|"
    r"roundabout|lights|library|hospital|pub|chippy|takeaway|bridge|clock\s+tower)\b",
    re.IGNORECASE,
)
"""A landmark just after a place of work found, which says which one: "[the pharmacy on london road] by the
station", "[the takeaway on narborough road] opposite the chip shop"."""
STREET_AFTER_WORK = re.compile(rf"\s+(?:on|off)\s+(?:[A-Za-z']+\s+){{1,3}}?{STREET}\b", re.IGNORECASE)
"""A street just after a place of work found at its site: "[the city council at city hall] on charles street"."""


def _with_surroundings(text: str, found: Found) -> Found:
    """A place of work with the part of its site before it ("[on ward 27 at] the lri", "[the housing office at]
    city hall"), its street after it ("... [on charles street]") and the landmark after it that says which one
    ("... [by the fire station]")."""
    start, end = found.start, found.end
    before = PART_BEFORE_WORK.search(text, max(0, start - 40), start)
    if before and before.end() == start:
        start = before.start() + (text[before.start() : before.start() + 3].lower() in ("on ", "in ")) * 3
    street = STREET_AFTER_WORK.match(text, end)
    if street:
        end = street.end()
    after = LANDMARK_AFTER_WORK.match(text, end)
    if after:
        end = after.end()
    return found if (start, end) == (found.start, found.end) else Found(start, end, found.kind, found.recogniser)


SITE_ENDS = ADDRESS_STREETS | STREET_WORDS | frozenset(["estate", "gate", "island"])
"""Last words of a street or site a place of work is on ("narborough road", "troon industrial estate")."""
SITE_BEFORE = frozenset(["on", "in", "at", "near", "off", "by", "na", "przy", "w", "din", "pe"])
WORK_OPENERS = frozenset(["at", "for", "in", "w", "la", "owns", "runs", "cleans", "manages"])
ARTICLES_IN_A_WORKPLACE = frozenset(["the", "a", "de"])
"""Function words a place of work's name may have ("the tesco", "fabrica de paine": Romanian "of")."""
WHERE_WORKS = frozenset(["works", "work", "worked", "working", "pracuje"])


@cache
def _local_sites() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The area's towns and parts of the city, and its sites where many people work, by their first word, longest
    first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for place in local_places() | word_list("work sites"):
        index.setdefault(place.split()[0], []).append(tuple(place.split()))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _site_end(words: Words, k: int, b: int) -> int | None:
    """The last word of a street or a local place just after word k ("on [narborough road]", "in
    [beaumont leys]", "at [fosse park]"), or None."""
    lowers = words.lowers
    i = k + 1 + (k + 1 < b and lowers[k + 1] == "the")
    if i >= b:
        return None
    end = None
    for place in _local_sites().get(lowers[i], ()):
        if tuple(lowers[i : i + len(place)]) == place:
            end = i + len(place) - 1
            break
    if end is not None:
        while end + 1 < b and lowers[end + 1] in SITE_ENDS and not words.before[end + 1]:
            end += 1  # "belgrave [road]"
        return end
    for j in range(i, min(i + 4, b)):
        if (words.classes[j] & (STOP | FUNCTION) and lowers[j] != "st") or (j > i and words.before[j]):
            break
        if j > i and lowers[j] in SITE_ENDS:
            end = j
    return end


def _workplace_sites(words: Words) -> Iterator[Found]:
    """A parent's place of work with its street or site, after words of work: "works at [the tesco on
    narborough road]", "a cleaner at [the costa at fosse park]", "runs [the sweet centre on belgrave road]",
    "pracuje w [polskim sklepie na narborough road]"; not "works at home in leicester" or "i want to work at
    the kfc on london road" (a wish)."""
    lowers = words.lowers
    starts = [*_positions(words.before, "."), len(words)]
    for s in range(len(starts) - 1):
        a, b = starts[s], starts[s + 1]
        for k in range(a + 2, b - 1):
            if lowers[k] not in SITE_BEFORE:
                continue
            end = _site_end(words, k, b)
            if end is None:
                continue
            after = lowers[end + 1 : end + 4]
            work_after = bool(after) and after[0] == "where" and not WHERE_WORKS.isdisjoint(after)
            cue_after = any(  # "... gives my mum shifts"; not "... after work"
                lowers[m] in WORK_CUES and lowers[m - 1] not in ("after", "before", "from")
                for m in range(end + 1, min(b, end + 7))
            )
            for o in range(k - 2, max(a, k - 6) - 1, -1):
                if lowers[o] in WORK_OPENERS or (work_after and lowers[o] == "to"):
                    break
                a_stop = words.classes[o] & (STOP | FUNCTION) and lowers[o] not in ARTICLES_IN_A_WORKPLACE
                if a_stop or words.before[o + 1]:
                    o = -1
                    break
            else:
                continue
            if o < a or (_generic(lowers[o + 1 : k]) and lowers[o + 1] != "the"):
                continue
            if not (_said_to_be_work(lowers[a : o + 1]) or work_after or (cue_after and lowers[o] in WORK_OPENERS)):
                continue
            end = _site_part_end(words, end, b)
            yield Found(
                words.span(o + 1)[0],
                _with_ward_number(words, end, words.span(end)[1]),
                "workplace",
                "place of work with its street or site",
            )


SOMALI_WORK = frozenset(
    ["shaqeeyaa", "shaqeysaa", "shaqaysaa", "shaqeyaa", "shaqeeya", "shaqeysa", "shaqaysa", "shaqeya", "shaqeyso"]
)
"""Somali for "works" (after "ka" or "ku", at): "aabahay wuxuu ka shaqeeyaa [asda fosse park]"."""
INSIDE_A_WORKPLACE = frozenset(["the", "on", "in", "at", "off", "near", "by", "&", "and", "ee"])
"""Words inside a place of work's name and place after Somali "works at" ("amazon ee coalville": Somali "of")."""


def _somali_workplaces(words: Words) -> Iterator[Found]:
    """A parent's place of work after the Somali for "works at": the words after it that are no Somali word or word
    of grammar (but "the", "on", ... inside), two to six of them, the first no place's ("ka shaqeeyaa [tesco
    hamilton] maalin walba"); not "ka shaqeeyaa guriga" (at home) or a town alone."""
    lowers = words.lowers
    for k in (k for k, lower in enumerate(lowers) if lower in SOMALI_WORK):
        if words.prev(k) not in ("ka", "ku"):
            continue
        b = words.sentence_end(k)
        j = k + 1
        while (
            j < min(b, k + 7)
            and not words.before[j]
            and (lowers[j] in INSIDE_A_WORKPLACE or not words.classes[j] & (FOREIGN | STOP | FUNCTION))
        ):
            j += 1
        while j > k + 1 and lowers[j - 1] in INSIDE_A_WORKPLACE:
            j -= 1
        first = k + 1 + (k + 1 < j and lowers[k + 1] == "the")
        if j - (k + 1) >= 2 and first < j and not words.classes[first] & PLACE:
            yield Found(
                words.span(k + 1)[0], words.span(j - 1)[1], "workplace", "place of work after Somali 'works at'"
            )


SOUTH_ASIAN_WORK = frozenset(["kaam", "kam", "kum", "naukri"])
SOUTH_ASIAN_WORK_AFTER = re.compile(
    r"\s+(?:mein|me|main|mai|pe|par|pr|ma|maan|ch|vich|wich|ich)\s+(?:" + "|".join(sorted(SOUTH_ASIAN_WORK)) + r")\b",
    re.IGNORECASE,
)
"""After a place of work in Roman Urdu, Punjabi or Gujarati: "... mein kaam karte hain", "... ma kaam kare che", "...
ch kam karde ne"."""


def _workplaces_before_work_words(words: Words) -> Iterator[Found]:
    """A parent's place of work with its street or site, said in Roman Urdu, Punjabi or Gujarati, where the word for
    work comes after it: "abbu [the co-op on narborough road] mein kaam karte hain", "mummy [sari shop on belgrave
    road] ma kaam kare che"; the business is the words after the person's ("abbu", "meri khala"), up to four."""
    lowers = words.lowers
    for k in range(1, len(words) - 1):
        if lowers[k] not in SITE_BEFORE:
            continue
        b = words.sentence_end(k)
        end = _site_end(words, k, b)
        if end is None or not SOUTH_ASIAN_WORK_AFTER.match(words.text, words.span(end)[1]):
            continue
        o = k - 1
        while o >= 0 and k - o <= 4 and not words.before[o + 1] and _a_word_of_a_business(words, o):
            o -= 1
        if all(lowers[m] in ARTICLES_IN_A_WORKPLACE for m in range(o + 1, k)):
            continue  # "narborough road pe kaam hai": no business
        while o + 2 < k and words.classes[o + 1] & FIRST and not words.classes[o + 1] & ENGLISH:
            o += 1  # "meri ammi [name] [sweet mart on belgrave road]": her name is not the business's
        yield Found(
            words.span(o + 1)[0],
            words.span(_site_part_end(words, end, b))[1],
            "workplace",
            "place of work with its street or site, then a word for work (Urdu, Punjabi, Gujarati)",
        )


def _a_word_of_a_business(words: Words, i: int) -> bool:
    lower = words.lowers[i]
    if lower in ARTICLES_IN_A_WORKPLACE:
        return True
    if lower in ("and", "&", "n"):
        return i > 0 and not words.classes[i - 1] & (FOREIGN | STOP | FUNCTION)  # "cash and carry"
    return not (words.classes[i] & (FOREIGN | STOP | FUNCTION) or lower in KIN_WORDS or lower in URDU_PEOPLE)


# --- putting it together -----------------------------------------------------------------------
def explain(text: str, terms: Terms | None = None) -> list[Found]:  # noqa: C901 - one list of recognisers
    """Every personal detail in `text` that redaction removes, in order, with the recogniser that found
    it; overlapping finds resolved (the longest first, then the earliest). Each recogniser runs only
    where what it needs is there (a digit, "@", an app's name, ...): most answers have none."""
    found: list[Found] = []
    words = Words(text)
    seen = words.set
    digit_count = len(DIGIT.findall(text)) if DIGIT.search(text) else 0
    if "@" in text or "(at)" in text or "[at]" in text or ("at" in seen and not seen.isdisjoint(EMAIL_WORDS)):
        emails = [Found(*m.span(), "email", "email address") for m in EMAIL.finditer(text)]
        found += emails
        found += _names_before_their_email(text, emails)
    if LINK_NEEDS.search(text):
        found += [
            Found(*m.span(), "link", "web address") for m in LINK.finditer(text) if not _a_services_site(m.group())
        ]
    if not seen.isdisjoint(_written_school_starts()):
        found += [Found(*m.span(), "school", "the area's schools") for m in _written_schools().finditer(text)]
    if not ADDRESS_STREETS.isdisjoint(seen) and not URDU_HOME_WORDS.isdisjoint(seen):
        found += _urdu_homes_on(text)
    if not (ADDRESS_STREETS.isdisjoint(seen) or NUMBER_WORD_SET.isdisjoint(seen)):
        found += [
            Found(*m.span(), "address", "house number in words and street") for m in WORDED_ADDRESS.finditer(text)
        ]
    if digit_count:
        if POSTCODE_NEEDS.search(text):
            found += [Found(*m.span(), "postcode", "UK postcode") for m in POSTCODE.finditer(text)]
        found += [
            Found(*m.span(), "postcode", "UK postcode, spaced")
            for m in SPACED_POSTCODE.finditer(text)
            if m.group("area").upper() in NEAR_AREAS or POSTCODE_WORD.search(text, max(0, m.start() - 20), m.start())
        ]
        if NUMERIC_DATE.search(text) or not BIRTH_WORDS.isdisjoint(seen):
            found += [
                Found(*m.span("d" if m.group("d") else "w"), "date of birth", "date of birth")
                for m in DATE_OF_BIRTH.finditer(text)
                if not m.group("d") or not _after_any_birth(m.group("d"))
            ]
        if not ADDRESS_STREETS.isdisjoint(seen) or "flat" in seen or "apartment" in seen:
            found += [
                Found(*m.span(), "address", "house number and street")
                for m in ADDRESS.finditer(text)
                if not words.foreign or not _foreign_words_between(m.group())
            ]
        if not WEAK_STREETS.isdisjoint(seen):
            found += _addresses_in_context(text, WEAK_ADDRESS)
        if not ANY_STREET.isdisjoint(seen) and STREET_THEN_NUMBER.search(text):
            found += _addresses_in_context(text, NUMBER_AFTER_STREET)
        if not ANY_STREET.isdisjoint(seen) and NUMBER_THEN_ON.search(text):
            found += _addresses_in_context(text, NUMBER_ON_STREET)
        if not seen.isdisjoint(URDU_STREETS):
            found += [Found(*m.span(), "address", "house number and street") for m in URDU_ADDRESS.finditer(text)]
        if "," in text:
            found += _numbered_before_a_town(text)
        found += [_with_form_word(text, m) for m in FORM_GROUP.finditer(text) if _a_form(text, m)]
        found += [_with_form_word(text, m) for m in FORM_OTHER.finditer(text) if _another_form(text, m)]
        found += _numbers(text, digit_count)
    elif ("live" in seen or "lives" in seen) and not ADDRESS_STREETS.isdisjoint(seen):
        found += [Found(*m.span(), "address", "street where someone lives") for m in ADDRESS.finditer(text)]
    if not ANY_STREET.isdisjoint(seen) and not (
        "," not in text
        and "from" not in seen
        and LIVING_CUES.isdisjoint(seen)
        and not any(w.startswith("mieszka") for w in seen)
        and not (
            ("'s " in text or "’s " in text) or not seen.isdisjoint(RELATIONS_PLURAL)
        )  # "my nan's on", "my cousins on"
    ):
        found += _streets_lived_on(text)
    if not BUILDING_LIVING_CUES.isdisjoint(seen) and not (
        BUILDING_ENDS.isdisjoint(seen) and TREE_HOMES.isdisjoint(seen)
    ):
        found += _buildings_lived_in(text)
    if "home" in seen and not CARE_HOME_WORDS.isdisjoint(seen):
        found += _care_homes_named(text)
    if not HOME_BY_WHO_CUES.isdisjoint(seen):
        found += _homes_by_who_is_there(text)
    if "room" in seen and digit_count:
        found += _rooms_in_hostels(text)
    if not HOME_SAID_CUES.isdisjoint(seen):
        found += _homes_said_after(text)
    if "called" in seen and not HOMES_CALLED.isdisjoint(seen):
        found += _homes_called(text)
    if digit_count and "house" in seen:
        found += [Found(*m.span(), "address", "house number") for m in HOUSE_NUMBER_GIVEN.finditer(text)]
    if digit_count and not LIVE_STAY.isdisjoint(seen):
        found += _numbered_without_a_street_word(text)
    if not (HOME_HEADS.isdisjoint(seen) and LIVES_BESIDE.isdisjoint(seen)):
        found += _described_homes(words)
    if digit_count and not HOME_NUMBER_WORDS.isdisjoint(seen):
        found += [
            Found(m.start("h") if m.group("h") else m.start(), m.end(), "address", "home by its number")
            for m in HOME_BY_NUMBER.finditer(text)
        ]
    if "," in text and not BUILDING_ENDS.isdisjoint(seen):
        found += _named_blocks(text)
    if digit_count or not MONTH_WORDS.isdisjoint(seen):  # "my birthday is the twelfth of october"
        found += _birth_dates(text, seen)
    if not ANY_STREET.isdisjoint(seen) and (
        not seen.isdisjoint(NUMBER_WORD_SET)
        or ("-" in text and any(w.split("-")[0] in NUMBER_WORD_SET for w in seen if "-" in w))
    ):  # "twenty-three"
        found += _addresses_in_context(text, WORDS_ADDRESS)
    if "@" in text or "_" in text:
        found += [
            Found(*m.span(), "handle", "@handle or user_name")
            for m in AT_HANDLE.finditer(text)
            if m.group().lstrip("@").lower() not in not_people()  # "follow @LCFC", "@childline"
        ]
        found += [
            Found(*m.span(), "handle", "user_name of three parts")
            for m in UNDERSCORED.finditer(text)
            if any(not class_of(part) & (ENGLISH | STOP | FUNCTION) for part in m.group().lower().split("_"))
        ]
    if "." in text:
        found += _dotted_handles(text)
    if not SOCIAL_WORDS.isdisjoint(seen):
        found += _handles(words)
        found += _spaced_gamertags(text)
        found += _gamertags_of_words(words)
        if "_" in text:
            found += _underscored_handles(text)
        if "." in text:
            found += _two_part_handles(text)
    found += _phones(text, seen, digit_count)
    if digit_count >= 10:
        found += _bare_long_numbers(text)
    if terms is not None and terms.terms:
        key = tuple(sorted((k, tuple(v)) for k, v in terms.terms.items()))
        for kind, pattern in _compiled_terms(key):
            found += [Found(*m.span(), kind, "the partnership's list") for m in pattern.finditer(text)]
    if not SOMALI_WORK.isdisjoint(seen):
        found += _somali_workplaces(words)
    if not (SOUTH_ASIAN_WORK.isdisjoint(seen) or SITE_BEFORE.isdisjoint(seen)):
        found += _workplaces_before_work_words(words)
    if not (WORK_CUES.isdisjoint(seen) and JOBS.isdisjoint(seen)) and not SITE_BEFORE.isdisjoint(seen):
        found += _workplace_sites(words)
    found += _schools(words)
    found += _listed_schools(words)
    found += _names(words)
    if not (RESPECT_AFTER.isdisjoint(seen) and "bhai" not in seen):
        found += _named_with_respect(words)
    if not ROLE_WORDS.isdisjoint(seen):
        found += _named_by_their_role(text)
    if not NICKNAME_WORDS.isdisjoint(seen):
        found += [
            Found(*m.span(), "name", "nickname of a letter")
            for m in NICKNAME.finditer(text)
            if not BIG_AS_A_WORD.search(text, 0, m.start())
        ]
    found += _learned(words)
    found += _closely_labelled(words)
    if any(f.recogniser == DESCRIBED_HOME for f in found):
        found = _not_at_work(found)
    if any(f.recogniser == CAPITALISED for f in found):
        found = [f for f in found if f.recogniser != CAPITALISED or not _learned_doubts(words, f)]
    theirs = _famous_but_theirs(words) if not _figure_ends().isdisjoint(seen) else []
    found += theirs
    theirs_spans = [(f.start, f.end) for f in theirs]
    if not found:
        return found
    found = _addresses_joined(
        [
            _with_flat_before(
                text,
                _with_home_before(
                    text,
                    _with_building_before(
                        text,
                        _with_area_before(
                            text,
                            _with_town(
                                text,
                                _with_saint_before(
                                    text,
                                    _with_parts_after(text, _with_number_words_before(text, _from_its_number(text, f))),
                                ),
                            ),
                        ),
                    ),
                ),
            )
            if f.kind == "address"
            else _with_surroundings(text, f)
            if f.kind == "workplace"
            else _with_surname_after(words, _with_pet_name_before(text, f))
            if f.kind == "name"
            else f
            for f in found
        ]
    )
    keep = _keep_pattern(tuple(terms.keep)) if terms and terms.keep else None
    kept = [m.span() for m in keep.finditer(text)] if keep else []
    if any(f.kind == "name" or f.recogniser.startswith(LEARNED_ANY) or f.recogniser in GONE_TO for f in found):
        kept_names = _kept_phrases(words)  # a name (or what the CRF found) inside a place, service or public figure
        kept_names = [
            span
            for span in kept_names
            if span not in theirs_spans and not _said_to_be_theirs(words, span) and not _a_schools_name(words, span)
        ]
        famous = _famous(words, found) | _beside_a_figure(words, found, kept_names)
        fame_talk = not words.set.isdisjoint(TALK_OF_FAME) and not _others_known(words, found)
        characters = _characters().keys()
        found = [
            f
            for f in found
            if (f.recogniser in GONE_TO and not any(s <= f.start and f.end <= e for s, e in kept_names))
            or (f.kind != "name" and not f.recogniser.startswith(LEARNED_ANY) and f.recogniser not in GONE_TO)
            or not (
                _inside_a_kept_phrase(text, f, kept_names)
                or _a_titled_figure(words, f, kept_names)
                or _a_figure_inside(words, f, kept_names)
                or _a_public_figure(words, f)
                or _a_word_of_its_language(words, f)
                or _an_identity(words, f)
                or (f.kind == "name" and _a_pets_name(words, f))
                or (f.kind == "name" and not WORDS_OF_LOVE.isdisjoint(words.set) and _a_word_of_love(words, f))
                or (f.kind == "name" and _a_monarch(words, f))
                or (
                    f.kind == "name"
                    and not NAMES_THAT_ARE_PLACES.isdisjoint(words.set)
                    and _a_place_named_as_one(words, f)
                )
                or (f.kind == "name" and _a_modal_before_its_verb(text, f))
                or (f.kind == "name" and f.start in famous)
                or (f.kind == "name" and fame_talk and _in_talk_of_fame(words, f))
                or (
                    f.kind in ("name", "school") and not WORSHIP.isdisjoint(words.set) and _a_place_of_worship(words, f)
                )
                or (f.kind == "name" and ("fan" in words.set or "fans" in words.set) and _a_fans_team(words, f))
                or (f.kind == "name" and _a_title_read_or_watched(words, f))
                or _inside_a_full_title(words, f)
                or (f.kind == "name" and not WORK_WORDS.isdisjoint(words.set) and _said_to_be_a_work(words, f))
                or (
                    f.kind == "name"
                    and not (characters.isdisjoint(words.set) and OF_A_WORK.isdisjoint(words.set))
                    and (_a_character_of_a_work(words, f) or _a_distinct_character(words, f, found))
                )
            )
        ]
    found = [f for f in found if not _kept(text, f, terms) and not any(s <= f.start and f.end <= e for s, e in kept)]
    if any(f.kind == "school" for f in found):
        found = [
            f
            for f in found
            if f.kind != "school" or not (_an_area_a_bus_goes_to(words, f) or _learned_before_a_street(words, f))
        ]
    listed = [(f.start, f.end) for f in found if f.recogniser.startswith("the area's schools")]
    if listed:
        rules = [(f.start, f.end) for f in found if not f.recogniser.startswith(LEARNED_ANY)]
        found = [g for f in found for g in _short_of_the_schools(text, f, listed, rules)]
    # Contact details and identifiers first (a name or a street can never swallow the email or phone number
    # beside it: "Freya Hollis, freyahollis.u14@gmail.com", "lives Kamloops Crescent, number 0116 496 0274"),
    # then the longest, then the earliest: a phone number inside an email stays part of the email. A name,
    # place or school that overlaps one chosen before it keeps its words outside it.
    found.sort(key=lambda f: (f.kind not in EXACT_KINDS, -(f.end - f.start), f.start))
    chosen: list[Found] = []
    for f in found:
        part = f if f.kind in EXACT_KINDS else _outside(text, f, chosen)
        if part is not None and all(part.end <= c.start or part.start >= c.end for c in chosen):
            chosen.append(part)
    return sorted(chosen)


def _short_of_the_schools(
    text: str, f: Found, listed: list[tuple[int, int]], rules: list[tuple[int, int]]
) -> list[Found]:
    """What the learned recogniser found, cut short of a school of the area's list it runs into ("[Zara Bhatti —
    Madani] Girls" is "[Zara Bhatti] — [Madani Girls]"): the list's school, whole, is the better find. What is left
    goes where the rules found every word of it themselves ("Mia Chen, 9RH": a name and a form group)."""
    if not f.recogniser.startswith(LEARNED_ANY):
        return [f]
    start, end = f.start, f.end
    for s, e in listed:
        if start < s < end <= e:
            end = s  # runs into the school from the left
        elif s <= start < e < end:
            start = e  # runs on from the school
    if (start, end) == (f.start, f.end):
        return [f]
    part = text[start:end]
    start += len(part) - len(part.lstrip(" ,;:-—–/("))
    end -= len(part) - len(part.rstrip(" ,;:-—–/("))
    if start >= end or not WORD.search(text, start, end):
        return []
    words = [m.span() for m in WORD.finditer(text, start, end)]
    if all(any(s <= a and b <= e for s, e in rules) for a, b in words):
        return []
    return [Found(start, end, f.kind, f.recogniser)]


def _after_the(text: str, start: int) -> int:
    """Where a find starts, after a "the" it starts with ("[the King Power]" is inside "King Power", kept)."""
    return start + 4 if text[start : start + 4].lower() == "the " else start


GONE_TO = frozenset(["capitalised name after 'go to'", "school after 'go to'"])
"""Schools found only by "go to" before them: a place or day out kept as written is none ("go to alton towers")."""


EXACT_KINDS = frozenset(
    (
        "email",
        "phone",
        "link",
        "handle",
        "postcode",
        "date of birth",
        "NHS number",
        "NI number",
        "PESEL",
        "vehicle registration",
    )
)
"""Details found by their shape or a check digit: where one overlaps a name, place or school, it wins."""


def _outside(text: str, f: Found, chosen: list[Found]) -> Found | None:
    """`f` without what overlaps the contact details and identifiers already chosen: its longest part
    outside them, trimmed of spaces and punctuation at its ends (None where no word of it is left)."""
    cuts = sorted((c.start, c.end) for c in chosen if c.kind in EXACT_KINDS and c.start < f.end and f.start < c.end)
    if not cuts:
        return f
    pieces, at = [], f.start
    for s, e in cuts:
        pieces.append((at, max(at, s)))
        at = max(at, e)
    pieces.append((at, f.end))
    best = max(pieces, key=lambda p: p[1] - p[0])
    part = text[best[0] : best[1]]
    start = best[0] + (len(part) - len(part.lstrip(" ,.;:-/")))
    end = best[1] - (len(part) - len(part.rstrip(" ,.;:-/")))
    if end <= start or not re.search(r"[^\W\d_]{2}", text[start:end]):
        return None
    return f._replace(start=start, end=end)


MY_WORDS = frozenset(["my", "mera", "meri", "mere", "mój", "moj", "moja", "moje"])
KIN_WORDS = RELATIONS | frozenset(
    ["bhai", "behen", "bhen", "baji", "abbu", "ammi", "chacha", "chachi", "khala", "mamu", "phupho", "dost", "brat"]
)


@cache
def _figure_ends() -> frozenset[str]:
    """The last words of public figures' names of two words or more."""
    return frozenset(phrase[-1] for phrases in public_figures().phrases.values() for phrase in phrases)


def _famous_but_theirs(words: Words) -> list[Found]:
    """Public figures' names of two words or more followed by who they are to the young person ("harry kane my
    cousin"), or said to be the young person's own or someone's they know ("harry kane in year 10", "my name is
    jude bellingham", "lewis hamilton no relation")."""
    mine = not MY_WORDS.isdisjoint(words.set)
    found = []
    for s, e in _kept_phrases(words):
        whose = mine and _then_whose(words, e)
        if (whose or _theirs_by_what_follows(words.text, (s, e))) and _a_figures_name(words, s, e):
            found.append(Found(s, e, "name", "a famous name, then who they are" if whose else "a famous name, theirs"))
    return found


def _a_figures_name(words: Words, start: int, end: int) -> bool:
    """Words start..end, kept as a public figure, place or service, are a public figure's or character's name
    (of the list), not a place's or service's."""
    at = tuple(w.lower() for w in as_words(words.text[start:end]))
    if not at or any(class_of(w) & NOT_PERSON for w in at) or " ".join(at) in places():
        return False  # not "the samaritans", "victoria park"; but "lewis hamilton", whose surname is an area too
    return at in public_figures().phrases.get(at[0], ()) or ("the", *at) in public_figures().phrases.get("the", ())


def _then_whose(words: Words, end: int) -> bool:
    """A public figure's name followed by who they are to the young person: "imran khan mera bhai hai", "harry
    kane my cousin": someone they know, with a famous name."""
    i = words.index_at(end)
    k = i if i is not None else next((m for m in range(len(words)) if words.span(m)[0] >= end), len(words))
    said_is = k < len(words) and words.lowers[k] in ("is", "was", "hai", "to")
    if said_is:
        k += 1
    if k >= len(words) or words.lowers[k] not in MY_WORDS:
        return False
    nxt = [words.next(k + n) for n in range(3)]
    if nxt[0] in KIN_WORDS:
        after, kin = nxt[1], k + 1
    elif nxt[0] in ("best", "little", "big", "older", "younger") and nxt[1] in KIN_WORDS:
        after, kin = nxt[2], k + 2
    else:
        return False
    s, e = words.span(kin)
    if words.text[s:e].lower().endswith(("'s", "’s", "s'")):
        return False  # "mr bean is my dad's favourite": whose favourite, not who they are
    # Only where the answer says who they are ("X is my cousin", "X mera bhai hai"): a famous name then
    # "my sister ..." is far more often the name itself ("peppa pig my little sister loves it").
    if not (said_is or after in ("hai", "he", "h", "hy", "jest")):
        return False
    return OBJECT_PRONOUNS.isdisjoint(words.lowers[k + 2 : k + 9])  # not "bob marley is my dad's favourite, he ..."


OBJECT_PRONOUNS = frozenset(["him", "her", "them", "his", "their"])


def _a_schools_name(words: Words, span: tuple[int, int]) -> bool:
    """A famous name that is a school's, with a school's last word or "studio school" after it ("sir frank whittle
    studio school", "the john ferneley college")."""
    k = words.index_ending(span[1])
    return k is not None and (words.next(k) in SCHOOL_ENDS or words.next(k) == "studio")


BE_WORDS = frozenset(["is", "are", "was", "were", "r"])
CONTACTED = frozenset(
    [
        "messaged",
        "texted",
        "dmd",
        "dmed",
        "snapped",
        "added",
        "rang",
        "phoned",
        "inboxed",
        "facetimed",
        "rings",
        "texts",
    ]
)
"""Verbs of getting in touch, before "me" or "us" after a famous name: someone the young person is in touch with."""
WHOSE_WORDS = MY_WORDS | {"his", "her", "their", "our", "your"}
KIN_RIGHT_BEFORE = RELATIONS - {"lady", "woman", "girl", "guy", "lad", "lass", "bloke", "fella", "bro", "brat", "boss"}
"""Of RELATIONS, the family, carers, friends and workers whose word right before a famous name makes it theirs ("my
cousin jack draper", "her stepdad harry kane"); not "my boy", "my guy" or "my girl", said of a star."""
PEOPLE_WORDS = RELATIONS | frozenset(["parents", "carers", "guardians", "guardian", "teachers", "neighbours"])


def _said_to_be_theirs(words: Words, span: tuple[int, int]) -> bool:
    """A public figure's name after words that say who someone is to the young person ("my foster carers are
    linda and steve cooper", "my uncle is called harry kane"): someone they know, with a famous name."""
    i = words.index_at(span[0])
    if i is not None and i >= 2 and words.lowers[i - 1] in KIN_RIGHT_BEFORE and words.lowers[i - 2] in WHOSE_WORDS:
        return True  # "my cousin [jack draper] keeps taking my money"
    if (
        i is not None
        and i >= 3
        and words.lowers[i - 1] in KIN_RIGHT_BEFORE
        and words.lowers[i - 2] in RELATIONS_PLURAL
        and words.lowers[i - 3] in WHOSE_WORDS
    ):
        return True  # "my brothers mate [mark morrison]": someone's, whose someone is theirs
    last = words.index_ending(span[1])
    if last is not None and words.next(last) in CONTACTED and words.next(last + 1) in ("me", "us"):
        return True  # "[daisy edgar jones] messaged me on snap": someone in touch with them
    if i is None or i < 3:
        return False
    k = i - 1
    if words.lowers[k] in AND_WORDS and k >= 1 and not words.classes[k - 1] & (STOP | FUNCTION):
        k -= 2  # "linda and [steve cooper]"
    if k >= 0 and words.lowers[k] in ("called", "named"):
        k -= 1
    if k < 1 or words.lowers[k] not in BE_WORDS:
        return False
    return (
        words.lowers[k - 1] in PEOPLE_WORDS
        and MY_WORDS.isdisjoint(words.lowers[k:i])
        and any(w in MY_WORDS for w in words.lowers[max(0, k - 4) : k - 1])
    )


THEIRS_AFTER = re.compile(
    r",?\s*\(?(?:"
    r"no\s+relation"  # "lewis hamilton no relation"
    r"|(?:is|was|[’']?s)\s+(?:(?:my|his|her|their|our)\s+)?(?:[a-z]+[’']?s\s+)?(?:(?:real|actual|full|proper|legal)\s+)?"
    r"name\b"
    r"|(?:in|from)\s+(?:year|yr|y)\s?\d{1,2}\b"  # "harry kane in year 10"
    r"|(?:in|from)\s+(?:my|our)\s+(?:class|year|form|school|tutor|street|road|estate|block)\b"
    r"|like\s+the\s+(?:footballer|singer|boxer|player|rapper|actor|actress|youtuber)\b"
    r"|[\w.+-]+@[\w-]+\."  # then their own email
    r"|(?:\+44\s?|0)7\d{3}"  # or mobile number
    r")",
    re.IGNORECASE,
)
"""After a famous name, words that say it is someone the young person knows, or their own ("harry kane in year 10",
"lewis hamilton no relation", "tyson fury is my cousins actual name", "... like the footballer", then an email)."""
THEIRS_BEFORE = re.compile(
    r"\b(?:my|his|her|their|[a-z]+[’']?s)\s+(?:(?:real|actual|full|proper|legal)\s+)?names?\s+(?:is|was|=|:)\s+$",
    re.IGNORECASE,
)
"""Before a famous name, words that give it as someone's own ("my name is jude bellingham"; not "im miss honey" in
the school play)."""


def _theirs_by_what_follows(text: str, span: tuple[int, int]) -> bool:
    """A public figure's name that the words after or just before say is the young person's own, or someone's they
    know (THEIRS_AFTER, THEIRS_BEFORE)."""
    if THEIRS_BEFORE.search(text, max(0, span[0] - 30), span[0]):
        return True
    after = THEIRS_AFTER.match(text, span[1])
    return after is not None and not (
        after.group().lstrip(" ,(").startswith("in") and READ_BEFORE.search(text, 0, span[0])
    )


READ_BEFORE = re.compile(r"\b(?:read|reading|watched|watching|watch|played|playing|about|loved?|studied|did)\s+$")
"""A work, not a person, before "in year 7" ("i read percy jackson in year 7")."""


def redact(text: str, terms: Terms | None = None) -> Redacted:
    """Replace personal details in `text` with tags; returns the text and the kinds found. The one
    redaction for every way words come in (form, API, import, paper entry, edited quote)."""
    chosen = explain(text, terms)
    if not chosen:
        return Redacted(text, ())
    out, last = [], 0
    for f in chosen:
        out.append(text[last : f.start])
        out.append(f"[{f.kind}]")
        last = f.end
    out.append(text[last:])
    return Redacted(_merge_tags("".join(out)), tuple(sorted({f.kind for f in chosen})))


MERGE = re.compile(r"\[name\](?:\s+\[name\])+")


def _merge_tags(text: str) -> str:
    """A first name and surname found apart read as one tag: "[name] [name]" -> "[name]"."""
    return MERGE.sub("[name]", text) if "[name] [name]" in text else text


def with_helplines(terms: Terms, text: str) -> Terms:
    """The partnership's lists with the helplines of a file in data/helplines.txt's form (VOICE_HELPLINES_FILE)
    added: their names to `keep`, their numbers to `helplines`."""
    found = read_helplines(text)
    return msgspec.structs.replace(
        terms, keep=[*terms.keep, *sorted(found.names)], helplines=[*terms.helplines, *sorted(found.numbers)]
    )


def load_terms(data: bytes) -> Terms:
    """The partnership's lists, as YAML: `terms: {school: [...], place: [...], name: [...]}` and
    `keep: [...]` (its own and services' names, places, to leave as written)."""
    import yaml

    return msgspec.convert(yaml.safe_load(data) or {}, Terms)
