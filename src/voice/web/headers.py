"""The headers every answer of the service carries (the app's response_headers), error pages too (voice.web.errors):
what a page may load and run, no referrer, no sniffing, no camera or location, and HSTS when the service is served
over HTTPS."""

from __future__ import annotations

from litestar.datastructures import ResponseHeader

from voice.common.settings import Settings

SECURITY_HEADERS = [
    ResponseHeader(
        name="Content-Security-Policy",
        value=(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        ),
    ),
    ResponseHeader(name="Referrer-Policy", value="no-referrer"),
    ResponseHeader(name="X-Content-Type-Options", value="nosniff"),
    ResponseHeader(name="Permissions-Policy", value="camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
HSTS = ResponseHeader(name="Strict-Transport-Security", value="max-age=31536000; includeSubDomains")
"""Sent when VOICE_PUBLIC_URL is https: browsers then use HTTPS only for the host, for a year. The proxy in
front (deploy/Caddyfile) sends it too; either alone is enough."""


def response_headers(settings: Settings) -> list[ResponseHeader]:
    return [*SECURITY_HEADERS, *([HSTS] if settings.public_url.startswith("https://") else [])]
