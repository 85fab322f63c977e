"""Compile the translation catalogues (messages.po to messages.mo) whenever the package is built or
installed, editable installs included, so the running product always has the words in the .po files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        for po in sorted(Path(self.root, "src", "voice", "locale").glob("*/LC_MESSAGES/messages.po")):
            with po.open("rb") as f:
                catalog = read_po(f)
            problems = [f"{po}: {message.id!r}: {error}" for message, errors in catalog.check() for error in errors]
            if problems:
                raise ValueError("translation catalogue problems:\n" + "\n".join(problems))
            with po.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalog)  # fuzzy (unchecked near-match) messages are left out
        build_data["artifacts"].append("src/voice/locale/*/LC_MESSAGES/messages.mo")
