"""Languages: choosing a locale per request, translating in Python and Jinja, text direction.

Litestar has no i18n, and installing translations into the shared Jinja environment would leak one
request's language into another. So the gettext callables read the locale from the render context.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from jinja2.runtime import Context

LOCALE_DIR = Path(__file__).parent / "locale"
LOCALE_DIRS: list[Path] = [LOCALE_DIR]
"""Where compiled catalogues are looked for, in order (tests add a pseudo-locale here)."""
DEFAULT_LOCALE = "en"
EXTRACT_KEYWORDS = ("N_", "translate:2", "translate_plural:2,3", "t:2", "_", "gettext", "ngettext:1,2")
"""How pybabel finds messages: Python helpers take the locale first; Jinja's `_` and `ngettext` do not."""


def N_(message: str) -> str:  # noqa: N802 - the conventional name for "mark for extraction"
    """Mark a string for translation without translating it now."""
    return message


def available_locales() -> list[str]:
    """English plus every locale with a compiled catalogue."""
    found = {p.parent.parent.name for d in LOCALE_DIRS for p in d.glob("*/LC_MESSAGES/messages.mo")}
    return [DEFAULT_LOCALE, *sorted(found - {DEFAULT_LOCALE})]


@cache
def translations(locale: str) -> NullTranslations:
    if locale == DEFAULT_LOCALE:
        return NullTranslations()
    for folder in LOCALE_DIRS:
        if (folder / locale / "LC_MESSAGES" / "messages.mo").exists():
            return Translations.load(str(folder), [locale], domain="messages")
    return NullTranslations()


def translate(locale: str, message: str, **params: Any) -> str:
    text = translations(locale).gettext(message)
    return text % params if params else text


def translate_plural(locale: str, singular: str, plural: str, n: int, **params: Any) -> str:
    text = translations(locale).ngettext(singular, plural, n)
    return text % {"num": n, **params}


def negotiate(requested: str | None, accept_language: str | None, supported: list[str]) -> str:
    """An explicit choice wins, then the browser's Accept-Language, then English."""
    if requested and requested in supported:
        return requested
    if accept_language:
        prefs = []
        for part in accept_language.split(","):
            tag, _, q = part.strip().partition(";q=")
            try:
                weight = float(q) if q else 1.0
            except ValueError:
                continue
            if tag and tag != "*":
                prefs.append((weight, tag.replace("-", "_")))
        ordered = [tag for _, tag in sorted(prefs, key=lambda p: -p[0])]
        from babel import negotiate_locale

        found = negotiate_locale(ordered, supported, sep="_")
        if found:
            return found
    return DEFAULT_LOCALE


@cache
def direction(locale: str) -> str:
    try:
        return "rtl" if Locale.parse(locale).character_order == "right-to-left" else "ltr"
    except (UnknownLocaleError, ValueError):
        return "ltr"


@pass_context
def jinja_gettext(ctx: Context, message: str, **params: Any) -> str:
    return translate(ctx.get("locale", DEFAULT_LOCALE), message, **params)


@pass_context
def jinja_ngettext(ctx: Context, singular: str, plural: str, n: int, **params: Any) -> str:
    return translate_plural(ctx.get("locale", DEFAULT_LOCALE), singular, plural, n, **params)


DEFAULT_TEXTS: set[str] = set()
"""Survey wording that code supplies by default (e.g. the quote-consent question): translated when shown."""


@pass_context
def jinja_label(ctx: Context, text: str) -> str:
    """Survey text as written, except wording the product supplied by default, which is translated."""
    return translate(ctx.get("locale", DEFAULT_LOCALE), text) if text in DEFAULT_TEXTS else text

