"""Whatever is posted, the answer is a page or a clear 4xx, never a 500, and stored data stays sound."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient

from voice.common.settings import REPO_DIR, Settings
from voice.web.app import create_app

FIELDS = [
    "age_band",
    "area",
    "area.other",
    "top_worries",
    "most_important",
    "listened_to",
    "know_help",
    "talk_to_someone",
    "talk_to_someone.contact",
    "from",
    "unknown",
    "leave_blank",
]
texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    ["14-15", "other", "none", "bullying", "yes", "5", "", "\x00", "=cmd|' /C calc'!A0", "<script>alert(1)</script>"]
)
form_posts = st.lists(st.tuples(st.sampled_from(FIELDS) | st.text(max_size=20), texts), max_size=25)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


@pytest.fixture
def fuzz_client(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    db = tmp_path / "v.db"
    with TestClient(
        create_app(Settings(db_path=str(db), surveys_dir=str(REPO_DIR / "surveys"), secret="fuzz"))
    ) as client:
        yield client, db


def responses_in(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM responses").fetchone()[0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairs=form_posts, page=st.integers(min_value=1, max_value=6))
def test_any_form_post_is_accepted_or_refused_clearly(fuzz_client: tuple, pairs: list, page: int) -> None:
    client, db = fuzz_client
    client.cookies.clear()
    token = re.search(r'name="_csrf_token" value="([^"]+)"', client.get("/s/ypag-priorities").text)[1]
    client.post("/s/ypag-priorities/start", data={"_csrf_token": token}, follow_redirects=False)
    response = client.post(
        f"/s/ypag-priorities/p/{page}",
        content=urlencode([("_csrf_token", token), *pairs]),
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert response.status_code in (303, 422), response.text[:300]
    assert "Traceback" not in response.text
    if response.status_code == 422:
        assert "There is a problem" in response.text
    with sqlite3.connect(db) as conn:
        for (answers,) in conn.execute("SELECT answers FROM drafts"):
            assert isinstance(json.loads(answers), dict)
            assert "\\u0000" not in answers


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=15), json_values, max_size=12))
def test_any_api_answers_get_201_or_a_clear_4xx(fuzz_client: tuple, answers: dict) -> None:
    client, db = fuzz_client
    before = responses_in(db)
    response = client.post("/api/surveys/ypag-priorities/responses", json={"answers": answers})
    assert response.status_code in (201, 400, 422), response.text[:300]
    body = response.json()
    if response.status_code == 201:
        assert responses_in(db) == before + 1
    else:
        assert body["status"] == response.status_code and body["message"]
        assert responses_in(db) == before


@pytest.mark.parametrize("path", ["/nope", "POST /withdraw", "/s/no-such-survey", "/api/surveys/nope"])
def test_error_pages_carry_the_security_headers_and_are_never_kept(client: TestClient, path: str) -> None:
    """The pen test (eleventh session): pages made by the error handlers (404, 403, 400, 413, 500) were sent without
    the Content-Security-Policy, X-Content-Type-Options, Referrer-Policy and Permissions-Policy every other page has,
    and a staff error page without Cache-Control: no-store."""
    answer = client.post(path.split()[1], data={}) if path.startswith("POST") else client.get(path)
    assert answer.status_code >= 400
    for header in ("content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy"):
        assert header in answer.headers, (path, answer.status_code, header)
    assert "no-store" in answer.headers.get("cache-control", ""), (path, answer.headers.get("cache-control"))
