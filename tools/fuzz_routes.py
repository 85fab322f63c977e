"""Every route of the app, as every role, with odd and oversized values in every path parameter, query
parameter and form field it reads (#26): counts the answers by status, and fails on any 500 or any
error in the log. The API's own schema is fuzzed by schemathesis in tests/web/test_schemathesis.py.

    .venv/bin/python tools/fuzz_routes.py [--rounds N]

Runs in-process with Litestar's test client on a fresh database in a temporary folder (the example
surveys, a few answers, one account per role); nothing is sent anywhere else.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from bs4 import BeautifulSoup
from litestar.testing import TestClient

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from voice.common.settings import Settings, resource_dir  # noqa: E402
from voice.store.accounts import add_user  # noqa: E402
from voice.store.db import opened  # noqa: E402
from voice.web.app import create_app  # noqa: E402

PASSWORD = "a long fuzzing password"  # noqa: S105 - the throwaway accounts of a temporary database
ODD = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999999",
    "9999-12-31",
    "0000-01",
    "9999-00",
    "1/1/0001",
    "2021/22",
    "../../etc/passwd",
    "%00",
    "\x00",
    "x\r\nSet-Cookie: a=1",
    'x"; filename=evil.exe',
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "' OR '1'='1",
    "ü" * 300,
    "a" * 5000,
    "\u202efdp.exe",
    "{}",
    "[]",
    "null",
    "NaN",
    "1e309",
    "ABCD-EFGH-JKMN",
]
FIELDS = [
    "year",
    "survey",
    "version",
    "channel",
    "topic",
    "priority",
    "sentiment",
    "flagged",
    "since",
    "until",
    "q",
    "page",
    "fmt",
    "actor",
    "action",
    "key",
    "name",
    "title",
    "status",
    "note",
    "decision",
    "role",
    "email",
    "receipt",
    "quote",
    "attribution",
    "topics",
    "day",
    "withdraw",
    "next_url",
    "problem",
]


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage()[:300])


def csrf(client: TestClient) -> str:
    page = BeautifulSoup(client.get("/staff/sign-in").text, "html.parser")
    found = page.find("input", attrs={"name": "_csrf_token"})
    return str(found["value"]) if found else ""


def sign_in(client: TestClient, email: str) -> str:
    token = csrf(client)
    client.post("/staff/sign-in", data={"_csrf_token": token, "email": email, "password": PASSWORD})
    return csrf(client)


def routes(client: TestClient) -> list[tuple[str, str]]:
    found = []
    for route in client.app.routes:
        for method in sorted(getattr(route, "methods", {"GET"}) - {"HEAD", "OPTIONS"}):
            found.append((method, route.path))
    return sorted(set(found))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2, help="odd values tried per parameter (cycling through them)")
    args = parser.parse_args()
    errors = Errors()
    logging.getLogger().addHandler(errors)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request otherwise
    statuses: Counter[int] = Counter()
    five_hundreds: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            db_path=f"{tmp}/voice.db", surveys_dir=str(resource_dir("surveys")), secret="fuzz", submissions_per_minute=0
        )
        app = create_app(settings)
        roles = ["admin", "safeguarding_lead", "facilitator", "viewer"]
        with opened(settings.db_path) as db:
            for role in roles:
                add_user(db, f"{role}@example.org", role, PASSWORD)
        for role in [None, *roles]:
            with TestClient(app) as client:
                client.post(
                    "/api/surveys/ypag-priorities/responses",
                    json={"answers": {"most_important": "My dad hits me. More youth clubs please."}},
                )
                token = sign_in(client, f"{role}@example.org") if role else csrf(client)
                values = itertools.cycle(ODD)
                for method, path in routes(client):
                    if path.startswith(("/schema", "/static")) and method != "GET":
                        continue
                    for _ in range(args.rounds):
                        odd = next(values)
                        url = re.sub(r"\{[^}:]+(?::[^}]+)?\}", lambda _m, o=odd: quote(o, safe="") or "x", path)
                        query = {field: next(values) for field in FIELDS}
                        try:
                            if method == "GET":
                                response = client.get(url, params=query)
                            else:
                                response = client.request(
                                    method, url, params=query, data={"_csrf_token": token, **query}
                                )
                        except Exception as exc:  # noqa: BLE001 - a transport error is a finding too
                            five_hundreds.append(f"{role} {method} {url}: {exc.__class__.__name__}: {exc}"[:300])
                            continue
                        statuses[response.status_code] += 1
                        if response.status_code >= 500 or "Traceback" in response.text:
                            five_hundreds.append(f"{role} {method} {url} -> {response.status_code}")
    total = sum(statuses.values())
    print(
        f"{total} requests over {len(routes(TestClient(app)))} routes x 5 roles (anonymous, admin, lead, "
        f"facilitator, viewer): " + ", ".join(f"{n} x {code}" for code, n in sorted(statuses.items()))
    )
    print(f"responses of 500 or more: {len(five_hundreds)}; errors in the log: {len(errors.records)}")
    for line in five_hundreds[:20] + errors.records[:20]:
        print("  " + line)
    return 1 if five_hundreds or errors.records else 0


if __name__ == "__main__":
    raise SystemExit(main())
