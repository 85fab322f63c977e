"""Issue #30: published words young people can trust. Every output format says whose report it is, when it was
published and where the full report is; every row of people says which survey, which year and how many it is
about, and never more than the figure; quotation marks only around a young person's approved words, with who
said them; the easy-read leaflet is easy read; and a file made from a published year whose answers changed
says so. The files are made once for the module (PDF rendering is slow)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from tests.conftest import EXAMPLES
from tests.test_exports import APPROVED, PUBLISHED, make_year_db
from voice.cli import main
from voice.common.i18n import month_year
from voice.curation import quotes as curation
from voice.demo import synthetic_answers
from voice.intake.submissions import RecordOptions, record
from voice.reading.themes import default_answer_reader
from voice.reporting import outputs
from voice.reporting.exports import EASY_SENTENCE_WORDS, leaflet_html, sentences
from voice.reporting.partnership import load_partnership
from voice.reporting.results import SHOWN, Count, QuestionResult, Row
from voice.store.catalogue import Catalogue
from voice.store.db import opened

NAME = "Northshire Safeguarding Children Partnership"
ADDRESS = "https://northshire.example/you-said/2021-22"
SUMMARY = "Young people told us that a worker who listens helps more than anything"
FORMATS = ("html", "pdf", "leaflet", "leaflet-easy", "docx", "md", "csv", "json")


def _partnership_file(folder: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (24, 24), "#3b2a6b").save(folder / "logo.png")
    path = folder / "partnership.yaml"
    path.write_text(
        f"name: {NAME}\nwebsite: https://northshire.example\n"
        "report_address: https://northshire.example/you-said/{year}\nemail: voice@northshire.example\n"
        "logo: logo.png\nlogo_alt: Northshire SCP\ntake_part: Ask your youth worker.\n"
    )
    return path


def _export(db_path: str, out: Path, partnership: Path, *formats: str, locale: str = "en") -> dict[str, Path]:
    args = ["export", "you-said-we-did", "--year", "2021/22", "--out", str(out), "--db", db_path, "--locale", locale]
    for fmt in formats:
        args += ["--format", fmt]
    result = CliRunner().invoke(main, args, env={"VOICE_PARTNERSHIP_FILE": str(partnership)})
    assert result.exit_code == 0, result.output
    return {p.name.removeprefix("you-said-we-did-2021-22"): p for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The year published (with a facilitator's summary among the quotes), one file exported then, two more
    answers imported late, and every format exported after; and a leaflet in Urdu."""
    folder = tmp_path_factory.mktemp("published-words")
    db_path = make_year_db(str(folder / "year.db"))
    partnership = _partnership_file(folder)
    taxonomy = default_answer_reader().taxonomy
    with opened(db_path) as db:
        answer_id = db.execute("SELECT id FROM answers WHERE text = ?", [APPROVED]).fetchone()[0]
        quote = curation.propose(db, answer_id, SUMMARY, "(YPAG session)", "sam@example.org", taxonomy, summary=True)
        curation.decide(db, quote, "approve", "alex@example.org")
        outputs.publish(db, "2021/22", taxonomy, "alex@example.org", partnership=load_partnership(partnership))
    before = _export(db_path, folder / "before", partnership, "md", "json")
    published = Catalogue(db_path, EXAMPLES).current("emotional-health-wellbeing")
    assert published is not None
    with opened(db_path) as db:
        for i in range(2):
            record(
                db,
                published,
                synthetic_answers(published, random.Random(40 + i), []) | {"area": "leicester"},
                "import",
                RecordOptions(today=dt.date(2022, 3, 1 + i)),
            )
    after = _export(db_path, folder / "after", partnership, "all")
    urdu = _export(db_path, folder / "urdu", partnership, "leaflet", "leaflet-easy", locale="ur")
    with opened(db_path) as db:
        report = outputs.check_published(
            db, outputs.build_report(db, "2021/22", taxonomy, partnership=load_partnership(partnership))
        )
    return {"before": before, "after": after, "urdu": urdu, "report": report, "db": db_path}


def texts(files: dict[str, Path]) -> dict[str, str]:
    """Each format's words, as a reader meets them (whitespace made single)."""

    def pdf(path: Path) -> str:
        return " ".join(page.extract_text() for page in PdfReader(path).pages)

    def table(path: Path) -> str:
        return "\n".join(" | ".join(row) for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))

    def strings(node: object) -> list[str]:
        if isinstance(node, dict):
            return [s for v in node.values() for s in strings(v)]
        if isinstance(node, list):
            return [s for v in node for s in strings(v)]
        return [node] if isinstance(node, str) and not node.startswith("data:") else []

    docx = Document(str(files[".docx"]))
    found = {
        "html": BeautifulSoup(files[".html"].read_text(), "html.parser").get_text(" "),
        "pdf": pdf(files[".pdf"]),
        "leaflet": pdf(files["-leaflet.pdf"]),
        "leaflet-easy": pdf(files["-leaflet-easy.pdf"]),
        "docx": "\n".join(
            [p.text for p in docx.paragraphs] + [c.text for t in docx.tables for r in t.rows for c in r.cells]
        ),
        "md": files[".md"].read_text(),
        "csv": table(files[".csv"]) + "\n" + table(files["-actions.csv"]),
        "json": "\n".join(strings(json.loads(files[".json"].read_text()))),
    }
    assert set(found) == set(FORMATS)
    return {name: re.sub(r"\s+", " ", text) for name, text in found.items()}


def test_every_format_says_whose_report_it_is_where_the_full_report_is_and_when(made: dict) -> None:
    words = texts(made["after"])
    today = dt.datetime.now(dt.UTC).date()
    month = month_year("en", today)
    for name, text in words.items():
        assert NAME in text, f"{name} does not say whose report it is"
        assert ADDRESS in text, f"{name} does not give the full report's web address"
        when = today.isoformat() if name == "json" else month  # data gives the day as data does
        assert when in text, f"{name} does not give the month and year"
    assert "voice@northshire.example" in words["leaflet"] and "Ask your youth worker." in words["leaflet"]
    data = json.loads(made["after"][".json"].read_text())
    assert data["partnership"]["name"] == NAME and data["partnership"]["report_address"] == ADDRESS
    assert data["partnership"]["logo"].startswith("data:image/png;base64,")
    docx = Document(str(made["after"][".docx"]))
    assert docx.inline_shapes[0]._inline.docPr.get("descr") == "Northshire SCP"  # the logo, with its words
    with made["after"][".csv"].open(encoding="utf-8-sig") as f:
        about = {r["answer_value"]: r["answer"] for r in csv.DictReader(f) if r["question"] == "about"}
    assert about["partnership"] == NAME and about["full_report"] == ADDRESS and month in about["published"]
    # The public page shows the report as published: whose it is and the month it was published.
    report = made["report"]
    with opened(made["db"]) as db:
        stored = outputs.published(db, "2021/22")
    assert stored is not None and stored.partnership.name == NAME and stored.published_on
    assert outputs.made_line("en", stored) == f"Published in {month} by {NAME}."
    assert report.partnership.report_address == ADDRESS


def test_the_leaflets_use_one_type_family_with_every_glyph_in_english_and_urdu(made: dict) -> None:
    for files in (made["after"], made["urdu"]):
        for name in ("-leaflet.pdf", "-leaflet-easy.pdf"):
            out = subprocess.run(["pdffonts", str(files[name])], capture_output=True, text=True, check=True).stdout
            fonts = [line.split()[0].split("+")[-1] for line in out.splitlines()[2:]]
            assert fonts and all(font.startswith("Noto-") for font in fonts), (name, fonts)
            assert not any("Serif" in font for font in fonts), (name, fonts)


def question(n: int, base: int) -> QuestionResult:
    """A question whose most common answer n of base young people chose (they could choose more than one)."""
    rows = [
        Row("a", "Far too long", Count(SHOWN, n, round(100 * n / base))),
        Row("b", "About right", Count(SHOWN, n // 2, round(50 * n / base))),
    ]
    return QuestionResult("wait", "How long did you wait?", "multiple_choice", Count(SHOWN, base), rows, [], [])


@pytest.mark.parametrize(
    ("n", "base", "tens", "exact"),
    [
        (29, 100, 3, False),  # 29% is about 3 in 10 (a new reader took "about 2 in 10" for a mistake)
        (9, 20, 4, False),  # 45% is about 4 in 10: a half goes down, never more by half a person
        (8, 20, 4, True),  # 40% is 4 in 10
        (40, 101, 4, False),  # 39.6% is about 4 in 10
        (19, 20, 9, False),  # 95% is about 9 in 10
        (97, 100, 10, False),  # 97% is about 10 in 10
    ],
)
def test_a_row_of_people_is_the_figure_to_the_nearest_person(n: int, base: int, tens: int, exact: bool) -> None:
    ten = outputs.in_ten(question(n, base))
    assert ten is not None and (ten.tens, ten.exact, ten.base, ten.label) == (tens, exact, base, "Far too long")
    assert 2 * abs(ten.tens * base - 10 * n) <= base
    assert outputs.in_ten(question(1, 20)) is None  # 5%: under one in ten (a half, down), no picture


def test_every_row_of_people_says_its_survey_year_and_base(made: dict) -> None:
    data = json.loads(made["after"][".json"].read_text())
    surveys = {c["title"]: c for c in data["consultations"]}
    page = BeautifulSoup(made["after"][".html"].read_text(), "html.parser")
    arrays = page.select(".icon-array")
    assert arrays
    for array in arrays:
        base = re.fullmatch(
            r"(.+) \(2021/22\): (\d+) young people answered this question\.",
            array.select_one(".icon-array-base").get_text(strip=True),
        )
        assert base, array.get_text(" ", strip=True)
        survey = surveys[base[1]]
        said = re.fullmatch(
            r"(About )?(\d+) in 10 young people who answered chose: (.+)",
            array.select_one(".icon-array-text").get_text(strip=True),
        )
        assert said, array.get_text(" ", strip=True)
        tens, answer = int(said[2]), said[3]
        drawn = len(array.select("g.icon-on"))
        assert drawn == tens
        matching = [
            (q, r)
            for q in survey["questions"]
            if q["answered"].get("n") == int(base[2])
            for r in q["rows"]
            if r["label"] == answer and r["count"].get("n")
        ]
        assert matching, f"no question of {base[1]} with {base[2]} answers and the answer {answer}"
        assert any(2 * abs(tens * int(base[2]) - 10 * r["count"]["n"]) <= int(base[2]) for _, r in matching), (
            "the picture is more than half a person from the figure"
        )
        assert all((said[1] is None) == (tens * int(base[2]) == 10 * r["count"]["n"]) for _, r in matching)
        assert base[0] in array.select_one("svg")["aria-label"]
    for name in ("leaflet", "leaflet-easy"):
        text = texts(made["after"])[name]
        assert (
            text.count("in 10 young people who answered chose")
            == len(re.findall(r"\(2021/22\): \d+ young people answered this question", text))
            >= 1
        ), name


def test_quotation_marks_only_around_approved_words_with_who_said_them(made: dict) -> None:
    report = made["report"]
    approved = {q.text: q for q in report.quotes if not q.summary}
    assert APPROVED in approved and PUBLISHED in approved and SUMMARY in {q.text for q in report.quotes}
    for name, text in texts(made["after"]).items():
        curly = re.findall(r"“([^”]*)”", text)
        straight = re.findall(r'"([^"]*)"', text) if name not in ("json", "csv") else []
        for words in curly + straight:
            words = words.strip()
            assert words in approved or (
                words.endswith("…") and any(q.startswith(words[:-1].rstrip()) for q in approved)
            ), (name, words)
        for quote in approved.values():  # each quote said with who said it, where it is shown
            for m in re.finditer(re.escape(f"“{quote.text}”"), text):
                assert quote.attribution in text[m.end() : m.end() + 80], (name, quote.text)
        if name not in ("leaflet", "leaflet-easy", "json", "csv"):  # the leaflets show one quote per priority
            assert re.search(r"In summary:\s+" + SUMMARY, text), name
        assert f"“{SUMMARY}" not in text and f'"{SUMMARY}' not in text, name


def test_the_easy_read_leaflet_has_a_picture_beside_each_point_short_sentences_and_big_type(made: dict) -> None:
    from weasyprint import HTML
    from weasyprint.formatting_structure.boxes import TextBox

    report = made["report"]
    html = leaflet_html(report, "en", easy=True)
    page = BeautifulSoup(html, "html.parser")
    points = page.select(".point")
    assert len(points) >= 8
    for point in points:  # a picture beside each point: an OpenMoji symbol with words for screen readers
        picture = point.find("img", recursive=False)
        assert picture is not None and picture["src"].startswith("data:image/svg+xml") and picture["alt"]
        assert point.get_text(strip=True)
    blocks = [el.get_text(" ", strip=True) for el in page.select("main h1, main h2, main p, main li")]
    longest = max((s for b in blocks for s in sentences(b)), key=lambda s: len(s.split()))
    assert len(longest.split()) <= EASY_SENTENCE_WORDS, f"{len(longest.split())} words: {longest}"
    easy = {
        "Keeping babies safe",
        "Feeling OK in your mind",
        "Being safe at home",
        "Being safe outside home",
        "Fair help for every family",
        "Covid",
    }
    headings = [h.get_text(strip=True) for h in page.select("section.priority h2")]
    assert headings and set(headings) <= easy, headings  # every priority in its easy-read words
    document = HTML(string=html).render()

    def boxes(box: object) -> list[object]:
        children = getattr(box, "children", [])
        return [box] + [b for child in children for b in boxes(child)]

    sizes = {b.style["font_size"] for p in document.pages for b in boxes(p._page_box) if isinstance(b, TextBox)}
    assert sizes and min(sizes) >= 16 * 4 / 3 - 0.01, f"text under 16 pt: {min(sizes) * 3 / 4:.1f} pt"
    assert len(document.pages) <= 2


def test_a_published_year_whose_answers_changed_is_reported_as_different(made: dict) -> None:
    then = made["before"][".md"].read_text()
    assert re.search(r"This is the version published on \d+ \w+ \d{4}\.", then)
    assert json.loads(made["before"][".json"].read_text())["against_published"]["responses_then"]["n"] == 43
    check = made["report"].against_published
    assert check is not None and not check.matches and check.responses_then.n == 43 and check.responses_now.n == 45
    said = "2 more young people answered (45 in all, 43 when it was published)."
    for name, text in texts(made["after"]).items():
        if name == "json":  # data: what changed as numbers (below)
            continue
        if name == "leaflet-easy":
            assert "This is not the version published on" in text, name
            continue
        assert "This is not the version published on" in text and said in text, name
        # which figures, by the question's words (a new user could not tell from "Some figures are different.")
        listed = re.search(r"Figures that are different: ([^.]+)\.", text)
        assert listed is not None and "Where do you live?" in listed.group(1), name
        assert "Some figures are different" not in text, name
    changed = check.changed_figures
    assert changed and all(kind in ("question", "topic", "threshold") for kind, _ in changed), changed
    data = json.loads(made["after"][".json"].read_text())
    assert data["against_published"]["responses_now"]["n"] == 45


def test_every_topic_and_priority_has_easy_words_and_every_topic_a_picture() -> None:
    from voice.demo import DEMO_YEARS
    from voice.reading.themes import EASY_TOPIC_NAMES, default_taxonomy
    from voice.reporting.exports import PICTURE_NAMES, pictures
    from voice.reporting.priorities import load_plan

    topics = default_taxonomy().topics
    assert all(t.easy_name and t.picture in pictures() for t in topics)
    assert sorted(EASY_TOPIC_NAMES) == sorted(t.easy_name for t in topics)
    assert all(len(t.easy_name.split()) <= 5 for t in topics)
    assert set(PICTURE_NAMES) == set(pictures())  # each picture says what it shows
    for _, plan_file in DEMO_YEARS:
        plan = load_plan(plan_file, default_taxonomy())
        assert all(p.easy_name for p in plan.priorities) and all(a.easy_title for a in plan.actions), plan_file


def test_the_report_leads_with_what_young_people_said_most_and_ends_kindly_with_the_rest(made: dict) -> None:
    data = json.loads(made["after"][".json"].read_text())

    def said(p: dict) -> int:
        return sum(t["count"].get("n") or 0 for t in p["topics"] if t["count"]["state"] == "shown") + len(p["quotes"])

    shown = [p for p in data["priorities"] if p["actions"] or p["planned"] or p["quotes"]]
    expected = sorted((p for p in shown if said(p)), key=lambda p: -said(p))
    quiet = [p for p in shown if not said(p)]
    assert expected and quiet, "the fixture has both"
    page = BeautifulSoup(made["after"][".html"].read_text(), "html.parser")
    order = [s["aria-labelledby"].removeprefix("priority-") for s in page.select("section.ysd")]
    assert order == [p["key"] for p in expected + quiet]
    kind = page.select_one("section.quiet")
    assert kind is not None and "Not many young people wrote to us about these yet" in kind.get_text(" ")
    assert all(s.find_parent("section", class_="quiet") is None for s in page.select("section.ysd")[: len(expected)])
    assert all("You said" not in s.get_text(" ") for s in kind.select("section.ysd"))


def test_a_partnership_file_with_a_problem_is_refused_with_what_is_wrong(tmp_path: Path) -> None:
    from voice.common.settings import Settings, SettingsError
    from voice.reporting.partnership import partnership_for

    bad = tmp_path / "partnership.yaml"
    bad.write_text("name: Northshire SCP\nwebsite: northshire.example\nlogo: logo.gif\n")
    with pytest.raises(SettingsError, match=r"VOICE_PARTNERSHIP_FILE: .*partnership.yaml.*\$\.website"):
        partnership_for(Settings(partnership_file=str(bad)))
    bad.write_text("name: Northshire SCP\nlogo: logo.gif\n")
    with pytest.raises(SettingsError, match=r"the logo must be an SVG, PNG or JPEG file, not logo\.gif"):
        partnership_for(Settings(partnership_file=str(bad)))
    from voice.store.db import migrate

    migrate(str(tmp_path / "v.db"))
    result = CliRunner().invoke(
        main,
        ["export", "you-said-we-did", "--year", "2021/22", "--db", str(tmp_path / "v.db")],
        env={"VOICE_PARTNERSHIP_FILE": str(bad)},
    )
    assert result.exit_code == 1 and "VOICE_PARTNERSHIP_FILE" in result.output and "Traceback" not in result.output


def test_an_easy_read_name_longer_than_an_easy_sentence_is_refused_at_import(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "year: 2022/23\npriorities:\n  - id: covid\n    name: Covid\n    easy_name: " + " ".join(["word"] * 16) + "\n"
    )
    result = CliRunner().invoke(main, ["priorities", "import", str(plan), "--db", str(tmp_path / "p.db")])
    assert result.exit_code == 1
    assert f"{plan}:5: $.priorities[0].easy_name: easy read keeps to 15 words at most; this has 16" in result.output
