"""Rate limiting of what young people send (form posts and API submissions), with Litestar's own
middleware. The limit is per address, but the address itself is never kept: the key is an HMAC of it
under a random key that lives only in this process's memory and is replaced every day (UTC), so
yesterday's keys cannot be linked to today's and nothing on disk can be turned back into an address."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import threading

from litestar import Request
from litestar.middleware.base import DefineMiddleware
from litestar.middleware.rate_limit import RateLimitConfig, get_remote_address

LIMITED = re.compile(
    r"^/(?:s/[^/]+/|api/surveys/[^/]+/responses$|api/responses/|withdraw/?$|staff/withdraw/?$|"
    r"staff/sign-in$)"
)
"""Every post of a survey page, start and check-answers included, every API submission, every try at a
receipt code (withdrawing, on the page, through the API or by staff for a young person) and every try at
a staff password."""


class DailyKey:
    """A random key for the day, made in memory and replaced when the (UTC) day changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._day: dt.date | None = None
        self._key = b""

    def key(self, today: dt.date | None = None) -> bytes:
        today = today or dt.datetime.now(dt.UTC).date()
        with self._lock:
            if today != self._day:
                self._day, self._key = today, secrets.token_bytes(32)
            return self._key

    def identify(self, address: str, today: dt.date | None = None) -> str:
        return hmac.new(self.key(today), address.encode(), hashlib.sha256).hexdigest()


def rate_limit(per_minute: int) -> DefineMiddleware | None:
    """The middleware, or None when the limit is 0 (off)."""
    if per_minute <= 0:
        return None
    daily = DailyKey()

    def identifier(request: Request) -> str:
        return daily.identify(get_remote_address(request))

    def limited(request: Request) -> bool:
        return request.method in ("POST", "DELETE") and bool(LIMITED.match(request.url.path))

    return RateLimitConfig(
        rate_limit=("minute", per_minute),
        identifier_for_request=identifier,
        check_throttle_handler=limited,
        set_rate_limit_headers=False,
    ).middleware
