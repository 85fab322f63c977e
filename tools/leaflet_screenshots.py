"""Pictures of the "you said, we did" leaflet, normal and easy read, from a database's year: as printed on A4
(the PDF itself, its pages drawn by poppler's pdftoppm and set one under the other) and on a phone (the same
HTML drawn by Chromium at 375 pixels).

    .venv/bin/python tools/leaflet_screenshots.py DB YEAR [OUT_DIR [LOCALE]]   # default docs/screenshots, en

Writes leaflet[-easy]-a4-LOCALE.png and leaflet[-easy]-phone-LOCALE.png.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.conftest import CHROME_ARGS
from voice.common.settings import REPO_DIR
from voice.reading.themes import default_taxonomy
from voice.reporting.exports import leaflet_html, render_leaflet
from voice.reporting.outputs import build_report, check_published
from voice.store.db import opened


def a4_pages(pdf: bytes, dpi: int = 80) -> Image.Image:
    """The PDF's pages as one picture, one under the other, with a grey gap between."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "leaflet.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "leaflet.pdf", "page"], cwd=tmp, check=True)
        pages = [Image.open(io.BytesIO(p.read_bytes())).convert("RGB") for p in sorted(Path(tmp).glob("page-*.png"))]
    gap = 16
    sheet = Image.new(
        "RGB", (max(p.width for p in pages), sum(p.height for p in pages) + gap * (len(pages) - 1)), "#b1b4b6"
    )
    y = 0
    for page in pages:
        sheet.paste(page, (0, y))
        y += page.height + gap
    return sheet


def main(db_path: str, year: str, out: Path, locale: str = "en") -> None:
    out.mkdir(parents=True, exist_ok=True)
    with opened(db_path) as db:
        report = check_published(db, build_report(db, year, default_taxonomy()))
    chromium = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROME_ARGS)
        for easy in (False, True):
            stem = f"leaflet{'-easy' if easy else ''}"
            path = out / f"{stem}-a4-{locale}.png"
            a4_pages(render_leaflet(report, locale, easy=easy)).save(path, optimize=True)
            sys.stdout.write(f"{path}\n")
            page = browser.new_page(viewport={"width": 375, "height": 800})
            page.emulate_media(media="screen")
            page.set_content(leaflet_html(report, locale, easy=easy))
            path = out / f"{stem}-phone-{locale}.png"
            page.screenshot(path=str(path), full_page=True)
            sys.stdout.write(f"{path}\n")
            page.close()
        browser.close()


if __name__ == "__main__":
    main(
        sys.argv[1],
        sys.argv[2],
        Path(sys.argv[3]) if len(sys.argv) > 3 else REPO_DIR / "docs" / "screenshots",
        sys.argv[4] if len(sys.argv) > 4 else "en",
    )
