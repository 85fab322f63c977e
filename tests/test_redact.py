"""Redaction, measured both ways: every contact detail goes, ordinary words stay."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from voice.reading.redact import Terms, redact

DATA = Path(__file__).parent / "data" / "redaction"
CASES = list(csv.DictReader((DATA / "contact_details.tsv").read_text(encoding="utf-8").splitlines(), delimiter="\t"))
ORDINARY = [ln for ln in (DATA / "ordinary.txt").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def test_every_contact_detail_in_the_test_file_is_removed() -> None:
    assert len(CASES) >= 200
    missed = []
    for case in CASES:
        result = redact(case["text"])
        if case["detail"] in result.text or re.search(r"\d{3}", result.text) or f"[{case['kind']}]" not in result.text:
            missed.append((case["text"], result.text))
    kinds = {c["kind"] for c in CASES}
    assert kinds == {"phone", "email", "postcode", "handle"}
    print(f"contact details removed: {len(CASES) - len(missed)}/{len(CASES)}")
    assert not missed, f"{len(missed)} of {len(CASES)} not removed, e.g. {missed[:5]}"


def test_ordinary_lines_are_left_intact() -> None:
    assert len(ORDINARY) >= 200
    changed = [(line, redact(line).text) for line in ORDINARY if redact(line).text != line]
    kept = 1 - len(changed) / len(ORDINARY)
    print(f"ordinary lines kept intact: {len(ORDINARY) - len(changed)}/{len(ORDINARY)} ({kept:.1%})")
    assert kept >= 0.99, f"changed: {changed}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My name is Will and my mum is Hope.", "My name is [name] and my mum is [name]."),
        ("I told Will and Harry about it", "I told [name] and [name] about it"),
        ("me and priya went to see aisha", "me and [name] went to see [name]"),
        ("sam told me not to", "[name] told me not to"),
        ("Kacper said it was fine", "[name] said it was fine"),
        ("I felt listened to by Mrs Patel", "I felt listened to by [name]"),
        ("my social worker, Dan, changed again", "my social worker, [name], changed again"),
        ("Will you listen? Hope so.", "Will you listen? Hope so."),
        ("I live at 12 Narborough Road, LE3 0BQ", "I live at [address], [postcode]"),
        ("born on 3rd May 2008 and my dob is 03/05/2008", "born on [date of birth] and my dob is [date of birth]"),
        ("see www.example.com, or https://a.b/c?d=1.", "see [link], or [link]."),
        ("my snap is cool_kid99", "my snap is [handle]"),
        ("text 07700 900123 or email sam@x.com", "text [phone] or email [email]"),
    ],
)
def test_examples(text: str, expected: str) -> None:
    assert redact(text).text == expected


def test_the_partnerships_own_list() -> None:
    terms = Terms(terms={"school": ["Beaumont Leys School"], "worker": ["Dev"]})
    result = redact("I go to beaumont leys school and Dev is my worker", terms)
    assert result.text == "I go to [school] and [worker] is my worker"
    assert result.kinds == ("school", "worker")


separators = st.sampled_from(["", " ", "-", "."])


@given(
    digits=st.text(alphabet="0123456789", min_size=6, max_size=6),
    sep=separators,
    prefix=st.sampled_from(["07700", "+44 7700", "+447700", "(07700)", "0116"]),
    before=st.sampled_from(["call me on ", "my number ", "", "text "]),
    after=st.sampled_from(["", " thanks", "!!", ". ok"]),
)
def test_any_uk_number_is_removed(digits: str, sep: str, prefix: str, before: str, after: str) -> None:
    number = f"{prefix} {digits[:3]}{sep}{digits[3:]}" if prefix != "0116" else f"0116 496{sep}{digits[:4]}"
    result = redact(f"{before}{number}{after}")
    assert "[phone]" in result.text and not re.search(r"\d{3}", result.text), result.text


@given(
    user=st.from_regex(r"[a-z][a-z0-9._]{0,15}[a-z0-9]", fullmatch=True),
    host=st.sampled_from(["gmail.com", "hotmail.co.uk", "school.sch.uk", "outlook.com"]),
)
def test_any_email_is_removed(user: str, host: str) -> None:
    result = redact(f"my email is {user}@{host} ok")
    assert result.text == "my email is [email] ok"


def test_voice_redact_keeps_line_order_and_count(tmp_path: Path) -> None:
    lines = [c["text"] for c in CASES] + ORDINARY
    done = subprocess.run([sys.executable, "-m", "voice", "redact"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, check=True)
    out = done.stdout.splitlines()
    assert len(out) == len(lines)
    assert out[len(CASES):] == ORDINARY
    assert all("[" in line for line in out[: len(CASES)])
