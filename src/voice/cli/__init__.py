"""The `voice` command, one module per group of commands (serve and demo, surveys, answers, accounts,
the reader, the database, reports). It may import every other package; nothing imports it."""

from voice.cli import accounts, answers, database, reader, reports, server, surveys
from voice.cli.base import main

__all__ = ["accounts", "answers", "database", "main", "reader", "reports", "server", "surveys"]
