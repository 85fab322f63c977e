"""Anonymity: after real submissions through `voice serve`, neither the database nor the server's
log holds the client's IP address, user agent or referrer."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.conftest import answer_all, free_port, send, started

MARKERS = {
    "ip": "203.0.113.77",  # sent as X-Forwarded-For (believed only from VOICE_TRUSTED_PROXIES)
    "user agent": "PrivacyProbe/9.9",
    "referrer": "referrer.example",
}


def test_no_ip_user_agent_or_referrer_in_database_or_log(tmp_path: Path, surveys_dir: Path) -> None:
    port, db = free_port(), tmp_path / "voice.db"
    log = (tmp_path / "server.log").open("w")
    env = {
        **os.environ,
        "VOICE_DB_PATH": str(db),
        "VOICE_SURVEYS_DIR": str(surveys_dir),
        "VOICE_PORT": str(port),
        "VOICE_SECRET": "privacy-test",
    }
    server = subprocess.Popen([sys.executable, "-m", "voice", "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        headers = {
            "user-agent": f"{MARKERS['user agent']} (secret device)",
            "x-forwarded-for": MARKERS["ip"],
            "referer": f"https://{MARKERS['referrer']}/page",
        }
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=10) as http:
            assert started(http, 20), "server did not start"
            answer_all(http, "ypag-priorities")  # type: ignore[arg-type]
            receipt = send(http, "ypag-priorities")  # type: ignore[arg-type]
            api = http.post("/api/surveys/ypag-priorities/responses", json={"answers": {"know_help": "no"}})
            assert api.status_code == 201
            # Error paths write to the log too.
            assert http.get("/s/nope").status_code == 404
            assert (
                http.post(
                    "/api/surveys/ypag-priorities/responses", content=b"{", headers={"content-type": "application/json"}
                ).status_code
                == 400
            )
            assert http.post("/s/ypag-priorities/start", data={}).status_code == 403
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(20)
        log.close()

    stored = b"".join(p.read_bytes() for p in tmp_path.glob("voice.db*"))
    assert receipt.encode() in stored  # the submission really is in these bytes
    logged = (tmp_path / "server.log").read_text()
    for what, marker in MARKERS.items():
        assert marker.encode() not in stored, f"the database holds the client's {what}"
        assert marker not in logged, f"the server log holds the client's {what}"
    # The only address in the log is the one the server listens on.
    for line in logged.splitlines():
        for address in re.findall(r"\b(?:\d{1,3}\.){3}\d{1,3}\b", line):
            assert address == "127.0.0.1" and f":{port}" in line, f"an address in the log: {line}"
    assert b"127.0.0.1" not in stored
    # Logs are structured: one JSON object a line, the product's own events only.
    events = [json.loads(line) for line in logged.splitlines() if line.startswith("{")]
    assert all({"time", "level", "logger", "message"} <= set(e) for e in events)
    assert any(e["logger"] == "voice" and e["message"].startswith("ready: 3 surveys") for e in events), logged


def test_a_forwarded_address_is_believed_only_from_a_trusted_proxy(tmp_path: Path, surveys_dir: Path) -> None:
    """#26 item 9: uvicorn believed X-Forwarded-For from 127.0.0.1, so 330 tries at a receipt code, each
    with a new header, were never limited. Through a real `voice serve`: not by default; from a proxy
    named in VOICE_TRUSTED_PROXIES, each forwarded address counts on its own."""
    found = {}
    for trusted in ("", "127.0.0.1"):
        port = free_port()
        env = {
            **os.environ,
            "VOICE_DB_PATH": str(tmp_path / f"v{port}.db"),
            "VOICE_SURVEYS_DIR": str(surveys_dir),
            "VOICE_PORT": str(port),
            "VOICE_SECRET": "proxy-test",
            "VOICE_SUBMISSIONS_PER_MINUTE": "3",
            "VOICE_TRUSTED_PROXIES": trusted,
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "voice", "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
                assert started(http, 30), "server did not start"
                found[trusted] = [
                    http.delete(
                        f"/api/responses/AAAA-BBBB-CCC{i}", headers={"x-forwarded-for": f"203.0.113.{i}"}
                    ).status_code
                    for i in range(2, 8)
                ]
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(30)
    assert found[""][3:] == [429, 429, 429], found  # a new header each time changes nothing
    assert 429 not in found["127.0.0.1"], found  # behind a named proxy, six visitors are six visitors
