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
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from voice.common.i18n import N_
from voice.common.text import Literals, normalise, required_literals
from voice.reading.evidence import Evidence

if TYPE_CHECKING:
    from voice.reading.reader import Scores

SEVERITY = {"suicide": 1, "self_harm": 1, "sexual_harm": 1, "abuse_at_home": 1, "hopelessness": 1,
            "domestic_abuse_witnessed": 1, "exploitation": 2, "weapons": 2, "feeling_unsafe": 2, "running_away": 2,
            "needs_reading": 2, "going_hungry": 3}
"""1 is the most urgent; the queue shows the most urgent first."""

# Phrases per category, matched against normalised text (lower case, repeated letters squeezed,
# apostrophes dropped). `\w*` lets a stem take any ending; `(?:\w+ ){0,3}` allows a few words between.
# RULES say that harm is happening to someone (most often the one writing): a match is always a flag.
# MENTIONS name a harm without saying that it happens to anyone ("knife crime", "domestic abuse
# posters", "self harm awareness week", "exams are killing me"): young people write them about their
# area, their lessons and the news far more often than about themselves, so a mention alone is never a
# flag. It is one of the things the model reads (with whether "i", "me" or "my" is near it), and the
# phrase is shown beside the model's reasons when the answer reaches the lead.
OTHER_LANGUAGES = "_other_languages"
GAP = r"(?:\w+ ){0,3}"
SELF = r"(?:i|im|ive|id|me|my|myself)"
KIN = (r"(?:mum|mom|mam|mummy|dad|daddy|stepdad|step dad|stepmum|step mum|parents?|brother|sister|uncle|aunty|auntie|"
       r"carers?|foster carers?|boyfriend|girlfriend|partner|nan|nana|nanny|gran|granny|grandma|grandad|grandpa|cousin|"
       r"abbu|abba|ammi|amma|baba|he|she|they)")
GAMES = (r"(?! ?(?:me|us|him|her|them)? (?:at|in|on|every time at) (?:fifa|fortnite|chess|cards|games?|football|pool|tennis|"
         r"ping pong|a race|racing|arm wrestling|monopoly|uno|mario ?kart|the game|maths|everything))")
"""Not a blow: "my brother beats me at fifa"."""
RULES: dict[str, list[str]] = {
    "suicide": [
        r"\b(?:wna|wanna|want to|gna|gonna|going to|gunna|ima|imma) (?:die|end it|end my life)\b",
        r"\bend it (?:this|tonight|soon|tomorrow|today|all|before)\b",
        r"\bplanned (?:how|when) (?:i|to|ill|id) (?:would |will )?(?:do it|kill|end|die)\b",
        r"\b(?:kill|killing|kil|end|ending) my ?self\b", r"\bkms\b", r"\bunalive\w*",
        r"\b(?:im|i am|i feel|i felt|feel(?:ing)?|felt|been|get|getting|was|tried|attempted|thoughts? (?:of|about))"
        r" (?:\w+ )?(?:suicid\w*|sucid\w*)", r"\bsuicidal (?:thoughts?|feelings?)\b",
        r"\b(?:(?:want|wanted|going|ready) to|wanna|gonna) die\b", r"\bwish i (?:was|were) dead\b",
        r"\bwish i (?:was|were)nt (?:alive|here|born)\b", r"\bbetter off (?:dead|without me)\b",
        r"\b(?:dont|do not|dnt) (?:\w+ )?(?:want|wanna) (?:to )?(?:be here|be alive|live|wake up|exist)(?! (?:here|there|in|with|near))\b",
        r"\bno (?:point|reason) (?:in )?(?:living|being alive|to live|going on)\b",
        r"\bend(?:ing)? (?:it all|my life)\b", r"\btake my (?:own )?life\b",
        r"\b(?:i|ive|i have|i had) (?:\w+ )?(?:took|taken|take|did|done|had) an? overdose\b",
        r"\b(?:jump|jumping) (?:off (?:a|the) (?:bridge|roof|building|car park)|in front of)\b",
        r"\bhang my ?self\b", r"\bnot be around (?:much )?longer\b",
        r"\beveryone would be better\b", r"\bgive up on life\b", r"\bcant go on\b",
    ],
    "self_harm": [
        r"\b(?:scratch|skratch|pick|bite|hit|punch|burn)\w* (?:at )?(?:my (?:skin|legs?|arms?|wrists?|face|thighs?)|myself) (?:till|until|so|and) (?:it|they|i) (?:\w+ )?bleed\w*",
        r"\b(?:cut|cutting|cuttin|burning|burnin|hurtin|skratch\w*|scratch\w*) (?:\w+ ){0,3}(?:my (?:wrists?|arms?|legs?|thighs?))\b",
        r"\b(?:hurtin|cuttin|burnin|harmin) my ?self\b",
        r"\b(?:cutting|cuttin|self harming|selfharming|sh) is (?:da |the )?only (?:way|thing)\b",
        r"\b(?:i|im|ive|been|started|start|keep|still|was) (?:\w+ )?(?:self ?harm\w*|sh)\b",
        r"\bself ?harm(?:ing)? (?:again|is the only|helps|every)\b",
        r"\b(?:cut|cutting|cuts|burn|burning|hurt|hurting|harm|harming|scratch\w*) my ?self\b",
        r"\b(?:cut|cutting) my (?:arms?|wrists?|legs?|thighs?|skin)\b",
        r"\bstarv\w* my ?self\b", r"\bmake my ?self (?:sick|throw up)\b", r"\bpunish(?:ing)? my ?self\b",
        r"\bhit(?:ting)? my ?self\b",
    ],
    "abuse_at_home": [
        rf"\b{KIN} {GAP}(?:hittin|beatin|batters?|batterin\w*|pushes|pushed|shoves|shoved|grabs|grabbed|drags?|dragged) (?:me|us|my|her)\b" + GAMES,
        rf"\b{KIN} {GAP}(?:calls?|called) me (?:worthless|useless|a waste|a mistake|nothing|disgusting|a burden)\b",
        r"\b(?:says?|said|tells me|told me) (?:she|he|they) wish(?:es|ed)? (?:i|id) (?:was|were|had) never (?:been )?born\b",
        rf"\b{KIN} {GAP}(?:hits?|hitting|beats?|beating|beat|punch\w*|kicks?|kicking|slaps?|slapping|chokes?|chok\w*|"
        r"strangl\w*|throws? (?:things|stuff)|hurts? me|hurt me|burns? me|locks? me)\b" + GAMES,
        r"\b(?:hits?|beats?|beat|batters?|punch\w*|kicks?|slaps?) me\b" + GAMES, r"\b(?:i|we|me) (?:\w+ )?gets? (?:hit|beaten|battered|slapped)\b",
        r"\bscared of my (?:mum|mom|dad|stepdad|step dad|parents?|brother|uncle)\b",
        r"\bshouts? and (?:hits?|throws?)\b(?! (?:balls?|hoops))",
    ],
    "domestic_abuse_witnessed": [
        r"\b(?:dad|stepdad|step dad|mums? (?:boyfriend|bf|fella|partner)|he|him) (?:\w+ ){0,2}(?:hits?|hurts?|hurt|beats?|batters?|punch\w*|pushes|shoves|chokes?|strangles?|kicks?|slaps?|attacks?) (?:my )?(?:mum|mom|mam|mummy|her)\b",
        r"\b(?:police|feds) (?:come|came|comes|keep coming) (?:round|to) (?:ours|our house|my house|our flat)\b",
        r"\bbecause of what (?:my )?(?:dad|stepdad|he) does to (?:my )?(?:mum|mom|mam|her)\b",
        r"\b(?:mum|mom|mam)s? (?:got|has|had) (?:a )?(?:black eye|bruises?|a bruise) (?:again|agen)?\b",
    ],
    "sexual_harm": [
        r"\bmakes? me (?:do|touch|watch|send) (?:sexual|things|stuff|him|her|it|pics|nudes)",
        r"\b(?:beg\w*|asking|asks|keeps asking|keep asking) (?:me )?(?:for|4) (?:nudes?|pics?|pictures)\b",
        r"\b(?:leak|share|post|send|sent|shared|posted|leaked) my (?:pics?|nudes?|photos?|pictures?)\b(?! (?:of|from) (?:the|my|our) (?:dog|cat|trip|holiday|art|work))",
        r"\b(?:i got|i was|got|been) (?:rapd|raped|rapped|sexually assaulted)\b",
        r"\btouch\w* me\b", r"\btouch\w* my (?:body|private|bum|chest|boobs|breasts?|legs?)\b",
        r"\b(?:raped|molested) me\b", r"\b(?:i was|i got|ive been|been) (?:\w+ )?(?:raped|molested|groomed|sexually assaulted)\b",
        r"\b(?:send|sent|asked for|asks for|wants?) (?:me )?(?:for )?(?:nudes?|pics?|pictures?|photos?)\b(?! of (?:the|my|our) (?:dog|cat|work|homework|trip))",
        r"\bmade me (?:do|touch|watch) (?:things|stuff|it)\b",
        r"\b(?:told|said|tells) (?:me )?(?:to )?(?:keep|kept) (?:it )?(?:a )?secret\b",
        r"\bmeet up with (?:someone|a man|a guy|him) (?:i|from) (?:met )?online\b",
    ],
    "exploitation": [
        r"\b(?:forced|made|making me|makes me|gotta|got to|have to) (?:to )?(?:deliver|sell|carry|drop|move|hold|run|shot) (?:drugs?|packs?|packages?|parcels?|weed|bags|food for)\b",
        r"\b(?:debt|owe\w*) (?:wiv|with|to) (?:da |the )?(?:olders|older \w+|dealers?)\b",
        r"\b(?:shottin|shotting|drop(?:ping)? packs?|work it off|cant get out of it)\b",
        r"\bmade (?:me|to) (?:sell|carry|run|hold|move)\b", r"\brun(?:ning)? (?:drugs|lines)\b",
        r"\b(?:i|me|my mate|my brother) (?:\w+ )?(?:selling|sell|carry|carrying|deliver\w*|hold\w*|moving|move) (?:drugs?|weed|packages|parcels) for\b",
        r"\b(?:i|ive|i have|im) (?:\w+ )?(?:owe|owes|owing|in debt to) (?:them|some older|the older|older|a dealer|dealers|the man|these)\b",
        r"\bpaid me to (?:hold|carry|sell|take|deliver|drop)\b",
    ],
    "weapons": [
        r"\b(?:gon|gonna|going to|gna|will|wanna|tryna) (?:merk|stab|shank|jump|batter|beat up|kill|shoot) me\b",
        r"\b(?:i|ima|imma|im gonna|im going to|ill|i will) (?:stab|shank|merk|slash) (?:him|her|them|someone|sum)\b",
        r"\b(?:i|me) (?:\w+ )?got (?:banged up|bangd up|jumped|battered|beaten up|beat up)\b",
        r"\b(?:i|im|ive|me|my mate|my brother|my friend) (?:\w+ ){0,2}(?:carry|carries|carrying|carried|have|had|keep|bring|brought) "
        r"(?:a |my )?(?:knife|knives|blade|shank|machete|weapon|gun)\b",
        r"\b(?:pulled|held|put|had) (?:a )?(?:knife|blade|gun|machete) (?:on|to|at) (?:me|my)\b",
        r"\b(?:stabbed|shot|slashed) (?:me|my)\b", r"\b(?:i|ive|i was|i got|me|my \w+) (?:\w+ )?(?:got|was|been) (?:stabbed|shot|slashed)\b",
    ],
    "feeling_unsafe": [
        r"^(?:i )?(?:dont|dnt|do not|never) feel (?:safe|save)\b",
        r"\b(?:im|i am|i feel|i get|i m|i) (?:\w+ )?(?:scared|frightened|terrified|afraid) (?:2|to|of) (?:go|going|be|being) (?:outside|out|home|to school|at home|in my room|in my placement)\b",
        r"\b(?:dont|dnt|do not) feel safe (?:in|at) my (?:placement|home|house|room|foster)\b",
        r"\bi (?:\w+ )?(?:dont|do not|never|not|dnt) feel (?:safe|save)\b", r"\b(?:im|i am|i feel|feel) unsafe\b", r"\b(?:im|i am|i feel|feel) not safe\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:to go|of going) home\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:for my (?:life|safety)|hell)\b",
        r"\b(?:im|i am|ive been|i was|been|keep) (?:being )?(?:followed|stalked|threatened)\b",
        r"\bthreat\w* to (?:hurt|kill|beat|stab) (?:me|my)\b", r"\b(?:im|i am|i feel|i think im) (?:\w+ )?in danger\b",
        r"\b(?:please|someone|somebody|pls|plz) help me\b",
    ],
    "going_hungry": [
        r"\b(?:we|i) (?:\w+ ){0,2}(?:have no|got no|aint got no|dont have|havent got|had no) (?:any )?(?:electric|electricity|lecky|gas|heating|hot water)\b",
        r"\bonly (?:thing|meal|food) i (?:eat|get|have)\b",
        r"\b(?:starvin|starving|hungry) (?:at|in) (?:home|ome|the house)\b",
        r"\b(?:doesnt|dont|dnt|never|wont) (?:look after|feed|cook for|cook) (?:us|me|or)\b",
        r"\bno ?(?:one|1|body) (?:looks after|feeds|cooks for) (?:me|us)\b",
        r"\b(?:mum|mam|mom|dad)s? (?:is |s )?(?:always|alwys) (?:drunk|high|off (?:her|his) face|passed out)\b",
        r"\b(?:no|not enough|never any|isnt any|isnt enough|never enough) food (?:in|at) (?:the|my|our) (?:house|home|flat|fridge|cupboards?)\b",
        r"\bhavent (?:eaten|had food|had anything to eat)\b",
        r"\b(?:i|we|me) (?:\w+ )?go(?:ing)? (?:to bed |to school )?hungry\b", r"\bno(?:thing)? (?:to eat|for (?:dinner|tea|breakfast))\b",
        r"\bskip(?:ping)? meals? because\b", r"\b(?:didnt|dont|doesnt|never) (?:always )?(?:have|get) enough (?:food|to eat)\b",
        r"\bcant afford (?:food|to eat)\b",
    ],
    "running_away": [
        r"\b(?:gna|gonna|going to|gunna|ima|imma|wanna|want to) run (?:away|off)\b",
        r"\b(?:leave|go|going) (?:n|and) not (?:come|coming) (?:back|bk|home)\b",
        r"\b(?:i|we|me) (?:\w+ )?(?:ran|run|running) (?:away|off)(?! (?:to the end|with the ball|from the dog))\b", r"\brunaway\b",
        r"\b(?:kicked|thrown|chucked) (?:me )?out (?:of )?(?:the house|home|my house|the flat)\b", r"\b(?:kicked|threw|chucked) me out\b",
        r"\b(?:sleep\w*|slept) (?:rough|on the streets?|outside|in a park|on a bench)\b", r"\bsofa ?surf\w*",
        r"\bnowhere (?:to sleep|to live|to stay)\b", r"\bi (?:\w+ )?(?:have|got|had) nowhere (?:else )?to go\b",
        r"\b(?:im|i am|were|we are|i was|we were) homeless\b",
        r"\bnot (?:going|gonna) (?:back )?home\b",
    ],
    "hopelessness": [
        r"\bi (?:\w+ )?(?:feel|am|im|felt) (?:so |really |completely |totally |just )?(?:hopeless|worthless|empty inside|dead inside|like a burden|like giving up|like im drowning)\b(?! (?:about|at|with|when it comes to) )",
        r"\b(?:i )?(?:cant|can not|cannot) cope (?:anymore|any more|no more|with (?:life|anything|everything))\b",
        r"\bcant take (?:it|this) (?:anymore|any more|no more)\b",
        r"\b(?:whats|what is|wats) the point (?:of|in) (?:living|life|anything|trying|going on|me)\b",
        r"\bnothing (?:ever |eva )?(?:gets|will get|is gonna get) (?:better|betta) (?:for me)?\b",
        r"\b(?:i )?(?:ve |have )?given up on (?:everything|life|myself)\b",
        r"\b(?:no ?(?:one|1|body)) (?:cares|would care|would notice|would miss me) (?:if i|about me)\b",
    ],
    "hopelessness_other_languages": [
        r"\bnic nie ma sensu\b", r"\bwszystko jest bez sensu\b", r"\bnie widz[eę] (?:dla siebie )?(?:[zż]adnej )?przysz[lł]o[sś]ci\b",
        r"\bnikomu na mnie nie zale[zż]y\b", r"\bnie daj[eę] (?:ju[zż] )?rady\b",
        "کوئی امید نہیں", "کسی چیز کی امید نہیں", "زندگی کا کوئی فائدہ نہیں",
        r"\b(?:koi|kisi cheez ki) (?:umeed|umeid|umid) (?:nahi|nai|nhi)\b", r"\bsab bekaar hai\b",
    ],
    # Key phrases in Polish (with and without its letters: "bije"/"bije", "boje sie"/"boję się") and in Urdu,
    # in its own script and in Latin letters as it is typed in Britain ("mere abbu mujhe marte hain").
    # Answers in another language also go to a person to read (see needs_a_person): these make them flags.
    "suicide_other_languages": [
        r"\b(?:chc[eę]|chce|chcia[lł]\w*) si[eę] zabi[cć]\b",
        r"\bsamob[uoó]j\w*",
        r"\bzasn[aą][cć] i (?:ju[zż] )?(?:si[eę] )?nie obudzi[cć]\b",
        "مر جاؤں",
        "مرنا چاہ",
        "خود کو ختم",
        "گولیاں کھا",
        "میرے بغیر سب",
        "سب پر بوجھ",
        r"\bmar ja(?:un|on|oon|u)\b",
        r"\bmarne ke liye\b",
        r"\bkhud ko (?:khatam|khtm)\b",
        r"\bjeene ka (?:mann|man|dil) (?:nahi|nai|nhi)\b",
        r"\b(?:pills|goliyan|goliyaan) kha\w*",
        r"\bmere (?:baghair|bagair|bina) sab\b",
        r"\bsab (?:pe|par) bojh\b",
        r"\bchc[eę] (?:si[eę] )?(?:umrze[cć]|umrzec|zabi[cć] si[eę])\b", r"\bzabi[cć] si[eę]\b", r"\bzabije si[eę]\b",
        r"\bnie chc[eę] (?:mi si[eę] )?(?:ju[zż] )?[zż]y[cć]\b", r"\bsamob[oó]j\w*", r"\bnie chce mi sie zyc\b",
        r"\bkhud ?kushi\b", r"\b(?:marna|mar jana) chahta?\b", r"\b(?:marna|mar jana) chahti\b", r"\bjeena nahi\w* chah\w*",
        r"\bzindagi (?:khatam|khtm)\b",
        "خودکشی", "خود کشی", "مرنا چاہت", "مر جانا چاہت", "جینا نہیں چاہت", "زندگی ختم",
    ],
    "self_harm_other_languages": [
        r"\b(?:tn[eę]|tnie|tniesz|ci[aą][lł]\w*|przypala\w*|przypalam) si[eę]\b",
        r"\bsi[eę] (?:tn[eę]|tnie|przypalam|okaleczam)\b",
        "آپ کو بلیڈ",
        "بازو کاٹ",
        "کلائی پر کٹ",
        "کلائی کاٹ",
        "خود کو کاٹ",
        r"\b(?:apne aap|khud) ko (?:blade|kaat|kat|hurt|nuqsan|nuksan)\w*",
        r"\b(?:arms?|bazu|kalai) (?:kaat|kat)\w*",
        r"\bkalai (?:pe|par) cuts?\b",
        r"\btn[eę] si[eę]\b", r"\bsamookalecz\w*", r"\bkrzywdz[eę] si[eę]\b", r"\bci[aą][lł]?[eaę]m? si[eę]\b",
        r"\bokalecz\w* si[eę]\b", r"\bkhud ko (?:kaat|kat|nuqsan|nuksan|chot)\w*",
        "خود کو نقصان", "اپنے آپ کو کاٹ", "خود کو کاٹ",
    ],
    "abuse_at_home_other_languages": [
        r"\bmnie (?:\w+ ){0,3}(?:bije|bi[lł]a?|uderza|kopie|szarpie|katuje|leje|lej[aą]|pobi[lł]a?)\b",
        r"\b(?:zamyka|zamkn\w*) (?:mnie|siostr[eę]|brata) w pokoju\b",
        r"\bnie daje (?:mi|jej|mu|nam) je[sś][cć]\b",
        "کمرے میں بند",
        "چمچ سے داغ",
        "مجھے داغ",
        "مجھے مار",
        r"\bkamre (?:mein|mai|me) band\b",
        r"\bkhana (?:nahi|nai|nhi) (?:deti|deta|dete)\b",
        r"\b(?:mujhe|mujhay|mjhe) (?:\w+ ){0,2}(?:daagh|daag)\w*",
        r"\b(?:bije|bi[lł]a?|bi[lł]|uderza|kopie|szarpie|katuje|leje|pobi[lł]a?) (?:\w+ ){0,3}mnie\b",
        r"\bmnie (?:\w+ )?(?:bije|bi[lł]a?|uderza|kopie|szarpie|katuje|leje|pobi[lł]a?)\b",
        r"\b(?:ojczym|ojciec|tata|tato|mama|matka|brat|wujek|ch[lł]opak mamy|partner mamy) (?:\w+ ){0,2}(?:bije|bi[lł]a?|uderza|kopie|katuje|leje|pobi[lł])\b",
        r"\bboj[eę] si[eę] (?:taty|ojca|ojczyma|mamy|brata)\b",
        r"\b(?:mujhe|mujhay|mjhe|hamein|humein|ammi ko|amma ko|mama ko) (?:\w+ ){0,2}(?:maarte?|marte?|maarti|marti|peet\w*|pit\w*)\b",
        r"\b(?:abbu|abba|abu|papa|walid|ammi|amma|bhai|chacha|mamu) (?:\w+ ){0,3}(?:maarte?|marte?|maarti|marti|peet\w*) (?:hai|hain|h|thay|tha|thi)\b",
        "مجھے مارت", "مجھے پیٹت", "مارتا ہے", "مارتی ہے", "مارتے ہیں", "مارتے تھے",
    ],
    "domestic_abuse_witnessed_other_languages": [
        r"\b(?:tata|ojciec|ojczym|partner mamy|ch[lł]opak mamy|on) (?:\w+ ){0,4}(?:bije|bi[lł]|uderz\w*|popycha|szarpie|kopie|dusi|leje) (?:mam[eę]|j[aą])\b",
        r"\buderzy[lł] mam[eę]\b", "امی کا گلا", "امی پر ہاتھ", "امی کو مار",
        r"\b(?:ammi|amma|ami|mama) (?:ka gala|pe haath|par haath|ko maar)\w*", r"\bgala dabaya\b", r"\bhaath uthat\w*",
    ],
    "sexual_harm_other_languages": [
        r"\bzmusza (?:mnie|j[aą]|go) do (?:rzeczy seksualnych|seksu|dotykania)\b",
        r"\bobmacuj\w*|\bobmacywa\w*",
        r"\bnie m[oó]w\w* (?:rodzicom|nikomu|mamie)\b",
        "غلط طریقے سے چھو",
        "تصویریں مانگ",
        "کسی کو مت بتانا",
        "ساتھ زبردستی",
        r"\b(?:galat|ghalat) (?:\w+ ){0,2}(?:chuwa|chhua|chua|touch)\w*",
        r"\b(?:mujhe|mujhay|mjhe) touch (?:karte|karta|karti)\b",
        r"\bpics? (?:mangta|mangti|mangte|maang\w*)\b",
        r"\bkisi ko (?:mat|na) (?:batana|bataana)\b",
        r"\bsaath zabardasti\b",
        r"\bdotyka\w* mnie\b", r"\bmolestow\w*", r"\bzgwa[lł]c\w*", r"\bnagie zdj[eę]\w*",
        r"\b(?:mujhe|mujhay) (?:\w+ )?(?:chhoo|chhu|chu|choo)ta?\b", r"\bganda (?:kaam|kam)\b",
        "مجھے چھوت", "جنسی زیادتی",
    ],
    "exploitation_other_languages": [
        r"\bka[zż]e mi (?:przewozi[cć]|sprzedawa[cć]|nosi[cć]|trzyma[cć]|rozwozi[cć])\b",
        "پیکٹ پہنچوات", "نشہ بیچنے", r"\b(?:deliver|bechne|bechna) (?:\w+ )?(?:karwate|karwata|ko kehta|ko kehte)\b",
        r"\bzabardasti (?:weed|drugs|nasha)\b",
    ],
    "weapons_other_languages": [
        r"\b(?:pokaza[lł]\w*|grozi[lł]?\w*|wyci[aą]gn[aą][lł]\w*) (?:mi )?(?:n[oó][zż]\w*|no[zż]em|nozem)\b",
        # not "mnie zabije": "mama mnie zabije" is "mum will kill me" (over my marks)
        r"\bmnie (?:zadzga|pobije|dorwie)\b", r"\bnosi n[oó][zż]\b",
        "چاقو دکھا", "مجھے مار دے گا", "مار ڈالیں گے", "دھمکیاں دیت", "دھمکاتے", "نقصان پہنچائیں گے",
        r"\b(?:knife|chaku|chaqu) dikha\w*", r"\bmaar (?:dalenge|dalega|denge|dega)\b", r"\bdhamk\w*",
        r"\bnuksan (?:pohnchayenge|pahunchayenge)\b", r"\b(?:warna|nahi to) (?:mujhe )?maare?ga\b",
    ],
    "feeling_unsafe_other_languages": [
        "محفوظ محسوس نہیں",
        "نشے میں گھر",
        r"\bsafe (?:feel )?(?:nahi|nai|nhi) (?:hota|hoti|lagta)\b",
        r"\bnash(?:ay|e|a) (?:mein|mai|me) ghar\b",
        r"\bboj[eę] si[eę] (?:wr[oó]ci[cć]|wracac|wraca[cć]|i[sś][cć]|isc) do domu\b",
        r"\bnie czuj[eę] si[eę] bezpieczn\w*", r"^pomocy\b", r"\bpotrzebuj[eę] pomocy\b", r"\bpom[oó][zż]cie mi\b",
        r"\b(?:mehfooz|mahfooz|mehfuz|safe) nahi\w*\b", r"\bghar (?:jane|jaane) se dar\w*", r"\bmeri madad kar\w*",
        "محفوظ نہیں", "گھر جانے سے ڈر", "میری مدد کر",
    ],
    "going_hungry_other_languages": [
        r"\bnie ma(?:m|my)? co je[sś][cć]\b",
        "دن گھر نہیں آت",
        r"\bkhana (?:nahi|nai|nhi) mila\b",
        r"\bkhayal (?:nahi|nai|nhi) rakh\w*",
        r"\bdin ghar (?:nahi|nai|nhi) aate\b",
r"\bnie ma(?:my)? (?:co )?je[sś][cć]\b",
                                     r"\bkhana nahi\w* (?:milta|hai|hota)\b", r"\bbhook\w* (?:so|soti|sota|rehti|rehta)\b",
                                     "بھوکا", "بھوکی", "کھانا نہیں"],
    "running_away_other_languages": [
        r"\bucie[ck]\w* z domu\b",
        "گھر سے نکال",
        "گھر چھوڑ کر چلا",
        r"\bghar se nikal\w*",
        r"\bghar (?:chor|chhor|chod) (?:ke|kar) (?:chala|chali)\b",
r"\buciek\w* z domu\b", r"\bwyrzuci\w* (?:mnie )?z domu\b",
                                     r"\bghar (?:se|say) bhaag\w*", "گھر سے بھاگ"],
}
# More ways young people say that harm is happening, from the training answers (training/disclosures.jsonl,
# voices.jsonl's train part): the same harms with the verbs, people and spellings they use ("leathered",
# "whacked", "mums bf", "cut agen", "doing runs for the olders"). Each was checked against every training
# answer that is not a disclosure (none of them matches one).
HURT = (r"(?:hit|hits|hitting|hittin|beat|beats|beating|beatin|beaten|batter\w*|battr\w*|punch\w*|kick\w*|kik\w*|"
        r"slap\w*|whack\w*|wack\w*|leather\w*|leatherd|belt(?:ed|s)?|chok\w*|strangl\w*|throttl\w*|pinn(?:ed|s)|pins|"
        r"shoved?|shoves|dragg?\w*|stamp(?:ed|s|ing)? on|stomp\w*|headbutt\w*|thumps?|thumped|smack\w*|twat\w*|lamp(?:ed|s))")
ADULT = (r"(?:dad|daddy|stepdad|step dad|step ?mum|step ?mom|mum|mom|mam|uncle|nan|grandad|carer|foster carer|"
         r"(?:mums?|moms?|mams?) (?:boyfriend|bf|fella|partner|new boyfriend)|(?:dads?) (?:girlfriend|gf|partner)|"
         r"(?:big |older |step )?(?:brother|bro|sister|sis)|cousin|auntie|aunty|he|she)")
MORE_RULES: dict[str, list[str]] = {
    "abuse_at_home": [
        rf"\b{ADULT} (?:\w+ ){{0,3}}{HURT} (?:me|us|my (?:little |baby |big )?(?:brother|sister|bro|sis))\b" + GAMES,
        rf"\b{ADULT} (?:\w+ ){{0,2}}(?:belted|leathered|whacked|battered|slapped|smacked) me\b",
        r"\b(?:threw|thro|throws|chucked|chucks|smashed|lobbed) (?:a |the |my |his |her )?\w+ (?:at|across|into) (?:me|my (?:head|face))\b",
        r"\b(?:hands?|fingers?) (?:round|around) my (?:neck|throat)\b", r"\bby (?:my|the) (?:throat|neck|hair)\b",
        r"\bpulls? (?:out )?my hair\b", r"\b(?:locked|lock|locks) me (?:in|out)\b",
        r"\b(?:marks|bruises) (?:are|r) where my (?:uniform|clothes)\b",
        r"\b(?:bruises|marks) (?:on my \w+ )?(?:are|r) from (?:my )?(?:dad|mum|him|her|step dad)\b",
        r"\b(?:with|wiv|w) (?:his|her|a|the) (?:belt|wooden spoon|charger|wire|slipper|stick)\b",
    ],
    "domestic_abuse_witnessed": [
        rf"\b(?:dad|step ?dad|(?:mums?|moms?) (?:new )?(?:boyfriend|bf|fella|partner|ex)|he) (?:\w+ ){{0,3}}{HURT} (?:my )?(?:mum|mom|mam|her)\b",
        r"\b(?:threw|thro|throws|chucked|smashed) (?:a |the )?\w+ at (?:my |me )?(?:mum|mom|mam|her)\b",
        r"\b(?:smash\w*|bang\w*) (?:my )?(?:mums?|moms?|her) head\b",
        r"\b(?:mum|mom|mam) (?:got|gets|was) (?:leather\w*|batter\w*|beaten|hit|slapped|punched|strangled) (?:\w+ )?by\b",
        r"\bpins? her (?:down|against)\b", r"\b(?:started|starts) on (?:my )?(?:mum|mom|mam)\b",
    ],
    "self_harm": [
        r"\b(?:i|ive|im|i am|been|still|keep|started|start) (?:\w+ ){0,2}(?:cut|cutt|cutting|cuttin|sh|shing|burn|burnt|burned|"
        r"burning|scratch\w*|skratch\w*|scrach\w*) (?:again|agen|agin|last night|last nite|every night|evry nite|on purpose|"
        r"so deep|a lot|alot|loads|til|till|until|since|more)\b",
        r"\b(?:cut|cutting|cuttin|sh) (?:again|agen|agin) (?:last|2day|today|tonight)\b",
        r"\b(?:the )?(?:cutting|cuttin|burning|scratching|sh|self harm\w*) (?:has |is |s )?(?:got|gotten|getting) (?:worse|bad)\b",
        r"\b(?:hide|hid|hiding|use|using|used|keep|kept|take|took) (?:\w+ ){0,3}(?:razor ?blades?|blades?|razors?)\b"
        r"(?! (?:to|for) (?:shav\w*|crafts?|art|cut (?:paper|card|wood)))",
        r"\bcuts? (?:on|all over|up) my (?:arms?|legs?|thighs?|wrists?|stomach|skin)\b",
        r"\bmy (?:arms?|legs?|thighs?|wrists?) (?:are|r|is) (?:covered|a mess)\b", r"\brelapsed\b",
        r"\b\d+ (?:days?|weeks?|months?) clean gone\b", r"\bsh(?:ing)? (?:again|agen)\b",
        r"\b(?:burn\w*|hold\w*) (?:\w+ ){0,3}(?:on|to) my (?:arms?|legs?|skin|hands?|wrists?)\b",
        r"\b(?:burn\w*|cut\w*) my (?:arms?|legs?|skin|wrists?|thighs?) (?:with|wiv|w)\b",
        r"\bbang\w* my head (?:on|against) (?:the|a) wall\b",
        r"\b(?:hurt\w*|burnt|burned|cut|harm\w*) my ?sle?e?f\b|\bmyslef\b",
    ],
    "suicide": [
        r"\b(?:took|tuk|taken|take|swallowed) (?:(?:a load of|loads of|load of|too many|2 many|all (?:my|the|of (?:my|the|me))) )?"
        r"(?:\w+ )?(?:pills|paracetamol|tablets|painkillers)\b(?= (?:to|and|last|on|so|jus|just|but))",
        r"\b(?:go to )?sleep and (?:never|not) wake up\b",
        r"\bthink(?:ing|in)? (?:\w+ )?(?:about|bout) (?:jumping|dying|ending it|endin it|ending my|killing myself)\b",
        r"\b(?:letters?|notes?) (?:to|for) (?:my )?(?:family|mum|everyone|friends) for when (?:im|i am) (?:gone|not around|dead)\b",
        r"\bhow many (?:paracetamol|pills|tablets) it takes\b",
        r"\b(?:dont|dnt|do not) (?:wanna|want to|want 2|wna) (?:b|be) here (?:no more|anymore|any more)\b",
        r"\b(?:wnt|want|wanna|wna|want to|want 2) (?:2 )?die\b", r"\b(?:tried|tryed|try) (?:2|to) (?:od|overdose|kill my ?self|hang)\b",
        r"\bsu?icidal (?:again|agen)\b", r"\b(?:ive|i have) (?:got )?a plan\b.{0,20}\b(?:waitin|waiting|date)\b",
        r"\bsaving (?:up )?my (?:tablets|pills)\b",
    ],
    "sexual_harm": [
        r"\b(?:touches|tuches|touched|toucht|touchin|touching|grope\w*) me\b", r"\bshows? me porn\b",
        r"\bmakes? me watch (?:porn|him|them|it)\b", r"\bsent me porn\b",
        r"\bnud(?:es|ez|e pics)\b.{0,25}\b(?:gro?u?p|grp|chat|posted|leaked|shared|going round|goin round)\b",
        r"\b(?:i|ive|im|i was|i got|me) (?:\w+ )?(?:got |been |being |was )?sextort\w*", r"\b(?:threaten\w*|threatnin) to (?:post|share|send|leak) (?:my )?(?:pictures|pics|photos|nudes)\b",
        r"\bmy (?:bf|boyfriend|gf|girlfriend) is (?:19|2\d|3\d|4\d)\b.{0,12}\bim (?:1[0-5]|9)\b",
        r"\b(?:comes?|came) in (?:my room|the shower|the bathroom)(?! to (?:say|tell|wake|get|ask))\b",
        r"\b(?:keeps? )?(?:dm\w*|messag\w*) me (?:\w+ )?(?:askin|asking) (?:4|for) (?:pics|nudes)\b",
        r"\bshowed me his (?:private|privates|willy|dick)\b",
        r"\bmakes? me do (?:sexual|stuff|things) (?:\w+ )?for (?:vapes|money|weed)\b",
    ],
    "exploitation": [
        r"\b(?:i|im|ive|i am|been|me|we|were) (?:\w+ )?(?:running|run|runnin|doing|do|doin|on) (?:county |the )?lines?\b(?! (?:at|in|for) (?:school|drama|the play|pe|sports day))",
        r"\b(?:carry|carrying|carryin|run|running|runnin|deliver\w*|drop\w*|move|moving|take|taking) (?:\w+ )?"
        r"(?:pac?kages|pakages|packs|parcels|bags|gear|drugs|weed|stuff) (?:for|4) (?:some |the |sum )?(?:olders|older (?:boys|lads|men|ones)|men|man|lads|mandem|a gang)\b",
        r"\b(?:holding|holdin|hold|keep|keeping) (?:\w+ ){0,3}(?:for|4) (?:the )?(?:olders|older (?:boys|lads|men)|some older|men)\b",
        r"\b(?:owe|owes|owing|in debt to) (?:the )?(?:olders|em|them|a gang)\b",
        r"\b(?:in|at|to) a trap ?house\b", r"\b(?:got|been|was|get) (?:taxed|plugged)\b",
        r"\bdoing (?:runs|drops)\b|\bdo (?:sum|some) runs\b", r"\bsent (?:\w+ )?(?:to|2) (?:another|other) (?:city|town|cities)\b",
        r"\bmake (?:me|us) (?:hold|keep|hide|deliver|sell|carry) \w+ (?:for them|in (?:our|my) bags?)\b",
    ],
    "weapons": [
        r"\b(?:i|ive|me|i was|i got|got|been) (?:\w+ )?(?:glassed|shanked|cut up)\b",
        r"\b(?:said|say|sed|saying) (?:theyll|they will|theyre gonna|they gon|they gonna|hell|he will) (?:stab|shank|wet|merk|jump|kill) me\b",
        r"\b(?:hit|glassed|cut) (?:me )?(?:with|wiv|w) a (?:bottle|glass|brick|bat)\b",
        r"\bpulled a (?:shank|knife|blade|machete) on me\b", r"\bwet me up\b",
        r"\b(?:got|get|was) (?:jumped|stomped|battered|beaten up|beat up) (?:\w+ )?by\b",
        r"\b(?:i|ive|im) (?:\w+ )?(?:cary|carry|carrying|carryin) a (?:blade|knife|shank)\b",
    ],
    "feeling_unsafe": [
        r"\b(?:keeps?|keep on) (?:following|followin|follow) me\b",
        r"\b(?:scared|afraid|frightened|terrified) (?:in|at) my (?:own )?(?:house|home|room)\b",
        r"\bscared of (?:my )?(?:mums?|moms?|dads?) (?:new )?(?:boyfriend|bf|partner|girlfriend|gf)\b",
        r"\b(?:hell|shell|theyll|they will|he will|she will) (?:jump|stab|hurt|batter) me\b",
        r"\bsay(?:ing|in)? (?:theyll|they will) (?:jump|batter|get) me\b",
    ],
    "going_hungry": [
        r"\bno food (?:in|at) (?:ma|my|me|the|our|r) (?:house|home|hse|flat)\b",
        r"\b(?:left|lft) (?:me|us) (?:on (?:my|our|r|me) own|alone|by (?:my|our)sel\w+) (?:for|all|4)\b",
        r"\b(?:hungry|starving|starvin) (?:all the time|every ?(?:night|nite)|evry ?(?:night|nite))\b",
        r"\bonly (?:eat|get food|get a meal|meal i get) (?:is )?at school\b", r"\bno (?:electric|gas|heating) again\b",
        r"\bfridge (?:has been|is|s) empty\b",
    ],
    "running_away": [
        r"\b(?:slep\w*|slept|sleep\w*|spent the night) (?:\w+ )?(?:in|on|at) (?:a |the )?(?:park|stairwell|bus shelter|bus station|"
        r"garage|car park|street|streets|24 hour)\b",
        r"\b(?:ran|runnin) (?:off |away )?(?:frm|from) my (?:placement|home|foster|carers)\b",
        r"\bi (?:\w+ )?(?:ran|run|running) (?:off |away )?(?:frm|from) (?:my |the )?(?:placement|home|foster|carers)\b",
        r"\breported (?:me )?missing\b", r"\b(?:i|ive|im|i keep|been|i was|i go|i went) (?:\w+ )?missin\w*\b",
        r"\b(?:stay|stayin|staying) out (?:all night|till \d+ ?am)\b", r"\bgo(?:na|nna)? run away\b",
    ],
    "hopelessness": [
        r"\bno point (?:to|in) anything\b", r"\bnothing (?:ever|eva) changes\b", r"\bnuthin eva changes\b",
        r"\b(?:tired|sick) of (?:everything|life|living|it all)\b", r"\bi feel (?:trapped|empty|numb)\b",
        r"\bim just existing\b", r"\b(?:dont|dnt) care what happens to me\b", r"\bi(?:ve)? (?:gave|given) up(?: on (?:my future|me))?$",
        r"\b(?:wats|whats) the point (?:tbh|anyway|of me)\b",
    ],
}
for _category, _patterns in MORE_RULES.items():
    RULES[_category].extend(_patterns)


PHRASES_FILE = Path(__file__).parent.parent / "data" / "harm_phrases_pl_ur.json"
"""Key phrases of harm in Polish, Urdu and Roman Urdu as teenagers type them (with and without Polish
letters, common misspellings), and the words that turn them round: written for voice (see training/README)."""
CATEGORY_OF_LABEL = {"suicidal": "suicide", "violence_weapons": "weapons", "neglect_hunger": "going_hungry"}
"""The labelled data's category names (training/, the phrases file) that voice spells differently."""


def _phrase_pattern(phrase: str) -> str:
    """A rule for one key phrase: the phrase as normalised, from a word's start; its last word may go on
    ("samookalecz" finds "samookaleczam"). Arabic script is matched as written."""
    plain = normalise(phrase)
    return rf"(?<!\w){re.escape(plain)}\w*" if plain else ""


def _phrases() -> tuple[dict[str, list[str]], dict[str, frozenset[str]]]:
    """(rules per category, from PHRASES_FILE; its negators (single words) per language: "pl", "ur")."""
    data = msgspec.json.decode(PHRASES_FILE.read_bytes()) if PHRASES_FILE.exists() else {}
    rules: dict[str, list[str]] = {}
    negating: dict[str, frozenset[str]] = {}
    for lang, table in data.items():
        if lang.startswith("_"):
            continue
        for category, phrases in table.items():
            if category == "negators":
                # Single words only ("nikt mnie nie" is "nikt" and "nie"); "mat" (Roman Urdu "don't") is also
                # an English word: left out.
                found = {w for p in phrases if len((w := normalise(p)).split()) == 1 and w != "mat"}
                negating[lang[:2]] = negating.get(lang[:2], frozenset()) | found
            elif category != "examples":
                key = CATEGORY_OF_LABEL.get(category, category) + OTHER_LANGUAGES
                rules.setdefault(key, []).extend(p for p in map(_phrase_pattern, phrases) if p)
    return rules, negating


MENTIONS: dict[str, list[str]] = {
    "suicide": [r"\bsuicid\w*", r"\boverdos\w*", r"\b(?:kill|killing|kil|end|ending) me\b", r"\bend(?:ing)? (?:everything|things)\b",
                r"\b(?:jump|jumping) (?:off|in front)\b", r"\bwant to disappear\b", r"\bdont want to be here\b"],
    "self_harm": [r"\bself ?harm\w*", r"\bs/h\b", r"\b(?:cut|cutting|cuts|burn|burning|hurt|hurting|harm|harming) me\b",
                  r"\b(?:scars|blades?|razors?)\b.{0,30}\b(?:arms?|wrists?|legs?|myself|hide)\b"],
    "abuse_at_home": [r"\babus\w*", r"\bdomestic (?:abuse|violence)\b", r"\bviolen\w* at home\b", r"\b(?:bruises?|marks) (?:from|on)\b",
                      r"\b(?:police|fights?|fighting) (?:at|in) (?:my|our) (?:house|home)\b", r"\bgets? (?:hit|beaten|battered|slapped)\b"],
    "sexual_harm": [r"\brap(?:e|ed|es|ing|ist)\b", r"\bsexual\w* (?:abus\w*|assault\w*|harass\w*)\b", r"\bmolest\w*", r"\bgroom\w*",
                    r"\b(?:nudes?|naked (?:pics?|pictures?|photos?)|sexual (?:pics?|pictures?|photos?))\b",
                    r"\bolder (?:man|guy|boy|boyfriend|girlfriend|men|lads?)\b", r"\b(?:keep|kept) (?:it )?(?:a )?secret\b",
                    r"\bmet (?:him|her|them|someone) online\b", r"\bsextort\w*", r"\b(?:send|sent|asked for|wants?) (?:me )?(?:pics?|pictures?|photos?)\b"],
    "exploitation": [r"\bcounty lines?\b", r"\b(?:sell|selling|deliver\w*|carry\w*|hold\w*|move|moving) (?:drugs?|weed|packages?|parcels?)\b",
                     r"\b(?:owe|owes|owing|debt)\b.{0,40}\b(?:them|money|dealer|older)\b", r"\bgangs?\b", r"\bdealer\w*",
                     r"\b(?:trapping|trap house|cuckoo\w*)\b", r"\bpaid me to\b", r"\bgave me (?:money|stuff|weed|drugs|a phone) (?:to|and|for)\b"],
    "weapons": [r"\b(?:knife|knives|blade|shank\w*|machete|zombie knife|gun|guns|firearm|weapon\w*)\b",
                r"\b(?:stab\w*|shot at|shoot\w*)\b", r"\bcarr(?:y|ies|ying) (?:a )?(?:knife|blade|weapon)\b"],
    "feeling_unsafe": [r"\b(?:dont|do not|never|not) feel (?:safe|save)\b", r"\bnot safe\b", r"\bunsafe\b",
                       r"\b(?:being )?(?:followed|stalked|threatened)\b", r"\bthreat\w* to (?:hurt|kill|beat)\b", r"\bin danger\b"],
    "going_hungry": [r"\b(?:no|not enough|never any|isnt any|isnt enough) food\b", r"\bfood ?bank\b", r"\bgo(?:ing)? (?:to bed )?hungry\b"],
    "running_away": [r"\b(?:ran|run|running|runaway) (?:away|off)\b", r"\b(?:kicked|thrown) out\b", r"\bhomeless\b",
                     r"\bnowhere to go\b"],
}
# Single words young people often misspell; close matches count as the word ("sucidal", "selfharm").
# ("homeless" is not among them: "hopeless" is one letter away.) A close match must start as the word does.
FUZZY = {"suicide": "suicide", "suicidal": "suicide", "selfharm": "self_harm", "overdose": "suicide",
         "abused": "abuse_at_home", "abusive": "abuse_at_home", "groomed": "sexual_harm", "raped": "sexual_harm",
         "molested": "sexual_harm", "stabbed": "weapons"}
# Uses that are ordinary, not a risk: checked against the matched phrase's sentence.
NOT_A_RISK = re.compile(
    r"\b(?:help me (?:with|to|understand|learn|find|get)|please help (?:us|them|other|others|young)|"
    r"i'?m starving|stabbing pain|shoot(?:ing)? (?:hoops|a film|a video|photos)|photo ?shoot|"
    r"abusive (?:language|comments) online|gang of friends|beat (?:me|us) (?:up )?at \w+|(?:mum|mam|mom|dad|teacher|miss|sir|coach|nan|parents|"
    r"mates?) (?:\w+ )?(?:will|is gonna|is going to|gonna) kill (?:me|us) (?:if|when|for|cos|because))\b")


# Past harm described as over ("i was groomed when i was 13, the worker got me out", "counselling helped me
# stop hurting myself"): a rule's match in such an answer is read by the model, like a mention, and is
# not a flag on its own. A harm that is over but told with no sign it is over stays a flag.
PAST = re.compile(r"\b(?:years ago|year ago|when i was (?:little|younger|small|a kid|\d+|in year)|used to|back then|"
                  r"as a kid|in year \d+|last year|in primary)\b")
OVER_NOW = re.compile(r"\b(?:now|anymore|any more|these days|got me out|(?:im|i am|were|we are) (?:fine|ok|okay|safe|"
                      r"better|good|doing (?:well|better|good|ok))|moved out|left him|left her)\b")
HELPED_STOP = re.compile(r"\b(?:helped me|help me|helping me) (?:to )?(?:stop|get over|get out|get through|through|out)\b|"
                         r"\b(?:clean|free) (?:for|since) \w+|\b\d+ (?:months|years|weeks) clean\b")


def described_as_over(plain: str) -> bool:
    """Whether a normalised answer tells of harm as past and over (see PAST)."""
    return bool(HELPED_STOP.search(plain) or (PAST.search(plain) and OVER_NOW.search(plain)))


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
    return Flag(scored.category, reason[:300], SEVERITY.get(scored.category, 2), tier, scored.risk, why)


def needs_a_person(language: str) -> Flag:
    """An answer in a language the reader cannot read: queued like a flag, for a person to read."""
    return Flag("needs_reading", language, SEVERITY["needs_reading"], "person")


NEGATING = frozenset(("not", "never", "dont", "doesnt", "didnt", "isnt", "wasnt", "havent", "hasnt", "nobody", "noone",
                      "aint", "nah", "no", "cant", "wont", "nor", "neither"))
"""Words that turn a rule's match round ("i dont self harm", "ive never been hit", "im not in danger"), and
their Polish and Urdu counterparts ("nikt mnie nie bije", "mujhe koi nahi maarta": see PHRASES_FILE)."""
_PHRASE_RULES, _PHRASE_NEGATORS = _phrases()
for _category, _patterns in _PHRASE_RULES.items():
    RULES.setdefault(_category, []).extend(p for p in _patterns if p not in RULES.get(_category, ()))
POLISH_NEGATING = _PHRASE_NEGATORS.get("pl", frozenset())
URDU_NEGATING = _PHRASE_NEGATORS.get("ur", frozenset())
NEGATING = NEGATING | POLISH_NEGATING | URDU_NEGATING
NEGATED_BEFORE = 2
"""...when they stand in the match or this many words before it, in a rule that is not itself about an
absence ("i dont feel safe", "no food in the house", "cant cope anymore" are rules as they are)."""


@cache
def _compiled() -> tuple[tuple[str, frozenset[str], re.Pattern[str], bool], ...]:
    """Each rule and mention: its category, the strings one of which every match contains (see
    required_literals; "" for one with none: always tried), the pattern, and whether it is a rule."""
    return tuple((cat.removesuffix(OTHER_LANGUAGES), frozenset(required_literals(p) or [""]), re.compile(p), strong)
                 for table, strong in ((RULES, True), (MENTIONS, False)) for cat, pats in table.items() for p in pats)


@cache
def _about_absence(pattern: re.Pattern[str]) -> bool:
    """Whether a rule's own words say that something is not there or not done (see NEGATED_BEFORE)."""
    return not NEGATING.isdisjoint(re.findall(r"[^\W\d_]+", pattern.pattern.replace("\\b", " ").replace("\\w", " ")))


NEGATED_AFTER = 3
"""Urdu may put "nahi" after the verb ("khud ko nuqsan nahi pohanchati"), and Polish "nigdy nie" a few words
before ("nigdy nie myslalem o samobojstwie"): for the Polish and Urdu rules, an Urdu negator up to this many
words after the match turns it round, and a Polish one up to NEGATED_BEFORE_OTHER words before (Urdu's
stands just before its verb: "kuch nhi hota, bhooka sota hun" is not turned round)."""
NEGATED_BEFORE_OTHER = 4


@cache
def _other_language_patterns() -> frozenset[str]:
    return frozenset(p for cat, pats in RULES.items() if cat.endswith(OTHER_LANGUAGES) for p in pats)


def _negated(plain: str, start: int, end: int, pattern: re.Pattern[str]) -> bool:
    if _about_absence(pattern):
        return False
    if pattern.pattern not in _other_language_patterns():
        before = plain[:start].split()[-NEGATED_BEFORE:]
        return not NEGATING.isdisjoint(before) or not NEGATING.isdisjoint(plain[start:end].split())
    before = plain[:start].split()
    return (not NEGATING.isdisjoint(plain[start:end].split())
            or not POLISH_NEGATING.isdisjoint(before[-NEGATED_BEFORE_OTHER:])
            or not URDU_NEGATING.isdisjoint(before[-1:] + plain[end:].split()[:NEGATED_AFTER]))


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
FEELING_BEFORE = frozenset((*SELF_WORDS, "feel", "feeling", "felt", "been", "was", "am", "tried", "attempted", "got", "get"))


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
    return not SELF_WORDS.isdisjoint(words[max(0, at - SELF_DISTANCE):at + length + SELF_DISTANCE])


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
    for category, _, pattern, strong in (rules[i] for i in candidates):
        if category in found or (not strong and category in mentioned):
            continue
        for m in pattern.finditer(plain):
            if any(s < m.end() and m.start() < e for s, e in harmless):  # the match is in an ordinary use
                continue
            if strong and _negated(plain, m.start(), m.end(), pattern):
                features.add(category)  # "i dont self harm": for the model to read, not a sign of harm
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
    if found and described_as_over(plain):
        features.add("over")
        mentioned = found | {c: r for c, r in mentioned.items() if c not in found}
        found = {}
    flags = sorted((Flag(c, r, SEVERITY[c]) for c, r in found.items()), key=lambda f: (f.severity, f.category))
    return Ruled(flags, {c: r for c, r in mentioned.items() if c not in found}, frozenset(features))


def _misspelt(words: list[str], found: dict[str, str], mentioned: dict[str, str], features: set[str]) -> None:
    """Single risk words, also misspelt ("sucidal"): a rule after "i", "feel", "been" …, else a mention."""
    for at, word in enumerate(words):
        if (category := _fuzzy_word(word)) is None:
            continue
        features.add(category)
        if not FEELING_BEFORE.isdisjoint(words[max(0, at - 3):at]):  # "been feeling sucidal", "i was abused"
            found.setdefault(category, word)
            features.add(category + SELF_MARK)
        else:
            mentioned.setdefault(category, word)


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
    "suicide": N_("Suicidal thoughts"), "self_harm": N_("Self-harm"), "abuse_at_home": N_("Abuse or violence at home"),
    "sexual_harm": N_("Sexual harm or grooming"), "exploitation": N_("Exploitation"), "weapons": N_("Weapons"),
    "feeling_unsafe": N_("Feeling unsafe"), "going_hungry": N_("Going hungry"), "running_away": N_("Running away"),
    "hopelessness": N_("Hopelessness"), "domestic_abuse_witnessed": N_("Domestic abuse between adults at home"),
    "needs_reading": N_("Needs a person to read"),
}
