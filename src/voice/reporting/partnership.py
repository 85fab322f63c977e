"""Whose "you said, we did" it is: the partnership's name, logo, web addresses and contact, from one file
(VOICE_PARTNERSHIP_FILE, else the neutral one the demo ships), shown on every output."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path
from typing import Annotated

import msgspec
from msgspec import Meta

from voice.common.settings import PACKAGE_DIR, Settings, SettingsError
from voice.reporting.priorities import year_slug
from voice.surveys.files import SurveyFileError, parse_yaml_as, read_text_file

DEFAULT_FILE = PACKAGE_DIR / "data" / "partnership.yaml"
Line = Annotated[str, Meta(max_length=300)]
Address = Annotated[str, Meta(pattern=r"^(https?://\S+)?$", max_length=300)]
LOGO_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


class PartnershipText(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """The partnership's words in another language; what is left out is shown as written in English."""

    name: Line | None = None
    take_part: Annotated[str, Meta(max_length=1000)] | None = None
    logo_alt: Line | None = None


class PartnershipFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    name: Annotated[str, Meta(min_length=1, max_length=300)]
    website: Address = ""
    report_address: Address = ""
    email: Annotated[str, Meta(pattern=r"^([^@\s]+@[^@\s]+)?$", max_length=254)] = ""
    phone: Annotated[str, Meta(pattern=r"^[0-9 +()-]*$", max_length=30)] = ""
    logo: Line = ""
    logo_alt: Line = ""
    take_part: Annotated[str, Meta(max_length=1000)] = ""
    translations: dict[Annotated[str, Meta(pattern=r"^[a-z]{2,3}$")], PartnershipText] = {}


class Partnership(msgspec.Struct, frozen=True, kw_only=True):
    """As a report carries it: the full report's address made for the report's year, the logo inside."""

    name: str = "Safeguarding Children Partnership"
    website: str = ""
    report_address: str = ""
    """The web address of the full report, with {year} still in it until `for_year`."""
    email: str = ""
    phone: str = ""
    logo: str = ""
    """The logo as a data: address (so that a file made from the report stands alone), or empty."""
    logo_alt: str = ""
    take_part: str = ""
    translations: dict[str, dict[str, str]] = {}

    def for_year(self, year: str) -> Partnership:
        return msgspec.structs.replace(self, report_address=self.report_address.replace("{year}", year_slug(year)))

    def in_language(self, locale: str) -> Partnership:
        words = self.translations.get(locale.split("_")[0], {})
        return msgspec.structs.replace(self, **words) if words else self

    @property
    def logo_bytes(self) -> tuple[bytes, str] | None:
        """The logo's bytes and media type, for Word (which takes PNG or JPEG only)."""
        kind, _, data = self.logo.removeprefix("data:").partition(";base64,")
        return (base64.b64decode(data), kind) if data else None


def load_partnership(path: Path = DEFAULT_FILE) -> Partnership:
    """Read and check a partnership file (SurveyFileError lists each problem with its line)."""
    found, _ = parse_yaml_as(read_text_file(path, "a partnership file"), str(path), PartnershipFile)
    read: PartnershipFile = found
    logo = ""
    if read.logo:
        picture = path.parent / read.logo
        kind = LOGO_TYPES.get(picture.suffix.lower())
        if kind is None:
            raise ValueError(f"the logo must be an SVG, PNG or JPEG file, not {picture.name}")
        logo = f"data:{kind};base64,{base64.b64encode(picture.read_bytes()).decode()}"
    texts = {
        lang: {f: v for f in PartnershipText.__struct_fields__ if (v := getattr(t, f))}
        for lang, t in read.translations.items()
    }
    return Partnership(
        name=read.name,
        website=read.website,
        report_address=read.report_address,
        email=read.email,
        phone=read.phone,
        logo=logo,
        logo_alt=read.logo_alt,
        take_part=read.take_part,
        translations={lang: words for lang, words in texts.items() if words},
    )


@cache
def _cached(path: str) -> Partnership:
    return load_partnership(Path(path))


def partnership_for(settings: Settings) -> Partnership:
    """The partnership in use: VOICE_PARTNERSHIP_FILE, else the demo's neutral one."""
    path = settings.partnership_file or str(DEFAULT_FILE)
    try:
        return _cached(path)
    except (OSError, ValueError, SurveyFileError) as exc:
        raise SettingsError(f"VOICE_PARTNERSHIP_FILE: {path}: {exc}") from None


@cache
def default_partnership() -> Partnership:
    """The demo's neutral partnership (src/voice/data/partnership.yaml), read once per process."""
    return load_partnership()
