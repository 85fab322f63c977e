"""Every format "you said, we did" is made in, one entry each: its name (`voice export --format`, the
staff page's downloads), its name for people, its media type, how its file names end, and what makes its
files. The renderers are in exports.py, imported only when a file is made (so that `voice --help` and
its `--format` choice do not pay for them).

A new format is one entry here and its renderer (docs/architecture.md, "A new output format").
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from voice.common.i18n import N_

if TYPE_CHECKING:
    from voice.reporting.outputs import Report

Files = dict[str, bytes]
"""A format's files by what comes between the report's stem and the format's ending ("" for the main one)."""


class Format(msgspec.Struct, frozen=True):
    name: str
    title: str
    """Its name on the staff page (translated where it is shown)."""
    media_type: str
    ending: str
    """How its files' names end, after you-said-we-did-YEAR[-SURVEY]: ".html", "-leaflet.pdf"."""
    make: Callable[[Report, str, str], Files]
    """(report, locale, the site's stylesheet) -> its files. Each reads only the Report, in that locale
    (exports.in_language), so a hidden number or an unapproved quote cannot reach a file."""


def _html(report: Report, locale: str, css: str) -> Files:
    from voice.reporting.exports import render_html

    return {"": render_html(report, locale, css=css).encode()}


def _pdf(report: Report, locale: str, css: str) -> Files:
    from voice.reporting.exports import render_pdf

    return {"": render_pdf(report, locale, css)}


def _leaflet(report: Report, locale: str, css: str) -> Files:
    from voice.reporting.exports import render_leaflet

    return {"": render_leaflet(report, locale)}


def _easy_leaflet(report: Report, locale: str, css: str) -> Files:
    from voice.reporting.exports import render_leaflet

    return {"": render_leaflet(report, locale, easy=True)}


def _docx(report: Report, locale: str, css: str) -> Files:
    from voice.reporting.exports import render_docx

    return {"": render_docx(report, locale)}


def _md(report: Report, locale: str, css: str) -> Files:
    from voice.reporting.exports import render_md

    return {"": render_md(report, locale).encode()}


def _csv(report: Report, locale: str, css: str) -> Files:
    """The figures, the actions, and (with a year before) both years' figures side by side."""
    from voice.reporting.exports import render_csvs

    return {part: text.encode("utf-8-sig") for part, text in render_csvs(report, locale).items()}


def _json(report: Report, locale: str, css: str) -> Files:
    from voice.reporting.exports import render_json

    return {"": render_json(report, locale)}


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", N_("Web page (HTML)"), "text/html", ".html", _html),  # Litestar adds the charset to text types
        Format("pdf", N_("Full report (PDF)"), "application/pdf", ".pdf", _pdf),
        Format("leaflet", N_("Leaflet for young people (PDF)"), "application/pdf", "-leaflet.pdf", _leaflet),
        Format("leaflet-easy", N_("Easy read leaflet (PDF)"), "application/pdf", "-leaflet-easy.pdf", _easy_leaflet),
        Format(
            "docx",
            N_("Section for the annual report (Word)"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".docx",
            _docx,
        ),
        Format("md", N_("Markdown"), "text/markdown", ".md", _md),
        Format("csv", N_("Figures and actions (CSV files in a zip)"), "text/csv", ".csv", _csv),
        Format("json", N_("Data (JSON)"), "application/json", ".json", _json),
    )
}


def render(report: Report, fmt: str, locale: str = "en", css: str = "") -> Files:
    """The files of one format, by name (CSV makes two: the figures and the actions; three with the year
    before). The partnership's and the surveys' words are in `locale` where they were given in it."""
    chosen = FORMATS.get(fmt)
    if chosen is None:
        raise ValueError(f"unknown format {fmt!r}; use one of: {', '.join(FORMATS)}")
    stem = file_stem(report)
    return {f"{stem}{part}{chosen.ending}": data for part, data in chosen.make(report, locale, css).items()}


def file_stem(report: Report) -> str:
    from voice.reporting.priorities import year_slug

    return f"you-said-we-did-{year_slug(report.year)}" + (f"-{report.survey}" if report.survey else "")


def write(report: Report, formats: list[str], out_dir: Path, locale: str = "en", css: str = "") -> list[Path]:
    """Write each format's files into out_dir; each file appears whole or not at all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        for name, data in render(report, fmt, locale, css).items():
            path = out_dir / name
            partial = path.with_name(f".{name}.partial")
            partial.write_bytes(data)
            partial.replace(path)
            written.append(path)
    return written


def download(report: Report, fmt: str, locale: str = "en", css: str = "") -> tuple[str, str, bytes]:
    """One format as one file to send: (its name, its media type, its bytes). A format that makes several
    files (CSV: the figures, the actions and, with a year before, both years side by side) comes as a ZIP
    of them all, each named as `voice export` names it."""
    files = render(report, fmt, locale, css)
    if len(files) == 1:
        [(name, data)] = files.items()
        return name, FORMATS[fmt].media_type, data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return f"{file_stem(report)}-{fmt}.zip", "application/zip", out.getvalue()
