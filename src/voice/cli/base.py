"""The `voice` command group and what its commands share: settings from the environment with clear
errors, the --db option, who is at the command line, the taxonomy in use."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from click_default_group import DefaultGroup

from voice.common.dates import use_timezone
from voice.common.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from voice.reading.themes import Taxonomy


def cli_settings(**overrides: object) -> Settings:
    try:
        settings = load_settings(**overrides)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    use_timezone(settings.timezone)
    return settings


@click.group(cls=DefaultGroup, default="serve", default_if_no_args=True)
@click.version_option(package_name="voice")
def main() -> None:
    """voice: young people tell the partnership what they think, and see what changed."""


DB_OPTION = click.option("--db", "db_path", help="SQLite database file.  [env: VOICE_DB_PATH]")
CLI_ACTOR = "command line"


def who_is_here() -> str:
    """Who is at the command line, for the audit log (the system's user name; none in some containers)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "the command line"


def taxonomy_in_use(settings: Settings) -> Taxonomy:
    """The taxonomy in use (VOICE_TAXONOMY_FILE or the shipped one), or a clear error."""
    from voice.reading.themes import taxonomy_for

    try:
        return taxonomy_for(settings)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


def read_waiting(settings: Settings) -> int:
    """Read every answer still waiting to be read (see voice.web.reading); returns how many."""
    from voice.intake.submissions import read_unread, reading_options, unread_count
    from voice.store.db import opened
    from voice.web.app import answer_reader_for, redaction_terms

    with opened(settings.db_path) as db:
        if not unread_count(db):  # the usual case: loading the answer_reader is not free
            return 0
    try:
        options = reading_options(settings, redaction_terms(settings), answer_reader_for(settings))
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    read = 0
    with opened(settings.db_path) as db:
        while n := read_unread(db, options, limit=200):
            read += n
    return read
