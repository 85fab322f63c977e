"""Staff accounts a partnership can run: invitations, roles, disabling, password resets (web and CLI),
and an audit log a lead can filter, page through and download."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3

import httpx
import msgspec
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from litestar.testing import TestClient

from tests.conftest import add, check_page, csrf, get_page, sign_in, staff_routes
from voice.cli import main
from voice.common.settings import Settings
from voice.store.audit import record_event
from voice.store.db import opened, write_lock
from voice.web.app import create_app

NEW_PASSWORD = "another long password"


def link_in(html: str) -> str:
    """The one-time link's path on a page, whether it is shown in full (VOICE_PUBLIC_URL set) or not."""
    found = re.search(r"/staff/set-password/[A-Za-z0-9_-]+", html)
    assert found, "no one-time link on the page"
    return found.group()


def set_password(client: TestClient, link: str, password: str = NEW_PASSWORD, status: int = 303) -> str:
    page = client.get(link)
    token = csrf(get_page(client, "/staff/sign-in")) if page.status_code != 200 else csrf(get_page(client, link))
    response = client.post(
        link, data={"_csrf_token": token, "password": password, "again": password}, follow_redirects=False
    )
    assert response.status_code == status, response.text[:400]
    return response.text


def test_an_admin_invites_changes_disables_enables_and_resets(client: TestClient, settings: Settings) -> None:
    add(settings, "admin@example.org", "admin")
    sign_in(client, "admin@example.org")
    page = get_page(client, "/staff/accounts")
    bad = client.post("/staff/accounts", data={"_csrf_token": csrf(page), "email": "not an email", "role": "viewer"})
    assert bad.status_code == 422 and "Enter an email address" in bad.text
    made = client.post(
        "/staff/accounts", data={"_csrf_token": csrf(page), "email": "new@example.org", "role": "facilitator"}
    )
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
    staff_id = account_id(client, "new@example.org")
    account = get_page(client, f"/staff/accounts/{staff_id}")
    client.post(f"/staff/accounts/{staff_id}/role", data={"_csrf_token": csrf(account), "role": "viewer"})
    assert be(newcomer).get("/staff/entry").status_code == 403  # the new role, on the next request

    be(admin).post(f"/staff/accounts/{staff_id}/disable", data={"_csrf_token": csrf(account), "confirm": "yes"})
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
    for action in (
        "account invited",
        "password set",
        "account role changed",
        "account disabled",
        "account enabled",
        "password reset link made",
    ):
        assert action in actions

    own = next(
        a["href"] for a in get_page(client, "/staff/accounts").select("tbody a") if a.get_text() == "admin@example.org"
    )
    alone = client.post(f"{own}/disable", data={"_csrf_token": csrf(account), "confirm": "yes"})
    assert alone.status_code == 422 and "only admin" in alone.text


def test_a_new_sign_in_link_lets_the_person_in_while_strangers_have_locked_the_email(
    client: TestClient, settings: Settings
) -> None:
    """The lock-out message says an administrator can send a new sign-in link: in a browser the person never signed in
    from, strangers' wrong passwords have locked it, and the link must still get them in (it proves who they are)."""
    add(settings, "admin@example.org", "admin")
    add(settings, "lead@example.org", "safeguarding_lead")
    for _ in range(5):
        client.cookies.clear()  # a stranger, a new browser each time
        sign_in(client, "lead@example.org", "a wrong guess at it", status=401)
    client.cookies.clear()
    sign_in(client, "admin@example.org")
    lead_id = account_id(client, "lead@example.org")
    reset = client.post(f"/staff/accounts/{lead_id}/reset", data={"_csrf_token": csrf(get_page(client, "/staff"))})
    link = link_in(reset.text)
    client.cookies.clear()  # the lead, in a new browser
    sign_in(client, "lead@example.org", status=401)  # still locked here
    set_password(client, link)
    sign_in(client, "lead@example.org", NEW_PASSWORD)
    assert client.get("/staff/safeguarding").status_code == 200


def test_the_invitation_says_what_each_role_can_do(client: TestClient, settings: Settings) -> None:
    """A new user could not tell a facilitator from a viewer when inviting someone: each role now says what it can do,
    read out with its choice."""
    add(settings, "admin@example.org", "admin")
    sign_in(client, "admin@example.org")
    page = get_page(client, "/staff/accounts")
    said = {}
    for choice in page.select("input[name=role]"):
        hint = page.find(id=choice["aria-describedby"])
        said[choice["value"]] = hint.get_text(" ", strip=True)
    assert set(said) == {"admin", "facilitator", "safeguarding_lead", "viewer"}
    assert "accounts" in said["admin"] and "publishes" in said["facilitator"]
    assert "safeguarding flags" in said["safeguarding_lead"] and "Changes nothing" in said["viewer"]


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
    assert listed.output.split() == [
        "lead@example.org",
        "safeguarding_lead",
        "invited",
        "since",
        listed.output.split()[-1],
    ]
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
    assert [a for _, a in done] == [
        "account invited",
        "account role changed",
        "account disabled",
        "account enabled",
        "password reset link made",
    ]


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
            record_event(db, "f@example.org", "themes corrected", f"answer:{n}", '=HYPERLINK("x")' if n == 7 else "ok")
    sign_in(client, "lead@example.org")
    first = get_page(client, "/staff/audit?actor=f@example.org")
    assert "230 events match" in first.get_text() and len(first.select("tbody tr")) == 100
    assert "Page 1 of 3" in first.get_text()
    last = get_page(client, "/staff/audit?actor=f@example.org&page=3")
    assert len(last.select("tbody tr")) == 30 and "Answer 0" in last.get_text()
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
    assert table[-8][1:] == ["f@example.org", "themes corrected", "answer:7", '\'=HYPERLINK("x")']
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT actor FROM audit_log WHERE action = 'audit log downloaded'").fetchall() == [
            ("lead@example.org",)
        ]


def test_disabling_an_account_ends_its_pending_links_for_good(client: TestClient, settings: Settings) -> None:
    """A reset link or an invitation made before the account was disabled never works again, also after
    the account is enabled (#26 item 15)."""
    add(settings, "admin@example.org", "admin")
    add(settings, "f@example.org", "facilitator")
    sign_in(client, "admin@example.org")
    invited = client.post(
        "/staff/accounts",
        data={"_csrf_token": csrf(get_page(client, "/staff/accounts")), "email": "new@example.org", "role": "viewer"},
    )
    ids = {a.get_text(): a["href"] for a in get_page(client, "/staff/accounts").select("tbody a")}
    page = get_page(client, ids["f@example.org"])
    reset = client.post(f"{ids['f@example.org']}/reset", data={"_csrf_token": csrf(page)})
    links = {"invitation": link_in(invited.text), "reset": link_in(reset.text)}
    for email in ("f@example.org", "new@example.org"):
        assert (
            client.post(f"{ids[email]}/disable", data={"_csrf_token": csrf(page), "confirm": "yes"}).status_code == 200
        )
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


ATTACKERS_HOSTS = ("evil.example", "127.0.0.1:8611@evil.example")
PUBLIC_URL = "https://voice.example.org"


def made_links(client: TestClient, email: str, headers: dict[str, str] | None = None) -> list[httpx.Response]:
    """An admin's invitation of `email` and a password reset link for f@example.org, posted with `headers`."""
    invited = client.post(
        "/staff/accounts",
        data={"_csrf_token": csrf(get_page(client, "/staff/accounts")), "email": email, "role": "viewer"},
        headers=headers,
    )
    ids = {a.get_text(): a["href"] for a in get_page(client, "/staff/accounts").select("tbody a")}
    page = get_page(client, ids["f@example.org"])
    reset = client.post(f"{ids['f@example.org']}/reset", data={"_csrf_token": csrf(page)}, headers=headers)
    return [invited, reset]


@pytest.mark.parametrize("host", ATTACKERS_HOSTS)
def test_without_a_public_url_links_are_paths_never_the_host_header(
    client: TestClient, settings: Settings, host: str
) -> None:
    """#26 item 10: invitation and reset links followed the Host header an attacker sent. With no
    VOICE_PUBLIC_URL no full link is made: the admin gets the path, and is told how to get a full link."""
    assert not settings.public_url
    add(settings, "admin@example.org", "admin")
    add(settings, "f@example.org", "facilitator")
    sign_in(client, "admin@example.org")
    for shown in made_links(client, "new@example.org", headers={"Host": host}):
        assert shown.status_code == 200
        assert "evil.example" not in shown.text
        text = BeautifulSoup(shown.text, "html.parser").select_one("main").get_text(" ", strip=True)
        assert "Set VOICE_PUBLIC_URL" in text
        path = link_in(shown.text)
        assert re.search(rf"<code>{path}</code>", shown.text)  # the path alone, nothing in front of it
        assert client.get(path).status_code == 200


def test_links_start_with_the_public_url_and_staff_pages_refuse_other_hosts(settings: Settings) -> None:
    settings = msgspec.structs.replace(settings, public_url=PUBLIC_URL)
    with TestClient(create_app(settings), base_url=PUBLIC_URL) as client:
        add(settings, "admin@example.org", "admin")
        add(settings, "f@example.org", "facilitator")
        sign_in(client, "admin@example.org")
        links = []
        for shown in made_links(client, "new@example.org"):
            found = re.search(r"<code>([^<]*)</code>", shown.text)
            assert found and found[1].startswith(f"{PUBLIC_URL}/staff/set-password/"), shown.text
            assert "VOICE_PUBLIC_URL" not in shown.text
            links.append(link_in(shown.text))
        for host in ("voice.example.org", "VOICE.example.org:443"):  # the same host, written otherwise
            assert client.get("/staff/accounts", headers={"Host": host}).status_code == 200
        for host in ATTACKERS_HOSTS:
            for path in ("/staff/sign-in", "/staff/accounts", "/staff/accounts/2", *links):
                refused = client.get(path, headers={"Host": host})
                assert refused.status_code == 400, (path, host)
                assert "evil.example" not in refused.text and PUBLIC_URL in refused.text
            for shown in made_links(client, "other@example.org", headers={"Host": host}):
                assert shown.status_code == 400 and "set-password" not in shown.text
        token = csrf(get_page(client, "/staff/accounts"))
        for method, path, _ in staff_routes(client.app):  # every staff route, signed in or not
            url = re.sub(r"\{[^}]+\}", "1", path)
            sent = client.request(
                method, url, headers={"Host": "evil.example"}, data={"_csrf_token": token} if method == "POST" else None
            )
            assert sent.status_code == 400, (method, path)
        assert client.get(links[0]).status_code == 200


def test_the_cli_prints_a_path_without_a_public_url(settings: Settings) -> None:
    invited = CliRunner().invoke(
        main,
        ["user", "invite", "lead@example.org", "--role", "viewer", "--db", settings.db_path],
        env={"VOICE_PUBLIC_URL": None},
    )
    assert invited.exit_code == 0, invited.output
    assert "://" not in invited.output.split("Set VOICE_PUBLIC_URL")[0]
    assert "Set VOICE_PUBLIC_URL" in invited.output
    assert re.search(r"^/staff/set-password/[A-Za-z0-9_-]+$", invited.output, re.MULTILINE)


def test_the_demo_makes_links_at_its_own_address() -> None:
    from voice.cli.server import demo_settings

    assert demo_settings(Settings(port=8611)).public_url == "http://127.0.0.1:8611"
    assert demo_settings(Settings(host="0.0.0.0")).public_url == "http://127.0.0.1:8000"
    assert demo_settings(Settings(public_url=PUBLIC_URL)).public_url == PUBLIC_URL  # as the partnership set it


def audit_actions(settings: Settings) -> list[str]:
    with sqlite3.connect(settings.db_path) as conn:
        return [
            a for (a,) in conn.execute("SELECT action FROM audit_log WHERE actor = 'admin@example.org' ORDER BY id")
        ]


def test_every_account_form_redirects_after_it_posts_so_a_refresh_sends_nothing(
    client: TestClient, settings: Settings
) -> None:
    """#27 item 15: the account forms answered their post with a page, at /staff/accounts/5/role, so a refresh
    sent the form again; saving a role said nothing."""
    add(settings, "admin@example.org", "admin")
    sign_in(client, "admin@example.org")
    page = get_page(client, "/staff/accounts")
    invited = client.post(
        "/staff/accounts",
        data={"_csrf_token": csrf(page), "email": "new@example.org", "role": "facilitator"},
        follow_redirects=False,
    )
    assert invited.status_code == 303
    shown = get_page(client, invited.headers["location"])
    link_in(str(shown))  # the one-time link, shown on the page the form led to
    again = client.get(invited.headers["location"])  # a refresh: sends nothing, and the link is not shown twice
    assert "set-password" not in again.text
    assert audit_actions(settings).count("account invited") == 1
    staff_id = next(a["href"] for a in shown.select("tbody a") if a.get_text() == "new@example.org").rsplit("/", 1)[1]

    for action, data, said, audited in (
        ("role", {"role": "viewer"}, "Role saved", "account role changed"),
        ("reset", {}, "Password reset link made", "password reset link made"),
    ):
        account = get_page(client, f"/staff/accounts/{staff_id}")
        sent = client.post(
            f"/staff/accounts/{staff_id}/{action}", data={"_csrf_token": csrf(account), **data}, follow_redirects=False
        )
        assert sent.status_code == 303, action
        after = get_page(client, sent.headers["location"])
        assert said in after.select_one("[role=status]").get_text(" ", strip=True), action
        refreshed = get_page(client, sent.headers["location"])
        assert audit_actions(settings).count(audited) == 1, action
        assert "set-password" not in str(refreshed)
    assert "Viewer" in get_page(client, f"/staff/accounts/{staff_id}").select_one("dl").get_text()


def account_id(client: TestClient, email: str) -> str:
    """The account's number, from its link in the list of accounts (as an admin sees it)."""
    return str(
        next(a["href"] for a in get_page(client, "/staff/accounts").select("tbody a") if a.get_text() == email).rsplit(
            "/", 1
        )[1]
    )


def admin_with_a_facilitator(client: TestClient, settings: Settings) -> str:
    """An admin signed in, and sam@example.org a facilitator: sam's account number."""
    add(settings, "admin@example.org", "admin")
    add(settings, "sam@example.org", "facilitator")
    sign_in(client, "admin@example.org")
    return account_id(client, "sam@example.org")


def test_disabling_an_account_asks_first(client: TestClient, settings: Settings) -> None:
    """#27 item 15: "Disable this account" disabled it at once, with no step to confirm."""
    staff_id = admin_with_a_facilitator(client, settings)
    account = get_page(client, f"/staff/accounts/{staff_id}")
    assert not [f for f in account.select("main form") if f["action"].endswith("/disable")]  # no disabling at once
    ask = get_page(client, account.find("a", string="Disable this account")["href"])
    said = ask.select_one("main").get_text(" ", strip=True)
    assert "sam@example.org" in said and "signs them out at once" in said
    assert ask.find("a", string=re.compile("go back", re.IGNORECASE))["href"] == f"/staff/accounts/{staff_id}"
    assert "account disabled" not in audit_actions(settings)  # asking changed nothing
    form = next(f for f in ask.select("main form") if f["action"].endswith("/disable"))
    sent = client.post(
        form["action"], data={i["name"]: i.get("value", "") for i in form.select("input[name]")}, follow_redirects=False
    )
    assert sent.status_code == 303
    done = get_page(client, sent.headers["location"])
    assert "disabled" in done.select_one("[role=status]").get_text(" ", strip=True).lower()
    assert audit_actions(settings).count("account disabled") == 1
    sign_in(client, "sam@example.org", status=401)


def test_a_post_that_skips_the_question_disables_nothing(client: TestClient, settings: Settings) -> None:
    staff_id = admin_with_a_facilitator(client, settings)
    account = get_page(client, f"/staff/accounts/{staff_id}")
    sent = client.post(f"/staff/accounts/{staff_id}/disable", data={"_csrf_token": csrf(account)})
    assert "Disable sam@example.org?" in check_page(sent.text).get_text()  # the question, not done
    assert "account disabled" not in audit_actions(settings)


def test_every_staff_form_that_changes_something_answers_with_a_redirect(client: TestClient) -> None:
    """Post/redirect/get on every staff form: a refresh after a change loads a page, never sends again
    (a form with a problem is shown again, with what was typed, as every form is)."""
    answers_a_page = [
        (path, handler)
        for method, path, handler in staff_routes(client.app)
        if method == "POST" and handler.status_code != 303
    ]
    assert not answers_a_page


def test_a_new_link_for_an_account_still_invited_is_a_new_invitation(settings: Settings) -> None:
    from voice.store import accounts as auth
    from voice.store.db import opened
    from voice.web.app import create_app

    with TestClient(create_app(settings)):
        pass
    with opened(settings.db_path) as db:
        auth.add_user(db, "admin@example.org", "admin", "a long enough password")
        auth.invite(db, "new@example.org", "facilitator", "admin@example.org")
        invited = auth.account(db, "new@example.org")
        token = auth.reset_link(db, invited.id, "admin@example.org")
        assert not auth.account(db, "new@example.org").has_password  # still "Invited", not "Active"
        purpose, expires = db.execute("SELECT purpose, expires_at FROM staff_links WHERE used_at IS NULL").fetchone()
    assert purpose == "invite" and expires[:10] >= (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=6)).isoformat()
    assert token


@pytest.mark.parametrize(
    "email",
    [
        "jo.smith@",  # a new user's: "Invitation made"
        "lead@example.org\u200b",  # a zero-width space: shown as lead@example.org (the pen test)
        "lead@ex\u0430mple.org",  # a Cyrillic "а": looks like lead@example.org (the pen test)
        "sam@localhost",
        "@example.org",
    ],
)
def test_an_invitation_needs_a_real_email_address(client: TestClient, settings: Settings, email: str) -> None:
    """A new user invited "jo.smith@" and the list showed "jo.smith@ Facilitator Invited"; the pen test made accounts
    that show as another's address. Each is refused with the form's error, and no account is made."""
    add(settings, "admin@example.org", "admin")
    sign_in(client, "admin@example.org")
    page = get_page(client, "/staff/accounts")
    refused = client.post("/staff/accounts", data={"_csrf_token": csrf(page), "email": email, "role": "facilitator"})
    assert refused.status_code == 422 and "Enter an email address" in refused.text, refused.status_code
    with sqlite3.connect(settings.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM staff").fetchone()[0] == 1
