"""Languages: choosing a locale per request, translating in Python and Jinja, text direction.

Litestar has no i18n, and installing translations into the shared Jinja environment would leak one
request's language into another. So the gettext callables read the locale from the render context.
"""

from __future__ import annotations

import datetime as dt
import math
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from voice.common.dates import local_moment

LOCALE_DIR = Path(__file__).parent.parent / "locale"
LOCALE_DIRS: list[Path] = [LOCALE_DIR]
"""Where compiled catalogues are looked for, in order (tests add a pseudo-locale here)."""
DEFAULT_LOCALE = "en"
NEEDS_REVIEW = "needs review by a native speaker"
"""The comment on a message whose translation nobody who speaks the language has checked yet."""
EXTRACT_KEYWORDS = (
    "N_",
    "translate:2",
    "translate_plural:2,3",
    "t:2",
    "_",
    "gettext",
    "ngettext:1,2",
    "plural_forms:1,2",
)
"""How pybabel finds messages: Python helpers take the locale first; Jinja's `_` and `ngettext` do not."""


def N_(message: str) -> str:  # noqa: N802 - the conventional name for "mark for extraction"
    """Mark a string for translation without translating it now."""
    return message


def available_locales() -> list[str]:
    """English plus every locale with a compiled catalogue (looked for once: see `forget_catalogues`)."""
    return list(_available())


@cache
def _available() -> tuple[str, ...]:
    found = {p.parent.parent.name for d in LOCALE_DIRS for p in d.glob("*/LC_MESSAGES/messages.mo")}
    return (DEFAULT_LOCALE, *sorted(found - {DEFAULT_LOCALE}))


def forget_catalogues() -> None:
    """Look for catalogues and load them again (after LOCALE_DIRS changed)."""
    _available.cache_clear()
    translations.cache_clear()


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
    return text % {"num": number(locale, n), **params}


def negotiate(
    requested: str | None, accept_language: str | None, supported: list[str], default: str = DEFAULT_LOCALE
) -> str:
    """An explicit choice wins, then the browser's Accept-Language, then `default`."""
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
    return default


@cache
def language_name(locale: str, in_locale: str | None = None) -> str:
    """A language's name, by default in that language, as a switcher shows it: English, اردو, Polski."""
    try:
        name = Locale.parse(locale).get_display_name(_babel_locale(in_locale or locale)) or locale
    except (UnknownLocaleError, ValueError):
        return locale
    return name if in_locale else name[:1].upper() + name[1:]  # "Polski" in a list, "angielski" in a sentence


def lang_tag(locale: str) -> str:
    """The locale as HTML's `lang` attribute writes it: pt_BR is pt-BR."""
    return locale.replace("_", "-")


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
def jinja_ngettext(ctx: Context, singular: str, plural: str, n: int) -> str:
    """Jinja fills in the other placeholders itself (it passes none here); the count is written the
    reader's way."""
    locale = ctx.get("locale", DEFAULT_LOCALE)
    return translations(locale).ngettext(singular, plural, n).replace("%(num)s", number(locale, n))


@cache
def plural_forms(locale: str, singular: str, plural: str) -> dict[str, str]:
    """A message's every plural form in this locale, by CLDR plural category ("one", "few", "many", "other"), with
    "{count}" where the number goes: for a page's script to choose with Intl.PluralRules as a count changes ("1
    character left", "2 znaki", "5 znaków")."""
    try:
        rules = Locale.parse(_babel_locale(locale))
    except (UnknownLocaleError, ValueError):
        rules = Locale.parse(DEFAULT_LOCALE)
    forms: dict[str, str] = {}
    for n in range(202):
        forms.setdefault(rules.plural_form(n), translations(locale).ngettext(singular, plural, n))
    return {category: text.replace("%(num)s", "{count}") for category, text in forms.items()}


@pass_context
def jinja_plural_forms(ctx: Context, singular: str, plural: str) -> dict[str, str]:
    return plural_forms(ctx.get("locale", DEFAULT_LOCALE), singular, plural)


DEFAULT_TEXTS: set[str] = set()
"""Survey wording that code supplies by default (e.g. the quote-consent question): translated when shown."""


def survey_text(locale: str, text: str) -> str:
    """Survey text as written, except wording the product supplied by default, which is translated."""
    return translate(locale, text) if text in DEFAULT_TEXTS else text


def _in_lang(ctx: Context, text: str, lang: str | None) -> str:
    """The text, inside a span marked with its language when that is not the page's (a passage still in
    English on a page in Urdu), so that screen readers say it right and it runs the right way."""
    page = ctx.get("locale", DEFAULT_LOCALE).split("_")[0]
    if not lang or lang == page:
        return text
    return Markup('<span lang="{}" dir="{}">{}</span>').format(lang_tag(lang), direction(lang), text)


@pass_context
def jinja_label(ctx: Context, text: str, lang: str | None = None) -> str:
    """Survey words (`lang`: the language they are in, when it may not be the page's)."""
    return _in_lang(ctx, survey_text(ctx.get("locale", DEFAULT_LOCALE), text), lang)


@pass_context
def jinja_said(ctx: Context, text: str, lang: str | None = None) -> str:
    """The partnership's words (`lang`: the language they are in, when it may not be the page's)."""
    return _in_lang(ctx, text, lang)


def number(locale: str, n: float) -> str:
    """A number written the reader's way (1,234 in English, 1 234 in Polish)."""
    return format_decimal(n, locale=_babel_locale(locale))


def score(locale: str, chance: float) -> str:
    """A reader's score to two decimals, cut and never rounded up ("0.98" for 0.989), written the reader's way
    ("0,98" in Polish): a score shown at a threshold (0.99 to flag) has reached it."""
    return format_decimal(math.floor(chance * 100 + 1e-9) / 100, format="0.00", locale=_babel_locale(locale))


def words_list(locale: str, items: list[str]) -> str:
    """ "a, b and c", the reader's way."""
    return format_list(items, locale=_babel_locale(locale)) if items else ""


def percent(locale: str, whole_percent: float) -> str:
    return format_percent(whole_percent / 100, locale=_babel_locale(locale))


def day(locale: str, when: str | dt.date) -> str:
    """A date in words (1 April 2021), in the reader's language."""
    value = dt.date.fromisoformat(when) if isinstance(when, str) else when
    return format_date(value, format="long", locale=_babel_locale(locale))


def moment(locale: str, when: str | dt.datetime) -> str:
    """A stored moment (ISO, UTC) as staff read it: its day in words and its time on the partnership's clock
    ("5 December 2026, 22:17"), not "2026-12-05T22:17:37+00:00". What is stored with its day only (what the system
    did with a young person's answer: the time of day would say when it was sent) is its day ("5 December 2026"),
    never a made-up "00:00"."""
    where = _babel_locale(locale)
    if isinstance(when, str) and len(when) == len("2026-12-05"):
        return format_date(dt.date.fromisoformat(when), format="long", locale=where)
    value = local_moment(dt.datetime.fromisoformat(when) if isinstance(when, str) else when)
    return f"{format_date(value, format='long', locale=where)}, {format_time(value, format='short', locale=where)}"


def month_year(locale: str, when: str | dt.date) -> str:
    """A month and year in words (March 2024), in the reader's language."""
    value = dt.date.fromisoformat(when) if isinstance(when, str) else when
    return format_date(value, format="LLLL y", locale=_babel_locale(locale))


@cache
def _babel_locale(locale: str) -> str:
    """Babel's data for the locale, or English for one it does not know (such as a test pseudo-locale)."""
    if locale == DEFAULT_LOCALE:
        return "en_GB"  # our English is British: 1 April 2021
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return "en_GB"
    return locale


@pass_context
def jinja_number(ctx: Context, n: float) -> str:
    return number(ctx.get("locale", DEFAULT_LOCALE), n)


@pass_context
def jinja_score(ctx: Context, chance: float) -> str:
    return score(ctx.get("locale", DEFAULT_LOCALE), chance)


@pass_context
def jinja_percent(ctx: Context, whole_percent: float) -> str:
    return percent(ctx.get("locale", DEFAULT_LOCALE), whole_percent)


@pass_context
def jinja_day(ctx: Context, when: str | dt.date) -> str:
    return day(ctx.get("locale", DEFAULT_LOCALE), when)


@pass_context
def jinja_moment(ctx: Context, when: str | dt.datetime) -> str:
    return moment(ctx.get("locale", DEFAULT_LOCALE), when)
