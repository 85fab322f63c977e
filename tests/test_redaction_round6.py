"""#28's sixth round, through `voice redact` (line in, line out) as others run it: names after a word for
someone in Urdu script, public figures with a title before their name, Urdu words in Urdu script, services
written in lower case or as letters, cities abroad that are first names too; first names that are words
where the words around give them as a name ("my name is summer", "a girl called hope", "me and will"), a
name with 's before a word for family, a word said to be family ("storm is my little sister"), and a famous
name said to be someone's carer; a school named like its area in a list with another school, or after "picks
me up from", "walk to" or Polish "z" after a name; a house number and street with where someone lives after
it, or in Urdu script, with its town and county; a place of work after Polish "w", or with words of work after
it."""

from __future__ import annotations

from tests.conftest import redaction_round

GO = [
    ("میری خالہ فرزانہ ہمارے ساتھ رہتی ہیں", "میری خالہ [name] ہمارے ساتھ رہتی ہیں"),
    ("میرا دوست عمران مجھے مارتا ہے", "میرا دوست [name] مجھے مارتا ہے"),
    ("my friend paris says she will tell on me", "my friend [name] says she will tell on me"),
    ("mr khan keeps shouting at me", "[name] keeps shouting at me"),
    ("hi my name is summer and i am 14", "hi my name is [name] and i am 14"),
    ("a girl called hope sent me those messages", "a girl called [name] sent me those messages"),
    ("kwabena's mum drives us to football", "[name]'s mum drives us to football"),
    ("me and will always walk home the long way", "me and [name] always walk home the long way"),
    ("my stepdad will shouts at my mum", "my stepdad [name] shouts at my mum"),
    ("storm is my little sister and she is scared", "[name] is my little sister and she is scared"),
    ("my foster parents are tracy and harry kane", "my foster parents are [name] and [name]"),
    ("i went to hamilton, moat and then fullhurst", "i went to [school], [school] and then [school]"),
    ("my nan picks me up from beaumont leys every day", "my nan picks me up from [school] every day"),
    ("we walk to spinney hill together", "we walk to [school] together"),
    ("kasia z moat mnie wyzywa", "[name] z [school] mnie wyzywa"),
    (
        "i walk past 7 wood lane every day, thats where my mum lives",
        "i walk past [address] every day, thats where my mum lives",
    ),
    ("ہمارا گھر 15 میلٹن روڈ پر ہے", "ہمارا گھر [address] پر ہے"),
    ("send it to 4 church street, uppingham, rutland", "send it to [address]"),
    ("moj tata pracuje w piekarni w wigston", "moj tata pracuje w [workplace]"),
    (
        "the manager at the esso garage on hinckley road gives my dad shifts",
        "the manager at [workplace] gives my dad shifts",
    ),
]

STAY = [
    "sir david attenborough should be in charge",
    "king charles was on the telly",
    "my fav roald dahl book is the twits",
    "mrs doubtfire is on tv tonight",
    "ہم مسجد جاتے ہیں اور عید پر بہت خوش ہوتے ہیں",
    "استاد اچھے ہیں لیکن کلاس میں شور ہوتا ہے",
    "the ymca does boxing for under 16s",
    "we went to paris for a school trip",
    "we go to abbey park on sundays",
    "me and will be there for each other",
    "my mum will always help me",
    "sleep is my best friend",
    "this is my sister's room",
    "my favourite player is harry kane",
    "i live in crown hills and hamilton is near",
    "beaumont leys and hamilton both have new parks",
    "we met at the costa on london road after work",
    "we walked past the big houses on the avenue at night",
]


went, test_voice_redact_takes_these_details, test_voice_redact_leaves_these_lines_as_written = redaction_round(GO, STAY)
