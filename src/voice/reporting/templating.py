"""The one Jinja environment: the web app renders pages with it and exports render files with it, so
a report looks and reads the same in both. Translation helpers read the locale from the context."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from voice.common.i18n import (
    DEFAULT_LOCALE,
    jinja_day,
    jinja_gettext,
    jinja_label,
    jinja_moment,
    jinja_ngettext,
    jinja_number,
    jinja_percent,
    jinja_plural_forms,
    jinja_said,
    jinja_score,
    language_name,
    words_list,
)
from voice.common.settings import PACKAGE_DIR
from voice.reading.themes import SENTIMENT_NAMES, SENTIMENTS
from voice.reporting.outputs import (
    Report,
    address_lines,
    attributed,
    in_ten,
    made_line,
    published_lines,
    said_most_first,
    told_line,
)
from voice.reporting.priorities import STATUS_NAMES
from voice.reporting.results import Count, change_text, count_text, share_text


@pass_context
def jinja_count(ctx: Context, c: Count, threshold: int) -> str:
    return count_text(ctx.get("locale", DEFAULT_LOCALE), c, threshold)


@pass_context
def jinja_share(ctx: Context, c: Count, threshold: int) -> str:
    return share_text(ctx.get("locale", DEFAULT_LOCALE), c, threshold)


@pass_context
def jinja_change(ctx: Context, points: int | None) -> str:
    return change_text(ctx.get("locale", DEFAULT_LOCALE), points)


@pass_context
def jinja_told(ctx: Context, report: Report) -> str:
    return told_line(ctx.get("locale", DEFAULT_LOCALE), report)


@pass_context
def jinja_made(ctx: Context, report: Report, named: bool = True) -> str:
    return made_line(ctx.get("locale", DEFAULT_LOCALE), report, named=named)


@pass_context
def jinja_addresses(ctx: Context, report: Report) -> list[str]:
    return address_lines(ctx.get("locale", DEFAULT_LOCALE), report)


@pass_context
def jinja_published(ctx: Context, report: Report) -> list[str]:
    return published_lines(ctx.get("locale", DEFAULT_LOCALE), report.against_published, report.threshold)


@pass_context
def jinja_languages(ctx: Context, codes: Iterable[str]) -> str:
    """Languages by name in the page's language: "Urdu and Polish"."""
    locale = ctx.get("locale", DEFAULT_LOCALE)
    return words_list(locale, [language_name(code, locale) for code in codes])


def text_direction(text: str) -> str:
    """ "rtl" or "ltr" from a text's first letter that has a direction (as dir="auto" would, which WeasyPrint
    does not do): a young person's words keep their own direction on a page in another script."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"


def title_and(title: str, text: str) -> str:
    """A survey's title and one of its questions on one line: "Your area: What would help?", and with no colon
    after a title that ends its own sentence ("Do you feel safe? What would help?", not "safe?: What")."""
    title = title.rstrip()
    return f"{title} {text}" if title.endswith(("?", "!", ".", ":", "…", "؟", "۔")) else f"{title}: {text}"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PACKAGE_DIR / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n", "jinja2.ext.do"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(jinja_gettext, jinja_ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        label=jinja_label,
        said=jinja_said,
        number=jinja_number,
        score=jinja_score,
        percent=jinja_percent,
        day=jinja_day,
        moment=jinja_moment,
        count_text=jinja_count,
        share_text=jinja_share,
        change_text=jinja_change,
        told_line=jinja_told,
        language_names=jinja_languages,
        made_line=jinja_made,
        address_lines=jinja_addresses,
        published_lines=jinja_published,
        in_ten=in_ten,
        said_most_first=said_most_first,
        attributed=attributed,
        text_direction=text_direction,
        title_and=title_and,
        plural_forms=jinja_plural_forms,
    )
    # What every report page needs, wherever it is rendered (a page, a file): a context may override.
    env.globals.update(
        status_names=STATUS_NAMES,
        sentiments=SENTIMENTS,
        sentiment_names=SENTIMENT_NAMES,
        print=False,
        link_years=False,
        show_check=True,
    )
    return env
