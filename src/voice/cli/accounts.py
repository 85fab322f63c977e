"""`voice user ...`: staff accounts."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from voice.common.settings import Settings

if TYPE_CHECKING:
    from sqlite_utils import Database


from voice.cli.base import CLI_ACTOR, DB_OPTION, cli_settings, main

ROLE_CHOICE = click.Choice(["admin", "facilitator", "safeguarding_lead", "viewer"])
"""voice.store.accounts.ROLES, written out so that every command need not import argon2."""


@main.group()
def user() -> None:
    """Staff accounts."""


@user.command("add")
@click.argument("email")
@click.option("--role", type=ROLE_CHOICE, required=True, help="What the account may do.")
@click.option("--generate", is_flag=True, help="Make a strong password and print it once, instead of asking.")
@click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
def user_add(email: str, role: str, generate: bool, db_path: str | None) -> None:
    """Add a staff account. Asks for the password twice, unless --generate."""
    import secrets

    from voice.store.accounts import MIN_PASSWORD, AccountError, add_user
    from voice.store.db import migrate, opened

    settings = cli_settings(db_path=db_path)
    password = (
        secrets.token_urlsafe(18)
        if generate
        else click.prompt(
            f"Password for {email} (at least {MIN_PASSWORD} characters)", hide_input=True, confirmation_prompt=True
        )
    )
    migrate(settings.db_path)
    with opened(settings.db_path) as db:
        try:
            added = add_user(db, email, role, password)
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"Added {added.email} as {added.role}.")
    if generate:
        click.echo(f"Password (shown once; give it to them safely): {password}")


@contextlib.contextmanager
def _accounts(db_path: str | None) -> Iterator[tuple[Settings, Database]]:
    """The settings and an open, migrated database, with account problems as clear messages."""
    from voice.store.accounts import AccountError
    from voice.store.db import migrate, opened

    settings = cli_settings(db_path=db_path)
    migrate(settings.db_path)
    with opened(settings.db_path) as db:
        try:
            yield settings, db
        except AccountError as exc:
            raise click.ClickException(str(exc)) from None


@user.command("list")
@DB_OPTION
def user_list(db_path: str | None) -> None:
    """Every staff account: email, role, and whether it is active, invited or disabled."""
    from voice.store.accounts import accounts

    with _accounts(db_path) as (_, db):
        for a in accounts(db):
            state = "disabled" if a.disabled else "invited" if not a.has_password else "active"
            click.echo(f"{a.email}\t{a.role}\t{state}\tsince {a.created_on}")


@user.command("role")
@click.argument("email")
@click.argument("role", type=ROLE_CHOICE)
@DB_OPTION
def user_role(email: str, role: str, db_path: str | None) -> None:
    """Change what an account may do."""
    from voice.store.accounts import account, set_role

    with _accounts(db_path) as (_, db):
        set_role(db, account(db, email).id, role, CLI_ACTOR)
    click.echo(f"{email} is now {role}.")


def _set_disabled(email: str, disabled: bool, db_path: str | None) -> None:
    from voice.store.accounts import account, set_disabled

    with _accounts(db_path) as (_, db):
        set_disabled(db, account(db, email).id, disabled, CLI_ACTOR)


@user.command("disable")
@click.argument("email")
@DB_OPTION
def user_disable(email: str, db_path: str | None) -> None:
    """Stop an account signing in; its open sessions and unused one-time links end at once."""
    _set_disabled(email, True, db_path)
    click.echo(f"Disabled {email}; their sessions and unused one-time links have ended.")


@user.command("enable")
@click.argument("email")
@DB_OPTION
def user_enable(email: str, db_path: str | None) -> None:
    """Let a disabled account sign in again."""
    _set_disabled(email, False, db_path)
    click.echo(f"Enabled {email}.")


@user.command("reset")
@click.argument("email")
@DB_OPTION
def user_reset(email: str, db_path: str | None) -> None:
    """Print a one-time link (24 hours) with which the person sets a new password."""
    from voice.store.accounts import RESET_HOURS, account, link_url, reset_link

    with _accounts(db_path) as (settings, db):
        token = reset_link(db, account(db, email).id, CLI_ACTOR)
    click.echo(f"Send this link to {email} yourself; it works once, for {RESET_HOURS} hours:")
    _echo_link(settings, link_url(settings.public_url, token))


@user.command("invite")
@click.argument("email")
@click.option("--role", type=ROLE_CHOICE, required=True, help="What the account may do.")
@DB_OPTION
def user_invite(email: str, role: str, db_path: str | None) -> None:
    """Add an account without a password and print a one-time link (7 days) with which they choose one."""
    from voice.store.accounts import INVITE_DAYS, invite, link_url

    with _accounts(db_path) as (settings, db):
        token = invite(db, email, role, CLI_ACTOR)
    click.echo(f"Invited {email} as {role}. Send them this link yourself; it works once, for {INVITE_DAYS} days:")
    _echo_link(settings, link_url(settings.public_url, token))


def _echo_link(settings: Settings, link: str) -> None:
    """A one-time link: in full at VOICE_PUBLIC_URL, else its path and what to do about it."""
    click.echo(link)
    if not settings.public_url:
        click.echo(
            "This is only the end of the link: put the service's address in front of it before you send "
            "it. Set VOICE_PUBLIC_URL to the service's address (like https://voice.example.org) to be "
            "given the full link."
        )
