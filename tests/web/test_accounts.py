"""Staff accounts a partnership can run: invitations, roles, disabling, password resets (web and CLI),
and an audit log a lead can filter, page through and download."""

from __future__ import annotations

import csv
import io
import re
import sqlite3

import httpx
from click.testing import CliRunner
from litestar.testing import TestClient

from tests.conftest import csrf, get_page
from tests.web.test_staff import add, sign_in
from voice.cli import main
from voice.common.settings import Settings
from voice.store.audit import record_event
from voice.store.db import opened, write_lock

NEW_PASSWORD = "another long password"


def link_in(html: str) -> str:
    found = re.search(r"https?://[^\s<\"]+/staff/set-password/[A-Za-z0-9_-]+", html)
    assert found, "no one-time link on the page"
    return "/staff/set-password/" + found.group().rsplit("/", 1)[1]


def set_password(client: TestClient, link: str, password: str = NEW_PASSWORD, status: int = 303) -> str:
    page = client.get(link)
    token = csrf(get_page(client, "/staff/sign-in")) if page.status_code != 200 else csrf(get_page(client, link))
    response = client.post(link, data={"_csrf_token": token, "password": password, "again": password},
                           follow_redirects=False)
    assert response.status_code == status, response.text[:400]
    return response.text


def test_an_admin_invites_changes_disables_enables_and_resets(client: TestClient, settings: Settings) -> None:
    add(settings, "admin@example.org", "admin")
    sign_in(client, "admin@example.org")
    page = get_page(client, "/staff/accounts")
    bad = client.post("/staff/accounts", data={"_csrf_token": csrf(page), "email": "not an email", "role": "viewer"})
    assert bad.status_code == 422 and "Enter an email address" in bad.text
    made = client.post("/staff/accounts", data={"_csrf_token": csrf(page), "email": "new@example.org",
                                                 "role": "facilitator"})
    assert made.status_code == 200
    link = link_in(made.text)
    listed = get_page(client, "/staff/accounts").get_text(" ", strip=True)
    assert "new@example.org Facilitator Invited" in listed and "set-password" not in listed  # shown once

    admin = httpx.Cookies(client.cookies)
    newcomer = httpx.Cookies()

    def be(jar: httpx.Cookies) -> TestClient:
        """The same client as another browser: only the cookies differ."""
        client.cookies = jar
        return client

    be(newcomer)
    set_password(client, link)
    set_password(client, link, status=404)  # one time only
    sign_in(client, "new@example.org", NEW_PASSWORD)
    assert client.get("/staff/entry").status_code == 200  # a facilitator
    newcomer = httpx.Cookies(client.cookies)

    be(admin)
    staff_id = next(a["href"] for a in get_page(client, "/staff/accounts").select("tbody a")
                    if a.get_text() == "new@example.org").rsplit("/", 1)[1]
    account = get_page(client, f"/staff/accounts/{staff_id}")
    client.post(f"/staff/accounts/{staff_id}/role", data={"_csrf_token": csrf(account), "role": "viewer"})
    assert be(newcomer).get("/staff/entry").status_code == 403  # the new role, on the next request

    be(admin).post(f"/staff/accounts/{staff_id}/disable", data={"_csrf_token": csrf(account)})
    refused = be(newcomer).get("/staff/responses", follow_redirects=False)
    assert refused.status_code == 303 and refused.headers["location"] == "/staff/sign-in"
    sign_in(client, "new@example.org", NEW_PASSWORD, status=401)

    be(admin).post(f"/staff/accounts/{staff_id}/enable", data={"_csrf_token": csrf(account)})
    reset = client.post(f"/staff/accounts/{staff_id}/reset", data={"_csrf_token": csrf(account)})
    reset_link = link_in(reset.text)
    be(newcomer)
    sign_in(client, "new@example.org", NEW_PASSWORD)
    set_password(client, reset_link, "a third long password")
    assert client.get("/staff", follow_redirects=False).status_code == 303  # earlier sessions ended
    sign_in(client, "new@example.org", "a third long password")
    be(admin)

    with sqlite3.connect(settings.db_path) as conn:
        actions = [a for (a,) in conn.execute("SELECT action FROM audit_log WHERE subject = ?", [f"staff:{staff_id}"])]
    for action in ("account invited", "password set", "account role changed", "account disabled",
                   "account enabled", "password reset link made"):
        assert action in actions

    own = next(a["href"] for a in get_page(client, "/staff/accounts").select("tbody a")
               if a.get_text() == "admin@example.org")
    alone = client.post(f"{own}/disable", data={"_csrf_token": csrf(account)})
    assert alone.status_code == 422 and "only admin" in alone.text


def test_only_admins_run_accounts(client: TestClient, settings: Settings) -> None:
    for role in ("facilitator", "safeguarding_lead", "viewer"):
        add(settings, f"{role}@example.org", role)
        client.cookies.clear()
        sign_in(client, f"{role}@example.org")
        assert client.get("/staff/accounts").status_code == 403
        assert client.get("/staff/accounts/1").status_code == 403


def test_the_cli_runs_accounts_too(settings: Settings) -> None:
    db = ["--db", settings.db_path]
    env = {"VOICE_PUBLIC_URL": "https://voice.example.org"}
    run = CliRunner().invoke
    invited = run(main, ["user", "invite", "lead@example.org", "--role", "safeguarding_lead", *db], env=env)
    assert invited.exit_code == 0, invited.output
    assert "https://voice.example.org/staff/set-password/" in invited.output
    listed = run(main, ["user", "list", *db])
    assert listed.output.split() == ["lead@example.org", "safeguarding_lead", "invited", "since", listed.output.split()[-1]]
    assert run(main, ["user", "role", "lead@example.org", "facilitator", *db]).exit_code == 0
    assert run(main, ["user", "disable", "lead@example.org", *db]).exit_code == 0
    assert "disabled" in run(main, ["user", "list", *db]).output
    assert run(main, ["user", "enable", "lead@example.org", *db]).exit_code == 0
    reset = run(main, ["user", "reset", "lead@example.org", *db], env=env)
    assert reset.exit_code == 0 and "/staff/set-password/" in reset.output
    missing = run(main, ["user", "disable", "nobody@example.org", *db])
    assert missing.exit_code == 1 and "there is no account nobody@example.org" in missing.output
    with sqlite3.connect(settings.db_path) as conn:
        done = conn.execute("SELECT actor, action FROM audit_log WHERE actor = 'command line'").fetchall()
    assert [a for _, a in done] == ["account invited", "account role changed", "account disabled", "account enabled",
                                    "password reset link made"]


def test_a_disabled_accounts_open_session_is_refused_at_once(client: TestClient, settings: Settings) -> None:
    add(settings, "f@example.org", "facilitator")
    sign_in(client, "f@example.org")
    assert client.get("/staff/responses").status_code == 200
    assert CliRunner().invoke(main, ["user", "disable", "f@example.org", "--db", settings.db_path]).exit_code == 0
    assert client.get("/staff/responses", follow_redirects=False).headers["location"] == "/staff/sign-in"


def test_the_audit_log_filters_pages_and_downloads_safely(client: TestClient, settings: Settings) -> None:
    add(settings, "lead@example.org", "safeguarding_lead")
    with opened(settings.db_path) as db, write_lock, db.atomic():
        for n in range(230):
            record_event(db, "f@example.org", "themes corrected", f"answer:{n}", "=HYPERLINK(\"x\")" if n == 7 else "ok")
    sign_in(client, "lead@example.org")
    first = get_page(client, "/staff/audit?actor=f@example.org")
    assert "230 events match" in first.get_text() and len(first.select("tbody tr")) == 100
    assert "Page 1 of 3" in first.get_text()
    last = get_page(client, "/staff/audit?actor=f@example.org&page=3")
    assert len(last.select("tbody tr")) == 30 and "answer:0" in last.get_text()
    only = get_page(client, "/staff/audit?action=signed+in")
    assert {tr.select("td")[2].get_text() for tr in only.select("tbody tr")} == {"signed in"}
    assert "0 events match" in get_page(client, "/staff/audit?since=2000-01-01&until=2000-12-31").get_text()
    assert "230 events match" in get_page(client, "/staff/audit?actor=f@example.org&since=01/01/2020").get_text()
    bad = client.get("/staff/audit?since=2021-13-45")
    assert bad.status_code == 422 and "Enter a date like" in bad.text

    download = client.get("/staff/audit/download.csv?actor=f@example.org")
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(download.text)))
    assert table[0] == ["happened_at", "actor", "action", "subject", "detail"] and len(table) == 231
    assert table[-8][1:] == ["f@example.org", "themes corrected", "answer:7", "'=HYPERLINK(\"x\")"]
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT actor FROM audit_log WHERE action = 'audit log downloaded'").fetchall() == [
            ("lead@example.org",)]


def test_disabling_an_account_ends_its_pending_links_for_good(client: TestClient, settings: Settings) -> None:
    """A reset link or an invitation made before the account was disabled never works again, also after
    the account is enabled (#26 item 15)."""
    add(settings, "admin@example.org", "admin")
    add(settings, "f@example.org", "facilitator")
    sign_in(client, "admin@example.org")
    invited = client.post("/staff/accounts", data={"_csrf_token": csrf(get_page(client, "/staff/accounts")),
                                                    "email": "new@example.org", "role": "viewer"})
    ids = {a.get_text(): a["href"] for a in get_page(client, "/staff/accounts").select("tbody a")}
    page = get_page(client, ids["f@example.org"])
    reset = client.post(f"{ids['f@example.org']}/reset", data={"_csrf_token": csrf(page)})
    links = {"invitation": link_in(invited.text), "reset": link_in(reset.text)}
    for email in ("f@example.org", "new@example.org"):
        assert client.post(f"{ids[email]}/disable", data={"_csrf_token": csrf(page)}).status_code == 200
    for link in links.values():
        assert client.get(link).status_code == 404
    for email in ("f@example.org", "new@example.org"):
        assert client.post(f"{ids[email]}/enable", data={"_csrf_token": csrf(page)}).status_code == 200
    admin = httpx.Cookies(client.cookies)
    for what, link in links.items():
        client.cookies = httpx.Cookies()
        assert client.get(link).status_code == 404, f"the {what} link works again after enabling"
        set_password(client, link, status=404)
    client.cookies = admin
    listed = get_page(client, "/staff/accounts").get_text(" ", strip=True)
    assert "new@example.org Viewer Invited" in listed  # still has no password of their own
    sign_in(client, "f@example.org")  # the old password still works: only the link ended
