"""What the browser tests share: Debian's Chromium (one browser a module), a served app with the example
surveys, and axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import EXAMPLES, served
from voice.common.settings import Settings
from voice.web.app import create_app

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = os.environ.get("AXE_JS", str(AXE_FILE_PATH))
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(EXAMPLES, root / "surveys")
    with served(
        create_app(Settings(db_path=str(root / "voice.db"), surveys_dir=str(root / "surveys"), secret="b"))
    ) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run ./scripts/test, which installs Debian's chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROME_ARGS)
        yield b
        b.close()


def no_axe_violations(page: Page) -> None:
    """No axe violations of WCAG 2.0-2.2 A and AA on this page (the journeys' files use it too)."""
    assert page.evaluate("typeof axe") == "object", "axe-core was not injected"
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations)",
        WCAG_TAGS,
    )
    report = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations]
    assert not report, f"{page.url}:\n" + "\n".join(report)


def no_wider_than(page: Page, width: int) -> None:
    found = page.evaluate("document.documentElement.scrollWidth")
    assert found <= width, f"{page.url} scrolls sideways at {width}px ({found}px wide)"
