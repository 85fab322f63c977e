"""Bytes a young person's phone downloads for each page of every example survey, in English, Urdu and
easy read: the HTML, plus the stylesheet and script the first page also fetches (later pages get them
from the cache). Target (issue #6): under 30 KB of HTML and CSS per page, no render-blocking script.

Run: .venv/bin/python bench/page_weight.py

Sizes are given as sent (the app itself does not compress) and gzipped (what a server or proxy in front
of it with gzip on would send). Pages are fetched with Litestar's test client: no network, just bytes.
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from litestar.testing import TestClient

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "src"))

from voice.common.settings import Settings  # noqa: E402
from voice.web.app import create_app  # noqa: E402

LIMIT = 30 * 1024


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def blocking_scripts(html: str) -> list[str]:
    """Scripts in the head that stop the page drawing until they have downloaded and run."""
    head = BeautifulSoup(html, "html.parser").head
    return [
        str(s)
        for s in head.find_all("script")
        if not (s.has_attr("defer") or s.has_attr("async") or s.get("type") == "module")
    ]


def journey(client: TestClient, slug: str) -> list[tuple[str, bytes]]:
    """Every page a young person sees answering `slug` (with one error page), as downloaded."""
    pages = []
    start = client.get(f"/s/{slug}")
    pages.append((f"/s/{slug}", start.content))
    token = re.search(r'name="_csrf_token" value="([^"]+)"', start.text)[1]
    url = client.post(f"/s/{slug}/start", data={"_csrf_token": token}, follow_redirects=False).headers["location"]
    errors_shown = False
    while "/p/" in url:
        page = client.get(url)
        pages.append((url, page.content))
        token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text)[1]
        box = re.search(r'<textarea[^>]* name="([^"]+)"', page.text)
        if box and not errors_shown:
            error = client.post(url, data={"_csrf_token": token, box[1]: "x" * 6000})
            pages.append((f"{url} (error)", error.content))
            errors_shown = True
        url = client.post(url, data={"_csrf_token": token}, follow_redirects=False).headers["location"]
    check = client.get(url)
    pages.append((url, check.content))
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', check.text))
    thanks = client.post(url, data=fields, follow_redirects=False).headers["location"]
    pages.append((thanks.rsplit("/", 1)[0] + "/…", client.get(thanks).content))
    return pages


def measure(report: bool = False) -> tuple[int, int]:
    """(largest first view in bytes as sent, the same gzipped); with `report`, print a row per page."""
    say = print if report else (lambda *_a, **_k: None)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_path=f"{tmp}/v.db", surveys_dir=str(ROOT / "surveys"), secret="bench")
        app = create_app(settings)
        css = (ROOT / "static/css/voice.css").read_bytes()
        js = (ROOT / "static/js/voice.js").read_bytes()
        say(f"stylesheet {len(css):,} B ({gz(css):,} gzipped); script {len(js):,} B ({gz(js):,} gzipped), deferred")
        say()
        say(
            "| version | page | HTML | HTML gzipped | first view: HTML + CSS | gzipped | pictures | render-blocking scripts |"
        )
        say("|---|---|---|---|---|---|---|---|")
        worst = worst_gz = 0
        for version, prefs in (
            ("English", {}),
            ("Urdu", {"voice_lang": "ur"}),
            ("easy read", {"voice_easy_read": "1"}),
        ):
            for slug in sorted(p.stem for p in (ROOT / "surveys").glob("*.yaml")):
                with TestClient(app) as client:
                    client.cookies.update(prefs)
                    for url, body in journey(client, slug):
                        blocking = blocking_scripts(body.decode())
                        first = len(body) + len(css)
                        if first > worst:
                            worst, worst_gz = first, gz(body) + gz(css)
                        pictures = sum(
                            len(client.get(src).content)
                            for src in re.findall(r'<img [^>]*src="([^"]+)"', body.decode())
                        )
                        say(
                            f"| {version} | {url} | {len(body):,} | {gz(body):,} | {first:,} | "
                            f"{gz(body) + gz(css):,} | {pictures:,} | {len(blocking)} |"
                        )
    return worst, worst_gz


def main() -> None:
    worst, _ = measure(report=True)
    verdict = "under" if worst < LIMIT else "OVER"
    print(f"\nlargest first view (HTML + CSS as sent): {worst:,} B, {verdict} the {LIMIT:,} B target")


if __name__ == "__main__":
    main()
