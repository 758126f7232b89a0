"""Our development documents for issue 4 (tests/devshapes) end to end.

Five invented films in shapes the seeds do not show: review headlines with a quoted title and a
verb, an original title only as "Original (English)", mastheads and box-office headlines, a
headline's short form, a Markdown blog, an HTML credits <aside>, trade credit blocks, dot-leader
and dash cast lists, capsule columns ("Dir.", "Cert 12A   96 mins"), relative release dates,
festival prizes and award counts. The rules were tuned against these documents, so the floors
below guard against regressions; they are not an unseen-data figure (that is tests/heldout2).
Every expectation comes from the gold.json files beside the documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from critica.evaluate.facts import score_report
from critica.records import Report
from goldsets import fold, load_golds, run_golds
from support import REPO

DEVSHAPES = REPO / "tests" / "devshapes"


@pytest.fixture(scope="module")
def golds() -> list[tuple[Path, dict[str, Any]]]:
    return load_golds(DEVSHAPES)


@pytest.fixture(scope="module")
def report(golds: list[tuple[Path, dict[str, Any]]]) -> Report:
    return run_golds(golds)


def test_each_gold_film_is_exactly_one_film_with_its_title_and_year(
        report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    assert not report.rejected, report.rejected
    assert len(report.films) == len(golds)
    for folder, gold in golds:
        paths = {str(folder / d["file"]) for d in gold["documents"]}
        films = [f for f in report.films if {d.path for d in f.documents} == paths]
        assert len(films) == 1, (gold["film"]["title"], [(f.title, f.year) for f in report.films])
        assert fold(films[0].title) == fold(gold["film"]["title"])
        assert films[0].year == gold["film"]["year"]
        if fold(gold["film"]["original_title"]) != fold(gold["film"]["title"]):
            assert films[0].original_title
            assert fold(films[0].original_title) == fold(gold["film"]["original_title"])


def test_fact_scores_stay_above_their_floors(
        report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    texts = {d.path: d.text for d in report.documents}
    table = score_report(report, golds, texts)
    rows = {row.model: row.metrics for row in table.rows}
    assert rows["all fields (micro)"]["f1"] >= 0.95
    assert rows["all fields (micro)"]["precision"] >= 0.95
    assert rows["film identification"]["accuracy"] == 1.0
    assert rows["quotes exact"]["accuracy"] == 1.0
    for name in ("directors", "writers", "cast_actor", "cast_character", "runtime_min",
                 "release_dates", "budget", "box_office", "awards"):
        assert rows[name]["f1"] >= 0.9, (name, rows[name])


def test_no_film_for_mastheads_columns_or_passing_mentions(report: Report) -> None:
    titles = {fold(f.title) for f in report.films}
    assert not titles & {"the lakeshore ledger", "the evening lantern", "the desert courier",
                         "weekend box office", "kestrel", "toronto diary, day five",
                         "cold harbour lights", "salt flats serenade", "night bus to laredo"}
