"""`voice priorities import` and `voice export you-said-we-did` with real files: each format holds the
section, the approved quotes and the actions, never an unapproved quote or a number under the threshold."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from tests.conftest import EXAMPLES
from voice.cli import main
from voice.curation import quotes as curation
from voice.demo import DEMO_PLAN, synthetic_answers
from voice.intake.submissions import RecordOptions, record
from voice.reading.themes import default_answer_reader
from voice.reporting.outputs import SECTION_TITLE, build_report
from voice.store.catalogue import Catalogue
from voice.store.db import migrate, opened

APPROVED = "The youth worker listened to me and it really helped"
PUBLISHED = "Waiting months for support made everything worse"
PROPOSED = "More youth clubs in the evenings would be good"
REJECTED = "School was alright I suppose, nothing much to say"
UNDER = re.compile(r"(?<![\d.,/-])[0-4](?![\d.,/%-])")


@pytest.fixture
def year_db(tmp_path: Path) -> str:
    """A year of answers to the YPAG survey: 40 from Leicester, 3 from Rutland (a small group), four
    quotes in each state, and the demo's 2021/22 priorities and actions."""
    return make_year_db(str(tmp_path / "year.db"))


def make_year_db(db_path: str) -> str:
    """year_db's database, at db_path (for a module's fixture too)."""
    migrate(db_path)
    published = Catalogue(db_path, EXAMPLES).current("emotional-health-wellbeing")
    assert published is not None
    rng = random.Random(3)
    taxonomy = default_answer_reader().taxonomy
    with opened(db_path) as db:
        for i, words in enumerate([APPROVED, PUBLISHED, PROPOSED, REJECTED] + [""] * 39):
            answers = synthetic_answers(published, rng, [])
            answers |= {"area": "rutland" if i >= 40 else "leicester", "quote_ok": "yes"}
            if words:
                answers["what_helps"] = words
            record(db, published, answers, "web", RecordOptions(today=dt.date(2021, 5, 1) + dt.timedelta(days=i)))
        ids = [
            db.execute("SELECT id FROM answers WHERE text = ?", [w]).fetchone()[0]
            for w in (APPROVED, PUBLISHED, PROPOSED, REJECTED)
        ]
        quotes = [
            curation.propose(db, answer_id, text, "(Covid survey)", "sam@example.org", taxonomy)
            for answer_id, text in zip(ids, (APPROVED, PUBLISHED, PROPOSED, REJECTED), strict=True)
        ]
        curation.decide(db, quotes[0], "approve", "alex@example.org")
        curation.decide(db, quotes[1], "approve", "alex@example.org")
        curation.decide(db, quotes[1], "publish", "alex@example.org")
        curation.decide(db, quotes[3], "reject", "alex@example.org")
    result = CliRunner().invoke(main, ["priorities", "import", str(DEMO_PLAN), "--db", db_path])
    assert result.exit_code == 0, result.output
    assert "Imported 6 priorities for 2021/22; actions: 6 added, 0 updated." in result.output
    return db_path


def export(db_path: str, out: Path, *formats: str) -> list[Path]:
    args = ["export", "you-said-we-did", "--year", "2021/22", "--out", str(out), "--db", db_path]
    for fmt in formats:
        args += ["--format", fmt]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return sorted(out.iterdir())


def test_every_format_holds_the_section_the_approved_quotes_and_the_actions(year_db: str, tmp_path: Path) -> None:
    files = {p.name: p for p in export(year_db, tmp_path / "out", "all")}
    assert sorted(files) == [
        f"you-said-we-did-2021-22{s}"
        for s in ("-actions.csv", "-leaflet-easy.pdf", "-leaflet.pdf", ".csv", ".docx", ".html", ".json", ".md", ".pdf")
    ]

    docx = Document(str(files["you-said-we-did-2021-22.docx"]))
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == SECTION_TITLE
    docx_text = "\n".join(p.text for p in docx.paragraphs)
    pdf = PdfReader(files["you-said-we-did-2021-22.pdf"])
    assert len(pdf.pages) >= 2
    pdf_text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pdf.pages))
    html = BeautifulSoup(files["you-said-we-did-2021-22.html"].read_text(), "html.parser").get_text(" ")
    md = files["you-said-we-did-2021-22.md"].read_text()
    report = json.loads(files["you-said-we-did-2021-22.json"].read_text())
    for name, text in (("docx", docx_text), ("pdf", pdf_text), ("html", html), ("md", md)):
        for quote in (APPROVED, PUBLISHED):
            assert quote in text, f"{name} lacks an approved quote"
        for quote in (PROPOSED, REJECTED):
            assert quote not in text, f"{name} has a quote nobody approved"
        assert "Hearing from young people about domestic abuse support" in text, f"{name} lacks an action"
        if name != "docx":  # the Word section is for the annual report; the rest may reach young people
            assert "Childline" in text and "0800 1111" in text, f"{name} does not say where to get help"
    assert {q["text"] for q in report["quotes"]} == {APPROVED, PUBLISHED}
    with files["you-said-we-did-2021-22-actions.csv"].open(encoding="utf-8-sig") as f:
        actions = list(csv.DictReader(f))
    assert len(actions) == 6 and {a["status"] for a in actions} == {"done", "in_progress", "planned"}


def test_no_output_has_a_number_under_the_threshold(year_db: str, tmp_path: Path) -> None:
    files = {p.suffix + ("a" if "actions" in p.name else ""): p for p in export(year_db, tmp_path / "out", "all")}
    report = json.loads(files[".json"].read_text())

    def counts(node: object) -> list[dict]:
        if isinstance(node, dict):
            found = [node] if set(node) >= {"state"} and node.get("state") in ("shown", "small", "hidden") else []
            return found + [c for v in node.values() for c in counts(v)]
        return [c for v in node for c in counts(v)] if isinstance(node, list) else []

    every = counts(report)
    assert any(c["state"] == "small" for c in every), "the fixture has a small group (Rutland: 3)"
    assert all(c.get("n") is None or c["n"] >= 5 for c in every)
    assert all((c.get("n") is None) == (c["state"] != "shown") for c in every)

    with files[".csv"].open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["count"] == "" or int(r["count"]) >= 5 for r in rows)
    assert any(r["note"] == "fewer than 5" and r["count"] == "" for r in rows)
    rutland = [r for r in rows if r["question_id"] == "area" and r["answer_value"] == "rutland" and not r["group_by"]]
    assert rutland[0]["count"] == "" and rutland[0]["note"] == "fewer than 5"

    html = BeautifulSoup(files[".html"].read_text(), "html.parser")
    cells = [td.get_text(strip=True) for td in html.select("td")] + [
        s.get_text(strip=True) for s in html.select(".bar-value")
    ]
    docx = Document(str(files[".docx"]))
    cells += [cell.text for t in docx.tables for row in t.rows for cell in row.cells]
    cells += [line.split("|")[2].strip() for line in files[".md"].read_text().splitlines() if line.count("|") == 3]
    pdf_text = " ".join(page.extract_text() for page in PdfReader(files[".pdf"]).pages)
    cells += re.findall(r"\((\d+)\)", pdf_text) + re.findall(r"(\d+) answers? w", pdf_text)
    assert "fewer than 5" in " ".join(cells) and "fewer than 5" in pdf_text
    small = [c for c in cells if UNDER.fullmatch(c.split(" ")[-1].strip("()")) and "%" not in c]
    assert not small, f"numbers under 5 published: {small[:5]}"


def test_one_consultation_and_errors_that_say_what_is_wrong(year_db: str, tmp_path: Path) -> None:
    files = export(year_db, tmp_path / "one", "json")
    assert [p.name for p in files] == ["you-said-we-did-2021-22.json"]
    result = CliRunner().invoke(
        main,
        [
            "export",
            "you-said-we-did",
            "--year",
            "2021/22",
            "--survey",
            "emotional-health-wellbeing",
            "--format",
            "md",
            "--out",
            str(tmp_path / "one"),
            "--db",
            year_db,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "you-said-we-did-2021-22-emotional-health-wellbeing.md" in result.output
    for args, message in (
        (["--year", "2021/23"], "not a business year"),
        (["--year", "2021/22", "--format", "pptx"], "unknown format 'pptx'"),
        (["--year", "2021/22", "--survey", "nope"], "there is no survey `nope`"),
    ):
        result = CliRunner().invoke(
            main, ["export", "you-said-we-did", *args, "--db", year_db, "--out", str(tmp_path / "bad")]
        )
        assert result.exit_code == 2 and message in result.output, result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "bad").exists()


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path: Path) -> None:
    db_path = str(tmp_path / "f.db")
    migrate(db_path)
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "year: 2022/23\npriorities:\n  - {id: covid, name: Covid}\nactions:\n"
        "  - {title: '=HYPERLINK(\"http://x\")', what_we_did: '+1 then -1', agency: '@agency', status: done,"
        " priorities: [covid]}\n"
    )
    assert CliRunner().invoke(main, ["priorities", "import", str(plan), "--db", db_path]).exit_code == 0
    out = tmp_path / "out"
    assert (
        CliRunner()
        .invoke(
            main,
            ["export", "you-said-we-did", "--year", "2022/23", "--format", "csv", "--out", str(out), "--db", db_path],
        )
        .exit_code
        == 0
    )
    rows = list(csv.reader(io.StringIO((out / "you-said-we-did-2022-23-actions.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1][3:6] == ['\'=HYPERLINK("http://x")', "'+1 then -1", "'@agency"]


def test_a_broken_priorities_file_gets_every_problem_with_its_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "year: 2021/23\npriorities:\n  - id: covid\n    name: Covid\n    topics: [covid, nope]\n"
        "  - id: covid\n    name: Again\nactions:\n  - title: T\n    what_we_did: W\n    agency: A\n"
        "    status: finished\n"
    )
    result = CliRunner().invoke(main, ["priorities", "import", str(plan), "--db", str(tmp_path / "p.db")])
    assert result.exit_code == 1
    assert f"{plan}:12: $.actions[0].status: Expected `str` matching" not in result.output
    assert f"{plan}:12: $.actions[0].status" in result.output
    plan.write_text(plan.read_text().replace("finished", "done"))
    result = CliRunner().invoke(main, ["priorities", "import", str(plan), "--db", str(tmp_path / "p.db")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{plan}:1: $.year: `2021/23` is not a business year; write it like 2021/22" in lines
    assert f"{plan}:5: $.priorities[0].topics[1]: there is no topic `nope` in the taxonomy" in lines
    assert f"{plan}:6: $.priorities[1].id: priority id `covid` is used twice; ids must be unique" in lines
    with opened(str(tmp_path / "p.db")) as db:
        assert "priorities" not in db.table_names() or not db.execute("SELECT count(*) FROM priorities").fetchone()[0]


def test_one_content_model_every_quote_action_priority_and_figure_in_every_format(year_db: str, tmp_path: Path) -> None:
    """What the HTML report says (quotes, actions, priorities, each answer's count) is in the Word section, the
    Markdown, the PDF and the JSON too."""
    files = {p.suffix: p for p in export(year_db, tmp_path / "out", "html", "docx", "md", "pdf", "json")}
    html = BeautifulSoup(files[".html"].read_text(), "html.parser")
    quotes = [bq.p.get_text().strip("“”") for bq in html.select("blockquote.quote")]
    actions = [h.get_text() for h in html.select(".action .heading-s")]
    priorities = [h.get_text() for h in html.select("section.ysd > .heading-l")]
    figures = [
        (row.th.get_text(" ", strip=True), row.select("td")[0].get_text(strip=True))
        for table in html.select("details table")
        for row in table.select("tbody tr")
    ]
    assert quotes and actions and len(priorities) >= 3 and len(figures) > 20
    docx = Document(str(files[".docx"]))
    word = "\n".join([p.text for p in docx.paragraphs] + [c.text for t in docx.tables for r in t.rows for c in r.cells])
    pdf = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(files[".pdf"]).pages))
    md = files[".md"].read_text()
    data = files[".json"].read_text()
    flat = lambda text: re.sub(r"\s+", " ", text)  # noqa: E731
    for name, text in (("docx", word), ("md", md), ("pdf", pdf), ("json", data)):
        for item in quotes + actions + priorities:
            assert flat(item) in flat(text), f"{name} lacks {item!r}"
    for label, count in figures:  # the same answer and its count, as each format writes a figure
        for name, text in (("docx", word), ("md", md)):
            assert label in text and count in text, f"{name} lacks {label}: {count}"
    # The Word section is A4 and marks its tables' header rows; the PDF is A4 and tagged, with page numbers.
    assert round(docx.sections[0].page_width.mm) == 210 and round(docx.sections[0].page_height.mm) == 297
    assert all(t.rows[0]._tr.trPr is not None and "tblHeader" in t.rows[0]._tr.trPr.xml for t in docx.tables)
    assert "could choose more than one" in word and "answered this question" in word
    pictures = docx.inline_shapes
    assert len(pictures) >= 5  # the charts, as images
    for picture in pictures:
        alt = picture._inline.docPr.get("descr")
        assert alt and alt.startswith("Bar chart of the answers to the question ")
    reader = PdfReader(files[".pdf"])
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] and reader.trailer["/Root"]["/Lang"] == "en"
    assert round(float(reader.pages[0].mediabox.width)) == 595 and round(float(reader.pages[0].mediabox.height)) == 842
    assert f"1 / {len(reader.pages)}" in reader.pages[0].extract_text()
    assert "Contents" in reader.pages[0].extract_text()
    assert pdfinfo(files[".pdf"])["Tagged"] == "yes"


def test_a_year_with_no_answers_says_so(tmp_path: Path) -> None:
    db_path = str(tmp_path / "empty.db")
    migrate(db_path)
    files = {p.suffix: p for p in export(db_path, tmp_path / "out", "html", "md", "docx")}
    assert "No answers yet for 2021/22." in files[".html"].read_text()
    assert "No answers yet for 2021/22." in files[".md"].read_text()
    assert "young people answered our questions" not in files[".md"].read_text()


def test_the_leaflet_is_two_tagged_a4_pages_at_most(year_db: str, tmp_path: Path) -> None:
    files = {p.name: p for p in export(year_db, tmp_path / "out", "leaflet", "leaflet-easy")}
    assert sorted(files) == ["you-said-we-did-2021-22-leaflet-easy.pdf", "you-said-we-did-2021-22-leaflet.pdf"]
    for path in files.values():
        reader = PdfReader(path)
        assert 1 <= len(reader.pages) <= 2
        assert round(float(reader.pages[0].mediabox.width)) == 595
        assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] and reader.trailer["/Root"]["/Lang"] == "en"
        assert reader.metadata.title == "You said, we did: 2021/22"
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
        if "easy" in path.name:
            assert "What we did:" in text and "Childline on 0800 1111" in text
        else:
            assert "You said" in text and "We did" in text and "Childline: 0800 1111" in text
            assert APPROVED in text or PUBLISHED in text  # an approved quote
        assert PROPOSED not in text and REJECTED not in text
        assert "in 10 young people who answered chose" in text  # a figure as a row of people
        assert pdfinfo(path)["Tagged"] == "yes" and pdfinfo(path)["Page size"].endswith("(A4)")


def pdfinfo(path: Path) -> dict[str, str]:
    """What poppler's pdfinfo says of a PDF (scripts/system-packages --browser installs it)."""
    import subprocess

    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def test_a_summary_is_never_in_quotation_marks(year_db: str, tmp_path: Path) -> None:
    with opened(year_db) as db:
        answer_id = db.execute("SELECT id FROM answers WHERE text = ?", [APPROVED]).fetchone()[0]
        summary = "Young people told us that a worker who listens helps"
        quote = curation.propose(
            db, answer_id, summary, "(YPAG)", "sam@example.org", default_answer_reader().taxonomy, summary=True
        )
        curation.decide(db, quote, "approve", "alex@example.org")
    files = {p.suffix: p for p in export(year_db, tmp_path / "out", "html", "md", "docx")}
    word = "\n".join(p.text for p in Document(str(files[".docx"])).paragraphs)
    html = BeautifulSoup(files[".html"].read_text(), "html.parser").get_text(" ")
    for name, text in (("md", files[".md"].read_text()), ("docx", word), ("html", html)):
        assert re.search(r"In summary:\s+" + summary, text), name
        assert f"“{summary}" not in text, name


# What an attacker might type into an answer (then quoted) or a member of staff into a priority or an action.
HOSTILE_QUOTE = (
    'The youth worker listened <script>alert("quote")</script> <img src=x onerror=alert(1)> '
    "[help](javascript:alert(2)) <javascript:alert(3)> ![pic](javascript:alert(4))"
)
HOSTILE_PLAN = {
    "name": "Safety <script>alert(5)</script>",
    "outcome": "<img src=y onerror=alert(6)>",
    "title": "[Open](javascript:alert(7))",
    "what_we_did": 'Talked with us\n<div onmouseover="alert(8)">hover</div>',
    "agency": '<a href="javascript:alert(9)">Agency</a>',
    "what_changed": "![x](javascript:alert(10)) &lt;b&gt;",
    "next_steps": "<iframe src=javascript:alert(11)></iframe>",
}


def live_parts(html: str) -> list[str]:
    """Whatever in an HTML page would run or link somewhere: a script, an on… attribute, a javascript: URL,
    or an element no report makes (img, iframe, div from typed text): the one picture a report has is the
    partnership's logo, from its settings file, inside the page."""
    soup = BeautifulSoup(html, "html.parser")
    found = [
        str(tag)
        for tag in soup.find_all(["script", "iframe", "img"])  # the partnership's own logo aside
        if not (
            tag.name == "img"
            and tag.get("class") == ["partnership-logo"]
            and str(tag.get("src", "")).startswith("data:image/")
        )
    ]
    for tag in soup.find_all(True):
        found += [f"{tag.name} {name}" for name in tag.attrs if name.lower().startswith("on")]
        found += [
            f"{tag.name} {name}={value}"
            for name, value in tag.attrs.items()
            if name in ("href", "src") and "javascript:" in re.sub(r"\s", "", str(value)).lower()
        ]
    return found


def test_words_typed_with_html_or_links_are_words_in_the_markdown_and_every_format(
    year_db: str, tmp_path: Path
) -> None:
    """Markdown renders raw HTML, autolinks and links (CommonMark): what a person typed must come out as the
    words they typed, never as a live element."""
    from markdown_it import MarkdownIt

    from voice.reporting import priorities as plan

    taxonomy = default_answer_reader().taxonomy
    with opened(year_db) as db:
        published = Catalogue(year_db, EXAMPLES).current("emotional-health-wellbeing")
        assert published is not None
        answers = synthetic_answers(published, random.Random(9), []) | {"quote_ok": "yes", "what_helps": HOSTILE_QUOTE}
        record(db, published, answers, "web", RecordOptions(today=dt.date(2021, 6, 1)))
        answer_id = db.execute("SELECT id FROM answers WHERE text = ?", [HOSTILE_QUOTE]).fetchone()[0]
        quote_id = curation.propose(
            db, answer_id, HOSTILE_QUOTE, "(YPAG <b onmouseover=alert(12)>)", "sam@example.org", taxonomy
        )
        curation.decide(db, quote_id, "approve", "alex@example.org")
        plan.save_priority(
            db, "2021/22", "hostile", HOSTILE_PLAN["name"], [HOSTILE_PLAN["outcome"]], [], taxonomy, "sam@example.org"
        )
        plan.save_action(
            db,
            "2021/22",
            plan.ActionIn(
                title=HOSTILE_PLAN["title"],
                what_we_did=HOSTILE_PLAN["what_we_did"],
                agency=HOSTILE_PLAN["agency"],
                status="done",
                what_changed=HOSTILE_PLAN["what_changed"],
                next_steps=HOSTILE_PLAN["next_steps"],
                priorities=["hostile"],
                quotes=[quote_id],
            ),
            "sam@example.org",
        )
    files = {p.suffix: p for p in export(year_db, tmp_path / "out", "md", "html", "json")}

    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(files[".md"].read_text())
    assert not live_parts(rendered), live_parts(rendered)
    words = re.sub(r"\s+", " ", BeautifulSoup(rendered, "html.parser").get_text())
    for typed in [HOSTILE_QUOTE, *HOSTILE_PLAN.values(), "(YPAG <b onmouseover=alert(12)>)"]:
        assert re.sub(r"\s+", " ", typed) in words, f"the Markdown does not read {typed!r}"

    html = files[".html"].read_text()  # the web page (and the PDF made from it) escape it too
    assert not live_parts(html), live_parts(html)
    page_words = re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text())
    assert HOSTILE_QUOTE in page_words and HOSTILE_PLAN["agency"] in page_words
    data = json.loads(files[".json"].read_text())  # data, not markup: the words exactly as stored
    assert HOSTILE_QUOTE in {q["text"] for q in data["quotes"]}


def test_the_pdf_keeps_each_comparison_table_and_each_heading_with_what_follows(tmp_path: Path) -> None:
    """A new user found the PDF's headings and tables split across pages: a "Compared with" table with its header and
    one row at a page's foot and the rest over the page. In the demo's second year (every question compared with the
    year before), no comparison table is on two pages and no heading is the last thing on a page."""
    from weasyprint import HTML

    from voice.demo import seed
    from voice.reporting.exports import render_html, report_css

    db_path = str(tmp_path / "demo.db")
    migrate(db_path)
    seed(Catalogue(db_path, EXAMPLES))
    with opened(db_path) as db:
        report = build_report(db, "2022/23", default_answer_reader().taxonomy)
    html = render_html(report, "en", css=report_css(Path(__file__).parent.parent / "static"), print_version=True)
    document = HTML(string=html).render()

    def blocks(box: object) -> list[object]:
        return [box] + [b for child in getattr(box, "children", []) for b in blocks(child)]

    pages_of: dict[int, set[int]] = {}
    last_on_page = []
    for number, page in enumerate(document.pages):
        placed = [b for b in blocks(page._page_box) if getattr(b, "element", None) is not None]
        for b in placed:
            element = b.element
            if element.tag == "table" and "compared" in (element.get("class") or ""):
                pages_of.setdefault(id(element), set()).add(number)
        laid = [b for b in placed if b.element_tag in ("h2", "h3", "p", "table", "div", "figure", "ul")]
        if laid and number < len(document.pages) - 1:
            last_on_page.append(max(laid, key=lambda b: b.position_y + b.height).element_tag)
    assert pages_of, "the demo's second year has comparison tables"
    split = [pages for pages in pages_of.values() if len(pages) > 1]
    assert not split, f"{len(split)} of {len(pages_of)} comparison tables are on two pages: {split}"
    assert not [tag for tag in last_on_page if tag in ("h2", "h3")], last_on_page
