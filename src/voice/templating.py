"""The one Jinja environment: the web app renders pages with it and exports render files with it, so
a report looks and reads the same in both. Translation helpers read the locale from the context."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from voice.i18n import (
    jinja_day,
    jinja_gettext,
    jinja_label,
    jinja_ngettext,
    jinja_number,
    jinja_percent,
)
from voice.settings import PACKAGE_DIR


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
    env.globals.update(label=jinja_label, number=jinja_number, percent=jinja_percent, day=jinja_day)
    return env
