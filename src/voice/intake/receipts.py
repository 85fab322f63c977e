"""Receipt codes: what a young person gets for their answers, and the only way to take them back.

A code is 12 characters from 32 (no 0/O, 1/I: easy to read out over the phone), 60 random bits from
the operating system's generator. Guessing one is hopeless: with a million responses stored, one guess
in 2^40 (about a million million) finds any, and guesses are limited to VOICE_SUBMISSIONS_PER_MINUTE
per address (300): one address would need about 7,000 years on average. Codes given before 2026-11
have 8 characters (40 bits) and still work.
"""

from __future__ import annotations

import secrets

RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RECEIPT_CHARS = 12
RECEIPT_BITS = 5 * RECEIPT_CHARS


def new_receipt() -> str:
    """Twelve characters from 32, in groups of four: 60 random bits."""
    bits = int.from_bytes(secrets.token_bytes(8)) >> (64 - RECEIPT_BITS)
    code = "".join(RECEIPT_ALPHABET[(bits >> (5 * i)) & 31] for i in range(RECEIPT_CHARS))
    return "-".join(code[i : i + 4] for i in range(0, RECEIPT_CHARS, 4))


def normalise_receipt(text: str) -> str:
    """A code as typed ("abcd efgh jkmn", "ABCDEFGHJKMN") as it is stored ("ABCD-EFGH-JKMN")."""
    code = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(code) in (8, RECEIPT_CHARS):
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
    return text.strip().upper()
