"""/metrics in Prometheus's text format (VOICE_METRICS=1), for whoever runs the service to be woken when it
breaks: counts read from the database at each scrape, and the time requests take by group of routes.

Never a label with a young person's words, a receipt, an address or a staff member's name: the only labels
are a flag's tier and a route group. It answers only a scraper with VOICE_METRICS_TOKEN or from an address in
VOICE_METRICS_ALLOW. With several workers, each writes its request times to files in a folder they share
(prometheus_client's multiprocess mode, set up by `voice serve`), so a scrape of any worker sees them all.
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import os
import time
from collections.abc import Iterator
from typing import Any

from litestar import Request, Response, get
from litestar.di import NamedDependency, Provide
from litestar.enums import ScopeType
from litestar.exceptions import NotFoundException
from litestar.types import ASGIApp, Receive, Scope, Send
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from voice.common.settings import Settings
from voice.curation import flags, notices
from voice.intake import contacts
from voice.intake.operations import last_backup_age
from voice.store.db import opened

GROUPS = (
    ("/healthz", "health"),
    ("/metrics", "metrics"),
    ("/static", "static"),
    ("/api", "api"),
    ("/staff", "staff"),
    ("/s/", "form"),
)
"""Route groups, by the start of the path; anything else is "public" (start pages, you said we did)."""

NAMES = {
    "voice_responses_stored": "Responses (sets of answers) stored.",
    "voice_answers_unread": "Responses stored and waiting to be read (redacted, checked for safeguarding signs).",
    "voice_flags_open": "Open flags in the safeguarding lead's queue, by tier (flag, look, person).",
    "voice_contact_requests_open": "Requests for contact not yet closed.",
    "voice_contact_requests_overdue": "Requests for contact open past their due day.",
    "voice_emails_waiting": "Emails to staff queued and not yet sent.",
    "voice_emails_unsent": "Emails to staff tried and not sent (the mail server is failing).",
    "voice_backup_age_seconds": "Seconds since the newest checked backup (+Inf: never).",
    "voice_request_duration_seconds": "Time to answer a request, by route group (histogram).",
}
"""Every metric voice exports, with its help text (docs/deploy.md lists them)."""


def group_of(path: str) -> str:
    return next((group for start, group in GROUPS if path.startswith(start)), "public")


class DatabaseCounts(Collector):
    """Gauges read from the database at each scrape (so every worker reports the same)."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path

    def collect(self) -> Iterator[Metric]:
        with opened(self.db_path) as db:

            def gauge(name: str, value: float) -> GaugeMetricFamily:
                return GaugeMetricFamily(name, NAMES[name], value=value)

            yield gauge("voice_responses_stored", db.execute("SELECT count(*) FROM responses").fetchone()[0])
            yield gauge("voice_answers_unread", db.execute("SELECT count(*) FROM unread").fetchone()[0])
            tiers = GaugeMetricFamily("voice_flags_open", NAMES["voice_flags_open"], labels=["tier"])
            for tier, count in flags.open_counts(db).items():
                tiers.add_metric([tier], count)
            yield tiers
            yield gauge("voice_contact_requests_open", contacts.open_count(db))
            yield gauge("voice_contact_requests_overdue", contacts.overdue_count(db))
            yield gauge("voice_emails_waiting", notices.waiting(db))
            yield gauge("voice_emails_unsent", notices.unsent_count(db))
            age = last_backup_age(db)
            yield gauge("voice_backup_age_seconds", math.inf if age is None else age)


class Metrics:
    """One per worker: the registry /metrics shows, and the middleware that times requests."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.registry = CollectorRegistry()
        self.registry.register(DatabaseCounts(settings.db_path))
        shared = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
        if shared:
            MultiProcessCollector(self.registry, path=shared)  # type: ignore[no-untyped-call]
            # Written to the shared folder, read back by the collector above: not registered twice.
            self.durations = Histogram(
                "voice_request_duration_seconds", NAMES["voice_request_duration_seconds"], ["group"], registry=None
            )
        else:
            self.durations = Histogram(
                "voice_request_duration_seconds",
                NAMES["voice_request_duration_seconds"],
                ["group"],
                registry=self.registry,
            )
        self.networks = [
            ipaddress.ip_network(a.strip(), strict=False) for a in settings.metrics_allow.split(",") if a.strip()
        ]

    def middleware(self, app: ASGIApp) -> ASGIApp:
        async def timed(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != ScopeType.HTTP:
                await app(scope, receive, send)
                return
            began = time.perf_counter()
            try:
                await app(scope, receive, send)
            finally:
                self.durations.labels(group_of(scope["path"])).observe(time.perf_counter() - began)

        return timed

    def allowed(self, request: Request[Any, Any, Any]) -> bool:
        token = self.settings.metrics_token
        sent = request.headers.get("authorization", "")
        if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
            return True
        host = request.client.host if request.client else ""
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.networks)


REFUSED = (
    b"403: the metrics token is missing or wrong (send Authorization: Bearer <VOICE_METRICS_TOKEN>), "
    b"or scrape from an address in VOICE_METRICS_ALLOW.\n"
)
MEDIA_TYPE = CONTENT_TYPE_LATEST.split("; charset=")[0]
"""Prometheus's text format; Litestar adds the charset itself."""


def provide_metrics(metrics: Metrics) -> dict[str, Provide]:
    """The app's Metrics as metrics_page's parameter `metrics` (an app dependency only when /metrics is served)."""

    def provide() -> Metrics:
        return metrics

    return {"metrics": Provide(provide, use_cache=True, sync_to_thread=False)}


@get("/metrics", sync_to_thread=True, include_in_schema=False, opt={"exclude_from_csrf": True})
def metrics_page(request: Request[Any, Any, Any], metrics: NamedDependency[Metrics]) -> Response[bytes]:
    """Only at /metrics: /metrics/ (which a proxy's rule for /metrics may not cover) is not found."""
    if request.scope.get("raw_path", b"/metrics").split(b"?")[0] != b"/metrics":
        raise NotFoundException()
    if not metrics.allowed(request):  # a sentence for whoever sets up the scraper, not a web page
        return Response(REFUSED, status_code=403, media_type="text/plain", headers={"Cache-Control": "no-store"})
    return Response(generate_latest(metrics.registry), media_type=MEDIA_TYPE, headers={"Cache-Control": "no-store"})
