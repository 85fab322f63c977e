"""/metrics: off unless VOICE_METRICS is set; then only with the token or from an allowed address; counts from
the database and request times by route group, never anyone's words, receipts or names as labels."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import msgspec
import pytest
from litestar.testing import TestClient
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import add, free_port, served, started
from voice.common.settings import REPO_DIR, Settings
from voice.web.app import create_app
from voice.web.metrics import NAMES

TOKEN = "scraper-token-0123456789"


def scraped(text: str) -> dict[str, list[tuple[dict[str, str], float]]]:
    found: dict[str, list[tuple[dict[str, str], float]]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append((sample.labels, sample.value))
    return found


def test_metrics_are_off_unless_asked_for(client: TestClient) -> None:
    assert client.get("/metrics").status_code == 404


def test_metrics_need_the_token_and_hold_counts_never_words(settings: Settings) -> None:
    settings = msgspec.structs.replace(settings, metrics=True, metrics_token=TOKEN)
    with TestClient(create_app(settings)) as client:
        add(settings, "lead@example.org", "safeguarding_lead")
        assert client.get("/metrics").status_code == 403
        refused = client.get("/metrics", headers={"Authorization": "Bearer wrong"})
        assert refused.status_code == 403 and refused.text.startswith("403: the metrics token is missing or wrong")
        assert client.get("/metrics/", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404
        receipts = [
            client.post(
                "/api/surveys/ypag-priorities/responses",
                json={"answers": {"most_important": f"Tamsin wants more buses to Braunstone {i}"}},
            ).json()["receipt"]
            for i in range(3)
        ]
        client.get("/healthz")
        client.get("/staff/sign-in")
        response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; version=1.0.0; charset=utf-8"
    assert "set-cookie" not in response.headers  # a monitor is given no cookie
    text = response.text
    for secret in ("Tamsin", "Braunstone", "lead@example.org", *receipts):
        assert secret not in text
    found = scraped(text)
    for name in NAMES:
        assert any(sample.startswith(name) for sample in found), f"{name} is not exported"
    assert found["voice_responses_stored"] == [({}, 3.0)]
    assert {labels["tier"] for labels, _ in found["voice_flags_open"]} == {"flag", "look", "person"}
    assert found["voice_backup_age_seconds"] == [({}, float("inf"))]
    counts = {labels["group"]: value for labels, value in found["voice_request_duration_seconds_count"]}
    assert counts["api"] == 3 and counts["health"] == 1 and counts["staff"] == 1
    labels = {key for name, samples in found.items() for labels, _ in samples for key in labels}
    assert labels <= {"tier", "group", "le"}


def test_an_allowed_address_may_scrape_without_the_token(settings: Settings) -> None:
    allowed = msgspec.structs.replace(settings, metrics=True, metrics_allow="10.0.0.0/8, 127.0.0.1")
    with served(create_app(allowed)) as base:
        assert httpx.get(f"{base}/metrics").status_code == 200
    elsewhere = msgspec.structs.replace(settings, metrics=True, metrics_allow="10.0.0.0/8")
    with served(create_app(elsewhere)) as base:
        assert httpx.get(f"{base}/metrics").status_code == 403


def test_with_several_workers_any_scrape_counts_every_workers_requests(settings: Settings, tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "VOICE_METRICS": "1",
        "VOICE_METRICS_TOKEN": TOKEN,
        "VOICE_SECRET": "test-secret",
        "VOICE_READ_EVERY_SECONDS": "5",
    }
    log = (tmp_path / "log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voice",
            "serve",
            "--workers",
            "2",
            "--port",
            str(port),
            "--db",
            settings.db_path,
            "--surveys",
            settings.surveys_dir,
        ],
        cwd=REPO_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            assert started(http), (tmp_path / "log").read_text()
            for _ in range(40):  # new connections: the kernel shares them out between the workers
                # (a worker still starting takes its share once it has started: a bound, not a speed test)
                with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as one:
                    assert one.get("/healthz").status_code == 200
            for _ in range(4):  # whichever worker answers the scrape, it counts all of them
                found = scraped(
                    httpx.get(
                        f"http://127.0.0.1:{port}/metrics", timeout=60, headers={"Authorization": f"Bearer {TOKEN}"}
                    ).text
                )
                health = sum(
                    v for labels, v in found["voice_request_duration_seconds_count"] if labels["group"] == "health"
                )
                assert health >= 40
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(30)
        log.close()


def test_every_metric_is_listed_in_the_docs() -> None:
    text = (REPO_DIR / "docs" / "monitoring.md").read_text()
    assert not [name for name in NAMES if f"`{name}" not in text]


def test_an_address_that_is_not_one_stops_the_service_with_a_sentence(settings: Settings) -> None:
    from voice.common.settings import SettingsError

    with pytest.raises(SettingsError, match=r"VOICE_METRICS_ALLOW: '10\.0\.0\.999' does not appear"):
        create_app(msgspec.structs.replace(settings, metrics=True, metrics_allow="10.0.0.999"))
