"""Write tests/data/redaction/contact_details.tsv: sentences in young people's phrasing, each holding one
contact detail in one of many real-world formats, with the detail in the second column. Phone numbers
use Ofcom's ranges reserved for drama (07700 900xxx, 0116 496 0xxx, 020 7946 0xxx); run once, commit."""

import random
from pathlib import Path

rng = random.Random(2026)
OUT = Path(__file__).parent.parent / "tests" / "data" / "redaction" / "contact_details.tsv"


def mobile() -> str:
    d = f"7700900{rng.randrange(1000):03d}"
    return rng.choice(
        [
            f"0{d[:4]} {d[4:]}",
            f"0{d}",
            f"+44 {d[:4]} {d[4:]}",
            f"+44{d}",
            f"0{d[:4]}-{d[4:7]}-{d[7:]}",
            f"0{d[:4]} {d[4:7]} {d[7:]}",
            f"+44 (0){d[:4]} {d[4:]}",
            f"(0{d[:4]}) {d[4:]}",
        ]
    )


def landline() -> str:
    n = rng.randrange(1000)
    return rng.choice(
        [
            f"0116 496 0{n:03d}",
            f"01164960{n:03d}",
            f"(0116) 496 0{n:03d}",
            f"0116-496-0{n:03d}",
            f"020 7946 0{n:03d}",
            f"+44 116 496 0{n:03d}",
        ]
    )


def email() -> str:
    user = rng.choice(
        ["sam.jones", "kayla_x", "jay-99", "priya.patel2009", "ME", "kacper.nowak", "a.b.c+ypag", "lil_t"]
    )
    host = rng.choice(
        ["gmail.com", "hotmail.co.uk", "outlook.com", "icloud.com", "school.sch.uk", "yahoo.com", "GMAIL.COM"]
    )
    return rng.choice([f"{user}@{host}", f"{user} @ {host}".replace(" @ ", "@"), f"{user}(at){host}"])


def postcode() -> str:
    pc = rng.choice(
        [
            "LE1 6ZG",
            "LE2 7AA",
            "LE3 0BQ",
            "LE4 9HA",
            "LE5 1LB",
            "LE67 9AB",
            "LE15 6RB",
            "LE12 8TR",
            "LE10 1AB",
            "NG1 1AA",
            "LE7 7GS",
            "LE19 1WP",
            "CV1 2AB",
            "PE9 2SJ",
        ]
    )
    return rng.choice([pc, pc.lower(), pc.replace(" ", "")])


def handle() -> str:
    name = rng.choice(["sammyj", "cool_kid99", "dancer.girl", "xx_jay_xx", "tilly2010", "big_man_k", "rutland_rider"])
    return rng.choice(
        [f"@{name}", f"snap: {name}", f"my insta is {name}", f"sc - {name}", f"tiktok @{name}", f"Snapchat: {name}"]
    )


TEMPLATES = {
    mobile: [
        "you can text me on {} if you want",
        "my number is {} but only text",
        "ring {} after school",
        "{} is my mums phone so dont call it",
        "i'll answer on {} if it's you",
        "call me {}!!",
    ],
    landline: ["our house phone is {}", "you could ring {} in the evening", "the number at my nans is {}."],
    email: ["my email is {}", "email me at {} please", "{} is my school email", "you can reach me on {}, thanks"],
    postcode: [
        "i live in {} near the park",
        "my postcode is {}",
        "we moved to {} last year",
        "it happened near {} by the shops",
    ],
    handle: ["add me on {}", "follow me {} if u want to chat", "{} is where i post", "message me {}"],
}

KINDS = {mobile: "phone", landline: "phone", email: "email", postcode: "postcode", handle: "handle"}
lines = []
for make, templates in TEMPLATES.items():
    for _ in range({mobile: 70, landline: 30, email: 50, postcode: 50, handle: 40}[make]):
        detail = make()
        lines.append(f"{rng.choice(templates).format(detail)}\t{detail}\t{KINDS[make]}")
rng.shuffle(lines)
OUT.write_text("text\tdetail\tkind\n" + "\n".join(lines) + "\n")
print(f"{len(lines)} lines written to {OUT}")
