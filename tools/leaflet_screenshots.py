"""Pictures of the "you said, we did" leaflet: as printed on A4 (print styles, 794 CSS pixels wide) and on
a phone (375 pixels), normal and easy read, from a database's year.

    .venv/bin/python tools/leaflet_screenshots.py DB YEAR [OUT_DIR [LOCALE]]   # default docs/screenshots, en

The leaflet's PDF is made from the same HTML by WeasyPrint; Chromium draws the pictures.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.test_a11y import CHROME_ARGS
from voice.common.settings import REPO_DIR
from voice.reading.themes import default_taxonomy
from voice.reporting.exports import leaflet_html
from voice.reporting.outputs import build_report
from voice.store.db import opened


def main(db_path: str, year: str, out: Path, locale: str = "en") -> None:
    out.mkdir(parents=True, exist_ok=True)
    with opened(db_path) as db:
        report = build_report(db, year, default_taxonomy())
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROME_ARGS)
        for easy in (False, True):
            html = leaflet_html(report, locale, easy=easy)
            for name, width, media in (("a4", 794, "print"), ("phone", 375, "screen")):
                page = browser.new_page(viewport={"width": width, "height": 1123})
                page.emulate_media(media=media)
                page.set_content(html)
                path = out / f"leaflet{'-easy' if easy else ''}-{name}-{locale}.png"
                page.screenshot(path=str(path), full_page=True)
                sys.stdout.write(f"{path}\n")
                page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], Path(sys.argv[3]) if len(sys.argv) > 3 else REPO_DIR / "docs" / "screenshots",
         sys.argv[4] if len(sys.argv) > 4 else "en")
