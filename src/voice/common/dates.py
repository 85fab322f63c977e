"""Days and moments as people and other tools write them: "01/10/2021", "2021-10-01", Microsoft Forms'
"9/14/2021 10:32:15", Google Forms' "2021/09/14 10:32:15 AM GMT+1", Excel's cells (ISO once read).

Day first unless the numbers say otherwise (a first number above 12 is a day; a second above 12 makes
the first a month), as in the UK; `day_first=False` for exports made in US English."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from zoneinfo import ZoneInfo

import holidays

MOMENT = re.compile(
    r"^\s*(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{1,4})"
    r"(?:[ T,]+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?\s*(?P<ampm>[AaPp][Mm])?)?"
    r"(?:\s*(?:Z|[A-Za-z]{3}|GMT|UTC)?\s*(?:[+-]\d{1,2}(?::?\d{2})?)?)?\s*$"
)


DEFAULT_TIMEZONE = "Europe/London"
"""The partnership's clock unless VOICE_TIMEZONE says otherwise."""
_zone = {"in use": ZoneInfo(DEFAULT_TIMEZONE)}


def use_timezone(name: str) -> None:
    """Make `name` (VOICE_TIMEZONE) the partnership's clock in this process: the service and each
    command set it from their settings when they start."""
    _zone["in use"] = ZoneInfo(name)


def now() -> dt.datetime:
    """This moment, in UTC (tests stand a moment of their own in for it)."""
    return dt.datetime.now(dt.UTC)


def local_today(moment: dt.datetime | None = None) -> dt.date:
    """The partnership's day now (or at `moment`): in British Summer Time, 00:30 on 1 April is 1 April,
    not the UTC date (31 March). Every stored day and every open/close decision uses it."""
    return (moment or now()).astimezone(_zone["in use"]).date()


def local_moment(moment: dt.datetime) -> dt.datetime:
    """A moment on the partnership's clock (a stored UTC time as staff in the area read it)."""
    return moment.astimezone(_zone["in use"])


class DateError(ValueError):
    """Not a day that exists, or not written as one; the message says how to write it."""


FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Days outside these years are slips ("1/1/0001"), refused rather than stored."""


def parse_moment(text: str, *, day_first: bool = True) -> dt.datetime:
    """The day (and time, if given) in `text`; DateError if it is not a real one."""
    m = MOMENT.match(text)
    if m is None:
        raise DateError(f"{text.strip()!r} is not a date: write it like 27/3/2021 or 2021-03-27")
    a, b, c = m["a"], m["b"], m["c"]
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(c) in (2, 4):
        year = int(c) + (2000 if len(c) == 2 else 0)
        first, second = int(a), int(b)
        if first > 12 or (second <= 12 and day_first):
            day, month = first, second
        else:
            day, month = second, first
    else:
        raise DateError(f"{text.strip()!r} is not a date: write it like 27/3/2021 or 2021-03-27")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateError(f"{text.strip()!r} is not a day young people could have answered on")
    hour = int(m["h"] or 0)
    if m["ampm"]:
        hour = hour % 12 + (12 if m["ampm"].lower() == "pm" else 0)
    try:
        return dt.datetime(year, month, day, hour, int(m["m"] or 0), int(m["s"] or 0))  # noqa: DTZ001 - as written
    except ValueError:
        raise DateError(f"{text.strip()!r} is not a day that exists") from None


def parse_day(text: str, *, day_first: bool = True) -> dt.date:
    """The day in `text` (a time after it is allowed and ignored); DateError if it is not a real one."""
    return parse_moment(text, day_first=day_first).date()


# --- working days (England's bank holidays): when a request for contact is due ---------------------
@cache
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def due_on(requested_on: str | dt.date, working_days: int) -> str:
    """The day by which someone must have got in touch: the `working_days`-th working day after the
    request (a request sent on a Saturday, on the Monday after, counts from that Monday's end)."""
    day = dt.date.fromisoformat(requested_on) if isinstance(requested_on, str) else requested_on
    left = working_days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day.isoformat()
