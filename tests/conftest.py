"""Fixtures: a fresh app per test on its own SQLite file, and an HTTP helper that checks every page."""

from __future__ import annotations

import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from hypothesis import settings as hypothesis_settings
from litestar import Litestar
from litestar.testing import TestClient

from voice.common.settings import REPO_DIR, Settings
from voice.store.accounts import add_user
from voice.store.db import opened
from voice.store.versions import Published
from voice.surveys.files import load_survey
from voice.surveys.schema import Survey
from voice.web.app import create_app

# No timing in tests (speed is measured in bench/): Hypothesis's per-example deadline would make a
# busy machine fail a correct test.
hypothesis_settings.register_profile("voice", deadline=None)
hypothesis_settings.load_profile("voice")

EXAMPLES = REPO_DIR / "surveys"
EXAMPLE_SLUGS = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")


@pytest.fixture
def surveys_dir(tmp_path: Path) -> Path:
    """A copy of the example surveys that a test may edit."""
    target = tmp_path / "surveys"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.fixture
def settings(tmp_path: Path, surveys_dir: Path) -> Settings:
    return Settings(db_path=str(tmp_path / "voice.db"), surveys_dir=str(surveys_dir), secret="test-secret")


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def published(tmp_path: Path, surveys_dir: Path) -> Published:
    """`ypag-priorities` as published in a database at tmp_path/voice.db (settings.db_path), no service."""
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate

    migrate(tmp_path / "voice.db")
    catalogue = Catalogue(tmp_path / "voice.db", surveys_dir)
    catalogue.refresh()
    found = catalogue.current("ypag-priorities")
    assert found is not None
    return found


def free_port() -> int:
    """A loopback port nothing listens on now (for a server a test starts, or one it leaves unstarted)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def until(condition: Callable[[], bool], seconds: float = 15) -> bool:
    """Wait for something a running service does by itself (a job every second): True once it holds,
    False if it still does not after `seconds`. A bound, not a speed test."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def started(http: httpx.Client, seconds: float = 60) -> bool:
    """Wait for a `voice serve` started as a process to answer (True), or give up after `seconds`."""

    def answers() -> bool:
        try:
            http.get("/healthz")
        except httpx.ConnectError:
            return False
        return True

    return until(answers, seconds)


@contextmanager
def served(app: Litestar) -> Iterator[str]:
    """The app under a real uvicorn on a free loopback port, in a thread; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, access_log=False, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def check_page(html: str, *, errors: bool = False) -> BeautifulSoup:
    """Invariants every HTML page must keep (see STYLE.md point 8)."""
    soup = BeautifulSoup(html, "html.parser")
    h1s = soup.find_all("h1")
    assert len(h1s) == 1, f"expected one h1, found {len(h1s)}"
    title = soup.title.get_text(strip=True) if soup.title else ""
    heading = h1s[0].get_text(" ", strip=True)
    expected = ("Error: " if errors else "") + heading
    assert title.startswith(expected), f"title {title!r} should start with {expected!r}"
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    html_tag = soup.find("html")
    assert html_tag.get("lang") and html_tag.get("dir") in ("ltr", "rtl")
    for form in soup.find_all("form"):
        assert form.has_attr("novalidate"), "every form has novalidate"
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": "_csrf_token"}), "every POST form carries the CSRF token"
    assert not soup.find(attrs={"required": True}), "no HTML5 required attributes"
    assert not soup.find("input", attrs={"type": "number"})
    assert "Traceback" not in html
    assert not IPV4.search(soup.get_text(" ")), "nothing that looks like an IP address"
    assert soup.find(string=re.compile("Childline")), "help is on every page"
    assert bool(soup.select(".error-summary")) == errors
    return soup


def get_page(client: TestClient, url: str, status: int = 200, errors: bool = False) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    return check_page(response.text, errors=errors)


def csrf(soup: BeautifulSoup) -> str:
    return soup.find("input", attrs={"name": "_csrf_token"})["value"]


def example(slug: str) -> Survey:
    return load_survey(EXAMPLES / f"{slug}.yaml").survey


def sample_answer(question: Any) -> dict[str, Any]:
    """A plausible form answer for any question type."""
    kind = question.kind
    if kind == "single_choice":
        return {question.id: question.choices[0].value}
    if kind == "multiple_choice":
        return {question.id: [c.value for c in question.choices[: min(2, question.max or 2)]]}
    if kind == "scale":
        return {question.id: "4"}
    if kind in ("yes_no", "quote_consent"):
        return {question.id: "yes"}
    if kind in ("short_text", "long_text"):
        return {question.id: f"My answer to {question.id}: it matters to me."}
    return {}


def start(client: TestClient, slug: str) -> str:
    """Press "Start now"; returns the first page's address."""
    soup = get_page(client, f"/s/{slug}")
    response = client.post(f"/s/{slug}/start", data={"_csrf_token": csrf(soup)}, follow_redirects=False)
    assert response.status_code == 303
    return response.headers["location"]


def answer_all(client: TestClient, slug: str, chooser: Any = sample_answer) -> tuple[str, list[str]]:
    """Answer every page shown with `chooser`; returns the check page address and the pages seen."""
    url = start(client, slug)
    seen = []
    while "/p/" in url:
        soup = get_page(client, url)
        seen.append(url)
        data: dict[str, Any] = {"_csrf_token": csrf(soup)}
        survey = example(slug)
        page = survey.pages[int(url.rsplit("/", 1)[1]) - 1]
        for q in page.questions:
            if soup.find(attrs={"name": q.id}) is not None:
                data.update(chooser(q))
        response = client.post(url, data=data, follow_redirects=False)
        assert response.status_code == 303, response.text[:800]
        url = response.headers["location"]
    return url, seen


def send(client: TestClient, slug: str) -> str:
    """Press "Send my answers" on the check page; returns the receipt code."""
    soup = get_page(client, f"/s/{slug}/check")
    form = soup.find("form", attrs={"action": f"/s/{slug}/check"})
    data = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    response = client.post(f"/s/{slug}/check", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text[:800]
    location = response.headers["location"]
    assert location == f"/s/{slug}/thanks"  # the receipt is never in an address (#26)
    return get_page(client, location).select_one(".receipt").get_text(strip=True)


# --- staff accounts and the database file, for every module that needs them (#31) -----------------
STAFF_PASSWORD = "a long staff password"


def add(settings: Settings, email: str, role: str) -> None:
    """A staff account in the test's database, with STAFF_PASSWORD."""
    with opened(settings.db_path) as db:
        add_user(db, email, role, STAFF_PASSWORD)


def sign_in(client: TestClient, email: str, password: str = STAFF_PASSWORD, status: int = 303) -> None:
    token = csrf(get_page(client, "/staff/sign-in"))
    response = client.post(
        "/staff/sign-in", data={"_csrf_token": token, "email": email, "password": password}, follow_redirects=False
    )
    assert response.status_code == status, response.text[:300]


def staff_routes(app: Litestar) -> list[tuple[str, str, object]]:
    """(method, path, handler) of every route under /staff."""
    found = []
    for route in app.routes:
        if not route.path.startswith("/staff"):
            continue
        for handler in route.route_handlers:  # type: ignore[attr-defined]
            for method in handler.http_methods:
                found.append((method, route.path, handler))
    return found


def rows(settings: Settings, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """What a query finds in the test's database file, read as another process would."""
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute(sql, params).fetchall()


# --- a test leaves nothing behind in the working tree (#27) ---------------------------------------
def _untracked() -> set[str] | None:
    """Files in the checkout that git does not know and does not ignore (None outside a git checkout)."""
    import subprocess

    try:
        found = subprocess.run(
            ["git", "-C", str(REPO_DIR), "status", "--porcelain", "--untracked-files=all"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {line[3:] for line in found.splitlines() if line.startswith("??")}


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[UNTRACKED] = _untracked()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(UNTRACKED, None)
    after = _untracked()
    if before is None or after is None or getattr(session.config, "workerinput", None) is not None:
        return
    if left := sorted(after - before):
        pytest.exit(
            f"the tests left files behind in the working tree (write them under tmp_path): {left}",
            returncode=pytest.ExitCode.TESTS_FAILED,
        )


UNTRACKED = pytest.StashKey[set[str] | None]()


def extracted_messages(folder: Path, locale: str | None = None) -> Catalog:
    """Every message the code and templates mark for translation now, extracted as `tools/translations.py
    update` does (into `folder`, not the checkout's catalogues)."""
    from voice.common import i18n

    pot = folder / "messages.pot"
    keywords = [a for k in i18n.EXTRACT_KEYWORDS for a in ("-k", k)]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(REPO_DIR / "babel.cfg"),
            "--no-default-keywords",
            *keywords,
            "-o",
            str(pot),
            ".",
        ],
        cwd=REPO_DIR,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as f:
        return read_po(f, locale=locale)


def voice_redact(lines: list[str], *options: str) -> list[str]:
    """`voice redact` as a person runs it: these lines in, the lines it prints out."""
    done = subprocess.run(
        [sys.executable, "-m", "voice", "redact", *options],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def redaction_round(go: list[tuple[str, str]], stay: list[str]) -> tuple[Any, Any, Any]:
    """A round of redaction's tests through `voice redact`, run once over all its lines (a module fixture,
    `went`): the lines with details come out as expected, the lines without as written. In the round's module:

        went, test_voice_redact_takes_these_details, test_voice_redact_leaves_these_lines_as_written = (
            redaction_round(GO, STAY)
        )
    """

    @pytest.fixture(scope="module", name="went")
    def went() -> list[str]:
        return voice_redact([text for text, _ in go] + stay)

    @pytest.mark.parametrize(("n", "expected"), list(enumerate(out for _, out in go)))
    def takes(went: list[str], n: int, expected: str) -> None:
        assert went[n] == expected

    @pytest.mark.parametrize(("n", "text"), list(enumerate(stay, start=len(go))))
    def leaves(went: list[str], n: int, text: str) -> None:
        assert went[n] == text

    return went, takes, leaves
