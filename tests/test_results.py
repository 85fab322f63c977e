"""Small-number protection: no count under the threshold is published, and none can be worked out
from the totals that are published (by someone who solves every sum with one unknown, repeatedly)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Hashable

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from voice.demo import synthetic_answers
from voice.intake.submissions import RecordOptions, record
from voice.reading.themes import default_answer_reader
from voice.reporting.results import (
    HIDDEN,
    SHOWN,
    SMALL,
    Count,
    Suppressor,
    SurveyResults,
    survey_results,
)
from voice.store.catalogue import Catalogue
from voice.store.db import migrate, opened


def work_out(known: dict[Hashable, int], sums: list[tuple[Hashable, list[Hashable]]]) -> dict[Hashable, int]:
    """What an attacker learns: keep solving any sum with exactly one unknown term."""
    known = dict(known)
    progress = True
    while progress:
        progress = False
        for whole, parts in sums:
            unknown = [k for k in [whole, *parts] if k not in known]
            if len(unknown) != 1:
                continue
            (missing,) = unknown
            if missing == whole:
                known[whole] = sum(known[p] for p in parts)
            else:
                known[missing] = known[whole] - sum(known[p] for p in parts if p != missing)
            progress = True
    return known


def table(counts: list[list[int]], threshold: int) -> tuple[Suppressor, dict[Hashable, str]]:
    """A two-way table with row, column and grand totals, protected."""
    sup = Suppressor(threshold)
    rows, cols = len(counts), len(counts[0])
    for r in range(rows):
        for c in range(cols):
            sup.add((r, c), counts[r][c])
        sup.add((r, "total"), sum(counts[r]))
        sup.adds_up((r, "total"), [(r, c) for c in range(cols)])
    for c in range(cols):
        sup.add(("total", c), sum(counts[r][c] for r in range(rows)))
        sup.adds_up(("total", c), [(r, c) for r in range(rows)])
    sup.add("all", sum(map(sum, counts)))
    sup.adds_up("all", [(r, "total") for r in range(rows)])
    sup.adds_up("all", [("total", c) for c in range(cols)])
    return sup, sup.solve()


@given(
    st.integers(1, 5).flatmap(
        lambda cols: st.lists(st.lists(st.integers(0, 30), min_size=cols, max_size=cols), min_size=1, max_size=5)
    )
)
def test_no_small_count_is_shown_or_can_be_worked_out(counts: list[list[int]]) -> None:
    sup, state = table(counts, 5)
    shown = {k: n for k, n in sup.counts.items() if state[k] == SHOWN}
    assert all(n >= 5 for n in shown.values())
    learned = work_out(shown, sup.sums)
    for key, n in sup.counts.items():
        if state[key] == SMALL:
            assert key not in learned, f"{key} = {n} can be worked out from the totals"
    # Where a sum's hidden terms can be pooled (whole known, other terms known), the pool is not small.
    for whole, parts in sup.sums:
        hidden = [p for p in parts if p not in learned]
        if whole in learned and hidden:
            assert learned[whole] - sum(learned[p] for p in parts if p in learned) >= 5


def test_one_small_cell_takes_another_with_it() -> None:
    _, state = table([[20, 3, 30]], 5)
    assert state[(0, 1)] == SMALL
    assert state[(0, 0)] == HIDDEN  # the next smallest, so 3 cannot be had as 53 - 20 - 30
    assert state[(0, 2)] == SHOWN and state[(0, "total")] == SHOWN


def results_for(tmp_path, spread: dict[str, int]) -> SurveyResults:  # type: ignore[no-untyped-def]
    """Responses to the wellbeing survey from `spread` areas (area value: how many), all other answers
    made up; returns its results."""
    db_path = str(tmp_path / "r.db")
    migrate(db_path)
    catalogue = Catalogue(db_path, EXAMPLES)
    published = catalogue.current("emotional-health-wellbeing")
    assert published is not None
    rng = random.Random(7)
    with opened(db_path) as db:
        for area, n in spread.items():
            for _ in range(n):
                answers = synthetic_answers(published, rng, ["I feel stressed about exams"])
                answers["area"] = area
                record(db, published, answers, "web", RecordOptions(today=dt.date(2021, 6, 1)))
        return survey_results(db, published, default_answer_reader().taxonomy, 5)


def counts_in(results: SurveyResults) -> list[Count]:
    found = [results.responses]
    for q in results.questions:
        found += [q.answered, *(r.count for r in q.rows)]
        for b in q.breakdowns:
            found += [c.count for c in b.columns] + [cell for row in b.cells for cell in row]
    for tp in results.topics:
        found += [tp.count, *tp.sentiments.values()]
    return found


def test_a_survey_results_hide_small_groups_everywhere(tmp_path) -> None:  # type: ignore[no-untyped-def]
    results = results_for(tmp_path, {"leicestershire": 30, "leicester": 12, "rutland": 3})
    counts = counts_in(results)
    assert all(c.n is None or c.n >= 5 for c in counts)
    assert all((c.n is None) == (c.state != SHOWN) for c in counts)
    area = next(q for q in results.questions if q.id == "area")
    by_value = {r.value: r.count for r in area.rows}
    assert by_value["rutland"].state == SMALL
    assert by_value["leicestershire"] == Count(SHOWN, 30, 67)
    # The three areas add up to the number who answered, so one more count is hidden with Rutland's.
    assert by_value["leicester"].state == HIDDEN or by_value["other"].state != SHOWN
    # Rutland's column in every breakdown by area is hidden or small, never a number under 5.
    for q in results.questions:
        for b in q.breakdowns:
            if b.by == "area":
                column = [c.value for c in b.columns].index("rutland")
                assert b.columns[column].count.state in (SMALL, HIDDEN)
                assert all(row[column].state != SHOWN for row in b.cells)


def test_published_survey_numbers_cannot_be_worked_out(tmp_path) -> None:  # type: ignore[no-untyped-def]
    results = results_for(tmp_path, {"leicestershire": 14, "leicester": 9, "rutland": 6})
    for q in results.questions:
        if q.kind == "multiple_choice":
            continue  # choices do not add up to the number who answered
        known: dict[Hashable, int] = {}
        sums: list[tuple[Hashable, list[Hashable]]] = [("answered", [("row", i) for i in range(len(q.rows))])]
        if q.answered.n is not None:
            known["answered"] = q.answered.n
        for i, row in enumerate(q.rows):
            if row.count.n is not None:
                known[("row", i)] = row.count.n
        for b in q.breakdowns:
            sums.append(("answered", [(b.by, "col", j) for j in range(len(b.columns))]))
            for j, col in enumerate(b.columns):
                if col.count.n is not None:
                    known[(b.by, "col", j)] = col.count.n
                sums.append(((b.by, "col", j), [(b.by, i, j) for i in range(len(q.rows))]))
            for i, cells in enumerate(b.cells):
                sums.append((("row", i), [(b.by, i, j) for j in range(len(cells))]))
                known.update({(b.by, i, j): c.n for j, c in enumerate(cells) if c.n is not None})
        learned = work_out(known, sums)
        assert all(n >= 5 for n in learned.values()), f"{q.id}: a count under 5 can be worked out"


def test_a_choice_from_an_earlier_version_is_named_and_counted_as_it_was_asked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A survey's age bands changed ("11 to 13" became "10 to 12" ...): the answers given to the earlier version keep
    their band's words in the counts and get a column of their own in every breakdown by age (a new user found a raw
    "11-13" row and breakdowns with no place for about 20 young people)."""
    import shutil

    folder = tmp_path / "surveys"
    folder.mkdir()
    source = (EXAMPLES / "emotional-health-wellbeing.yaml").read_text()
    earlier = source.replace("10 to 12", "11 to 13").replace("10-12", "11-13")  # translations name the value too
    (folder / "emotional-health-wellbeing.yaml").write_text(earlier)
    for other in EXAMPLES.glob("*.yaml"):
        if other.name != "emotional-health-wellbeing.yaml":
            shutil.copy(other, folder / other.name)
    db_path = str(tmp_path / "r.db")
    migrate(db_path)
    catalogue = Catalogue(db_path, folder, check_every=None)
    catalogue.refresh()
    old = catalogue.current("emotional-health-wellbeing")
    assert old is not None
    rng = random.Random(3)
    with opened(db_path) as db:
        for n in range(12):
            answers = synthetic_answers(old, rng, ["more clubs please"])
            answers["age_band"], answers["area"] = "11-13", ("leicester" if n % 2 else "leicestershire")
            record(db, old, answers, "web", RecordOptions(today=dt.date(2021, 6, 1)))
    (folder / "emotional-health-wellbeing.yaml").write_text(source + "\n")  # a new size: the folder has changed
    catalogue.refresh()
    now = catalogue.current("emotional-health-wellbeing")
    assert now is not None and now.version_id != old.version_id
    with opened(db_path) as db:
        for n in range(12):
            answers = synthetic_answers(now, rng, ["more clubs please"])
            answers["age_band"], answers["area"] = "13-14", ("leicester" if n % 2 else "leicestershire")
            record(db, now, answers, "web", RecordOptions(today=dt.date(2021, 6, 2)))
        results = survey_results(db, now, default_answer_reader().taxonomy, 5)
    age = next(q for q in results.questions if q.id == "age_band")
    rows = {r.value: r for r in age.rows}
    assert rows["11-13"].label == "11 to 13" and rows["11-13"].count == Count(SHOWN, 12, 50)
    area = next(q for q in results.questions if q.id == "area")
    by_age = next(b for b in area.breakdowns if b.by == "age_band")
    columns = {c.value: c for c in by_age.columns}
    assert "11-13" in columns and columns["11-13"].label == "11 to 13" and columns["11-13"].count.n == 12
