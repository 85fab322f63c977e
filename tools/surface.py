"""Print everything a user or client can see of voice's shape: every command's --help, the route table
and the OpenAPI schema. A change that only moves code (issue #31) must leave this output byte-identical:

    .venv/bin/python tools/surface.py > /tmp/before.txt   # on the old commit
    .venv/bin/python tools/surface.py | diff /tmp/before.txt -
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click
from click.testing import CliRunner

from voice.cli import main
from voice.common.settings import Settings
from voice.web.app import create_app


def command_help(group: click.Command, path: list[str]) -> list[str]:
    """Every command's --help, depth first, in name order."""
    result = CliRunner().invoke(main, [*path, "--help"], terminal_width=100)
    out = [f"$ voice {' '.join(path)} --help".replace("  ", " "), result.output]
    if isinstance(group, click.Group):
        for name in sorted(group.commands):
            out += command_help(group.commands[name], [*path, name])
    return out


def main_() -> None:
    print("\n".join(command_help(main, [])))
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(db_path=str(Path(folder) / "surface.db"))
        app = create_app(settings)
        print("# routes")
        for route in sorted(app.routes, key=lambda r: r.path):
            methods = sorted(getattr(route, "methods", []) or [])
            handlers = sorted(h.handler_name for h in getattr(route, "route_handlers", []))
            print(route.path, " ".join(methods), " ".join(handlers))
        print("# openapi")
        print(json.dumps(app.openapi_schema.to_schema(), indent=1, sort_keys=True, default=str))


if __name__ == "__main__":
    main_()
