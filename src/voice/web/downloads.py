"""The one way a download names its file: a Content-Disposition header that nothing in a name can break.

A name may hold words from an address (a survey's slug, say), so it is made safe first: no control or
formatting characters (a right-to-left override shows "fdp.exe" as "exe.pdf"), no path separators,
quotes or semicolons. Then it is given twice, as RFC 6266 says: `filename="…"` in plain ASCII for old
clients, and `filename*=UTF-8''…` percent-encoded (RFC 5987), which every current browser prefers.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

UNSAFE = re.compile(r'[\\/:*?"<>|;%=,\s]+')
"""What is never part of a file's name here: path separators, what Windows refuses, what a header's
parameters are made of, and white space, each run of them written as one '_'."""
ASCII_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 150


def safe_name(name: str, default: str = "download") -> str:
    """The name with no control or formatting characters (bidi overrides and isolates, zero widths) and
    every run of unsafe characters as one '_'; never a hidden file (a leading dot), at most MAX_NAME characters
    with the extension kept."""
    text = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    text = UNSAFE.sub("_", text).strip("_").rstrip(".")
    if text.startswith("."):  # a name with nothing before its extension, or a hidden file's
        text = default + text
    if len(text) > MAX_NAME:
        stem, dot, ext = text.rpartition(".")
        text = stem[: MAX_NAME - len(ext) - 1] + dot + ext if dot and len(ext) <= 10 else text[:MAX_NAME]
    return text or default


def ascii_name(name: str, default: str = "download") -> str:
    """The same name in ASCII letters, digits, '.', '_' and '-' only (accents dropped, other letters as '_');
    `default` (with the extension) when nothing of the name is left."""
    stem, dot, ext = safe_name(name, default).rpartition(".")
    if not dot:
        stem, ext = ext, ""

    def ascii_only(text: str) -> str:
        return ASCII_UNSAFE.sub("_", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()).strip("._")

    stem, ext = ascii_only(stem), ascii_only(ext)
    if not re.search(r"[A-Za-z0-9]", stem):
        stem = default
    return f"{stem}.{ext}" if ext else stem


def attachment(name: str) -> str:
    """`attachment; filename="…"; filename*=UTF-8''…` for a file called `name` (made safe, see safe_name)."""
    return f"attachment; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(safe_name(name), safe='')}"


def download_headers(name: str) -> dict[str, str]:
    """The headers of a download called `name`: pass as Response(..., headers=download_headers(name))."""
    return {"Content-Disposition": attachment(name)}
