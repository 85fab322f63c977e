"""Files from one "you said, we did" report: a web page, a printable PDF, a Word section for the annual
report, Markdown, and the figures and actions as CSV and JSON. Which formats there are, their names and
their files' names are in formats.py, one entry each.

Every format reads the same Report (outputs.py), in which a hidden number is already gone and only
approved quotes are present. CSV cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import base64
import csv
import io
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
from jinja2 import Environment, StrictUndefined

from voice.common.i18n import (
    N_,
    day,
    direction,
    jinja_gettext,
    jinja_ngettext,
    lang_tag,
    percent,
    survey_text,
    translate,
    translate_plural,
)
from voice.common.settings import resource_dir
from voice.common.text import spreadsheet_safe
from voice.reading.themes import SENTIMENTS
from voice.reporting.outputs import (
    SECTION_TITLE,
    ActionOut,
    PrioritySection,
    QuoteOut,
    Report,
    address_lines,
    attributed,
    easy_words,
    in_language,
    in_ten,
    made_line,
    published_lines,
    said_most_first,
    told_line,
)
from voice.reporting.priorities import EASY_WORDS, STATUS_NAMES
from voice.reporting.results import (
    SHOWN,
    Count,
    QuestionResult,
    SurveyResults,
    TopicResult,
    change_text,
    count_text,
    share_text,
)
from voice.reporting.templating import environment
from voice.surveys.schema import STANDARD_SUPPORT


class ExportError(Exception):
    """An output that cannot be made here (e.g. the PDF library's system fonts are missing)."""


def report_css(static_dir: str | Path) -> str:
    """The site's stylesheet, put inside exported HTML and PDF files so that they stand alone."""
    return (Path(static_dir) / "css" / "voice.css").read_text()


# --- HTML and PDF: the same template as the public page ------------------------------------------
def render_html(report: Report, locale: str = "en", *, css: str = "", print_version: bool = False) -> str:
    """A whole HTML document, styles inside, readable offline and printable."""
    return (
        environment()
        .get_template("report/standalone.html")
        .render(
            report=in_language(report, locale),
            locale=locale,
            lang=lang_tag(locale),
            dir=direction(locale),
            css=css,
            print=print_version,
            support=STANDARD_SUPPORT,
        )
    )


def _weasyprint_html() -> Any:
    """WeasyPrint's HTML class, or ExportError when the system lacks what it needs."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # WeasyPrint needs Pango from the system (Debian: libpango-1.0-0, libpangoft2-1.0-0)
        raise ExportError(f"PDF needs the Pango text library installed on this machine: {exc}") from None
    return HTML


def render_pdf(report: Report, locale: str, css: str) -> bytes:
    HTML = _weasyprint_html()  # noqa: N806 - WeasyPrint's class
    # PDF/UA: tagged (headings, lists, tables and reading order for screen readers), with the document's
    # language and title.
    pdf = HTML(string=render_html(report, locale, css=css, print_version=True)).write_pdf(pdf_variant="pdf/ua-1")
    return bytes(pdf or b"")


# --- the leaflet for young people ----------------------------------------------------------------------
LEAFLET_PAGES = 2


def telling_figures(report: Report, most: int = 3) -> list[tuple[SurveyResults, QuestionResult]]:
    """The questions whose most common answer was chosen by the largest share (one per survey first), each
    with its survey (so that its picture can say which survey, which year and how many it is about)."""

    def top(q: QuestionResult) -> int:
        return max((r.count.percent or 0 for r in q.rows if r.count.state == SHOWN), default=0)

    # Questions about who answered (age band, area: the ones answers are broken down by) tell nothing done.
    about_you = {b.by for c in report.consultations for q in c.questions for b in q.breakdowns}
    shown = [
        (c, q)
        for c in report.consultations
        if c.responses.state == SHOWN
        for q in c.questions
        if q.answered.state == SHOWN and top(q) >= 10 and q.id not in about_you and in_ten(q) is not None
    ]
    ranked = sorted(shown, key=lambda pair: -top(pair[1]))
    chosen, surveys = [], set()
    for c, q in ranked:  # one per survey, then the rest
        if c.slug not in surveys:
            chosen.append((c, q))
            surveys.add(c.slug)
    chosen += [pair for pair in ranked if pair not in chosen]
    return chosen[:most]


def render_leaflet(report: Report, locale: str = "en", *, easy: bool = False) -> bytes:
    """At most two A4 pages for young people: whose it is and when, per priority what they said (an approved
    quote with who said it), what was done and what changed, three figures as rows of people, more of what
    was said and done to fill the second page, where to get help and how to take part next time; tagged PDF/UA.
    Priorities are left out from the end until it fits (the full report has them all)."""
    _, document = _leaflet(report, locale, easy)
    return bytes(document.write_pdf(pdf_variant="pdf/ua-1") or b"")


def leaflet_html(report: Report, locale: str = "en", *, easy: bool = False) -> str:
    """The leaflet as the HTML its PDF is made from (for pictures of it)."""
    return _leaflet(report, locale, easy)[0]


EASY_SENTENCE_WORDS = EASY_WORDS
"""Easy read: no sentence longer than this (Mencap's "Am I making myself clear?": short sentences, one idea each)."""
SENTENCE_END = re.compile(r"(?<=[.!?:…])\s+")


def sentences(text: str) -> list[str]:
    """Text's sentences (and phrases ending in a colon, which easy read sets as a heading of their own)."""
    return [part for part in SENTENCE_END.split(" ".join(text.split())) if part]


def is_easy(text: str) -> bool:
    return all(len(sentence.split()) <= EASY_SENTENCE_WORDS for sentence in sentences(text))


@cache
def pictures() -> dict[str, str]:
    """The OpenMoji symbols (static/pictures/openmoji) as data: addresses, so that the leaflet stands alone."""
    folder = Path(resource_dir("static")) / "pictures" / "openmoji"
    return {
        path.stem: "data:image/svg+xml;base64," + base64.b64encode(path.read_bytes()).decode()
        for path in sorted(folder.glob("*.svg"))
    }


PICTURE_NAMES = {
    "said": N_("Speech bubble"),
    "done": N_("Tick"),
    "working": N_("Hourglass"),
    "planned": N_("Calendar"),
    "changed": N_("Star"),
    "phone": N_("Telephone"),
    "emergency": N_("Police light"),
    "take-part": N_("Raised hand"),
    "website": N_("Globe"),
    "email": N_("Envelope"),
    "feeling-ok": N_("Smiling face"),
    "online": N_("Mobile phone"),
    "bullying": N_("Worried face"),
    "home": N_("House"),
    "school": N_("School"),
    "listening": N_("Ear"),
    "outside": N_("Town"),
    "covid": N_("Face with a mask"),
    "family": N_("Family"),
    "friends": N_("Handshake"),
    "sleep": N_("Person in bed"),
    "fair": N_("Scales"),
    "food": N_("Bread"),
    "question": N_("Question mark"),
}
"""What each easy-read picture shows (its alt text: a tagged PDF needs one for every picture)."""


class _Extra(msgspec.Struct, frozen=True):
    """What fills the second page: more quotes and more actions, as many as fit."""

    quotes: list[QuoteOut] = []
    actions: list[ActionOut] = []


def _leaflet(report: Report, locale: str, easy: bool) -> tuple[str, Any]:
    report = in_language(report, locale)
    HTML = _weasyprint_html()  # noqa: N806 - WeasyPrint's class
    spoken, quiet = said_most_first(report)
    sections = [p for p in spoken + quiet if p.actions or p.quotes or p.planned][: 4 if easy else 6]
    chosen: dict[str, QuoteOut] = {}  # one quote per priority, each said once (easy read: short ones only)
    for p in sections:  # a young person's own words before a facilitator's summary
        fresh = next(
            (
                q
                for q in sorted(p.quotes, key=lambda q: q.summary)
                if q.id not in {c.id for c in chosen.values()}
                and (not easy or (is_easy(q.text) and len(q.text.split()) <= 30))
            ),
            None,
        )
        if fresh is not None:
            chosen[p.key] = fresh
    template = environment().get_template("report/leaflet.html")
    figures = telling_figures(report, 1 if easy else 3)
    if easy:
        figures = [(c, q) for c, q in figures if is_easy(q.label)]

    def draw(
        sections: list[PrioritySection],
        extra: _Extra,
        figures: list[tuple[SurveyResults, QuestionResult]],
    ) -> tuple[str, Any]:
        html = template.render(
            report=report,
            locale=locale,
            lang=lang_tag(locale),
            dir=direction(locale),
            easy=easy,
            sections=sections,
            quotes=chosen,
            figures=figures,
            extra=extra,
            support=STANDARD_SUPPORT,
            limit=110 if easy else 170,
            easy_words=easy_words,
            pictures=pictures(),
            picture_names=PICTURE_NAMES,
            quiet=quiet,
        )
        return html, HTML(string=html).render()

    while True:  # easy read: down to three priorities, one more is worth more than the row of people
        html, document = draw(sections, _Extra(), figures)
        if len(document.pages) > LEAFLET_PAGES and easy and figures and 1 < len(sections) <= 3:
            fewer = draw(sections, _Extra(), [])
            if len(fewer[1].pages) <= LEAFLET_PAGES:
                html, document = fewer
                figures = []
        if len(document.pages) <= LEAFLET_PAGES or not sections:
            break
        sections = sections[:-1]
    if easy:
        return html, document
    # The second page: more of what young people said and what was done, as much as fits.
    used = {q.id for q in chosen.values()}
    said = {p.actions[0].id for p in sections if p.actions} | {
        p.planned[0].id for p in sections if not p.actions and p.planned
    }
    others = list({a.id: a for p in report.priorities for a in p.actions + p.planned if a.id not in said}.values())
    more = _Extra(quotes=[q for q in report.quotes if q.id not in used][:4], actions=others[:6])
    while more.quotes or more.actions:
        filled = draw(sections, more, figures)
        if len(filled[1].pages) <= LEAFLET_PAGES:
            return filled
        more = (
            _Extra(more.quotes, more.actions[:-1])
            if len(more.actions) > len(more.quotes)
            else _Extra(more.quotes[:-1], more.actions)
        )
    return html, document


# --- Word: a section to paste into the annual report -----------------------------------------------
def quoted(q: QuoteOut, locale: str = "en") -> str:
    """A quote's words as every output shows them: in quotation marks, or, for a summary in the
    partnership's words, after "In summary:" and never in quotation marks."""
    if q.summary:
        return f"{translate(locale, 'In summary:')} {q.text}"
    return f"“{q.text}”"


def _quote_lines(q: QuoteOut, locale: str = "en") -> tuple[str, str | None]:
    """The annual reports' style: a short attribution in brackets runs on after the quote; a longer one
    goes on its own line below."""
    if q.attribution.startswith("("):
        return f"{quoted(q, locale)} {q.attribution}", None
    return quoted(q, locale), attributed(q)


def render_docx(report: Report, locale: str = "en") -> bytes:
    """The section for the annual report: A4, Word's own heading, list and table styles (so that it takes
    on the annual report's styles when pasted in), the quotes under the priority they speak to, and
    under each question how many answered it."""
    from docx import Document
    from docx.shared import Mm, Pt

    report = in_language(report, locale)
    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
    doc.core_properties.title = translate(locale, SECTION_TITLE)
    doc.core_properties.language = lang_tag(locale)
    doc.add_heading(translate(locale, SECTION_TITLE), level=1)
    _docx_identity(doc, report, locale)
    for line in published_lines(locale, report.against_published, report.threshold):
        doc.add_paragraph(line)
    doc.add_paragraph(_intro(report, locale))
    if told := told_line(locale, report):
        doc.add_paragraph(told)
    doc.add_paragraph(
        _anonymity(report, locale)
        + " "
        + translate(
            locale,
            "The words fewer than %(n)s stand for a number too small to show; the word hidden for a number "
            "that would let a small one be worked out from a total.",
            n=report.threshold,
        )
    )
    _docx_priorities(doc, report, locale)
    _docx_other(doc, report, locale)
    _docx_results(doc, report, locale)
    for line in address_lines(locale, report):
        doc.add_paragraph(line)
    for style in ("Normal", "List Bullet"):
        doc.styles[style].font.size = Pt(11)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_identity(doc: Any, report: Report, locale: str) -> None:
    """Whose report it is (its logo, when Word can show it) and the month it was published."""
    from docx.shared import Mm

    logo = report.partnership.logo_bytes
    if logo is not None and logo[1] in ("image/png", "image/jpeg"):
        doc.add_picture(io.BytesIO(logo[0]), width=Mm(25))
        who = report.partnership.in_language(locale)
        alt = who.logo_alt or translate(locale, "Logo: %(name)s", name=who.name)
        for properties in doc.paragraphs[-1]._p.xpath(".//wp:docPr"):
            properties.set("descr", alt)
    paragraph = doc.add_paragraph()
    paragraph.add_run(report.partnership.in_language(locale).name).bold = True
    paragraph.add_run(" · " + made_line(locale, report))


def _quiet_heading(locale: str) -> tuple[str, str]:
    return (
        translate(locale, "Our other priorities this year"),
        translate(
            locale,
            "Not many young people wrote to us about these yet, so we cannot show what they said without risking "
            "who they are. Here is what we did about them, and we would love to hear from you next time.",
        ),
    )


def _docx_quote(doc: Any, q: QuoteOut, locale: str = "en") -> None:
    text, below = _quote_lines(q, locale)
    run = doc.add_paragraph().add_run(text)
    run.bold, run.italic = True, True
    if below:
        doc.add_paragraph(below)


def _docx_priorities(doc: Any, report: Report, locale: str) -> None:
    spoken, quiet = said_most_first(report)
    for p in spoken:
        _docx_priority(doc, p, locale, 2)
    if quiet:
        heading, words = _quiet_heading(locale)
        doc.add_heading(heading, level=2)
        doc.add_paragraph(words)
    for p in quiet:
        _docx_priority(doc, p, locale, 3)


def _docx_priority(doc: Any, p: PrioritySection, locale: str, level: int) -> None:
    doc.add_heading(p.name, level=level)
    for outcome in p.outcomes:
        doc.add_paragraph(outcome)
    if p.carried_from:
        doc.add_paragraph(_carried(p.carried_from, locale))
    said = [tp for tp in p.topics if tp.count.state == SHOWN]
    if said or p.quotes:
        doc.add_heading(translate(locale, "You said"), level=level + 1)
    for tp in said:
        doc.add_paragraph(_topic_line(tp, locale), style="List Bullet")
    for q in p.quotes:
        _docx_quote(doc, q, locale)
    _docx_actions(doc, p.actions, translate(locale, "What we did:"), locale)
    _docx_actions(doc, p.planned, translate(locale, "What we plan to do:"), locale)


def _docx_results(doc: Any, report: Report, locale: str) -> None:
    for c in report.consultations:
        doc.add_heading(c.title, level=2)
        doc.add_paragraph(_survey_size(c, report.threshold, locale))
        if c.responses.state != SHOWN:
            continue
        for question in (q for q in c.questions if q.answered.state == SHOWN):
            doc.add_paragraph(survey_text(locale, question.label), style="Heading 3")
            base = translate_plural(
                locale,
                "%(num)s young person answered this question.",
                "%(num)s young people answered this question.",
                question.answered.n or 0,
            )
            if question.kind == "multiple_choice":
                base += " " + translate(
                    locale, "They could choose more than one answer, so the shares add up to more than 100%."
                )
            doc.add_paragraph(base)
            _docx_chart(doc, question, report.threshold, locale)
            table = doc.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            _repeat_as_header(table.rows[0])
            header = table.rows[0].cells
            header[0].text, header[1].text = translate(locale, "Answer"), translate(locale, "Young people")
            for row in question.rows:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = (
                    survey_text(locale, row.label),
                    share_text(locale, row.count, report.threshold),
                )
            for header_row, *body in _question_tables(report, c.slug, question, locale):
                doc.add_paragraph(header_row[0])
                grid = doc.add_table(rows=1, cols=len(header_row) - 1)
                grid.style = "Table Grid"
                _repeat_as_header(grid.rows[0])
                for cell, text in zip(grid.rows[0].cells, header_row[1:], strict=True):
                    cell.text = text
                for values in body:
                    for cell, text in zip(grid.add_row().cells, values, strict=True):
                        cell.text = text


CHART_FONTS = {"rtl": ["Noto Naskh Arabic", "DejaVu Sans"], "ltr": ["DejaVu Sans"]}
"""Fonts for chart words: Urdu in Noto Naskh Arabic (Debian's fonts-noto-core, as for the PDF)."""


def chart_png(question: QuestionResult, threshold: int, locale: str) -> tuple[bytes, str] | None:
    """A question's shares as a bar chart (PNG, drawn by matplotlib from the same numbers as the tables),
    and its words for alt text; None when no share is shown. In a right-to-left language the bars grow
    from the right and the answers stand on the right (matplotlib 3.11 joins and orders the letters)."""
    rows = [r for r in question.rows if r.count.state == SHOWN and r.count.percent is not None]
    if not rows:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    rtl = direction(locale) == "rtl"
    labels = [survey_text(locale, r.label) for r in rows][::-1]
    shares = [r.count.percent or 0 for r in rows][::-1]
    with pyplot.rc_context({"font.family": CHART_FONTS["rtl" if rtl else "ltr"]}):
        figure, axes = pyplot.subplots(figsize=(6.3, 0.42 * len(rows) + 0.5), dpi=150)
        try:
            axes.barh(labels, shares, color="#3b2a6b")
            axes.set_xlim(*((100, 0) if rtl else (0, 100)))
            axes.spines[["top", "left" if rtl else "right"]].set_visible(False)
            if rtl:
                axes.yaxis.tick_right()
            axes.tick_params(labelsize=9)
            for y, share in enumerate(shares):
                axes.text(share + 1, y, percent(locale, share), va="center", ha="right" if rtl else "left", fontsize=9)
            figure.tight_layout()
            out = io.BytesIO()
            figure.savefig(out, format="png")
        finally:
            pyplot.close(figure)
    words = "; ".join(f"{survey_text(locale, r.label)}: {share_text(locale, r.count, threshold)}" for r in rows)
    alt = translate(
        locale,
        "Bar chart of the answers to the question %(question)s: %(answers)s",
        question=survey_text(locale, question.label),
        answers=words,
    )
    return out.getvalue(), alt


def _docx_chart(doc: Any, question: QuestionResult, threshold: int, locale: str) -> None:
    from docx.shared import Mm

    drawn = chart_png(question, threshold, locale)
    if drawn is None:
        return
    png, alt = drawn
    doc.add_picture(io.BytesIO(png), width=Mm(160))
    for properties in doc.paragraphs[-1]._p.xpath(".//wp:docPr"):  # the picture's alt text, for screen readers
        properties.set("descr", alt)
        properties.set("title", alt[:120])


def _question_tables(report: Report, survey: str, question: QuestionResult, locale: str) -> Iterator[list[list[str]]]:
    """The tables under a question as the HTML report shows them, each as [caption, column headings…]
    then its rows: each breakdown (a row per answer, then how many in each group answered), then the
    same question in the year before."""
    threshold = report.threshold
    for b in question.breakdowns:
        header = [
            translate(locale, "By their answer to: %(group)s", group=survey_text(locale, b.label)),
            translate(locale, "Answer"),
            *(survey_text(locale, col.label) for col in b.columns),
        ]
        rows = [
            [survey_text(locale, row.label), *(count_text(locale, cell, threshold) for cell in b.cells[i])]
            for i, row in enumerate(question.rows)
        ]
        rows.append(
            [
                translate(locale, "Young people who answered"),
                *(count_text(locale, col.count, threshold) for col in b.columns),
            ]
        )
        yield [header, *rows]
    qc = report.previous.question(survey, question.id) if report.previous else None
    if qc is not None and report.previous is not None:
        before = report.previous.year
        yield [
            [
                translate(locale, "Compared with %(year)s", year=before),
                translate(locale, "Answer"),
                before,
                report.year,
                translate(locale, "Change"),
            ],
            *(
                [
                    survey_text(locale, r.label),
                    share_text(locale, r.before, threshold),
                    share_text(locale, r.now, threshold),
                    change_text(locale, r.change),
                ]
                for r in qc.rows
            ),
            [
                translate(locale, "Young people who answered"),
                count_text(locale, qc.before, threshold),
                count_text(locale, qc.now, threshold),
                "",
            ],
        ]


def _repeat_as_header(row: Any) -> None:
    """Mark a table's first row as its header: read as such by screen readers, repeated on a new page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _docx_other(doc: Any, report: Report, locale: str) -> None:
    if report.other_actions:
        doc.add_heading(translate(locale, "Other things we did"), level=2)
        _docx_actions(doc, report.other_actions, translate(locale, "What we did:"), locale)


def _docx_actions(doc: Any, actions: list[ActionOut], heading: str, locale: str) -> None:
    if not actions:
        return
    doc.add_paragraph().add_run(heading).bold = True
    for a in actions:
        doc.add_paragraph(f"{a.title}: {a.what_we_did} ({a.agency})", style="List Bullet")
        if a.what_changed:
            doc.add_paragraph(translate(locale, "Impact: %(text)s", text=a.what_changed))
        if a.next_steps:
            doc.add_paragraph(translate(locale, "Next: %(text)s", text=a.next_steps))


def _intro(report: Report, locale: str) -> str:
    if report.empty:
        return translate(locale, "No answers yet for %(year)s.", year=report.year)
    start, end = day(locale, report.starts), day(locale, report.ends)
    if report.responses.state == SHOWN:
        return translate_plural(
            locale,
            "Between %(start)s and %(end)s, %(num)s young person answered our questions.",
            "Between %(start)s and %(end)s, %(num)s young people answered our questions.",
            report.responses.n or 0,
            start=start,
            end=end,
        )
    return translate(
        locale, "Between %(start)s and %(end)s, young people answered our questions.", start=start, end=end
    )


def _carried(year: str, locale: str) -> str:
    return translate(locale, "This was a priority in %(year)s too.", year=year)


def _anonymity(report: Report, locale: str) -> str:
    return translate(locale, "To keep everyone anonymous we never show a number under %(n)s.", n=report.threshold)


def _topic_line(tp: TopicResult, locale: str) -> str:
    return translate_plural(
        locale,
        "%(num)s answer was about %(topic)s",
        "%(num)s answers were about %(topic)s",
        tp.count.n or 0,
        topic=tp.name,
    )


def _survey_size(c: SurveyResults, threshold: int, locale: str) -> str:
    if c.responses.state != SHOWN:
        return translate(
            locale, "Fewer than %(n)s young people answered this survey, so we do not show its numbers.", n=threshold
        )
    return translate_plural(
        locale,
        "%(num)s young person answered this survey.",
        "%(num)s young people answered this survey.",
        c.responses.n or 0,
    )


# --- Markdown ------------------------------------------------------------------------------------
MD_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")
"""What Markdown (CommonMark, and GitHub's tables and strikethrough) reads as markup anywhere in a line:
raw HTML and autolinks (<), links and images ([ ]), entities (&), emphasis, code, tables, headings."""
MD_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")
"""What starts a list, a heading underline or a rule only at the beginning of a line."""


def md_text(text: object) -> str:
    """Words as Markdown that shows them exactly as they were typed: on one line (a line break in a
    Markdown paragraph reads as a space; a new line could start a block of raw HTML), every character
    Markdown would read as markup escaped with a backslash. Whatever a person typed (a quote, a priority,
    an action, a survey's labels) goes through here, so nothing typed becomes HTML, a link or an image."""
    line = MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", line)


@cache
def _markdown() -> Environment:
    """The Markdown templates' environment: every {{ value }} goes through md_text (never HTML-escaped),
    so the only markup in a Markdown file is its template's own."""
    env = Environment(
        loader=environment().loader,
        autoescape=False,  # noqa: S701 - Markdown, escaped by md_text
        undefined=StrictUndefined,
        finalize=md_text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(jinja_gettext, jinja_ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


def render_md(report: Report, locale: str = "en") -> str:
    """The report as Markdown (templates/report/you-said-we-did.md): its structure is markup, every word in it
    is text (see md_text)."""
    report = in_language(report, locale)
    spoken, quiet = said_most_first(report)
    quiet_heading, quiet_words = _quiet_heading(locale)
    return (
        _markdown()
        .get_template("report/you-said-we-did.md")
        .render(
            report=report,
            locale=locale,
            partnership=report.partnership.in_language(locale).name,
            made=made_line(locale, report),
            published=published_lines(locale, report.against_published, report.threshold),
            intro=_intro(report, locale),
            told=told_line(locale, report),
            anonymity=_anonymity(report, locale),
            spoken=spoken,
            quiet=quiet,
            quiet_heading=quiet_heading,
            quiet_words=quiet_words,
            addresses=address_lines(locale, report),
            support=STANDARD_SUPPORT,
            status_names=STATUS_NAMES,
            carried=_carried,
            topic_line=_topic_line,
            quoted=quoted,
            attributed=attributed,
            survey_size=_survey_size,
            survey_text=survey_text,
            share_text=share_text,
            question_tables=_question_tables,
        )
    )


# --- CSV and JSON: the figures and the actions --------------------------------------------------
FIGURE_COLUMNS = (
    "survey",
    "question_id",
    "question",
    "answer_value",
    "answer",
    "group_by",
    "group_value",
    "group",
    "count",
    "percent",
    "note",
)


def _note(c: Count, threshold: int) -> str:
    return "" if c.state == SHOWN else f"fewer than {threshold}" if c.state == "small" else "hidden"


def about_rows(report: Report, locale: str = "en") -> Iterator[tuple[object, ...]]:
    """Whose figures they are, when published, where the full report is, and whether they are the published
    version's: rows marked "about" in the question column, the value in the answer column."""
    p = report.partnership.in_language(locale)
    about = [
        ("partnership", p.name),
        ("published", made_line(locale, report)),
        ("date", report.dated),
        ("full_report", p.report_address),
        ("website", p.website),
        ("contact", " ".join(c for c in (p.email, p.phone) if c)),
    ]
    if report.against_published is not None:
        about.append(
            ("published_version", " ".join(published_lines(locale, report.against_published, report.threshold)))
        )
    for key, value in about:
        yield ("", "", "about", key, value, "", "", "", "", "", "")


def figure_rows(report: Report, locale: str = "en") -> Iterator[tuple[object, ...]]:
    """Every published number: a count is blank, with a note, where it is hidden."""

    def note(c: Count) -> str:
        return _note(c, report.threshold)

    yield from about_rows(report, locale)

    for c in report.consultations:
        yield (c.slug, "", "responses", "", "", "", "", "", c.responses.n, "", note(c.responses))
        for q in c.questions:
            yield (c.slug, q.id, q.label, "", "answered", "", "", "", q.answered.n, "", note(q.answered))
            for r in q.rows:
                yield (c.slug, q.id, q.label, r.value, r.label, "", "", "", r.count.n, r.count.percent, note(r.count))
            for b in q.breakdowns:
                for i, r in enumerate(q.rows):
                    for col, cell in zip(b.columns, b.cells[i], strict=True):
                        yield (
                            c.slug,
                            q.id,
                            q.label,
                            r.value,
                            r.label,
                            b.by,
                            col.value,
                            col.label,
                            cell.n,
                            cell.percent,
                            note(cell),
                        )
        for tp in c.topics:
            yield (c.slug, "", "topic", tp.id, tp.name, "", "", "", tp.count.n, "", note(tp.count))
            for s in SENTIMENTS:
                f = tp.sentiments[s]
                yield (c.slug, "", "topic", tp.id, tp.name, "feeling", s, s, f.n, f.percent, note(f))


COMPARED_COLUMNS = (
    "survey",
    "question_id",
    "question",
    "answer_value",
    "answer",
    "year_before",
    "count_before",
    "percent_before",
    "note_before",
    "year",
    "count",
    "percent",
    "note",
    "change_points",
)


def compared_rows(report: Report) -> Iterator[tuple[object, ...]]:
    """The questions asked in the year before too: both years' numbers (each protected on its own) and the
    change in percentage points where both shares are shown."""
    prev, t = report.previous, report.threshold
    for qc in prev.questions if prev else []:
        assert prev is not None
        yield (
            qc.survey,
            qc.id,
            qc.label,
            "",
            "answered",
            prev.year,
            qc.before.n,
            "",
            _note(qc.before, t),
            report.year,
            qc.now.n,
            "",
            _note(qc.now, t),
            "",
        )
        for r in qc.rows:
            yield (
                qc.survey,
                qc.id,
                qc.label,
                r.value,
                r.label,
                prev.year,
                r.before.n,
                r.before.percent,
                _note(r.before, t),
                report.year,
                r.now.n,
                r.now.percent,
                _note(r.now, t),
                r.change,
            )


ACTION_COLUMNS = (
    "id",
    "year",
    "priorities",
    "title",
    "what_we_did",
    "agency",
    "status",
    "started_on",
    "finished_on",
    "what_changed",
    "next_steps",
    "topics",
    "surveys",
    "quotes",
)


def action_rows(report: Report) -> Iterator[tuple[object, ...]]:
    seen: set[int] = set()
    for a in [a for p in report.priorities for a in p.actions + p.planned] + report.other_actions:
        if a.id in seen:
            continue
        seen.add(a.id)
        yield (
            a.id,
            report.year,
            " ".join(a.priorities),
            a.title,
            a.what_we_did,
            a.agency,
            a.status,
            a.started_on,
            a.finished_on,
            a.what_changed,
            a.next_steps,
            " ".join(a.topics),
            " ".join(a.surveys),
            " | ".join(f"{quoted(q)} {attributed(q)}" for q in a.quotes),
        )


def render_csv(header: tuple[str, ...], rows: Iterator[tuple[object, ...]]) -> str:
    """Every cell formula-safe and quoted: a spreadsheet that separates cells with ";" (as Polish Excel does) would
    otherwise split a cell at a ";" inside it and read what follows as a cell of its own ("buses;=cmd|...")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return out.getvalue()


def render_csvs(report: Report, locale: str = "en") -> dict[str, str]:
    """The figures, the actions and, with a year before, both years' figures side by side, by what their
    file names add ("", "-actions", "-compared")."""
    report = in_language(report, locale)
    files = {
        "": render_csv(FIGURE_COLUMNS, figure_rows(report, locale)),
        "-actions": render_csv(ACTION_COLUMNS, action_rows(report)),
    }
    if report.previous:
        files["-compared"] = render_csv(COMPARED_COLUMNS, compared_rows(report))
    return files


def render_json(report: Report, locale: str = "en") -> bytes:
    return msgspec.json.format(msgspec.json.encode(in_language(report, locale)), indent=2) + b"\n"
