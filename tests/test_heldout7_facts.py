"""The seventh held-out set (tests/heldout7) end to end: written without reading the extraction code.

tests/heldout7 (18 documents, 6 invented films, two of them called The Salt Marshal, 1974 and
its 2019 remake) was written by someone who never opened src/ and never ran critica, and was
measured ONCE on 2026-11-25 at commit cdc9919 with `critica eval facts --gold tests/heldout7`
(docs/benchmarks.md, "Facts on unseen documents (tests/heldout7)"): micro F1 0.76, film
identification 0.56. It has been a development set since then; tests/heldout8 is the next
unseen one.

The floors sit about 0.05 under that first measurement, so a regression below first sight
fails; fields first measured below 0.5 get no floor of their own (the micro floor covers them).
The expectations come from its gold.json files only.
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
    check_quotes_exact,
    gold_fixtures,
    kind_right,
    metric_row,
)
from support import REPO

HELDOUT7 = REPO / "tests" / "heldout7"

# F1 per field as first measured, minus about 0.05
F1_FLOORS: dict[str, float] = {
    "directors": 0.75,  # 0.8000
    "writers": 0.79,  # 0.8421
    "producers": 0.76,  # 0.8182
    "composer": 0.80,  # 0.8571
    "cast_actor": 0.78,  # 0.8358
    "cast_character": 0.77,  # 0.8254
    "runtime_min": 0.80,  # 0.8571
    "mpaa_rating": 0.77,  # 0.8235
    "rating_reason": 0.61,  # 0.6667
    "release_dates": 0.71,  # 0.7647
    "release_events": 0.57,  # 0.6286
    "budget": 0.75,  # 0.8000
    "box_office": 0.69,  # 0.7407
    "production_companies": 0.57,  # 0.6250
    "distributors": 0.58,  # 0.6316
    "countries": 0.67,  # 0.7273
    "based_on": 0.80,  # 0.8571
    "awards": 0.66,  # 0.7154
}
MICRO_FLOORS = {"precision": 0.69, "recall": 0.73, "f1": 0.71}  # 0.7422 / 0.7810 / 0.7611
IDENTIFICATION_FLOORS = {"accuracy": 0.50, "films_exact": 0.45}  # 0.5556 / 0.5000
KIND_FLOOR = 0.72  # 14/18 = 0.7778


golds, report, table = gold_fixtures(HELDOUT7)


def test_the_set_is_what_its_readme_describes(golds: list[tuple[Path, dict[str, Any]]]) -> None:
    assert len(golds) == 6
    assert sum(len(g["documents"]) for _, g in golds) == 18
    marshals = sorted(g["film"]["year"] for _, g in golds
                      if g["film"]["title"] == "The Salt Marshal")
    assert marshals == [1974, 2019]
    for folder, gold in golds:
        for d in gold["documents"]:
            assert (folder / d["file"]).is_file(), d["file"]


@pytest.mark.parametrize("name", sorted(F1_FLOORS))
def test_field_f1_stays_above_its_floor(table: EvalTable, name: str) -> None:
    assert metric_row(table, name)["f1"] >= F1_FLOORS[name], (name, metric_row(table, name))


def test_micro_and_identification_stay_above_their_floors(table: EvalTable) -> None:
    check_micro(table, MICRO_FLOORS)
    check_identification(table, IDENTIFICATION_FLOORS, documents=18)


def test_quotes_exact(table: EvalTable) -> None:
    check_quotes_exact(table)


def test_document_kind_stays_above_its_floor(report: Report,
                                             golds: list[tuple[Path, dict[str, Any]]]) -> None:
    right, total = kind_right(report, golds)
    assert right / total >= KIND_FLOOR, f"{right}/{total}"


def test_the_remake_and_the_original_stay_apart(report: Report) -> None:
    check_never_merged(report, {"the-salt-marshal-1974", "the-salt-marshal-2019"})
