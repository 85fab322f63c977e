"""Screenshots of a young person's journey at 320 CSS pixels wide, in English and Urdu (right to left):
the start page, a question page with an error, the thank-you page, and an easy-read page.

    .venv/bin/python tools/screenshots.py [OUT_DIR]      # default docs/screenshots

Runs the product on a throwaway database in Debian's Chromium (CHROMIUM_PATH to use another).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.test_a11y import CHROME_ARGS
from tests.conftest import served
from voice.common.settings import REPO_DIR, Settings
from voice.web.app import create_app

SURVEY = "ypag-priorities"


def shot(page: Page, path: Path) -> None:
    page.screenshot(path=str(path), full_page=True)
    sys.stdout.write(f"{path}\n")


def journey(page: Page, base: str, lang: str, out: Path) -> None:
    page.goto(f"{base}/s/{SURVEY}")
    shot(page, out / f"start-{lang}.png")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    while not page.locator("textarea").count():
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
    page.locator("textarea").first.fill("x" * 1200)  # longer than the 1,000 characters allowed
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, out / f"question-error-{lang}.png")
    page.locator("textarea").first.fill("")
    while "/check" not in page.url:
        with page.expect_navigation():
            page.locator("main form button[type=submit]").first.click()
    with page.expect_navigation():
        page.locator("form[action$='/check'] button[type=submit]").click()
    shot(page, out / f"thanks-{lang}.png")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=f"{tmp}/voice.db", surveys_dir=str(REPO_DIR / "surveys"), secret="screenshots")
        with served(create_app(settings)) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROME_ARGS)
            for lang, locale in (("en", "en-GB"), ("ur", "ur")):
                context = browser.new_context(viewport={"width": 320, "height": 640}, locale=locale)
                journey(context.new_page(), base, lang, out)
                context.close()
            context = browser.new_context(viewport={"width": 320, "height": 640}, locale="en-GB")
            page = context.new_page()
            page.goto(f"{base}/easy-read/on?next=/s/{SURVEY}/p/2")
            page.goto(f"{base}/s/{SURVEY}")
            with page.expect_navigation():
                page.locator("main form button[type=submit]").first.click()
            with page.expect_navigation():
                page.locator("main form button[type=submit]").first.click()
            shot(page, out / "easy-read-en.png")
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_DIR / "docs" / "screenshots")
