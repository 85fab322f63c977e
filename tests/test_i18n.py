"""Every word the product shows is translatable: with a pseudo-locale that marks every translated
message, no page of the young person's journey may show a word that is neither marked nor the
survey's own text (survey translations are separate, in the survey file)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import babel.dates
import msgspec
import pytest
import yaml
from babel.messages.mofile import write_mo
from bs4 import BeautifulSoup
from litestar.testing import TestClient

from tests.conftest import EXAMPLE_SLUGS, EXAMPLES, csrf, example, extracted_messages
from voice.common import i18n
from voice.common.i18n import DEFAULT_TEXTS, moment, score
from voice.common.settings import REPO_DIR, Settings
from voice.surveys.files import _yaml_load
from voice.surveys.schema import Survey
from voice.web.app import create_app

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")


def pseudo(message: str) -> str:
    """'Enter %(num)d things' -> '⟦Ëñţëŕ %(num)d ţĥîñĝš⟧': visibly translated, placeholders kept."""
    swap = str.maketrans("aceginorstuAEIOU", "âçëĝîñöŕšţûÂËÎÖÛ")
    parts = PLACEHOLDER.split(message)
    keep = PLACEHOLDER.findall(message)
    out = "".join(p.translate(swap) + (keep[i] if i < len(keep) else "") for i, p in enumerate(parts))
    return f"⟦{out}⟧"


@pytest.fixture(scope="module")
def pseudo_locale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("locale")
    catalog = extracted_messages(root, locale="en")
    for message in catalog:
        if not message.id:
            continue
        message.string = tuple(pseudo(m) for m in message.id) if message.pluralizable else pseudo(message.id)
    (root / "xx" / "LC_MESSAGES").mkdir(parents=True)
    with (root / "xx" / "LC_MESSAGES" / "messages.mo").open("wb") as f:
        write_mo(f, catalog)
    i18n.LOCALE_DIRS.append(root)
    i18n.forget_catalogues()
    yield "xx"
    i18n.LOCALE_DIRS.remove(root)
    i18n.forget_catalogues()


TEXT_KEYS = {
    "title",
    "owner",
    "audience",
    "why",
    "who_sees",
    "anonymity",
    "next_steps",
    "publish_when",
    "name",
    "description",
    "hours",
    "label",
    "hint",
    "intro",
    "text",
    "other",
    "none_option",
    "labels",
}


def survey_words(slug: str) -> list[str]:
    """Every piece of text the survey file itself shows, longest first (ids and values are not shown)."""
    found: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, str) and key in TEXT_KEYS:
            found.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)

    walk(msgspec.to_builtins(example(slug)))
    paragraphs = [" ".join(p.split()) for text in found for p in text.split("\n\n")]
    return sorted(set(paragraphs), key=len, reverse=True)


def pseudo_words(survey: Survey) -> dict[str, Any]:
    """A survey file's `translations.xx`: every word the survey shows, in the pseudo-locale."""

    def some(**texts: Any) -> dict[str, Any]:
        return {
            k: pseudo(v) if isinstance(v, str) else [pseudo(x) for x in v] for k, v in texts.items() if v is not None
        }

    questions = {}
    for _, q in survey.questions():
        entry = some(
            label=None if q.label in DEFAULT_TEXTS else q.label,
            hint=q.hint,
            text=getattr(q, "text", None),
            other=getattr(q, "other", None),
            none_option=getattr(q, "none_option", None),
            labels=getattr(q, "labels", None),
        )
        if getattr(q, "choices", None):
            entry["choices"] = {c.value: some(label=c.label, hint=c.hint) for c in q.choices}
        questions[q.id] = entry
    return {
        **some(title=survey.title, owner=survey.owner, audience=survey.audience),
        "intro": some(**msgspec.structs.asdict(survey.intro)),
        "closing": some(**msgspec.structs.asdict(survey.closing)),
        "support": [some(name=s.name, description=s.description, hours=s.hours) for s in survey.support],
        "pages": {page.id: some(title=page.title, intro=page.intro) for page in survey.pages},
        "questions": questions,
    }


def in_pseudo_locale(folder: Path) -> Path:
    """Copies of the example surveys that also offer the pseudo-locale."""
    folder.mkdir()
    for slug in EXAMPLE_SLUGS:
        data = _yaml_load((EXAMPLES / f"{slug}.yaml").read_text())
        data["languages"] = [*data.get("languages", ["en"]), "xx"]
        data.setdefault("translations", {})["xx"] = pseudo_words(example(slug))
        (folder / f"{slug}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return folder


def language_names() -> set[str]:
    """The language switcher names each language in that language: not words to translate."""
    return {i18n.language_name(code) for code in i18n.available_locales()}


def unmarked(html: str, allowed: list[str]) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    page_lang = soup.html.get("lang", "")
    for tag in soup.find_all(lambda t: t.name != "html" and t.get("lang") not in (None, page_lang)):
        tag.decompose()  # marked as another language on purpose (a report in English, a language's own name)
    text = soup.title.get_text() + " " + soup.body.get_text(" ")
    for attr in ("aria-label", "alt", "placeholder"):
        text += " " + " ".join(t[attr] for t in soup.find_all(attrs={attr: True}))
    for attr in ("data-left", "data-over"):  # a message's plural forms, by category, for the page's script
        text += " " + " ".join(" ".join(json.loads(t[attr]).values()) for t in soup.find_all(attrs={attr: True}))
    while (inner := re.sub(r"⟦[^⟦⟧]*⟧", " ", text)) != text:  # innermost first: survey words sit inside messages
        text = inner
    text = " ".join(text.split())
    for words in allowed:
        text = text.replace(words, " ")
    text = re.sub(r"\S+\.(?:uk|org|com)\S*", " ", text)  # web addresses
    return " ".join(re.findall(r"[A-Za-z]{2,}", text))


@pytest.mark.parametrize("slug", EXAMPLE_SLUGS)
def test_every_page_is_fully_translatable(pseudo_locale: str, tmp_path: Path, slug: str) -> None:
    settings = Settings(
        db_path=str(tmp_path / "v.db"), surveys_dir=str(in_pseudo_locale(tmp_path / "surveys")), secret="i18n"
    )
    # Not words to translate: a name, the switcher's language names, and what was typed.
    allowed = ["x" * 6000, "Childline", *language_names()]
    with TestClient(create_app(settings)) as client:
        client.headers["accept-language"] = pseudo_locale
        pages = []

        def visit(url: str, **kwargs: Any) -> BeautifulSoup:
            response = client.get(url, **kwargs)
            pages.append((url, response.text))
            return BeautifulSoup(response.text, "html.parser")

        visit("/")
        visit("/s/no-such-survey")
        soup = visit(f"/s/{slug}")
        url = client.post(f"/s/{slug}/start", data={"_csrf_token": csrf(soup)}, follow_redirects=False).headers[
            "location"
        ]
        while "/p/" in url:
            soup = visit(url)
            data: dict[str, Any] = {"_csrf_token": csrf(soup)}
            if soup.find("textarea"):
                data[soup.find("textarea")["name"]] = "x" * 6000  # the error state, once per page with text
                errors = client.post(url, data=data)
                pages.append((url + " (errors)", errors.text))
                data.pop(soup.find("textarea")["name"])
            url = client.post(url, data=data, follow_redirects=False).headers["location"]
        soup = visit(f"/s/{slug}/check")
        form = soup.find("form", attrs={"action": f"/s/{slug}/check"})
        fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
        thanks = client.post(f"/s/{slug}/check", data=fields, follow_redirects=False).headers["location"]
        receipt = visit(thanks).select_one(".receipt").get_text(strip=True)  # from a cookie, never the address
        expired = client.post(f"/s/{slug}/start", data={})
        pages.append(("expired form", expired.text))

    assert len(pages) >= 6
    problems = {url: left for url, html in pages if (left := unmarked(html, [*allowed, receipt]))}
    assert not problems, f"words not marked for translation: {problems}"


def test_pseudo_locale_check_catches_an_unmarked_string(pseudo_locale: str) -> None:
    html = "<html><head><title>⟦Ţîţļë⟧</title></head><body><p>⟦Ĥëļļö⟧</p><p>Plain English</p></body></html>"
    assert unmarked(html, []) == "Plain English"


def test_staff_pages_are_fully_translatable(pseudo_locale: str, tmp_path: Path) -> None:
    from voice.reading.themes import load_taxonomy
    from voice.store.accounts import add_user
    from voice.store.db import opened

    settings = Settings(db_path=str(tmp_path / "v.db"), surveys_dir=str(REPO_DIR / "surveys"), secret="i18n")
    texts = ["My dad hits me", "The youth worker really helped"]
    with TestClient(create_app(settings)) as client:
        with opened(settings.db_path) as db:
            add_user(db, "lead@example.org", "safeguarding_lead", "a long staff password")
            add_user(db, "sam@example.org", "facilitator", "a long staff password")
        for text in texts:
            client.post(
                "/api/surveys/ypag-priorities/responses", json={"answers": {"most_important": text, "quote_ok": "yes"}}
            )
        client.headers["accept-language"] = pseudo_locale
        pages = []
        for email, paths in (
            ("lead@example.org", ["/staff", "/staff/safeguarding", "/staff/safeguarding/1", "/staff/audit"]),
            (
                "sam@example.org",
                [
                    "/staff",
                    "/staff/responses",
                    "/staff/answers/2",
                    "/staff/quotes",
                    "/staff/entry",
                    "/staff/entry/ypag-priorities",
                ],
            ),
        ):
            client.cookies.clear()
            sign_in_page = client.get("/staff/sign-in")
            pages.append(("sign in", sign_in_page.text))
            token = re.search(r'name="_csrf_token" value="([^"]+)"', sign_in_page.text)[1]
            client.post(
                "/staff/sign-in", data={"_csrf_token": token, "email": email, "password": "a long staff password"}
            )
            pages += [(p, client.get(p).text) for p in paths]
    taxonomy = load_taxonomy()
    # Data, not the product's words: what the survey files, the taxonomy and people wrote, and ids.
    data = {w for s in EXAMPLE_SLUGS for w in survey_words(s)} - DEFAULT_TEXTS
    data |= {t.name for t in taxonomy.topics} | {t.id for t in taxonomy.topics}
    data |= {p for t in taxonomy.topics for p in t.priorities} | set(texts) | set(EXAMPLE_SLUGS)
    data |= {p.replace("_", " ").capitalize() for t in taxonomy.topics for p in t.priorities}  # a key no year named
    data |= {
        "lead@example.org",
        "sam@example.org",
        "Childline",
        "system",
        "facilitator",
        "safeguarding_lead",
        "abuse_at_home",
        "dad hits",
        "most_important",
        "api",
    }
    # Month names come from Babel's CLDR data in the reader's language; for the test's made-up locale, English's.
    months = {babel.dates.get_month_names("wide", locale="en_GB")[m] for m in range(1, 13)}
    allowed = sorted(data | language_names() | months, key=len, reverse=True)
    problems = {}
    for url, html in pages:
        html = re.sub(r"\b[0-9a-f]{8}\b", " ", html)  # survey version hashes
        html = re.sub(r"\b(?:staff|flag|answer|quote|response):\d+", " ", html)  # audit subjects
        if left := unmarked(html, allowed):
            problems[url] = left
    assert not problems, f"words not marked for translation: {problems}"


def test_you_said_we_did_pages_are_fully_translatable(pseudo_locale: str, tmp_path: Path) -> None:
    """The demo year's public pages and its staff pages: every word is the product's (marked) or data."""
    from voice.demo import ATTRIBUTIONS, DEMO_YEARS, SAMPLES, SAMPLES_NEXT_YEAR, SUMMARIES, seed
    from voice.reading.themes import load_taxonomy
    from voice.reporting.partnership import default_partnership
    from voice.store.accounts import add_user
    from voice.store.catalogue import Catalogue
    from voice.store.db import migrate, opened

    settings = Settings(db_path=str(tmp_path / "d.db"), surveys_dir=str(REPO_DIR / "surveys"), secret="i18n")
    migrate(settings.db_path)
    seed(Catalogue(settings.db_path, REPO_DIR / "surveys"))
    with opened(settings.db_path) as db:
        add_user(db, "sam@example.org", "facilitator", "a long staff password")
    pages = []
    with TestClient(create_app(settings)) as client:
        client.headers["accept-language"] = pseudo_locale
        for path in ("/you-said-we-did", "/you-said-we-did/2021-22", "/you-said-we-did/2021-22/ypag-priorities"):
            pages.append((path, client.get(path).text))
        token = re.search(r'name="_csrf_token" value="([^"]+)"', client.get("/staff/sign-in").text)[1]
        client.post(
            "/staff/sign-in",
            data={"_csrf_token": token, "email": "sam@example.org", "password": "a long staff password"},
        )
        for path in (
            "/staff/priorities?year=2021-22",
            "/staff/actions?year=2021-22",
            "/staff/actions/1",
            "/staff/reports?year=2021-22",
        ):
            pages.append((path, client.get(path).text))
        pages.append(("action errors", client.post("/staff/actions", data={"_csrf_token": token}).text))
    taxonomy = load_taxonomy()
    plans = [yaml.safe_load(path.read_text()) for _, path in DEMO_YEARS]
    plan = {key: [item for p in plans for item in p[key]] for key in ("priorities", "actions")}
    data = {w for s in EXAMPLE_SLUGS for w in survey_words(s)} - DEFAULT_TEXTS
    data |= {t.name for t in taxonomy.topics} | {t.id for t in taxonomy.topics} | set(EXAMPLE_SLUGS)
    data |= {
        " ".join(str(v).split())
        for item in plan["priorities"] + plan["actions"]
        for key, v in item.items()
        if isinstance(v, str)
    }
    data |= {" ".join(o.split()) for p in plan["priorities"] for o in p["outcomes"]}
    data |= {p["id"] for p in plan["priorities"]} | {s for a in plan["actions"] for s in a.get("surveys", [])}
    data |= {
        t
        for _, _, answers in SAMPLES + SAMPLES_NEXT_YEAR
        for v in answers.values()
        if isinstance(v, str)
        for t in (v, v[:140])
    }
    data |= set(ATTRIBUTIONS.values()) | set(SUMMARIES.values())
    partnership = default_partnership()  # the partnership's own words (its settings file)
    data |= {partnership.name, partnership.take_part, partnership.email}
    data |= {
        "(YPAG)",
        "(Covid survey)",
        "Young person – local domestic abuse consultation",
        "Childline",
        "sam@example.org",
        "demo",
        "HTML",
        "PDF",
        "DOCX",
        "MD",
        "CSV",
        "JSON",
    }
    allowed = sorted(data | language_names(), key=len, reverse=True)
    problems = {
        url: left
        for url, html in pages
        if (left := unmarked(html.replace("&#39;", "'").replace("&#34;", '"'), allowed))
    }
    assert not problems, f"words not marked for translation: {problems}"


def test_a_readers_score_is_cut_not_rounded_up_past_a_threshold_and_written_the_readers_way() -> None:
    """The lead reads "0.99" only where the reader's score reached the flag's threshold of 0.99: a close reading of
    0.989 sat worth a look while the page said 0.99."""
    assert score("en", 0.989) == "0.98"
    assert score("en", 0.99) == "0.99"
    assert score("en", 1.0) == "1.00"
    assert score("pl", 0.5313) == "0,53"


def test_a_moment_stored_with_its_day_only_is_shown_as_that_day_with_no_time() -> None:
    """A flag raised by the system is audited with its day only (the time would say when the answer was sent): the
    lead's history read "00:00: system, flag raised" for an answer sent at ten past one."""
    assert moment("en", "2026-12-06") == "6 December 2026"
    assert moment("pl", "2026-12-06") == "6 grudnia 2026"
    assert moment("en", "2026-12-06T01:10:00+00:00").startswith("6 December 2026, ")


def test_a_count_the_page_script_writes_has_every_plural_form_of_the_language() -> None:
    """The character counter said "You have 1 characters too many", and in Polish one form for every number: the page
    now gets each plural form by CLDR category, for Intl.PluralRules to choose as the count changes."""
    left = ("You have %(num)s character left", "You have %(num)s characters left")
    assert i18n.plural_forms("en", *left) == {
        "one": "You have {count} character left",
        "other": "You have {count} characters left",
    }
    polish = i18n.plural_forms("pl", *left)
    assert polish["one"] == "Został Ci {count} znak"
    assert polish["few"] == "Zostały Ci {count} znaki"  # 2, 3, 4, 22 ...
    assert polish["many"] == "Zostało Ci {count} znaków"  # 5, 11, 12 ...
    assert set(i18n.plural_forms("ur", *left)) == {"one", "other"}
