"""voice behind HTTPS as docs/deploy.md deploys it (#29 item 2): `voice serve` behind Debian's Caddy, with
deploy/Caddyfile's own directives, over TLS on loopback. A young person answers a survey and a staff member
signs in and invites someone, through Caddy; then every cookie was Secure, HSTS came with every answer,
no visitor's address or user agent is anywhere in the database or in either log, the one-time links are at
VOICE_PUBLIC_URL, and X-Forwarded-For counts only from Caddy.

The visitors connect from addresses of their own on loopback (127.0.0.2 and up), so that an address kept
anywhere would be theirs and not Caddy's (127.0.0.1). Caddy runs as the current user, with its certificate
authority (`tls internal`), storage and config under tmp_path: nothing is installed or trusted system-wide.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import ssl
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES, answer_all, check_page, csrf, free_port, get_page, send, until
from voice.cli import main
from voice.common.settings import REPO_DIR

CADDY = shutil.which("caddy")
pytestmark = pytest.mark.skipif(
    CADDY is None,
    reason="caddy is not on PATH: ./scripts/test installs Debian's caddy (scripts/system-packages --browser)",
)

DEPLOYED_CADDYFILE = REPO_DIR / "deploy" / "Caddyfile"
HSTS = "max-age=31536000; includeSubDomains"
YOUNG_PERSON = "127.0.0.2"
STAFF_MEMBER = "127.0.0.3"
GOES_ROUND_CADDY = "127.0.0.4"
SPOOFS_THROUGH_CADDY = "127.0.0.5"
ANOTHER_VISITOR = "127.0.0.6"
USER_AGENT = "DeployProbe/4.2 (Pixel 9; secret phone)"
PER_MINUTE = 25
"""VOICE_SUBMISSIONS_PER_MINUTE here: more than the walks send from one address, few enough to reach."""
METRICS_TOKEN = "a-scraper-on-this-machine"


def caddyfile_for_test(https_port: int, http_port: int, voice_port: int) -> str:
    """deploy/Caddyfile with what a test on loopback needs instead of a public host name: Caddy's own
    certificate authority (`tls internal`, not trusted system-wide), no admin API, free ports, and
    voice on its own port. Everything else (headers, logging, the proxy) is the deployed file's."""
    text = DEPLOYED_CADDYFILE.read_text()
    changes = [
        (
            "\n{\n",
            f"\n{{\n\tadmin off\n\tlocal_certs\n\tskip_install_trust\n"
            f"\tauto_https disable_redirects\n\thttp_port {http_port}\n\thttps_port {https_port}\n",
        ),
        ("\nvoice.example.org {\n", f"\nlocalhost:{https_port} {{\n\tbind 127.0.0.1\n\ttls internal\n"),
        ("reverse_proxy 127.0.0.1:8000", f"reverse_proxy 127.0.0.1:{voice_port}"),
    ]
    for old, new in changes:
        assert text.count(old) == 1, f"deploy/Caddyfile no longer has {old!r} once"
        text = text.replace(old, new)
    return text


@dataclass
class Deployed:
    public_url: str
    voice_url: str
    env: dict[str, str]
    db: Path
    ca: Path
    voice_log: Path
    caddy_log: Path
    voice: subprocess.Popen[bytes]
    answers: list[httpx.Response] = field(default_factory=list)

    def client(self, address: str, base_url: str = "") -> httpx.Client:
        """A visitor at `address` on loopback, trusting Caddy's certificate authority only; every answer
        it gets is kept in `answers`."""
        context = ssl.create_default_context(cafile=str(self.ca))
        return httpx.Client(
            base_url=base_url or self.public_url,
            timeout=15,
            follow_redirects=True,
            headers={"user-agent": USER_AGENT},
            transport=httpx.HTTPTransport(local_address=address, verify=context),
            event_hooks={"response": [self.answers.append]},
        )


def stop(process: subprocess.Popen[bytes], how: int) -> None:
    if process.poll() is None:
        process.send_signal(how)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    root = tmp_path_factory.mktemp("behind-caddy")
    shutil.copytree(EXAMPLES, root / "surveys")
    https_port, http_port, voice_port = free_port(), free_port(), free_port()
    public_url = f"https://localhost:{https_port}"
    env = {
        **os.environ,
        "VOICE_DB_PATH": str(root / "data" / "voice.db"),
        "VOICE_SURVEYS_DIR": str(root / "surveys"),
        "VOICE_HOST": "127.0.0.1",
        "VOICE_PORT": str(voice_port),
        "VOICE_PUBLIC_URL": public_url,
        "VOICE_TRUSTED_PROXIES": "127.0.0.1",
        "VOICE_SECURE_COOKIES": "1",
        "VOICE_SECRET": "behind-caddy",
        "VOICE_SUBMISSIONS_PER_MINUTE": str(PER_MINUTE),
        "VOICE_METRICS": "1",
        "VOICE_METRICS_TOKEN": METRICS_TOKEN,
    }
    (root / "Caddyfile").write_text(caddyfile_for_test(https_port, http_port, voice_port))
    caddy_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(root / "home"),
        "XDG_DATA_HOME": str(root / "caddy-data"),
        "XDG_CONFIG_HOME": str(root / "caddy-config"),
    }
    voice_log, caddy_log = root / "voice.log", root / "caddy.log"
    with voice_log.open("wb") as vlog, caddy_log.open("wb") as clog:
        voice = subprocess.Popen(
            [sys.executable, "-m", "voice", "serve"], env=env, stdout=vlog, stderr=subprocess.STDOUT
        )
        caddy = None
        try:
            caddy = subprocess.Popen(
                [str(CADDY), "run", "--config", str(root / "Caddyfile"), "--adapter", "caddyfile"],
                env=caddy_env,
                stdout=clog,
                stderr=subprocess.STDOUT,
                cwd=root,
            )
            ca = root / "caddy-data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
            assert until(lambda: ca.exists() or caddy.poll() is not None, 20) and ca.exists(), (
                f"Caddy made no certificate authority:\n{caddy_log.read_text()[-3000:]}"
            )
            here = Deployed(
                public_url,
                f"http://127.0.0.1:{voice_port}",
                env,
                Path(env["VOICE_DB_PATH"]),
                ca,
                voice_log,
                caddy_log,
                voice,
            )
            with here.client(YOUNG_PERSON) as http:

                def answers() -> bool:
                    try:
                        return http.get("/healthz").status_code == 200
                    except httpx.TransportError:
                        return False

                assert until(answers, 60), (
                    f"no answer through Caddy:\nvoice: {voice_log.read_text()[-3000:]}\n"
                    f"caddy: {caddy_log.read_text()[-3000:]}"
                )
            here.answers.clear()
            yield here
        finally:
            stop(voice, signal.SIGINT)
            if caddy is not None:
                stop(caddy, signal.SIGTERM)


def cookie_problems(answers: list[httpx.Response]) -> list[str]:
    return [
        f"{r.request.url.path}: {c}"
        for r in answers
        for c in r.headers.get_list("set-cookie")
        if "secure" not in [a.strip().lower() for a in c.split(";")[1:]]
    ]


def test_a_young_person_and_a_staff_member_through_caddy_over_https(deployed: Deployed) -> None:
    runner = CliRunner()
    added = runner.invoke(main, ["user", "add", "admin@example.org", "--role", "admin", "--generate"], env=deployed.env)
    assert added.exit_code == 0, added.output
    password = added.output.rsplit(": ", 1)[1].strip()

    # A young person: the start page, every page, check answers, send, the thank-you page.
    with deployed.client(YOUNG_PERSON) as http:
        assert http.get("/language/en", follow_redirects=False).status_code in (302, 303)
        answer_all(http, "ypag-priorities")  # type: ignore[arg-type]
        receipt = send(http, "ypag-priorities")  # type: ignore[arg-type]
        assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){2}", receipt)
        assert {"voice_csrf", "voice_lang"} <= {c.name for c in http.cookies.jar}

    # A staff member signs in, sees the staff home and invites a colleague.
    with deployed.client(STAFF_MEMBER) as http:
        token = csrf(get_page(http, "/staff/sign-in"))  # type: ignore[arg-type]
        signed_in = http.post(
            "/staff/sign-in",
            data={"_csrf_token": token, "email": "admin@example.org", "password": password},
            follow_redirects=False,
        )
        assert signed_in.status_code == 303 and signed_in.headers["location"] == "/staff", signed_in.text[:300]
        home = get_page(http, "/staff")  # type: ignore[arg-type]
        assert "admin@example.org" in home.get_text() or home.find("form", attrs={"action": "/staff/sign-out"})
        invited = http.post(
            "/staff/accounts",
            data={
                "_csrf_token": csrf(get_page(http, "/staff/accounts")),  # type: ignore[arg-type]
                "email": "new@example.org",
                "role": "viewer",
            },
        )
        assert invited.status_code == 200, invited.text[:300]
        shown = re.search(r"<code>([^<]*)</code>", invited.text)
        assert shown and shown[1].startswith(f"{deployed.public_url}/staff/set-password/"), invited.text[-2000:]
        check_page(http.get(shown[1]).text)  # the link works, through Caddy
        signed_out = http.post(
            "/staff/sign-out",
            data={"_csrf_token": csrf(get_page(http, "/staff"))},  # type: ignore[arg-type]
            follow_redirects=False,
        )
        assert signed_out.status_code == 303 and signed_out.headers["location"] == "/staff/sign-in?done=signed-out"
    reset = runner.invoke(main, ["user", "reset", "admin@example.org"], env=deployed.env)
    assert reset.exit_code == 0, reset.output
    assert re.search(rf"^{re.escape(deployed.public_url)}/staff/set-password/[\w-]+$", reset.output, re.MULTILINE)

    # Every answer through Caddy: HSTS once, no Server header, and every cookie Secure.
    assert len(deployed.answers) > 15
    for answer in deployed.answers:
        assert answer.request.url.scheme == "https"
        assert answer.headers.get_list("strict-transport-security") == [HSTS], answer.request.url
        assert "server" not in answer.headers
    set_cookies = [c for r in deployed.answers for c in r.headers.get_list("set-cookie")]
    names = {c.split("=", 1)[0] for c in set_cookies}
    assert {"voice_csrf", "voice_lang", "voice_draft", "voice_staff", "voice_bind"} <= names, names
    assert not cookie_problems(deployed.answers), cookie_problems(deployed.answers)


def test_a_forwarded_address_counts_only_from_caddy(deployed: Deployed) -> None:
    """Going round Caddy, a new X-Forwarded-For each time changes nothing: one address, limited. Through
    Caddy, what a visitor sends as X-Forwarded-For is replaced by their own address: limited too, while
    another visitor behind the same Caddy is not."""

    def tries(http: httpx.Client, n: int) -> list[int]:
        return [
            http.delete(f"/api/responses/AAAA-BBBB-C{i:03d}", headers={"x-forwarded-for": f"203.0.113.{i}"}).status_code
            for i in range(n)
        ]

    with deployed.client(GOES_ROUND_CADDY, base_url=deployed.voice_url) as http:
        direct = tries(http, PER_MINUTE + 2)
    with deployed.client(SPOOFS_THROUGH_CADDY) as http:
        spoofed = tries(http, PER_MINUTE + 2)
    with deployed.client(ANOTHER_VISITOR) as http:
        other = tries(http, 1)
    assert direct[-2:] == [429, 429] and 429 not in direct[:PER_MINUTE], direct
    assert spoofed[-2:] == [429, 429] and 429 not in spoofed[:PER_MINUTE], spoofed
    assert other != [429]


def test_metrics_are_not_served_through_caddy_only_on_this_machine_with_the_token(deployed: Deployed) -> None:
    token = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    with deployed.client(ANOTHER_VISITOR) as http:
        for path in ("/metrics", "/metrics/", "/metrics?x=1"):
            assert http.get(path, headers=token).status_code == 404, path
    with deployed.client(GOES_ROUND_CADDY, base_url=deployed.voice_url) as http:
        assert http.get("/metrics").status_code == 403
        scraped = http.get("/metrics", headers=token)
    assert scraped.status_code == 200 and "voice_responses_stored" in scraped.text


def test_no_visitor_address_or_user_agent_is_kept_anywhere(deployed: Deployed) -> None:
    """After the walks above (this runs after them, in this module's order): stop voice (its log is then
    whole), make Caddy log an error about a request (voice is down: 502), and look everywhere."""
    with deployed.client(YOUNG_PERSON) as http:
        answer_all(http, "ypag-priorities")  # type: ignore[arg-type]
        send(http, "ypag-priorities")  # type: ignore[arg-type]
    stop(deployed.voice, signal.SIGINT)
    with deployed.client(YOUNG_PERSON) as http:
        assert http.get("/s/ypag-priorities").status_code == 502
    assert until(lambda: "502" in deployed.caddy_log.read_text() or "dial" in deployed.caddy_log.read_text(), 5)

    conn = sqlite3.connect(deployed.db)
    try:
        rows = "\n".join(conn.iterdump())
        assert conn.execute("SELECT count(*) FROM responses").fetchone()[0] >= 2
    finally:
        conn.close()
    stored = b"".join(p.read_bytes() for p in deployed.db.parent.glob("voice.db*"))
    voice_log = deployed.voice_log.read_text()
    caddy_log = deployed.caddy_log.read_text()
    visitors = (YOUNG_PERSON, STAFF_MEMBER, GOES_ROUND_CADDY, SPOOFS_THROUGH_CADDY, ANOTHER_VISITOR, "203.0.113.")
    for marker in (*visitors, "127.0.0.1", "::1", USER_AGENT, "DeployProbe", "Pixel 9"):
        assert marker not in rows, f"the database holds {marker}"
        assert marker.encode() not in stored, f"the database's files hold {marker}"
    for marker in (*visitors, USER_AGENT, "DeployProbe", "Pixel 9"):
        assert marker not in voice_log, f"voice's log holds {marker}"
        assert marker not in caddy_log, f"Caddy's log holds {marker}"
    for line in voice_log.splitlines():  # the only address voice logs is the one it listens on
        for address in re.findall(r"\b(?:\d{1,3}\.){3}\d{1,3}\b", line):
            assert address == "127.0.0.1" and deployed.voice_url in line, f"an address in voice's log: {line}"
