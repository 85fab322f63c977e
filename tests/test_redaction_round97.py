"""#28 round 97 (twenty-third session): text speak is nobody's name. A verb typed without its "g" ("shoutin",
"holdin", "starvin") and the short forms the reader already knows (data/textspeak.tsv: "gna", "nuffin", "2nite") are
words, wherever a learned recogniser reads them as a name; a first name that ends the same way ("kevin", "robin",
"justin") or that is in no list ("jazlin") is still a name where the words around say so. Lines written for these
tests, not taken from any set."""

from __future__ import annotations

import pytest

from voice.reading.redact import redact


@pytest.mark.parametrize(
    "line",
    [
        "my step dad keeps shoutin at me n my mum",
        "sum older boys got me holdin stuff for them",
        "im starvin most nights cos theres no food",
        "she keeps sayin its my fault",
        "gna run away if it carries on",
        "gunna tell sum1 at skool tmrw",
        "nuffin ever changes at home",
        "wen he drinks he starts hittin her",
        "i aint goin back there",
        "stop messin about and listen to us",
        "been cryin every nite",
        "sumthin happened at the park",
        "nobdy listens to me",
        "tryin my best but its hard",
        "thinkin of runnin away",
    ],
)
def test_text_speak_stays(line: str) -> None:
    assert redact(line).text == line


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("kevin keeps slappin me at school", "kevin"),
        ("robin keeps sayin stuff about my mum", "robin"),
        ("me and justin were messin about", "justin"),
        ("jazlin keeps sayin stuff about my mum", "jazlin"),
    ],
)
def test_a_name_that_ends_like_text_speak_still_goes(line: str, gone: str) -> None:
    out = redact(line).text
    assert "[name]" in out and gone not in out.split(), out
