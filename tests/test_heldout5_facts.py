"""The fifth held-out set (tests/heldout5) end to end: the final test of the identification work.

13 documents of our own prose about 5 invented films (a Norwegian film known by its English
title, Snø på tunga / Snow on the Tongue; an indie comedy, Long Division; a documentary, Ninety
Acres; and two different films called Cold Harbour, 1961 and its 2024 remake), in shapes the
earlier sets do not all show: a film database page with dotted leaders and DD.MM.YYYY dates, a
social review page dump, a Screen-style "Dir/scr:" trade review, a newsletter interview, an
old-school DVD review ("Perp Profile"), a Markdown list, a press release, a Markdown
retrospective, an HTML page with JSON-LD NewsArticle metadata and a pre-production news item cut
off mid-sentence. gold.json files were filled in before critica was run on them. The set was
measured twice and never opened while rules were changed: once at first sight (no change to
src/), once after the work that used tests/heldout4 as its development set
(docs/benchmarks.md, "Facts on unseen documents (tests/heldout5)").

Target (issue 4): F1 >= 0.9 per field; not reached. The floors below sit about 0.05 under the
second measurement so that a regression fails; fields measured at 0 (awards, and box office,
which these documents never state) have no floor. Expectations come from the gold.json files
only. Never tune rules on these documents; write a tests/heldout6 for the next unseen figure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from critica.evaluate.table import EvalTable
from critica.records import Report
from goldsets import (
    check_identification,
    check_micro,
    check_never_merged,
    check_no_passing_mentions,
    check_quotes_exact,
    gold_fixtures,
    kind_right,
    metadata_right,
    metric_row,
)
from support import REPO

HELDOUT5 = REPO / "tests" / "heldout5"

# F1 per field, minus about 0.05. Comments: first sight -> after the identification work.
F1_FLOORS: dict[str, float] = {
    "directors": 0.75,  # 0.7273 -> 0.8000
    "writers": 0.70,  # 0.5000 -> 0.7500
    "producers": 0.39,  # 0.4000 -> 0.4444
    "composer": 0.80,  # 0.5714 -> 0.8571
    "cast_actor": 0.70,  # 0.5946 -> 0.7586
    "cast_character": 0.70,  # 0.6000 -> 0.7500
    "runtime_min": 0.71,  # 0.6667 -> 0.7692
    "mpaa_rating": 0.95,  # 0.7500 -> 1.0000
    "rating_reason": 0.95,  # 0.6667 -> 1.0000
    "release_dates": 0.25,  # 0.2857 -> 0.3077
    "release_events": 0.25,  # 0.2857 -> 0.3077
    "budget": 0.45,  # 0.0000 -> 0.5000
    "production_companies": 0.52,  # 0.5714 -> 0.5714
    "distributors": 0.23,  # 0.2500 -> 0.2857
    "countries": 0.35,  # 0.3333 -> 0.4000
    "languages": 0.23,  # 0.2500 -> 0.2857
    "based_on": 0.95,  # 1.0000 -> 1.0000
}
# micro: 0.5632 / 0.4224 / 0.4828 -> 0.8413 / 0.4569 / 0.5922
MICRO_FLOORS = {"precision": 0.79, "recall": 0.40, "f1": 0.54}
# identification: 0.4615 / 0.0000 -> 0.5385 / 0.4000
IDENTIFICATION_FLOORS = {"accuracy": 0.48, "films_exact": 0.35}

PASSING_MENTIONS = {
    "ondines boat", "ondine's boat", "a field of bells", "the seed keepers of oaxaca",
    "night tide radio", "saltmarsh", "the glass estate",
}


golds, report, table = gold_fixtures(HELDOUT5)


def test_the_set_is_what_the_benchmark_describes(golds: list[tuple[Path, dict[str, Any]]]) -> None:
    assert len(golds) == 5
    assert sum(len(g["documents"]) for _, g in golds) == 13
    cold = sorted(g["film"]["year"] for _, g in golds if g["film"]["title"] == "Cold Harbour")
    assert cold == [1961, 2024]
    assert "Snø på tunga" in {g["film"]["original_title"] for _, g in golds}
    for folder, gold in golds:
        for d in gold["documents"]:
            assert (folder / d["file"]).is_file(), d["file"]


@pytest.mark.parametrize("name", sorted(F1_FLOORS))
def test_field_f1_stays_above_its_floor(table: EvalTable, name: str) -> None:
    assert metric_row(table, name)["f1"] >= F1_FLOORS[name], (name, metric_row(table, name))


def test_all_fields_micro_stays_above_its_floor(table: EvalTable) -> None:
    check_micro(table, MICRO_FLOORS)


def test_film_identification_stays_above_its_floor(table: EvalTable) -> None:
    check_identification(table, IDENTIFICATION_FLOORS, documents=13)


def test_every_quote_is_an_exact_substring(table: EvalTable) -> None:
    check_quotes_exact(table)


def test_same_titled_films_are_never_merged(report: Report) -> None:
    check_never_merged(report, {"cold-harbour-1961", "cold-harbour-2024"})


def test_no_film_for_passing_mentions(report: Report) -> None:
    check_no_passing_mentions(report, PASSING_MENTIONS)


def test_document_metadata_and_kind(report: Report, golds: list[tuple[Path, dict[str, Any]]]) -> None:
    right, total = metadata_right(report, golds)
    assert total == 39
    assert right / total >= 0.69, f"{right}/{total}"  # measured 29/39 = 0.744
    right, total = kind_right(report, golds)
    assert right / total >= 0.48, f"{right}/{total}"  # measured 7/13 = 0.538
